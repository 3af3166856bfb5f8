"""Shell completion from the data in hand: agency codes, task ids, periods.

Called by the shell at every Tab, so it reads the two data files with PyYAML's C loader
and nothing else (no models, no checks), from the workspace found as the commands find it.
Anything that goes wrong completes nothing.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from pathlib import Path
from typing import Any


def _data(name: str) -> Any:
    import yaml

    from kh121.paths import find_root

    try:
        root = find_root(None)
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        with (Path(root) / "data" / name).open("rb") as f:
            return yaml.load(f, Loader=loader)  # a safe loader
    except Exception:  # completion must never break the shell
        return None


def _matching(words: list[str], incomplete: str) -> list[str]:
    low = incomplete.lower()
    return [w for w in words if w.lower().startswith(low)]


def agencies(incomplete: str) -> list[str]:
    data = _data("agencies.yaml") or {}
    codes = [str(a.get("code")) for a in data.get("agencies", []) if isinstance(a, dict)]
    return _matching(codes, incomplete)


def tasks(incomplete: str) -> list[str]:
    data = _data("tasks.yaml") or {}
    ids = [
        str(t.get("id"))
        for s in data.get("sections", []) or []
        if isinstance(s, dict)
        for t in s.get("tasks", []) or []
        if isinstance(t, dict)
    ]
    return _matching(ids, incomplete)


def tasks_and_agencies(incomplete: str) -> list[str]:
    return tasks(incomplete) + agencies(incomplete)


def periods(incomplete: str) -> list[str]:
    """The plan's periods, by the rule of `calendar.periods` (due within the span, or due the
    next year about a year of it) read from the raw file: a Tab never waits for the models.
    `tests/test_terminal.py` holds the two to the same ids for every shipped plan."""
    data = _data("tasks.yaml") or {}
    span = (data.get("plan", {}) or {}).get("span", {}) or {}
    rules = (data.get("reporting", {}) or {}).get("periods", []) or []
    try:
        start, end = (dt.date.fromisoformat(str(span[k])) for k in ("start", "end"))
        found = [
            (due, f"{y}-{r['key']}")
            for y in range(start.year, end.year + 1)
            for r in rules
            if start <= (due := _due(y, r)) and (due <= end or r.get("due_next_year"))
        ]
    except (KeyError, ValueError, TypeError):
        return []
    return _matching([key for _due, key in sorted(found)], incomplete)


def _due(year: int, rule: dict[str, Any]) -> dt.date:
    """`calendar.Period.due` on the raw rule: its day in the year (or the next), the month's
    last day where the month is shorter."""
    y = year + (1 if rule.get("due_next_year") else 0)
    month = int(rule["due_month"])
    return dt.date(y, month, min(int(rule["due_day"]), monthrange(y, month)[1]))


def states(incomplete: str) -> list[str]:
    """The --state filters in words ('quá hạn', 'sắp đến hạn', …), matched with or without
    marks: 'qua' offers 'quá hạn'."""
    from kh121.states import FILTER_WORDS, STATE_FILTERS
    from kh121.text import fold

    words = [FILTER_WORDS.get(k, (k,))[0].lower() for k in STATE_FILTERS]
    low = fold(incomplete)
    return [w for w in words if fold(w).startswith(low)]
