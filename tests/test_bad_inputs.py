"""The bad-input corpus through the installed `kh121` command: a clear error at the
expected place, the right exit status, no traceback, bounded time, no file touched."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

CORPUS = Path(__file__).parent / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expect.yaml").exists())
# The command installed beside the interpreter running the tests, not another one on PATH.
_BESIDE = Path(sys.executable).parent / "kh121"
KH121 = str(_BESIDE) if _BESIDE.exists() else (shutil.which("kh121") or "kh121")


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def spawn_env(**more: str) -> dict[str, str]:
    """A spawned command's environment: plain, with the test's own cache folder (set by
    conftest), so that no test writes into the real ~/.cache."""
    base = {"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "LANG": "C.UTF-8"}
    return {**base, "KH121_CACHE_DIR": os.environ["KH121_CACHE_DIR"], **more}


def run(*args: str | Path, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [KH121, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=spawn_env(),
    )


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


def check_problems(problems: list[dict[str, Any]], expect: dict[str, Any]) -> None:
    """The expected problem at its place, every problem with a message and a place."""
    if expect["code"] == "OK":
        assert [p for p in problems if p["severity"] == "error"] == []
        return
    places = {(p["code"], p["file"], p["line"]) for p in problems}
    assert (expect["code"], expect["file"], expect["line"]) in places, problems
    for p in problems:
        assert p["message"] and p["line"] >= 1 and p["col"] >= 1


def _lay(case: Path, ws_root: Path) -> None:
    for src in (case / "files").rglob("*"):
        if src.is_file():
            dst = ws_root / src.relative_to(case / "files")
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)


# fmt's canonical text of each file, by (text, kind, the plan's order of tasks); see fmt_once
_CANONICAL: dict[tuple[Any, ...], str] = {}


@pytest.fixture
def fmt_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """`fmt --check` formats every file of the workspace, the shipped data too (~0.5 s of
    a case's ~0.7 s): the same four texts in nearly every case. Its canonical form is a
    function of the text, the kind and the plan's order (kh121.fmt.format_text reads
    nothing else), so each worker computes it once per distinct input and keeps it; a
    case's own file is a new text and is formatted for real, and a refusal (an exception)
    is never kept. The command, its reading, checks and writes are all run as before."""
    import kh121.fmt

    real = kh121.fmt.format_text

    def once(text: str, model: Any, plan_order: dict[str, int]) -> str:
        key = (text, model, tuple(plan_order.items()))
        if key not in _CANONICAL:
            _CANONICAL[key] = real(text, model, plan_order)
        return _CANONICAL[key]

    monkeypatch.setattr(kh121.fmt, "format_text", once)


@pytest.mark.parametrize("name", CASES)
def test_bad_input(name: str, ws_root: Path, cli, fmt_once: None) -> None:  # type: ignore[no-untyped-def]
    """Every case in-process (CliRunner): fast enough to run them all on every change."""
    case = CORPUS / name
    expect = yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))
    _lay(case, ws_root)
    before = snapshot(ws_root)
    r = cli("validate", "--root", ws_root, "--as-of", "2026-11-29", "--json")
    assert r.exit_code == expect["exit"], r.output
    check_problems(json.loads(r.stdout), expect)  # always JSON: silence cannot pass
    for args in (
        ("status", "--as-of", "2026-11-29"),
        ("merge", "2026-H2", "--as-of", "2026-11-29"),
        ("fmt", "--check"),
        ("overdue", "--json", "--as-of", "2026-11-29"),
    ):
        other = cli(*args, "--root", ws_root)
        assert other.exit_code in (0, 1), (args, other.exit_code, other.output)
        if expect["exit"] == 1 and args[0] != "fmt":  # fmt judges each file on its own
            assert other.exit_code == 1, args  # what validate refuses, no report uses
    after = snapshot(ws_root)
    created = set(after) - set(before)
    assert created <= {"reports/2026-H2/_tong_hop.yaml"}
    if expect["exit"] == 1:
        assert not created  # merge writes nothing when an input has an error
    assert {k: after[k] for k in before} == before


@pytest.mark.parametrize(
    ("name", "then"),
    [
        ("binary-garbage", ("status", "--as-of", "2026-11-29")),
        ("alias-bomb", ("merge", "2026-H2", "--as-of", "2026-11-29")),
        ("python-object-tag", ("merge", "2026-H2", "--as-of", "2026-11-29")),
        ("bom", ("status", "--as-of", "2026-11-29")),
    ],
    ids=["binary-garbage", "alias-bomb", "python-object-tag", "bom"],
)
def test_bad_input_installed(name: str, then: tuple[str, ...], ws_root: Path) -> None:
    """A few cases through the installed command: no traceback, bounded time, nothing touched."""
    case = CORPUS / name
    expect = yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))
    _lay(case, ws_root)
    before = snapshot(ws_root)
    r = run("validate", "--root", ws_root, "--as-of", "2026-11-29", "--json")
    assert "Traceback" not in r.stderr
    assert r.returncode == expect["exit"], r.stdout + r.stderr
    check_problems(json.loads(r.stdout), expect)
    # A reading or a writing command meets the same input without a traceback and without
    # damage, each as a process on two of the cases (every command meets every case
    # in-process, in test_bad_input).
    other = run(*then, "--root", ws_root)
    assert "Traceback" not in other.stderr, (then, other.stderr)
    assert other.returncode in (0, 1), (then, other.returncode, other.stderr)
    after = snapshot(ws_root)
    created = set(after) - set(before)
    assert created <= {"reports/2026-H2/_tong_hop.yaml"}
    if expect["exit"] == 1 and expect["file"].startswith("reports/2026-H2"):
        assert not created  # merge writes nothing when an input has an error
    assert {k: after[k] for k in before} == before
