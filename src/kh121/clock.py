"""The real today: the one place kh121 asks what day it is.

`KH121_TODAY` (or `kh121 --today D`, which sets it) fixes it, for tests and for
re-running a past day's script. Only the command line and the commands call this, and
pass the day down: the loader and the core take `today` as an argument
(`tests/test_layers.py` holds them to it).
"""

from __future__ import annotations

import datetime as dt
import os

VN_TZ = dt.timezone(dt.timedelta(hours=7), "Asia/Ho_Chi_Minh")  # no daylight saving


def today() -> dt.date:
    """KH121_TODAY when set (YYYY-MM-DD or dd/mm/yyyy), else today in Asia/Ho_Chi_Minh."""
    from kh121.dates import parse_date

    fixed = os.environ.get("KH121_TODAY")
    if fixed:
        try:
            return parse_date(fixed)
        except ValueError:
            from kh121.errors import KnownError

            raise KnownError(
                f"KH121_TODAY='{fixed}': ngày không hợp lệ, viết 2026-11-29 hoặc 29/11/2026",
                f"KH121_TODAY='{fixed}': not a date; write 2026-11-29 or 29/11/2026",
            ) from None
    return dt.datetime.now(VN_TZ).date()
