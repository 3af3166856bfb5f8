"""Problems are values: a place, a stable code, a severity and message arguments."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from kh121.messages import render_message


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Problem(NamedTuple):
    """One thing wrong with the input, at a place."""

    file: str
    line: int
    col: int
    code: str
    severity: Severity
    args: Mapping[str, Any]

    def message(self, lang: str = "vi") -> str:
        return render_message(self.code, self.args, lang)

    def severity_word(self, lang: str = "vi") -> str:
        """'lỗi' / 'cảnh báo' in Vietnamese, 'error' / 'warning' in English."""
        if lang == "en":
            return str(self.severity)
        return "lỗi" if self.severity is Severity.ERROR else "cảnh báo"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.col, self.code)

    def format(self, lang: str = "vi", file: str | None = None) -> str:
        """One line, whatever a file name or a quoted value holds (a newline, an escape
        sequence): shown escaped, so that no line can pass for another. `file` shows the
        path otherwise (relative to where the reader stands)."""
        from kh121.text import safe

        place = f"{file or self.file}:{self.line}:{self.col}"
        line = f"{place}: {self.severity_word(lang)}[{self.code}]: {self.message(lang)}"
        return safe(line.replace("\n", "\\n").replace("\t", "\\t"))

    def as_json(self, lang: str = "vi") -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message(lang),
        }


def error(file: str, line: int, col: int, code: str, /, **args: Any) -> Problem:
    return Problem(file, line, col, code, Severity.ERROR, args)


def warning(file: str, line: int, col: int, code: str, /, **args: Any) -> Problem:
    return Problem(file, line, col, code, Severity.WARNING, args)


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sorted and without exact repeats, so that output is stable."""
    unique = {(p.sort_key(), p.message("en")): p for p in problems}
    return [unique[k] for k in sorted(unique)]


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


def summary_line(problems: list[Problem], lang: str = "vi") -> str:
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    key = "summary.problems" if problems else "summary.clean"
    plural = {"es": "" if errors == 1 else "s", "ws": "" if warnings == 1 else "s"}
    return render_message(key, {"errors": errors, "warnings": warnings, **plural}, lang)


def write_problems(
    problems: Iterable[Problem], lang: str, stream: TextIO, root: Path | None = None
) -> None:
    """Every problem on its line, sorted, then the count: what `validate` prints; with the
    root, paths relative to the folder the reader stands in."""
    ordered = sorted_problems(problems)
    width = screen_width(stream)
    for p in ordered:
        shown = for_reader(p.file, root) if root is not None else None
        stream.write(wrapped(p.format(lang, shown), width) + "\n")
    stream.write(summary_line(ordered, lang) + "\n")


def screen_width(stream: TextIO) -> int | None:
    """The width to wrap human text at: the terminal's, or COLUMNS when set; None (no
    wrapping, one problem a line for grep) when the output is piped and COLUMNS unset."""
    import shutil

    if hasattr(stream, "isatty") and stream.isatty():
        return max(shutil.get_terminal_size((80, 24)).columns, 40)
    try:
        return max(int(os.environ["COLUMNS"]), 40)
    except (KeyError, ValueError):
        return None


def wrap_text(text: str, width: int | None, indent: str = "    ") -> str:
    """A message broken at spaces to `width`, line by line, each under a hanging indent
    (an indented line keeps its indent, and its rest goes a little further in)."""
    import textwrap

    if width is None:
        return text
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        lead = line[: len(line) - len(line.lstrip(" "))]
        out.extend(
            textwrap.wrap(
                line,
                width,
                subsequent_indent=lead + indent if lead else indent,
                break_on_hyphens=False,
                break_long_words=False,
            )
        )
    return "\n".join(out)


def wrapped(line: str, width: int | None, indent: str = "    ") -> str:
    """A problem line broken at spaces to `width`, the rest under a hanging indent; its head
    (`path:line:col: cảnh báo[W056]:`) is never broken, so the first line stays readable by
    an editor."""
    import textwrap

    if width is None or len(line) <= width:
        return line
    head, sep, rest = line.partition("]: ")
    if not sep:
        head, rest = "", line
    glued = head.replace(" ", "\x00") + sep.rstrip() if sep else ""
    text = f"{glued} {rest}" if glued else rest
    lines = textwrap.wrap(
        text, width, subsequent_indent=indent, break_on_hyphens=False, break_long_words=False
    )
    return "\n".join(lines).replace("\x00", " ")


def for_reader(rel: str, root: Path) -> str:
    """A root-relative path as the person at the terminal can open it: relative to the
    folder they stand in when that folder is inside the workspace (a clerk in
    reports/2026-H2/ reads 'SYT.yaml' and '../../data/tasks.yaml'); else as it is."""
    try:
        here = Path.cwd().resolve()
        base = root.resolve()
    except OSError:
        return rel
    if here == base or base not in here.parents:
        return rel
    return os.path.relpath(base / rel, here)
