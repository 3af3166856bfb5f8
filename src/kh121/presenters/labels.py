"""Keys said in words for every human screen (terminal, page, Word, diff): a state, a bin,
a deadline's kind and structure, an occurrence. The words themselves are the glossary's
(`messages.GLOSSARY`, read with `messages.label`); what is here puts them together. No key
('not_started', 'yearly', 'once', 'month=12') reaches a person: these words do."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from kh121.messages import GLOSSARY, label, t


def state(key: str, lang: str) -> str:
    return label("state", key, lang)


def bin_label(key: str, lang: str) -> str:
    return label("bin", key, lang)


def number(value: float, lang: str) -> str:
    """1,5 in Vietnamese, 1.5 in English."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "vi" else text


def kind(key: str, lang: str) -> str:
    return label("kind", key, lang)


def unit(key: str, lang: str) -> str:
    return label("unit", key, lang, default=key.replace("_", " "))


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


def unit_note(kinds: Iterable[str], lang: str) -> str:
    """What one occurrence is, for the kinds of deadline the plan has ('nhiệm vụ hằng năm
    tính mỗi năm một lượt'); empty when every task is due once."""
    counted = GLOSSARY["counted"]
    said = [label("counted", k, lang) for k in counted if k in set(kinds)]
    return "; ".join(said)


_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def occurrence(key: str, lang: str) -> str:
    """An occurrence's key as said: 'once' → 'một lần', '2026-H1' → '6 tháng đầu năm 2026',
    '2024-Q3' → 'quý III/2024'; a year stays a year."""
    if key == "once":
        return label("occurrence", "once", lang)
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


def moved_reason(nominal: dt.date, effective: dt.date) -> str | None:
    """Why a due date moved to the next working day (Civil Code 2015 art. 148(5)): 'Chủ
    nhật', 'Thứ Bảy' or 'ngày nghỉ'; None when it did not move."""
    if nominal == effective:
        return None
    return {6: "Thứ Bảy", 7: "Chủ nhật"}.get(nominal.isoweekday(), "ngày nghỉ")
