"""The command line reads its values without building a pydantic adapter per option, and
says exactly what typer's own reading says, value for value and error for error."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Result
from kh121 import cliparams


def test_a_command_runs_without_typers_adapters(ws_root: Path) -> None:
    code = (
        "import sys\nfrom kh121.cli import app\n"
        "try:\n    app(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print('typer._adapters' in sys.modules, 'pydantic.type_adapter' in sys.modules)\n"
    )
    argv = ["validate", "--root", str(ws_root), "--as-of", "2026-11-29", "--format", "json"]
    run = subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=60
    )
    assert run.stdout.strip().splitlines()[-1] == "False False", run.stderr


CASES = [
    ("status", "--soon", "abc"),
    ("status", "--soon", "-1"),
    ("status", "--soon", "007", "--json"),
    ("status", "--soon", "+5", "--json"),
    ("status", "--soon", " 5", "--json"),
    ("status", "--soon", "3", "--agency", "SYT"),
    ("status", "--root", "data/tasks.yaml"),
    ("status", "--root", ""),
    ("status", "--lang", "EN", "--state", "quá hạn"),
    ("validate", "nowhere.yaml"),
    ("validate", "reports", "data"),
    ("remind", "2026-H2", "--reply-days", "0"),
    ("remind", "2026-H2", "--reply-days", "61"),
    ("status", "--help"),
    ("--lang", "en", "report", "new", "--help"),
]


@pytest.mark.parametrize("args", CASES, ids=lambda a: " ".join(a))
def test_values_and_errors_are_typers_own(
    args: tuple[str, ...],
    cli: Callable[..., Result],
    ws_root: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ws_root)
    argv = [*args, "--as-of", "2026-11-29"] if "--help" not in args else list(args)
    quick = cli(*argv)
    monkeypatch.setattr(cliparams, "_TYPER_READS", False)
    slow = cli(*argv)
    assert (quick.exit_code, quick.stdout, quick.stderr) == (
        slow.exit_code,
        slow.stdout,
        slow.stderr,
    )
