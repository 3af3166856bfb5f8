"""`kh121 validate` on one bad input per problem code, against golden output files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cases import CASES, Case

GOLDEN = Path(__file__).parent / "golden" / "validate"
UPDATE = os.environ.get("KH121_UPDATE_GOLDEN") == "1"


def apply(case: Case, root: Path) -> None:
    for rel in case.delete:
        (root / rel).unlink()
    for rel, old, new in case.edits:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    for rel, content in case.files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    apply(CASES[name], ws_root)
    before = {p: p.read_bytes() for p in ws_root.rglob("*") if p.is_file()}
    result = cli("validate", "--root", ws_root, "--as-of", "2026-11-29")
    text = result.stdout + result.stderr
    golden = GOLDEN / f"{name}.txt"
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(f"exit {result.exit_code}\n{text}", encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    assert f"exit {result.exit_code}\n{text}" == expected
    code = name.split("-")[0]
    if code.startswith("E"):
        assert result.exit_code == 1
        assert f"lỗi[{code}]" in text
    elif code.startswith("W"):
        assert result.exit_code == 0
        assert f"cảnh báo[{code}]" in text
    else:
        assert result.exit_code == 0
    assert "Traceback" not in text
    too_long = [line for line in text.splitlines() if len(line) > 80]
    assert not too_long, too_long  # wrapped at words, a hanging indent under the head
    after = {p: p.read_bytes() for p in ws_root.rglob("*") if p.is_file()}
    assert after == before  # validate never writes


def test_json_output(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    import json

    apply(CASES["E006-duplicate-key"], ws_root)
    result = cli("validate", "--root", ws_root, "--as-of", "2026-11-29", "--json", "--lang", "en")
    # W056, the source's blank decision number, is in every run of the shipped data; W054:
    # the file's last 'state: done' has no completion day
    items = [i for i in json.loads(result.stdout) if i["code"] not in ("W056", "W054")]
    assert result.exit_code == 1
    assert items == [
        {
            "file": "reports/2026-H2/SYT.yaml",
            "line": 10,
            "col": 5,
            "code": "E006",
            "severity": "error",
            "message": "duplicate key 'state' (first at line 9); YAML would silently keep the last"
            " value and lose the first: merge or remove one",
        }
    ]


def test_all_problems_at_once(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    for name in ("E034-unknown-task", "E031-report-agency", "E036-bad-period"):
        apply(CASES[name], ws_root)
    result = cli("validate", "--root", ws_root, "--as-of", "2026-11-29")
    for code in ("E034", "E031", "E036"):
        assert f"lỗi[{code}]" in result.stdout
    lines = [ln for ln in result.stdout.splitlines() if "lỗi[" in ln]
    assert lines == sorted(lines)


def test_too_large(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = ws_root / "reports/2026-H2/SYT.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("schema_version: 1\n" + "# x\n" * 1_400_000, encoding="utf-8")
    result = cli("validate", "--root", ws_root, "--as-of", "2026-11-29")
    assert result.exit_code == 1
    assert "reports/2026-H2/SYT.yaml:1:1: lỗi[E011]" in result.stdout


def test_usage_error_exit_2(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("validate", "--root", ws_root, "--as-of", "31/02/2026")
    assert result.exit_code == 2


def test_named_paths_only(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    apply(CASES["E034-unknown-task"], ws_root)
    apply(CASES["E036-bad-period"], ws_root)
    result = cli(
        "validate", "--root", ws_root, "--as-of", "2026-11-29", ws_root / "reports/2026-H3"
    )
    assert "E036" in result.stdout and "E034" not in result.stdout


def test_english_problem_lines_keep_error_and_warning(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    apply(CASES["E034-unknown-task"], ws_root)
    result = cli("validate", "--root", ws_root, "--as-of", "2026-11-29", "--lang", "en")
    assert "error[E034]" in result.stdout and "lỗi[" not in result.stdout
    assert "warning[W056]" in result.stdout and "cảnh báo[" not in result.stdout


def test_lines_unwrapped_when_piped_without_columns(ws_root: Path, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("COLUMNS")  # a pipe into grep: one problem, one line
    result = cli("validate", "--root", ws_root, "--as-of", "2026-11-29")
    w056 = [ln for ln in result.stdout.splitlines() if "[W056]" in ln]
    assert len(w056) == 1 and len(w056[0]) > 80 and w056[0].endswith("khi biết")
