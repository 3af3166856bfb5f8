"""A small text table that fits a terminal width: cells wrap at spaces; colour where asked."""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
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


def wrap(text: str, width: int, max_lines: int | None = None) -> list[str]:
    """Lines of at most `width`, broken at spaces (a word longer than a line is split)."""
    lines = textwrap.wrap(" ".join(text.split()), max(width, 1), break_on_hyphens=False) or [""]
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and len(last) + 2 > width and " " in last:
            last = last.rsplit(" ", 1)[0]
        lines[-1] = (last + " …") if len(last) + 2 <= width else last[: width - 1] + "…"
    return lines


def fill(text: str, width: int, indent: str = "", subsequent: str = "  ") -> str:
    return textwrap.fill(
        " ".join(text.split()),
        width,
        initial_indent=indent,
        subsequent_indent=subsequent,
        break_on_hyphens=False,
    )


def rule(style: Style, width: int | None = None) -> str:
    return ("─" if style.fancy else "-") * (width or style.width)


@dataclass(frozen=True)
class Cell:
    text: str
    colour: str | None = None
    max_lines: int | None = None


def render_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[int | None],
    style: Style,
) -> list[str]:
    """Rows of cells; columns of width None share what the terminal has left."""
    gap = 2
    used = sum(w for w in widths if w) + gap * (len(widths) - 1)
    flexible = [i for i, w in enumerate(widths) if not w]
    share = max((style.width - used) // max(len(flexible), 1), 12)
    cols = [w if w else share for w in widths]
    lines = _line([Cell(h) for h in headers], cols, style, gap, bold=True)
    lines.append(rule(style, min(style.width, sum(cols) + gap * (len(cols) - 1))))
    for row in rows:
        lines.extend(_line(row, cols, style, gap))
    return lines


def _line(
    cells: Sequence[Cell], widths: Sequence[int], style: Style, gap: int, bold: bool = False
) -> list[str]:
    wrapped = [wrap(c.text, w, c.max_lines) for c, w in zip(cells, widths, strict=True)]
    height = max(len(w) for w in wrapped)
    out = []
    for n in range(height):
        parts = []
        for i, (cell, lines, w) in enumerate(zip(cells, wrapped, widths, strict=True)):
            text = lines[n] if n < len(lines) else ""
            padded = text if i == len(widths) - 1 else text.ljust(w)
            parts.append(paint(padded, "bold" if bold else cell.colour, style))
        out.append((" " * gap).join(parts).rstrip())
    return out
