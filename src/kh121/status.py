"""Where every task and every report stands on a date. Pure: the date is an argument."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from kh121 import calendar as cal
from kh121.models import OngoingDeadline, Task, TaskReport, TaskState, YearlyDeadline
from kh121.workspace import Workspace, report_day

DONE_ON_TIME = "done_on_time"
DONE_LATE = "done_late"
OPEN_IN_TIME = "open_in_time"
OPEN_OVERDUE = "open_overdue"
BINS = (DONE_ON_TIME, DONE_LATE, OPEN_IN_TIME, OPEN_OVERDUE)
NO_REPORT = "no_report"
STATE_FILTERS = (
    "done",
    "in_progress",
    "not_started",
    NO_REPORT,
    *BINS,
    "overdue",
    "soon",
)


@dataclass(frozen=True)
class Entry:
    """What one report says about one task."""

    agency: str
    period: str
    day: dt.date | None
    file: str
    line: TaskReport


@dataclass(frozen=True)
class OccurrenceView:
    key: str
    start: dt.date
    due: dt.date | None
    effective_due: dt.date | None
    assumed: bool
    done_on: dt.date | None
    bin: str


@dataclass(frozen=True)
class TaskView:
    id: str
    section: str
    content: str
    lead: str
    responsible: str
    coordinators: tuple[str, ...]
    deadline_text: str
    deadline_kind: str
    next_due: dt.date | None
    effective_due: dt.date | None
    assumed: bool
    state: str
    bin: str
    overdue: bool
    days_overdue: int
    overdue_count: int
    due_soon: bool
    days_left: int | None
    working_days_left: int | None
    last_report: Entry | None
    occurrences: tuple[OccurrenceView, ...]


@dataclass(frozen=True)
class ObligationView:
    agency: str
    period: str
    due: dt.date
    effective_due: dt.date
    received: dt.date | None
    file: str | None
    status: str  # on_time | late | missing
    days_late: int


@dataclass(frozen=True)
class Summary:
    total: int
    due: int
    done_on_time: int
    done_late: int
    open_in_time: int
    open_overdue: int

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def open(self) -> int:
        return self.open_in_time + self.open_overdue

    @property
    def percent_done(self) -> float:
        return round(100.0 * self.done / self.total, 1) if self.total else 0.0


@dataclass(frozen=True)
class StatusView:
    as_of: dt.date
    plan_code: str
    soon: int
    tasks: tuple[TaskView, ...]
    obligations: tuple[ObligationView, ...]
    summary: Summary
    latest_period: str | None
    missing_latest: tuple[str, ...]


def entries_by_task(ws: Workspace, as_of: dt.date) -> dict[str, list[Entry]]:
    """Every report line on file by as_of, grouped by task, oldest first."""
    out: dict[str, list[Entry]] = defaultdict(list)
    for loaded in ws.reports:
        r = loaded.report
        day = report_day(r)
        if day is not None and day > as_of:
            continue  # not yet on file on that date
        for line in r.tasks:
            if line.state is not None or line.delivered is not None:
                out[line.task].append(Entry(r.agency, r.period, day, loaded.doc.path, line))
    for lines in out.values():
        lines.sort(key=lambda e: (e.period, e.day or dt.date.min, e.agency))
    return out


def _lead_entries(ws: Workspace, task: Task, entries: list[Entry]) -> list[Entry]:
    chain = ws.agencies.chain(task.lead)
    return [
        e
        for e in entries
        if ws.agencies.resolve(e.agency, e.day or dt.date.max) in chain or e.agency in chain
    ]


def _met(task: Task, occs: list[cal.Occurrence], lead: list[Entry]) -> dict[str, dt.date]:
    """Occurrence key -> the day it was met, from the lead agency's reports."""
    met: dict[str, dt.date] = {}
    if occs and occs[0].key == "once":
        days = [
            e.line.completed_on
            for e in lead
            if e.line.state is TaskState.DONE and e.line.completed_on
        ]
        if days:
            met["once"] = min(days)
        return met
    delivered = sorted(
        (e.line.delivered.date, e.line.delivered.for_year or 0, e.period)
        for e in lead
        if e.line.delivered is not None and e.line.delivered.date is not None
    )
    if isinstance(task.deadline, YearlyDeadline):
        for day, for_year, period in delivered:
            met.setdefault(str(for_year or int(period[:4])), day)
        return met
    for day, _year, _period in delivered:  # half-yearly, quarterly: oldest open one first
        for occ in occs:
            if occ.key not in met and occ.start <= day:
                met[occ.key] = day
                break
    return met


