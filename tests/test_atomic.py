"""Several files written as one: all or none, and a failure names the file it failed on."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from kh121 import atomic
from kh121.atomic import FileExistsRefusedError, write_all


def _fail_on(monkeypatch: pytest.MonkeyPatch, name: str, call: str) -> None:
    """os.replace / os.link fail when their target is the file called `name`."""
    real = getattr(os, call)

    def failing(src: str, dst: str | Path, *args: object, **kwargs: object) -> None:
        if Path(dst).name == name:
            raise OSError(errno.ENOSPC, "No space left on device", str(dst))
        real(src, dst, *args, **kwargs)

    monkeypatch.setattr(atomic.os, call, failing)


def test_a_failed_rename_puts_back_every_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, c = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "c.yaml"
    a.write_text("old a\n")
    b.write_text("old b\n")
    _fail_on(monkeypatch, "b.yaml", "replace")
    with pytest.raises(OSError) as caught:
        write_all([(a, "new a\n"), (b, "new b\n"), (c, "new c\n")])
    assert caught.value.filename == str(b)  # the file it failed on, not one put back
    assert a.read_text() == "old a\n" and b.read_text() == "old b\n"
    assert not c.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml"]  # no leftovers


def test_a_file_that_appeared_meanwhile_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    real = os.link

    def raced(src: str, dst: str | Path, *args: object, **kwargs: object) -> None:
        if Path(dst).name == "b.yaml":  # someone wrote b.yaml after it was staged
            Path(dst).write_text("theirs\n")
        real(src, dst, *args, **kwargs)

    monkeypatch.setattr(atomic.os, "link", raced)
    with pytest.raises(FileExistsRefusedError) as caught:
        write_all([(a, "ours a\n"), (b, "ours b\n")], overwrite=False)
    assert str(b) in str(caught.value)
    assert not a.exists()  # all or none: a taken back
    assert b.read_text() == "theirs\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.yaml"]


def test_unchanged_files_are_not_touched(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("same\n")
    before = a.stat().st_mtime_ns, a.stat().st_ino
    assert write_all([(a, "same\n"), (b, "new\n")]) == [False, True]
    assert (a.stat().st_mtime_ns, a.stat().st_ino) == before
    assert b.read_text() == "new\n"
