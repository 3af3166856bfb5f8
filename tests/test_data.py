"""The shipped data files against the source decision."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import ROOT
from kh121.checks import run_checks
from kh121.loader import load
from kh121.models import MonthDeadline, YearlyDeadline
from source import SOURCE, read_source

SECTIONS, ROWS = read_source()


@pytest.fixture(scope="module")
def ws():  # type: ignore[no-untyped-def]
    workspace, problems = load(ROOT, dt.date(2026, 11, 29), targets=[])
    # The one warning: the source leaves the approving decision's number and date blank.
    assert [p.code for p in problems] == ["W056"]
    return workspace


def test_eighteen_tasks_in_five_sections(ws) -> None:  # type: ignore[no-untyped-def]
    assert [s.id for s in ws.plan.sections] == ["I", "II", "III", "IV", "V"]
    assert [len(s.tasks) for s in ws.plan.sections] == [1, 2, 9, 3, 3]
    assert [t.id for t in ws.plan.tasks()] == [r.id for r in ROWS]


def test_section_titles_verbatim(ws) -> None:  # type: ignore[no-untyped-def]
    assert {s.id: s.title for s in ws.plan.sections} == SECTIONS


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.id)
def test_task_verbatim(ws, row) -> None:  # type: ignore[no-untyped-def]
    task = next(t for t in ws.plan.tasks() if t.id == row.id)
    assert task.number == row.number
    assert task.content == row.content
    assert task.product == row.product
    assert task.lead_text == row.lead_text
    assert task.coordinators_text == row.coordinators_text
    assert task.deadline.text == row.deadline_text


def test_rows_continued_across_pages_are_one_cell(ws) -> None:  # type: ignore[no-untyped-def]
    tasks = {t.id: t for t in ws.plan.tasks()}
    assert "tạo lập ngân hàng gen, góp phần xây dựng nền nông nghiệp" in tasks["III.4"].content
    assert "nguồn tài nguyên góp phần xây dựng nền kinh tế xanh" in tasks["III.8"].content


LEADS = {
    "I.1": "STTTT",
    "II.1": "SKHCN",
    "II.2": "SKHCN",
    "III.1": "SKHCN",
    "III.2": "SNNPTNT",
    "III.3": "SNNPTNT",
    "III.4": "SNNPTNT",
    "III.5": "SKHCN",
    "III.6": "SCT",
    "III.7": "SYT",
    "III.8": "STNMT",
    "III.9": "SKHCN",
    "IV.1": "SKHCN",
    "IV.2": "SKHCN",
    "IV.3": "SKHCN",
    "V.1": "SCT",
    "V.2": "SKHCN",
    "V.3": "SKHCN",
}


def test_leads_match_the_source_names(ws) -> None:  # type: ignore[no-untyped-def]
    for task in ws.plan.tasks():
        assert task.lead == LEADS[task.id]
        agency = ws.agencies.get(task.lead)
        assert task.lead_text in (agency.name, *agency.aliases)


def test_deadline_kinds(ws) -> None:  # type: ignore[no-untyped-def]
    tasks = {t.id: t for t in ws.plan.tasks()}
    assert tasks["II.1"].deadline == MonthDeadline(
        text="Tháng 12/2025", kind="month", year=2025, month=12
    )
    assert isinstance(tasks["II.2"].deadline, MonthDeadline)
    assert tasks["II.2"].deadline.year == 2024
    assert isinstance(tasks["III.1"].deadline, YearlyDeadline)
    assert tasks["III.1"].deadline.day is None
    yearly = [
        t for t in tasks.values() if isinstance(t.deadline, YearlyDeadline) and t.deadline.day
    ]
    assert len(yearly) == 15
    assert all((t.deadline.month, t.deadline.day) == (12, 5) for t in yearly)


def test_mergers_are_data(ws) -> None:  # type: ignore[no-untyped-def]
    on = dt.date(2026, 1, 1)
    expected = {
        "STTTT": "SKHCN",
        "SKHDT": "STC",
        "SNNPTNT": "SNNMT",
        "STNMT": "SNNMT",
        "SLDTBXH": "SNV",
        "BAOTH": "BDTH",
        "DPTTH": "BDTH",
        "UBND_HUYEN": "UBND_XA",
    }
    for old, new in expected.items():
        assert ws.agencies.resolve(old, on) == new
        assert ws.agencies.resolve(old, dt.date(2025, 2, 28)) == old
    assert ws.agencies.get("SNGV").unverified


def test_shipped_data_is_clean_but_for_the_blank_in_the_source(ws) -> None:  # type: ignore[no-untyped-def]
    found = run_checks(ws, dt.date(2026, 11, 29))
    assert [(p.code, p.file, p.args["missing"]) for p in found] == [
        ("W056", "data/tasks.yaml", "số và ngày")
    ]
    source = SOURCE.read_text(encoding="utf-8")
    assert "Quyết định số /QĐ-UBND ngày tháng năm 2023" in source  # the blank is the source's


def test_every_data_file_names_its_schema() -> None:
    for name in ("tasks", "agencies", "calendar"):
        first = (ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schemas/{name}.schema.json"
        assert (ROOT / "schemas" / f"{name}.schema.json").is_file()


def test_schemas_are_up_to_date() -> None:
    from kh121.commands.schema import render_schemas

    for name, text in render_schemas().items():
        assert (ROOT / "schemas" / name).read_text(encoding="utf-8") == text, name


def test_data_is_nfc() -> None:
    import unicodedata

    for path in Path(ROOT / "data").glob("*.yaml"):
        assert unicodedata.is_normalized("NFC", path.read_text(encoding="utf-8"))
