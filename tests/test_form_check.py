"""Where in the Word form a line of the report written from it lies: row, task, column."""

from __future__ import annotations

from kh121.form_check import place_in_form

TEXT = """\
# Nhập từ mẫu Word x.docx bằng 'kh121 report import'.
schema_version: 1
agency: SYT
period: 2026-H2
tasks:
  - task: I.1
    state: in_progress
  - task: III.7
    state: done
    done: |
      dòng một
      dòng hai
    delivered:
      number: 12/BC-SYT
difficulties: không
"""


def test_each_line_is_placed_in_its_row_and_column() -> None:
    assert place_in_form(TEXT, 3) == (0, "", "")  # before the tasks: the form's head
    assert place_in_form(TEXT, 6) == (1, "I.1", "Mã")
    assert place_in_form(TEXT, 7) == (1, "I.1", "Tình trạng")
    assert place_in_form(TEXT, 9) == (2, "III.7", "Tình trạng")
    assert place_in_form(TEXT, 12) == (2, "III.7", "Kết quả thực hiện trong kỳ")  # continued
    assert place_in_form(TEXT, 14) == (2, "III.7", "Văn bản đã gửi (số, ngày)")


def test_a_refused_character_is_placed_where_it_was_typed() -> None:
    """The character being reported would stop the text from being read at all: it is
    placed all the same."""
    text = TEXT.replace("dòng hai", "dòng \u202ehai")
    assert place_in_form(text, 12) == (2, "III.7", "Kết quả thực hiện trong kỳ")


def test_text_that_is_no_report_is_placed_at_the_head() -> None:
    assert place_in_form("- a\n- b\n", 2) == (0, "", "")
    assert place_in_form("tasks: [1, 2]\n", 1) == (0, "", "")
