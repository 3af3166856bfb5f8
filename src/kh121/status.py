"""Where every task and every report stands on a date. Pure: the date is an argument.

Only received reports count: a file without `received` is a draft. Periods are
ordered by their due dates, never by the text of their keys. Each occurrence of a
recurring task is judged by the reports of its own window of time.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from kh121 import calendar as cal
from kh121.agencies import AgencyIndex
from kh121.dates import dmy
from kh121.models import Delivered, Task, TaskReport, YearlyDeadline, deliveries
from kh121.states import Bin, Reported, ReportStatus, TaskState
from kh121.views import (
    AgencyName,
    Directory,
    Entry,
    ObligationView,
    OccurrenceView,
    StatusView,
    TaskView,
    occurrence_filter,
    summarise,
)
from kh121.workspace import Workspace


@dataclass(frozen=True)
class _Line:
    """A received report's line, with what placing it in time needs."""

    agency: str
    period: str
    period_due: dt.date
    about: dt.date  # the time the report speaks of (Period.about)
    day: dt.date
    file: str
    line: TaskReport


def received_lines(ws: Workspace, as_of: dt.date) -> dict[str, list[_Line]]:
    """Lines of reports received by as_of, by task, in the order of their periods' due dates."""
    due_of = {p.id: p.due for p in ws.periods.values()}
    about = {p.id: p.about for p in ws.periods.values()}
    out: dict[str, list[_Line]] = defaultdict(list)
    for loaded in ws.reports:
        r = loaded.report
        if r.received is None or r.received > as_of or r.period not in due_of:
            continue  # a draft, or not yet on file on that date
        for line in r.tasks:
            if line.state is not None or line.delivered is not None:
                item = _Line(
                    r.agency,
                    r.period,
                    due_of[r.period],
                    about[r.period],
                    r.received,
                    loaded.doc.path,
                    line,
                )
                out[line.task].append(item)
    for lines in out.values():
        lines.sort(key=lambda e: (e.period_due, e.day, e.agency))
    return out


def _is_lead(agencies: AgencyIndex, task: Task, item: _Line) -> bool:
    on = item.period_due
    return agencies.resolve(item.agency, on) == agencies.resolve(task.lead, on)


def _delivery_evidence(d: Delivered) -> str | None:
    return ", ".join(x for x in (d.number, dmy(d.date)) if x) or None


def _evidence(line: TaskReport) -> str | None:
    said = [e for e in map(_delivery_evidence, deliveries(line.delivered)) if e]
    if said:
        return "; ".join(said)
    if line.completed_on or line.evidence:
        return ", ".join(x for x in (line.evidence, dmy(line.completed_on)) if x)
    return None


def _entry(item: _Line, lead: bool) -> Entry:
    state = item.line.state
    return Entry(
        agency=item.agency,
        period=item.period,
        day=item.day,
        file=item.file,
        state=Reported(state.value) if state else Reported.NO_REPORT,
        done=item.line.done,
        difficulties=item.line.difficulties,
        proposals=item.line.proposals,
        evidence=_evidence(item.line),
        lead=lead,
    )


def _met(
    task: Task, occs: list[cal.Occurrence], lead: list[_Line]
) -> dict[str, tuple[dt.date, str | None]]:
    """Occurrence key -> the day it was met and what proves it, from the lead's reports."""
    met: dict[str, tuple[dt.date, str | None]] = {}
    if occs[0].key == "once":
        done = [
            (e.line.completed_on, _evidence(e.line))
            for e in lead
            if e.line.state is TaskState.DONE and e.line.completed_on
        ]
        if done:
            met["once"] = min(done, key=lambda d: d[0])
        return met
    keys = {o.key for o in occs}
    named: list[tuple[dt.date, str, str | None]] = []  # delivered for a named occurrence
    unnamed: list[tuple[dt.date, int, str | None]] = []
    for e in lead:
        for d in deliveries(e.line.delivered):
            if d.date is None:
                continue
            if d.occurrence is not None:
                named.append((d.date, d.occurrence, _delivery_evidence(d)))
            else:
                unnamed.append((d.date, d.for_year or int(e.period[:4]), _delivery_evidence(d)))
    for day, key, proof in sorted(named, key=lambda x: x[0]):
        if key in keys:
            met.setdefault(key, (day, proof))
    if isinstance(task.deadline, YearlyDeadline):
        for day, year, proof in sorted(unnamed, key=lambda x: x[0]):
            if str(year) in keys:
                met.setdefault(str(year), (day, proof))
        return met
    for day, _year, proof in sorted(unnamed, key=lambda x: x[0]):
        # half-yearly, quarterly: the oldest open one first
        for occ in occs:
            if occ.key not in met and occ.start <= day:
                met[occ.key] = (day, proof)
                break
    return met


