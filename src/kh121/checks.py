"""Checks across files. Each is a function (workspace, as_of) -> problems; CHECKS lists them."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kh121 import calendar as cal
from kh121.models import PlanFile, Task, YearlyDeadline
from kh121.problems import Problem
from kh121.workspace import LoadedReport, Workspace

Check = Callable[[Workspace, dt.date], list[Problem]]
_CODE = re.compile(r"^[A-Z][A-Z0-9_]{0,31}$")


def _suggest(word: str, choices: list[str]) -> tuple[str, str] | str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return (f"; có phải '{close[0]}'?", f"; did you mean '{close[0]}'?") if close else ""


def _task_paths(plan: PlanFile) -> Iterator[tuple[list[str | int], int, int]]:
    for si, section in enumerate(plan.sections):
        for ti, _task in enumerate(section.tasks):
            yield ["sections", si, "tasks", ti], si, ti


def check_task_ids(ws: Workspace, as_of: dt.date) -> list[Problem]:
    out: list[Problem] = []
    first: dict[str, list[str | int]] = {}
    for path, si, ti in _task_paths(ws.plan):
        section = ws.plan.sections[si]
        task = section.tasks[ti]
        if task.id in first:  # places are looked up only for a problem: that costs a parse
            line, _ = ws.plan_doc.where([*first[task.id], "id"])
            out.append(ws.plan_doc.error([*path, "id"], "E030", task=task.id, first_line=line))
        else:
            first[task.id] = path
        if not task.id.startswith(section.id + "."):
            out.append(ws.plan_doc.error([*path, "id"], "E043", task=task.id, section=section.id))
    return out


def check_agency_codes(ws: Workspace, as_of: dt.date) -> list[Problem]:
    out: list[Problem] = []
    first: dict[str, int] = {}
    for i, agency in enumerate(ws.agencies.agencies):
        if agency.code in first:
            line, _ = ws.agencies_doc.where(["agencies", first[agency.code], "code"])
            out.append(
                ws.agencies_doc.error(
                    ["agencies", i, "code"], "E041", code=agency.code, first_line=line
                )
            )
        else:
            first[agency.code] = i
    return out


def check_agency_refs(ws: Workspace, as_of: dt.date) -> list[Problem]:
    known = sorted(ws.agencies.by_code)
    out: list[Problem] = []

    def ref(doc_is_plan: bool, path: list[str | int], code: str) -> None:
        if code not in ws.agencies.by_code:
            doc = ws.plan_doc if doc_is_plan else ws.agencies_doc
            out.append(doc.error(path, "E031", code=code, suggestion=_suggest(code, known)))

    for path, si, ti in _task_paths(ws.plan):
        task = ws.plan.sections[si].tasks[ti]
        ref(True, [*path, "lead"], task.lead)
        for ci, code in enumerate(task.coordinators):
            ref(True, [*path, "coordinators", ci], code)
    rep = ws.plan.reporting
    ref(True, ["reporting", "to"], rep.to)
    ref(True, ["reporting", "recipient"], rep.recipient)
    for i, code in enumerate(rep.reporters):
        ref(True, ["reporting", "reporters", i], code)
    for oi, ob in enumerate(ws.plan.obligations):
        for ai, code in enumerate(ob.agencies):
            ref(True, ["obligations", oi, "agencies", ai], code)
    for i, agency in enumerate(ws.agencies.agencies):
        if agency.merged_into:
            ref(False, ["agencies", i, "merged_into", "successor"], agency.merged_into.successor)
        for mi, code in enumerate(agency.members):
            ref(False, ["agencies", i, "members", mi], code)
    return out


def check_leads_are_agencies(ws: Workspace, as_of: dt.date) -> list[Problem]:
    out: list[Problem] = []
    for path, si, ti in _task_paths(ws.plan):
        lead = ws.plan.sections[si].tasks[ti].lead
        a = ws.agencies.get(lead)
        if a is not None and a.is_group:
            out.append(ws.plan_doc.error([*path, "lead"], "E042", code=lead))
    for i, code in enumerate(ws.plan.reporting.reporters):
        a = ws.agencies.get(code)
        if a is not None and a.is_group:
            out.append(ws.plan_doc.error(["reporting", "reporters", i], "E042", code=code))
    return out


def check_successions(ws: Workspace, as_of: dt.date) -> list[Problem]:
    out: list[Problem] = []
    for i, agency in enumerate(ws.agencies.agencies):
        if agency.merged_into is None:
            continue
        chain = ws.agencies.chain(agency.code)
        last = ws.agencies.get(chain[-1])
        if last is not None and last.merged_into is not None:
            cycle = " → ".join([*chain, last.merged_into.successor])
            out.append(
                ws.agencies_doc.error(
                    ["agencies", i, "merged_into", "successor"],
                    "E032",
                    code=agency.code,
                    chain=cycle,
                )
            )
        if agency.started and agency.merged_into.from_date <= agency.started:
            out.append(
                ws.agencies_doc.error(
                    ["agencies", i, "merged_into", "from_date"],
                    "E040",
                    later_field="merged_into.from_date",
                    later=agency.merged_into.from_date.strftime("%d/%m/%Y"),
                    earlier_field="started",
                    earlier=agency.started.strftime("%d/%m/%Y"),
                )
            )
    return out


def check_deadlines(ws: Workspace, as_of: dt.date) -> list[Problem]:
    span = ws.plan.plan.span
    out: list[Problem] = []
    if span.end < span.start:
        out.append(
            ws.plan_doc.error(
                ["plan", "span", "end"],
                "E040",
                later_field="end",
                later=span.end.strftime("%d/%m/%Y"),
                earlier_field="start",
                earlier=span.start.strftime("%d/%m/%Y"),
            )
        )
        return out
    for path, si, ti in _task_paths(ws.plan):
        deadline = ws.plan.sections[si].tasks[ti].deadline
        where = [*path, "deadline"]
        if isinstance(deadline, YearlyDeadline):
            if (deadline.month is None) != (deadline.day is None):
                missing = "day" if deadline.day is None else "month"
                out.append(ws.plan_doc.error(where, "E020", key=missing))
                continue
            if deadline.month and deadline.day:
                try:
                    dt.date(2024, deadline.month, deadline.day)  # a leap year: 29/02 is real
                except ValueError:
                    value = f"{deadline.day:02d}/{deadline.month:02d}"
                    out.append(ws.plan_doc.error([*where, "day"], "E024", field="day", value=value))
                    continue
        for occ in cal.occurrences(deadline, span):
            if occ.due is not None and not span.start <= occ.due <= span.end:
                out.append(
                    ws.plan_doc.error(
                        where,
                        "E033",
                        due=occ.due.strftime("%d/%m/%Y"),
                        start=span.start.strftime("%d/%m/%Y"),
                        end=span.end.strftime("%d/%m/%Y"),
                    )
                )
    return out


def check_calendar_years(ws: Workspace, as_of: dt.date) -> list[Problem]:
    if ws.calendar_doc is None:
        return []
    span = ws.plan.plan.span
    covered = set(ws.calendar.years)
    missing = [y for y in range(span.start.year, span.end.year + 1) if y not in covered]
    if not missing:
        return []
    years = f"{missing[0]}-{missing[-1]}" if len(missing) > 1 else str(missing[0])
    return [ws.calendar_doc.warning(["years"], "W053", year=years)]


# --------------------------------------------------------------------- reports


def _report_checks(
    report: LoadedReport, ws: Workspace, as_of: dt.date, index: _PlanIndex
) -> list[Problem]:
    doc, r = report.doc, report.report
    out: list[Problem] = []
    span = ws.plan.plan.span
    period = cal.parse_period(r.period, ws.plan.reporting.periods, span)
    if period is None:
        out.append(
            doc.error(
                ["period"],
                "E036",
                period=r.period,
                start_year=span.start.year,
                end_year=span.end.year,
            )
        )
    agency = ws.agencies.get(r.agency)
    if not _CODE.match(r.agency):
        out.append(doc.error(["agency"], "E038", code=r.agency))
    elif agency is None:
        out.append(
            doc.error(
                ["agency"],
                "E031",
                code=r.agency,
                suggestion=_suggest(r.agency, sorted(ws.agencies.by_code)),
            )
        )
    elif agency.is_group:
        out.append(doc.error(["agency"], "E042", code=r.agency))
    elif period is not None and agency.merged_into and period.due >= agency.merged_into.from_date:
        out.append(
            doc.warning(
                ["agency"],
                "W052",
                agency=agency.short,
                ended=agency.merged_into.from_date.strftime("%d/%m/%Y"),
                successor=ws.agencies.name(ws.agencies.resolve(r.agency, period.due)),
            )
        )
    expected = f"{r.period}/{r.agency}.yaml"
    actual = "/".join(report.path.parts[-2:])
    if _CODE.match(r.agency) and expected != actual:
        out.append(doc.error(["agency"], "E035", expected=f"reports/{expected}", actual=doc.path))
    for field in ("date", "received"):
        value = getattr(r, field)
        if value is not None and value > as_of:
            out.append(
                doc.error(
                    [field],
                    "E037",
                    field=field,
                    value=value.strftime("%d/%m/%Y"),
                    as_of=as_of.strftime("%d/%m/%Y"),
                )
            )
    if r.date and r.received and r.received < r.date:
        out.append(
            doc.error(
                ["received"],
                "E040",
                later_field="received",
                later=r.received.strftime("%d/%m/%Y"),
                earlier_field="date",
                earlier=r.date.strftime("%d/%m/%Y"),
            )
        )
    out.extend(_report_task_checks(report, ws, period.due if period else as_of, index))
    return out


@dataclass(frozen=True)
class _PlanIndex:
    """What the report checks look up, built once for all reports."""

    tasks: dict[str, Task]
    one_time: frozenset[str]

    @classmethod
    def build(cls, ws: Workspace) -> _PlanIndex:
        tasks = {t.id: t for t in ws.plan.tasks()}
        span = ws.plan.plan.span
        one_time = frozenset(
            tid for tid, t in tasks.items() if cal.occurrences(t.deadline, span)[0].key == "once"
        )
        return cls(tasks, one_time)


def _report_task_checks(
    report: LoadedReport, ws: Workspace, on: dt.date, index: _PlanIndex
) -> list[Problem]:
    doc, r = report.doc, report.report
    tasks = index.tasks
    out: list[Problem] = []
    first: dict[str, int] = {}
    responsible = ws.agencies.resolve(r.agency, on)
    for i, entry in enumerate(r.tasks):
        where: list[str | int] = ["tasks", i, "task"]
        task = tasks.get(entry.task)
        if task is None:
            out.append(
                doc.error(
                    where, "E034", task=entry.task, suggestion=_suggest(entry.task, list(tasks))
                )
            )
            continue
        if entry.task in first:  # its place is looked up only now: that costs a parse
            line, _ = doc.where(["tasks", first[entry.task], "task"])
            out.append(doc.error(where, "E039", task=entry.task, first_line=line))
            continue
        first[entry.task] = i
        if r.agency in ws.agencies.by_code and not any(
            ws.agencies.covers(c, responsible, on) for c in (task.lead, *task.coordinators)
        ):
            out.append(doc.warning(where, "W050", agency=r.agency, task=entry.task))
        if entry.state == "done" and entry.task in index.one_time and entry.completed_on is None:
            out.append(
                doc.warning(["tasks", i, "state"], "W054", task=entry.task, missing="completed_on")
            )
    return out


def check_reports(ws: Workspace, as_of: dt.date) -> list[Problem]:
    index = _PlanIndex.build(ws)
    return [p for report in ws.reports for p in _report_checks(report, ws, as_of, index)]


CHECKS: list[Check] = [
    check_task_ids,
    check_agency_codes,
    check_agency_refs,
    check_leads_are_agencies,
    check_successions,
    check_deadlines,
    check_calendar_years,
    check_reports,
]


def run_checks(ws: Workspace, as_of: dt.date) -> list[Problem]:
    return [p for check in CHECKS for p in check(ws, as_of)]
