"""Text that is safe to print: no control sequence reaches a terminal."""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, bidirectional overrides and isolates, and non-characters.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)


def safe(text: str) -> str:
    """The text with every control or direction character shown as an escape (\\x1b)."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
