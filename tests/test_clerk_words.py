"""The clerk's own words and habits (issue 28): what she types is read, what she reads is
Vietnamese, and nothing on her screen is wider than 80 columns."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest

from kh121 import pager
from kh121.citation import CitationError, parse_citation
from kh121.dates import DateError, date_why, parse_date
from kh121.presenters import labels
from kh121.states import filter_of

D = dt.date(2026, 11, 15)


@pytest.mark.parametrize(
    "text",
    [
        "15/11/2026",
        "15-11-2026",
        "15.11.2026",
        "2026-11-15",
        "ngày 15 tháng 11 năm 2026",
        "Ngày 15 tháng 11 năm 2026",
        "ngay 15 thang 11 nam 2026",
        "15 tháng 11 năm 2026",
        "ngày 15/11/2026",
        " 15 / 11 / 2026 ",
    ],
)
def test_dates_as_people_type_them(text: str) -> None:
    assert parse_date(text) == D


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("31/11/2026", "tháng này có 30 ngày"),
        ("31-11-2026", "tháng này có 30 ngày"),
        ("29.02.2027", "tháng này có 28 ngày"),
        ("15/13/2026", "không có tháng 13"),
        ("15/11/26", "4 chữ số"),  # 1926 or 2026: ambiguous, refused saying why
        ("15-11.2026", "không đọc được"),
    ],
)
def test_a_date_refused_says_why(text: str, said: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert said in caught.value.vi
    assert said in date_why(text)[0]


@pytest.mark.parametrize(
    ("text", "number", "day"),
    [
        ("45/BC-SYT ngày 10/11/2026", "45/BC-SYT", dt.date(2026, 11, 10)),
        ("Báo cáo số 45/BC-SYT ngày 10/11/2026", "45/BC-SYT", dt.date(2026, 11, 10)),
        ("45/BC-SYT, 10/11/2026", "45/BC-SYT", dt.date(2026, 11, 10)),
        ("số 45/BC-SYT, ngày 10/11/2026", "45/BC-SYT", dt.date(2026, 11, 10)),
        ("Công văn số 12/SYT-NVY ngày 5 tháng 1 năm 2027", "12/SYT-NVY", dt.date(2027, 1, 5)),
        ("Quyết định số 3/QĐ-UBND ngày 5.1.2027", "3/QĐ-UBND", dt.date(2027, 1, 5)),
    ],
)
def test_a_document_cited_as_offices_cite_it(text: str, number: str, day: dt.date) -> None:
    assert parse_citation(text) == (number, day)


@pytest.mark.parametrize(
    ("text", "said"),
    [("45/BC-SYT", "cần số và ngày"), ("45/BC-SYT ngày 31/11/2026", "tháng này có 30 ngày")],
)
def test_a_citation_refused_says_why(text: str, said: str) -> None:
    with pytest.raises(CitationError) as caught:
        parse_citation(text)
    assert said in caught.value.vi


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("quá hạn", "overdue"),
        ("qua han", "overdue"),
        ("Quá Hạn", "overdue"),
        ("overdue", "overdue"),
        ("sắp đến hạn", "soon"),
        ("đã hoàn thành", "done"),
        ("chưa có báo cáo", "no_report"),
        ("chưa hoàn thành, quá hạn", "open_overdue"),
        ("open-overdue", "open_overdue"),
        ("hoàn thành đúng hạn", "done_on_time"),
    ],
)
def test_state_filters_in_her_words(text: str, key: str) -> None:
    assert filter_of(text) == key


def test_an_unknown_filter_is_none() -> None:
    assert filter_of("tạm dừng") is None


@pytest.mark.parametrize(
    ("kind", "form", "said"),
    [
        ("yearly", "month=12, day=5", "hằng năm, ngày 5/12"),
        ("month", "year=2025, month=12", "đến cuối tháng 12/2025"),
        ("ongoing", "", "thường xuyên"),
    ],
)
def test_deadline_forms_in_words(kind: str, form: str, said: str) -> None:
    assert labels.deadline_form(kind, form, "vi") == said
    assert "=" not in labels.deadline_form(kind, form, "en")


def test_once_is_said() -> None:
    assert labels.occurrence("once", "vi") == "một lần"
    assert labels.occurrence("2026-H2", "vi") == "6 tháng cuối năm 2026"
    assert labels.occurrence("2024-Q3", "vi") == "quý III/2024"
    assert labels.occurrence("2024-Q3", "en") == "Q3 2024"
    assert labels.occurrence("2025", "vi") == "2025"


REPORT = """\
schema_version: 1
agency: SYT
period: 2026-H2
number: 125
date: 10.11.2026
received: ngày 12 tháng 11 năm 2026
tasks:
  - task: III.7
    state: đã hoàn thành
    completed_on: 15-10-2026
difficulties:
  - Thiếu kinh phí.
  - Thiếu nhân lực.
