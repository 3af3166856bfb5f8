"""Where every task and every report stands on a date. Pure: the date is an argument.

The facts and the completion rule are `record`'s; this module folds them into views.
Only received reports count (the focal point's own file: from its date); a file without
`received` is a draft. Periods are ordered by their due dates, never by the text of their
keys. Each occurrence of a recurring task is judged by the reports of its own window.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from kh121 import calendar as cal
from kh121.agencies import AgencyIndex
from kh121.dates import dmy
from kh121.models import Task, TaskReport, deliveries
from kh121.record import (
    ALWAYS,
    Statement,
    Verdict,
    before_record,
    contradicting,
    focal,
    group_led,
    is_lead,
    is_member,
    judge,
    owing,
    proof_of,
    record_start,
    responsible,
    silent,
    statements,
)
from kh121.remind import last_reminders
from kh121.states import SOON_DAYS, Bin, Reported, ReportStatus, TaskState
from kh121.views import (
    AgencyName,
    Directory,
    Entry,
    Excluded,
    ObligationView,
    OccurrenceView,
    StatusView,
    TaskView,
    occurrence_filter,
    summarise,
)
from kh121.workspace import LoadedReport, Workspace

__all__ = ["compute_status", "contradicting", "days_late", "obligations", "task_view"]


def _evidence(line: TaskReport) -> str | None:
    said = [e for e in map(proof_of, deliveries(line.delivered)) if e]
    if said:
        return "; ".join(said)
    if line.completed_on or line.evidence:
        return ", ".join(x for x in (line.evidence, dmy(line.completed_on)) if x)
    return None


def _entry(ws: Workspace, task: Task, s: Statement) -> Entry:
    state = s.line.state
    lead = is_lead(ws, task, s)
    group = group_led(ws, task)
    role = (
        ("assessor" if group else "lead")
        if lead
        else ("member" if is_member(ws, task, s) else "coordinator")
    )
    return Entry(
        agency=s.agency,
        period=s.period,
        day=s.known if s.known != ALWAYS else None,
        file=s.file,
        state=Reported(state.value) if state else Reported.NO_REPORT,
        done=s.line.done,
        difficulties=s.line.difficulties,
        proposals=s.line.proposals,
        evidence=_evidence(s.line),
        lead=lead,
        role=role,
    )


def _occurrence(
    occ: cal.Occurrence,
    verdict: Verdict,
    work: cal.WorkCalendar,
    as_of: dt.date,
    start: dt.date | None,
) -> OccurrenceView:
    eff = work.effective(occ.due) if occ.due else None
    done_on, proof = (
        (verdict.done_on, verdict.proof)
        if verdict.done_on is not None and verdict.done_on <= as_of
        else (None, None)
    )
    if done_on is not None:
        state = Reported.DONE
        b = Bin.DONE_LATE if eff is not None and done_on > eff else Bin.DONE_ON_TIME
    else:
        said = verdict.said
        # 'done' without the day or the document that proves it is not done yet
        state = (
            Reported.NO_REPORT
            if said is None
            else Reported.IN_PROGRESS
            if said is TaskState.DONE
            else Reported(said.value)
        )
        if start is not None and occ.due is not None and occ.due < start and not verdict.spoken:
            b = Bin.NO_DATA  # before the record begins, and no report has spoken of it
        else:
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
        days_late=days_late(done_on, eff),
        days_overdue=days_late(as_of, eff) if b is Bin.OPEN_OVERDUE else 0,
        days_left=(eff - as_of).days if done_on is None and eff is not None else None,
        evidence=proof,
        disputed=verdict.disputed if b is not Bin.NO_DATA else (),
        members=verdict.members,
        claimed=done_on is None and verdict.said is TaskState.DONE,
    )


def days_late(day: dt.date | None, due: dt.date | None) -> int:
    """Whole days after an (effective) due date; 0 on or before it: the one count of lateness."""
    return (day - due).days if day is not None and due is not None and day > due else 0


def standing(received: dt.date | None, due: dt.date) -> ReportStatus:
    """A report received on or before its effective due date is on time, a day after it
    late; the focal point's own file, not sent to itself (no day received), is on time."""
    return ReportStatus.LATE if days_late(received, due) else ReportStatus.ON_TIME


