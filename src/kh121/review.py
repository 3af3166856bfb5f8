"""The plan reviewed over years (sơ kết, tổng kết): figures per year, section and agency. Pure.

Nothing is judged here: every figure is a count over `compute_status` views. An occurrence
belongs to the year of its due date, a report to the year of its period's due date. For a
closed year two columns are given: the record as it stood at the year's end (facts learnt
later not yet known) and as it stands now; the difference is work done, or reported, after
the year closed, and each such occurrence is named.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from kh121.errors import KnownError
from kh121.states import Bin, ReportStatus
from kh121.status import compute_status, reminders_known
from kh121.views import (
    Excluded,
    ObligationView,
    OccurrenceView,
    StatusView,
    Summary,
    TaskView,
    summarise,
)
from kh121.workspace import Workspace


class Changed(StrEnum):
    """Why an occurrence counted as done now was not done at its year's end."""

    DONE_AFTER_CLOSE = "done_after_close"  # the work was done after 31/12
    REPORTED_AFTER_CLOSE = "reported_after_close"  # done in the year, learnt after 31/12


@dataclass(frozen=True)
class Reporting:
    """The reports owed for the periods due in a year, as of a date."""

    owed: int  # on record: on time + late + missing
    on_time: int
    late: int
    missing: int
    mean_days_late: float  # of the late ones; 0.0 when none
    worst_days_late: int
    reminders: int  # reminders sent (one agency in one letter), for these periods
    no_data: int  # owed before the record begins, none on file


@dataclass(frozen=True)
class Column:
    """A year's figures as of one date."""

    as_of: dt.date
    tasks: Summary  # the occurrences due in the year, assigned by the date
    reporting: Reporting


@dataclass(frozen=True)
class Change:
    task: str
    key: str
    why: Changed
    done_on: dt.date


@dataclass(frozen=True)
class YearFigures:
    year: int
    now: Column
    at_close: Column | None  # None: the year has not closed on the review's date
    changes: tuple[Change, ...] = ()  # done now, not at the year's end
    reports_after_close: int = 0  # missing at the year's end, received since

    @property
    def no_data(self) -> bool:
        """The year rests on no data: nothing on record for it, only 'chưa có số liệu'."""
        s, r = self.now.tasks, self.now.reporting
        return s.total == 0 and r.owed == 0 and (s.no_data > 0 or r.no_data > 0)


@dataclass(frozen=True)
class Group:
    """A section or an agency over the years: now, and at each closed year's end."""

    key: str
    now: dict[int, Summary]
    at_close: dict[int, Summary]
    reporting: dict[int, Reporting]  # an agency's reports (empty for a section)
    took_over: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (predecessor, task ids)


@dataclass(frozen=True)
class TaskYears:
    """One task, year by year: its occurrences due that year, as they stand now."""

    task: TaskView
    years: dict[int, tuple[OccurrenceView, ...]]


@dataclass(frozen=True)
class Review:
    first: int
    last: int
    as_of: dt.date
    view: StatusView  # as it stands now
    years: tuple[YearFigures, ...]
    sections: tuple[Group, ...]
    agencies: tuple[Group, ...]
    tasks: tuple[TaskYears, ...]
    whole_span: bool  # the years are the plan's whole span: a tổng kết, not a sơ kết

    @property
    def span(self) -> int:
        return self.last - self.first + 1

    @property
    def no_data_years(self) -> tuple[int, ...]:
        return tuple(y.year for y in self.years if y.no_data)

    @property
    def total(self) -> Summary:
        return _sum_summaries(y.now.tasks for y in self.years)


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def review_years(
    ws: Workspace, first: int | None, last: int | None, as_of: dt.date
) -> tuple[int, int]:
    """The years a review covers: from the plan's first year (or `first`) to the year of
    the view, within the plan (or `last`); refused outside the plan's span."""
    span = ws.plan.plan.span
    a = first if first is not None else span.start.year
    b = last if last is not None else min(as_of.year, span.end.year)
    if a > b or a < span.start.year or b > span.end.year:
        raise KnownError(
            f"năm {a}–{b} không nằm trong thời gian của kế hoạch ({span.start.year}–"
            f"{span.end.year}), hoặc năm đầu sau năm cuối",
            f"years {a}–{b} are not within the plan's span ({span.start.year}–"
            f"{span.end.year}), or the first comes after the last",
        )
    return a, b


