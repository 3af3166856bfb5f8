"""Boundaries a one-character change of the code would move, with the whole suite still
green before these tests (issue 24; `bench/mutants.sh` finds such mutants).

Each test pins the day on which something changes and the day before or after it: a
merger's first day, a report received on its due day, the latest period on its due day, a
draft that is not on record whatever its date; and the names written into the page's SVG.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Result, received_report, without_since, write
from kh121.agencies import AgencyIndex
from kh121.loader import load
from kh121.models import Agency, AgencyKind, Succession
from kh121.status import compute_status
from kh121.views import StatusView

ONE = dt.timedelta(days=1)
AS_OF = dt.date(2026, 11, 29)


def _view(root: Path, as_of: dt.date) -> StatusView:
    ws, problems = load(root, as_of)
    assert ws is not None
    assert [p for p in problems if p.severity == "error"] == []
    return compute_status(ws, as_of)


def _due_day(root: Path, period: str) -> dt.date:
    """The effective due day of a period: its due date moved past a weekend or holiday."""
    ws, _ = load(root, AS_OF)
    assert ws is not None
    return ws.work.effective(ws.periods[period].due)


def _file(root: Path, agency: str, period: str, day: dt.date, received: bool = True) -> None:
    text = received_report(root, agency, period, day.isoformat(), "")
    if not received:
        text = text.replace(f"received: {day.isoformat()}\n", "")
        assert "received" not in text
    write(root / "reports" / period / f"{agency}.yaml", text)


def test_a_merger_takes_effect_on_its_first_day(ws_root: Path) -> None:
    ws, _ = load(ws_root, AS_OF)
    assert ws is not None
    merged = [a for a in ws.agencies.agencies if a.merged_into is not None]
    assert merged  # the shipped data has mergers (01/03/2025)
    for a in merged:
        assert a.merged_into is not None
        first, successor = a.merged_into.from_date, a.merged_into.successor
        assert ws.agencies.resolve(a.code, first - ONE) == a.code
        assert ws.agencies.resolve(a.code, first) == successor
        assert ws.agencies.covers(a.code, successor, first)
        assert not ws.agencies.covers(a.code, successor, first - ONE)


def _agency(code: str, to: str | None = None, on: dt.date | None = None) -> Agency:
    merged = Succession(successor=to, from_date=on) if to and on else None
    return Agency(code=code, name=code, short=code, kind=AgencyKind.DEPARTMENT, merged_into=merged)


def test_mergers_in_a_row_and_in_a_circle() -> None:
    d1, d2 = dt.date(2025, 3, 1), dt.date(2026, 1, 1)
    index = AgencyIndex.build([_agency("A", "B", d1), _agency("B", "C", d2), _agency("C")])
    assert [index.resolve("A", d) for d in (d1 - ONE, d1, d2 - ONE, d2)] == ["A", "B", "B", "C"]
    assert index.chain("A") == ["A", "B", "C"] and index.chain("C") == ["C"]
    # a circle is refused by `validate` (E032); the index still stops on it
    circle = AgencyIndex.build([_agency("A", "B", d1), _agency("B", "A", d1)])
    assert circle.resolve("A", d2) == "A" and circle.chain("A") == ["A", "B"]


@pytest.mark.parametrize(("late_by", "status"), [(-1, "on_time"), (0, "on_time"), (1, "late")])
def test_a_report_received_on_its_due_day_is_on_time(
    ws_root: Path, late_by: int, status: str
) -> None:
    due = _due_day(ws_root, "2026-H2")
    _file(ws_root, "SCT", "2026-H2", due + late_by * ONE)
    v = _view(ws_root, AS_OF)
    ob = next(o for o in v.obligations if o.period == "2026-H2" and o.agency == "SCT")
    assert (ob.status, ob.days_late) == (status, max(late_by, 0))


def test_a_report_counts_from_the_day_it_is_received(ws_root: Path) -> None:
    day = _due_day(ws_root, "2026-H2") + 3 * ONE
    _file(ws_root, "SCT", "2026-H2", day)
    for as_of, status in ((day, "late"), (day - ONE, "missing")):
        ws, _ = load(ws_root, as_of)  # the day before: E037, received after "today"
        assert ws is not None
        v = compute_status(ws, as_of)
        ob = next(o for o in v.obligations if o.period == "2026-H2" and o.agency == "SCT")
        assert ob.status == status, as_of


def test_the_latest_period_is_the_one_past_its_due_day(ws_root: Path) -> None:
    due = _due_day(ws_root, "2026-H2")
    on_the_day = _view(ws_root, due)
    assert on_the_day.latest_period == "2026-H1"  # not yet late on its own due day
    assert not [o for o in on_the_day.obligations if o.period == "2026-H2"]
    after = _view(ws_root, due + ONE)
    assert after.latest_period == "2026-H2"
    missing = [o for o in after.obligations if o.period == "2026-H2"]
    assert missing and {o.status for o in missing} == {"missing"}
    assert {o.days_late for o in missing} == {1}


def test_a_draft_is_not_on_record_whatever_its_date(ws_root: Path) -> None:
    due = _due_day(ws_root, "2026-H2")
    _file(ws_root, "SYT", "2026-H2", due - 10 * ONE, received=False)  # dated, never received
    v = _view(ws_root, AS_OF)
    ob = next(o for o in v.obligations if o.period == "2026-H2" and o.agency == "SYT")
    assert (ob.status, ob.draft, ob.received) == ("missing", True, None)
    assert ob.file and Path(ob.file).name == "SYT.yaml"  # the draft named, for the reminder
    led = {t.id: t.state for t in v.tasks if t.lead == "SYT"}
    assert led and set(led.values()) == {"no_report"}  # its states are not yet said
    _file(ws_root, "SYT", "2026-H2", due - 10 * ONE)  # the same file, received
    v = _view(ws_root, AS_OF)
    ob = next(o for o in v.obligations if o.period == "2026-H2" and o.agency == "SYT")
    assert (ob.status, ob.draft) == ("on_time", False)
    assert {t.state for t in v.tasks if t.lead == "SYT"} == {"in_progress"}


def test_the_focal_points_own_file_counts_from_its_date(ws_root: Path) -> None:
    without_since(ws_root)
    ws, _ = load(ws_root, AS_OF)
    assert ws is not None
    focal = ws.plan.reporting.to
    day = _due_day(ws_root, "2026-H2") - 3 * ONE
    _file(ws_root, focal, "2026-H2", day, received=False)  # not sent to itself: no `received`
    led = [t.id for t in _view(ws_root, AS_OF).tasks if t.responsible == focal]
    assert led
    before = {t.id: t for t in _view(ws_root, day - ONE).tasks}
    on_the_day = {t.id: t for t in _view(ws_root, day).tasks}
    assert {on_the_day[i].state for i in led} == {"in_progress"}
    assert {before[i].state for i in led} == {"no_report"}


def _svgs(html: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", html, flags=re.DOTALL)


def test_names_in_the_pages_svg_are_escaped(ws_root: Path, cli: Callable[..., Result]) -> None:
    tasks = ws_root / "data/tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    old = "title: Đẩy mạnh hợp tác trong nước và quốc tế về công nghệ sinh học"
    assert old in text
    tasks.write_text(text.replace(old, 'title: "Hợp tác <trong nước> & quốc tế"'), "utf-8")
    r = cli("page", "--root", ws_root, "--as-of", AS_OF.isoformat())
    assert r.exit_code == 0, r.output
    html = (ws_root / "reports/trang_theo_doi.html").read_text(encoding="utf-8")
    titles = []
    for svg in _svgs(html):
        root = ET.fromstring(svg)  # an unescaped '&' or '<' is not XML
        titles += [t.text for t in root.iter("{http://www.w3.org/2000/svg}title")]
        titles += [t.text for t in root.iter("title")]
    assert "Hợp tác <trong nước> & quốc tế" in titles  # a section's bar
    assert "Sở NN&MT" in titles  # an agency's bar: the shipped short names hold '&'
    assert "<title>Sở NN&amp;MT</title>" in html


def test_a_templates_time_is_twenty_seconds_and_more_for_more_data() -> None:
    from kh121.templating import _rows, _seconds

    small = {"tasks": [{"id": "I.1"}] * 18, "title": "x"}
    assert _rows(small) == 18 and 20 <= _seconds(_rows(small)) < 21
    big = {"tasks": [{"id": "I.1", "results": ["a", "b"]}] * 18000}
    assert _rows(big) == 18000 * 3 and _seconds(_rows(big)) == 20 + 2 * 54


def test_a_killed_conversions_folder_is_swept_at_the_next(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import os
    import tempfile
    import time

    from kh121 import pdf

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    old, fresh = tmp_path / "kh121-pdf-old", tmp_path / "kh121-pdf-new"
    for folder in (old, fresh):
        (folder / "profile").mkdir(parents=True)
    hour_ago = time.time() - 3700
    os.utime(old, (hour_ago, hour_ago))
    assert pdf.sweep_stale() == [old]
    assert not old.exists() and fresh.exists()


def test_a_period_before_the_record_has_no_data_only_once_past_its_due_day(
    ws_root: Path,
) -> None:
    """2026-H1 falls before the record begins (since 2026-H2): on its effective due day its
    reports are neither missing nor 'no data' yet (they may still come that day); the day
    after, each one owed counts as no data."""
    due = _due_day(ws_root, "2026-H1")
    on_the_day = _view(ws_root, due)
    after = _view(ws_root, due + ONE)
    assert "2026-H1" not in on_the_day.no_data_by_period
    assert after.no_data_by_period["2026-H1"] == 6  # the seven reporters but the focal point
    assert not any(o.period == "2026-H1" for o in after.obligations)
