"""`kh121 status` and `kh121 overdue` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import write


def test_status_screen(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("status", "--root", ws_root, "--as-of", "29/11/2026")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "tình hình đến ngày 29/11/2026" in out
    assert "II.1" in out and "Quá hạn 333 ngày" in out
    assert "07/12/2026*" in out
    assert "I.1: chủ trì theo Quyết định là Sở TT&TT; nay Sở KH&CN" in out
    assert "Chưa gửi báo cáo kỳ 2026-H2 (hạn 16/11/2026)" in out
    assert all(len(line) <= 80 for line in out.splitlines()), max(out.splitlines(), key=len)
    assert "\x1b[" not in out and "─" not in out  # NO_COLOR, not a terminal
    assert "Traceback" not in r.output


def test_status_english_and_wide(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("status", "--root", ws_root, "--as-of", "2026-11-29", "--lang", "en", "--wide")
    assert r.exit_code == 0
    assert "status as of 29/11/2026" in r.stdout
    assert "Trước ngày 05/12 hàng năm" in r.stdout  # the source's own words in --wide


def test_status_json(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("status", "--root", ws_root, "--as-of", "2026-11-29", "--json")
    data = json.loads(r.stdout)
    assert data["as_of"] == "2026-11-29"
    task = next(t for t in data["tasks"] if t["id"] == "I.1")
    for key in (
        "id",
        "section",
        "lead",
        "responsible",
        "deadline_text",
        "next_due",
        "effective_due",
        "state",
        "bin",
        "overdue",
        "days_overdue",
        "last_report",
    ):
        assert key in task
    assert (task["lead"], task["responsible"]) == ("STTTT", "SKHCN")
    assert (task["next_due"], task["effective_due"]) == ("2026-12-05", "2026-12-07")
    ob = data["reports"][-1]
    assert set(ob) >= {"agency", "period", "due", "effective_due", "status", "days_late"}
    assert (ob["period"], ob["effective_due"], ob["status"]) == ("2026-H2", "2026-11-16", "missing")


def test_status_same_output_twice(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    a = cli("status", "--root", ws_root, "--as-of", "2026-11-29", "--json").stdout
    assert a == cli("status", "--root", ws_root, "--as-of", "2026-11-29", "--json").stdout


def test_status_unknown_agency(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("status", "--root", ws_root, "--as-of", "2026-11-29", "--agency", "xyz")
    assert r.exit_code == 1
    assert "không có cơ quan nào khớp 'xyz'" in r.stderr


def test_overdue_exit_code(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("overdue", "--root", ws_root, "--as-of", "2026-11-29", "--exit-code")
    assert r.exit_code == 1
    assert "Sở Khoa học và Công nghệ (SKHCN)" in r.stdout
    assert "Báo cáo chưa gửi: kỳ 2026-H2" in r.stdout
    assert all(len(line) <= 80 for line in r.stdout.splitlines())
    calm = cli("overdue", "--root", ws_root, "--as-of", "2023-09-01", "--exit-code")
    assert calm.exit_code == 0
    assert "Không có việc nào quá hạn" in calm.stdout
    plain = cli("overdue", "--root", ws_root, "--as-of", "2026-11-29")
    assert plain.exit_code == 0


def test_overdue_json_and_agency(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    write(
        ws_root / "reports/2026-H2/SYT.yaml",
        "schema_version: 1\nagency: SYT\nperiod: 2026-H2\nreceived: 2026-11-20\n",
    )
    r = cli("overdue", "--root", ws_root, "--as-of", "2026-11-29", "--agency", "y te", "--json")
    data = json.loads(r.stdout)
    assert {t["responsible"] for t in data["tasks"]} == {"SYT"}
    late = [o for o in data["reports"] if o["period"] == "2026-H2"]
    assert late == [
        {
            "agency": "SYT",
            "period": "2026-H2",
            "due": "2026-11-15",
            "effective_due": "2026-11-16",
            "received": "2026-11-20",
            "file": "reports/2026-H2/SYT.yaml",
            "status": "late",
            "days_late": 4,
        }
    ]


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
    for args in (
        ("merge",),
        ("merge", "2026-H2", "--all"),
        ("calendar", "update", "--years", "2030-2020"),
    ):
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


def test_a_broken_report_is_named_not_silently_dropped(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    write(ws_root / "reports/2026-H2/SYT.yaml", "schema_version: 1\nagency: SYT\nperiod: [\n")
    r = cli("status", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 0
    assert "1 tệp báo cáo có lỗi nên không được tính: reports/2026-H2/SYT.yaml" in r.stderr
    assert "Sở Y tế" in r.stdout.split("Chưa gửi báo cáo kỳ 2026-H2")[1]  # still missing
