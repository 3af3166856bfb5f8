"""What every document that goes out shares: its number, its file name, its placeholders."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kh121.errors import KnownError
from kh121.issuing import (
    LETTER,
    Placeholder,
    PlaceholderError,
    document_number,
    file_name,
    refuse_blanks,
    template_file,
)


@pytest.mark.parametrize(
    ("given", "written", "printed"),
    [
        ("125", None, "125/BC-SKHCN"),  # the letterhead's symbol added
        (None, "125", "125/BC-SKHCN"),  # from the writer's file
        ("130", "125", "130/BC-SKHCN"),  # the command line over the file
        ("5", None, "05/BC-SKHCN"),  # below 10: a leading zero (Decree 30/2020)
        ("5/BC-UBND", None, "05/BC-UBND"),  # a whole number as written, padded
        (" 12/BC-UBND ", None, "12/BC-UBND"),
        (None, None, None),  # nobody gave one: a placeholder, not a made-up number
        ("", "", None),
    ],
)
def test_a_documents_number(given: str | None, written: str | None, printed: str | None) -> None:
    assert document_number(given, written, "BC-SKHCN") == printed


def test_file_names_say_the_date_and_a_draft() -> None:
    day = dt.date(2026, 11, 30)
    assert (
        file_name(["BC", "121-KH/TU", "2026-H2"], day, False)
        == "BC_121-KH-TU_2026-H2_2026-11-30.docx"
    )
    assert (
        file_name(["CV_don_doc", "2026-H2"], day, True, "")
        == "CV_don_doc_2026-H2_2026-11-30_DU-THAO"
    )


def test_placeholders_refuse_a_document_to_issue_not_a_draft() -> None:
    found = [Placeholder("số chưa có", "no number", "chạy với --number SỐ", "run with --number N")]
    assert refuse_blanks([], draft=False) == 0
    assert refuse_blanks(found, draft=True) == 1
    with pytest.raises(PlaceholderError) as caught:
        refuse_blanks(found, draft=False, kind=LETTER)
    assert caught.value.vi.startswith("công văn còn 1 chỗ trống, chưa thể ban hành:\n")
    assert "  - số chưa có: chạy với --number SỐ\n" in caught.value.vi
    assert caught.value.en.startswith("the letter still has 1 placeholder(s)")


def test_a_missing_template_is_said(tmp_path: Path) -> None:
    with pytest.raises(KnownError) as caught:
        template_file(tmp_path / "bao_cao.docx")
    assert caught.value.vi == f"không có mẫu '{tmp_path / 'bao_cao.docx'}'"
    (tmp_path / "bao_cao.docx").write_bytes(b"x")
    assert template_file(tmp_path / "bao_cao.docx") == tmp_path / "bao_cao.docx"
