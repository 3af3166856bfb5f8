"""The one load step every command shares: read, validate, check across files.

As beancount's loader: whoever calls gets the same workspace and the same problems.
An error blocks every command that reports on the data; warnings never do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from kh121.checks import PLAN_CHECKS, run_checks
from kh121.errors import DataError
from kh121.problems import Problem, Severity, has_errors
from kh121.workspace import Workspace, read_workspace


def load(
    root: Path, as_of: dt.date, targets: Iterable[Path] | None = None
) -> tuple[Workspace | None, list[Problem]]:
    """The workspace and every problem of it: reading, schema, and across files. When the
    plan reads well but the agencies or the calendar do not, the plan's own checks still
    run (one broken file never hides the plan's problems) and no workspace is returned."""
    ws, problems = read_workspace(root, targets)
    if ws is None:
        return None, problems
    if not ws.complete:
        return None, problems + [p for check in PLAN_CHECKS for p in check(ws, as_of)]
    return ws, problems + run_checks(ws, as_of)


def load_clean(root: Path, as_of: dt.date) -> tuple[Workspace, list[Problem]]:
    """The workspace, or DataError with every problem when anything in it is an error."""
    ws, problems = load(root, as_of)
    if ws is None or has_errors(problems):
        raise DataError(problems, root)
    return ws, [p for p in problems if p.severity is Severity.WARNING]
