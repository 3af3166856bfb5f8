"""The one load step every command shares: read, validate, check across files.

As beancount's loader: whoever calls gets the same workspace and the same problems.
An error blocks every command that reports on the data; warnings never do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from kh121.checks import run_checks
from kh121.errors import DataError
from kh121.problems import Problem, Severity, has_errors
from kh121.workspace import Workspace, read_workspace


def load(
    root: Path, as_of: dt.date, targets: Iterable[Path] | None = None
) -> tuple[Workspace | None, list[Problem]]:
    """The workspace and every problem of it: reading, schema, and across files."""
    ws, problems = read_workspace(root, targets)
    if ws is None:
        return None, problems + _plan_checks(root, problems, as_of)
    return ws, problems + run_checks(ws, as_of)


def _plan_checks(root: Path, problems: list[Problem], as_of: dt.date) -> list[Problem]:
    """The plan's own checks, when the plan reads well but another data file does not."""
    from kh121 import kinds, paths
    from kh121.agencies import AgencyIndex
    from kh121.checks import PLAN_CHECKS
    from kh121.models import CalendarFile, PlanFile

    shown = paths.TASKS.as_posix()
    if any(p.file == shown and p.severity is Severity.ERROR for p in problems):
        return []
    doc, plan, _more = kinds.read_kind(root / paths.TASKS, root, kinds.TASKS)
    if doc is None or not isinstance(plan, PlanFile):
        return []
    bare = Workspace(
        root=root,
        plan=plan,
        plan_doc=doc,
        agencies=AgencyIndex.build(()),
        agencies_doc=doc,
        calendar=CalendarFile(schema_version=1),
        calendar_doc=None,
        reports=(),
    )
    return [p for check in PLAN_CHECKS for p in check(bare, as_of)]


def load_clean(root: Path, as_of: dt.date) -> tuple[Workspace, list[Problem]]:
    """The workspace, or DataError with every problem when anything in it is an error."""
    ws, problems = load(root, as_of)
    if ws is None or has_errors(problems):
        raise DataError(problems, root)
    return ws, [p for p in problems if p.severity is Severity.WARNING]
