"""`kh121 fmt` keeps every value and comment; `kh121 diff` says what a change means."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, git, write
from kh121.fmt import FormatRefusedError, format_text
from kh121.models import ReportFile
from kh121.text import UNSAFE
from kh121.yamlio import parse_yaml
from kh121.yamlout import dump

ORDER = {"I.1": 0, "II.1": 1, "II.2": 2, "III.7": 9}


def test_shipped_files_are_canonical(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("fmt", "--check", "--root", ws_root)
    assert r.exit_code == 0, r.output


def test_fmt_reorders_and_keeps_comments(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = write(
        ws_root / "reports/2026-H2/SYT.yaml",
        "# đầu tệp\nperiod: 2026-H2  # kỳ\nagency: SYT\nschema_version: 1\n"
        "tasks:\n  - task: III.7\n    state: done  # đã xong\n"
        "  - state: in_progress\n    task: I.1\n"
        "difficulties: 'no'\nproposals: \"2026-05-01\"\n",
    )
    check = cli("fmt", "--check", "--root", ws_root)
    assert check.exit_code == 1 and "+++ b/reports/2026-H2/SYT.yaml" in check.stdout
    assert "1 tệp cần định dạng" in check.stdout
    before = path.read_text(encoding="utf-8")
    assert cli("fmt", "--root", ws_root).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert text != before
    for comment in ("# đầu tệp", "# kỳ", "# đã xong"):
        assert comment in text
    assert text.index("schema_version") < text.index("agency") < text.index("period")
    assert text.index("task: I.1") < text.index("task: III.7")
    assert "difficulties: 'no'" in text or 'difficulties: "no"' in text
    old, _ = parse_yaml(before.encode(), "a")
    new, _ = parse_yaml(text.encode(), "b")
    assert old and new
    assert old.data["difficulties"] == new.data["difficulties"] == "no"
    assert cli("fmt", "--check", "--root", ws_root).exit_code == 0  # idempotent
    assert cli("validate", "--root", ws_root, "--as-of", "2026-11-29").exit_code == 0


def test_fmt_normalises_nfd_bom_crlf(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = ws_root / "reports/2026-H2/SYT.yaml"
    path.parent.mkdir(parents=True)
    body = (
        "schema_version: 1\r\nagency: SYT\r\nperiod: 2026-H2\r\ndifficulties: Thie\u0302\u0301u\r\n"
    )
    path.write_bytes(b"\xef\xbb\xbf" + body.encode())
    assert cli("fmt", "--root", ws_root).exit_code == 0
    assert (
        path.read_bytes()
        == "schema_version: 1\nagency: SYT\nperiod: 2026-H2\ndifficulties: Thiếu\n".encode()
    )


def test_fmt_refuses_a_file_with_errors(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = write(
        ws_root / "reports/2026-H2/SYT.yaml",
        "schema_version: 1\nagency: SYT\nperiod: 2026-H2\nperiod: 2026-H1\n",
    )
    before = path.read_bytes()
    r = cli("fmt", "--root", ws_root)
    assert r.exit_code == 1 and "lỗi[E006]" in r.stderr
    assert path.read_bytes() == before


def test_scaffold_is_stable_under_fmt(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    cli("report", "new", "SYT", "--period", "2026-H2", "--root", ws_root)
    path = ws_root / "reports/2026-H2/SYT.yaml"
    before = path.read_text(encoding="utf-8")
    assert cli("fmt", "--root", ws_root).exit_code == 0
    after = path.read_text(encoding="utf-8")
    assert [ln for ln in before.splitlines() if "#" in ln] == [
        ln for ln in after.splitlines() if "#" in ln
    ]


# Texts kh121 accepts in a value: no control, separator or surrogate, and none of what it
# refuses in a file (non-characters such as U+FDD0, which Word refuses too: text.UNSAFE).
texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
    min_size=1,
    max_size=150,
).filter(lambda s: s.strip() == s and s != "" and not UNSAFE.search(s))


@given(
    difficulties=texts,
    done=texts,
    number=st.one_of(st.none(), texts),
    multiline=st.lists(texts, min_size=1, max_size=3),
)
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fmt_round_trip_property(
    difficulties: str, done: str, number: str | None, multiline: list[str]
) -> None:
    data = {
        "schema_version": 1,
        "agency": "SYT",
        "period": "2026-H2",
        "number": number,
        "tasks": [
            {"task": "III.7", "state": "in_progress", "done": done},
            {"task": "I.1", "proposals": "\n".join(multiline)},
        ],
        "difficulties": difficulties,
    }
    text = dump(data, ["chú thích"])
    doc, problems = parse_yaml(text.encode(), "x")
    assert doc is not None and not [p for p in problems if p.severity == "error"]
    out = format_text(doc.text, ReportFile, ORDER)  # plain generated text must not be refused
    again, _ = parse_yaml(out.encode(), "y")
    assert again is not None
    by_task = {t["task"]: t for t in again.data["tasks"]}
    assert by_task["III.7"]["done"] == doc.data["tasks"][0]["done"]
    assert by_task["I.1"]["proposals"] == doc.data["tasks"][1]["proposals"]
    assert again.data["difficulties"] == doc.data["difficulties"]
    assert "# chú thích" in out
    assert format_text(out, ReportFile, ORDER) == out


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_diff_by_meaning(repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    tasks = repo / "data/tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    start = text.index("id: III.4")
    i = text.index("text: Trước ngày 05/12 hàng năm", start)
    tasks.write_text(text[:i] + "text: Tháng 06/2027" + text[i + 31 :], encoding="utf-8")
    _edit(
        tasks,
        "          - STC\n          - DV_LIEN_QUAN",
        "          - STC\n          - SNV\n          - DV_LIEN_QUAN",
    )
    _edit(repo / "data/agencies.yaml", "name: Sở Ngoại vụ", "name: Sở Ngoại vụ mới")
    git(repo, "commit", "-qam", "change")
    write(
        repo / "reports/2026-H2/SYT.yaml",
        "schema_version: 1\nagency: SYT\nperiod: 2026-H2\ntasks:\n  - task: III.7\n"
        "    state: done\n",
    )
    r = cli("diff", "HEAD~1", "HEAD", "--root", repo)
    assert r.exit_code == 0, r.output
    assert "III.4 thời hạn: Trước ngày 05/12 hàng năm → Tháng 06/2027" in r.stdout
    assert "II.1 cơ quan phối hợp: + Sở Nội vụ (SNV)" in r.stdout
    assert "SNGV tên: Sở Ngoại vụ → Sở Ngoại vụ mới" in r.stdout
    assert "2026-H2/SYT" not in r.stdout and "Sở Y tế" not in r.stdout
    work = cli("diff", "--root", repo)
    assert "+ Sở Y tế, 6 tháng cuối năm 2026 (mới)" in work.stdout  # in words, not its key
    assert "III.4" not in work.stdout and "2026-H2/SYT" not in work.stdout
    en = json.loads(cli("diff", "HEAD~1", "--root", repo, "--json", "--lang", "en").stdout)
    kinds = {(c["entity"], c.get("field"), c["change"]) for c in en["changes"]}
    assert ("III.4", "deadline", "changed") in kinds
    assert ("II.1", "coordinators", "set") in kinds
    assert ("2026-H2/SYT", None, "added") in kinds


def test_diff_state_change_and_merger(repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = write(
        repo / "reports/2026-H2/SYT.yaml",
        "schema_version: 1\nagency: SYT\nperiod: 2026-H2\ntasks:\n  - task: III.7\n"
        "    state: in_progress\n",
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "report")
    _edit(path, "state: in_progress", "state: done")
    _edit(
        repo / "data/agencies.yaml",
        "    unverified: true\n",
        "    unverified: true\n    merged_into:\n      successor: SNV\n"
        "      from_date: 2026-01-01\n",
    )
    r = cli("diff", "--root", repo)
    said = "Sở Y tế, 6 tháng cuối năm 2026 — III.7 trạng thái: Đang thực hiện → Đã hoàn thành"
    assert said in r.stdout
    assert "SNGV sáp nhập vào: (trống) → SNV (01/01/2026)" in r.stdout


def test_diff_outside_git(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("diff", "--root", ws_root)
    assert r.exit_code == 1 and "git" in r.stderr and "Traceback" not in r.output


def test_textconv(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("textconv", ROOT / "data/tasks.yaml")
    assert "III.4 thời hạn: Trước ngày 05/12 hàng năm" in r.stdout
    assert "II.1 cơ quan phối hợp: STC" in r.stdout


def test_flow_style_becomes_block_style() -> None:
    text = (
        "schema_version: 1\nagency: SYT\nperiod: 2026-H2\n"
        "tasks: [{task: III.7, state: done}, {task: I.1}]\n"
    )
    out = format_text(text, ReportFile, ORDER)
    assert "[" not in out and "{" not in out
    assert "tasks:\n  - task: I.1\n  - task: III.7\n    state: done\n" in out


def test_fmt_refuses_to_lose_a_comment(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    text = (
        "schema_version: 1\nagency: SYT\nperiod: 2026-H2\n"
        "tasks: [{task: III.7, # giữa\n  state: done}]\n"
    )
    with pytest.raises(FormatRefusedError):
        format_text(text, ReportFile, ORDER)
    path = write(ws_root / "reports/2026-H2/SYT.yaml", text)
    r = cli("fmt", "--root", ws_root)
    assert r.exit_code == 1 and "# giữa" in r.stderr and "Traceback" not in r.output
    assert path.read_text(encoding="utf-8") == text


def test_textconv_says_forms_and_states_in_words(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("textconv", ws_root / "data/tasks.yaml")
    assert r.exit_code == 0
    assert "I.1 dạng thời hạn: hằng năm, ngày 5/12" in r.stdout
    assert "kind=" not in r.stdout and "month=" not in r.stdout
    report = write(
        ws_root / "reports/2026-H2/SYT.yaml",
        "schema_version: 1\nagency: SYT\nperiod: 2026-H2\ntasks:\n"
        "  - task: III.7\n    state: not_started\n",
    )
    r = cli("textconv", report)
    assert "2026-H2/SYT III.7 trạng thái: Chưa thực hiện" in r.stdout
    assert "not_started" not in r.stdout


def test_a_tab_after_a_colon_is_a_clear_refusal(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = write(
        ws_root / "reports/2026-H2/SYT.yaml",
        "schema_version: 1\nagency: SYT\nperiod: 2026-H2\ndifficulties:\tKinh phí\n",
    )
    before = path.read_bytes()
    for args in (("fmt", "--check"), ("fmt",)):
        r = cli(*args, "--root", ws_root)
        assert r.exit_code == 1 and "lỗi không mong đợi" not in r.output, r.output
        assert "có dấu tab: thay bằng dấu cách" in " ".join(r.output.split())
    assert path.read_bytes() == before
