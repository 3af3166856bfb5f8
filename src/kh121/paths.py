"""Where the files are: the workspace root and the layout below it."""

from __future__ import annotations

import os
from pathlib import Path

from kh121.errors import KnownError
from kh121.text import safe

TASKS = Path("data/tasks.yaml")
AGENCIES = Path("data/agencies.yaml")
CALENDAR = Path("data/calendar.yaml")
REPORT_SETTINGS = Path("data/report.yaml")
REPORTS = Path("reports")
# Agency codes start with a capital letter, so files the tool itself writes into
# a period's folder start with an underscore and can never collide with them.
MERGED_NAME = "_tong_hop.yaml"
CLERK_NAME = "_danh_gia.yaml"  # the consolidating agency's own assessment
REMINDERS_NAME = "_don_doc.yaml"  # the reminder letters sent for the period
# The review of years FROM..TO (sơ kết, tổng kết): reports/_so_ket_FROM-TO.yaml, beside the
# periods' folders (never one of them), written by the clerk from `review --scaffold`.
REVIEW_PREFIX = "_so_ket_"


def merged_file(root: Path, period: str) -> Path:
    """reports/PERIOD/_tong_hop.yaml: the period's consolidation, as `merge` writes it."""
    return root / REPORTS / period / MERGED_NAME


def report_file(root: Path, period: str, agency: str) -> Path:
    """reports/PERIOD/AGENCY.yaml: where an agency's report for a period is written."""
    return root / REPORTS / period / f"{agency}.yaml"


def review_name(first: int, last: int) -> str:
    """_so_ket_2023-2025.yaml: a review's own file, named by the years it holds."""
    return f"{REVIEW_PREFIX}{first}-{last}.yaml"


def review_file(root: Path, first: int, last: int) -> Path:
    return root / REPORTS / review_name(first, last)


def review_files(root: Path) -> list[Path]:
    """Every review's own file under reports/."""
    base = root / REPORTS
    return sorted(base.glob(f"{REVIEW_PREFIX}*.yaml")) if base.is_dir() else []


def is_agency_report(name: str) -> bool:
    """Whether a file in a period's folder is an agency's report: the consolidating
    agency's own files (the consolidation, its assessment, the reminder record) start
    with '_'."""
    return not name.startswith("_")


def record_files(root: Path) -> list[Path]:
    """Every file of the record a workspace reads besides data/: the period files and the
    reviews' own (what the view is computed from, and so what its cache is keyed on)."""
    return [*period_files(root), *review_files(root)]


class RootNotFoundError(KnownError):
    """No folder holding data/tasks.yaml was found."""

    def __init__(self, where: str) -> None:
        shown = safe(where)
        super().__init__(
            f"không tìm thấy data/tasks.yaml trong '{shown}' hay thư mục cha nào;"
            " dùng --root THƯ_MỤC hoặc biến KH121_ROOT",
            f"no data/tasks.yaml in '{shown}' or any parent folder; use --root DIR or KH121_ROOT",
        )


def find_root(explicit: Path | None, start: Path | None = None) -> Path:
    """--root, else KH121_ROOT, else the nearest folder upwards holding data/tasks.yaml."""
    if explicit is None and os.environ.get("KH121_ROOT"):
        explicit = Path(os.environ["KH121_ROOT"])
    if explicit is not None:
        if not (explicit / TASKS).is_file():
            raise RootNotFoundError(str(explicit))
        return explicit
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / TASKS).is_file():
            return folder
    raise RootNotFoundError(str(here))


def shown(path: Path, root: Path) -> str:
    """A path as the user should see it: relative to the root when it is inside, escaped."""
    try:
        text = path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, RuntimeError, OSError):  # outside the root, or a symlink loop
        text = path.as_posix()
    return safe(text.replace("\n", "\\n"))


def period_files(root: Path, period: str | None = None) -> list[Path]:
    """Files under reports/PERIOD/ (every period if None), the consolidations excluded.

    A missing reports/ is an empty one: git keeps no empty folder.
    """
    base = root / REPORTS
    if not base.exists() and not base.is_symlink():
        return []
    if not base.is_dir():
        # a file (or a broken link) where the reports' folder belongs: said, never ignored
        raise NotADirectoryError(20, "Not a directory", str(base))
    pattern = f"{period}/*.yaml" if period else "*/*.yaml"
    return sorted(p for p in base.glob(pattern) if p.name != MERGED_NAME)
