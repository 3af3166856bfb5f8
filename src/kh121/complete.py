"""Shell completion from the data in hand: agency codes, task ids, periods.

Called by the shell at every Tab, so it reads the two data files with PyYAML's C loader
and nothing else (no models, no checks), from the workspace found as the commands find it.
Anything that goes wrong completes nothing.
"""

from __future__ import annotations

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
    data = _data("tasks.yaml") or {}
    plan = data.get("plan", {}) or {}
    span = plan.get("span", {}) or {}
    rules = (data.get("reporting", {}) or {}).get("periods", []) or []
    try:
        first, last = int(str(span["start"])[:4]), int(str(span["end"])[:4])
    except (KeyError, ValueError):
        return []
    keys = [str(r.get("key")) for r in rules if isinstance(r, dict)]
    return _matching([f"{y}-{k}" for y in range(first, last + 1) for k in keys], incomplete)


def states(incomplete: str) -> list[str]:
    """The --state filters in words ('quá hạn', 'sắp đến hạn', …), matched with or without
    marks: 'qua' offers 'quá hạn'."""
    from kh121.states import FILTER_WORDS, STATE_FILTERS
    from kh121.text import fold

    words = [FILTER_WORDS.get(k, (k,))[0].lower() for k in STATE_FILTERS]
    low = fold(incomplete)
    return [w for w in words if fold(w).startswith(low)]