def _occurrence(
    occ: cal.Occurrence,
    met: tuple[dt.date, str | None] | None,
    reported: list[_Line],
    work: cal.WorkCalendar,
    as_of: dt.date,
) -> OccurrenceView:
    eff = work.effective(occ.due) if occ.due else None
    done_on, proof = met if met is not None and met[0] <= as_of else (None, None)
    if done_on is not None:
        state = Reported.DONE
        late = eff is not None and done_on > eff
        b = Bin.DONE_LATE if late else Bin.DONE_ON_TIME
    else:
        said = reported[-1].line.state if reported else None
        # 'done' without the date or document that proves it is not done yet
        state = (
            Reported.NO_REPORT
            if said is None
            else Reported.IN_PROGRESS
            if said is TaskState.DONE
            else Reported(said.value)
        )
        b = Bin.OPEN_OVERDUE if eff is not None and as_of > eff else Bin.OPEN_IN_TIME
    return OccurrenceView(
        key=occ.key,
        start=occ.start,
        due=occ.due,
        effective_due=eff,
        assumed=occ.assumed,
        assigned=occ.start <= as_of,
        past_due=eff is not None and eff < as_of,
        state=state,
        bin=b,
        done_on=done_on,
        days_late=(done_on - eff).days if done_on and eff and done_on > eff else 0,
        days_overdue=(as_of - eff).days if b is Bin.OPEN_OVERDUE and eff else 0,
        days_left=(eff - as_of).days if done_on is None and eff is not None else None,
        evidence=proof,
    )


def contradicting(said: list[tuple[bool, TaskState | None]]) -> list[tuple[int, int]]:
    """(lead, other) index pairs of one task's lines in one period where the lead says done
    and another agency not started, or the reverse: the one rule status and merge share."""
    clash = {TaskState.DONE, TaskState.NOT_STARTED}
    return [
        (a, b)
        for a, (lead, mine) in enumerate(said)
        if lead
        for b, (other_lead, theirs) in enumerate(said)
        if not other_lead and {mine, theirs} == clash
    ]


def _contradictions(lines: list[_Line], leads: list[bool]) -> tuple[str, ...]:
    """'PERIOD LEAD STATE AGENCY STATE' for each contradiction on file."""
    by_period: dict[str, list[tuple[_Line, bool]]] = defaultdict(list)
    for item, lead in zip(lines, leads, strict=True):
        by_period[item.period].append((item, lead))
    out = []
    for period, pairs in by_period.items():
        items = [item for item, _ in pairs]
        said = [(is_lead, item.line.state) for item, is_lead in pairs]
        for a, b in contradicting(said):
            first, other = items[a], items[b]
            words = (first.agency, first.line.state, other.agency, other.line.state)
            out.append(f"{period} " + " ".join(str(x) for x in words))
    return tuple(out)


def _reminded(
    reminded: dict[tuple[str, str], tuple[str, dt.date, int]],
    period: str,
    agency: str,
    as_of: dt.date,
) -> tuple[str, dt.date, int] | None:
    """The last reminder sent to the agency for the period by the view's date."""
    found = reminded.get((period, agency))
    return found if found is not None and found[1] <= as_of else None


def task_view(
    ws: Workspace,
    section: str,
    task: Task,
    lines: list[_Line],
    work: cal.WorkCalendar,
    as_of: dt.date,
) -> TaskView:
    occs = cal.occurrences(task.deadline, ws.plan.plan.span)
    leads = [_is_lead(ws.agencies, task, e) for e in lines]
    lead = [e for e, is_lead in zip(lines, leads, strict=True) if is_lead]
    met = _met(task, occs, lead)
    views = []
    for i, occ in enumerate(occs):
        # The reports that speak of an occurrence are those about its own window of time.
        end = occs[i + 1].start if i + 1 < len(occs) else dt.date.max
        window = [e for e in lead if occ.key == "once" or occ.start <= e.about < end]
        views.append(_occurrence(occ, met.get(occ.key), window, work, as_of))
    upcoming = [
        i for i, v in enumerate(views) if v.effective_due is None or v.effective_due >= as_of
    ]
    pending = [i for i in upcoming if views[i].done_on is None]
    overdue = [i for i, v in enumerate(views) if v.assigned and v.bin is Bin.OPEN_OVERDUE]
    focus = (pending or overdue or upcoming or [len(views) - 1])[0]
    return TaskView(
        id=task.id,
        section=section,
        content=task.content,
        short=task.short,
        product=task.product,
        lead=task.lead,
        responsible=ws.agencies.resolve(task.lead, as_of),
        coordinators=task.coordinators,
        deadline_text=task.deadline.text,
        deadline_kind=task.deadline.kind,
        deadline_form=", ".join(
            f"{k}={v}"
            for k, v in task.deadline.model_dump(
                exclude={"text", "kind"}, exclude_none=True
            ).items()
        ),
        occurrences=tuple(views),
        entries=tuple(_entry(e, is_lead) for e, is_lead in zip(lines, leads, strict=True)),
        focus=focus,
        contradictions=_contradictions(lines, leads),
    )


