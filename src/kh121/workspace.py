"""The workspace: every file of a plan read into models, each remembering its place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kh121 import calendar as cal
from kh121 import kinds, paths
from kh121.agencies import AgencyIndex
from kh121.models import (
    AgenciesFile,
    CalendarFile,
    ClerkText,
    PlanFile,
    RemindersFile,
    ReportFile,
    ReportSettings,
    ReviewText,
    Task,
)
from kh121.problems import Problem
from kh121.yamlio import Document


@dataclass(frozen=True)
class LoadedReport:
    doc: Document
    path: Path
    report: ReportFile

    @property
    def received(self) -> bool:
        """Only a received report counts as sent; without `received` it is a draft."""
        return self.report.received is not None


@dataclass(frozen=True)
class LoadedClerk:
    doc: Document
    path: Path
    text: ClerkText


@dataclass(frozen=True)
class LoadedReview:
    """The clerk's own words for a review over years (reports/_so_ket_FROM-TO.yaml)."""

    doc: Document
    path: Path
    text: ReviewText


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
    clerks: tuple[LoadedClerk, ...] = field(default=())
    reviews: tuple[LoadedReview, ...] = field(default=())
    reminders: tuple[RemindersFile, ...] = field(default=())
    # False: the plan read well but the agencies or the calendar did not; such a workspace
    # holds only the plan, for the plan's own checks (no command works on it)
    complete: bool = True
    # The real today (or the tests' --today): a date after it is a typing mistake. None:
    # nobody said, and no date is called a mistake for being in the future.
    today: dt.date | None = None
    reminder_files: tuple[str, ...] = field(default=())  # the reminders' files, in order

    # Derived once and shared by the checks, the status and merge (frozen: never stale).
    @cached_property
    def periods(self) -> dict[str, cal.Period]:
        """Every reporting period of the plan by id, in the order of their due dates."""
        rules = self.plan.reporting.periods
        return {p.id: p for p in cal.periods(rules, self.plan.plan.span)}

    @cached_property
    def work(self) -> cal.WorkCalendar:
        return cal.WorkCalendar.from_file(self.calendar)

    @cached_property
    def tasks(self) -> dict[str, Task]:
        return {t.id: t for t in self.plan.tasks()}

    def period_reports(self, period: str) -> tuple[LoadedReport, ...]:
        return tuple(r for r in self.reports if r.report.period == period)

    def clerk(self, period: str) -> ClerkText | None:
        return next((c.text for c in self.clerks if c.text.period == period), None)

    def review_text(self, first: int, last: int) -> ReviewText | None:
        """The clerk's words for the review of these years, if on file."""
        return next(
            (r.text for r in self.reviews if (r.text.from_year, r.text.to_year) == (first, last)),
            None,
        )


def read_workspace(
    root: Path, targets: Iterable[Path] | None = None
) -> tuple[Workspace | None, list[Problem]]:
    """Read data/ and the reports (all of reports/ unless targets are given).

    None when the plan, the agencies or the calendar cannot be read: nothing can go on.
    """
    problems: list[Problem] = []

    def read(rel: Path, kind: kinds.FileKind, required: bool) -> tuple[Document | None, object]:
        path = root / rel
        if not required and not path.exists() and not path.is_symlink():
            return None, None
        doc, model, more = kinds.read_kind(path, root, kind)
        problems.extend(more)
        return doc, model

    plan_doc, plan = read(paths.TASKS, kinds.TASKS, True)
    agencies_doc, agencies = read(paths.AGENCIES, kinds.AGENCIES, True)
    calendar_doc, calendar = read(paths.CALENDAR, kinds.CALENDAR, False)
    _settings_doc, settings = read(paths.REPORT_SETTINGS, kinds.SETTINGS, False)
    if calendar_doc is None and not (root / paths.CALENDAR).exists():
        calendar = CalendarFile(schema_version=1)
    every = paths.record_files(root)
    files = _read_period_files(root, every if targets is None else targets, problems)
    if not isinstance(plan, PlanFile) or plan_doc is None:
        return None, problems
    if not (
        isinstance(agencies, AgenciesFile)
        and isinstance(calendar, CalendarFile)
        and agencies_doc is not None
    ):
        return _bare(root, plan, plan_doc), problems
    ws = Workspace(
        root=root,
        plan=plan,
        plan_doc=plan_doc,
        agencies=AgencyIndex.build(agencies.agencies),
        agencies_doc=agencies_doc,
        calendar=calendar,
        calendar_doc=calendar_doc,
        reports=tuple(files.reports),
        settings=settings if isinstance(settings, ReportSettings) else None,
        clerks=tuple(files.clerks),
        reviews=tuple(files.reviews),
        reminders=tuple(files.reminders),
        reminder_files=tuple(files.reminder_files),
    )
    return ws, problems


@dataclass
class _PeriodFiles:
    """What reports/ holds, by kind, as read."""

    reports: list[LoadedReport] = field(default_factory=list)
    clerks: list[LoadedClerk] = field(default_factory=list)
    reviews: list[LoadedReview] = field(default_factory=list)
    reminders: list[RemindersFile] = field(default_factory=list)
    reminder_files: list[str] = field(default_factory=list)


def _read_period_files(root: Path, files: Iterable[Path], problems: list[Problem]) -> _PeriodFiles:
    """The agencies' reports, the clerk's texts, the reviews and the reminder records among
    `files`; their problems added to `problems`; any other file passed over."""
    out = _PeriodFiles()
    for path in files:
        kind = kinds.kind_of(path, root)
        if kind not in kinds.RECORD_KINDS:
            continue
        doc, model, more = kinds.read_kind(path, root, kind)
        problems.extend(more)
        if doc is not None and isinstance(model, ReportFile):
            doc.data = None  # the model holds it now; a large workspace should not hold it twice
            out.reports.append(LoadedReport(doc, path, model))
        elif doc is not None and isinstance(model, ClerkText):
            out.clerks.append(LoadedClerk(doc, path, model))
        elif doc is not None and isinstance(model, ReviewText):
            out.reviews.append(LoadedReview(doc, path, model))
        elif doc is not None and isinstance(model, RemindersFile):
            out.reminders.append(model)
            out.reminder_files.append(doc.path)
    return out


def _bare(root: Path, plan: PlanFile, plan_doc: Document) -> Workspace:
    """The plan alone, when the agencies or the calendar cannot be read: only the plan's
    own checks run on it."""
    return Workspace(
        root=root,
        plan=plan,
        plan_doc=plan_doc,
        agencies=AgencyIndex.build(()),
        agencies_doc=plan_doc,  # unused: only the plan's checks run on a bare workspace
        calendar=CalendarFile(schema_version=1),
        calendar_doc=None,
        reports=(),
        complete=False,
    )
