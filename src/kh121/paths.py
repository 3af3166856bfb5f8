"""Where the files are: the workspace root and the layout below it."""

from __future__ import annotations

import os
from pathlib import Path

TASKS = Path("data/tasks.yaml")
AGENCIES = Path("data/agencies.yaml")
CALENDAR = Path("data/calendar.yaml")
REPORT_SETTINGS = Path("data/report.yaml")
REPORTS = Path("reports")
# Agency codes start with a capital letter, so files the tool itself writes into
# a period's folder start with an underscore and can never collide with them.
MERGED_NAME = "_tong_hop.yaml"
CLERK_NAME = "_danh_gia.yaml"  # the consolidating agency's own assessment


class RootNotFoundError(Exception):
    """No folder holding data/tasks.yaml was found."""


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
    """A path as the user should see it: relative to the root when it is inside."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
