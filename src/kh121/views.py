"""What `status`, `overdue` and `show` present: plain records computed once.

No pydantic here: a cached view is read back and shown without loading the models.
Presenters receive these and never decide what is overdue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from kh121.problems import Problem
from kh121.states import OVERDUE, SOON, Bin, Reported, ReportStatus
from kh121.text import search


@dataclass(frozen=True)
class AgencyName:
    code: str
    name: str
    short: str
    aliases: tuple[str, ...]
    group: bool
    today: str  # who answers for it on the view's date (itself, or its successor)


@dataclass(frozen=True)
class Directory:
    """Agency names and today's successors: all a presenter or a filter needs."""

    agencies: dict[str, AgencyName]

    def name(self, code: str, short: bool = True) -> str:
        a = self.agencies.get(code)
        if a is None:
            return code
        return a.short if short else a.name

    def names(self, codes: Iterable[str], short: bool = True) -> str:
        """Several agencies' names, joined: joint leads ('Sở KH&CN, Sở Nội vụ')."""
        return ", ".join(self.name(c, short) for c in codes)

    def today(self, code: str) -> str:
        a = self.agencies.get(code)
        return a.today if a else code

    def search(self, query: str) -> list[str]:
        """Codes matching a code, or any part of a name or alias; marks and spaces ignored."""
        return search(
            query, ((a.code, (a.name, a.short, *a.aliases)) for a in self.agencies.values())
        )


@dataclass(frozen=True)
class Entry:
    """A received report's line on a task."""

    agency: str
    period: str
    day: dt.date | None
    file: str
    state: Reported
    done: str | None = None
    difficulties: str | None = None
    proposals: str | None = None
    evidence: str | None = None  # a completion date and act, or a document delivered
    lead: bool = False
    # 'lead'; 'assessor' (the focal point judging a task a group leads); 'member' (of that
    # group); 'coordinator'
    role: str = "coordinator"


@dataclass(frozen=True)
class OccurrenceView:
    """One time a task falls due, and what the record says of it as of the view's date."""

    key: str  # 'once', '2026', '2026-H1', '2026-Q3'
    start: dt.date
    due: dt.date | None
    effective_due: dt.date | None
    assumed: bool
    assigned: bool  # started by the view's date: counted in the figures
    past_due: bool  # its effective due date is before the view's date
    state: Reported
    bin: Bin
    done_on: dt.date | None
    days_late: int  # done late: days after the effective due date
    days_overdue: int  # open and overdue: days since the effective due date
    days_left: int | None  # open: days until the effective due date
    evidence: str | None  # what proves it done: a document, a completion date
    disputed: tuple[str, ...] = ()  # 'AGENCY: state' of reports that contradict the lead's
    members: tuple[str, ...] = ()  # a group-led task: the members that reported on it
    members_total: int | None = None  # how many members the group had on its due date
    claimed: bool = False  # the lead said done, without the day that would make it so

    @property
    def recurring(self) -> bool:
        return self.key != "once"


