"""Text that is safe to print: no control sequence reaches a terminal."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# C0 and C1 controls, DEL, bidirectional overrides and isolates, and non-characters.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)


def safe(text: str) -> str:
    """The text with every control or direction character shown as an escape (\\x1b)."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def fold(text: str) -> str:
    """Lower case without Vietnamese marks or spaces, for searching: 'Sở Y tế' -> 'soyte'."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(bare.lower().split())


def search(query: str, names: Iterable[tuple[str, Iterable[str]]]) -> list[str]:
    """Codes whose code equals the query, else whose names contain it (marks, case and
    spaces ignored): the one rule every agency look-up uses."""
    entries = list(names)
    q = query.strip()
    if any(code == q.upper() for code, _ in entries):
        return [q.upper()]
    needle = fold(q)
    if not needle:
        return []
    return [code for code, known in entries if any(needle in fold(n) for n in known)]
