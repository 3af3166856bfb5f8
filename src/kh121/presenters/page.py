"""The status page for leaders: the same truth as `status`, as figures and charts. Pure.

Charts are inline SVG drawn here from the view (no plotting library, no script, no network);
every bin differs by a pattern and a label as well as a colour, so that the page reads in
greyscale and for colour-blind readers, and every chart has a text equivalent.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from html import escape
from typing import Any

from kh121.dates import dmy
from kh121.presenters import labels
from kh121.presenters.story import story
from kh121.states import Bin, ReportStatus
from kh121.views import StatusView, Summary, TaskView, summarise

BINS = (Bin.DONE_ON_TIME, Bin.DONE_LATE, Bin.OPEN_IN_TIME, Bin.OPEN_OVERDUE)
# colour, pattern id: dark/light and hatched/plain differ as well as the hue
STYLE = {
    Bin.DONE_ON_TIME: ("#1b7837", "solid"),
    Bin.DONE_LATE: ("#7fbf7b", "dots"),
    Bin.OPEN_IN_TIME: ("#9e9ac8", "plain"),
    Bin.OPEN_OVERDUE: ("#b2182b", "hatch"),
}


@dataclass(frozen=True)
class Trend:
    period: str
    day: str
    due: int
    done: int
    overdue: int


def _counts(s: Summary) -> dict[Bin, int]:
    return {
        Bin.DONE_ON_TIME: s.done_on_time,
        Bin.DONE_LATE: s.done_late,
        Bin.OPEN_IN_TIME: s.open_in_time,
        Bin.OPEN_OVERDUE: s.open_overdue,
    }


def patterns() -> str:
    """The SVG patterns the bars fill with (one <defs>, shared by every chart)."""
    return (
        '<svg width="0" height="0" aria-hidden="true" style="position:absolute"><defs>'
        '<pattern id="p-solid" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#1b7837"/></pattern>'
        '<pattern id="p-dots" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#7fbf7b"/><circle cx="3" cy="3" r="1.3" fill="#fff"/>'
        "</pattern>"
        '<pattern id="p-plain" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#9e9ac8"/></pattern>'
        '<pattern id="p-hatch" width="6" height="6" patternUnits="userSpaceOnUse"'
        ' patternTransform="rotate(45)"><rect width="6" height="6" fill="#b2182b"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"/></pattern>'
        "</defs></svg>"
    )


def bar(counts: dict[Bin, int], width: int = 560, height: int = 28, title: str = "") -> str:
    """One stacked horizontal bar of the four bins, each labelled with its number."""
    total = sum(counts.values())
    parts = [
        f'<svg class="bar" role="img" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}"><title>{escape(title)}</title>'
    ]
    x = 0.0
    for b in BINS:
        n = counts[b]
        if not n or not total:
            continue
        w = width * n / total
        _colour, pattern = STYLE[b]
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{height}" fill="url(#p-{pattern})"'
            ' stroke="#000" stroke-width="0.5"/>'
        )
        if w >= 18:
            parts.append(
                f'<text x="{x + w / 2:.1f}" y="{height / 2 + 5:.1f}" text-anchor="middle"'
                f' class="n">{n}</text>'
            )
        x += w
    parts.append("</svg>")
    return "".join(parts)


def _said(counts: dict[Bin, int]) -> str:
    return "; ".join(f"{labels.bin_label(b.value, 'vi')}: {counts[b]}" for b in BINS)


def trend_chart(points: list[Trend], width: int = 560, height: int = 160) -> str:
    """Per period, at its due date: how many occurrences were due, done, overdue."""
    if not points:
        return ""
    top = max(max(p.due for p in points), 1)
    step = width / max(len(points), 1)
    out = [
        f'<svg class="trend" role="img" width="{width}" height="{height + 30}"'
        f' viewBox="0 0 {width} {height + 30}"><title>Diễn biến qua các kỳ</title>'
    ]
    for i, p in enumerate(points):
        x = i * step + 4
        w = max(step - 8, 4)
        for value, pattern, off in ((p.done, "solid", 0.0), (p.overdue, "hatch", w / 2)):
            h = height * value / top
            out.append(
                f'<rect x="{x + off:.1f}" y="{height - h:.1f}" width="{w / 2:.1f}"'
                f' height="{h:.1f}" fill="url(#p-{pattern})" stroke="#000" stroke-width="0.5"/>'
            )
        head, _, tail = p.period.rpartition(" ")  # 'năm' over '2026': a label fits its bars
        out.append(
            f'<text x="{x + w / 2:.1f}" y="{height + 12}" text-anchor="middle"'
            f' class="axis">{escape(head or tail)}'
            + (f'<tspan x="{x + w / 2:.1f}" dy="11">{escape(tail)}</tspan>' if head else "")
            + "</text>"
        )
    out.append("</svg>")
    return "".join(out)


def build_page(
    view: StatusView, history: list[tuple[str, StatusView]], revision: str, title: str
) -> dict[str, Any]:
    """Every variable of the page template."""
    periods = list(dict.fromkeys(o.period for o in view.obligations))  # in due-date order
    trend = _trend(view, history)
    return {
        **years_view(view),
        "title": title,
        "plan_code": view.plan_code,
        "as_of": dmy(view.as_of),
        "revision": revision,
        "patterns": patterns(),
        "legend": [
            {"label": labels.bin_label(b.value, "vi"), "pattern": STYLE[b][1]} for b in BINS
        ],
        **_totals(view),
        "record_start": dmy(view.record_start) if view.record_start else "",
        "excluded": [x.file for x in view.excluded],
        "sections": _section_rows(view),
        "agencies": _agency_rows(view),
        "periods": periods,
        "period_labels": [view.period_label(p) for p in periods],  # people read labels
        "grid": _report_grid(view, periods),
        "trend": trend_chart(trend),
        "trend_rows": trend,
        "tasks": [_task_row(view, t) for t in view.tasks],
    }


def _totals(view: StatusView) -> dict[str, Any]:
    """The two headline figures: the occurrences already due, and every one assigned."""
    due_only = summarise(view.tasks, lambda o: o.assigned and o.past_due)
    every = view.summary
    return {
        "due": {
            "counts": {b.value: _counts(due_only)[b] for b in BINS},
            "total": due_only.total,
            "bar": bar(_counts(due_only), title="Các lượt đã đến hạn"),
            "said": _said(_counts(due_only)),
            "percent": labels.number(every.percent_done_of_due, "vi"),
        },
        "all": {
            "counts": {b.value: _counts(every)[b] for b in BINS},
            "total": every.total,
            "bar": bar(_counts(every), title="Mọi lượt đã giao"),
            "said": _said(_counts(every)),
            "no_data": every.no_data,
            "disputed": every.disputed,
        },
    }


def _section_rows(view: StatusView) -> list[dict[str, Any]]:
    """One bar per section of the plan, over its assigned occurrences."""
    rows = []
    for sid, stitle in view.section_titles.items():
        s = summarise([t for t in view.tasks if t.section == sid], lambda o: o.assigned)
        rows.append(
            {
                "id": sid,
                "title": stitle,
                "bar": bar(_counts(s), 420, 20, stitle),
                "said": _said(_counts(s)),
            }
        )
    return rows


def _agency_rows(view: StatusView) -> list[dict[str, Any]]:
    """One row per agency answering today: its occurrences by bin and its missing reports,
    the most behind first."""
    d = view.directory
    by_agency: dict[str, dict[Bin, int]] = defaultdict(lambda: dict.fromkeys(BINS, 0))
    for t in view.tasks:
        for o in t.occurrences:
            if o.assigned and o.bin in BINS:  # no data: not in the bars
                for code in t.answering:  # a joint task in each of its leads' bars
                    by_agency[code][o.bin] += 1
    # One figure per cell of the grid: a period whose report is missing counts once for
    # today's agency, whether it or a predecessor owed it (the column says so).
    missing: dict[str, int] = defaultdict(int)
    for _period, chase in {
        (o.period, o.chase) for o in view.obligations if o.status is ReportStatus.MISSING
    }:
        missing[chase] += 1
    agencies = sorted(
        set(by_agency) | set(missing),
        key=lambda a: (-(by_agency[a][Bin.OPEN_OVERDUE] + missing[a]), d.name(a)),
    )
    return [
        {
            "code": a,
            "name": d.name(a),
            "overdue": by_agency[a][Bin.OPEN_OVERDUE],
            "missing": missing[a],
            "bar": bar(by_agency[a], 300, 16, d.name(a)),
            "said": _said(by_agency[a]),
        }
        for a in agencies
    ]


def _report_grid(view: StatusView, periods: list[str]) -> list[dict[str, Any]]:
    """Agencies by periods: ✓ on time, +N days late, ✗ missing (with the last reminder's
    number); a missing report wins its cell."""
    d = view.directory
    cells: dict[tuple[str, str], str] = {}
    for ob in view.obligations:
        if ob.status is ReportStatus.ON_TIME:
            text = "✓"
        elif ob.status is ReportStatus.LATE:
            text = f"+{ob.days_late}"
        else:
            text = "✗" + (f" Đ{ob.reminded[2]}" if ob.reminded else "")
        if not cells.get((ob.period, ob.chase), "").startswith("✗"):  # missing wins a cell
            cells[(ob.period, ob.chase)] = text
    return [
        {"code": a, "name": d.name(a), "cells": [cells.get((p, a), "") for p in periods]}
        for a in sorted({o.chase for o in view.obligations}, key=d.name)
    ]


def _trend(view: StatusView, history: list[tuple[str, StatusView]]) -> list[Trend]:
    """Per past period, the figures as they stood at its due date."""
    return [
        Trend(
            view.period_label(p),
            dmy(v.as_of),
            v.summary.due,
            v.summary.done_of_due,
            v.summary.open_overdue,
        )
        for p, v in history
    ]


def _task_row(view: StatusView, t: TaskView) -> dict[str, Any]:
    """A task as the page's table shows it: its occurrences and what was reported."""
    d = view.directory
    return {
        "id": t.id,
        "content": t.content,
        "responsible": d.names(t.answering),
        "state": story(t, "vi"),
        "bin": labels.bin_label(t.bin.value, "vi"),
        "bin_key": t.bin.value,
        "occurrences": [
            {
                "key": labels.occurrence(o.key, "vi"),
                "due": dmy(o.effective_due) if o.effective_due else "—",
                "bin": labels.bin_label(o.bin.value, "vi"),
                "evidence": o.evidence or "",
            }
            for o in t.occurrences
            if o.assigned
        ],
        "entries": [
            {
                "period": view.period_label(e.period),
                "agency": d.name(e.agency),
                "state": labels.state(e.state.value, "vi"),
                "done": e.done or "",
            }
            for e in t.entries
        ],
    }


