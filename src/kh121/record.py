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
(`report_checks.check_statements`). A document that names a past occurrence of a recurring task
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


def responsible(ws: Workspace, task: Task, on: dt.date) -> tuple[str, ...]:
    """Who answers for a task on a day: each lead, after its mergers (joint leads: each)."""
    return tuple(dict.fromkeys(ws.agencies.resolve(code, on) for code in task.leads))


def group_led(ws: Workspace, task: Task) -> bool:
    """A task a group leads ('UBND các xã, phường chủ trì'): its members each report, and
    the focal point's own file judges it (the clerk's assessment)."""
    return any((a := ws.agencies.get(code)) is not None and a.is_group for code in task.leads)


def is_lead(ws: Workspace, task: Task, s: Statement) -> bool:
    """Whether a statement speaks for the task: its author answered for it on that date (one
    of its joint leads), or, for a task a group leads, it is the focal point's assessment."""
    if group_led(ws, task):
        return s.author == focal(ws, s.period_due)
    return s.author in responsible(ws, task, s.period_due)


def leads_of(ws: Workspace, task: Task, on: dt.date) -> frozenset[str]:
    """Whose statements count for the task on a day (see is_lead)."""
    if group_led(ws, task):
        return frozenset({focal(ws, on)})
    return frozenset(responsible(ws, task, on))


def reporters(ws: Workspace, on: dt.date) -> set[str]:
    """Who owes a report due on a day: each reporter after its mergers; a group, each of its
    members existing that day (`reporting.reporters` may name one: 'UBND các xã, phường')."""
    out: set[str] = set()
    for code in ws.plan.reporting.reporters:
        now = ws.agencies.resolve(code, on)
        group = ws.agencies.get(now)
        if group is not None and group.is_group:
            out |= ws.agencies.alive_members(now, on)
        else:
            out.add(now)
    return out


def owing(ws: Workspace, on: dt.date) -> list[str]:
    """Who sends the focal point a report due on a day: the reporters but the focal point
    itself, whose own file is not sent to itself (it counts from its date)."""
    return sorted(reporters(ws, on) - {focal(ws, on)})


def is_member(ws: Workspace, task: Task, s: Statement) -> bool:
    """A member of the group that leads the task (it reports, it does not judge)."""
    return member_of_lead(ws, task, s.author, s.period_due)


def member_of_lead(ws: Workspace, task: Task, author: str, on: dt.date) -> bool:
    """Whether `author` is, on a day, a member of the group that leads the task."""
    return group_led(ws, task) and any(
        ws.agencies.covers(ws.agencies.resolve(code, on), author, on)
        for code in task.leads
        if (a := ws.agencies.get(code)) is not None and a.is_group
    )


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
    members: tuple[str, ...] = ()  # a group's members that have reported on it


@dataclass
class _Acc:
    done: dict[str, list[tuple[dt.date, str | None]]]  # by the lead that declared it
    said: TaskState | None = None
    others: dict[str, TaskState] | None = None
    spoken: bool = False
    members: set[str] | None = None


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
    acc: dict[str, _Acc] = {o.key: _Acc({}) for o in occs}
    for s in said:
        lead = is_lead(ws, task, s)
        key = window_key(occs, s.about)
        for d in deliveries(s.line.delivered):
            named = named_key(task, d)
            if named is not None and named != key and named in keys:
                acc[named].spoken = True
                if lead and d.date is not None and not is_self_citation(s, d):
                    acc[named].done.setdefault(s.author, []).append((d.date, proof_of(d)))
        a = acc[key]
        a.spoken = True
        state = s.line.state
        if lead:
            if state is not None:
                a.said = state
            if state is TaskState.DONE:
                day = done_day(task, s, key)
                if day is not None:
                    a.done.setdefault(s.author, []).append(day)
        elif is_member(ws, task, s):
            a.members = (a.members or set()) | {s.author}
        elif state is not None:
            a.others = {**(a.others or {}), s.agency: state}
    out: dict[str, Verdict] = {}
    for occ in occs:
        a = acc[occ.key]
        done = _done(ws, task, occ, a.done)
        out[occ.key] = Verdict(
            done_on=done[0],
            proof=done[1],
            said=a.said,
            disputed=_disputes(done[0] is not None, a.said, a.others or {}),
            spoken=a.spoken,
            members=tuple(sorted(a.members or ())),
        )
    return out


def _done(
    ws: Workspace,
    task: Task,
    occ: cal.Occurrence,
    declared: dict[str, list[tuple[dt.date, str | None]]],
) -> tuple[dt.date | None, str | None]:
    """The day an occurrence was done: the first declaration ('any' of joint leads), or the
    day the last of them declared it ('each': every lead on its due date, or today's)."""
    first = {who: min(days, key=lambda x: x[0]) for who, days in declared.items() if days}
    if not first:
        return None, None
    if task.joint == "each" and len(task.leads) > 1:
        on = occ.due or max(day for day, _ in first.values())
        if not leads_of(ws, task, on) <= set(first):
            return None, None
        return max(first.values(), key=lambda x: x[0])
    return min(first.values(), key=lambda x: x[0])


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


def silent(
    ws: Workspace, loaded: LoadedReport, said: dict[str, list[Statement]]
) -> list[tuple[str, str]]:
    """(task, occurrence) a report on record says nothing of, though its agency leads the
    task and that occurrence of the report's time was still open when it came: it stays
    without a report, `validate` warns (W065) and `remind` asks for it ('đề nghị bổ sung').
    A one-time task already done needs no repeating. `said`: statements(ws, any late day)."""
    r = loaded.report
    period = ws.periods.get(r.period)
    day = known_day(ws, loaded)
    if day is None or period is None or r.agency not in ws.agencies.by_code:
        return []
    me = ws.agencies.resolve(r.agency, period.due)
    stated = {line.task for line in r.tasks if line.state is not None}
    out = []
    for task in ws.plan.tasks():
        if task.id in stated or me not in leads_of(ws, task, period.due):
            continue
        occs = cal.occurrences(task.deadline, ws.plan.plan.span)
        key = window_key(occs, period.about)
        occ = next(o for o in occs if o.key == key)
        if occ.start > period.about:
            continue  # not yet assigned in the time the report speaks of
        known = [s for s in said.get(task.id, []) if s.known <= day]
        verdict = judge(ws, task, occs, known)[key]
        if verdict.done_on is None or verdict.done_on > day:
            out.append((task.id, key))
    return out


def contradicting(said: list[tuple[bool, TaskState | None]]) -> list[tuple[int, int]]:
    """(lead, other) index pairs of one task's lines in one period that dispute each other —
    the same rule as an occurrence's `disputed` (`_disputes`): another agency says done
    while the lead, having spoken, has not; or says not started while the lead says done."""
    return [
        (a, b)
        for a, (lead, mine) in enumerate(said)
        if lead and mine is not None
        for b, (other_lead, theirs) in enumerate(said)
        if not other_lead
        and theirs is not None
        and _disputes(mine is TaskState.DONE, mine, {"": theirs})
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