"""


def test_a_report_in_her_words_is_valid(cli, ws_root: Path) -> None:  # type: ignore[no-untyped-def]
    path = ws_root / "reports/2026-H2/SYT.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(REPORT, encoding="utf-8")
    r = cli("validate", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 0, r.output
    assert "lỗi[" not in r.stdout
    r = cli("show", "III.7", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 0, r.output
    assert "nhận 12/11/2026: Đã hoàn thành" in " ".join(r.stdout.split())


def test_state_option_in_her_words(cli, ws_root: Path) -> None:  # type: ignore[no-untyped-def]
    for said in ("quá hạn", "qua han"):
        r = cli("status", "--root", ws_root, "--as-of", "2026-11-29", "--state", said)
        assert r.exit_code == 0, r.output
        assert "tình trạng quá hạn" in r.stdout and "overdue" not in r.stdout
    r = cli("status", "--root", ws_root, "--as-of", "2026-11-29", "--state", "tạm dừng")
    assert r.exit_code == 1 and "'quá hạn'" in r.stderr and "open_overdue" not in r.stderr


def test_an_impossible_day_on_the_command_line(cli, ws_root: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("status", "--root", ws_root, "--as-of", "31/11/2026")
    assert r.exit_code == 2 and "tháng này có 30 ngày" in r.stderr
    r = cli("status", "--root", ws_root, "--as-of", "29.11.2026", "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["as_of"] == "2026-11-29"


@pytest.mark.parametrize("query", ["KHCN", "Sở KHCN", "so khcn", "Sở KH&CN"])
def test_agency_found_as_she_writes_it(cli, ws_root: Path, query: str) -> None:  # type: ignore[no-untyped-def]
    r = cli("show", query, "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 0, r.output
    assert "(SKHCN)" in r.stdout.splitlines()[0]


def test_an_unknown_task_is_called_a_task(cli, ws_root: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("show", "III.10", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 1 and "không có nhiệm vụ III.10" in r.stderr


@pytest.mark.parametrize("args", [[], ["report"], ["calendar"]])
def test_the_bare_command_is_its_help(cli, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    r = cli(*args)
    assert r.exit_code == 0
    assert r.stdout.startswith("Cách dùng:") and "Lỗi" not in r.output


def test_show_says_the_deadline_in_words(cli, ws_root: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("show", "I.1", "--root", ws_root, "--as-of", "2026-11-29")
    flat = " ".join(r.stdout.split())
    assert "(hằng năm, ngày 5/12)" in flat
    for key in ("yearly", "month=", "day=", "once", "not_started", "in_progress"):
        assert key not in r.stdout


# ------------------------------------------------------------------ the pager


def test_no_pager_when_piped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KH121_PAGER", "less")
    assert not pager.wanted([], io.StringIO())


def test_no_pager_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KH121_PAGER", "less")
    tty = pager._Screen()
    assert pager.wanted([], tty)
    assert not pager.wanted(["status", "--no-pager"], tty)
    monkeypatch.setenv("KH121_PAGER", "cat")
    assert not pager.wanted([], tty)


def test_long_output_goes_through_the_pager(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = tmp_path / "paged.txt"
    script = f"import sys, pathlib; pathlib.Path(r'{seen}').write_bytes(sys.stdin.buffer.read())"
    monkeypatch.setenv("KH121_PAGER", f'{sys.executable} -c "{script}"')
    out = io.StringIO()
    pager.show("một\nhai\n", out, height=5)
    assert out.getvalue() == "một\nhai\n" and not seen.exists()  # fits: printed as is
    long = "".join(f"dòng {i}\n" for i in range(30))
    pager.show(long, out, height=5)
    assert seen.read_text(encoding="utf-8") == long


def test_fmt_writes_her_words_as_the_keys(cli, ws_root: Path) -> None:  # type: ignore[no-untyped-def]
    path = ws_root / "reports/2026-H2/SYT.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(REPORT, encoding="utf-8")
    r = cli("fmt", "--root", ws_root, path)
    assert r.exit_code == 0, r.output
    text = path.read_text(encoding="utf-8")
    for said in ('number: "125"', "date: 2026-11-10", "received: 2026-11-12", "state: done"):
        assert said in text, text
    assert "completed_on: 2026-10-15" in text and "Thiếu kinh phí.\n\n  Thiếu nhân lực." in text
    assert cli("validate", "--root", ws_root, "--as-of", "2026-11-29").exit_code == 0


def test_show_lists_the_tasks_an_agency_coordinates(cli, ws_root: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("show", "SYT", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 0, r.output
    part = r.stdout.split("Nhiệm vụ phối hợp", 1)[1].split("Báo cáo theo kỳ", 1)[0]
    ids = [x.split()[0] for x in part.splitlines() if x.startswith("  ") and x[2] != " "]
    assert "II.1" in ids and "IV.3" in ids and "III.7" not in ids  # III.7: it leads


def test_wide_says_which_columns_it_left_out(cli, ws_root: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("status", "--wide", "--root", ws_root, "--as-of", "2026-11-29")
    flat = " ".join(r.stdout.split())
    assert r.exit_code == 0 and "hẹp hơn 120: đã bỏ cột Chủ trì và Báo cáo gần nhất" in flat


def test_a_state_refused_lists_the_words_she_may_write(cli, ws_root: Path) -> None:  # type: ignore[no-untyped-def]
    path = ws_root / "reports/2026-H2/SYT.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(REPORT.replace("đã hoàn thành", "dang thuc hienn"), encoding="utf-8")
    r = cli("validate", "--root", ws_root, "--as-of", "2026-11-29")
    flat = " ".join(r.stdout.split())
    assert r.exit_code == 1 and "'Đã hoàn thành', 'Đang thực hiện' hoặc 'Chưa thực hiện'" in flat
    assert "in_progress" not in flat


def test_state_words_complete() -> None:
    from kh121.complete import states

    assert states("qua") == ["quá hạn"] and states("sắp") == ["sắp đến hạn"]


def test_show_lists_coordinated_tasks_inherited_in_a_merger(cli, ws_root: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("show", "STC", "--root", ws_root, "--as-of", "2026-11-29")
    part = r.stdout.split("Nhiệm vụ phối hợp", 1)[1]
    assert "IV.1" in part  # coordinated by Sở KH&ĐT, which merged into Sở Tài chính
