"""A small text table that fits a terminal width; colour only where asked."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

COLOURS = {"red": "31", "yellow": "33", "green": "32", "bold": "1", "dim": "2"}


@dataclass(frozen=True)
class Style:
    colour: bool  # ANSI colours
    fancy: bool  # box-drawing characters
    width: int


def detect_style(stream: TextIO | None = None) -> Style:
    """Colour and rules only on a terminal, and never with NO_COLOR set."""
    out = stream or sys.stdout
    tty = hasattr(out, "isatty") and out.isatty()
    plain = not tty or bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    width = shutil.get_terminal_size((80, 24)).columns if tty else _env_width()
    return Style(colour=not plain, fancy=not plain, width=max(width, 40))


def _env_width() -> int:
    try:
        return int(os.environ.get("COLUMNS", "80"))
    except ValueError:
        return 80


def paint(text: str, colour: str | None, style: Style) -> str:
    if not colour or not style.colour or not text:
        return text
    return f"\x1b[{COLOURS[colour]}m{text}\x1b[0m"


def clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def rule(style: Style, width: int | None = None) -> str:
    return ("─" if style.fancy else "-") * (width or style.width)


def render_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[tuple[str, str | None]]],
    fixed: Sequence[int | None],
    style: Style,
) -> list[str]:
    """Rows of (text, colour) cells; one column of width None takes what is left."""
    gap = 2
    used = sum(w for w in fixed if w) + gap * (len(fixed) - 1)
    flex = max(style.width - used, 12)
    widths = [w if w else flex for w in fixed]
    lines = [_line([(h, None) for h in headers], widths, style, gap, bold=True)]
    lines.append(rule(style, min(style.width, sum(widths) + gap * (len(widths) - 1))))
    lines.extend(_line(r, widths, style, gap) for r in rows)
    return lines


def _line(
    cells: Sequence[tuple[str, str | None]],
    widths: Sequence[int],
    style: Style,
    gap: int,
    bold: bool = False,
) -> str:
    parts = []
    for i, ((text, colour), w) in enumerate(zip(cells, widths, strict=True)):
        cell = clip(text, w)
        padded = cell if i == len(widths) - 1 else cell.ljust(w)
        parts.append(paint(padded, "bold" if bold else colour, style))
    return (" " * gap).join(parts).rstrip()