def plan_years(ws: Workspace) -> tuple[int, int]:
    """The first and last years of the plan's span: a review of all of them is a tổng kết
    (final review), of fewer a sơ kết (interim review)."""
    span = ws.plan.plan.span
    return span.start.year, span.end.year


def closed(year: int, as_of: dt.date) -> bool:
    return year_end(year) < as_of


def year_summary(tasks: Iterable[TaskView], year: int) -> Summary:
    """The bins of the occurrences due in `year`, assigned by the view's date."""
    return summarise(tasks, lambda o: o.assigned and o.due is not None and o.due.year == year)


def reporting(
    obligations: Iterable[ObligationView],
    year: int,
    reminders: Mapping[str, int] | None = None,
    no_data: Mapping[int, int] | None = None,
) -> Reporting:
    """The reports owed for the periods due in `year`: on time, late (mean, worst), missing.
    `reminders`: period -> reminders sent; `no_data`: year -> reports owed before the record."""
    mine = [o for o in obligations if o.due.year == year]
    late = [o.days_late for o in mine if o.status is ReportStatus.LATE]
    periods = {o.period for o in mine}
    return Reporting(
        owed=len(mine),
        on_time=sum(o.status is ReportStatus.ON_TIME for o in mine),
        late=len(late),
        missing=sum(o.status is ReportStatus.MISSING for o in mine),
        mean_days_late=round(sum(late) / len(late), 1) if late else 0.0,
        worst_days_late=max(late, default=0),
        reminders=sum(n for p, n in (reminders or {}).items() if p in periods),
        no_data=(no_data or {}).get(year, 0),
    )


def _changes(now: StatusView, then: StatusView, year: int) -> tuple[Change, ...]:
    before = {(t.id, o.key): o for t in then.tasks for o in t.occurrences}
    out = []
    for t in now.tasks:
        for o in t.occurrences:
            if o.due is None or o.due.year != year or o.done_on is None:
                continue
            old = before.get((t.id, o.key))
            if old is not None and old.done_on is not None:
                continue
            why = (
                Changed.DONE_AFTER_CLOSE
                if o.done_on > year_end(year)
                else (Changed.REPORTED_AFTER_CLOSE)
            )
            out.append(Change(t.id, o.key, why, o.done_on))
    return tuple(out)


def _reports_after_close(now: StatusView, then: StatusView, year: int) -> int:
    missing = {
        (o.agency, o.period)
        for o in then.obligations
        if o.due.year == year and o.status is ReportStatus.MISSING
    }
    return sum(
        (o.agency, o.period) in missing and o.status is not ReportStatus.MISSING
        for o in now.obligations
    )