def years_view(view: StatusView) -> dict[str, Any]:
    """Per year (of the due dates) to the view's year: occurrences due and done, reports on
    time; per agency answering today, over the years. The figures are `kh121 review`'s
    ('now' column): the same function computes both."""
    from kh121.review import Snapshot, build_review

    due_years = [o.due.year for t in view.tasks for o in t.occurrences if o.due and o.assigned]
    due_years += [o.due.year for o in view.obligations]
    if not due_years:
        return {"years": [], "agency_years": [], "year_keys": []}
    first, last = min(due_years), view.as_of.year
    review = build_review(Snapshot(view), {}, first, last, (0, 0))
    d = view.directory
    years = [
        {
            "year": y.year,
            "total": y.now.tasks.total,
            "due": y.now.tasks.due,
            "done": y.now.tasks.done,
            "done_on_time": y.now.tasks.done_on_time,
            "open_overdue": y.now.tasks.open_overdue,
            "no_data": y.now.tasks.no_data,
            "owed": y.now.reporting.owed,
            "on_time": y.now.reporting.on_time,
            "late": y.now.reporting.late,
            "missing": y.now.reporting.missing,
            "rests_on_no_data": y.no_data,
        }
        for y in review.years
    ]
    agency_years = [
        {
            "code": g.key,
            "name": d.name(g.key),
            "cells": [
                {
                    "year": y,
                    "done": s.done,
                    "total": s.total,
                    "on_time": g.reporting[y].on_time,
                    "owed": g.reporting[y].owed,
                }
                for y, s in g.now.items()
            ],
        }
        for g in review.agencies
    ]
    return {
        "years": years,
        "agency_years": agency_years,
        "year_keys": [y.year for y in review.years],
    }
