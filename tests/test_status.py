"""Where tasks and reports stand on a date: the shipped data and small report sets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import received_report, without_since, write
from kh121.filters import narrowed
from kh121.loader import load
from kh121.status import compute_status
from kh121.views import is_soon

D = dt.date
AS_OF = D(2026, 11, 29)


@pytest.fixture(autouse=True)
def _from_the_first_day(ws_root: Path) -> None:
    """These tests count every past occurrence: the record runs from the plan's first day."""
    without_since(ws_root)


def view(root: Path, as_of: dt.date = AS_OF, strict: bool = True):  # type: ignore[no-untyped-def]
    ws, problems = load(root, as_of)
    assert ws is not None
    assert not strict or [p for p in problems if p.severity == "error"] == []
    return ws, compute_status(ws, as_of)


def report(root: Path, agency: str, period: str, received: str, body: str) -> None:
    """A received report: number, date, and a state for every task its agency leads."""
    write(
        root / "reports" / period / f"{agency}.yaml",
        received_report(root, agency, period, received, body),
    )


def test_shipped_data_no_reports(ws_root: Path) -> None:
    _ws, v = view(ws_root)
    tasks = {t.id: t for t in v.tasks}
    assert {i for i, t in tasks.items() if t.next.due and t.next.due < AS_OF} == {"II.1", "II.2"}
    assert tasks["II.2"].overdue and tasks["II.2"].next.due == D(2024, 12, 31)
    assert tasks["II.1"].overdue and tasks["II.1"].overdue[0].days_overdue == 333
    for tid in ("I.1", "III.2", "III.7", "V.3"):
        assert tasks[tid].next.due == D(2026, 12, 5)
        assert tasks[tid].next.effective_due == D(2026, 12, 7)
        # each overdue year counts its days from its own deadline
        assert [o.days_overdue for o in tasks[tid].overdue] == [1090, 724, 359]
    assert tasks["III.1"].next.assumed and tasks["III.1"].next.due == D(2026, 12, 31)
    assert all(t.state == "no_report" for t in tasks.values())  # never "done" without a report
    assert tasks["I.1"].lead == "STTTT" and tasks["I.1"].responsible == "SKHCN"
    h2 = [o for o in v.obligations if o.period == "2026-H2"]
    assert {o.status for o in h2} == {"missing"}
    assert {o.effective_due for o in h2} == {D(2026, 11, 16)}
    # Sở KH&CN, the focal point, owes itself nothing
    assert sorted(o.agency for o in h2) == ["SCT", "SNGV", "SNNMT", "SNV", "STC", "SYT"]
    assert v.latest_period == "2026-H2" and len(v.missing_latest) == 6
    s = v.summary
    assert (s.total, s.done, s.open_in_time) == (66, 0, 16)
    assert s.total == s.done_on_time + s.done_late + s.open_in_time + s.open_overdue


def test_one_time_done_on_time_and_late(ws_root: Path) -> None:
    report(
        ws_root,
        "SKHCN",
        "2025-H1",
        "2025-05-14",
        "tasks:\n  - task: II.2\n    state: done\n    completed_on: 2024-12-20\n"
        "    evidence: Quyết định số 100/QĐ-UBND\n",
    )
    report(
        ws_root,
        "SKHCN",
        "2026-H1",
        "2026-05-14",
        "tasks:\n  - task: II.1\n    state: done\n    completed_on: 2026-01-15\n",
    )
    _ws, v = view(ws_root)
    tasks = {t.id: t for t in v.tasks}
    assert tasks["II.2"].bin == "done_on_time" and tasks["II.2"].state == "done"
    assert tasks["II.1"].bin == "done_late" and not tasks["II.1"].overdue
    assert v.summary.done_on_time == 1 and v.summary.done_late == 1


def test_done_without_a_date_is_not_done(ws_root: Path) -> None:
    report(ws_root, "SKHCN", "2026-H1", "2026-05-14", "tasks:\n  - task: II.1\n    state: done\n")
    _ws, v = view(ws_root)
    task = next(t for t in v.tasks if t.id == "II.1")
    assert task.overdue and task.state == "in_progress"


def test_yearly_product_met_by_delivered_document(ws_root: Path) -> None:
    report(
        ws_root,
        "SYT",
        "2026-H2",
        "2026-11-10",
        "tasks:\n  - task: III.7\n    state: done\n    delivered:\n      number: 45/BC-SYT\n"
        "      date: 2026-11-10\n",
    )
    _ws, v = view(ws_root, D(2026, 12, 1))
    task = next(t for t in v.tasks if t.id == "III.7")
    occ = {o.key: o for o in task.occurrences}
    assert occ["2026"].bin == "done_on_time" and occ["2026"].done_on == D(2026, 11, 10)
    assert occ["2025"].bin == "open_overdue"
    assert [o.key for o in task.overdue] == ["2023", "2024", "2025"]  # never reported
    assert {o.state for o in task.overdue} == {"no_report"}
    assert task.next.due == D(2027, 12, 5)  # the next one to deliver
    ob = next(o for o in v.obligations if o.period == "2026-H2" and o.agency == "SYT")
    assert ob.status == "on_time"


