"""The one way kh121 asks git: the revision a page was read from, and git's refusals in
words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import write
from kh121.errors import KnownError
from kh121.git import git, revision


def test_the_revision_and_uncommitted_data(repo: Path) -> None:
    clean = revision(repo)
    assert re.fullmatch(r"[0-9a-f]{7,}", clean), clean
    write(repo / "reports/2026-H2/SYT.yaml", "schema_version: 1\n")
    assert revision(repo) == clean + "+"  # data changed since the commit: said
    write(repo / "notes.txt", "x\n")  # a file outside data/ and reports/ does not count
    (repo / "reports/2026-H2/SYT.yaml").unlink()
    assert revision(repo) == clean


def test_outside_a_repository(tmp_path: Path) -> None:
    assert revision(tmp_path) == "—"
    with pytest.raises(KnownError) as caught:
        git(tmp_path, "rev-parse", "HEAD")
    assert "git báo lỗi" in caught.value.vi and "git failed" in caught.value.en
