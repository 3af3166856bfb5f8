"""Writing plain values as canonical, diff-friendly YAML.

Block style, keys in the order given, Vietnamese written as is (no escapes),
multi-line text as literal blocks, and quotes wherever a YAML 1.1 reader would
read a text as something else (`no`, `2026-05-15`, `010`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

_RESOLVER = Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
# Words a YAML 1.1 reader (PyYAML's yaml.load, many editors) takes for booleans.
YAML11_BOOLS = frozenset({"yes", "no", "on", "off", "y", "n"})
_YAML11_WORDS = YAML11_BOOLS | {"true", "false", "null", "~"}
LONG_TEXT = 100  # longer single-line text is written folded (>-), at most FOLD_WIDTH a line
FOLD_WIDTH = 88
_ESCAPED = set("\ufeff\u2028\u2029\ufffe\uffff")


def dump(data: Mapping[str, Any], header: Sequence[str] = ()) -> str:
    """The whole document, with comment lines first."""
    lines = [f"# {h}" if h else "#" for h in header]
    lines.extend(_mapping(data, 0))
    return "\n".join(lines) + "\n"


def scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _plain_ok(text):
        return text
    return _double_quoted(text)


def _plain_ok(text: str) -> bool:
    if not text or text != text.strip() or "\n" in text or "\r" in text:
        return False
    return not needs_quotes(text)


def needs_quotes(text: str) -> bool:
    """Whether a text must be quoted so that every YAML reader reads it back as that text."""
    if not text or text != text.strip() or "\n" in text or "\r" in text:
        return True
    if text[0] in _INDICATORS or text.lower() in _YAML11_WORDS:
        return True
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return True
    if any(_escape_needed(c) for c in text):
        return True
    return reads_as_other(text)


def reads_as_other(text: str) -> bool:
    """Whether a plain YAML 1.1 reader would take this text for a boolean, number or date."""
    if text.lower() in YAML11_BOOLS:
        return True
    tag = _RESOLVER.resolve(ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return bool(tag != _STR_TAG)


def _escape_needed(c: str) -> bool:
    o = ord(c)
    return o < 0x20 or 0x7F <= o <= 0x9F or c in _ESCAPED or 0xD800 <= o <= 0xDFFF


def block_style(text: str) -> str:
    """'literal' for multi-line text, 'folded' for long text, '' for a plain or quoted one."""
    if is_block_text(text):
        return "literal"
    if (
        len(text) > LONG_TEXT
        and "  " not in text
        and text == text.strip()
        and not any(_escape_needed(c) or c == "\t" for c in text)
    ):
        return "folded"
    return ""


def fold_positions(text: str, width: int = FOLD_WIDTH) -> list[int]:
    """Where to break a folded scalar: at a space, each line at most `width` characters."""
    positions = []
    start = 0
    while len(text) - start > width:
        cut = text.rfind(" ", start + 1, start + width)
        if cut <= start:
            cut = text.find(" ", start + width)
            if cut == -1:
                break
        positions.append(cut)
        start = cut + 1
    return positions


def _double_quoted(text: str) -> str:
    out = []
    for c in text:
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif _escape_needed(c):
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def _folded(value: str, indent: int) -> list[str]:
    pad = " " * indent
    lines, start = [], 0
    for cut in fold_positions(value):
        lines.append(pad + value[start:cut])
        start = cut + 1
    lines.append(pad + value[start:])
    return [">-", *lines]


def _text_block(value: Any, indent: int) -> list[str] | None:
    if not isinstance(value, str):
        return None
    style = block_style(value)
    if style == "literal":
        return _block(value, indent)
    if style == "folded":
        return _folded(value, indent)
    return None


def is_block_text(value: Any) -> bool:
    return (
        isinstance(value, str)
        and "\n" in value.rstrip("\n")
        and not any(ord(c) < 0x20 and c not in "\n" for c in value)
        and all(ln == ln.rstrip() for ln in value.split("\n"))
        and not value.startswith((" ", "\n"))
    )


def _block(value: str, indent: int) -> list[str]:
    chomp = "" if value.endswith("\n") and not value.endswith("\n\n") else "-"
    if value.endswith("\n\n"):
        chomp = "+"
    body = value[:-1] if value.endswith("\n") and chomp == "" else value
    if chomp == "+":
        body = value.rstrip("\n")
    pad = " " * indent
    lines = [f"{pad}{ln}" if ln else "" for ln in body.split("\n")]
    if chomp == "+":
        lines.extend([""] * (len(value) - len(value.rstrip("\n")) - 1))
    return [f"|{chomp}", *lines]


def _mapping(data: Mapping[str, Any], indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for key, value in data.items():
        k = scalar(key) if not _plain_ok(str(key)) else str(key)
        if isinstance(value, Mapping):
            if value:
                lines.append(f"{pad}{k}:")
                lines.extend(_mapping(value, indent + 2))
            else:
                lines.append(f"{pad}{k}: {{}}")
        elif isinstance(value, list | tuple):
            if value:
                lines.append(f"{pad}{k}:")
                lines.extend(_sequence(value, indent + 2))
            else:
                lines.append(f"{pad}{k}: []")
        elif (block := _text_block(value, indent + 2)) is not None:
            head, *rest = block
            lines.append(f"{pad}{k}: {head}")
            lines.extend(rest)
        else:
            text = scalar(value)
            lines.append(f"{pad}{k}: {text}" if text else f"{pad}{k}:")
    return lines


def _sequence(items: Sequence[Any], indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for item in items:
        if isinstance(item, Mapping) and item:
            inner = _mapping(item, indent + 2)
            lines.append(f"{pad}- {inner[0].lstrip()}")
            lines.extend(inner[1:])
        elif isinstance(item, list | tuple) and item:
            inner = _sequence(item, indent + 2)
            lines.append(f"{pad}- {inner[0].lstrip()}")
            lines.extend(inner[1:])
        elif (block := _text_block(item, indent + 2)) is not None:
            head, *rest = block
            lines.append(f"{pad}- {head}")
            lines.extend(rest)
        else:
            lines.append(f"{pad}- {scalar(item)}".rstrip())
    return lines
