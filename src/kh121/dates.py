"""Reading and writing dates the Vietnamese way (today's date is `clock`'s)."""

from __future__ import annotations

import calendar
import datetime as dt
import re

# The forms people type daily: 15/11/2026, 15-11-2026, 15.11.2026, 2026-11-15 and the formal
# "ngày 15 tháng 11 năm 2026" (marks optional). A two-digit year is refused: 15/11/26 could be
# 1926 or 2026 to a reader, and a plan spans decades.
_DMY = re.compile(r"^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDS = re.compile(
    r"^(?:ng[aà]y\s+)?(\d{1,2})\s+th[aá]ng\s+(\d{1,2})\s+n[aă]m\s+(\d{4})$", re.IGNORECASE
)
_DAY_WORD = re.compile(r"^ng[aà]y\s+", re.IGNORECASE)  # "ngày 15/11/2026"
_SHORT_YEAR = re.compile(r"^\d{1,2}\s*([/.-])\s*\d{1,2}\s*\1\s*\d{2}$")


class DateError(ValueError):
    """A text that is not a date, with why in both languages."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(en)
        self.vi = vi
        self.en = en

    def why(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


def _parts(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) as written, whether or not they make a day; None for no form."""
    text = _DAY_WORD.sub("", text, count=1)
    for pattern, order in ((_DMY, (4, 3, 1)), (_ISO, (1, 2, 3)), (_WORDS, (3, 2, 1))):
        m = pattern.match(text)
        if m:
            y, mo, d = (int(m.group(i)) for i in order)
            return y, mo, d
    return None


def parse_date(text: str) -> dt.date:
    """'2026-11-29', '29/11/2026', '29-11-2026', '29.11.2026' or 'ngày 29 tháng 11 năm
    2026'; a DateError (a ValueError) saying why otherwise."""
    text = " ".join(text.split())
    parts = _parts(text)
    if parts is None:
        raise DateError(*date_why(text))
    y, mo, d = parts
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise DateError(*date_why(text)) from None


def date_why(text: str) -> tuple[str, str]:
    """Why a text is not a date, (Vietnamese, English): a day the month does not have, a
    month that does not exist, a two-digit year, or a form not understood."""
    text = " ".join(str(text).split())
    if _SHORT_YEAR.match(_DAY_WORD.sub("", text, count=1)):
        return (
            "năm phải viết đủ 4 chữ số (2026, không phải 26)",
            "write the year with 4 digits (2026, not 26)",
        )
    parts = _parts(text)
    if parts is not None:
        y, mo, d = parts
        if not 1 <= mo <= 12:
            return (f"không có tháng {mo}", f"there is no month {mo}")
        if y < 1:
            return ("năm không hợp lệ", "not a valid year")
        last = calendar.monthrange(y, mo)[1]
        if not 1 <= d <= last:
            return (
                f"không có ngày {d} tháng {mo} năm {y} (tháng này có {last} ngày)",
                f"there is no day {d} in month {mo} of {y} (it has {last} days)",
            )
    return ("không đọc được là ngày", "not read as a date")


def dmy(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def formal(day: dt.date) -> str:
    """'ngày 05 tháng 01 năm 2027' (Decree 30/2020: a leading zero for days < 10, months 1-2)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"
