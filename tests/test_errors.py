"""The error boundary: kh121's own bug exits 3 and leaves its traceback in a private log."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Result
from kh121 import boundary


def _boom(*args: object, **kwargs: object) -> object:
    raise RuntimeError("a bug deep in the loader")


@pytest.fixture
def broken(monkeypatch: pytest.MonkeyPatch) -> None:
    """A core function that kh121's commands call, failing as a bug would."""
    import kh121.commands.validate

    monkeypatch.setattr(kh121.commands.validate, "load", _boom)


def _logs() -> list[Path]:
    return sorted((Path(os.environ["KH121_CACHE_DIR"]) / "logs").glob("error-*.log"))


@pytest.mark.usefixtures("broken")
def test_a_bug_writes_its_traceback_to_a_private_log(
    cli: Callable[..., Result], ws_root: Path
) -> None:
    r = cli("validate", "--root", ws_root)
    assert r.exit_code == 3
    assert "lỗi không mong đợi" in r.stderr and "RuntimeError: a bug deep in the loader" in r.stderr
    assert "Traceback" not in r.output  # the traceback is in the log, not on the screen
    (log,) = _logs()
    assert f"chi tiết đã ghi vào {log}" in r.stderr and "khi báo lỗi, gửi kèm tệp này" in r.stderr
    text = log.read_text(encoding="utf-8")
    assert text.startswith("kh121 ")
    assert "Traceback (most recent call last)" in text and "in _boom" in text
    assert "RuntimeError: a bug deep in the loader" in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700


@pytest.mark.usefixtures("broken")
def test_a_bug_is_reported_in_english(cli: Callable[..., Result], ws_root: Path) -> None:
    r = cli("validate", "--root", ws_root, "--lang", "en")
    assert r.exit_code == 3
    (log,) = _logs()
    assert "an unexpected error has occurred" in r.stderr
    assert f"the details were written to {log}; attach this file" in r.stderr
    assert "chi tiết" not in r.stderr


@pytest.mark.usefixtures("broken")
def test_an_older_wider_log_folder_is_made_private(
    cli: Callable[..., Result], ws_root: Path
) -> None:
    folder = Path(os.environ["KH121_CACHE_DIR"]) / "logs"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    assert cli("validate", "--root", ws_root).exit_code == 3
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@pytest.mark.usefixtures("broken")
def test_only_the_newest_logs_are_kept(
    cli: Callable[..., Result], ws_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(boundary, "KEEP_LOGS", 3)
    seen: list[Path] = []
    for _ in range(5):
        assert cli("validate", "--root", ws_root).exit_code == 3
        seen.append(next(p for p in _logs() if p not in seen))
    assert _logs() == sorted(seen[-3:])  # the two oldest were removed, the newest three kept


@pytest.mark.usefixtures("broken")
def test_a_log_that_cannot_be_written_is_said(
    cli: Callable[..., Result], ws_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = ws_root / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("KH121_CACHE_DIR", str(blocker))
    r = cli("validate", "--root", ws_root, "--lang", "en")
    assert r.exit_code == 3
    assert "RuntimeError: a bug deep in the loader" in r.stderr
    assert f"the error log could not be written to {blocker / 'logs'}" in r.stderr
    assert "Traceback" not in r.output