def _bin(done_on: dt.date | None, eff: dt.date | None, as_of: dt.date) -> str:
    if done_on is not None:
        return DONE_ON_TIME if eff is None or done_on <= eff else DONE_LATE
    return OPEN_OVERDUE if eff is not None and as_of > eff else OPEN_IN_TIME


def task_view(
    ws: Workspace,
    section: str,
    task: Task,
    entries: list[Entry],
    work: cal.WorkCalendar,
    as_of: dt.date,
    soon: int,
) -> TaskView:
    occs = cal.occurrences(task.deadline, ws.plan.plan.span)
    lead = _lead_entries(ws, task, entries)
    met = _met(task, occs, lead)
    views = []
    for o in occs:
        eff = work.effective(o.due) if o.due else None
        done_on = met.get(o.key)
        if done_on is not None and done_on > as_of:
            done_on = None
        views.append(
            OccurrenceView(
                o.key, o.start, o.due, eff, o.assumed, done_on, _bin(done_on, eff, as_of)
            )
        )
    assigned = [v for v in views if v.start <= as_of]
    overdue = [v for v in assigned if v.bin == OPEN_OVERDUE]
    # The row shows the next occurrence to deliver; arrears are counted beside it.
    upcoming = [v for v in views if v.effective_due is None or v.effective_due >= as_of]
    pending = [v for v in upcoming if v.done_on is None]
    focus = (pending or overdue or upcoming or views)[0] if views else None
    assert focus is not None, "every deadline has at least one occurrence"
    if focus.done_on is not None:
        state = "done"
    elif lead:
        latest = lead[-1].line.state
        state = latest.value if latest is not None else NO_REPORT
        if state == "done":
            state = "in_progress"  # said done, but without the date or document that proves it
    else:
        state = NO_REPORT
    days_left = (focus.effective_due - as_of).days if focus.effective_due else None
    return TaskView(
        id=task.id,
        section=section,
        content=task.content,
        lead=task.lead,
        responsible=ws.agencies.resolve(task.lead, as_of),
        coordinators=task.coordinators,
        deadline_text=task.deadline.text,
        deadline_kind=task.deadline.kind,
        next_due=focus.due,
        effective_due=focus.effective_due,
        assumed=focus.assumed,
        state=state,
        bin=OPEN_OVERDUE if overdue else focus.bin,
        overdue=bool(overdue),
        days_overdue=(as_of - overdue[0].effective_due).days
        if overdue and overdue[0].effective_due
        else 0,
        overdue_count=len(overdue),
        due_soon=focus.done_on is None
        and days_left is not None
        and 0 <= days_left <= soon
        and not isinstance(task.deadline, OngoingDeadline),
        days_left=days_left,
        working_days_left=work.working_days_between(as_of, focus.effective_due)
        if focus.effective_due
        else None,
        last_report=entries[-1] if entries else None,
        occurrences=tuple(views),
    )


