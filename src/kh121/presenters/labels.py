"""The one glossary: words for states, bins, deadline kinds, units and occurrences, in both
languages, for every human screen (terminal, page, Word, diff). No key ('not_started',
'yearly', 'once', 'month=12') reaches a person: these words do."""

from __future__ import annotations

from collections.abc import Iterable

from kh121.messages import t
from kh121.states import STATE_WORDS, TaskState

STATES = {
    "done": (STATE_WORDS[TaskState.DONE][0], "Done"),
    "in_progress": (STATE_WORDS[TaskState.IN_PROGRESS][0], "In progress"),
    "not_started": (STATE_WORDS[TaskState.NOT_STARTED][0], "Not started"),
    "no_report": ("Chưa có báo cáo", "No report yet"),
}
BINS = {
    "done_on_time": ("hoàn thành đúng hạn", "done on time"),
    "done_late": ("hoàn thành quá hạn", "done late"),
    "open_in_time": ("chưa hoàn thành, trong hạn", "not done, within the deadline"),
    "open_overdue": ("chưa hoàn thành, quá hạn", "not done, overdue"),
    "no_data": ("chưa có số liệu", "no data"),
}


def state(key: str, lang: str) -> str:
    vi, en = STATES.get(key, (key, key))
    return t(vi, en, lang)


def bin_label(key: str, lang: str) -> str:
    vi, en = BINS.get(key, (key, key))
    return t(vi, en, lang)


def number(value: float, lang: str) -> str:
    """1,5 in Vietnamese, 1.5 in English."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "vi" else text


# Deadline kinds (deadline.kind in data/tasks.yaml).
KINDS = {
    "date": ("đến một ngày", "by a date"),
    "month": ("đến cuối tháng", "by a month's end"),
    "quarter": ("đến cuối quý", "by a quarter's end"),
    "year": ("đến cuối năm", "by a year's end"),
    "span": ("đến cuối giai đoạn", "by the end of a span"),
    "yearly": ("hằng năm", "every year"),
    "half_yearly": ("6 tháng một lần", "every half-year"),
    "quarterly": ("hằng quý", "every quarter"),
    "ongoing": ("thường xuyên", "ongoing"),
}
# The units of a deadline's structure (its other keys).
UNITS = {
    "date": ("ngày", "date"),
    "day": ("ngày", "day"),
    "month": ("tháng", "month"),
    "quarter": ("quý", "quarter"),
    "year": ("năm", "year"),
    "start_year": ("từ năm", "from"),
    "end_year": ("đến năm", "to"),
}
ONCE = ("một lần", "once")
# Kinds of a period (a report's cycle) and of an occurrence key's tail.
PERIOD_KINDS = {
    "H1": ("6 tháng đầu năm", "first half"),
    "H2": ("6 tháng cuối năm", "second half"),
    "Q1": ("quý I", "Q1"),
    "Q2": ("quý II", "Q2"),
    "Q3": ("quý III", "Q3"),
    "Q4": ("quý IV", "Q4"),
}


def kind(key: str, lang: str) -> str:
    vi, en = KINDS.get(key, (key, key))
    return t(vi, en, lang)


def unit(key: str, lang: str) -> str:
    vi, en = UNITS.get(key, (key.replace("_", " "), key.replace("_", " ")))
    return t(vi, en, lang)


def deadline_form(kind_key: str, form: str, lang: str) -> str:
    """'yearly' and 'month=12, day=5' as 'hằng năm, ngày 5 tháng 12'; the structure a
    deadline was read as, in words (show, diff)."""
    pairs = dict(p.split("=", 1) for p in form.split(", ") if "=" in p)
    parts = [kind(kind_key, lang)]
    if "day" in pairs and "month" in pairs:
        day, month = pairs.pop("day"), pairs.pop("month")
        parts.append(t(f"ngày {day}/{month}", f"on {day}/{month}", lang))
    for part in ("month", "quarter"):
        if part in pairs and "year" in pairs:
            value, year = pairs.pop(part), pairs.pop("year")
            parts[0] = f"{parts[0]} {value}/{year}" if lang != "en" else f"{parts[0]} {year}"
            if lang == "en":
                parts[0] = f"by the end of {part} {value} of {year}"
    parts.extend(f"{unit(k, lang)} {v}" for k, v in pairs.items())
    return ", ".join(parts)


# How a recurring task is counted, by its deadline's kind: one occurrence a …
_UNIT = {
    "yearly": ("nhiệm vụ hằng năm tính mỗi năm một lượt", "a yearly task counts once a year"),
    "half_yearly": (
        "nhiệm vụ 6 tháng tính mỗi 6 tháng một lượt",
        "a half-yearly task counts once a half-year",
    ),
    "quarterly": (
        "nhiệm vụ hằng quý tính mỗi quý một lượt",
        "a quarterly task counts once a quarter",
    ),
}


def unit_note(kinds: Iterable[str], lang: str) -> str:
    """What one occurrence is, for the kinds of deadline the plan has ('nhiệm vụ hằng năm
    tính mỗi năm một lượt'); empty when every task is due once."""
    said = [t(*_UNIT[k], lang) for k in _UNIT if k in set(kinds)]
    return "; ".join(said)


_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def occurrence(key: str, lang: str) -> str:
    """An occurrence's key as said: 'once' → 'một lần', '2026-H1' → '6 tháng đầu năm 2026',
    '2024-Q3' → 'quý III/2024'; a year stays a year."""
    if key == "once":
        return t(*ONCE, lang)
    year, _, part = key.partition("-")
    if part in ("H1", "H2"):
        first = part == "H1"
        return t(
            f"6 tháng {'đầu' if first else 'cuối'} năm {year}",
            f"{'first' if first else 'second'} half of {year}",
            lang,
        )
    if part[:1] == "Q" and part[1:] in _ROMAN:
        return t(f"quý {_ROMAN[part[1:]]}/{year}", f"Q{part[1:]} {year}", lang)
    return key
