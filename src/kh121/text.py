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


# Whatever a YAML reader or a terminal takes for the end of a line, besides the unsafe ones.
_BREAKS = re.compile(f"[{_UNSAFE_BODY}\x85\t\n\r\u2028\u2029]")


def one_line(text: str) -> str:
    """Text from outside (a file name, a form's cell, a command's argument) made safe to
    write on one line of a YAML comment or a message: every line break (\\n, U+0085,
    U+2028, U+2029), tab, control and direction character shown as an escape."""
    return _BREAKS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def quoted(text: str, limit: int = 80) -> str:
    """A value from outside as a message quotes it: on one line, escaped, and cut short (a
    cell of a hostile form may hold megabytes)."""
    shown = one_line(text)
    return "'" + (shown if len(shown) <= limit else shown[: limit - 1] + "…") + "'"


def fold(text: str) -> str:
    """Lower case without Vietnamese marks, spaces or '&', for searching: 'Sở Y tế' ->
    'soyte', 'Sở KH&CN' -> 'sokhcn' (so that 'KHCN' finds it)."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c) and c != "&")
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
