"""The JSON form of status and overdue: stable keys, ISO dates."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from kh121.status import ObligationView, StatusView, TaskView

JSON_VERSION = 1


def _iso(day: Any) -> str | None:
    return day.isoformat() if day is not None else None


def task_json(task: TaskView) -> dict[str, Any]:
    last = task.last_report
    return {
        "id": task.id,
        "section": task.section,
        "lead": task.lead,
        "responsible": task.responsible,
        "deadline_text": task.deadline_text,
        "deadline_kind": task.deadline_kind,
        "next_due": _iso(task.next_due),
        "effective_due": _iso(task.effective_due),
        "assumed_due": task.assumed,
        "state": task.state,
        "bin": task.bin,
        "overdue": task.overdue,
        "days_overdue": task.days_overdue,
        "overdue_occurrences": task.overdue_count,
        "due_soon": task.due_soon,
        "days_left": task.days_left,
        "working_days_left": task.working_days_left,
        "last_report": None
        if last is None
        else {
            "agency": last.agency,
            "period": last.period,
            "date": _iso(last.day),
            "file": last.file,
        },
        "occurrences": [
            {
                "key": o.key,
                "due": _iso(o.due),
                "effective_due": _iso(o.effective_due),
                "done_on": _iso(o.done_on),
                "bin": o.bin,
            }
            for o in task.occurrences
        ],
    }


def obligation_json(ob: ObligationView) -> dict[str, Any]:
    return {
        "agency": ob.agency,
        "period": ob.period,
        "due": _iso(ob.due),
        "effective_due": _iso(ob.effective_due),
        "received": _iso(ob.received),
        "file": ob.file,
        "status": ob.status,
        "days_late": ob.days_late,
    }


def write_status_json(
    out: TextIO,
    view: StatusView,
    tasks: list[TaskView] | None = None,
    obligations: list[ObligationView] | None = None,
) -> None:
    """The same text as json.dumps(..., indent=2) of the whole, written a task at a time
    so that a large plan is never held as one string."""
    s = view.summary
    head = {
        "version": JSON_VERSION,
        "as_of": view.as_of.isoformat(),
        "plan": view.plan_code,
        "soon_days": view.soon,
        "summary": {
            "total": s.total,
            "due": s.due,
            "done_on_time": s.done_on_time,
            "done_late": s.done_late,
            "open_in_time": s.open_in_time,
            "open_overdue": s.open_overdue,
            "percent_done": s.percent_done,
        },
        "latest_period": view.latest_period,
        "missing_latest": list(view.missing_latest),
    }
    out.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2])
    parts: tuple[tuple[str, Iterable[Any], Callable[[Any], dict[str, Any]]], ...] = (
        ("tasks", view.tasks if tasks is None else tasks, task_json),
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
