"""The registry of file kinds: where each kind lives, its model, its size limit.

Every command that reads a file asks here what the file is and reads it through
`read_kind`, so the rules for a kind exist once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from kh121 import paths
from kh121.models import (
    AgenciesFile,
    CalendarFile,
    ClerkText,
    MergedFile,
    PlanFile,
    Record,
    RemindersFile,
    ReportFile,
    ReportSettings,
    ReviewText,
)
from kh121.problems import Problem
from kh121.validation import validate_document
from kh121.yamlio import MAX_BYTES, MAX_DATA_BYTES, Document, parse_yaml, read_yaml


@dataclass(frozen=True)
class FileKind:
    name: str  # also the JSON Schema's name: schemas/<name>.schema.json
    model: type[Record]
    max_bytes: int
    written_by_people: bool  # fmt formats it; the tool's own output it leaves alone
    by_keys: Callable[[dict[str, Any]], bool]  # recognised from its content (git's copies)


TASKS = FileKind("tasks", PlanFile, MAX_DATA_BYTES, True, lambda d: "sections" in d)
AGENCIES = FileKind("agencies", AgenciesFile, MAX_DATA_BYTES, True, lambda d: "agencies" in d)
CALENDAR = FileKind("calendar", CalendarFile, MAX_DATA_BYTES, True, lambda d: "holidays" in d)
SETTINGS = FileKind(
    "report-settings", ReportSettings, MAX_DATA_BYTES, True, lambda d: "letterhead" in d
)
REPORT = FileKind("report", ReportFile, MAX_BYTES, True, lambda d: "agency" in d and "period" in d)
CLERK = FileKind(
    "clerk", ClerkText, MAX_BYTES, True, lambda d: "achievements" in d or "next_tasks" in d
)
# The consolidation holds every agency's text of a period: its limit is theirs together.
MERGED = FileKind("merged", MergedFile, MAX_DATA_BYTES, False, lambda d: "sources" in d)

# The reminders sent: written by `remind --record` only, appended, never rewritten.
REMINDERS = FileKind("reminders", RemindersFile, MAX_BYTES, False, lambda d: "reminders" in d)

# The clerk's own text for a review over years (reports/_so_ket_FROM-TO.yaml).
REVIEW = FileKind("review", ReviewText, MAX_BYTES, True, lambda d: "from_year" in d)
# The record's own files in reports/, read with the workspace (the consolidation is not:
# it is computed from them).
RECORD_KINDS = (REPORT, CLERK, REMINDERS, REVIEW)

KINDS: tuple[FileKind, ...] = (
    TASKS,
    AGENCIES,
    CALENDAR,
    SETTINGS,
    REPORT,
    REVIEW,
    CLERK,
    MERGED,
    REMINDERS,
)
DATA_FILES: dict[PurePosixPath, FileKind] = {
    PurePosixPath(paths.TASKS.as_posix()): TASKS,
    PurePosixPath(paths.AGENCIES.as_posix()): AGENCIES,
    PurePosixPath(paths.CALENDAR.as_posix()): CALENDAR,
    PurePosixPath(paths.REPORT_SETTINGS.as_posix()): SETTINGS,
}


def kind_of(path: Path, root: Path) -> FileKind | None:
    """The kind of a file by where it is; None for a file kh121 does not read."""
    if path.suffix != ".yaml":
        return None
    try:
        rel = PurePosixPath(path.absolute().relative_to(root.absolute()).as_posix())
    except ValueError:
        rel = None
    if rel is not None and rel in DATA_FILES:
        return DATA_FILES[rel]
    if rel is not None and rel.parts[0] == "data":
        return None
    # A report may be validated from anywhere; inside the root it sits in reports/PERIOD/.
    if path.name == paths.MERGED_NAME:
        return MERGED
    if path.name == paths.CLERK_NAME:
        return CLERK
    if path.name == paths.REMINDERS_NAME:
        return REMINDERS
    if path.name.startswith(paths.REVIEW_PREFIX):
        return REVIEW
    return REPORT if paths.is_agency_report(path.name) else None


def kind_by_keys(data: Any) -> FileKind | None:
    """The kind of a file by its keys (git's textconv sees only a temporary copy)."""
    if not isinstance(data, dict):
        return None
    return next((k for k in KINDS if k.by_keys(data)), None)


def read_kind(
    path: Path, root: Path, kind: FileKind
) -> tuple[Document | None, Record | None, list[Problem]]:
    """Read and validate one file of a kind; every problem found, with its place."""
    doc, problems = read_yaml(
        path, paths.shown(path, root), kind.max_bytes, keep_nodes=kind in DATA_FILES.values()
    )
    return _validated(doc, problems, kind)


def parse_kind(
    raw: bytes, shown: str, kind: FileKind
) -> tuple[Document | None, Record | None, list[Problem]]:
    doc, problems = parse_yaml(raw, shown, kind.max_bytes)
    return _validated(doc, problems, kind)


def _validated(
    doc: Document | None, problems: list[Problem], kind: FileKind
) -> tuple[Document | None, Record | None, list[Problem]]:
    if doc is None:
        return None, None, problems
    model, more = validate_document(doc, kind.model)
    return doc, model, [*problems, *more]
