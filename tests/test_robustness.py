"""Arbitrary input never crashes kh121, and writes never lose data."""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import write
from kh121.atomic import FileExistsRefusedError, write_atomic

KINDS = [
    "reports/2026-H2/SYT.yaml",
    "data/agencies.yaml",
    "data/tasks.yaml",
    "data/calendar.yaml",
    "data/report.yaml",
]
FAST = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

yaml_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.text(max_size=30),
        st.dates().map(str),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


def _check(cli, root: Path, target: str, content: bytes) -> None:  # type: ignore[no-untyped-def]
    path = root / target
    original = path.read_bytes() if path.exists() else None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    try:
        # Every command loads through one loader: when validate refuses, status must refuse
        # too (exit 1); merge, which writes, runs on what validate accepts.
        checked = cli("validate", "--root", root, "--as-of", "2026-11-29")
        results = [checked]
        commands = [("status", "--json")]
        if checked.exit_code == 0:
            commands.append(("merge", "2026-H2"))
        for args in commands:
            r = cli(*args, "--root", root, "--as-of", "2026-11-29")
            assert r.exit_code in (0, 1), (args, r.exit_code, r.output)
            if checked.exit_code == 1:
                assert r.exit_code == 1, (args, r.output)
            results.append(r)
        for r in results:
            assert "Traceback" not in r.output
            assert "lỗi không mong đợi" not in r.output
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)
        merged = root / "reports/2026-H2/_tong_hop.yaml"
        if merged.exists():
            merged.unlink()


@pytest.mark.parametrize("target", KINDS)
@given(content=st.binary(max_size=400))
@FAST
def test_arbitrary_bytes(ws_root: Path, cli, target: str, content: bytes) -> None:  # type: ignore[no-untyped-def]
    _check(cli, ws_root, target, content)


@pytest.mark.parametrize("target", KINDS)
@given(
    data=st.dictionaries(
        st.sampled_from(
            [
                "schema_version",
                "agency",
                "period",
                "tasks",
                "agencies",
                "sections",
                "plan",
                "holidays",
                "letterhead",
                "x",
            ]
        ),
        yaml_values,
        max_size=6,
    )
)
@FAST
def test_arbitrary_yaml(ws_root: Path, cli, target: str, data: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    import yaml

    _check(cli, ws_root, target, yaml.safe_dump(data, allow_unicode=True).encode())


def test_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = write(tmp_path / "f.yaml", "old\n")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(target, "new\n")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["f.yaml"]  # no temporary file left


def test_failure_in_the_middle_of_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = write(tmp_path / "f.yaml", "old\n")
    real_fsync = os.fsync

    def crash(fd: int) -> None:
        raise OSError("power cut")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):
        write_atomic(target, "n" * 100_000)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["f.yaml"]


def test_never_overwrite(tmp_path: Path) -> None:
    target = write(tmp_path / "f.yaml", "mine\n")
    with pytest.raises(FileExistsRefusedError):
        write_atomic(target, "theirs\n", overwrite=False)
    assert target.read_text() == "mine\n"
    fresh = tmp_path / "g.yaml"
    assert write_atomic(fresh, "x\n", overwrite=False)
    assert fresh.read_text() == "x\n"


def test_unchanged_content_is_not_rewritten(tmp_path: Path) -> None:
    target = write(tmp_path / "f.yaml", "same\n")
    os.utime(target, (1_000_000, 1_000_000))
    assert write_atomic(target, "same\n") is False
    assert target.stat().st_mtime == 1_000_000


