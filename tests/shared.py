"""Setup that takes seconds and that tests only read: built once per run, shared by every
xdist worker, and checked unchanged after each test that reads it.

kh121's outputs are deterministic (the same input and date give the same bytes), so a
workspace merged and rendered once is the one every test would have built for itself. A test
that writes gets its own copy (`copy_into`); a test that only reads gets the shared folder
through `read_only`, which fails the test if a byte of it changed."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from filelock import FileLock


def run_dir(factory: pytest.TempPathFactory) -> Path:
    """The folder every worker of this run shares (one run's workers have one parent)."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def build_once(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """The folder `name`, made by `build(folder)` the first time any worker asks for it in
    this run; the others wait for it, then read the same folder."""
    base = run_dir(factory) / "kh121-shared"
    base.mkdir(exist_ok=True)
    final = base / name
    with FileLock(str(base / f"{name}.lock")):
        if not final.is_dir():
            work = base / f"{name}.building"
            shutil.rmtree(work, ignore_errors=True)  # a build that failed before
            work.mkdir()
            build(work)
            work.rename(final)
    return final


def digest(path: Path) -> dict[str, str]:
    """Every file under `path` (or `path` itself) by its sha256."""
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    return {p.relative_to(path).as_posix(): _sha256(p) for p in files}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextmanager
def read_only(path: Path) -> Iterator[Path]:
    """`path` for a test that only reads it; the test fails if it wrote there."""
    before = digest(path)
    yield path
    assert digest(path) == before, f"a test changed the shared {path}: give it its own copy"


def copy_into(shared: Path, root: Path) -> Path:
    """A test's own copy of a shared workspace, laid over `root` (its ws_root)."""
    shutil.copytree(shared, root, symlinks=True, dirs_exist_ok=True)
    return root
