"""Text that is safe to print: no control sequence reaches a terminal."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# The characters no text of a plan or a report may hold, and no output may carry raw: C0
# controls but tab, line feed and carriage return; DEL and the C1 controls but U+0085 (a YAML
# line break, listed apart); direction marks, overrides and isolates (a line would read
# otherwise than it is written); non-characters and lone surrogates (Word refuses them).
_UNSAFE_BODY = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u061c\u200e\u200f\u202a-\u202e"
    "\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"
)
UNSAFE_RAW = re.compile(f"[{_UNSAFE_BODY}]")  # in a file's raw text (NEL breaks a line)
UNSAFE = re.compile(f"[{_UNSAFE_BODY}\x85]")  # in a value, however it was written
_SHOWN_ESCAPED = re.compile(f"[{_UNSAFE_BODY}\x85\r]")


def safe(text: str) -> str:
    """The text with every control or direction character shown as an escape (\\u001b)."""
    return _SHOWN_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


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
