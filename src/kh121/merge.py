"""Consolidating one period's received reports into one canonical file. Pure.

Drafts (files without `received`) are named but not consolidated: what the
province is told comes only from reports that were actually sent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from kh121 import calendar as cal
from kh121 import paths
from kh121.models import MergedFile, TaskReport, deliveries
from kh121.problems import Problem, Severity, has_errors
from kh121.record import known_day, leads_of, owing
from kh121.status import days_late, standing
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
    """The period's reports on record (received, or the focal point's own file), in
    canonical order (today's agency, then code)."""
    return sorted(
        (r for r in ws.period_reports(period.id) if known_day(ws, r) is not None),
        key=lambda r: (ws.agencies.resolve(r.report.agency, period.due), r.report.agency),
    )


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
        source: dict[str, Any] = {
            "agency": r.agency,
            "file": loaded.doc.path,
            "sha256": hashlib.sha256(loaded.doc.text.encode("utf-8")).hexdigest(),
            "number": r.number,
            "date": r.date,
            "received": r.received,
            "status": standing(r.received, eff).value,
            "days_late": days_late(r.received, eff) or None,
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
        leads = leads_of(ws, task, period.due)  # joint leads: the first one's entry leads
        item: dict[str, Any] = {"task": task.id, "responsible": min(leads)}
        contributions = []
        for agency, line in lines.get(task.id, []):
            entry = _entry(agency, line)
            if entry is None:
                continue
            if ws.agencies.resolve(agency, period.due) in leads and "lead" not in item:
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
    expected = owing(ws, period.due)
    drafts = sorted(r.doc.path for r in ws.period_reports(period.id) if known_day(ws, r) is None)
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


def period_merge(
    ws: Workspace, period: cal.Period, problems: list[Problem]
) -> tuple[MergedFile | None, str | None, list[Problem]]:
    """A period's consolidation from a loaded, clean workspace and the load's warnings: the
    model and its file's text, with the problems of that period's files; (None, None, the
    problems) when any of them is an error. `merge` writes the text; `render` refuses
    unless the file on disk says the same."""
    folder = f"{paths.REPORTS.as_posix()}/{period.id}/"
    mine = [p for p in problems if p.file.startswith(folder)]
    if has_errors(mine):
        return None, None, mine
    model, text = consolidate(ws, period, mine)
    return model, text, mine


def up_to_date(root: Path, period: cal.Period, text: str) -> bool:
    """Whether the period's consolidation on disk says exactly `text` (what merge would
    write now): `merge --check` reports it, `render` refuses without it."""
    target = paths.merged_file(root, period.id)
    return target.is_file() and target.read_bytes() == text.encode("utf-8")