@dataclass(frozen=True)
class TaskView:
    id: str
    section: str
    content: str
    short: str | None
    product: str
    lead: str
    responsible: str
    coordinators: tuple[str, ...]
    deadline_text: str
    deadline_kind: str
    deadline_form: str  # the structure beside the wording: 'month=12, day=5'
    occurrences: tuple[OccurrenceView, ...]
    entries: tuple[Entry, ...]  # every received report line about it, oldest first
    focus: int  # index of the occurrence the row leads with: the next one to deliver
    contradictions: tuple[str, ...] = ()
    leads: tuple[str, ...] = ()  # every lead the plan names (joint leads; `lead` is the first)
    responsibles: tuple[str, ...] = ()  # who answers for it today (`responsible`: the first)
    cite: str = ""  # the number the plan prints: 'III.4', 'II.1.2'
    group: bool = False  # a group leads it: its members report, the focal point judges
    members_total: int | None = None  # how many members the group has, when known
    merged: bool = False  # a lead merged into another agency (not a transfer of a level)
    helpers: tuple[str, ...] = ()  # every agency coordinating it on the view's day (groups:
    # their members; after a merger: the successor), as `AgencyIndex.covered` says

    @property
    def answering(self) -> tuple[str, ...]:
        """Every agency that answers for the task today: each of its joint leads (after
        their mergers), or its one lead. A task is listed under each of them."""
        return self.responsibles or (self.responsible,)

    @property
    def all_leads(self) -> tuple[str, ...]:
        """Every lead the plan names (joint leads), or its one lead."""
        return self.leads or (self.lead,)

    @property
    def assigned(self) -> tuple[OccurrenceView, ...]:
        return tuple(o for o in self.occurrences if o.assigned)

    @property
    def next(self) -> OccurrenceView:
        return self.occurrences[self.focus]

    @property
    def overdue(self) -> tuple[OccurrenceView, ...]:
        return tuple(o for o in self.assigned if o.bin is Bin.OPEN_OVERDUE)

    @property
    def state(self) -> Reported:
        return self.next.state

    @property
    def bin(self) -> Bin:
        return Bin.OPEN_OVERDUE if self.overdue else self.next.bin

    @property
    def last_report(self) -> Entry | None:
        return self.entries[-1] if self.entries else None


@dataclass(frozen=True)
class ObligationView:
    """One agency's report for one period, as of the view's date."""

    agency: str  # who owed it, as the period's due date found it
    chase: str  # who answers for it today (the agency, or its successor)
    period: str
    due: dt.date
    effective_due: dt.date
    received: dt.date | None
    file: str | None  # the received report, or the draft still on file
    status: ReportStatus
    days_late: int
    draft: bool = False  # a file is on file, but it has no `received` date yet
    reminded: tuple[str, dt.date, int] | None = None  # last reminder: number, date, how many
    unstated: tuple[str, ...] = ()  # tasks it leads the received report says nothing of


@dataclass(frozen=True)
class Summary:
    """Occurrences in the four bins (a recurring task once per occurrence)."""

    tasks: int
    total: int
    due: int  # occurrences whose deadline has passed
    done_on_time: int
    done_late: int
    open_in_time: int
    open_overdue: int
    done_of_due: int  # done, among those whose deadline has passed
    no_data: int = 0  # due before the record begins, no report about them: not in the above
    disputed: int = 0  # counted by the lead's word, while another report says otherwise

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def open(self) -> int:
        return self.open_in_time + self.open_overdue

    @property
    def percent_done(self) -> float:
        return round(100.0 * self.done / self.total, 1) if self.total else 0.0

    @property
    def percent_done_of_due(self) -> float:
        return round(100.0 * self.done_of_due / self.due, 1) if self.due else 0.0


@dataclass(frozen=True)
class Excluded:
    """A file left out of a view because it has errors, with its first problem."""

    problem: Problem
    errors: int  # how many errors it has

    @property
    def file(self) -> str:
        return self.problem.file


@dataclass(frozen=True)
class StatusView:
    as_of: dt.date
    plan_code: str
    soon: int
    tasks: tuple[TaskView, ...]
    obligations: tuple[ObligationView, ...]
    summary: Summary
    latest_period: str | None  # the last period already due on the view's date
    latest_due: dt.date | None
    directory: Directory
    section_titles: dict[str, str]
    warnings: int = 0  # warnings the data has (they never block)
    filters: tuple[str, ...] = ()  # what the view was narrowed by, said to the user
    focal: str = ""  # the consolidating agency on the view's date: it owes itself nothing
    record_start: dt.date | None = None  # the first day on record (`reporting.since`)
    # reports owed before the record begins and none on file, by period
    no_data_by_period: dict[str, int] = field(default_factory=dict)
    excluded: tuple[Excluded, ...] = ()  # files in error, left out of this view
    period_labels: dict[str, tuple[str, str]] = field(default_factory=dict)  # id: (vi, en)
    # the plan's standing duties outside the appendix (its Article 2): id, text, and who
    # has them today (each agency named, or a member of a group named)
    duties: tuple[tuple[str, str, frozenset[str]], ...] = ()

    def period_label(self, period: str, lang: str = "vi") -> str:
        """A period as people say it ('năm 2026'); its id when the plan has no such one."""
        found = self.period_labels.get(period)
        return (found[1] if lang == "en" else found[0]) if found else period

    @property
    def no_data_reports(self) -> int:
        return sum(self.no_data_by_period.values())

    @property
    def missing_latest(self) -> tuple[str, ...]:
        """Who must still send the latest period's report (today's agency, once each)."""
        seen: dict[str, None] = {}
        for o in self.obligations:
            if o.period == self.latest_period and o.status is ReportStatus.MISSING:
                seen.setdefault(o.chase)
        return tuple(seen)


