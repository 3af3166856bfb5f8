"""Who is to be chased, for what: the content of a công văn đôn đốc. Pure.

As of a date and for a period: every agency that answers today (a merged agency's
successor, with what it inherited) and still owes the period's report (missing or a draft;
a report received late is no longer owed), or an occurrence of a task it is responsible for
that is past due and not done. The issuing agency never writes to itself: its own items are
set apart for the clerk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kh121.models import Reminder, RemindersFile
from kh121.states import Bin, ReportStatus
from kh121.views import StatusView


@dataclass(frozen=True)
class OwedTask:
    task: str
    content: str
    keys: tuple[str, ...]  # the occurrences overdue: years, halves, quarters, or 'once'
    due: tuple[dt.date, ...]  # their effective due dates


@dataclass(frozen=True)
class Owed:
    """What one agency owes as of the date."""

    agency: str  # who answers today
    reports: tuple[tuple[str, dt.date, str | None], ...]  # (period, due, on behalf of)
    tasks: tuple[OwedTask, ...]
    times: int = 1  # this is the n-th reminder to it for the period
    # tasks it leads its received report said nothing of: 'đề nghị bổ sung'
    supplement: tuple[OwedTask, ...] = ()


@dataclass(frozen=True)
class Chase:
    period: str
    as_of: dt.date
    letters: tuple[Owed, ...]  # to write to
    own: tuple[Owed, ...] = field(default=())  # the issuing agency's own items


def chase(
    view: StatusView,
    period: str,
    issuer: str,
    only: frozenset[str] | None,
    records: tuple[RemindersFile, ...],
) -> Chase:
    """Everything owed as of the view's date, by today's agency, the issuer set apart."""
    reports: dict[str, list[tuple[str, dt.date, str | None]]] = {}
    for o in view.obligations:
        if o.period != period or o.status is not ReportStatus.MISSING:
            continue  # received (on time or late): nothing more to ask
        behalf = o.agency if o.agency != o.chase else None
        reports.setdefault(o.chase, []).append((o.period, o.effective_due, behalf))
    tasks: dict[str, list[OwedTask]] = {}
    for t in view.tasks:
        late = [o for o in t.occurrences if o.bin is Bin.OPEN_OVERDUE]
        if not late:
            continue
        item = OwedTask(
            t.id,
            t.content,
            tuple(o.key for o in late),
            tuple(o.effective_due for o in late if o.effective_due is not None),
        )
        # joint leads: each is chased while it is open; a group's task: the focal point's
        # own item (it judges it from its members' reports)
        for who in (view.focal,) if t.group else t.answering:
            tasks.setdefault(who, []).append(item)
    contents = {t.id: t.content for t in view.tasks}
    supplement: dict[str, list[OwedTask]] = {}
    for o in view.obligations:
        if o.period == period and o.unstated:
            supplement.setdefault(o.chase, []).extend(
                OwedTask(tid, contents.get(tid, tid), (), ()) for tid in o.unstated
            )
    known = last_reminders(records, view.as_of)  # a letter dated later is not known yet
    sent = {a: n for (p, a), (_num, _day, n) in known.items() if p == period}
    everyone = sorted(set(reports) | set(tasks) | set(supplement))
    owed = [
        Owed(
            a,
            tuple(reports.get(a, ())),
            tuple(tasks.get(a, ())),
            sent.get(a, 0) + 1,
            tuple(supplement.get(a, ())),
        )
        for a in everyone
        if only is None or a in only
    ]
    return Chase(
        period=period,
        as_of=view.as_of,
        letters=tuple(o for o in owed if o.agency != issuer),
        own=tuple(o for o in owed if o.agency == issuer),
    )


def sent(
    records: tuple[RemindersFile, ...], as_of: dt.date | None = None
) -> list[tuple[str, Reminder]]:
    """(period, letter) of every reminder letter sent by as_of, each period's in date order:
    a letter dated later is not yet known."""
    return [
        (record.period, reminder)
        for record in records
        for reminder in sorted(record.reminders, key=lambda r: r.date)
        if as_of is None or reminder.date <= as_of
    ]


def last_reminders(
    records: tuple[RemindersFile, ...], as_of: dt.date | None = None
) -> dict[tuple[str, str], tuple[str, dt.date, int]]:
    """(period, agency) -> (number, date, how many) of the latest reminder sent by as_of;
    a letter dated later never hides the earlier ones."""
    out: dict[tuple[str, str], tuple[str, dt.date, int]] = {}
    for period, reminder in sent(records, as_of):
        for agency in reminder.agencies:
            key = (period, agency)
            n = out[key][2] + 1 if key in out else 1
            out[key] = (reminder.number, reminder.date, n)
    return out
