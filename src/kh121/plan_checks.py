"""Checks of the plan, its agencies and its calendar: each (workspace, as_of) -> problems."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator

from kh121 import calendar as cal
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
    YearDeadline,
    YearlyDeadline,
)
from kh121.problems import Problem
from kh121.workspace import Workspace

CODE = re.compile(r"^[A-Z][A-Z0-9_]{0,31}$")  # what an agency code may be


def suggest(word: str, choices: list[str]) -> tuple[str, str] | str:
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
            out.append(doc.error(path, "E031", code=code, suggestion=suggest(code, known)))

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
    if span.end < span.start:
        return [
            ws.plan_doc.error(
                ["plan", "span", "end"],
                "E040",
                later_field="end",
                later=span.end.strftime("%d/%m/%Y"),
                earlier_field="start",
                earlier=span.start.strftime("%d/%m/%Y"),
            )
        ]
    out: list[Problem] = []
    for path, _section, task in _task_paths(ws.plan):
        where = [*path, "deadline"]
        broken = _deadline_shape(ws, task.deadline, where)
        if broken is not None:
            out.append(broken)
            continue
        disagree = wording_disagrees(task.deadline)
        if disagree is not None:
            out.append(
                ws.plan_doc.warning(
                    [*where, "text"],
                    "W057",
                    text=task.deadline.text,
                    read=disagree[0],
                    data=disagree[1],
                )
            )
        out.extend(_outside_span(ws, task.deadline, where))
    return out


def _deadline_shape(ws: Workspace, deadline: Deadline, where: list[str | int]) -> Problem | None:
    """A yearly deadline with a day and no month (or the reverse), a day that does not
    exist, or years the wrong way round: the deadline cannot be computed."""
    if isinstance(deadline, YearlyDeadline):
        if (deadline.month is None) != (deadline.day is None):
            missing = "day" if deadline.day is None else "month"
            return ws.plan_doc.error(where, "E020", key=missing)
        if deadline.month and deadline.day:
            try:
                dt.date(2024, deadline.month, deadline.day)  # a leap year: 29/02 is real
            except ValueError:
                return ws.plan_doc.error(
                    [*where, "day"],
                    "E024",
                    field="day",
                    value=f"{deadline.day:02d}/{deadline.month:02d}",
                    why=("không có ngày này", "no such day"),
                )
    if _years_reversed(deadline):
        assert isinstance(deadline, YearlyDeadline)
        return ws.plan_doc.error(
            [*where, "end_year"],
            "E040",
            later_field="end_year",
            later=str(deadline.end_year),
            earlier_field="start_year",
            earlier=str(deadline.start_year),
        )
    return None


def _outside_span(ws: Workspace, deadline: Deadline, where: list[str | int]) -> list[Problem]:
    """An occurrence due outside the plan's span."""
    span = ws.plan.plan.span
    return [
        ws.plan_doc.error(
            where,
            "E033",
            due=occ.due.strftime("%d/%m/%Y"),
            start=span.start.strftime("%d/%m/%Y"),
            end=span.end.strftime("%d/%m/%Y"),
        )
        for occ in cal.occurrences(deadline, span)
        if occ.due is not None and not span.start <= occ.due <= span.end
    ]


def check_calendar_years(ws: Workspace, as_of: dt.date) -> list[Problem]:
    if ws.calendar_doc is None:
        return []
    first, last = cal.years_due(ws.plan.reporting.periods, ws.plan.plan.span)
    covered = set(ws.calendar.years)
    missing = [y for y in range(first, last + 1) if y not in covered]
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
