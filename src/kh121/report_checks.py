"""Checks of the reports, across files: each (workspace, as_of) -> problems."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kh121 import calendar as cal
from kh121 import paths, record
from kh121.dates import dmy
from kh121.models import (
    Task,
    TaskReport,
    deliveries,
)
from kh121.plan_checks import CODE, suggest
from kh121.problems import Problem
from kh121.states import TaskState
from kh121.workspace import LoadedReport, Workspace
from kh121.yamlio import Document

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
        if not CODE.match(r.agency):
            out.append(doc.error(["agency"], "E038", code=r.agency))
        elif agency is None:
            known = sorted(ws.agencies.by_code)
            out.append(
                doc.error(["agency"], "E031", code=r.agency, suggestion=suggest(r.agency, known))
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
        if CODE.match(r.agency) and expected != actual:
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
                period=period.label("vi"),
                period_en=period.label("en"),
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


def entries_limit(ws: Workspace) -> int:
    """How many task lines a report may hold: each task once, with room to spare; beyond it
    the file is refused whole (one problem, said at once, never one per line)."""
    return max(1000, 10 * len(ws.tasks))


def _report_task_checks(report: LoadedReport, ws: Workspace, on: dt.date) -> list[Problem]:
    doc, r = report.doc, report.report
    tasks = ws.tasks
    if len(r.tasks) > entries_limit(ws):
        return [doc.error(["tasks"], "E065", count=len(r.tasks), limit=entries_limit(ws))]
    out: list[Problem] = []
    first: dict[str, int] = {}
    responsible = ws.agencies.resolve(r.agency, on)
    for i, entry in enumerate(r.tasks):
        where: list[str | int] = ["tasks", i, "task"]
        task = tasks.get(entry.task)
        if task is None:
            suggestion = suggest(entry.task, list(tasks))
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
            # a group's members report, the focal point judges: a member never disputes it
            items = [
                (r, i, line)
                for r, i, line in items
                if not record.member_of_lead(
                    ws, task, ws.agencies.resolve(r.report.agency, due), due
                )
            ]
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
                        lead=ws.agencies.name(first.report.agency),
                        lead_state=lead_line.state.value,
                        agency=ws.agencies.name(loaded.report.agency),
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


def check_review_files(ws: Workspace, as_of: dt.date) -> list[Problem]:
    """A review's file names the years it holds, the first not after the last."""
    out: list[Problem] = []
    for loaded in ws.reviews:
        doc, text = loaded.doc, loaded.text
        if text.from_year > text.to_year:
            out.append(doc.error(["to_year"], "E121", first=text.from_year, last=text.to_year))
        name = paths.review_name(text.from_year, text.to_year)
        if loaded.path.name != name:
            out.append(doc.error(["from_year"], "E120", expected=name, actual=loaded.path.name))
    return out
