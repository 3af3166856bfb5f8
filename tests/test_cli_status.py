"""`kh121 status`, `overdue` and `show` as a user runs them: every line true of its occurrence."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import ROOT, received_report, write

DEMO = ROOT / "examples/demo/reports/2026-H2"


def demo(root: Path) -> None:
    shutil.copytree(DEMO, root / "reports/2026-H2", dirs_exist_ok=True)


def test_status_screen(full_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("status", "--root", full_root, "--as-of", "29/11/2026")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "tình hình đến ngày 29/11/2026" in out
    assert "II.1" in out and "Quá hạn 333 ngày, chưa có" in out
    assert "2023–2025 (3 năm): quá hạn," in out and "chưa có báo cáo; 2026: hạn" in out
    assert "07/12/2026*" in out
    assert "I.1: kế hoạch giao Sở TT&TT chủ trì; nay Sở KH&CN" in out
    assert "Chưa gửi báo cáo năm 2026 (hạn 16/11/2026)" in out
    flat = " ".join(out.split())
    assert "Kế hoạch có 18 nhiệm vụ (nhiệm vụ hằng năm tính mỗi năm một lượt)." in flat
    assert "Tổng số 66 lượt nhiệm vụ;" in flat
    assert all(len(line) <= 80 for line in out.splitlines()), max(out.splitlines(), key=len)
    assert "\x1b[" not in out and "─" not in out  # NO_COLOR, not a terminal
    assert "Traceback" not in r.output


def test_demo_tells_each_occurrence(ws_root: Path, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    demo(ws_root)
    monkeypatch.setenv("COLUMNS", "2000")  # one line a row: the story reads whole
    r = cli("status", "--root", ws_root, "--as-of", "2026-11-29", "--wide", "--agency", "SYT")
    flat = " ".join(r.stdout.split())
    assert r.exit_code == 0, r.output
    # III.7: 2026 done on time with its document; 2023-2025 before the record begins
    assert "2023: chưa có số liệu" in flat
    assert "2026: hoàn thành đúng hạn (40/QĐ-SYT, 05/11/2026)" in flat
    assert "Quá hạn 3 kỳ" not in flat
    assert "Lọc: cơ quan Sở Y tế (SYT)" in flat
    r = cli("status", "--root", ws_root, "--as-of", "2026-11-29", "--section", "II")
    flat = " ".join(r.stdout.split())
    assert "Hoàn thành quá hạn 15 ngày" in flat  # II.1 done 15/01/2026, due 31/12/2025
    assert "Hoàn thành đúng hạn" in flat  # II.2


def test_state_filter_counts_in_the_unit_it_lists(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    demo(ws_root)
    whole = json.loads(cli("status", "--root", ws_root, "--as-of", "2026-11-29", "--json").stdout)
    done = whole["summary"]["done_on_time"] + whole["summary"]["done_late"]
    r = cli("status", "--root", ws_root, "--as-of", "2026-11-29", "--state", "done", "--json")
    data = json.loads(r.stdout)
    occurrences = [o for t in data["tasks"] for o in t["occurrences"] if o["state"] == "done"]
    # II.1, II.2, III.2, III.7 (III.6: a document under 'in progress' is not done)
    assert data["summary"]["total"] == len(occurrences) == done == 4
    assert data["summary"]["tasks"] == len(data["tasks"]) == 4
    assert data["summary"]["unit"] == "occurrence"


def test_status_json(full_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("status", "--root", full_root, "--as-of", "2026-11-29", "--json")
    data = json.loads(r.stdout)
    assert data["as_of"] == "2026-11-29"
    task = next(t for t in data["tasks"] if t["id"] == "I.1")
    assert (task["lead"], task["responsible"]) == ("STTTT", "SKHCN")
    assert (task["next_due"], task["effective_due"]) == ("2026-12-05", "2026-12-07")
    assert task["overdue_occurrences"] == ["2023", "2024", "2025"]
    occ = {o["key"]: o for o in task["occurrences"]}
    assert occ["2023"]["days_overdue"] == 1090 and occ["2025"]["days_overdue"] == 359
    ob = data["reports"][-1]
    assert (ob["period"], ob["effective_due"], ob["status"]) == ("2026-H2", "2026-11-16", "missing")
    assert ob["chase"] == ob["agency"]


def test_status_same_output_twice(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    a = cli("status", "--root", ws_root, "--as-of", "2026-11-29", "--json").stdout
    assert a == cli("status", "--root", ws_root, "--as-of", "2026-11-29", "--json").stdout


def test_status_unknown_and_ambiguous_agency(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("status", "--root", ws_root, "--as-of", "2026-11-29", "--agency", "xyz")
    assert r.exit_code == 1
    assert "không có cơ quan nào khớp 'xyz'" in r.stderr
    r = cli("overdue", "--root", ws_root, "--as-of", "2026-11-29", "--agency", "so")
    assert r.exit_code == 1 and "khớp nhiều cơ quan" in r.stderr and "SYT (Sở Y tế)" in r.stderr
    # "yte", "Y Tế": marks and spaces do not matter
    for query in ("yte", "Y Tế"):
        r = cli("status", "--root", ws_root, "--as-of", "2026-11-29", "--agency", query)
        assert r.exit_code == 0 and "III.7" in r.stdout and "III.6" not in r.stdout


def test_overdue_lists_every_occurrence_due_soon(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("overdue", "--root", ws_root, "--as-of", "2026-11-29", "--within", "14", "--json")
    data = json.loads(r.stdout)
    soon = {t["id"] for t in data["tasks"] if "2026" in t["due_soon"]}
    # the 15 yearly tasks due 05/12/2026 (07/12) are listed, though they owe earlier years too
    assert len(soon) == 15 and "III.1" not in soon
    text = cli("overdue", "--root", ws_root, "--as-of", "2026-11-29").stdout
    assert "đến hạn 07/12/2026* (còn 8 ngày), kỳ 2026" in text


def test_overdue_exit_code(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("overdue", "--root", ws_root, "--as-of", "2026-11-29", "--exit-code")
    assert r.exit_code == 1
    assert "Sở Khoa học và Công nghệ (SKHCN)" in r.stdout
    assert "Báo cáo năm 2026 chưa gửi" in r.stdout
    assert all(len(line) <= 80 for line in r.stdout.splitlines())
    calm = cli("overdue", "--root", ws_root, "--as-of", "2023-09-01", "--exit-code")
    assert calm.exit_code == 0
    assert "Không có việc nào quá hạn" in calm.stdout
    assert cli("overdue", "--root", ws_root, "--as-of", "2026-11-29").exit_code == 0


def test_overdue_chases_successors_only(full_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    ws_root = full_root
    r = cli("overdue", "--root", ws_root, "--as-of", "2026-11-29")
    heads = [line for line in r.stdout.splitlines() if line and not line.startswith(" ")]
    for gone in ("Sở Thông tin", "Sở Kế hoạch", "Sở Lao động", "Sở Nông nghiệp và Phát triển"):
        assert not any(h.startswith(gone) for h in heads), gone
    assert any(h.startswith("Sở Tài chính (STC) — thay Sở KH&ĐT") for h in heads)
    assert "Báo cáo 6 tháng đầu năm 2024 (của Sở KH&ĐT) chưa gửi" in r.stdout
    data = json.loads(cli("overdue", "--root", ws_root, "--as-of", "2026-11-29", "--json").stdout)
    old = next(o for o in data["reports"] if o["agency"] == "SKHDT" and o["period"] == "2024-H1")
    assert old["chase"] == "STC"


def test_a_draft_is_not_a_report(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("report", "new", "tai chinh", "--period", "2026-H2", "--root", ws_root)
    assert r.exit_code == 0 and "bản nháp" in r.stdout
    r = cli("status", "--root", ws_root, "--as-of", "2026-11-29")
    assert "Sở Tài chính" in r.stdout.split("Chưa gửi báo cáo năm 2026")[1]
    v = cli("validate", "--root", ws_root, "--as-of", "2026-11-29")
    assert v.exit_code == 0 and "cảnh báo[W055]" in v.stdout and "number, date" in v.stdout
    data = json.loads(cli("overdue", "--root", ws_root, "--as-of", "2026-11-29", "--json").stdout)
    stc = next(o for o in data["reports"] if o["agency"] == "STC" and o["period"] == "2026-H2")
    assert (stc["status"], stc["draft"]) == ("missing", True)


def test_a_received_report_needs_its_number_and_lead_states(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    write(
        ws_root / "reports/2026-H2/SYT.yaml",
        "schema_version: 1\nagency: SYT\nperiod: 2026-H2\nreceived: 2026-11-12\n",
    )
    r = cli("validate", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 1
    assert "lỗi[E044]" in r.stdout and "number, date" in r.stdout
    assert "cảnh báo[W065]" in r.stdout and "III.7" in r.stdout  # silence: a warning
    # the views leave the file out and name it; merge refuses, as validate prints it
    for args in (("status",), ("overdue",), ("show", "III.7"), ("merge", "2026-H2")):
        r = cli(*args, "--root", ws_root, "--as-of", "2026-11-29")
        assert r.exit_code == 1, args
        assert "reports/2026-H2/SYT.yaml:4:11: lỗi[E044]" in r.stderr
        assert ("bị bỏ ra ngoài" in r.stderr) == (args[0] != "merge"), args


def test_a_future_period_file_does_not_hide_the_latest(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("report", "new", "SYT", "--period", "2027-H1", "--root", ws_root).exit_code == 0
    r = cli("status", "--root", ws_root, "--as-of", "2026-11-29")
    assert "Chưa gửi báo cáo năm 2026 (hạn 16/11/2026)" in r.stdout
    assert "mọi cơ quan đã gửi" not in r.stdout


def test_periods_in_time_order_not_key_order(full_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    ws_root = full_root
    plan = ws_root / "data/tasks.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace("key: H1\n      due_month: 5", "key: H1\n      due_month: 6")
    text = text.replace(
        "key: H2\n      due_month: 11\n      due_day: 15",
        "key: CN\n      due_month: 12\n      due_day: 15",
    )
    plan.write_text(text, encoding="utf-8")
    body = "tasks:\n  - task: II.1\n    state: {}\n"
    write(
        ws_root / "reports/2026-H1/SKHCN.yaml",
        received_report(ws_root, "SKHCN", "2026-H1", "2026-06-10", body.format("in_progress")),
    )
    write(
        ws_root / "reports/2026-CN/SKHCN.yaml",
        received_report(ws_root, "SKHCN", "2026-CN", "2026-12-10", body.format("not_started")),
    )
    r = cli("status", "--root", ws_root, "--as-of", "2026-12-20", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    task = next(t for t in data["tasks"] if t["id"] == "II.1")
    assert task["state"] == "not_started"  # from CN (due 15/12), not H1 (due 15/06)
    assert task["reports"][-1]["period"] == "2026-CN"
    assert data["latest_period"] == "2026-CN"


def test_a_data_error_blocks_every_report(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    plan = ws_root / "data/tasks.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("id: II.2", "id: II.1"), encoding="utf-8")
    assert cli("validate", "--root", ws_root, "--as-of", "2026-11-29").exit_code == 1
    for args in (("status",), ("overdue",), ("merge", "--all"), ("show", "II.1")):
        r = cli(*args, "--root", ws_root, "--as-of", "2026-11-29")
        assert r.exit_code == 1, args
        assert "lỗi[E030]" in r.stderr
    assert not (ws_root / "reports/2026-H2/_tong_hop.yaml").exists()


def test_warnings_are_counted_never_block(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    cli("report", "new", "tai chinh", "--period", "2026-H2", "--root", ws_root)
    r = cli("status", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 0 and "dữ liệu có 2 cảnh báo" in r.stderr  # W055 and W056


def test_show_task_and_agency(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    demo(ws_root)
    r = cli("show", "III.7", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 0, r.output
    flat = " ".join(r.stdout.split())
    assert "Đẩy mạnh ứng dụng công nghệ sinh học trong lĩnh vực y tế" in flat  # verbatim
    assert "Trước ngày 05/12 hàng năm (hằng năm, ngày 5/12)" in flat
    assert "2023: hạn 05/12/2023 — chưa có số liệu" in flat
    assert "2026: hạn 07/12/2026* (ngày ghi 05/12/2026) — hoàn thành đúng hạn" in flat
    assert "năm 2026, Sở Y tế (chủ trì), nhận 12/11/2026: Đã hoàn thành" in flat
    assert "Văn bản: 40/QĐ-SYT, 05/11/2026" in flat
    r = cli("show", "III.2", "--root", ws_root, "--as-of", "2026-11-29")
    assert "Mâu thuẫn" in r.stdout
    assert "Sở Công Thương báo cáo 'Chưa thực hiện'" in " ".join(r.stdout.split())
    data = json.loads(
        cli("show", "iii.7", "--json", "--root", ws_root, "--as-of", "2026-11-29").stdout
    )
    assert data["id"] == "III.7" and data["reports"][0]["role"] == "lead"
    r = cli("show", "y te", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 0
    assert "Sở Y tế (SYT)" in r.stdout and "III.7" in r.stdout
    assert "năm 2026: nhận 12/11/2026, đúng hạn" in r.stdout
    assert "2026-H1 chưa gửi" not in r.stdout  # before the record begins
    # the plan's Article 2 duties that fall to it (as a department, "các sở, ban, ngành")
    assert "Nhiệm vụ chung của kế hoạch" in r.stdout and "A2.1" in r.stdout
    assert all(len(line) <= 80 for line in r.stdout.splitlines())


def test_root_not_found(tmp_path: Path, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    r = cli("status", "--as-of", "2026-11-29")
    assert r.exit_code == 1
    assert "không tìm thấy data/tasks.yaml" in r.stderr


def test_root_found_from_a_subfolder(ws_root: Path, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ws_root / "reports")
    assert cli("status", "--as-of", "2026-11-29").exit_code == 0
    monkeypatch.setenv("KH121_ROOT", str(ws_root))
    monkeypatch.chdir("/")
    assert cli("status", "--as-of", "2026-11-29").exit_code == 0


def test_usage_errors_exit_2(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    for args in (("merge",), ("merge", "2026-H2", "--all"), ("status", "--as-of", "31/11/2026")):
        r = cli(*args, "--root", ws_root)
        assert r.exit_code == 2, (args, r.output)
        assert "Traceback" not in r.output


def test_json_is_streamed_in_the_standard_layout(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    for args in (
        ("status", "--json"),
        ("overdue", "--json"),
        ("overdue", "--json", "--as-of", "2023-09-01"),
    ):
        r = cli(*args, "--root", ws_root, *(() if "--as-of" in args else ("--as-of", "2026-11-29")))
        data = json.loads(r.stdout)
        assert r.stdout == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_a_broken_report_is_left_out_and_named(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    write(ws_root / "reports/2026-H2/SYT.yaml", "schema_version: 1\nagency: SYT\nperiod: [\n")
    r = cli("status", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 1
    assert "reports/2026-H2/SYT.yaml:" in r.stderr and "lỗi[E004]" in r.stderr


def test_every_screen_with_a_moved_due_date_explains_the_mark(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    # 05/12/2026 is a Saturday: I.1's due date moves to 07/12 and is shown "07/12/2026*"
    legend = "* hạn rơi vào ngày nghỉ, lùi sang ngày làm việc kế tiếp"
    for args in (("show", "I.1"), ("overdue", "--within", "14")):
        r = cli(*args, "--root", ws_root, "--as-of", "2026-11-29")
        assert "07/12/2026*" in r.stdout, args
        assert legend in " ".join(r.stdout.split()), args


def test_without_as_of_the_view_is_of_the_fixed_today(cli, ws_root: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """One today for every command: KH121_TODAY (or --today) is also the default --as-of,
    so a test or a rehearsal never sees the machine's date."""
    monkeypatch.setenv("KH121_TODAY", "2026-12-31")
    assert "tình hình đến ngày 31/12/2026" in cli("status", "--root", ws_root).stdout
    monkeypatch.setenv("KH121_TODAY", "2026-11-30")
    assert "tình hình đến ngày 30/11/2026" in cli("status", "--root", ws_root).stdout