def test_concurrent_merges_leave_a_valid_result(ws_root: Path) -> None:
    from kh121.commands.merge import run_merge

    write(
        ws_root / "reports/2026-H2/SYT.yaml",
        "schema_version: 1\nagency: SYT\nperiod: 2026-H2\nnumber: 1/BC\ndate: 2026-11-12\n"
        "received: 2026-11-12\ntasks:\n  - task: III.7\n    state: in_progress\n"
        "    done: Đang làm.\n",
    )
    import datetime as dt

    errors: list[BaseException] = []

    def merge() -> None:
        try:
            run_merge(
                root=ws_root,
                period_text="2026-H2",
                check=False,
                as_of=dt.date(2026, 11, 29),
                lang="vi",
            )
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=merge) for _ in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    assert (
        run_merge(
            root=ws_root, period_text="2026-H2", check=True, as_of=dt.date(2026, 11, 29), lang="vi"
        )
        == 0
    )
    leftovers = [p.name for p in (ws_root / "reports/2026-H2").iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_modes_are_kept(tmp_path: Path) -> None:
    old = write(tmp_path / "f.yaml", "a\n")
    old.chmod(0o640)
    write_atomic(old, "b\n")
    assert old.stat().st_mode & 0o777 == 0o640
    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "g.yaml"
        write_atomic(fresh, "x\n")
        assert fresh.stat().st_mode & 0o777 == 0o644
    finally:
        os.umask(umask)


def _report_text(received: str, state: str, done: str, completed_on: str) -> str:
    import yaml

    line: dict[str, object] = {"task": "III.7", "state": state}
    if done:  # an empty value is left out, as a person leaves the line blank
        line["done"] = done
    if completed_on:
        line["completed_on"] = completed_on
    body = {
        "schema_version": 1,
        "agency": "SYT",
        "period": "2026-H2",
        "number": "12/BC-SYT",
        "date": "2026-11-10",
        "received": received,
        "tasks": [line],
    }
    return yaml.safe_dump(body, allow_unicode=True, sort_keys=False)


_NEAR = st.dates(dt.date(2026, 11, 10), dt.date(2026, 11, 29)).map(str)  # date ≤ day ≤ as-of
_WORDS = st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=60)
_STATES = st.sampled_from(["done", "in_progress", "not_started", "Đã hoàn thành", "đang làm"])


def _mostly(
    valid: st.SearchStrategy[str], anything: st.SearchStrategy[str]
) -> st.SearchStrategy[str]:
    """Three times in four a value validate should accept, else anything at all."""
    return st.one_of(valid, valid, valid, anything)


@given(
    received=_mostly(_NEAR, st.one_of(st.dates().map(str), st.text(max_size=12))),
    state=_mostly(_STATES, st.text(max_size=15)),
    done=_mostly(_WORDS, st.text(max_size=60)),
    completed_on=_mostly(st.one_of(st.just(""), _NEAR), st.text(max_size=10)),
)
@FAST
def test_a_nearly_valid_report(  # type: ignore[no-untyped-def]
    ws_root: Path, cli, received: str, state: str, done: str, completed_on: str
) -> None:
    """A well-formed report whose values are arbitrary: validate decides, and what it accepts
    merge consolidates (a property where most examples would fail validate never merges)."""
    text = _report_text(received, state, done, completed_on)
    checked = cli("validate", "--root", ws_root, "--as-of", "2026-11-29")  # the data alone
    assert checked.exit_code == 0, checked.output
    _check(cli, ws_root, "reports/2026-H2/SYT.yaml", text.encode("utf-8"))
    write(ws_root / "reports/2026-H2/SYT.yaml", text)
    if cli("validate", "--root", ws_root, "--as-of", "2026-11-29").exit_code == 0:
        r = cli("merge", "2026-H2", "--root", ws_root, "--as-of", "2026-11-29")
        assert r.exit_code == 0, r.output
        assert cli("merge", "2026-H2", "--check", "--root", ws_root, "--as-of",
                   "2026-11-29").exit_code == 0  # fmt: skip
    (ws_root / "reports/2026-H2/SYT.yaml").unlink()
    merged = ws_root / "reports/2026-H2/_tong_hop.yaml"
    if merged.exists():
        merged.unlink()


def test_the_nearly_valid_reports_reach_merge(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """The strategy above is not idle: a plain valid example of it merges."""
    text = _report_text("2026-11-12", "in_progress", "Đã triển khai.", "")
    write(ws_root / "reports/2026-H2/SYT.yaml", text)
    assert cli("validate", "--root", ws_root, "--as-of", "2026-11-29").exit_code == 0
    assert cli("merge", "2026-H2", "--root", ws_root, "--as-of", "2026-11-29").exit_code == 0