def _contradictions(task: TaskView) -> tuple[str, ...]:
    """'KEY LEAD LEAD_STATE AGENCY STATE' for each disputed occurrence."""
    out = []
    for o in task.occurrences:
        for said in o.disputed:
            agency, state = said.split(": ")
            lead_state = "done" if o.done_on else o.state.value
            out.append(f"{o.key} {task.responsible} {lead_state} {agency} {state}")  # first lead
    return tuple(out)


def reminders_known(
    ws: Workspace, as_of: dt.date
) -> dict[tuple[str, str], tuple[str, dt.date, int]]:
    """(period, agency) -> (number, date, how many) of the last reminder sent by as_of."""
    return last_reminders(ws.reminders, as_of)


def task_view(
    ws: Workspace,
    section: str,
    task: Task,
    said: list[Statement],
    as_of: dt.date,
    start: dt.date | None,
) -> TaskView:
    occs = cal.occurrences(task.deadline, ws.plan.plan.span)
    verdicts = judge(ws, task, occs, said)
    views = tuple(_occurrence(o, verdicts[o.key], ws.work, as_of, start) for o in occs)
    if group_led(ws, task):
        views = tuple(
            replace(v, members_total=_members_total(ws, task, v.due or as_of)) for v in views
        )
    upcoming = [
        i for i, v in enumerate(views) if v.effective_due is None or v.effective_due >= as_of
    ]
    pending = [i for i in upcoming if views[i].done_on is None]
    overdue = [i for i, v in enumerate(views) if v.assigned and v.bin is Bin.OPEN_OVERDUE]
    focus = (pending or overdue or upcoming or [len(views) - 1])[0]
    now = responsible(ws, task, as_of)
    view = TaskView(
        id=task.id,
        section=section,
        content=task.content,
        short=task.short,
        product=task.product,
        lead=task.leads[0],
        responsible=now[0],
        coordinators=task.coordinators,
        helpers=tuple(
            sorted({a for c in task.coordinators for a in ws.agencies.covered(c, as_of)})
        ),
        deadline_text=task.deadline.text,
        deadline_kind=task.deadline.kind,
        deadline_form=", ".join(
            f"{k}={v}"
            for k, v in task.deadline.model_dump(
                exclude={"text", "kind"}, exclude_none=True
            ).items()
        ),
        occurrences=views,
        entries=tuple(_entry(ws, task, s) for s in said),
        focus=focus,
        leads=task.leads,
        responsibles=now,
        cite=task.cite,
        group=group_led(ws, task),
        members_total=_members_total(ws, task, as_of),
        merged=_merged(ws, task, as_of),
    )
    return replace(view, contradictions=_contradictions(view))


def _members_total(ws: Workspace, task: Task, on: dt.date) -> int | None:
    """How many members the leading group has on a day; None when it names none (166
    communes are not listed one by one)."""
    if not group_led(ws, task):
        return None
    agencies = ws.agencies
    alive = {
        m for code in task.leads for m in agencies.alive_members(agencies.resolve(code, on), on)
    }
    return len(alive) or None


def _merged(ws: Workspace, task: Task, on: dt.date) -> bool:
    """A lead was merged into another agency by the day (not a level abolished)."""
    for code in task.leads:
        for step in ws.agencies.chain(code)[:-1]:
            a = ws.agencies.get(step)
            m = a.merged_into if a else None
            if m is not None and m.from_date <= on and m.kind == "merger":
                return True
    return False


def obligations(
    ws: Workspace, as_of: dt.date, said: dict[str, list[Statement]] | None = None
) -> tuple[list[ObligationView], dict[str, int]]:
    """Each reporting agency's report for each period due by as_of: on time, late or missing;
    and how many owed before the record begins have no data.

    Who owed it is the agency as the period's due date found it; who answers for it is
    today's agency (its successor after a merger). The focal point owes itself nothing.
    """
    received, drafts = _received(ws, as_of)
    reminded = reminders_known(ws, as_of)
    # what each task's reports said by as_of, once (a silent report leaves tasks unstated)
    known = said if said is not None else (statements(ws, as_of) if received else {})
    out: list[ObligationView] = []
    no_data: dict[str, int] = {}
    for period in ws.periods.values():
        eff = ws.work.effective(period.due)
        owed_by = owing(ws, period.due)
        early = before_record(ws, period.id)
        for agency in owed_by:
            key = (agency, period.id)
            chase = ws.agencies.resolve(agency, as_of)
            if key in received:
                day, loaded = received[key]
                status = standing(day, eff)
                quiet = silent(ws, loaded, known)
                out.append(
                    ObligationView(
                        agency, chase, period.id, period.due, eff, day, loaded.doc.path,
                        status, days_late(day, eff), unstated=tuple(tid for tid, _k in quiet),
                    )
                )  # fmt: skip
            elif as_of > eff and early:
                no_data[period.id] = no_data.get(period.id, 0) + 1
            elif as_of > eff:
                draft = drafts.get(key)
                out.append(
                    ObligationView(
                        agency, chase, period.id, period.due, eff, None, draft,
                        ReportStatus.MISSING, days_late(as_of, eff), draft=draft is not None,
                        reminded=reminded.get((period.id, chase)),
                    )
                )  # fmt: skip
    return out, no_data


