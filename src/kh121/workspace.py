"""The one load step every command shares: files -> models + problems."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from kh121 import paths
from kh121.agencies import AgencyIndex
from kh121.models import AgenciesFile, CalendarFile, PlanFile, ReportFile, ReportSettings
from kh121.problems import Problem, has_errors
from kh121.validation import validate_document
from kh121.yamlio import MAX_DATA_BYTES, Document, read_yaml

M = TypeVar("M", PlanFile, AgenciesFile, CalendarFile, ReportSettings)


@dataclass(frozen=True)
class LoadedReport:
    doc: Document
    path: Path
    report: ReportFile


@dataclass(frozen=True)
class Workspace:
    root: Path
    plan: PlanFile
    plan_doc: Document
    agencies: AgencyIndex
    agencies_doc: Document
    calendar: CalendarFile
    calendar_doc: Document | None
    reports: tuple[LoadedReport, ...]
    settings: ReportSettings | None = None


class WorkspaceError(Exception):
    """The plan or the agencies cannot be read: nothing else can go on."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def report_files(root: Path, period: str | None = None) -> list[Path]:
    """Agencies' report files under reports/ (the tool's own `_` files excluded)."""
    base = root / paths.REPORTS
    pattern = f"{period}/*.yaml" if period else "*/*.yaml"
    return sorted(p for p in base.glob(pattern) if not p.name.startswith("_") and p.is_file())


def load_report(path: Path, root: Path) -> tuple[LoadedReport | None, list[Problem]]:
    doc, problems = read_yaml(path, paths.shown(path, root))
    if doc is None:
        return None, problems
    model, more = validate_document(doc, ReportFile)
    problems.extend(more)
    if model is None:
        return None, problems
    doc.data = None  # the model holds it now; a large workspace should not hold it twice
    return LoadedReport(doc, path, model), problems


def load_workspace(
    root: Path, reports: Iterable[Path] | None = None
) -> tuple[Workspace, list[Problem]]:
    """Read data/ and the reports (all under reports/ unless given).

    Raises WorkspaceError when the plan or the agencies have errors, with every
    problem found so far; an invalid report is left out and its problems kept.
    """
    problems: list[Problem] = []
    plan_doc, plan = _load(root / paths.TASKS, root, PlanFile, problems)
    agencies_doc, agencies = _load(root / paths.AGENCIES, root, AgenciesFile, problems)
    calendar: CalendarFile | None = CalendarFile(schema_version=1)
    calendar_doc = None
    if (root / paths.CALENDAR).exists():
        calendar_doc, calendar = _load(root / paths.CALENDAR, root, CalendarFile, problems)
    settings = None
    if (root / paths.REPORT_SETTINGS).exists():
        settings = _load(root / paths.REPORT_SETTINGS, root, ReportSettings, problems)[1]
    if plan is None or agencies is None or calendar is None or has_errors(problems):
        raise WorkspaceError(problems)
    assert plan_doc is not None and agencies_doc is not None
    loaded: list[LoadedReport] = []
    for path in report_files(root) if reports is None else reports:
        report, more = load_report(path, root)
        problems.extend(more)
        if report is not None:
            loaded.append(report)
    ws = Workspace(
        root=root,
        plan=plan,
        plan_doc=plan_doc,
        agencies=AgencyIndex.build(agencies.agencies),
        agencies_doc=agencies_doc,
        calendar=calendar,
        calendar_doc=calendar_doc,
        reports=tuple(loaded),
        settings=settings,
    )
    return ws, problems


def _load(
    path: Path, root: Path, model: type[M], problems: list[Problem]
) -> tuple[Document | None, M | None]:
    doc, more = read_yaml(path, paths.shown(path, root), MAX_DATA_BYTES)
    problems.extend(more)
    if doc is None:
        return None, None
    value, more = validate_document(doc, model)
    problems.extend(more)
    return doc, value


def report_day(report: ReportFile) -> dt.date | None:
    """The day a report counts from: when it was received, else its own date."""
    return report.received or report.date