Predicate = Callable[[OccurrenceView], bool]


def occurrence_filter(state: str | None, soon: int) -> Predicate:
    """Which assigned occurrences a --state value selects."""
    if not state:
        return lambda o: o.assigned
    if state == OVERDUE:
        return lambda o: o.assigned and o.bin is Bin.OPEN_OVERDUE
    if state == SOON:
        return lambda o: is_soon(o, soon)
    return lambda o: o.assigned and state in (o.state.value, o.bin.value)


def is_soon(o: OccurrenceView, soon: int) -> bool:
    """Open, not yet overdue, and falling due within `soon` days (assigned or not)."""
    return o.done_on is None and o.days_left is not None and 0 <= o.days_left <= soon


def to_chase(view: StatusView, within: int) -> tuple[list[TaskView], list[ObligationView]]:
    """What `overdue` shows: the tasks overdue or with an occurrence due within `within`
    days, and the reports not received on time (missing, late, or received late)."""
    tasks = [t for t in view.tasks if t.overdue or any(is_soon(o, within) for o in t.occurrences)]
    owed = [o for o in view.obligations if o.status is not ReportStatus.ON_TIME]
    return tasks, owed


def behind(view: StatusView) -> bool:
    """Anything overdue or a report missing: what `overdue --exit-code` fails on."""
    return any(t.overdue for t in view.tasks) or any(
        o.status is ReportStatus.MISSING for o in view.obligations
    )


def summarise(tasks: Iterable[TaskView], keep: Predicate) -> Summary:
    counts = dict.fromkeys(Bin, 0)
    n_tasks = total = due = done_of_due = disputed = 0
    for t in tasks:
        picked = [o for o in t.occurrences if keep(o)]
        n_tasks += bool(picked)
        for o in picked:
            if o.bin is Bin.NO_DATA:
                counts[o.bin] += 1
                continue
            total += 1
            disputed += bool(o.disputed)
            counts[o.bin] += 1
            if o.past_due:
                due += 1
                done_of_due += o.bin.done
    return Summary(
        n_tasks,
        total,
        due,
        counts[Bin.DONE_ON_TIME],
        counts[Bin.DONE_LATE],
        counts[Bin.OPEN_IN_TIME],
        counts[Bin.OPEN_OVERDUE],
        done_of_due,
        counts[Bin.NO_DATA],
        disputed,
    )


def select(
    view: StatusView,
    agencies: Iterable[str] = (),
    section: str | None = None,
    state: str | None = None,
    filters: tuple[str, ...] = (),
) -> StatusView:
    """The view narrowed to agencies (codes, as answered for today), a section, a state.

    A task is kept when one of its occurrences matches; the summary then counts the
    matching occurrences, so the list and the figures speak of the same thing.
    """
    keep = occurrence_filter(state, view.soon)
    tasks = list(view.tasks)
    obs = list(view.obligations)
    codes = set(agencies)
    if codes:
        now = {view.directory.today(c) for c in codes}
        tasks = [t for t in tasks if set(t.answering) & now or set(t.all_leads) & codes]
        obs = [o for o in obs if o.chase in now or o.agency in codes]
    if section:
        tasks = [t for t in tasks if t.section == section.upper()]
    if state:
        tasks = [t for t in tasks if any(keep(o) for o in t.occurrences)]
    return replace(
        view,
        tasks=tuple(tasks),
        obligations=tuple(obs),
        summary=summarise(tasks, keep),
        filters=filters,
    )
