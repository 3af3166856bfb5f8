"""The one load step every command shares: read, validate, check across files.

As beancount's loader: whoever calls gets the same workspace and the same problems, from
the one list of checks (`checks.CHECKS`). Two ways to use it:
- `load_clean` for what is signed or written (merge, render, remind --record, import):
  any error anywhere refuses;
- `load_viewable` for what is only looked at (status, overdue, show, page): the files of
  reports/ that have errors are left out, the rest is shown, and the view names each file
  left out. An error in data/ still refuses: without the plan there is nothing to show.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from kh121 import paths
from kh121.checks import PLAN_CHECKS, run_checks
from kh121.errors import DataError
from kh121.problems import Problem, Severity, has_errors
from kh121.views import Excluded
from kh121.workspace import Workspace, read_workspace


def load(
    root: Path,
    as_of: dt.date,
    targets: Iterable[Path] | None = None,
    today: dt.date | None = None,
) -> tuple[Workspace | None, list[Problem]]:
    """The workspace and every problem of it: reading, schema, and across files. When the
    plan reads well but the agencies or the calendar do not, the plan's own checks still
    run (one broken file never hides the plan's problems) and no workspace is returned.
    `today`: the real today (`clock.today()`, which the commands pass), after which no date
    in a report may fall (E037); None where none is known, and that check is not made."""
    ws, problems = read_workspace(root, targets)
    if ws is None:
        return None, problems
    if not ws.complete:
        return None, problems + [p for check in PLAN_CHECKS for p in check(ws, as_of)]
    ws = dataclasses.replace(ws, today=today)
    return ws, problems + run_checks(ws, as_of)


def load_clean(
    root: Path, as_of: dt.date, today: dt.date | None = None
) -> tuple[Workspace, list[Problem]]:
    """The workspace, or DataError with every problem when anything in it is an error."""
    ws, problems = load(root, as_of, today=today)
    if ws is None or has_errors(problems):
        raise DataError(problems, root)
    return ws, [p for p in problems if p.severity is Severity.WARNING]


def _in_reports(file: str) -> bool:
    return file.startswith(paths.REPORTS.as_posix() + "/")


def _without(ws: Workspace, files: set[str]) -> Workspace:
    kept = [(m, f) for m, f in zip(ws.reminders, ws.reminder_files, strict=True) if f not in files]
    return dataclasses.replace(
        ws,
        reports=tuple(r for r in ws.reports if r.doc.path not in files),
        clerks=tuple(c for c in ws.clerks if c.doc.path not in files),
        reviews=tuple(r for r in ws.reviews if r.doc.path not in files),
        reminders=tuple(m for m, _ in kept),
        reminder_files=tuple(f for _, f in kept),
    )


def _excluded(problems: list[Problem], files: set[str]) -> tuple[Excluded, ...]:
    out = []
    for file in sorted(files):
        mine = sorted(
            (p for p in problems if p.file == file and p.severity is Severity.ERROR),
            key=Problem.sort_key,
        )
        out.append(Excluded(mine[0], len(mine)))
    return tuple(out)


def load_viewable(
    root: Path, as_of: dt.date, today: dt.date | None = None
) -> tuple[Workspace, list[Problem], tuple[Excluded, ...]]:
    """The workspace without the files of reports/ in error, every problem found (those of
    the excluded files included), and the files left out with their first error. DataError
    when a file outside reports/ has an error."""
    ws, problems = load(root, as_of, today=today)
    outside = [p for p in problems if p.severity is Severity.ERROR and not _in_reports(p.file)]
    if ws is None or outside:
        raise DataError(problems, root)
    bad = {p.file for p in problems if p.severity is Severity.ERROR}
    seen = list(problems)
    while bad:
        # Without a file, a check across files may find a new error (rarely): leave that
        # file out too, until what is left is clean.
        ws = _without(ws, bad)
        more = run_checks(ws, as_of)
        new = {p.file for p in more if p.severity is Severity.ERROR} - bad
        seen += [p for p in more if p.file in new]
        if not new:
            break
        bad |= new
    warnings = [p for p in seen if p.severity is Severity.WARNING and p.file not in bad]
    return ws, warnings, _excluded(seen, bad)


def plan_only(root: Path, as_of: dt.date) -> Workspace:
    """The plan, agencies and calendar, no report read: a broken report of one agency never
    stops writing another's file."""
    ws, problems = load(root, as_of, targets=[])
    if ws is None or has_errors(problems):
        raise DataError(problems)
    return ws