def _per_period(sent: Mapping[tuple[str, str], int]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for (period, _agency), n in sent.items():
        out[period] += n
    return out


def _sum_summaries(items: Iterable[Summary]) -> Summary:
    parts = list(items)
    return Summary(
        max((s.tasks for s in parts), default=0),
        sum(s.total for s in parts),
        sum(s.due for s in parts),
        sum(s.done_on_time for s in parts),
        sum(s.done_late for s in parts),
        sum(s.open_in_time for s in parts),
        sum(s.open_overdue for s in parts),
        sum(s.done_of_due for s in parts),
        sum(s.no_data for s in parts),
        sum(s.disputed for s in parts),
    )


def _agency_groups(
    now: StatusView,
    closes: Mapping[int, StatusView],
    years: range,
    reminders: Mapping[tuple[str, str], int],
) -> tuple[Group, ...]:
    """Per agency answering today (a merged agency's successor), what it answers for."""
    d = now.directory
    answering = {c for t in now.tasks for c in t.answering}
    codes = sorted(answering | {o.chase for o in now.obligations}, key=lambda c: (d.name(c), c))
    out = []
    for code in codes:
        mine = [t for t in now.tasks if code in t.answering]  # a joint task under each lead
        ids = {t.id for t in mine}  # today's answer, at each year's close too
        took: dict[str, list[str]] = defaultdict(list)
        for t in mine:
            for lead in t.all_leads:
                if lead != code and d.today(lead) == code:
                    took[lead].append(t.id)
        obs = [o for o in now.obligations if o.chase == code]
        sent: dict[str, int] = defaultdict(int)
        for (period, agency), n in reminders.items():
            if d.today(agency) == code:
                sent[period] += n
        out.append(
            Group(
                key=code,
                now={y: year_summary(mine, y) for y in years},
                at_close={
                    y: year_summary((t for t in v.tasks if t.id in ids), y)
                    for y, v in closes.items()
                },
                reporting={y: reporting(obs, y, sent) for y in years},
                took_over=tuple((k, tuple(v)) for k, v in sorted(took.items())),
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class Snapshot:
    """The record on one date, with what a status view does not split by period."""

    view: StatusView
    reminders: Mapping[tuple[str, str], int] = field(default_factory=dict)  # (period, agency)
    no_data_reports: Mapping[int, int] = field(default_factory=dict)  # year -> owed, no data


def build_review(
    now: Snapshot,
    closes: Mapping[int, Snapshot],
    first: int,
    last: int,
    plan_years: tuple[int, int],
) -> Review:
    """The review of years first..last from the record now and at each closed year's end."""
    years = range(first, last + 1)
    view = now.view
    return Review(
        first=first,
        last=last,
        as_of=view.as_of,
        view=view,
        years=tuple(_year_figures(now, closes.get(y), y) for y in years),
        sections=_section_groups(view, closes, years),
        agencies=_agency_groups(view, {y: c.view for y, c in closes.items()}, years, now.reminders),
        tasks=_task_years(view, years),
        whole_span=(first, last) == plan_years,
    )


def _column(snap: Snapshot, y: int) -> Column:
    """A year's figures in the record of one date."""
    return Column(
        snap.view.as_of,
        year_summary(snap.view.tasks, y),
        reporting(snap.view.obligations, y, _per_period(snap.reminders), snap.no_data_reports),
    )


def _year_figures(now: Snapshot, then: Snapshot | None, y: int) -> YearFigures:
    """A year now, and when it has closed, at its close and what changed since."""
    view = now.view
    return YearFigures(
        year=y,
        now=_column(now, y),
        at_close=_column(then, y) if then is not None else None,
        changes=_changes(view, then.view, y) if then is not None else (),
        reports_after_close=_reports_after_close(view, then.view, y) if then else 0,
    )


def _section_groups(
    view: StatusView, closes: Mapping[int, Snapshot], years: range
) -> tuple[Group, ...]:
    """Per section of the plan, its occurrences by year, now and at each closed year's end."""
    return tuple(
        Group(
            key=sid,
            now={y: year_summary((t for t in view.tasks if t.section == sid), y) for y in years},
            at_close={
                y: year_summary((t for t in c.view.tasks if t.section == sid), y)
                for y, c in closes.items()
            },
            reporting={},
        )
        for sid in view.section_titles
    )


def _task_years(view: StatusView, years: range) -> tuple[TaskYears, ...]:
    """Per task, its occurrences by the year they fall due."""
    return tuple(
        TaskYears(
            t,
            {
                y: tuple(o for o in t.occurrences if o.due is not None and o.due.year == y)
                for y in years
            },
        )
        for t in view.tasks
    )


BINS = (Bin.DONE_ON_TIME, Bin.DONE_LATE, Bin.OPEN_IN_TIME, Bin.OPEN_OVERDUE, Bin.NO_DATA)


def no_data_reports(ws: Workspace, view: StatusView) -> dict[int, int]:
    """Year -> reports owed before the record begins and not on file as of the view's date
    (status counts them by period; these are the same, by the year of their period's due)."""
    out: dict[int, int] = defaultdict(int)
    for pid, n in view.no_data_by_period.items():
        out[ws.periods[pid].due.year] += n
    return dict(out)


def _snapshot(ws: Workspace, view: StatusView) -> Snapshot:
    known = reminders_known(ws, view.as_of)
    return Snapshot(view, {k: n for k, (_no, _day, n) in known.items()}, no_data_reports(ws, view))


def review_of(
    ws: Workspace, first: int, last: int, as_of: dt.date, excluded: tuple[Excluded, ...] = ()
) -> Review:
    """The review of the years first..last as of a date: the record now, and for each closed
    year the record as it stood on 31/12 of that year."""
    now = compute_status(ws, as_of, excluded=excluded)
    closes = {
        y: _snapshot(ws, compute_status(ws, year_end(y)))
        for y in range(first, last + 1)
        if closed(y, as_of)
    }
    return build_review(_snapshot(ws, now), closes, first, last, plan_years(ws))
