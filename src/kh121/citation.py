"""A document cited the way a Vietnamese office cites one: its number and its date."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from kh121.dates import DateError, parse_date

# "Báo cáo số 45/BC-SYT ngày 10/11/2026", "45/BC-SYT ngày 10/11/2026", "45/BC-SYT, 10/11/2026",
# "số 45/BC-SYT ngày 10 tháng 11 năm 2026": a number, then "ngày" or a comma, then a date.
_LEAD = re.compile(r"^(?:[^\d]*?\s)?s[oố]\s+", re.IGNORECASE)
_SPLIT = re.compile(r"^(?P<number>.+?)\s*(?:,|;|\s[-–]\s|\s(?=ng[aà]y\s))\s*(?P<date>.+)$", re.I)


class Citation(NamedTuple):
    number: str
    date: dt.date


class CitationError(ValueError):
    """A cited document not understood, with why in both languages."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(en)
        self.vi = vi
        self.en = en


def parse_citation(text: str) -> Citation:
    """The number and date of a cited document; a CitationError saying why otherwise.

    The kind of document before "số" ("Báo cáo số …", "Công văn số …") is dropped: the
    number says it ("45/BC-SYT")."""
    said = " ".join(text.split())
    body = _LEAD.sub("", said, count=1)
    m = _SPLIT.match(body)
    if not m:
        raise CitationError(
            f"'{said}': cần số và ngày của văn bản, ví dụ '45/BC-SYT ngày 10/11/2026'",
            f"'{said}': the document's number and date are needed, e.g."
            " '45/BC-SYT ngày 10/11/2026'",
        )
    number = m["number"].strip(" ,;")
    try:
        day = parse_date(m["date"].strip(" ,;."))
    except DateError as e:
        raise CitationError(f"'{said}': {e.vi}", f"'{said}': {e.en}") from None
    if not number:
        raise CitationError(
            f"'{said}': thiếu số của văn bản, ví dụ '45/BC-SYT ngày 10/11/2026'",
            f"'{said}': the document's number is missing, e.g. '45/BC-SYT ngày 10/11/2026'",
        )
    return Citation(number, day)