def obligations(ws: Workspace, work: cal.WorkCalendar, as_of: dt.date) -> list[ObligationView]:
    """Each reporting agency's report for each period due by as_of: on time, late or missing.

    Who owed it is the agency as the period's due date found it; who answers for it is
    today's agency (its successor after a merger).
    """
    received: dict[tuple[str, str], tuple[dt.date, str]] = {}
    drafts: dict[tuple[str, str], str] = {}
    periods = list(ws.periods.values())
    due_of = {p.id: p.due for p in periods}
    for loaded in ws.reports:
        r = loaded.report
        if r.period not in due_of:
            continue
        key = (ws.agencies.resolve(r.agency, due_of[r.period]), r.period)
        if r.received is None or r.received > as_of:
            drafts.setdefault(key, loaded.doc.path)
        elif key not in received or r.received < received[key][0]:
            received[key] = (r.received, loaded.doc.path)
    from kh121.remind import last_reminders

    reminded = last_reminders(ws.reminders)
    out: list[ObligationView] = []
    for period in periods:
        eff = work.effective(period.due)
        owing = sorted({ws.agencies.resolve(c, period.due) for c in ws.plan.reporting.reporters})
        for agency in owing:
            key = (agency, period.id)
            chase = ws.agencies.resolve(agency, as_of)
            if key in received:
                day, file = received[key]
                late = day > eff
                status = ReportStatus.LATE if late else ReportStatus.ON_TIME
                days = (day - eff).days if late else 0
                out.append(
                    ObligationView(
                        agency, chase, period.id, period.due, eff, day, file, status, days
                    )
                )
            elif as_of > eff:
                draft = drafts.get(key)
                out.append(
                    ObligationView(
                        agency,
                        chase,
                        period.id,
                        period.due,
                        eff,
                        None,
                        draft,
                        ReportStatus.MISSING,
                        (as_of - eff).days,
                        draft=draft is not None,
                        reminded=_reminded(reminded, period.id, chase, as_of),
                    )
                )
    return out


def directory(agencies: AgencyIndex, as_of: dt.date) -> Directory:
    return Directory(
        {
            a.code: AgencyName(
                a.code, a.name, a.short, a.aliases, a.is_group, agencies.resolve(a.code, as_of)
            )
            for a in agencies.agencies
        }
    )


def latest_period(ws: Workspace, work: cal.WorkCalendar, as_of: dt.date) -> cal.Period | None:
    """The last period already due on a date; a file for a later one never hides it."""
    due = [p for p in ws.periods.values() if work.effective(p.due) < as_of]
    return due[-1] if due else None


def compute_status(ws: Workspace, as_of: dt.date, soon: int = 14, warnings: int = 0) -> StatusView:
    work = ws.work
    lines = received_lines(ws, as_of)
    tasks = [
        task_view(ws, s.id, t, lines.get(t.id, []), work, as_of)
        for s in ws.plan.sections
        for t in s.tasks
    ]
    latest = latest_period(ws, work, as_of)
    return StatusView(
        as_of=as_of,
        plan_code=ws.plan.plan.code,
        soon=soon,
        tasks=tuple(tasks),
        obligations=tuple(obligations(ws, work, as_of)),
        summary=summarise(tasks, occurrence_filter(None, soon)),
        latest_period=latest.id if latest else None,
        latest_due=work.effective(latest.due) if latest else None,
        directory=directory(ws.agencies, as_of),
        section_titles={s.id: s.title for s in ws.plan.sections},
        warnings=warnings,
    )
