"""Deadlines in time, with fixed dates only."""

from __future__ import annotations

import datetime as dt

import pytest

from kh121 import calendar as cal
from kh121.dates import formal, parse_date
from kh121.models import CalendarFile, DayEntry, HalfYearlyDeadline, Span

D = dt.date
SPAN = Span(start=D(2023, 8, 15), end=D(2030, 12, 31))
VN = cal.WorkCalendar.from_file(
    CalendarFile(
        schema_version=1,
        years=(2026, 2027),
        holidays=(
            DayEntry(date=D(2027, 2, 5), name="Giao thừa"),
            DayEntry(date=D(2027, 2, 6), name="Tết"),
            DayEntry(date=D(2027, 2, 8), name="Mùng ba"),
            DayEntry(date=D(2027, 2, 9), name="Mùng bốn"),
            DayEntry(date=D(2027, 2, 10), name="Mùng năm"),
            DayEntry(date=D(2026, 9, 2), name="Quốc khánh"),
        ),
        extra_days_off=(DayEntry(date=D(2026, 9, 3), name="Nghỉ thêm"),),
        makeup_working_days=(DayEntry(date=D(2026, 8, 22), name="Làm bù"),),
    )
)


def deadline(**kw: object) -> cal.Deadline:  # type: ignore[name-defined]
    from pydantic import TypeAdapter

    from kh121.models import Deadline

    return TypeAdapter(Deadline).validate_python({"text": "x", **kw})


@pytest.mark.parametrize(
    ("kw", "dues"),
    [
        ({"kind": "date", "date": "2025-06-30"}, [D(2025, 6, 30)]),
        ({"kind": "month", "year": 2024, "month": 2}, [D(2024, 2, 29)]),
        ({"kind": "month", "year": 2025, "month": 12}, [D(2025, 12, 31)]),
        ({"kind": "quarter", "year": 2024, "quarter": 4}, [D(2024, 12, 31)]),
        ({"kind": "quarter", "year": 2025, "quarter": 1}, [D(2025, 3, 31)]),
        ({"kind": "year", "year": 2025}, [D(2025, 12, 31)]),
        ({"kind": "span", "start_year": 2026, "end_year": 2030}, [D(2030, 12, 31)]),
        ({"kind": "ongoing"}, [None]),
    ],
)
def test_one_time_forms(kw: dict[str, object], dues: list[dt.date | None]) -> None:
    occ = cal.occurrences(deadline(**kw), SPAN)
    assert [o.due for o in occ] == dues
    # one occurrence, named 'once', assigned from the plan's first day, never assumed
    assert [(o.key, o.start, o.assumed) for o in occ] == [("once", SPAN.start, False)]


@pytest.mark.parametrize(
    ("window", "keys"),
    [
        ({"start_year": 2025, "end_year": 2027}, ["2025", "2026", "2027"]),
        ({"start_year": 2029}, ["2029", "2030"]),
        ({"end_year": 2024}, ["2023", "2024"]),
    ],
)
def test_yearly_within_its_years(window: dict[str, int], keys: list[str]) -> None:
    """'hằng năm, giai đoạn 2025–2027': only the years the source gives recur."""
    occ = cal.occurrences(deadline(kind="yearly", month=12, day=5, **window), SPAN)
    assert [o.key for o in occ] == keys


def test_a_yearly_occurrence_is_assigned_from_its_years_first_day() -> None:
    occ = cal.occurrences(deadline(kind="yearly", month=12, day=5), SPAN)
    assert occ[0].start == SPAN.start  # the plan began in August 2023
    assert [o.start for o in occ[1:3]] == [D(2024, 1, 1), D(2025, 1, 1)]


def test_a_due_day_on_the_plans_first_day_counts() -> None:
    span = Span(start=D(2024, 6, 30), end=D(2024, 12, 31))
    yearly = cal.occurrences(deadline(kind="yearly", month=6, day=30), span)
    assert [(o.key, o.due) for o in yearly] == [("2024", D(2024, 6, 30))]
    half = cal.occurrences(deadline(kind="half_yearly"), span)
    assert [(o.key, o.start, o.due) for o in half] == [
        ("2024-H1", D(2024, 6, 30), D(2024, 6, 30)),
        ("2024-H2", D(2024, 7, 1), D(2024, 12, 31)),
    ]