def _received(
    ws: Workspace, as_of: dt.date
) -> tuple[dict[tuple[str, str], tuple[dt.date, LoadedReport]], dict[tuple[str, str], str]]:
    """By (the agency as the period's due date found it, period): the first report received
    by as_of, and the file of a draft (a report not yet received)."""
    received: dict[tuple[str, str], tuple[dt.date, LoadedReport]] = {}
    drafts: dict[tuple[str, str], str] = {}
    due_of = {p.id: p.due for p in ws.periods.values()}
    for loaded in ws.reports:
        r = loaded.report
        if r.period not in due_of:
            continue
        key = (ws.agencies.resolve(r.agency, due_of[r.period]), r.period)
        if r.received is None:
            drafts.setdefault(key, loaded.doc.path)
        elif r.received <= as_of and (key not in received or r.received < received[key][0]):
            received[key] = (r.received, loaded)
    return received, drafts


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


def next_due(ws: Workspace, period: cal.Period) -> dt.date | None:
    """The effective due date of the period after `period` (where a report of `period`
    stops speaking: the next one takes over); None for the last."""
    later = sorted(p.due for p in ws.periods.values() if p.due > period.due)
    return ws.work.effective(later[0]) if later else None


def history(ws: Workspace, as_of: dt.date) -> list[tuple[str, StatusView]]:
    """The record as it stood on each period's effective due day, up to as_of (that day
    included): the trend a page draws."""
    return [
        (period.id, compute_status(ws, day))
        for period in ws.periods.values()
        if (day := ws.work.effective(period.due)) <= as_of
    ]


def compute_status(
    ws: Workspace,
    as_of: dt.date,
    soon: int = SOON_DAYS,
    warnings: int = 0,
    excluded: tuple[Excluded, ...] = (),
) -> StatusView:
    """The whole record as it stood on as_of (facts known later are not yet known)."""
    said = statements(ws, as_of)
    start = record_start(ws)
    tasks = [
        task_view(ws, s.id, t, said.get(t.id, []), as_of, start)
        for s in ws.plan.sections
        for t in s.tasks
    ]
    latest = latest_period(ws, ws.work, as_of)
    obs, no_data_reports = obligations(ws, as_of, said)  # by period
    return StatusView(
        as_of=as_of,
        plan_code=ws.plan.plan.code,
        soon=soon,
        tasks=tuple(tasks),
        obligations=tuple(obs),
        summary=summarise(tasks, occurrence_filter(None, soon)),
        latest_period=latest.id if latest else None,
        latest_due=ws.work.effective(latest.due) if latest else None,
        directory=directory(ws.agencies, as_of),
        section_titles={s.id: s.title for s in ws.plan.sections},
        warnings=warnings,
        focal=focal(ws, as_of),
        record_start=start,
        no_data_by_period=no_data_reports,
        excluded=excluded,
        period_labels={p.id: (p.label("vi"), p.label("en")) for p in ws.periods.values()},
        duties=tuple(
            (ob.id, ob.text, _duty_holders(ws, ob.agencies, as_of)) for ob in ws.plan.obligations
        ),
    )


def _duty_holders(ws: Workspace, codes: tuple[str, ...], on: dt.date) -> frozenset[str]:
    """Who has a duty on a day: each agency named (after its mergers), and every agency a
    group named covers."""
    out: set[str] = set()
    for code in codes:
        now = ws.agencies.resolve(code, on)
        out.add(now)
        out |= {
            ws.agencies.resolve(a.code, on)
            for a in ws.agencies.agencies
            if not a.is_group and ws.agencies.covers(code, a.code, on)
        }
    return frozenset(out)
