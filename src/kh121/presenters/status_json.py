"""The JSON form of status, overdue and show: stable keys, ISO dates."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from kh121.views import (
    Entry,
    ObligationView,
    OccurrenceView,
    StatusView,
    Summary,
    TaskView,
    is_soon,
)

JSON_VERSION = 3


def _iso(day: Any) -> str | None:
    return day.isoformat() if day is not None else None


def occurrence_json(o: OccurrenceView) -> dict[str, Any]:
    return {
        "key": o.key,
        "due": _iso(o.due),
        "effective_due": _iso(o.effective_due),
        "assumed_due": o.assumed,
        "assigned": o.assigned,
        "state": o.state.value,
        "bin": o.bin.value,
        "done_on": _iso(o.done_on),
        "days_late": o.days_late,
        "days_overdue": o.days_overdue,
        "days_left": o.days_left,
        "evidence": o.evidence,
        "disputed": list(o.disputed),
        "members_reported": list(o.members),
        "members_total": o.members_total,
        "claimed_done": o.claimed,
    }


def entry_json(e: Entry) -> dict[str, Any]:
    return {
        "agency": e.agency,
        "period": e.period,
        "received": _iso(e.day),
        "file": e.file,
        "role": e.role,
        "state": e.state.value,
        "done": e.done,
        "evidence": e.evidence,
        "difficulties": e.difficulties,
        "proposals": e.proposals,
    }


def task_json(task: TaskView, soon: int) -> dict[str, Any]:
    nxt = task.next
    overdue = task.overdue
    return {
        "id": task.id,
        "section": task.section,
        "content": task.content,
        "product": task.product,
        "cite": task.cite or task.id,
        "lead": task.lead,
        "responsible": task.responsible,
        "leads": list(task.all_leads),
        "responsibles": list(task.answering),
        "group": task.group,
        "members_total": task.members_total,
        "coordinators": list(task.coordinators),
        "deadline_text": task.deadline_text,
        "deadline_kind": task.deadline_kind,
        "next_due": _iso(nxt.due),
        "effective_due": _iso(nxt.effective_due),
        "assumed_due": nxt.assumed,
        "state": task.state.value,
        "bin": task.bin.value,
        "overdue": bool(overdue),
        "days_overdue": max((o.days_overdue for o in overdue), default=0),
        "overdue_occurrences": [o.key for o in overdue],
        "due_soon": [o.key for o in task.occurrences if is_soon(o, soon)],
        "days_left": nxt.days_left,
        "occurrences": [occurrence_json(o) for o in task.occurrences],
        "reports": [entry_json(e) for e in task.entries],
        "contradictions": list(task.contradictions),
    }


def obligation_json(ob: ObligationView) -> dict[str, Any]:
    return {
        "agency": ob.agency,
        "chase": ob.chase,
        "period": ob.period,
        "due": _iso(ob.due),
        "effective_due": _iso(ob.effective_due),
        "received": _iso(ob.received),
        "file": ob.file,
        "draft": ob.draft,
        "status": ob.status.value,
        "days_late": ob.days_late,
        "reminded": (
            {"number": ob.reminded[0], "date": _iso(ob.reminded[1]), "times": ob.reminded[2]}
            if ob.reminded
            else None
        ),
    }


def summary_json(s: Summary) -> dict[str, Any]:
    """The four bins, the rates, and what is counted apart: the one JSON of a Summary."""
    return {
        "unit": "occurrence",
        "tasks": s.tasks,
        "total": s.total,
        "due": s.due,
        "done_on_time": s.done_on_time,
        "done_late": s.done_late,
        "open_in_time": s.open_in_time,
        "open_overdue": s.open_overdue,
        "done_of_due": s.done_of_due,
        "percent_done": s.percent_done,
        "percent_done_of_due": s.percent_done_of_due,
        "no_data": s.no_data,
        "disputed": s.disputed,
    }


def head_json(view: StatusView) -> dict[str, Any]:
    s = view.summary
    return {
        "version": JSON_VERSION,
        "as_of": view.as_of.isoformat(),
        "plan": view.plan_code,
        "soon_days": view.soon,
        "filters": list(view.filters),
        "summary": summary_json(s),
        "latest_period": view.latest_period,
        "missing_latest": list(view.missing_latest),
        "focal": view.focal,
        "record_start": _iso(view.record_start),
        "reports_no_data": view.no_data_reports,
        "excluded": [{**x.problem.as_json(), "errors": x.errors} for x in view.excluded],
    }


def write_status_json(
    out: TextIO,
    view: StatusView,
    tasks: Iterable[TaskView] | None = None,
    obligations: Iterable[ObligationView] | None = None,
) -> None:
    """The same text as json.dumps(..., indent=2) of the whole, written a task at a time
    so that a large plan is never held as one string."""
    out.write(json.dumps(head_json(view), ensure_ascii=False, indent=2)[:-2])
    parts: tuple[tuple[str, Iterable[Any], Callable[[Any], dict[str, Any]]], ...] = (
        ("tasks", view.tasks if tasks is None else tasks, lambda x: task_json(x, view.soon)),
        ("reports", view.obligations if obligations is None else obligations, obligation_json),
    )
    for key, items, to_json in parts:
        out.write(f',\n  "{key}": [')
        empty = True
        for item in items:
            block = json.dumps(to_json(item), ensure_ascii=False, indent=2)
            out.write(("\n" if empty else ",\n") + textwrap.indent(block, "    "))
            empty = False
        out.write("]" if empty else "\n  ]")
    out.write("\n}\n")
