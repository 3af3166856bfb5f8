"""The one date by which an agency is asked to send what it owes. Pure.

The report of a day and the reminder letter of the same day must ask for the same date:
both take it from here, `days` working days after the document's date (the letter
settings' `reply_days`, counted on the work calendar: weekends, holidays, make-up days).
"""

from __future__ import annotations

import datetime as dt

from kh121.calendar import WorkCalendar

DEFAULT_DAYS = 5  # LetterSettings.reply_days' default: a workspace without letter settings


def reply_by(work: WorkCalendar, issued: dt.date, days: int = DEFAULT_DAYS) -> dt.date:
    """The `days`-th working day after the document's date `issued`."""
    return work.add_working_days(issued, days)
