"""Checks across files. Each is a function (workspace, as_of) -> problems; CHECKS lists them."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterator
from typing import Any

from kh121 import calendar as cal
from kh121 import record
from kh121.dates import dmy
from kh121.models import (
    DateDeadline,
    Deadline,
    HalfYearlyDeadline,
    Heading,
    MonthDeadline,
    PlanFile,
    QuarterDeadline,
    QuarterlyDeadline,
    Section,
    SpanDeadline,
    Task,
    TaskReport,
    YearDeadline,
    YearlyDeadline,
    deliveries,
)
from kh121.problems import Problem
from kh121.record_checks import check_reminder_records
from kh121.states import TaskState
from kh121.workspace import LoadedReport, Workspace
from kh121.yamlio import Document

Check = Callable[[Workspace, dt.date], list[Problem]]
_CODE = re.compile(r"^[A-Z][A-Z0-9_]{0,31}$")


def _suggest(word: str, choices: list[str]) -> tuple[str, str] | str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return (f"; có phải '{close[0]}'?", f"; did you mean '{close[0]}'?") if close else ""


def _task_paths(plan: PlanFile) -> Iterator[tuple[list[str | int], Section, Task]]:
    """Each task (not a heading row) with its path in the file and its section."""
    for si, section in enumerate(plan.sections):
        for ri, row in enumerate(section.rows):
            if isinstance(row, Task):
                yield ["sections", si, "tasks", ri], section, row


def check_task_ids(ws: Workspace, as_of: dt.date) -> list[Problem]:
    """Ids unique and in their section; a numbered sub-task under a heading of its own."""
    out: list[Problem] = []
    first: dict[str, list[str | int]] = {}
    rows: list[tuple[list[str | int], Section, Task | Heading]] = [
        (["sections", si, "tasks", ri], section, row)
        for si, section in enumerate(ws.plan.sections)
        for ri, row in enumerate(section.rows)
    ]
    headings = {row.id for _p, _s, row in rows if isinstance(row, Heading)}
    for path, section, task in rows:
        parent = task.id.rsplit(".", 1)[0]
        if parent.count(".") >= 1 and parent not in headings:
            out.append(ws.plan_doc.error([*path, "id"], "E064", task=task.id, parent=parent))
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

    for path, _section, task in _task_paths(ws.plan):
        if isinstance(task.lead, str):
            ref(True, [*path, "lead"], task.lead)
        for li, code in enumerate(task.leads if not isinstance(task.lead, str) else ()):
            ref(True, [*path, "lead", li], code)
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


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_SPAN = re.compile(r"(?<!\d)(\d{4})\s*[-–]\s*(\d{4})(?!\d)")
_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
_DAY_MONTH = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])")
_MONTH = re.compile(r"[Tt]háng\s+(\d{1,2})/(\d{4})(?![\d/])")
_QUARTER = re.compile(r"[Qq]uý\s+(IV|I{1,3}|[1-4])/(\d{4})(?![\d/])")
_DAY = re.compile(r"ngày\s+(\d{1,2})(?![\d/])")
_YEAR = re.compile(r"(?<![\d/])(\d{4})(?![\d/])")


def _said_in(deadline: Deadline) -> tuple[str, str] | None:
    """What the source's wording says, where it can be read, and what the data says, both
    in the same form; None where the wording says nothing this can read."""
    text = deadline.text
    match deadline:
        case DateDeadline(date=d):
            m = _DATE.search(text)
            return (f"{int(m[1]):02d}/{int(m[2]):02d}/{m[3]}", dmy(d)) if m else None
        case MonthDeadline(year=y, month=mo):
            m = _MONTH.search(text)
            return (f"{int(m[1]):02d}/{m[2]}", f"{mo:02d}/{y}") if m else None
        case QuarterDeadline(year=y, quarter=q):
            m = _QUARTER.search(text)
            if not m:
                return None
            said = _ROMAN.get(m[1]) or int(m[1])
            return (f"quý {said}/{m[2]}", f"quý {q}/{y}")
        case SpanDeadline(start_year=a, end_year=b):
            m = _SPAN.search(text)
            return (f"{m[1]}–{m[2]}", f"{a}–{b}") if m else None
        case YearDeadline(year=y):
            years = _YEAR.findall(text)
            return (years[0], str(y)) if len(years) == 1 else None
        case YearlyDeadline(month=mo, day=d, start_year=a, end_year=b):
            m = _SPAN.search(text)
            if m and (a or b):
                return (f"{m[1]}–{m[2]}", f"{a or '…'}–{b or '…'}")
            m = _DAY_MONTH.search(text)
            if m and mo and d:
                return (f"{int(m[1]):02d}/{int(m[2]):02d}", f"{d:02d}/{mo:02d}")
            return None
        case HalfYearlyDeadline(day=d) | QuarterlyDeadline(day=d) if d:
            m = _DAY_MONTH.search(text) or _DAY.search(text)
            return (f"ngày {int(m[1])}", f"ngày {d}") if m else None
    return None


def _years_reversed(deadline: Deadline) -> bool:
    return (
        isinstance(deadline, YearlyDeadline)
        and deadline.start_year is not None
        and deadline.end_year is not None
        and deadline.end_year < deadline.start_year
    )


def wording_disagrees(deadline: Deadline) -> tuple[str, str] | None:
    """(what the wording says, what the data says) where they differ."""
    said = _said_in(deadline)
    return said if said is not None and said[0] != said[1] else None


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
    for path, _section, task in _task_paths(ws.plan):
        deadline = task.deadline
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
                    out.append(
                        ws.plan_doc.error(
                            [*where, "day"],
                            "E024",
                            field="day",
                            value=value,
                            why=("không có ngày này", "no such day"),
                        )
                    )
                    continue
        if _years_reversed(deadline):
            assert isinstance(deadline, YearlyDeadline)
            out.append(
                ws.plan_doc.error(
                    [*where, "end_year"],
                    "E040",
                    later_field="end_year",
                    later=str(deadline.end_year),
                    earlier_field="start_year",
                    earlier=str(deadline.start_year),
                )
            )
            continue
        disagree = wording_disagrees(deadline)
        if disagree is not None:
            out.append(
                ws.plan_doc.warning(
                    [*where, "text"], "W057", text=deadline.text, read=disagree[0], data=disagree[1]
                )
            )
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


def check_approval_known(ws: Workspace, as_of: dt.date) -> list[Problem]:
    """The approving act's number and date appear in every report's opening sentence; where
    the source left them blank, the report shows a gap and this says so."""
    ref = ws.plan.plan.approved_by
    if ref is None:
        return []  # the plan is itself the act: its own number and date are required
    missing = [
        (vi, en)
        for vi, en, v in (("số", "number", ref.number), ("ngày", "date", ref.date))
        if not v
    ]
    if not missing:
        return []
    return [
        ws.plan_doc.warning(
            ["plan", "approved_by"],
            "W056",
            missing=" và ".join(vi for vi, _ in missing),
            missing_en=" and ".join(en for _, en in missing),
            kind=ref.kind,
            year=ref.year or (ref.date.year if ref.date else "?"),
        )
    ]


# --------------------------------------------------------------------- reports


def _period_problem(doc: Document, period: str, ws: Workspace) -> Problem:
    keys = ", ".join(r.key for r in ws.plan.reporting.periods)
    known = list(ws.periods)
    return doc.error(
        ["period"],
        "E036",
        period=period,
        keys=keys,
        first=known[0] if known else "",
        last=known[-1] if known else "",
    )


def check_periods(ws: Workspace, as_of: dt.date) -> list[Problem]:
    """Every report and clerk file names a period of the plan."""
    named = [(r.doc, r.report.period) for r in ws.reports]
    named += [(c.doc, c.text.period) for c in ws.clerks]
    return [_period_problem(doc, period, ws) for doc, period in named if period not in ws.periods]


def check_report_agency(ws: Workspace, as_of: dt.date) -> list[Problem]:
    out: list[Problem] = []
    for report in ws.reports:
        doc, r = report.doc, report.report
        agency = ws.agencies.get(r.agency)
        period = ws.periods.get(r.period)
        if not _CODE.match(r.agency):
            out.append(doc.error(["agency"], "E038", code=r.agency))
        elif agency is None:
            known = sorted(ws.agencies.by_code)
            out.append(
                doc.error(["agency"], "E031", code=r.agency, suggestion=_suggest(r.agency, known))
            )
        elif agency.is_group:
            out.append(doc.error(["agency"], "E042", code=r.agency))
        elif period and agency.merged_into and period.due >= agency.merged_into.from_date:
            out.append(
                doc.warning(
                    ["agency"],
                    "W052",
                    agency=agency.short,
                    ended=dmy(agency.merged_into.from_date),
                    successor=ws.agencies.name(ws.agencies.resolve(r.agency, period.due)),
                )
            )
    return out


def check_report_place(ws: Workspace, as_of: dt.date) -> list[Problem]:
    out: list[Problem] = []
    for report in ws.reports:
        r = report.report
        expected = f"{r.period}/{r.agency}.yaml"
        actual = "/".join(report.path.parts[-2:])
        if _CODE.match(r.agency) and expected != actual:
            out.append(
                report.doc.error(
                    ["agency"], "E035", expected=f"reports/{expected}", actual=report.doc.path
                )
            )
    for clerk in ws.clerks:
        if clerk.path.parent.name != clerk.text.period:
            expected = f"reports/{clerk.text.period}/{clerk.path.name}"
            out.append(
                clerk.doc.error(["period"], "E035", expected=expected, actual=clerk.doc.path)
            )
    return out


def check_report_dates(ws: Workspace, as_of: dt.date) -> list[Problem]:
    """A date after the real today is a typing mistake; one after the as-of date is only
    not yet known on that date (the view leaves it out), never an error."""
    out: list[Problem] = []
    for report in ws.reports:
        doc, r = report.doc, report.report
        for field in ("date", "received"):
            value = getattr(r, field)
            if value is not None and ws.today is not None and value > ws.today:
                out.append(
                    doc.error([field], "E037", field=field, value=dmy(value), today=dmy(ws.today))
                )
        if r.date and r.received and r.received < r.date:
            out.append(
                doc.error(
                    ["received"],
                    "E040",
                    later_field="received",
                    later=dmy(r.received),
                    earlier_field="date",
                    earlier=dmy(r.date),
                )
            )
    return out


def lead_tasks(ws: Workspace, agency: str, on: dt.date) -> list[str]:
    """The tasks whose statements an agency makes on a day (record.is_lead's rule)."""
    me = ws.agencies.resolve(agency, on)
    return [t.id for t in ws.plan.tasks() if me in record.leads_of(ws, t, on)]


def _unstated(ws: Workspace, report: LoadedReport, on: dt.date) -> list[str]:
    """The tasks its agency leads that the report gives no state for."""
    stated = {line.task for line in report.report.tasks if line.state is not None}
    return [tid for tid in lead_tasks(ws, report.report.agency, on) if tid not in stated]


def check_received_reports(ws: Workspace, as_of: dt.date) -> list[Problem]:
    """A received report has its number and date."""
    out: list[Problem] = []
    for report in ws.reports:
        r = report.report
        if r.received is None or r.period not in ws.periods or r.agency not in ws.agencies.by_code:
            continue
        missing = [f for f in ("number", "date") if getattr(r, f) is None]
        if missing:
            out.append(report.doc.error(["received"], "E044", fields=", ".join(missing)))
    return out


def check_silence(ws: Workspace, as_of: dt.date) -> list[Problem]:
    """A report on record silent on an open occurrence of a task its agency leads
    (`record.silent`): a warning, never an error."""
    said = record.statements(ws, dt.date.max)
    return [
        report.doc.warning(["tasks"], "W065", task=tid, occurrence=key)
        for report in ws.reports
        for tid, key in record.silent(ws, report, said)
    ]


def check_drafts(ws: Workspace, as_of: dt.date) -> list[Problem]:
    """A draft whose period is past due: it counts as missing; say what it still lacks."""
    out: list[Problem] = []
    for report in ws.reports:
        r = report.report
        period = ws.periods.get(r.period)
        on_record = record.known_day(ws, report) is not None
        if on_record or period is None or r.agency not in ws.agencies.by_code:
            continue
        if as_of <= ws.work.effective(period.due):
            continue
        lacks = [f for f in ("number", "date") if getattr(r, f) is None]
        lacks += [f"state {tid}" for tid in _unstated(ws, report, period.due)]
        out.append(
            report.doc.warning(
                ["agency"],
                "W055",
                period=r.period,
                due=dmy(ws.work.effective(period.due)),
                lacks=", ".join(lacks) or "—",
            )
        )
    return out


def _occurrence_checks(
    doc: Document, i: int, delivered: Any, task: Task, ws: Workspace
) -> list[Problem]:
    """A delivery that names its occurrence names one the task has."""
    docs = deliveries(delivered)
    named = [(j, d.occurrence) for j, d in enumerate(docs) if d.occurrence is not None]
    if not named:
        return []
    keys = [o.key for o in cal.occurrences(task.deadline, ws.plan.plan.span)]
    out = []
    for j, key in named:
        if key not in keys:
            where: list[str | int] = ["tasks", i, "delivered"]
            if isinstance(delivered, tuple):
                where.append(j)
            shown = ", ".join(keys[:6]) + (" …" if len(keys) > 6 else "")
            out.append(doc.error([*where, "occurrence"], "E046", key=key, task=task.id, keys=shown))
    return out


def check_report_tasks(ws: Workspace, as_of: dt.date) -> list[Problem]:
    out: list[Problem] = []
    for report in ws.reports:
        period = ws.periods.get(report.report.period)
        out.extend(_report_task_checks(report, ws, period.due if period else as_of))
    return out


def _report_task_checks(report: LoadedReport, ws: Workspace, on: dt.date) -> list[Problem]:
    doc, r = report.doc, report.report
    tasks = ws.tasks
    out: list[Problem] = []
    first: dict[str, int] = {}
    responsible = ws.agencies.resolve(r.agency, on)
    for i, entry in enumerate(r.tasks):
        where: list[str | int] = ["tasks", i, "task"]
        task = tasks.get(entry.task)
        if task is None:
            suggestion = _suggest(entry.task, list(tasks))
            out.append(doc.error(where, "E034", task=entry.task, suggestion=suggestion))
            continue
        if entry.task in first:  # its place is looked up only now: that costs a parse
            line, _ = doc.where(["tasks", first[entry.task], "task"])
            out.append(doc.error(where, "E039", task=entry.task, first_line=line))
            continue
        first[entry.task] = i
        out.extend(_occurrence_checks(doc, i, entry.delivered, task, ws))
        if (
            r.agency in ws.agencies.by_code
            and responsible not in record.leads_of(ws, task, on)  # the focal point judges a group's
            and not any(
                ws.agencies.covers(c, responsible, on) for c in (*task.leads, *task.coordinators)
            )
        ):
            out.append(doc.warning(where, "W050", agency=r.agency, task=entry.task))
    return out


def check_statements(ws: Workspace, as_of: dt.date) -> list[Problem]:
    """What the completion rule does not count, said at its line: a lead's `done` without a
    day, a document delivered under another state, a document that is the report itself."""
    out: list[Problem] = []
    said = record.statements(ws, dt.date.max)
    docs = {r.doc.path: r.doc for r in ws.reports}
    for tid, lines in said.items():
        task = ws.tasks.get(tid)
        if task is None:
            continue
        occs = cal.occurrences(task.deadline, ws.plan.plan.span)
        for s in lines:
            out.extend(_statement_problems(ws, task, occs, s, docs[s.file]))
    return out


def _statement_problems(
    ws: Workspace, task: Task, occs: list[cal.Occurrence], s: record.Statement, doc: Document
) -> list[Problem]:
    out: list[Problem] = []
    at: list[str | int] = ["tasks", s.index]
    docs = deliveries(s.line.delivered)
    for j, d in enumerate(docs):
        if record.is_self_citation(s, d):
            where = [*at, "delivered", *([j] if len(docs) > 1 else []), "number"]
            out.append(doc.warning(where, "W064", task=task.id, document=d.number))
    if not record.is_lead(ws, task, s):
        return out
    key = record.window_key(occs, s.about)
    state = s.line.state
    if state is TaskState.DONE and record.done_day(task, s, key) is None:
        out.append(doc.warning([*at, "state"], "W054", task=task.id, missing="completed_on"))
    elif state is not None and state is not TaskState.DONE:
        own = [
            d
            for d in docs
            if d.date is not None
            and not record.is_self_citation(s, d)
            and record.named_key(task, d) in (None, key)
        ]
        if own:
            shown = record.proof_of(own[0]) or ""
            out.append(
                doc.warning([*at, "state"], "W063", task=task.id, document=shown, state=state)
            )
    return out


def _period_reports(ws: Workspace) -> dict[str, list[LoadedReport]]:
    out: dict[str, list[LoadedReport]] = {}
    for r in sorted(ws.reports, key=lambda r: r.doc.path):
        if r.report.period in ws.periods:
            out.setdefault(r.report.period, []).append(r)
    return out


def check_duplicates(ws: Workspace, as_of: dt.date) -> list[Problem]:
    """Two files for one agency in a period (also under an old and a new code)."""
    problems: list[Problem] = []
    for pid, reports in _period_reports(ws).items():
        due = ws.periods[pid].due
        owner: dict[str, LoadedReport] = {}
        for loaded in reports:
            if loaded.report.agency not in ws.agencies.by_code:
                continue
            agency = ws.agencies.resolve(loaded.report.agency, due)
            if agency in owner:
                problems.append(
                    loaded.doc.error(
                        ["agency"], "E060", agency=agency, period=pid, other=owner[agency].doc.path
                    )
                )
            else:
                owner[agency] = loaded
    return problems


def check_contradictions(ws: Workspace, as_of: dt.date) -> list[Problem]:
    """A lead that says done while another agency says not started, and the reverse: said
    at the other agency's line; the occurrence is counted by the lead's word, as disputed."""
    problems: list[Problem] = []
    for pid, reports in _period_reports(ws).items():
        due = ws.periods[pid].due
        lines: dict[str, list[tuple[LoadedReport, int, TaskReport]]] = {}
        for loaded in reports:
            if record.known_day(ws, loaded) is None:
                continue
            for i, line in enumerate(loaded.report.tasks):
                lines.setdefault(line.task, []).append((loaded, i, line))
        for tid, items in lines.items():
            task = ws.tasks.get(tid)
            if task is None:
                continue
            leads = record.leads_of(ws, task, due)
            said = [
                (ws.agencies.resolve(r.report.agency, due) in leads, line.state)
                for r, _i, line in items
            ]
            for a, b in record.contradicting(said):
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


def check_completion_dates(ws: Workspace, as_of: dt.date) -> list[Problem]:
    """A completion day after the report's own date."""
    problems: list[Problem] = []
    for loaded in ws.reports:
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


def check_since(ws: Workspace, as_of: dt.date) -> list[Problem]:
    """`reporting.since` names a period of the plan."""
    since = ws.plan.reporting.since
    if since is None or since in ws.periods:
        return []
    known = list(ws.periods)
    return [
        ws.plan_doc.error(
            ["reporting", "since"],
            "E063",
            since=since,
            first=known[0] if known else "",
            last=known[-1] if known else "",
        )
    ]


CHECKS: list[Check] = [
    check_approval_known,
    check_task_ids,
    check_agency_codes,
    check_agency_refs,
    check_successions,
    check_deadlines,
    check_calendar_years,
    check_since,
    check_periods,
    check_report_agency,
    check_report_place,
    check_report_dates,
    check_received_reports,
    check_drafts,
    check_report_tasks,
    check_silence,
    check_statements,
    check_duplicates,
    check_contradictions,
    check_completion_dates,
    check_reminder_records,
]


# The checks that need the plan alone: they still run when the agencies or the calendar
# cannot be read, so that one broken file never hides the plan's own problems.
PLAN_CHECKS: list[Check] = [check_approval_known, check_task_ids, check_deadlines]


def run_checks(ws: Workspace, as_of: dt.date) -> list[Problem]:
    return [p for check in CHECKS for p in check(ws, as_of)]
