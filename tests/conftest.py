from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def ws_root(tmp_path: Path) -> Path:
    """A copy of the shipped data/ and templates/ with an empty reports/ folder."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    if (ROOT / "templates").exists():
        shutil.copytree(ROOT / "templates", tmp_path / "templates")
    (tmp_path / "reports").mkdir()
    return tmp_path


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr
        self.output = stdout + stderr


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run kh121 in-process at a fixed width, with no colour."""
    from kh121.cli import app

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("KH121_ROOT", raising=False)

    def run(*args: str | Path) -> Result:
        runner = CliRunner()
        res = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
        return Result(res.exit_code, res.stdout, res.stderr)

    return run


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