def test_half_yearly_and_quarterly_on_a_day() -> None:
    """'trước ngày 15 tháng cuối kỳ': the day of each half's or quarter's last month."""
    span = Span(start=D(2024, 1, 1), end=D(2024, 12, 31))
    half = cal.occurrences(deadline(kind="half_yearly", day=15), span)
    assert [(o.key, o.start, o.due) for o in half] == [
        ("2024-H1", D(2024, 1, 1), D(2024, 6, 15)),
        ("2024-H2", D(2024, 7, 1), D(2024, 12, 15)),
    ]
    quarters = cal.occurrences(deadline(kind="quarterly", day=20), span)
    assert [(o.key, o.start, o.due) for o in quarters] == [
        ("2024-Q1", D(2024, 1, 1), D(2024, 3, 20)),
        ("2024-Q2", D(2024, 4, 1), D(2024, 6, 20)),
        ("2024-Q3", D(2024, 7, 1), D(2024, 9, 20)),
        ("2024-Q4", D(2024, 10, 1), D(2024, 12, 20)),
    ]
    assert cal.occurrences(deadline(kind="quarterly", day=31), span)[1].due == D(2024, 6, 30)


def test_yearly_on_a_day() -> None:
    occ = cal.occurrences(deadline(kind="yearly", month=12, day=5), SPAN)
    assert [o.due for o in occ] == [D(y, 12, 5) for y in range(2023, 2031)]
    assert [o.key for o in occ][:2] == ["2023", "2024"]
    assert not any(o.assumed for o in occ)


def test_yearly_without_a_day_is_an_assumed_31_december() -> None:
    occ = cal.occurrences(deadline(kind="yearly"), SPAN)
    assert occ[0].due == D(2023, 12, 31) and occ[-1].due == D(2030, 12, 31)
    assert all(o.assumed for o in occ)


def test_yearly_29_february_falls_back_in_common_years() -> None:
    occ = cal.occurrences(deadline(kind="yearly", month=2, day=29), SPAN)
    assert [o.due for o in occ][:4] == [
        D(2024, 2, 29),
        D(2025, 2, 28),
        D(2026, 2, 28),
        D(2027, 2, 28),
    ]


def test_yearly_before_the_start_is_left_out() -> None:
    occ = cal.occurrences(deadline(kind="yearly", month=5, day=15), SPAN)
    assert occ[0].due == D(2024, 5, 15)


def test_half_yearly_and_quarterly() -> None:
    half = cal.occurrences(deadline(kind="half_yearly"), SPAN)
    assert [(o.key, o.due) for o in half[:3]] == [
        ("2023-H2", D(2023, 12, 31)),
        ("2024-H1", D(2024, 6, 30)),
        ("2024-H2", D(2024, 12, 31)),
    ]
    quarters = cal.occurrences(deadline(kind="quarterly"), SPAN)
    assert quarters[0].key == "2023-Q3" and quarters[0].due == D(2023, 9, 30)
    assert quarters[0].start == D(2023, 8, 15)
    assert len(quarters) == 2 + 4 * 7


@pytest.mark.parametrize(
    ("nominal", "effective"),
    [
        (D(2026, 11, 15), D(2026, 11, 16)),  # Sunday -> Monday
        (D(2026, 12, 5), D(2026, 12, 7)),  # Saturday -> Monday
        (D(2027, 5, 15), D(2027, 5, 17)),  # Saturday
        (D(2026, 12, 7), D(2026, 12, 7)),  # a working day stays
        (D(2027, 2, 5), D(2027, 2, 11)),  # Tết: Fri off, weekend, Mon-Wed off
        (D(2026, 8, 22), D(2026, 8, 22)),  # a Saturday made a working day
        (D(2026, 9, 2), D(2026, 9, 4)),  # a holiday, then an announced extra day off
        (D(2026, 12, 31), D(2026, 12, 31)),  # year end on a Thursday
    ],
)
def test_effective_due(nominal: dt.date, effective: dt.date) -> None:
    assert VN.effective(nominal) == effective


