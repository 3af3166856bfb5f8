"""Consolidating one period's reports into one canonical file. Pure."""

from __future__ import annotations

import hashlib
from typing import Any

from kh121 import calendar as cal
from kh121.dates import dmy
from kh121.models import TaskReport, TaskState
from kh121.problems import Problem
from kh121.workspace import LoadedReport, Workspace, report_day
from kh121.yamlout import dump

HEADER = (
    "Tệp tổng hợp do 'kh121 merge' ghi từ các báo cáo trong thư mục này; không sửa tay.",
    "Sửa báo cáo của cơ quan rồi chạy lại 'kh121 merge'.",
)
_ENTRY_FIELDS = (
    "state",
    "done",
    "completed_on",
    "evidence",
    "delivered",
    "difficulties",
    "proposals",
)


def _entry(agency: str, line: TaskReport) -> dict[str, Any]:
    out: dict[str, Any] = {"agency": agency}
    for name in _ENTRY_FIELDS:
        value = getattr(line, name)
        if value is None:
            continue
        if name == "delivered":
            value = {k: v for k, v in value.model_dump().items() if v is not None}
            if not value:
                continue
        elif name == "state":
            value = value.value
        out[name] = value
    return out


def check_period(ws: Workspace, period: cal.Period) -> list[Problem]:
    """Problems only a whole period shows: two files for one agency, contradictions."""
    problems: list[Problem] = []
    owner: dict[str, LoadedReport] = {}
    for loaded in sorted(ws.reports, key=lambda r: r.doc.path):
        agency = ws.agencies.resolve(loaded.report.agency, period.due)
        if agency in owner:
            problems.append(
                loaded.doc.error(
                    ["agency"],
                    "E060",
                    agency=agency,
                    period=period.id,
                    other=owner[agency].doc.path,
                )
            )
        else:
            owner[agency] = loaded
    tasks = {t.id: t for t in ws.plan.tasks()}
    lead_state: dict[str, tuple[str, TaskState]] = {}
    for loaded in owner.values():
        for line in loaded.report.tasks:
            task = tasks.get(line.task)
            if (
                task
                and line.state
                and ws.agencies.resolve(loaded.report.agency, period.due)
                == ws.agencies.resolve(task.lead, period.due)
            ):
                lead_state[line.task] = (loaded.report.agency, line.state)
    for loaded in owner.values():
        r = loaded.report
        for i, line in enumerate(r.tasks):
            lead = lead_state.get(line.task)
            if (
                lead
                and lead[0] != r.agency
                and line.state is not None
                and {lead[1], line.state} == {TaskState.DONE, TaskState.NOT_STARTED}
            ):
                problems.append(
                    loaded.doc.warning(
                        ["tasks", i, "state"],
                        "W061",
                        task=line.task,
                        lead=lead[0],
                        lead_state=lead[1].value,
                        agency=r.agency,
                        state=line.state.value,
                    )
                )
            if line.completed_on and r.date and line.completed_on > r.date:
                problems.append(
                    loaded.doc.warning(
                        ["tasks", i, "completed_on"],
                        "W062",
                        task=line.task,
                        completed=dmy(line.completed_on),
                        report_date=dmy(r.date),
                    )
                )
    return problems


def consolidate(
    ws: Workspace, period: cal.Period, work: cal.WorkCalendar, warnings: list[Problem]
) -> str:
    """The consolidated YAML for a period: the same inputs give the same bytes, in any order."""
    eff = work.effective(period.due)
    reports = sorted(
        ws.reports,
        key=lambda r: (ws.agencies.resolve(r.report.agency, period.due), r.report.agency),
    )
    sources = []
    for loaded in reports:
        r = loaded.report
        day = report_day(r)
        late = day is not None and day > eff
        source: dict[str, Any] = {
            "agency": r.agency,
            "file": loaded.doc.path,
            "sha256": hashlib.sha256(loaded.doc.text.encode("utf-8")).hexdigest(),
            "number": r.number,
            "date": r.date,
            "received": r.received,
            "status": "late" if late else "on_time",
        }
        if late and day is not None:
            source["days_late"] = (day - eff).days
        sources.append({k: v for k, v in source.items() if v is not None})
    reported = {ws.agencies.resolve(r.report.agency, period.due) for r in reports}
    expected = sorted({ws.agencies.resolve(c, period.due) for c in ws.plan.reporting.reporters})
    lines: dict[str, list[tuple[str, TaskReport]]] = {}
    for loaded in reports:  # reports are in canonical order, so each list is too
        for line in loaded.report.tasks:
            lines.setdefault(line.task, []).append((loaded.report.agency, line))
    tasks_out = []
    for task in ws.plan.tasks():
        if task.id not in lines:
            continue
        responsible = ws.agencies.resolve(task.lead, period.due)
        lead_entry = None
        contributions = []
        for agency, line in lines[task.id]:
            entry = _entry(agency, line)
            if len(entry) == 1:
                continue  # a scaffold's line not filled in yet
            if ws.agencies.resolve(agency, period.due) == responsible:
                lead_entry = entry
            else:
                contributions.append(entry)
        if lead_entry is None and not contributions:
            continue
        item: dict[str, Any] = {"task": task.id, "responsible": responsible}
        if lead_entry is not None:
            item["lead"] = lead_entry
        if contributions:
            item["contributions"] = contributions
        tasks_out.append(item)
    general = []
    for loaded in reports:
        r = loaded.report
        if r.difficulties or r.proposals:
            g: dict[str, Any] = {"agency": r.agency}
            if r.difficulties:
                g["difficulties"] = r.difficulties
            if r.proposals:
                g["proposals"] = r.proposals
            general.append(g)
    data: dict[str, Any] = {
        "schema_version": 1,
        "plan": ws.plan.plan.code,
        "period": period.id,
        "due": period.due,
        "effective_due": eff,
        "expected": expected,
        "missing": [a for a in expected if a not in reported],
        "sources": sources,
        "tasks": tasks_out,
        "general": general,
        "warnings": [
            {"file": p.file, "line": p.line, "code": p.code, "message": p.message("vi")}
            for p in sorted(warnings, key=lambda p: p.sort_key())
        ],
    }
    return dump(data, HEADER)
