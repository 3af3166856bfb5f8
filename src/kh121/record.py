"""The record of dated facts, and the one rule that says when an occurrence is done. Pure.

Every report line is a statement an agency made, known from a day: the day its report was
received (the focal point's own file: the day it is dated). `as of D` means the record as
it stood on D: a statement known later is not yet known, never an error.

The completion rule (README, "Khi nào một lượt được tính là hoàn thành"): an occurrence is
done when the agency responsible for it — the task's lead as the report's period found it,
that is the lead or its successor — declares `state: done` for it, with the day it was
done: `completed_on`, else the date of a document it delivered for that occurrence. A
document delivered under another state, a `done` without a day, a document that is the
report itself: none of these completes an occurrence; each is a warning at its line
(`checks.check_statements`). A document that names a past occurrence of a recurring task
(`occurrence:` or `for_year:`) is the lead's word that that occurrence was delivered on its
date. A coordinator's word never completes an occurrence; where it contradicts the lead's,
the occurrence is disputed and counted by the lead's word.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from kh121 import calendar as cal
from kh121.dates import dmy
from kh121.models import Delivered, Task, TaskReport, YearlyDeadline, deliveries
from kh121.states import TaskState
from kh121.workspace import LoadedReport, Workspace

# A day before any plan: an undated fact of the focal point's own file is always known.
ALWAYS = dt.date(1900, 1, 1)


@dataclass(frozen=True)
class Statement:
    """What one agency said of one task in one report, known from `known` on."""

    agency: str  # as the report names it
    author: str  # who that was on the period's due date (after a merger: the successor)
    period: str
    period_due: dt.date
    about: dt.date  # the time the report speaks of (Period.about)
    known: dt.date
    file: str
    index: int  # the line's place in the report's `tasks`
    line: TaskReport
    report_number: str | None


def focal(ws: Workspace, on: dt.date) -> str:
    """The consolidating agency on a day (the plan's `reporting.to`, after its mergers)."""
    return ws.agencies.resolve(ws.plan.reporting.to, on)


def known_day(ws: Workspace, loaded: LoadedReport) -> dt.date | None:
    """The day a report became part of the record: received; the focal point's own file,
    which is not sent to itself, from its date (or always, undated); None for a draft."""
    r = loaded.report
    if r.received is not None:
        return r.received
    period = ws.periods.get(r.period)
    if period is not None and ws.agencies.resolve(r.agency, period.due) == focal(ws, period.due):
        return r.date or ALWAYS
    return None


def statements(ws: Workspace, as_of: dt.date) -> dict[str, list[Statement]]:
    """Every statement known on as_of, by task, in the order of their periods' due dates."""
    out: dict[str, list[Statement]] = defaultdict(list)
    for loaded in ws.reports:
        r = loaded.report
        period = ws.periods.get(r.period)
        day = known_day(ws, loaded)
        if period is None or day is None or day > as_of:
            continue  # a draft, or not yet on file on that date
        author = ws.agencies.resolve(r.agency, period.due)
        for i, line in enumerate(r.tasks):
            if line.state is None and line.delivered is None:
                continue
            out[line.task].append(
                Statement(
                    r.agency,
                    author,
                    r.period,
                    period.due,
                    period.about,
                    day,
                    loaded.doc.path,
                    i,
                    line,
                    r.number,
                )
            )
    for lines in out.values():
        lines.sort(key=lambda s: (s.period_due, s.known, s.agency))
    return out


def is_lead(ws: Workspace, task: Task, s: Statement) -> bool:
    """Whether a statement is the lead's: its author answered for the task on that date."""
    return s.author == ws.agencies.resolve(task.lead, s.period_due)


# --------------------------------------------------------------------- the rule


def proof_of(d: Delivered) -> str | None:
    return ", ".join(x for x in (d.number, dmy(d.date)) if x) or None


def is_self_citation(s: Statement, d: Delivered) -> bool:
    """A document cited that is the report itself proves nothing about the task."""
    return bool(s.report_number and d.number and _norm(d.number) == _norm(s.report_number))


def _norm(number: str) -> str:
    return "".join(number.split()).casefold()


def named_key(task: Task, d: Delivered) -> str | None:
    """The occurrence a delivered document names, if it names one."""
    if d.occurrence is not None:
        return d.occurrence
    if d.for_year is not None and isinstance(task.deadline, YearlyDeadline):
        return str(d.for_year)
    return None


def window_key(occs: list[cal.Occurrence], about: dt.date) -> str:
    """The occurrence whose window holds the time a report speaks of: from its start to the
    next one's start (a one-time task: its only occurrence)."""
    key = occs[0].key
    for occ in occs:
        if occ.start <= about:
            key = occ.key
    return key


@dataclass(frozen=True)
class Verdict:
    """What the record says of one occurrence."""

    done_on: dt.date | None = None
    proof: str | None = None
    said: TaskState | None = None  # the lead's last word on it
    disputed: tuple[str, ...] = ()  # 'AGENCY: state' of those who say otherwise
    spoken: bool = False  # some statement speaks of it


@dataclass
class _Acc:
    done: list[tuple[dt.date, str | None]]
    said: TaskState | None = None
    others: dict[str, TaskState] | None = None
    spoken: bool = False


def done_day(task: Task, s: Statement, key: str) -> tuple[dt.date, str | None] | None:
    """The day a lead's `done` for its window's occurrence gives, and its proof."""
    line = s.line
    if line.completed_on is not None:
        return line.completed_on, line.evidence
    dated = [
        d
        for d in deliveries(line.delivered)
        if d.date is not None and not is_self_citation(s, d) and named_key(task, d) in (None, key)
    ]
    if dated:
        first = min(dated, key=lambda d: d.date or ALWAYS)
        assert first.date is not None
        return first.date, proof_of(first)
    return None


def judge(
    ws: Workspace, task: Task, occs: list[cal.Occurrence], said: list[Statement]
) -> dict[str, Verdict]:
    """Occurrence key -> what the record says of it, by the completion rule above."""
    keys = {o.key for o in occs}
    acc: dict[str, _Acc] = {o.key: _Acc([]) for o in occs}
    for s in said:
        lead = is_lead(ws, task, s)
        key = window_key(occs, s.about)
        for d in deliveries(s.line.delivered):
            named = named_key(task, d)
            if named is not None and named != key and named in keys:
                acc[named].spoken = True
                if lead and d.date is not None and not is_self_citation(s, d):
                    acc[named].done.append((d.date, proof_of(d)))
        a = acc[key]
        a.spoken = True
        state = s.line.state
        if lead:
            if state is not None:
                a.said = state
            if state is TaskState.DONE:
                day = done_day(task, s, key)
                if day is not None:
                    a.done.append(day)
        elif state is not None:
            a.others = {**(a.others or {}), s.agency: state}
    out: dict[str, Verdict] = {}
    for key, a in acc.items():
        done = min(a.done, key=lambda x: x[0]) if a.done else (None, None)
        out[key] = Verdict(
            done_on=done[0],
            proof=done[1],
            said=a.said,
            disputed=_disputes(done[0] is not None, a.said, a.others or {}),
            spoken=a.spoken,
        )
    return out


def _disputes(done: bool, lead: TaskState | None, others: dict[str, TaskState]) -> tuple[str, ...]:
    """Those whose word contradicts the lead's: done while the lead has not done it, or not
    started while the lead has done it."""
    out = []
    for agency, state in sorted(others.items()):
        if (state is TaskState.DONE and not done and lead is not None) or (
            state is TaskState.NOT_STARTED and (done or lead is TaskState.DONE)
        ):
            out.append(f"{agency}: {state.value}")
    return tuple(out)


def contradicting(said: list[tuple[bool, TaskState | None]]) -> list[tuple[int, int]]:
    """(lead, other) index pairs of one task's lines in one period where the lead says done
    and another agency not started, or the reverse (merge's warning W061)."""
    clash = {TaskState.DONE, TaskState.NOT_STARTED}
    return [
        (a, b)
        for a, (lead, mine) in enumerate(said)
        if lead
        for b, (other_lead, theirs) in enumerate(said)
        if not other_lead and {mine, theirs} == clash
    ]


def record_start(ws: Workspace) -> dt.date | None:
    """The first day on record (`reporting.since`): the day after the due date of the period
    before it. What fell due before has no data until a report speaks of it."""
    since = ws.plan.reporting.since
    if since is None or since not in ws.periods:
        return None
    ids = list(ws.periods)
    i = ids.index(since)
    if i == 0:
        return None
    return ws.periods[ids[i - 1]].due + dt.timedelta(days=1)


def before_record(ws: Workspace, period: str) -> bool:
    """A period before the first one on record."""
    since = ws.plan.reporting.since
    if since is None or since not in ws.periods or period not in ws.periods:
        return False
    ids = list(ws.periods)
    return ids.index(period) < ids.index(since)
