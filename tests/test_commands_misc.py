"""Commands not covered elsewhere: calendar update, schema --check, render's --number/--date,
and merge's progress bar."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from docx import Document

from conftest import ROOT, fill_basis, filled_clerk


def test_calendar_update_keeps_hand_entries(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = ws_root / "data/calendar.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "extra_days_off: []", "extra_days_off:\n  - date: 2027-02-12\n    name: Nghỉ thêm (tay)"
    )
    path.write_text(text, encoding="utf-8")
    r = cli("calendar", "update", "--years", "2027", "--root", ws_root)
    assert r.exit_code == 0, r.output
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    holidays = {str(d["date"]): d["name"] for d in data["holidays"]}
    assert holidays["2027-02-06"] == "Tết Nguyên Đán"  # from the holidays package, in Vietnamese
    assert "2026-09-02" in holidays  # other years left as they were
    assert data["extra_days_off"] == [
        {"date": __import__("datetime").date(2027, 2, 12), "name": "Nghỉ thêm (tay)"}
    ]
    again = cli("calendar", "update", "--years", "2027", "--root", ws_root)
    assert "không đổi" in again.stdout  # idempotent
    assert cli("validate", "--root", ws_root, "--as-of", "2026-11-29").exit_code == 0


def test_calendar_update_default_years_are_the_plan(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (ws_root / "data/calendar.yaml").unlink()
    assert cli("calendar", "update", "--root", ws_root).exit_code == 0
    data = yaml.safe_load((ws_root / "data/calendar.yaml").read_text(encoding="utf-8"))
    assert data["years"] == list(range(2023, 2031))


def test_a_report_due_the_year_after_the_plan_needs_that_years_calendar(
    tmp_path: Path, cli
) -> None:  # type: ignore[no-untyped-def]
    """examples/son_hai runs 2024–2027 and its annual report is due 15/01 of the next year:
    the 2027 report falls due in 2028, whose holidays may move it. A calendar up to 2027 is
    warned of; `calendar update` covers 2024–2028 by default."""
    root = tmp_path / "son_hai"
    shutil.copytree(ROOT / "examples/son_hai", root)
    path = root / "data/calendar.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    short = [y for y in data["years"] if y <= 2027]
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("years:\n", 1)
    rest = rest[rest.index("holidays:") :]
    path.write_text(head + "years:\n" + "".join(f"  - {y}\n" for y in short) + rest)
    r = cli("validate", "--root", root)
    assert "W053" in r.stdout and "2028" in r.stdout, r.stdout
    path.unlink()
    assert cli("calendar", "update", "--root", root).exit_code == 0
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["years"] == [
        2024,
        2025,
        2026,
        2027,
        2028,
    ]


def test_schema_check(tmp_path: Path, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    assert cli("schema", "--check").exit_code == 1  # none written yet
    assert cli("schema").exit_code == 0
    assert cli("schema", "--check").exit_code == 0
    (tmp_path / "schemas/report.schema.json").write_text("{}", encoding="utf-8")
    r = cli("schema", "--check")
    assert r.exit_code == 1 and "report.schema.json" in r.stdout


def test_render_number_and_date(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    fill_basis(ws_root)
    folder = ws_root / "reports/2026-H2"
    folder.mkdir(parents=True)
    for f in (ROOT / "examples/demo/reports/2026-H2").glob("[A-Z]*.yaml"):
        shutil.copy(f, folder / f.name)
    filled_clerk(ws_root, "2026-H2", number=None)
    assert cli("merge", "2026-H2", "--root", ws_root, "--as-of", "2026-11-29").exit_code == 0
    r = cli(
        "render",
        "2026-H2",
        "--root",
        ws_root,
        "--as-of",
        "2026-11-29",
        "--number",
        "125/BC-SKHCN",
        "--date",
        "05/01/2027",
    )
    assert r.exit_code == 0, r.output
    doc = Document(str(ws_root / "reports/BC_121-KH-TU_2026-H2_2027-01-05.docx"))
    head = doc.tables[0]
    assert head.cell(0, 0).paragraphs[-1].text == "Số: 125/BC-SKHCN"
    assert head.cell(0, 1).paragraphs[-1].text == "Thanh Hóa, ngày 05 tháng 01 năm 2027"
    body = "\n".join(p.text for p in doc.paragraphs)
    # figures as of --as-of, dated --date
    assert "số liệu tính đến ngày 29 tháng 11 năm 2026" in body
