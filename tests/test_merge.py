"""`kh121 report new` and `kh121 merge`: scaffolds, consolidation, and what is never written."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import random
import shutil
from pathlib import Path

from conftest import ROOT, received_report, write
from kh121.loader import load_clean
from kh121.lookup import find_period
from kh121.merge import consolidate

DEMO = ROOT / "examples/demo/reports/2026-H2"
MERGED = "reports/2026-H2/_tong_hop.yaml"


def demo(root: Path) -> Path:
    folder = root / "reports/2026-H2"
    folder.mkdir(parents=True)
    for f in DEMO.glob("[A-Z]*.yaml"):
        shutil.copy(f, folder / f.name)
    return folder


def test_scaffold_validates_and_lists_the_agencys_tasks(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("report", "new", "y te", "--period", "2026-H2", "--root", ws_root)
    assert r.exit_code == 0, r.output
    text = (ws_root / "reports/2026-H2/SYT.yaml").read_text(encoding="utf-8")
    assert "agency: SYT" in text and "period: 2026-H2" in text
    assert "- task: III.7" in text and "[CHỦ TRÌ]" in text
    assert "- task: III.2" not in text  # neither leads nor coordinates it
    assert "Hạn gửi Sở KH&CN: 15/11/2026 (ngày nghỉ, lùi sang 16/11/2026)" in text
    v = cli("validate", "--root", ws_root, "--as-of", "2026-11-29")
    # valid, and a draft: past due, it is named with what it still lacks
    assert v.exit_code == 0 and "0 lỗi, 2 cảnh báo" in v.stdout and "W055" in v.stdout


def test_scaffold_never_overwrites(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = write(ws_root / "reports/2026-H2/SYT.yaml", "# my own words\n")
    r = cli("report", "new", "SYT", "--period", "2026-H2", "--root", ws_root)
    assert r.exit_code == 1 and "không ghi đè" in r.stderr
    assert path.read_text(encoding="utf-8") == "# my own words\n"


def test_successor_inherits_tasks(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("report", "new", "SNNMT", "--period", "2026-H1", "--root", ws_root)
    assert r.exit_code == 0
    text = (ws_root / "reports/2026-H1/SNNMT.yaml").read_text(encoding="utf-8")
    for tid in ("III.2", "III.3", "III.4", "III.8"):  # led by its two predecessors
        assert f"- task: {tid}" in text
    old = cli("report", "new", "tai nguyen va moi truong", "--period", "2026-H1", "--root", ws_root)
    assert old.exit_code == 1 and "Sở NN&MT (SNNMT) tiếp nhận" in " ".join(old.stderr.split())
    before = cli("report", "new", "STNMT", "--period", "2024-H2", "--root", ws_root)
    assert before.exit_code == 0


def test_clerk_scaffold(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("report", "new", "--clerk", "--period", "2026-H2", "--root", ws_root)
    assert r.exit_code == 0
    assert (ws_root / "reports/2026-H2/_danh_gia.yaml").exists()
    assert cli("merge", "2026-H2", "--as-of", "2026-11-29", "--root", ws_root).exit_code == 0


def test_merge_demo(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    folder = demo(ws_root)
    inputs = {p.name: p.read_bytes() for p in folder.iterdir()}
    r = cli("merge", "2026-H2", "--as-of", "2026-11-29", "--root", ws_root)
    assert r.exit_code == 0, r.output
    text = (ws_root / MERGED).read_text(encoding="utf-8")
    assert "missing:\n  - SNGV\n  - SNV\n  - STC\n" in text
    assert "  - agency: SCT\n    file: reports/2026-H2/SCT.yaml\n" in text
    assert "status: late\n    days_late: 4" in text
    assert "code: W061" in text and "W061" in r.stderr  # the III.2 contradiction
    assert {
        p.name: p.read_bytes() for p in folder.iterdir() if p.name != "_tong_hop.yaml"
    } == inputs  # agencies' files untouched
    # Idempotent: the same inputs give the same bytes, and --check agrees.
    again = cli("merge", "2026-H2", "--as-of", "2026-11-29", "--root", ws_root)
    assert "không đổi" in again.stdout
    assert (ws_root / MERGED).read_text(encoding="utf-8") == text
    assert (
        cli("merge", "2026-H2", "--as-of", "2026-11-29", "--check", "--root", ws_root).exit_code
        == 0
    )


def test_merge_order_independent(ws_root: Path) -> None:
    demo(ws_root)
    ws, warnings = load_clean(ws_root, dt.date(2026, 11, 29))
    period = find_period(ws, "2026-H2")
    expected = consolidate(ws, period, warnings)
    rng = random.Random(121)
    for _ in range(5):
        shuffled = list(ws.reports)
        rng.shuffle(shuffled)
        other = dataclasses.replace(ws, reports=tuple(shuffled))
        assert consolidate(other, period, list(reversed(warnings)))[1] == expected[1]


def test_new_agency_changes_only_its_part(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    folder = demo(ws_root)
    (folder / "SKHCN.yaml").unlink()
    cli("merge", "2026-H2", "--as-of", "2026-11-29", "--root", ws_root)
    before = (ws_root / MERGED).read_text(encoding="utf-8").splitlines()
    shutil.copy(DEMO / "SKHCN.yaml", folder / "SKHCN.yaml")
    assert (
        cli("merge", "2026-H2", "--as-of", "2026-11-29", "--check", "--root", ws_root).exit_code
        == 1
    )
    cli("merge", "2026-H2", "--as-of", "2026-11-29", "--root", ws_root)
    after = (ws_root / MERGED).read_text(encoding="utf-8").splitlines()
    diff = [
        ln
        for ln in difflib.unified_diff(before, after, lineterm="", n=0)
        if ln[:1] in "+-" and not ln.startswith(("+++", "---"))
    ]
    removed = [ln for ln in diff if ln.startswith("-")]
    assert removed == []  # the focal point was never owed (nor missing); nothing else changed
    added = [ln for ln in diff if ln.startswith("+")]
    assert "+  - agency: SKHCN" in added
    assert all("SKHCN" in ln or not ln.startswith("+  - agency") for ln in added)


def test_invalid_file_writes_nothing(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    folder = demo(ws_root)
    write(folder / "STC.yaml", "schema_version: 1\nagency: STC\nperiod: 2026-H2\nstate: on\n")
    r = cli("merge", "2026-H2", "--as-of", "2026-11-29", "--root", ws_root)
    assert r.exit_code == 1
    assert "reports/2026-H2/STC.yaml:4:8: lỗi[E009]" in r.stderr
    assert "reports/2026-H2/STC.yaml:4:1: lỗi[E021]" in r.stderr
    assert not (ws_root / MERGED).exists()


def test_old_and_new_code_of_one_agency(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    folder = demo(ws_root)
    write(folder / "STTTT.yaml", received_report(ws_root, "STTTT", "2026-H2", "2026-11-10", ""))
    r = cli("merge", "2026-H2", "--as-of", "2026-11-29", "--root", ws_root)
    assert r.exit_code == 1
    assert "lỗi[E060]" in r.stderr and "SKHCN" in r.stderr
    assert not (ws_root / MERGED).exists()


def test_old_code_alone_counts_for_successor(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    write(
        ws_root / "reports/2026-H2/STTTT.yaml",
        received_report(ws_root, "STTTT", "2026-H2", "2026-11-10", ""),
    )
    r = cli("merge", "2026-H2", "--as-of", "2026-11-29", "--root", ws_root)
    assert r.exit_code == 0 and "cảnh báo[W052]" in r.stderr
    text = (ws_root / MERGED).read_text(encoding="utf-8")
    assert "  - SKHCN\n" not in text.split("missing:")[1].split("sources:")[0]


def test_completion_after_report_date(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    write(
        ws_root / "reports/2026-H2/SKHCN.yaml",
        received_report(
            ws_root,
            "SKHCN",
            "2026-H2",
            "2026-11-10",
            "tasks:\n  - task: II.1\n    state: done\n    completed_on: 2026-11-12\n",
        ),
    )
    r = cli("merge", "2026-H2", "--as-of", "2026-11-29", "--root", ws_root)
    assert r.exit_code == 0 and "cảnh báo[W062]" in r.stderr


def test_merge_check_missing_file(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    demo(ws_root)
    r = cli("merge", "2026-H2", "--as-of", "2026-11-29", "--check", "--root", ws_root)
    assert r.exit_code == 1 and not (ws_root / MERGED).exists()


def test_a_period_as_people_say_it(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    write(
        ws_root / "reports/2026-H2/SYT.yaml",
        received_report(ws_root, "SYT", "2026-H2", "2026-11-12", ""),
    )
    for said in ("năm 2026", "Nam 2026", "2026-h2"):
        r = cli("merge", said, "--root", ws_root, "--as-of", "2026-11-29")
        assert r.exit_code == 0, (said, r.output)
    assert (ws_root / "reports/2026-H2/_tong_hop.yaml").is_file()
    r = cli("merge", "năm 2035", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 1 and "ví dụ 2030-H2 là năm 2030" in " ".join(r.stderr.split())


def test_merge_says_whether_the_missing_are_late(cli, ws_root: Path) -> None:  # type: ignore[no-untyped-def]
    """Before the due day a report not yet sent is not late: merge says which it is."""
    early = cli("merge", "2027-H1", "--root", ws_root, "--as-of", "2026-12-31")
    assert early.exit_code == 0, early.output
    assert "đã nhận 0/6 báo cáo; 6 cơ quan chưa gửi, chưa đến hạn (hạn 17/05/2027)" in early.stdout
    late = cli("merge", "2026-H2", "--root", ws_root, "--as-of", "2026-12-31", "--lang", "en")
    assert "0/6 reports received; 6 not sent, 45 days overdue (due 16/11/2026)" in late.stdout


def test_the_shipped_examples_merged_files_are_up_to_date(cli) -> None:  # type: ignore[no-untyped-def]
    """A merged file the project ships is what `merge` writes today (one had kept an older
    warning's wording)."""
    for merged in sorted(ROOT.glob("examples/*/reports/*/_tong_hop.yaml")):
        root = merged.parents[2]
        r = cli("merge", merged.parent.name, "--check", "--root", root, "--as-of", "2026-12-31")
        assert r.exit_code == 0, (merged, r.output)
