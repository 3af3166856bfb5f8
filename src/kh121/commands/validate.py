"""kh121 validate: every problem in the data and the reports, with its place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kh121 import paths
from kh121.checks import run_checks
from kh121.errors import EXIT_FAIL, EXIT_OK, KnownError
from kh121.presenters.problems import print_problems
from kh121.problems import Problem, has_errors
from kh121.workspace import WorkspaceError, load_workspace

_DATA_NAMES = {
    paths.TASKS.name,
    paths.AGENCIES.name,
    paths.CALENDAR.name,
    paths.REPORT_SETTINGS.name,
}


def collect(root: Path, targets: list[Path], as_of: dt.date) -> list[Problem]:
    """Problems of the workspace, with the reports limited to the targets if given."""
    reports: list[Path] | None = None
    if targets:
        reports = []
        for target in targets:
            if not target.exists():
                raise KnownError(f"không có tệp hay thư mục '{target}'", f"no such path '{target}'")
            files = sorted(target.rglob("*.yaml")) if target.is_dir() else [target]
            reports.extend(
                f for f in files if f.name not in _DATA_NAMES and not f.name.startswith("_")
            )
    try:
        ws, problems = load_workspace(root, reports)
    except WorkspaceError as exc:
        return exc.problems
    return problems + run_checks(ws, as_of)


def run(root: Path, targets: list[Path], as_of: dt.date, lang: str, as_json: bool) -> int:
    problems = collect(root, targets, as_of)
    print_problems(problems, lang, as_json)
    return EXIT_FAIL if has_errors(problems) else EXIT_OK
