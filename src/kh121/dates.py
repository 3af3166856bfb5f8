"""Reading and writing dates the Vietnamese way; today's date is read only here."""

from __future__ import annotations

import datetime as dt
import re

VN_TZ = dt.timezone(dt.timedelta(hours=7), "Asia/Ho_Chi_Minh")  # no daylight saving
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def today_vn() -> dt.date:
    """Today in Asia/Ho_Chi_Minh: the only place kh121 reads the clock."""
    return dt.datetime.now(VN_TZ).date()


def parse_date(text: str) -> dt.date:
    """'2026-11-29' or '29/11/2026'; ValueError otherwise."""
    text = text.strip()
    m = _DMY.match(text)
    if m:
        d, mth, y = (int(g) for g in m.groups())
        return dt.date(y, mth, d)
    return dt.date.fromisoformat(text)


def dmy(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def formal(day: dt.date) -> str:
    """'ngày 05 tháng 01 năm 2027' (Decree 30/2020: a leading zero for days < 10, months 1-2)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"