def obligations(ws: Workspace, work: cal.WorkCalendar, as_of: dt.date) -> list[ObligationView]:
    """Each reporting agency's report for each period: on time, late or missing."""
    received: dict[tuple[str, str], tuple[dt.date | None, str]] = {}
    for loaded in ws.reports:
        r = loaded.report
        period = cal.parse_period(r.period, ws.plan.reporting.periods, ws.plan.plan.span)
        day = report_day(r)
        if period is None or (day is not None and day > as_of):
            continue
        key = (ws.agencies.resolve(r.agency, period.due), r.period)
        old = received.get(key)
        if old is None or (day or dt.date.max) < (old[0] or dt.date.max):
            received[key] = (day, loaded.doc.path)
    out: list[ObligationView] = []
    for period in cal.periods(ws.plan.reporting.periods, ws.plan.plan.span):
        eff = work.effective(period.due)
        owing = sorted({ws.agencies.resolve(c, period.due) for c in ws.plan.reporting.reporters})
        for agency in owing:
            day, file = received.get((agency, period.id), (None, None))
            if file is None:
                if as_of <= eff:
                    continue  # not due yet and not in: nothing to say
                status, days = "missing", (as_of - eff).days
            elif day is not None and day > eff:
                status, days = "late", (day - eff).days
            else:
                status, days = "on_time", 0
            out.append(ObligationView(agency, period.id, period.due, eff, day, file, status, days))
    return out


def summarise(tasks: list[TaskView], as_of: dt.date) -> Summary:
    """The state's four bins over every assigned occurrence (one per year for yearly tasks)."""
    counts = dict.fromkeys(BINS, 0)
    due = 0
    total = 0
    for t in tasks:
        for o in t.occurrences:
            if o.start > as_of:
                continue
            total += 1
            counts[o.bin] += 1
            if o.effective_due is not None and o.effective_due < as_of:
                due += 1
    return Summary(
        total,
        due,
        counts[DONE_ON_TIME],
        counts[DONE_LATE],
        counts[OPEN_IN_TIME],
        counts[OPEN_OVERDUE],
    )


def compute_status(ws: Workspace, as_of: dt.date, soon: int = 14) -> StatusView:
    work = cal.WorkCalendar.from_file(ws.calendar)
    entries = entries_by_task(ws, as_of)
    tasks = [
        task_view(ws, s.id, t, entries.get(t.id, []), work, as_of, soon)
        for s in ws.plan.sections
        for t in s.tasks
    ]
    obs = obligations(ws, work, as_of)
    latest = max((o.period for o in obs), default=None, key=lambda p: (p[:4], p[5:]))
    missing = tuple(o.agency for o in obs if o.period == latest and o.status == "missing")
    return StatusView(
        as_of=as_of,
        plan_code=ws.plan.plan.code,
        soon=soon,
        tasks=tuple(tasks),
        obligations=tuple(obs),
        summary=summarise(tasks, as_of),
        latest_period=latest,
        missing_latest=missing,
    )


def select(
    view: StatusView,
    ws: Workspace,
    agency: str | None = None,
    section: str | None = None,
    state: str | None = None,
) -> StatusView:
    """The view narrowed to an agency (code or any part of a name), a section or a state."""
    tasks = list(view.tasks)
    obs = list(view.obligations)
    if agency:
        codes = set(ws.agencies.search(agency))
        now = {ws.agencies.resolve(c, view.as_of) for c in codes}
        tasks = [t for t in tasks if t.responsible in now or t.lead in codes]
        obs = [o for o in obs if o.agency in now or o.agency in codes]
    if section:
        tasks = [t for t in tasks if t.section == section.upper()]
    if state:
        tasks = [
            t
            for t in tasks
            if state in (t.state, t.bin)
            or (state == "overdue" and t.overdue)
            or (state == "soon" and t.due_soon)
        ]
    missing = tuple(a for a in view.missing_latest if any(o.agency == a for o in obs))
    return StatusView(
        view.as_of,
        view.plan_code,
        view.soon,
        tuple(tasks),
        tuple(obs),
        summarise(tasks, view.as_of),
        view.latest_period,
        missing,
    )
