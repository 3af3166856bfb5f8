"""One record of dated facts: what counts as done, what was known on a date, who owes what.

Each test runs the installed command (in-process, at 80 columns) on a copy of the shipped
data with report files written inline, at fixed dates; figures are counted by hand.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import Result, received_report, write

CLI = Callable[..., Result]


def _status(cli: CLI, root: Path, as_of: str, *more: str) -> dict[str, Any]:
    r = cli("status", "--root", root, "--as-of", as_of, "--json", *more)
    assert r.exit_code in (0, 1), r.output
    data: dict[str, Any] = json.loads(r.stdout)
    return data


def _task(data: dict[str, Any], tid: str) -> dict[str, Any]:
    return next(t for t in data["tasks"] if t["id"] == tid)


def _occ(data: dict[str, Any], tid: str, key: str) -> dict[str, Any]:
    return next(o for o in _task(data, tid)["occurrences"] if o["key"] == key)


def _report(root: Path, agency: str, period: str, received: str | None, body: str) -> Path:
    text = received_report(root, agency, period, received or "2026-11-10", body)
    if received is None:
        text = text.replace("received: 2026-11-10\n", "")
    return write(root / "reports" / period / f"{agency}.yaml", text)


# --------------------------------------------------------------------- the completion rule


def test_done_with_completed_on_completes_a_yearly_occurrence(ws_root: Path, cli: CLI) -> None:
    # III.3 is yearly, due 05/12 (Sở NN&MT since 1/3/2025): done, completed 05/11/2026
    _report(
        ws_root,
        "SNNMT",
        "2026-H2",
        "2026-11-12",
        "tasks:\n  - task: III.3\n    state: done\n    completed_on: 2026-11-05\n",
    )
    data = _status(cli, ws_root, "2026-12-10")
    occ = _occ(data, "III.3", "2026")
    assert occ["bin"] == "done_on_time" and occ["done_on"] == "2026-11-05"
    r = cli("status", "--root", ws_root, "--as-of", "2026-12-10")
    assert "III.3" in r.stdout and "2026: hoàn thành đúng hạn" in " ".join(r.stdout.split())


def test_a_document_under_another_state_is_not_done(ws_root: Path, cli: CLI) -> None:
    _report(
        ws_root,
        "SCT",
        "2026-H2",
        "2026-11-20",
        "tasks:\n  - task: III.6\n    state: in_progress\n"
        "    delivered:\n      number: 12/QĐ-SCT\n      date: 2026-11-18\n",
    )
    data = _status(cli, ws_root, "2026-12-10")
    assert _occ(data, "III.6", "2026")["done_on"] is None
    r = cli("validate", "--root", ws_root, "--as-of", "2026-12-10")
    assert "[W063]" in r.stdout and "12/QĐ-SCT" in r.stdout


def test_the_report_itself_proves_nothing(ws_root: Path, cli: CLI) -> None:
    text = received_report(
        ws_root,
        "SCT",
        "2026-H2",
        "2026-11-20",
        "tasks:\n  - task: III.6\n    state: done\n"
        "    delivered:\n      number: 1/BC-SCT\n      date: 2026-11-18\n",
    )
    write(ws_root / "reports/2026-H2/SCT.yaml", text)
    data = _status(cli, ws_root, "2026-12-10")
    assert _occ(data, "III.6", "2026")["done_on"] is None
    r = cli("validate", "--root", ws_root, "--as-of", "2026-12-10")
    assert "[W064]" in r.stdout and "[W054]" in r.stdout


def test_a_coordinator_never_completes_and_a_contradiction_is_counted(
    ws_root: Path, cli: CLI
) -> None:
    # III.2: lead Sở NN&MT says done (with a day); Sở Công Thương, a coordinator, not started
    _report(
        ws_root,
        "SNNMT",
        "2026-H2",
        "2026-11-12",
        "tasks:\n  - task: III.2\n    state: done\n    completed_on: 2026-11-01\n",
    )
    _report(ws_root, "SCT", "2026-H2", "2026-11-13", "tasks:\n  - task: III.2\n    state: done\n")
    data = _status(cli, ws_root, "2026-12-10")
    assert _occ(data, "III.2", "2026")["done_on"] == "2026-11-01"
    assert data["summary"]["disputed"] == 0  # both say done: no dispute
    _report(
        ws_root,
        "SCT",
        "2026-H2",
        "2026-11-13",
        "tasks:\n  - task: III.2\n    state: not_started\n",
    )
    data = _status(cli, ws_root, "2026-12-10")
    assert _occ(data, "III.2", "2026")["disputed"] == ["SCT: not_started"]
    assert data["summary"]["disputed"] == 1
    r = cli("status", "--root", ws_root, "--as-of", "2026-12-10")
    assert "1 lượt còn ý kiến khác nhau" in " ".join(r.stdout.split())
    # and the lead alone never... a coordinator's done alone completes nothing
    (ws_root / "reports/2026-H2/SNNMT.yaml").unlink()
    _report(ws_root, "SCT", "2026-H2", "2026-11-13", "tasks:\n  - task: III.2\n    state: done\n")
    data = _status(cli, ws_root, "2026-12-10")
    assert _occ(data, "III.2", "2026")["done_on"] is None


def test_a_coordinators_document_never_completes(full_root: Path, cli: CLI) -> None:
    # III.2 is Sở NN&MT's; Sở Công Thương coordinates and cites a 2025 product
    _report(
        full_root,
        "SCT",
        "2026-H2",
        "2026-11-20",
        "tasks:\n  - task: III.2\n    state: in_progress\n"
        "    delivered:\n      number: 7/QĐ-SCT\n      date: 2025-11-18\n      for_year: 2025\n",
    )
    data = _status(cli, full_root, "2026-12-10")
    assert _occ(data, "III.2", "2025")["done_on"] is None
    # the lead's own document naming 2025 is its word that 2025 was delivered
    _report(
        full_root,
        "SNNMT",
        "2026-H2",
        "2026-11-12",
        "tasks:\n  - task: III.2\n    state: in_progress\n"
        "    delivered:\n      number: 9/QĐ-SNNMT\n      date: 2025-11-18\n"
        "      for_year: 2025\n",
    )
    data = _status(cli, full_root, "2026-12-10")
    assert _occ(data, "III.2", "2025")["done_on"] == "2025-11-18"
    assert _occ(data, "III.2", "2026")["done_on"] is None


# --------------------------------------------------------------------- as of a past date


def test_the_past_as_it_stood(ws_root: Path, cli: CLI) -> None:
    """A report received on 12/11 is not yet known on 10/11: no error, figures as then."""
    _report(
        ws_root,
        "SYT",
        "2026-H2",
        "2026-11-12",
        "tasks:\n  - task: III.7\n    state: done\n    completed_on: 2026-11-05\n",
    )
    before = _status(cli, ws_root, "2026-11-10")
    after = _status(cli, ws_root, "2026-11-20")
    assert _occ(before, "III.7", "2026")["done_on"] is None
    assert _occ(after, "III.7", "2026")["done_on"] == "2026-11-05"
    assert (
        before["excluded"] == []
        and before["summary"]["done_on_time"] + 1 == (after["summary"]["done_on_time"])
    )
    r = cli("validate", "--root", ws_root, "--as-of", "2026-11-10")
    assert r.exit_code == 0 and "E037" not in r.output
    # a date after the real today stays a typing mistake
    r = cli("--today", "2026-11-11", "validate", "--root", ws_root, "--as-of", "2026-11-10")
    assert r.exit_code == 1 and "[E037]" in r.output


def test_two_letters_and_a_day_between_them(ws_root: Path, cli: CLI) -> None:
    write(
        ws_root / "reports/2026-H2/_don_doc.yaml",
        "schema_version: 1\nperiod: 2026-H2\nreminders:\n"
        "  - number: '130'\n    date: 2026-11-20\n    reply_by: 2026-11-27\n"
        "    agencies: [STC, SNV]\n"
        "  - number: '140'\n    date: 2026-12-07\n    reply_by: 2026-12-14\n"
        "    agencies: [STC]\n",
    )
    between = _status(cli, ws_root, "2026-12-05")
    stc = next(o for o in between["reports"] if o["chase"] == "STC" and o["period"] == "2026-H2")
    assert stc["reminded"] == {"number": "130", "date": "2026-11-20", "times": 1}
    later = _status(cli, ws_root, "2026-12-08")
    stc = next(o for o in later["reports"] if o["chase"] == "STC" and o["period"] == "2026-H2")
    assert stc["reminded"] == {"number": "140", "date": "2026-12-07", "times": 2}
    before = _status(cli, ws_root, "2026-11-19")
    assert all(o["reminded"] is None for o in before["reports"])


# --------------------------------------------------------------------- silence, one file


def test_silence_is_a_warning_and_a_done_one_time_task_needs_no_repeating(
    ws_root: Path, cli: CLI
) -> None:
    # Sở KH&CN (the focal point) leads II.2, one-time, due 12/2024; it reports it done in
    # its own 2026-H2 file; Sở Y tế's report says nothing of III.7, which it leads
    write(
        ws_root / "reports/2026-H2/SYT.yaml",
        "schema_version: 1\nagency: SYT\nperiod: 2026-H2\nnumber: 45/BC-SYT\n"
        "date: 2026-11-10\nreceived: 2026-11-12\ntasks:\n"
        "  - task: I.1\n    state: in_progress\n",
    )
    r = cli("validate", "--root", ws_root, "--as-of", "2026-12-01")
    assert r.exit_code == 0, r.output
    assert "[W065]" in r.stdout and "III.7" in r.stdout
    r = cli("status", "--root", ws_root, "--as-of", "2026-12-01")
    assert r.exit_code == 0
    # a one-time task done before needs no repeating in a later report
    write(
        ws_root / "reports/2026-H1/SKHCN.yaml",
        "schema_version: 1\nagency: SKHCN\nperiod: 2026-H1\ndate: 2026-05-10\ntasks:\n"
        "  - task: II.2\n    state: done\n    completed_on: 2024-12-20\n",
    )
    write(
        ws_root / "reports/2026-H2/SKHCN.yaml",
        "schema_version: 1\nagency: SKHCN\nperiod: 2026-H2\ndate: 2026-11-16\ntasks:\n"
        "  - task: I.1\n    state: in_progress\n",
    )
    r = cli("validate", "--root", ws_root, "--as-of", "2026-12-01", "--json")
    silent = [
        p["message"]
        for p in json.loads(r.stdout)
        if p["code"] == "W065" and p["file"] == "reports/2026-H2/SKHCN.yaml"
    ]
    assert not any("II.2" in m for m in silent), silent
    assert any("II.1" in m for m in silent), silent  # still open: asked for


def test_one_broken_file_does_not_stop_the_view(ws_root: Path, cli: CLI) -> None:
    _report(ws_root, "SYT", "2026-H2", "2026-11-12", "")
    write(ws_root / "reports/2026-H2/SCT.yaml", "schema_version: 1\nagency: SCT\n\tperiod: x\n")
    for command in ("status", "overdue", "show"):
        args = ["III.7"] if command == "show" else []
        r = cli(command, *args, "--root", ws_root, "--as-of", "2026-12-01")
        assert r.exit_code == 1, (command, r.output)
        assert "reports/2026-H2/SCT.yaml" in r.stderr and "bị bỏ ra ngoài" in r.stderr
        assert "III.7" in r.stdout
    r = cli("page", "--root", ws_root, "--as-of", "2026-12-01")
    html = (ws_root / "reports/trang_theo_doi.html").read_text(encoding="utf-8")
    assert r.exit_code == 1 and "KHÔNG gồm 1 tệp có lỗi: reports/2026-H2/SCT.yaml" in html
    data = _status(cli, ws_root, "2026-12-01")
    assert [x["file"] for x in data["excluded"]] == ["reports/2026-H2/SCT.yaml"]
    sources = {e["file"] for t in data["tasks"] for e in t["reports"]}
    assert "reports/2026-H2/SYT.yaml" in sources
    r = cli("merge", "2026-H2", "--root", ws_root, "--as-of", "2026-12-01")
    assert r.exit_code == 1  # nothing written is built on data with errors
    assert not (ws_root / "reports/2026-H2/_tong_hop.yaml").exists()


def test_a_file_that_reads_but_has_an_error_is_left_out_too(ws_root: Path, cli: CLI) -> None:
    # received, but no number nor date (E044): its word is not part of the view
    write(
        ws_root / "reports/2026-H2/SYT.yaml",
        "schema_version: 1\nagency: SYT\nperiod: 2026-H2\nreceived: 2026-11-12\ntasks:\n"
        "  - task: III.7\n    state: done\n    completed_on: 2026-11-05\n",
    )
    data = _status(cli, ws_root, "2026-12-01")
    assert [x["code"] for x in data["excluded"]] == ["E044"]
    assert _occ(data, "III.7", "2026")["done_on"] is None
    assert all(e["file"] != "reports/2026-H2/SYT.yaml" for e in _task(data, "III.7")["reports"])


def test_an_error_in_the_plan_still_refuses(ws_root: Path, cli: CLI) -> None:
    plan = ws_root / "data/tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("lead: SYT", "lead: SYTX", 1))
    r = cli("status", "--root", ws_root, "--as-of", "2026-12-01")
    assert r.exit_code == 1 and "E031" in r.output and "III.7" not in r.stdout


def test_two_files_for_one_agency_in_validate(ws_root: Path, cli: CLI) -> None:
    # Sở KH&ĐT merged into Sở Tài chính on 1/3/2025: two files for 2026-H2 are one agency's
    _report(ws_root, "STC", "2026-H2", "2026-11-12", "")
    text = received_report(ws_root, "STC", "2026-H2", "2026-11-12", "").replace(
        "agency: STC", "agency: SKHDT"
    )
    write(ws_root / "reports/2026-H2/SKHDT.yaml", text)
    r = cli("validate", "--root", ws_root, "--as-of", "2026-12-01")
    assert r.exit_code == 1 and "[E060]" in r.stdout


# --------------------------------------------------------------------- the focal point


def test_the_focal_point_owes_itself_nothing(ws_root: Path, cli: CLI) -> None:
    write(
        ws_root / "reports/2026-H2/SKHCN.yaml",
        "schema_version: 1\nagency: SKHCN\nperiod: 2026-H2\ndate: 2026-11-16\ntasks:\n"
        "  - task: II.1\n    state: done\n    completed_on: 2026-01-15\n",
    )
    data = _status(cli, ws_root, "2026-12-05")
    assert "SKHCN" not in {o["chase"] for o in data["reports"]}
    assert "SKHCN" not in data["missing_latest"]
    assert _occ(data, "II.1", "once")["done_on"] == "2026-01-15"  # its own file counts
    r = cli("status", "--root", ws_root, "--as-of", "2026-12-05")
    assert "Sở KH&CN" not in r.stdout.split("Chưa gửi báo cáo")[-1]
    # its file has no `received` and is still no draft
    r = cli("validate", "--root", ws_root, "--as-of", "2026-12-05")
    assert "W055" not in r.stdout


# --------------------------------------------------------------------- the record begins


def test_where_the_record_begins(ws_root: Path, cli: CLI) -> None:
    data = _status(cli, ws_root, "2026-12-05")
    s = data["summary"]
    # the shipped data begins with 2026-H2: nothing before it is overdue
    assert data["record_start"] == "2026-05-16"
    assert s["no_data"] > 0
    assert all(o["days_late"] < 400 for o in data["reports"])
    keys = [o["key"] for o in _task(data, "III.1")["occurrences"] if o["bin"] == "no_data"]
    assert keys == ["2023", "2024", "2025"]
    assert _occ(data, "III.1", "2026")["bin"] == "open_in_time"  # due 31/12/2026
    # a backfilled report speaks of an earlier year: it is on record again
    _report(
        ws_root,
        "SKHCN",
        "2025-H2",
        None,
        "tasks:\n  - task: III.1\n    state: done\n    completed_on: 2025-12-01\n",
    )
    data = _status(cli, ws_root, "2026-12-05")
    assert _occ(data, "III.1", "2025")["bin"] == "done_on_time"
    # the file states every task Sở KH&CN leads (in progress, but for III.1): those 2025
    # occurrences are spoken of, so on record, and overdue
    assert _occ(data, "I.1", "2025")["bin"] == "open_overdue"
    assert _occ(data, "I.1", "2024")["bin"] == "no_data"
    assert data["summary"]["no_data"] < s["no_data"]
    # without `since`, every past occurrence is overdue, as before
    plan = ws_root / "data/tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("  since: 2026-H2\n", ""))
    data = _status(cli, ws_root, "2026-12-05")
    assert data["summary"]["no_data"] == 0 and _occ(data, "III.1", "2024")["bin"] == (
        "open_overdue"
    )


def test_an_unknown_first_period_is_an_error(ws_root: Path, cli: CLI) -> None:
    plan = ws_root / "data/tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("since: 2026-H2", "since: 2019-H2"))
    r = cli("validate", "--root", ws_root, "--as-of", "2026-12-05")
    assert r.exit_code == 1 and "[E063]" in r.stdout


@pytest.mark.parametrize("as_of", ["2026-11-29", "2026-12-05"])
def test_the_page_sums_equal_its_grid(ws_root: Path, cli: CLI, as_of: str) -> None:
    import datetime as dt

    from kh121.loader import load_viewable
    from kh121.presenters.page import build_page
    from kh121.status import compute_status

    _report(ws_root, "SYT", "2026-H2", "2026-11-12", "")
    day = dt.date.fromisoformat(as_of)
    ws, _w, _x = load_viewable(ws_root, day, dt.date(2026, 12, 31))
    view = compute_status(ws, day)
    page = build_page(view, [], "—", "t")
    in_grid = {row["code"]: sum(c.startswith("✗") for c in row["cells"]) for row in page["grid"]}
    assert any(in_grid.values())
    for row in page["agencies"]:
        assert row["missing"] == in_grid.get(row["code"], 0), row


def test_a_record_validated_alone_finds_what_the_whole_finds(ws_root: Path, cli: CLI) -> None:
    write(
        ws_root / "reports/2026-H2/_don_doc.yaml",
        "schema_version: 1\nperiod: 2026-H1\nreminders:\n"
        "  - number: '1'\n    date: 2026-11-20\n    reply_by: 2026-11-27\n    agencies: [STC]\n"
        "  - number: '1'\n    date: 2026-11-21\n    reply_by: 2026-11-28\n    agencies: [STC]\n",
    )
    codes = []
    for target in ((), ("reports/2026-H2/_don_doc.yaml",), ("reports/2026-H2",)):
        args = [str(ws_root / t) for t in target]
        r = cli("validate", *args, "--root", ws_root, "--as-of", "2026-12-01", "--json")
        assert r.exit_code == 1, r.output
        codes.append(sorted(p["code"] for p in json.loads(r.stdout) if p["code"] != "W056"))
    assert codes == [["E080", "E081"]] * 3


def test_a_done_without_its_day_is_said_where_the_occurrence_is(ws_root: Path, cli: CLI) -> None:
    _report(ws_root, "SYT", "2026-H2", "2026-11-12", "tasks:\n  - task: III.7\n    state: done\n")
    data = _status(cli, ws_root, "2026-12-10")
    occ = _occ(data, "III.7", "2026")
    assert occ["bin"] == "open_overdue" and occ["done_on"] is None
    r = cli("show", "III.7", "--root", ws_root, "--as-of", "2026-12-10")
    assert "báo đã hoàn thành nhưng chưa có ngày hoàn thành hay văn bản (chưa tính)" in " ".join(
        r.stdout.split()
    )


def test_validate_and_status_name_the_same_disputes(ws_root: Path, cli: CLI) -> None:
    # I.1 is Sở KH&CN's (it took over from Sở TT&TT); Sở Y tế coordinates and says done
    _report(ws_root, "SYT", "2026-H2", "2026-11-12", "tasks:\n  - task: I.1\n    state: xong\n")
    write(
        ws_root / "reports/2026-H2/SKHCN.yaml",
        "schema_version: 1\nagency: SKHCN\nperiod: 2026-H2\ndate: 2026-11-16\ntasks:\n"
        "  - task: I.1\n    state: in_progress\n",
    )
    data = _status(cli, ws_root, "2026-12-01")
    assert _occ(data, "I.1", "2026")["disputed"] == ["SYT: done"]
    r = cli("validate", "--root", ws_root, "--as-of", "2026-12-01", "--json")
    w061 = [p for p in json.loads(r.stdout) if p["code"] == "W061"]
    assert [p["file"] for p in w061] == ["reports/2026-H2/SYT.yaml"]


# ------------------------------------------------------------ joint leads, rule by rule


@pytest.fixture(scope="module")
def ha_lam() -> Any:
    """examples/ha_lam's plan: I.1.1 led jointly 'any', II.2 jointly 'each' (SKHCN, STC,
    merged into the _TS agencies by the due day)."""
    import datetime as dt

    from conftest import ROOT
    from kh121.loader import load

    ws, _problems = load(ROOT / "examples/ha_lam", dt.date(2026, 3, 1), targets=[])
    assert ws is not None
    return ws


def _joint(ws: Any, task_id: str, declared: dict[str, list[tuple[Any, str | None]]]) -> Any:
    from kh121 import calendar as cal
    from kh121.record import _done

    task = next(t for t in ws.plan.tasks() if t.id == task_id)
    return _done(ws, task, cal.occurrences(task.deadline, ws.plan.plan.span)[0], declared)


def test_any_joint_lead_completes_on_the_first_day_any_of_them_said_so(ha_lam: Any) -> None:
    import datetime as dt

    d = dt.date
    declared = {
        "SNV_HL": [(d(2024, 6, 20), "b"), (d(2024, 6, 10), "a")],  # its first: 10/06
        "SKHCN_HL": [(d(2024, 6, 15), None), (d(2024, 6, 15), "c")],  # one day, two proofs
    }
    assert _joint(ha_lam, "I.1.1", declared) == (d(2024, 6, 10), "a")
    assert _joint(ha_lam, "I.1.1", {"SKHCN_HL": declared["SKHCN_HL"]})[0] == d(2024, 6, 15)
    assert _joint(ha_lam, "I.1.1", {}) == (None, None)


def test_each_joint_lead_completes_when_the_last_of_them_said_so(ha_lam: Any) -> None:
    import datetime as dt

    d = dt.date
    skhcn = [(d(2025, 12, 5), "x"), (d(2025, 11, 20), "first")]
    stc = [(d(2026, 1, 8), None), (d(2026, 1, 8), "y")]
    assert _joint(ha_lam, "II.2", {"SKHCN_TS": skhcn, "STC_TS": stc}) == (d(2026, 1, 8), None)
    assert _joint(ha_lam, "II.2", {"SKHCN_TS": skhcn}) == (None, None)  # STC not yet


def test_what_disputes_the_lead() -> None:
    from kh121.record import _disputes, contradicting
    from kh121.states import TaskState as S

    # not started, against a lead who has done it (the occurrence not yet judged done)
    assert _disputes(False, S.DONE, {"X": S.NOT_STARTED}) == ("X: not_started",)
    # not started, against an occurrence done (by a joint lead) while this lead works on
    assert _disputes(True, S.IN_PROGRESS, {"X": S.NOT_STARTED}) == ("X: not_started",)
    # not started while nothing is done and the lead works on: no dispute
    assert _disputes(False, S.IN_PROGRESS, {"X": S.NOT_STARTED}) == ()
    # done, against a lead who has spoken and not done it; not when the lead is silent
    assert _disputes(False, S.IN_PROGRESS, {"X": S.DONE}) == ("X: done",)
    assert _disputes(False, None, {"X": S.DONE}) == ()
    # one period's lines: (is the lead, what it says)
    lines = [(True, S.IN_PROGRESS), (False, S.DONE), (False, None), (True, None)]
    assert contradicting(lines) == [(0, 1)]
    assert contradicting([(False, S.IN_PROGRESS), (False, S.DONE)]) == []  # no lead spoke


def test_a_report_speaks_of_the_occurrence_whose_window_holds_its_time() -> None:
    import datetime as dt

    from kh121 import calendar as cal
    from kh121.record import window_key

    d = dt.date
    occs = [
        cal.Occurrence("2025", d(2025, 1, 1), d(2025, 12, 5)),
        cal.Occurrence("2026", d(2026, 1, 1), d(2026, 12, 5)),
    ]
    assert window_key(occs, d(2025, 11, 15)) == "2025"
    assert window_key(occs, d(2026, 1, 1)) == "2026"  # the window's first day is its own
    assert window_key(occs, d(2024, 12, 31)) == "2025"  # before any: the first


@pytest.mark.parametrize(
    ("since", "start", "before"),
    [
        (
            "2026-H2",
            "2026-05-16",
            ["2023-H2", "2024-H1", "2024-H2", "2025-H1", "2025-H2", "2026-H1"],
        ),
        ("2023-H2", None, []),  # the plan's first period: on record from the plan's first day
        ("2040-H1", None, []),  # not a period of the plan: no first period (validate says so)
        (None, None, []),
    ],
)
def test_where_the_record_begins_rule_by_rule(
    ws_root: Path, since: str | None, start: str | None, before: list[str]
) -> None:
    import datetime as dt

    from kh121.loader import load
    from kh121.record import before_record, record_start

    plan = ws_root / "data/tasks.yaml"
    text = plan.read_text(encoding="utf-8")
    lines = [x for x in text.splitlines(True) if not x.startswith("  since:")]
    if since is not None:
        at = next(i for i, x in enumerate(lines) if x.startswith("reporting:")) + 1
        lines.insert(at, f"  since: {since}\n")
    write(plan, "".join(lines))
    ws, _problems = load(ws_root, dt.date(2026, 12, 31), targets=[])
    assert ws is not None
    got = record_start(ws)
    assert (got.isoformat() if got else None) == start
    assert [p for p in ws.periods if before_record(ws, p)] == before
    assert not before_record(ws, "2099-H1")  # a period the plan does not have
