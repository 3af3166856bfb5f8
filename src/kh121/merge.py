"""Consolidating one period's received reports into one canonical file. Pure.

Drafts (files without `received`) are named but not consolidated: what the
province is told comes only from reports that were actually sent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from kh121 import calendar as cal
from kh121.dates import dmy
from kh121.models import MergedFile, TaskReport, deliveries
from kh121.problems import Problem, Severity
from kh121.states import ReportStatus
from kh121.status import contradicting
from kh121.workspace import LoadedReport, Workspace
from kh121.yamlout import dump

HEADER = (
    "Tệp tổng hợp do 'kh121 merge' ghi từ các báo cáo đã nhận trong thư mục này; không sửa tay.",
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


def received(ws: Workspace, period: cal.Period) -> list[LoadedReport]:
    """The period's received reports, in canonical order (today's agency, then code)."""
    return sorted(
        (r for r in ws.period_reports(period.id) if r.received),
        key=lambda r: (ws.agencies.resolve(r.report.agency, period.due), r.report.agency),
    )


def check_duplicates(ws: Workspace, period: cal.Period) -> list[Problem]:
    """Two files for one agency in a period (also under an old and a new code)."""
    problems: list[Problem] = []
    owner: dict[str, LoadedReport] = {}
    for loaded in sorted(ws.period_reports(period.id), key=lambda r: r.doc.path):
        agency = ws.agencies.resolve(loaded.report.agency, period.due)
        if agency in owner:
            other = owner[agency].doc.path
            problems.append(
                loaded.doc.error(["agency"], "E060", agency=agency, period=period.id, other=other)
            )
        else:
            owner[agency] = loaded
    return problems


def check_contradictions(ws: Workspace, period: cal.Period) -> list[Problem]:
    """A lead that says done while another agency says not started, and the reverse."""
    lines: dict[str, list[tuple[LoadedReport, int, TaskReport]]] = {}
    for loaded in received(ws, period):
        for i, line in enumerate(loaded.report.tasks):
            lines.setdefault(line.task, []).append((loaded, i, line))
    problems: list[Problem] = []
    for tid, items in lines.items():
        task = ws.tasks.get(tid)
        if task is None:
            continue
        lead = ws.agencies.resolve(task.lead, period.due)
        said = [
            (ws.agencies.resolve(r.report.agency, period.due) == lead, line.state)
            for r, _i, line in items
        ]
        for a, b in contradicting(said):
            (first, _, lead_line), (loaded, i, line) = items[a], items[b]
            assert lead_line.state is not None and line.state is not None
            problems.append(
                loaded.doc.warning(
                    ["tasks", i, "state"],
                    "W061",
                    task=tid,
                    lead=first.report.agency,
                    lead_state=lead_line.state.value,
                    agency=loaded.report.agency,
                    state=line.state.value,
                )
            )
    return problems


def check_completion_dates(ws: Workspace, period: cal.Period) -> list[Problem]:
    problems: list[Problem] = []
    for loaded in received(ws, period):
        r = loaded.report
        for i, line in enumerate(r.tasks):
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


PERIOD_CHECKS = (check_duplicates, check_contradictions, check_completion_dates)


def check_period(ws: Workspace, period: cal.Period) -> list[Problem]:
    """Problems only a whole period shows."""
    return [p for check in PERIOD_CHECKS for p in check(ws, period)]


def _entry(agency: str, line: TaskReport) -> dict[str, Any] | None:
    out: dict[str, Any] = {"agency": agency}
    for name in _ENTRY_FIELDS:
        value = getattr(line, name)
        if name == "delivered" and value is not None:
            docs = [
                {k: v for k, v in d.model_dump().items() if v is not None}
                for d in deliveries(value)
            ]
            docs = [d for d in docs if d]
            value = (docs[0] if len(docs) == 1 else docs) or None
        elif name == "state" and value is not None:
            value = value.value
        if value is not None:
            out[name] = value
    return out if len(out) > 1 else None  # a scaffold's line not filled in yet


def _sources(reports: list[LoadedReport], eff: dt.date) -> list[dict[str, Any]]:
    out = []
    for loaded in reports:
        r = loaded.report
        assert r.received is not None
        late = r.received > eff
        source: dict[str, Any] = {
            "agency": r.agency,
            "file": loaded.doc.path,
            "sha256": hashlib.sha256(loaded.doc.text.encode("utf-8")).hexdigest(),
            "number": r.number,
            "date": r.date,
            "received": r.received,
            "status": (ReportStatus.LATE if late else ReportStatus.ON_TIME).value,
            "days_late": (r.received - eff).days if late else None,
        }
        out.append({k: v for k, v in source.items() if v is not None})
    return out


def _tasks(ws: Workspace, period: cal.Period, reports: list[LoadedReport]) -> list[dict[str, Any]]:
    lines: dict[str, list[tuple[str, TaskReport]]] = {}
    for loaded in reports:  # reports are in canonical order, so each list is too
        for line in loaded.report.tasks:
            lines.setdefault(line.task, []).append((loaded.report.agency, line))
    out = []
    for task in ws.plan.tasks():
        responsible = ws.agencies.resolve(task.lead, period.due)
        item: dict[str, Any] = {"task": task.id, "responsible": responsible}
        contributions = []
        for agency, line in lines.get(task.id, []):
            entry = _entry(agency, line)
            if entry is None:
                continue
            if ws.agencies.resolve(agency, period.due) == responsible:
                item["lead"] = entry
            else:
                contributions.append(entry)
        if contributions:
            item["contributions"] = contributions
        if len(item) > 2:
            out.append(item)
    return out


def _general(reports: list[LoadedReport]) -> list[dict[str, Any]]:
    out = []
    for loaded in reports:
        r = loaded.report
        if r.difficulties or r.proposals:
            g = {"agency": r.agency, "difficulties": r.difficulties, "proposals": r.proposals}
            out.append({k: v for k, v in g.items() if v is not None})
    return out


def consolidate(
    ws: Workspace, period: cal.Period, warnings: list[Problem]
) -> tuple[MergedFile, str]:
    """The consolidation and its YAML: the same inputs give the same bytes, in any order."""
    eff = ws.work.effective(period.due)
    reports = received(ws, period)
    reported = {ws.agencies.resolve(r.report.agency, period.due) for r in reports}
    expected = sorted({ws.agencies.resolve(c, period.due) for c in ws.plan.reporting.reporters})
    drafts = sorted(r.doc.path for r in ws.period_reports(period.id) if not r.received)
    data: dict[str, Any] = {
        "schema_version": 1,
        "plan": ws.plan.plan.code,
        "period": period.id,
        "due": period.due,
        "effective_due": eff,
        "expected": expected,
        "missing": [a for a in expected if a not in reported],
        "drafts": drafts,
        "sources": _sources(reports, eff),
        "tasks": _tasks(ws, period, reports),
        "general": _general(reports),
        "warnings": [
            {"file": p.file, "line": p.line, "code": p.code, "message": p.message("vi")}
            for p in sorted(warnings, key=lambda p: p.sort_key())
            if p.severity is Severity.WARNING
        ],
    }
    return MergedFile.model_validate(data), dump(data, HEADER)
