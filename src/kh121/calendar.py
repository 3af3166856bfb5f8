"""Deadlines in time: occurrences, working days and effective due dates. Pure."""

from __future__ import annotations

import bisect
import calendar as _cal
import datetime as dt
from dataclasses import dataclass
from functools import cached_property, lru_cache

from kh121.models import (
    CalendarFile,
    DateDeadline,
    Deadline,
    HalfYearlyDeadline,
    MonthDeadline,
    OngoingDeadline,
    PeriodRule,
    QuarterDeadline,
    QuarterlyDeadline,
    Span,
    SpanDeadline,
    YearDeadline,
    YearlyDeadline,
)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _cal.monthrange(year, month)[1])


def day_in(year: int, month: int, day: int) -> dt.date:
    """That day of that month, or the month's last day (29/02 in a common year -> 28/02)."""
    return dt.date(year, month, min(day, _cal.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Occurrence:
    """One time a task falls due. `key` names it: 'once', '2026', '2026-H1', '2026-Q3'."""

    key: str
    start: dt.date  # from when it is assigned (counted in the totals)
    due: dt.date | None  # None: ongoing, never overdue
    assumed: bool = False  # the source gives no day; the due day is our reading


def occurrences(deadline: Deadline, span: Span) -> list[Occurrence]:
    """Every occurrence of a deadline within the plan's span, in time order."""
    return list(_occurrences(deadline, span))


@lru_cache(maxsize=4096)
def _occurrences(deadline: Deadline, span: Span) -> tuple[Occurrence, ...]:
    """occurrences(), worked out once for each deadline and span (both frozen records, asked
    for by every check and view of every task)."""
    return tuple(_worked_out(deadline, span))


def _worked_out(deadline: Deadline, span: Span) -> list[Occurrence]:
    years = range(span.start.year, span.end.year + 1)
    match deadline:
        case DateDeadline(date=d):
            return [Occurrence("once", span.start, d)]
        case MonthDeadline(year=y, month=m):
            return [Occurrence("once", span.start, month_end(y, m))]
        case QuarterDeadline(year=y, quarter=q):
            return [Occurrence("once", span.start, month_end(y, q * 3))]
        case YearDeadline(year=y):
            return [Occurrence("once", span.start, dt.date(y, 12, 31))]
        case SpanDeadline(end_year=y):
            return [Occurrence("once", span.start, dt.date(y, 12, 31))]
        case OngoingDeadline():
            return [Occurrence("once", span.start, None)]
        case YearlyDeadline(month=m, day=d, start_year=first, end_year=last):
            out = []
            for y in years:
                if (first and y < first) or (last and y > last):
                    continue
                due = day_in(y, m, d) if m and d else dt.date(y, 12, 31)
                out.append(Occurrence(str(y), max(dt.date(y, 1, 1), span.start), due, not m))
            return [o for o in out if o.due and span.start <= o.due <= span.end]
        case HalfYearlyDeadline(day=d):
            return _periodic(span, 6, "H", d)
        case QuarterlyDeadline(day=d):
            return _periodic(span, 3, "Q", d)
    raise AssertionError(deadline)  # pragma: no cover - the union is closed


def _periodic(span: Span, months: int, letter: str, day: int | None) -> list[Occurrence]:
    """Every half or quarter: due at its end, or on `day` of its last month."""
    out = []
    for y in range(span.start.year, span.end.year + 1):
        for i in range(12 // months):
            first = dt.date(y, i * months + 1, 1)
            last = (i + 1) * months
            due = day_in(y, last, day) if day else month_end(y, last)
            if span.start <= due <= span.end:
                out.append(Occurrence(f"{y}-{letter}{i + 1}", max(first, span.start), due))
    return out


@dataclass(frozen=True)
class WorkCalendar:
    """Working days: weekends and public holidays off, announced swaps applied."""

    weekend: frozenset[int]
    days_off: frozenset[dt.date]
    working: frozenset[dt.date]

    @classmethod
    def from_file(cls, cal: CalendarFile) -> WorkCalendar:
        return cls(
            weekend=frozenset(cal.weekend),
            days_off=frozenset(d.date for d in (*cal.holidays, *cal.extra_days_off)),
            working=frozenset(d.date for d in cal.makeup_working_days),
        )

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.working:
            return True
        return day.isoweekday() not in self.weekend and day not in self.days_off

    def effective(self, due: dt.date) -> dt.date:
        """Civil Code 2015 art. 148(5): a day off as last day moves to the next working day."""
        day = due
        for _ in range(366):
            if self.is_working_day(day):
                return day
            day += dt.timedelta(days=1)
        return due  # a calendar with no working day at all; keep the nominal date

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The `days`-th working day after `start` (a reply date: 5 working days after a
        letter dated on a Friday before a holiday lands after the holiday)."""
        day = start
        left = days
        for _ in range(days * 7 + 366):
            if left <= 0:
                break
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (negative if end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        # Weekdays by arithmetic, then the exceptions in range by bisection: O(log n), not
        # one step per day (a status of a large plan asks this for every task).
        count = self._weekdays(start, end)
        lost, gained = self._exceptions
        count -= bisect.bisect_right(lost, end) - bisect.bisect_right(lost, start)
        count += bisect.bisect_right(gained, end) - bisect.bisect_right(gained, start)
        return count

    def _weekdays(self, start: dt.date, end: dt.date) -> int:
        days = (end - start).days
        per_week = 7 - len(self.weekend)
        count = days // 7 * per_week
        day = start + dt.timedelta(days=days // 7 * 7)
        while day < end:
            day += dt.timedelta(days=1)
            count += day.isoweekday() not in self.weekend
        return count

    @cached_property
    def _exceptions(self) -> tuple[list[dt.date], list[dt.date]]:
        """Weekdays that are off, and weekend or holiday days that are worked, sorted."""
        lost = sorted(
            d for d in self.days_off if d.isoweekday() not in self.weekend and d not in self.working
        )
        gained = sorted(
            d for d in self.working if d.isoweekday() in self.weekend or d in self.days_off
        )
        return lost, gained


@dataclass(frozen=True)
class Period:
    """A reporting period: YEAR-KEY, the report about YEAR that the rule KEY makes due (in
    YEAR, or in YEAR + 1 for a rule due the next year)."""

    id: str
    year: int
    rule: PeriodRule

    @property
    def due(self) -> dt.date:
        year = self.year + (1 if self.rule.due_next_year else 0)
        return day_in(year, self.rule.due_month, self.rule.due_day)

    def label(self, lang: str = "vi") -> str:
        """The period as people say it, from the plan's words: '6 tháng đầu năm 2026',
        'năm 2025', 'quý I/2024' (a label with '{year}' places the year itself)."""
        words = self.rule.label_en if lang == "en" else self.rule.label_vi
        return (
            words.replace("{year}", str(self.year))
            if "{year}" in words
            else (f"{words} {self.year}")
        )

    @property
    def about(self) -> dt.date:
        """The time the report speaks of: its due date, or for a report due the next year,
        the last day of the year it is about (a 2025 annual report due 15/01/2026 speaks of
        2025, not of 2026)."""
        return dt.date(self.year, 12, 31) if self.rule.due_next_year else self.due


@lru_cache(maxsize=8)
def periods(rules: tuple[PeriodRule, ...], span: Span) -> tuple[Period, ...]:
    """Every reporting period of the plan's span, in the order of their due dates: due within
    the span, or (a rule due the next year) about a year of the span."""
    out = [
        Period(f"{y}-{r.key}", y, r)
        for y in range(span.start.year, span.end.year + 1)
        for r in rules
    ]
    kept = (p for p in out if span.start <= p.due and (p.due <= span.end or p.rule.due_next_year))
    return tuple(sorted(kept, key=lambda p: p.due))


def years_due(rules: tuple[PeriodRule, ...], span: Span) -> tuple[int, int]:
    """The first and last years a working-day calendar must cover: the plan's span, and the
    year after it when a report about its last year falls due then (due 15/01 of the next
    year): that due day moves over that year's holidays too."""
    last = max([span.end.year, *(p.due.year for p in periods(rules, span))])
    return span.start.year, last
