"""A second plan, by data alone: examples/son_hai (fictional), run end to end.

Every figure below is computed by hand from examples/son_hai/data and its reports, as of
01/07/2026, not copied from kh121's output. The plan is issued by UBND tỉnh itself (no
approving decision), reports are due 15/06 (six months) and 15/01 of the next year (the year),
and its tasks use every deadline form:

  I.1   date 30/09/2024                 1 occurrence   done 20/09/2024: on time
  I.2   month 12/2025 (Sở KH&ĐT → STC)  1              due 31/12/2025: overdue
  II.1  quarter II/2026                 1              due 30/06/2026: overdue 1 day
  II.2  year 2026; II.3 span 2024–2026  1 each         due 31/12/2026: in time
  III.1 yearly 20/11                    2024-2026 assigned (2027 starts after 01/07/2026):
                                        2024 delivered 15/11/2024 (on time), 2025 overdue,
                                        2026 in time
  III.2 yearly 2025–2026, no day        2025 overdue (31/12/2025), 2026 in time
  III.3 half-yearly, day 10             2024-H1 … 2026-H2 assigned (6): 2024-H1, 2024-H2,
                                        2025-H1 overdue; 2025-H2, 2026-H1 delivered on time
                                        (two documents in one report); 2026-H2 in time
  III.4 quarterly, day 20               2024-Q2 … 2026-Q3 assigned (10): 9 overdue, 2026-Q3
                                        in time (20/09/2026 is a Sunday: due 21/09)
  IV.1  quarterly                       10 assigned: 2026-Q1 delivered 25/03/2026 (on time),
                                        8 overdue (2026-Q2: 30/06/2026, by 1 day), 2026-Q3
  IV.2  ongoing                         1, in time

  assigned 6 + 3 + 2 + 6 + 10 + 10 = 37; due 3 + 2 + 1 + 5 + 9 + 9 = 29;
  done on time 1 + 1 + 2 + 1 = 5; overdue 29 - 5 = 24; in time 37 - 29 = 8; 5/29 = 17,2 %.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, commit_all, filled_clerk, write

EXAMPLE = ROOT / "examples/son_hai"
AS_OF = "2026-07-01"
PLAN_121_WORDS = ("121-KH/TU", "Thanh Hóa", "36-NQ/TW", "BC-SKHCN", "Thanh Hoá")


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    root = tmp_path / "son_hai"
    shutil.copytree(EXAMPLE, root)  # the templates link is copied as a folder
    return root


def _json(cli, *args: str | Path) -> dict:  # type: ignore[no-untyped-def,type-arg]
    r = cli(*args, "--json")
    assert r.exit_code in (0, 1), r.output
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def test_validates_clean(plan: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("validate", "--root", plan, "--as-of", AS_OF)
    assert r.exit_code == 0 and r.stdout.strip() == "không có lỗi nào", r.output


def test_figures_computed_by_hand(plan: Path, cli) -> None:  # type: ignore[no-untyped-def]
    data = _json(cli, "status", "--root", plan, "--as-of", AS_OF)
    s = data["summary"]
    assert (s["tasks"], s["total"], s["due"]) == (11, 37, 29)
    assert (s["done_on_time"], s["done_late"], s["open_in_time"], s["open_overdue"]) == (
        5,
        0,
        8,
        24,
    )
    assert s["percent_done_of_due"] == 17.2
    tasks = {t["id"]: t for t in data["tasks"]}
    bins = {k: [(o["key"], o["bin"]) for o in t["occurrences"]] for k, t in tasks.items()}
    assert bins["III.3"][:6] == [
        ("2024-H1", "open_overdue"),
        ("2024-H2", "open_overdue"),
        ("2025-H1", "open_overdue"),
        ("2025-H2", "done_on_time"),  # two documents in one report, each for its occurrence
        ("2026-H1", "done_on_time"),
        ("2026-H2", "open_in_time"),
    ]
    iii3 = {o["key"]: o for o in tasks["III.3"]["occurrences"]}
    assert iii3["2024-H1"]["effective_due"] == "2024-06-10"  # day 10 of the half's last month
    assert iii3["2025-H2"]["done_on"] == "2025-12-05"
    iii4 = {o["key"]: o for o in tasks["III.4"]["occurrences"]}
    assert iii4["2024-Q2"]["due"] == "2024-06-20"
    assert iii4["2026-Q3"]["effective_due"] == "2026-09-21"  # 20/09/2026 is a Sunday
    assert [k for k, b in bins["III.4"] if b == "open_overdue"] == [
        "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4",
        "2026-Q1", "2026-Q2",
    ]  # fmt: skip
    assert [k for k, _ in bins["III.2"]] == ["2025", "2026"]  # only the years it names
    assert bins["III.2"][0][1] == "open_overdue"
    # the 2024 annual report (due 15/01/2025) speaks of 2024, not of 2025
    assert bins["III.1"][:3] == [
        ("2024", "done_on_time"),
        ("2025", "open_overdue"),
        ("2026", "open_in_time"),
    ]
    iv1 = {o["key"]: o for o in tasks["IV.1"]["occurrences"]}
    assert iv1["2026-Q1"]["bin"] == "done_on_time" and iv1["2024-Q2"]["bin"] == "open_overdue"
    assert iv1["2026-Q2"]["days_overdue"] == 1
    assert tasks["I.2"]["responsible"] == "STC" and tasks["I.2"]["lead"] == "SKHDT"
    assert tasks["II.1"]["days_overdue"] == 1


def test_periods_due_the_next_year(plan: Path, cli) -> None:  # type: ignore[no-untyped-def]
    data = _json(cli, "status", "--root", plan, "--as-of", AS_OF)
    due = {(o["agency"], o["period"]): o["due"] for o in data["reports"]}
    assert due[("SYT", "2024-NAM")] == "2025-01-15"
    assert due[("SYT", "2025-NAM")] == "2026-01-15"
    assert ("SKHCN", "2025-NAM") not in due  # the focal point owes itself nothing
    assert data["latest_period"] == "2026-H1"
    r = cli("report", "new", "SYT", "--period", "2025-NAM", "--root", plan, "--as-of", AS_OF)
    assert r.exit_code == 0, r.output
    text = (plan / "reports/2025-NAM/SYT.yaml").read_text(encoding="utf-8")
    assert "# Báo cáo năm 2025 của Sở Y tế" in text
    assert "Hạn gửi Sở KH&CN: 15/01/2026" in text
    assert "ví dụ 12/BC-SYT" in text


def test_merge_and_render_a_period(plan: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("merge", "2026-H1", "--root", plan, "--as-of", AS_OF)
    assert r.exit_code == 0, r.output
    merged = (plan / "reports/2026-H1/_tong_hop.yaml").read_text(encoding="utf-8")
    assert "days_late: 5" in merged  # Sở Nội vụ: due Monday 15/06, received 20/06
    assert "occurrence: 2025-H2" in merged and "occurrence: 2026-Q1" in merged
    filled_clerk(plan, "2026-H1", number="31", signer=False)
    r = cli("render", "2026-H1", "--root", plan, "--as-of", AS_OF)
    assert r.exit_code == 0, r.output
    docx = next((plan / "reports").glob("*.docx"))
    with zipfile.ZipFile(docx) as z:
        text = "\n".join(
            z.read(n).decode("utf-8")
            for n in z.namelist()
            if n.endswith(".xml")  # document, headers, footers, properties
        )
    assert "Số: 31/BC-KHCN" in text
    assert "Kết quả 6 tháng đầu năm 2026 thực hiện Kế hoạch số 45/KH-UBND" in text
    # the plan is its own act: the opening names it, no "Quyết định số …"
    assert "Thực hiện Kế hoạch số 45/KH-UBND ngày 15 tháng 3 năm 2024 của Ủy ban nhân" in text
    assert "Quyết định số …" not in text
    assert "Chủ trì (theo Kế hoạch)" in text
    assert "Sở Nội vụ (muộn 5 ngày)" in text
    for word in PLAN_121_WORDS:
        assert word not in text, word


def test_no_word_of_plan_121_in_any_output(plan: Path, cli) -> None:  # type: ignore[no-untyped-def]
    outputs = [
        cli("status", "--root", plan, "--as-of", AS_OF),
        cli("status", "--wide", "--root", plan, "--as-of", AS_OF),
        cli("overdue", "--root", plan, "--as-of", AS_OF),
        cli("show", "III.3", "--root", plan, "--as-of", AS_OF),
        cli("report", "new", "SXD", "--period", "2026-H1", "--root", plan, "--as-of", AS_OF),
        cli("report", "new", "--clerk", "--period", "2026-H1", "--root", plan),
        cli("merge", "2026-H1", "--root", plan, "--as-of", AS_OF),
        cli("validate", "--root", plan, "--as-of", AS_OF),
    ]
    written = [p.read_text(encoding="utf-8") for p in (plan / "reports").rglob("*.yaml")]
    for text in [r.output for r in outputs] + written:
        for word in PLAN_121_WORDS:
            assert word not in text, (word, text[:300])


def test_every_line_fits_80_columns(plan: Path, cli) -> None:  # type: ignore[no-untyped-def]
    for args in (("overdue",), ("status",), ("status", "--wide"), ("show", "IV.1")):
        r = cli(*args, "--root", plan, "--as-of", AS_OF)
        long = [line for line in r.stdout.splitlines() if len(line) > 80]
        assert not long, (args, long)


def test_an_unknown_occurrence_is_named(plan: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = plan / "reports/2026-H1/SCT.yaml"
    write(
        path, path.read_text(encoding="utf-8").replace("occurrence: 2026-H1", "occurrence: 2026-Q1")
    )
    r = cli("validate", "--root", plan, "--as-of", AS_OF)
    assert r.exit_code == 1
    flat = " ".join(r.stdout.split())  # problem lines wrap at 80 columns
    assert "lỗi[E046]: nhiệm vụ III.3 không có lượt '2026-Q1'; các lượt: 2024-H1," in flat
    assert "reports/2026-H1/SCT.yaml:18:21" in r.stdout  # the second document's line


def test_wording_that_disagrees_with_the_data_is_a_warning(plan: Path, cli) -> None:  # type: ignore[no-untyped-def]
    tasks = plan / "data/tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    write(tasks, text.replace("text: Trước ngày 20/11 hằng năm", "text: Trước ngày 21/11 hằng năm"))
    r = cli("validate", "--root", plan, "--as-of", AS_OF)
    assert r.exit_code == 0
    flat = " ".join(r.stdout.split())  # problem lines wrap at 80 columns
    assert "cảnh báo[W057]: thời hạn ghi 'Trước ngày 21/11 hằng năm' (đọc là 21/11) nhưng" in flat
    assert "dữ liệu là 20/11" in r.stdout


def test_fmt_and_diff(plan: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("fmt", "--check", "--root", plan)
    assert r.exit_code == 0, r.output

    commit_all(plan)
    path = plan / "reports/2026-H1/SCT.yaml"
    write(path, path.read_text(encoding="utf-8").replace("date: 2026-06-08", "date: 2026-06-09"))
    r = cli("diff", "--root", plan)
    assert r.exit_code == 0
    said = "Sở Công Thương, 6 tháng đầu năm 2026 — III.3 văn bản đã gửi: + 38/BC-SCT 09/06/2026"
    assert said in r.stdout
    assert "- 38/BC-SCT 08/06/2026 2026-H1" in r.stdout


def test_a_key_misplaced_is_not_suggested_as_itself(plan: Path, cli) -> None:  # type: ignore[no-untyped-def]
    tasks = plan / "data/tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    old = "          kind: date\n          date: 2024-09-30\n"
    assert old in text
    write(tasks, text.replace(old, old + "          day: 5\n"))
    r = cli("validate", "--root", plan, "--as-of", AS_OF)
    assert r.exit_code == 1 and "khóa không hợp lệ 'day'" in r.stdout
    assert "có phải 'day'" not in r.stdout
