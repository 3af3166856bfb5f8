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

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.col, self.code)

    def format(self, lang: str = "vi", file: str | None = None) -> str:
        """One line, whatever a file name or a quoted value holds (a newline, an escape
        sequence): shown escaped, so that no line can pass for another. `file` shows the
        path otherwise (relative to where the reader stands)."""
        from kh121.text import safe

        place = f"{file or self.file}:{self.line}:{self.col}"
        line = f"{place}: {self.severity}[{self.code}]: {self.message(lang)}"
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
    for p in ordered:
        shown = for_reader(p.file, root) if root is not None else None
        stream.write(p.format(lang, shown) + "\n")
    stream.write(summary_line(ordered, lang) + "\n")


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