def test_report_not_yet_on_file_is_ignored(ws_root: Path) -> None:
    report(
        ws_root,
        "SKHCN",
        "2026-H1",
        "2026-05-14",
        "tasks:\n  - task: II.1\n    state: done\n    completed_on: 2026-01-15\n",
    )
    _ws, v = view(ws_root, D(2026, 5, 1), strict=False)  # E037: received in the future
    assert next(t for t in v.tasks if t.id == "II.1").state == "no_report"


def test_late_report(ws_root: Path) -> None:
    report(ws_root, "SCT", "2026-H2", "2026-11-20", "")
    _ws, v = view(ws_root)
    ob = next(o for o in v.obligations if o.period == "2026-H2" and o.agency == "SCT")
    assert (ob.status, ob.days_late, ob.received) == ("late", 4, D(2026, 11, 20))


def test_merged_agency_mid_period(ws_root: Path) -> None:
    # Sở TT&TT merged into Sở KH&CN on 01/03/2025: the 2024-H2 report is its own, the
    # 2025-H1 one (due 15/05/2025) is owed by Sở KH&CN, whichever code it is filed under.
    report(ws_root, "STTTT", "2024-H2", "2024-11-14", "")
    report(
        ws_root, "SKHCN", "2025-H1", "2025-05-10", "tasks:\n  - task: I.1\n    state: in_progress\n"
    )
    ws, v = view(ws_root)
    obs = {(o.agency, o.period): o.status for o in v.obligations}
    assert obs[("STTTT", "2024-H2")] == "on_time"
    assert ("STTTT", "2025-H1") not in obs
    assert ("SKHCN", "2025-H1") not in obs  # the focal point owes itself nothing
    i1 = next(t for t in v.tasks if t.id == "I.1")
    # the year's report counts for that year's occurrence, under the successor
    assert {o.key: o.state for o in i1.occurrences}["2025"] == "in_progress"
    assert {o.key: o.state for o in i1.occurrences}["2026"] == "no_report"
    assert ws.agencies.resolve("STTTT", D(2025, 2, 28)) == "STTTT"


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("y te", {"III.7"}),
        ("Sở Y tế", {"III.7"}),
        ("SYT", {"III.7"}),
        # An old agency's name finds its successor's tasks.
        (
            "thong tin va truyen thong",
            {
                "I.1",
                "II.1",
                "II.2",
                "III.1",
                "III.5",
                "III.9",
                "IV.1",
                "IV.2",
                "IV.3",
                "V.2",
                "V.3",
            },
        ),
        ("nong nghiep va phat trien nong thon", {"III.2", "III.3", "III.4", "III.8"}),
        ("tai nguyen", {"III.2", "III.3", "III.4", "III.8"}),
        ("cong thuong", {"III.6", "V.1"}),
    ],
)
def test_agency_search(ws_root: Path, query: str, ids: set[str]) -> None:
    _ws, v = view(ws_root)
    assert {t.id for t in narrowed(v, "vi", agency=query).tasks} == ids


def test_filters(ws_root: Path) -> None:
    _ws, v = view(ws_root)
    assert [t.id for t in narrowed(v, "vi", section="ii").tasks] == ["II.1", "II.2"]
    soon = narrowed(v, "vi", state="soon").tasks
    assert soon and all(any(is_soon(o, 14) for o in t.occurrences) for t in soon)
    assert "III.1" not in {t.id for t in soon}  # 31/12 is 32 days away


def test_show_lists_what_the_agencys_report_asks_of_it(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """The tasks `show SYT` says Sở Y tế coordinates are those its report form asks it
    about as coordinator: a task given to 'các sở, ban, ngành' (a group) included."""
    import datetime as dt

    from kh121.loader import load
    from kh121.scaffold import agency_tasks

    r = cli("show", "SYT", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 0, r.output
    part = r.stdout.split("Nhiệm vụ phối hợp\n", 1)[1].split("\n\n", 1)[0]
    shown = [line.split()[0] for line in part.splitlines() if not line.startswith("       ")]
    ws, _problems = load(ws_root, dt.date(2026, 11, 29), targets=[])
    assert ws is not None
    period = next(p for p in ws.periods.values() if p.id == "2026-H2")
    asked = [
        t.id for t, leads in agency_tasks(ws.plan, ws.agencies, "SYT", period.due) if not leads
    ]
    assert shown == asked and "I.1" in shown  # I.1: coordinated by the departments, a group