def test_working_days_between() -> None:
    assert VN.working_days_between(D(2026, 11, 29), D(2026, 12, 7)) == 6
    assert VN.working_days_between(D(2026, 12, 7), D(2026, 11, 29)) == -6
    assert VN.working_days_between(D(2026, 8, 21), D(2026, 8, 24)) == 2  # Sat 22 made up


def test_a_periods_label_in_the_plans_words() -> None:
    from kh121.models import PeriodRule

    rules = (
        PeriodRule(
            key="Q1", due_month=3, due_day=20, label_vi="quý I/{year}", label_en="Q1 {year}"
        ),
        PeriodRule(key="H2", due_month=11, due_day=15, label_vi="năm", label_en="year"),
    )
    q1, h2 = (p for p in cal.periods(rules, SPAN) if p.year == 2024)
    assert (q1.label(), q1.label("en")) == ("quý I/2024", "Q1 2024")  # the year placed
    assert (h2.label(), h2.label("en")) == ("năm 2024", "year 2024")  # the year after


def test_periods() -> None:
    from kh121.models import PeriodRule

    rules = (
        PeriodRule(
            key="H1", due_month=5, due_day=15, label_vi="6 tháng đầu năm", label_en="first half"
        ),
        PeriodRule(key="H2", due_month=11, due_day=15, label_vi="năm", label_en="year"),
    )
    ps = cal.periods(rules, SPAN)
    assert ps[0].id == "2023-H2" and ps[0].due == D(2023, 11, 15)
    assert ps[-1].id == "2030-H2"
    by_id = {p.id: p for p in ps}
    assert by_id["2026-H1"].due == D(2026, 5, 15) and "2031-H1" not in by_id


@pytest.mark.parametrize(
    ("text", "day"),
    [("2026-11-29", D(2026, 11, 29)), ("29/11/2026", D(2026, 11, 29)), ("1/2/2027", D(2027, 2, 1))],
)
def test_parse_date(text: str, day: dt.date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["31/02/2026", "2026-13-01", "tomorrow", ""])
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (D(2026, 12, 5), "ngày 05 tháng 12 năm 2026"),
        (D(2026, 6, 29), "ngày 29 tháng 6 năm 2026"),
        (D(2027, 1, 5), "ngày 05 tháng 01 năm 2027"),
        (D(2027, 2, 14), "ngày 14 tháng 02 năm 2027"),
    ],
)
def test_formal_date(day: dt.date, text: str) -> None:
    assert formal(day) == text


def test_working_days_between_matches_day_by_day() -> None:
    import random

    rng = random.Random(36)
    start0 = D(2025, 12, 1)
    for _ in range(300):
        a = start0 + dt.timedelta(days=rng.randrange(0, 800))
        b = start0 + dt.timedelta(days=rng.randrange(0, 800))
        lo, hi = min(a, b), max(a, b)
        slow = sum(
            VN.is_working_day(lo + dt.timedelta(days=i)) for i in range(1, (hi - lo).days + 1)
        )
        assert VN.working_days_between(lo, hi) == slow
        assert VN.working_days_between(hi, lo) == -slow


def test_occurrences_worked_out_once_are_each_callers_own() -> None:
    """occurrences() is worked out once a deadline (a cache): a caller that changes the list
    it got changes nothing for the next caller."""
    deadline = HalfYearlyDeadline(kind="half_yearly", day=15, text="trước 15/6 và 15/12")
    first = cal.occurrences(deadline, SPAN)
    keys = [o.key for o in first]
    first.clear()
    again = cal.occurrences(deadline, SPAN)
    assert [o.key for o in again] == keys and keys[0] == "2023-H2"
