"""The load pipeline's promises: a cache that is never stale, only regular files read,
writes inside the root, the machine's failures in plain words, nothing raw on a terminal."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

from conftest import ROOT, commit_all, fill_basis, received_report, write


def _status_json(cli, root: Path) -> dict:  # type: ignore[no-untyped-def,type-arg]
    r = cli("status", "--root", root, "--as-of", "2026-11-29", "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def test_cache_sees_one_changed_byte(ws_root: Path, cli, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KH121_CACHE_DIR", str(tmp_path / "cache"))
    report = ws_root / "reports/2026-H2/SYT.yaml"
    write(report, received_report(ws_root, "SYT", "2026-H2", "2026-11-12", ""))
    first = _status_json(cli, ws_root)
    assert list((tmp_path / "cache").glob("*.pickle")), "the view was cached"
    assert first == _status_json(cli, ws_root)  # from the cache: the same
    stat = report.stat()
    # one byte, same size and the same modification time: only the content hash can tell
    report.write_bytes(report.read_bytes().replace(b"2026-11-12", b"2026-11-19"))
    os.utime(report, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    second = _status_json(cli, ws_root)
    syt = next(o for o in second["reports"] if o["agency"] == "SYT" and o["period"] == "2026-H2")
    assert (syt["status"], syt["days_late"]) == ("late", 3)


def test_cache_ignores_a_corrupt_or_foreign_file(
    ws_root: Path, cli, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "cache"
    monkeypatch.setenv("KH121_CACHE_DIR", str(folder))
    expected = _status_json(cli, ws_root)
    (cached,) = folder.glob("*.pickle")
    head = cached.read_bytes()[: len(b"kh121-cache-1\n") + 32]
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (os.system, (f"touch {marker}",))

    for blob in (head + b"garbage", head + pickle.dumps(Payload()), b"not a cache"):
        cached.write_bytes(blob)
        assert _status_json(cli, ws_root) == expected  # rebuilt, never trusted
        assert not marker.exists()  # a planted pickle never runs


def test_cache_can_be_turned_off(ws_root: Path, cli, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "cache"
    monkeypatch.setenv("KH121_CACHE_DIR", str(folder))
    assert cli("status", "--root", ws_root, "--as-of", "2026-11-29", "--no-cache").exit_code == 0
    monkeypatch.setenv("KH121_NO_CACHE", "1")
    assert cli("status", "--root", ws_root, "--as-of", "2026-11-29").exit_code == 0
    assert not list(folder.glob("*.pickle"))


def test_a_fifo_is_an_error_not_a_hang(ws_root: Path) -> None:
    fifo = ws_root / "reports/2026-H2/SYT.yaml"
    fifo.parent.mkdir(parents=True)
    os.mkfifo(fifo)
    from test_bad_inputs import run  # the installed command, bounded in time

    day = ("--as-of", "2026-11-29")
    said = {}
    for args in (
        ("validate", *day),
        ("status", *day),
        ("fmt", "--check"),
        ("merge", "--all", *day),
    ):
        r = run(*args, "--root", ws_root, timeout=30)
        assert r.returncode == 1, (args, r.stderr)
        assert "Traceback" not in r.stderr
        said[args[0]] = r.stdout
    assert "reports/2026-H2/SYT.yaml:1:1: lỗi[E013]" in said["validate"]
    assert "FIFO" in said["validate"]


def test_merge_refuses_to_write_outside_the_root(ws_root: Path, cli, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path_factory.mktemp("elsewhere")
    (ws_root / "reports/2026-H2").symlink_to(outside, target_is_directory=True)
    write(outside / "SYT.yaml", received_report(ws_root, "SYT", "2026-H2", "2026-11-12", ""))
    r = cli("merge", "2026-H2", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 1 and "ra ngoài thư mục gốc" in r.stderr
    assert sorted(p.name for p in outside.iterdir()) == ["SYT.yaml"]


def test_a_machine_failure_is_said_plainly(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    fill_basis(ws_root)
    for f in (ROOT / "examples/demo/reports/2026-H2").glob("*.yaml"):
        write(ws_root / "reports/2026-H2" / f.name, f.read_text(encoding="utf-8"))
    assert cli("merge", "2026-H2", "--root", ws_root, "--as-of", "2026-11-29").exit_code == 0
    blocked = ws_root / "reports/2026-H2/SYT.yaml/report.docx"  # a file where a folder belongs
    r = cli("render", "2026-H2", "--root", ws_root, "--as-of", "2026-11-29", "-o", blocked)
    assert r.exit_code == 1, r.output
    assert "reports/2026-H2/SYT.yaml" in r.stderr and "lỗi không mong đợi" not in r.stderr


def test_textconv_never_prints_a_control_sequence(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    # a valid report whose text holds escapes: YAML turns them into real control characters
    path = write(
        ws_root / "x.yaml",
        "schema_version: 1\nagency: SYT\nperiod: 2026-H2\n"
        'difficulties: "\\e[2J\\e]2;owned\\a \\u202egnp.exe"\n',
    )
    r = cli("textconv", path)
    assert r.exit_code == 0
    # refused by validate (E012), so shown as it is written, escapes and all, never raw
    assert "\x1b" not in r.stdout and "\u202e" not in r.stdout
    assert '"\\e[2J\\e]2;owned\\a \\u202egnp.exe"' in r.stdout


def test_only_reporting_agencies_get_a_scaffold(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("report", "new", "UBND_TINH", "--period", "2026-H2", "--root", ws_root)
    assert r.exit_code == 1 and "không thuộc các cơ quan phải báo cáo" in r.stderr
    assert "SYT (Sở Y tế)" in r.stderr  # it says who does report
    r = cli("report", "new", "so", "--period", "2026-H2", "--root", ws_root)
    assert r.exit_code == 1 and "khớp nhiều cơ quan" in r.stderr
    forced = ("report", "new", "UBND_TINH", "--period", "2026-H2", "--force", "--root", ws_root)
    assert cli(*forced).exit_code == 0
    assert (ws_root / "reports/2026-H2/UBND_TINH.yaml").exists()


def test_the_clerk_file_is_validated(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    clerk = ws_root / "reports/2026-H2/_danh_gia.yaml"
    write(clerk, "schema_version: 1\nperiod: 2026-H2\nachievements:\n  ý: một bảng\n")
    r = cli("validate", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 1 and "reports/2026-H2/_danh_gia.yaml:4:3" in r.stdout
    # a list of paragraphs, or paragraphs with a blank line between them, are both text
    write(
        clerk,
        "schema_version: 1\nperiod: 2026-H2\nachievements:\n  - Đoạn một.\n  - Đoạn hai.\n"
        "causes: |\n  Nguyên nhân một.\n\n  Nguyên nhân hai.\n",
    )
    assert cli("validate", "--root", ws_root, "--as-of", "2026-11-29").exit_code == 0
    from kh121.models import ClerkText, paragraphs

    text = ClerkText.model_validate(
        {"schema_version": 1, "period": "2026-H2", "causes": "A.\n\nB.\n"}
    )
    assert paragraphs(text.causes) == ["A.", "B."]


def test_diff_shows_the_sources_wording(repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    tasks = repo / "data/tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    assert "lead_text: Sở Y tế\n" in text
    tasks.write_text(text.replace("lead_text: Sở Y tế\n", "lead_text: Sở Y tế tỉnh\n"), "utf-8")
    r = cli("diff", "--root", repo)
    assert "nguyên văn cơ quan chủ trì: Sở Y tế → Sở Y tế tỉnh" in r.stdout
    # a blank scaffold: fields empty before and after say nothing
    cli("report", "new", "SYT", "--period", "2026-H2", "--root", repo)
    r = cli("diff", "--root", repo)
    assert "(trống) → (trống)" not in r.stdout


def test_diff_between_revisions_in_a_subfolder_of_the_repository(
    ws_root: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    """The workspace need not be the repository's top: the revision's files are read
    relative to the root, all in one git call, a report file included."""
    import shutil

    top = ws_root.parent / "top"
    shutil.copytree(ws_root, top / "plan")

    commit_all(top, "one")
    root = top / "plan"
    write(
        root / "reports/2026-H2/SYT.yaml", received_report(root, "SYT", "2026-H2", "2026-11-14", "")
    )
    commit_all(top, "two")
    r = cli("diff", "HEAD~1", "HEAD", "--root", root)
    assert r.exit_code == 0, r.stdout
    assert "Sở Y tế, 6 tháng cuối năm 2026" in r.stdout, r.stdout


def test_cache_sees_a_reviews_file(ws_root: Path, cli, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A review's own file is read with the record: one that breaks after the view was
    cached is shown left out, never answered from the cache as if nothing changed."""
    monkeypatch.setenv("KH121_CACHE_DIR", str(tmp_path / "cache"))
    assert _status_json(cli, ws_root)["excluded"] == []
    write(ws_root / "reports/_so_ket_2023_2025.yaml", "schema_version: 1\nfirst: [\n")
    r = cli("status", "--root", ws_root, "--as-of", "2026-11-29", "--json")
    assert json.loads(r.stdout)["excluded"], r.output
