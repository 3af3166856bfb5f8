"""A plan written as provinces write it: examples/ha_lam (fictional, marked so).

Joint leads (I.1.1 'any', II.2 'each'), a group that leads (I.2: UBND các huyện, since
1/7/2025 UBND các xã, phường), numbered sub-tasks under a heading row (I.1 → I.1.1, I.1.2),
quarterly reports due on day 20 and an annual one due 10/12, and a province merged into
its neighbour on 1/7/2025. Every figure below is counted by hand from the files.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, Result, write

CLI = Callable[..., Result]
AS_OF = "2026-03-01"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    root = tmp_path / "ha_lam"
    shutil.copytree(ROOT / "examples/ha_lam", root, symlinks=False)
    return root


def _status(cli: CLI, root: Path, as_of: str = AS_OF) -> dict[str, Any]:
    r = cli("status", "--root", root, "--as-of", as_of, "--json")
    assert r.exit_code == 0, r.output
    data: dict[str, Any] = json.loads(r.stdout)
    return data


def _occ(data: dict[str, Any], tid: str) -> dict[str, dict[str, Any]]:
    task = next(t for t in data["tasks"] if t["id"] == tid)
    return {o["key"]: o for o in task["occurrences"]}


def test_validates_clean(plan: Path, cli: CLI) -> None:
    r = cli("validate", "--root", plan, "--as-of", AS_OF)
    assert r.exit_code == 0 and r.stdout.strip().endswith("không có lỗi nào"), r.stdout


def test_figures_counted_by_hand(plan: Path, cli: CLI) -> None:
    data = _status(cli, plan)
    s = data["summary"]
    # I.1.1 done 28/06/2024 (due 30/06, a Sunday → 01/07): on time. I.1.2 (2025) overdue.
    # I.2: 2024 done on time, 2025 overdue, 2026 within. II.1: 9 quarters assigned, 2024-Q1
    # on time, 2025-Q3 three days late (20/09 a Saturday → 22/09, done 25/09), 2026-Q1 within,
    # six overdue. II.2 (12/2025, each lead): overdue, only one of two leads has done it.
    assert (s["total"], s["due"]) == (15, 13)
    assert (s["done_on_time"], s["done_late"]) == (3, 1)
    assert (s["open_in_time"], s["open_overdue"]) == (2, 9)
    assert s["tasks"] == 5 and s["no_data"] == 0
    assert len(data["tasks"]) == 5  # the heading row I.1 is not a task
    ii1 = _occ(data, "II.1")
    assert ii1["2025-Q3"]["days_late"] == 3 and ii1["2025-Q3"]["bin"] == "done_late"
    assert [k for k, o in ii1.items() if o["bin"] == "open_overdue"] == [
        "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q4",
    ]  # fmt: skip


def test_reports_owed_by_whom_counted_by_hand(plan: Path, cli: CLI) -> None:
    data = _status(cli, plan)
    obs = data["reports"]
    # 8 periods due; the focal point owes nothing; before 1/7/2025 Sở Nội vụ and Sở Tài
    # chính of Hà Lâm and two districts (4 a period, 6 periods); after, Tuyên Sơn's two
    # departments and three communes (5 a period, 2 periods): 34
    assert len(obs) == 34
    assert Counter(o["status"] for o in obs) == {"missing": 25, "on_time": 5, "late": 4}
    late = sorted((o["period"], o["agency"], o["days_late"]) for o in obs if o["status"] == "late")
    assert late == [
        ("2024-NAM", "HUYEN_2", 2),
        ("2025-NAM", "SNV_TS", 2),
        ("2025-NAM", "XA_B", 1),
        ("2025-Q3", "STC_TS", 4),
    ]
    owing = {(o["period"], o["agency"]) for o in obs}
    assert ("2025-Q1", "HUYEN_1") in owing and ("2025-Q3", "HUYEN_1") not in owing
    assert ("2025-Q3", "XA_C") in owing and not any(a.startswith("SKHCN") for _p, a in owing)


def test_joint_leads(plan: Path, cli: CLI) -> None:
    data = _status(cli, plan)
    task = next(t for t in data["tasks"] if t["id"] == "I.1.1")
    assert task["leads"] == ["SKHCN_HL", "SNV_HL"]
    assert task["responsibles"] == ["SKHCN_TS", "SNV_TS"]
    # 'any': Sở Nội vụ's word alone completes it
    assert _occ(data, "I.1.1")["once"]["done_on"] == "2024-06-28"
    # 'each': Sở KH&CN done 05/12/2025, Sở Tài chính not yet
    assert _occ(data, "II.2")["once"]["bin"] == "open_overdue"
    write(
        plan / "reports/2026-Q1/STC_TS.yaml",
        "schema_version: 1\nagency: STC_TS\nperiod: 2026-Q1\nnumber: 20/BC-STC\n"
        "date: 2026-01-10\nreceived: 2026-01-12\ntasks:\n"
        "  - task: II.1\n    state: in_progress\n"
        "  - task: II.2\n    state: done\n    completed_on: 2026-01-08\n",
    )
    data = _status(cli, plan)
    ii2 = _occ(data, "II.2")["once"]
    assert (ii2["bin"], ii2["done_on"], ii2["days_late"]) == ("done_late", "2026-01-08", 8)
    r = cli("status", "--root", plan, "--as-of", AS_OF)
    assert "Sở KH&CN, Sở Tài chính" in " ".join(r.stdout.split())  # every lead named


def test_each_joint_lead_is_chased_and_a_groups_task_is_the_focal_points(
    plan: Path, cli: CLI
) -> None:
    r = cli("remind", "--root", plan, "--as-of", AS_OF, "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    letters = {x["agency"]: [t["task"] for t in x["tasks"]] for x in data["letters"]}
    own = {x["agency"]: [t["task"] for t in x["tasks"]] for x in data["own"]}
    assert letters["STC_TS"] == ["II.1", "II.2"]  # II.2: 'each', its part not yet done
    assert own == {"SKHCN_TS": ["I.2", "II.2"]}  # it judges I.2; II.2 is open for both
    assert "SNV_TS" in letters and "I.1.1" not in letters["SNV_TS"]  # done by one: no one


def test_a_group_leads_its_members_report_the_focal_point_judges(plan: Path, cli: CLI) -> None:
    data = _status(cli, plan)
    i2 = _occ(data, "I.2")
    assert i2["2024"]["bin"] == "done_on_time"  # Sở KH&CN Hà Lâm's assessment
    assert (i2["2024"]["members_reported"], i2["2024"]["members_total"]) == (
        ["HUYEN_1", "HUYEN_2"],
        2,
    )
    # a commune that says done does not complete it: the focal point has not judged it
    assert i2["2025"]["bin"] == "open_overdue"
    assert (i2["2025"]["members_reported"], i2["2025"]["members_total"]) == (["XA_A", "XA_B"], 3)
    task = next(t for t in data["tasks"] if t["id"] == "I.2")
    assert task["group"] and task["responsibles"] == ["UBND_XA_TS"]
    roles = {e["agency"]: e["role"] for e in task["reports"]}
    assert roles == {
        "SKHCN_HL": "assessor",
        "HUYEN_1": "member",
        "HUYEN_2": "member",
        "SKHCN_TS": "assessor",
        "XA_A": "member",
        "XA_B": "member",
    }
    r = cli("show", "I.2", "--root", plan, "--as-of", AS_OF)
    flat = " ".join(r.stdout.split())
    assert "2/3 thành viên đã báo cáo" in flat and "2/2 thành viên đã báo cáo" in flat
    assert "nay UBND các xã, phường (UBND_XA_TS) thực hiện" in flat
    r = cli("status", "--root", plan, "--as-of", AS_OF)
    flat = " ".join(r.stdout.split())
    # a level abolished is no merger: "nay … thực hiện", not "(sáp nhập)"
    assert "I.2: kế hoạch giao UBND cấp huyện chủ trì; nay UBND cấp xã thực hiện." in flat


def test_the_plans_numbers_and_labels_not_keys(plan: Path, cli: CLI) -> None:
    r = cli("status", "--root", plan, "--as-of", AS_OF)
    out = r.stdout
    flat = " ".join(out.split())
    assert "I.1.1" in out and "I.1.2" in out
    assert "quý I/2024: hoàn thành đúng hạn" in flat
    assert "Chưa gửi báo cáo năm 2025 (hạn 10/12/2025): UBND phường Cao Lâm." in flat
    assert "nhiệm vụ hằng quý tính mỗi quý một lượt" in flat
    for key in ("2024-Q1", "2025-Q3", "2025-NAM", "once"):
        assert key not in out, key
    r = cli("overdue", "--root", plan, "--as-of", AS_OF)
    flat = " ".join(r.stdout.split())
    assert "Báo cáo quý III/2025 chưa gửi: hạn 22/09/2025" in flat
    assert "2025-Q3" not in r.stdout


def test_a_sub_task_needs_its_heading(plan: Path, cli: CLI) -> None:
    tasks = plan / "data/tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    heading = '      - id: I.1\n        number: "1."\n        heading: true\n'
    assert heading in text
    tasks.write_text(text.replace(heading, "      - id: I.9\n        number: \"9.\"\n"
                                  "        heading: true\n"), encoding="utf-8")  # fmt: skip
    r = cli("validate", "--root", plan, "--as-of", AS_OF)
    assert r.exit_code == 1 and "[E064]" in r.stdout and "I.1.1" in r.stdout


def test_scaffold_follows_the_focal_point_and_the_symbol(plan: Path, cli: CLI) -> None:
    r = cli("report", "new", "STC_TS", "--period", "2026-Q1", "--root", plan)
    assert r.exit_code == 0, r.output
    text = (plan / "reports/2026-Q1/STC_TS.yaml").read_text(encoding="utf-8")
    assert "# Báo cáo quý I/2026 của Sở Tài chính" in text
    assert "# Hạn gửi Sở KH&CN: 20/03/2026." in text  # Tuyên Sơn's, not Hà Lâm's
    assert "ví dụ 12/BC-STC" in text and "STC_TS\n" in text
    assert "đã gửi trong quý" in text


@pytest.mark.parametrize(
    ("period", "day", "province"),
    [("2024-NAM", "2024-12-17", "HÀ LÂM"), ("2025-NAM", "2025-12-17", "TUYÊN SƠN")],
)
def test_the_letterhead_in_force_on_the_reports_date(
    plan: Path, cli: CLI, period: str, day: str, province: str
) -> None:
    import docx

    assert cli("merge", period, "--root", plan, "--as-of", day).exit_code == 0
    out = plan / "bc.docx"
    r = cli("render", period, "--draft", "--date", day, "--as-of", day, "--root", plan, "-o", out)
    assert r.exit_code == 0, r.output
    header = " ".join(
        c.text for t in docx.Document(str(out)).tables for row in t.rows for c in row.cells
    )
    assert f"UBND TỈNH {province}" in header
    place = province.title().replace("Hà Lâm", "Hà Lâm")
    assert f"{place}, ngày 17 tháng 12 năm {day[:4]}" in header
    other = "TUYÊN SƠN" if province == "HÀ LÂM" else "HÀ LÂM"
    assert f"UBND TỈNH {other}" not in header


def test_a_group_is_answered_with_its_reporting_members(plan: Path, cli: CLI) -> None:
    r = cli("report", "new", "UBND cấp xã", "--period", "2026-Q1", "--root", plan)
    assert r.exit_code == 1
    flat = " ".join(r.stderr.split())
    assert "là một nhóm" in flat and "XA_A (UBND xã An Lâm)" in flat and "XA_C" in flat
    # in 2024 the districts reported, not the communes
    r = cli("report", "new", "UBND cấp huyện", "--period", "2024-Q2", "--root", plan)
    flat = " ".join(r.stderr.split())
    assert "HUYEN_1" in flat and "XA_A" not in flat


@pytest.mark.parametrize(("period", "code"), [("2024-Q2", "SNV_HL"), ("2025-Q3", "SNV_TS")])
def test_a_name_means_the_agency_of_its_period(
    plan: Path, cli: CLI, period: str, code: str
) -> None:
    r = cli("report", "new", "noi vu", "--period", period, "--root", plan)
    assert r.exit_code == 0, r.output
    assert (plan / f"reports/{period}/{code}.yaml").is_file()


def test_the_reviews_letterhead_is_the_one_in_force_on_its_date(plan: Path, cli: CLI) -> None:
    import docx

    out = plan / "sk.docx"
    r = cli(
        "review", "--from", "2024", "--to", "2025", "--docx", "--draft", "--date", "2025-12-20",
        "--root", plan, "--as-of", "2025-12-20", "-o", out,
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    header = " ".join(
        c.text for t in docx.Document(str(out)).tables[:1] for row in t.rows for c in row.cells
    )
    assert "UBND TỈNH TUYÊN SƠN" in header and "HÀ LÂM" not in header


def test_a_period_is_named_in_the_plans_words_in_every_document(plan: Path, cli: CLI) -> None:
    """The plan writes its quarters 'quý III/{year}': the letter, the form and the report say
    'quý III/2025', never the pattern, nor the year twice."""
    import docx

    def text_of(path: Path) -> str:
        d = docx.Document(str(path))
        cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in d.paragraphs] + cells)

    day = ("--as-of", "2025-10-20")
    r = cli("remind", "2025-Q3", "--root", plan, *day, "--text", "--draft")
    assert r.exit_code == 0, r.output
    assert "thực hiện Kế hoạch số 12/KH-UBND quý III/2025 " in " ".join(r.stdout.split())
    form = plan / "mau.docx"
    r = cli("report", "form", "XA_B", "--period", "2025-Q3", "--root", plan, *day, "-o", form)
    assert r.exit_code == 0, r.output
    assert "MẪU BÁO CÁO QUÝ III/2025" in text_of(form)
    assert cli("merge", "2025-Q3", "--root", plan, *day).exit_code == 0
    out = plan / "bc.docx"
    r = cli("render", "2025-Q3", "--draft", "--date", "2025-10-20", *day, "--root", plan, "-o", out)
    assert r.exit_code == 0, r.output
    report = text_of(out)
    assert "quý III/2025" in report
    for said in (r.stdout, text_of(form), report):
        assert "{year}" not in said and "2025 2025" not in said


def test_a_joint_task_is_listed_under_each_of_its_leads(plan: Path, cli: CLI) -> None:
    """II.2 is led jointly ('each') by Sở KH&CN and Sở Tài chính: `overdue` lists it under
    both (Sở Tài chính's part is the one still open: `remind` asks it), and the review says
    each took it over from its predecessor; I.1.1 ('any') likewise for Sở Nội vụ."""
    r = cli("overdue", "--root", plan, "--as-of", AS_OF)
    assert r.exit_code in (0, 1), r.output
    blocks: dict[str, list[str]] = {}
    head = ""
    for line in r.stdout.splitlines():
        if line and not line.startswith(" "):
            head = line
        elif line.startswith("  ") and not line.startswith("   "):
            blocks.setdefault(head, []).append(line.split()[0])
    by_code = {h.split("(")[1].split(")")[0]: ids for h, ids in blocks.items() if "(" in h}
    assert "II.2" in by_code["STC_TS"] and "II.2" in by_code["SKHCN_TS"]
    r = cli("review", "--json", "--root", plan, "--as-of", AS_OF)
    took = {a["code"]: a["took_over"] for a in json.loads(r.stdout)["agencies"]}
    assert took["STC_TS"][0]["tasks"] == ["II.1", "II.2"]
    assert took["SNV_TS"][0]["tasks"] == ["I.1.1", "I.1.2"]
    # the page's bars per agency: II.2's open occurrence in Sở Tài chính's (with II.1's 6),
    # I.1.1 done on time in Sở Nội vụ's
    import datetime as dt

    from kh121.loader import load_viewable
    from kh121.presenters.page import build_page
    from kh121.status import compute_status

    day = dt.date.fromisoformat(AS_OF)
    ws, _w, _x = load_viewable(plan, day, day)
    rows = {r["code"]: r for r in build_page(compute_status(ws, day), [], "—", "t")["agencies"]}
    assert rows["STC_TS"]["overdue"] == 7
    assert rows["SNV_TS"]["said"].startswith("hoàn thành đúng hạn: 1;")
    # the workbook's row per agency, the same
    import openpyxl

    out = plan / "t.xlsx"
    assert cli("export", "--xlsx", "--root", plan, "--as-of", AS_OF, "-o", out).exit_code == 0
    sheet = openpyxl.load_workbook(out)["Tổng hợp"]
    head = [c.value for c in sheet[sheet.min_row]]
    book = {r[1]: dict(zip(head, r, strict=True)) for r in sheet.iter_rows(values_only=True)}
    assert book["STC_TS"]["Chưa hoàn thành, quá hạn"] == 7
    assert book["SNV_TS"]["Hoàn thành đúng hạn"] == 1


def test_a_member_reports_from_the_day_it_exists(plan: Path, cli: CLI) -> None:
    """A commune founded after its group (XA_C from 01/10/2025, the others from 01/07)
    owes the group's 2025-Q3 report (due 20/09) nothing, and the year's report (10/12)."""
    agencies = plan / "data/agencies.yaml"
    text = agencies.read_text(encoding="utf-8")
    at = text.index("  - code: XA_C")
    write(agencies, text[:at] + text[at:].replace("started: 2025-07-01", "started: 2025-10-01", 1))
    owing = {(o["period"], o["agency"]) for o in _status(cli, plan)["reports"]}
    assert ("2025-Q3", "XA_A") in owing and ("2025-Q3", "XA_C") not in owing
    assert ("2025-NAM", "XA_C") in owing


def test_a_merger_and_a_level_abolished_are_told_apart(plan: Path, cli: CLI) -> None:
    """A department merged into another 'chịu trách nhiệm (sáp nhập)'; the districts, a level
    abolished on 1/7/2025 whose work passed to the communes, 'thực hiện' (no merger)."""
    r = cli("status", "--root", plan, "--as-of", AS_OF)
    said = " ".join(r.stdout.split())
    assert (
        "I.1.2: kế hoạch giao Sở Nội vụ Hà Lâm chủ trì; nay Sở Nội vụ chịu trách nhiệm"
        " (sáp nhập)." in said
    )
    assert "I.2: kế hoạch giao UBND cấp huyện chủ trì; nay UBND cấp xã thực hiện." in said
    r = cli("show", "I.2", "--root", plan, "--as-of", AS_OF)
    assert "nay UBND các xã, phường (UBND_XA_TS) thực hiện" in " ".join(r.stdout.split())
    r = cli("show", "I.1.2", "--root", plan, "--as-of", AS_OF)
    assert "nay Sở Nội vụ (SNV_TS) chịu trách nhiệm" in " ".join(r.stdout.split())
