"""A form's answer checked as a hand-written report is: it must be a form of this plan, for
one of its periods and agencies, and the report it gives must load cleanly with the
workspace; every error is named by the form's row and column, where the agency typed it."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kh121 import paths
from kh121.text import UNSAFE, one_line, quoted

if TYPE_CHECKING:
    from kh121.workspace import Workspace

# Not the agency's to fix: the report is checked from a temporary file, not yet at its place.
NOT_THE_FORMS = {"E035"}


def check_identity(ws: Workspace, ident: dict[str, Any], shown: str) -> None:
    """FormError unless the form is of this plan, for one of its periods and agencies."""
    from kh121.form import FormError

    if ident.get("plan") != ws.plan.plan.code:
        other = one_line(ident["plan"][:80])
        raise FormError(
            f"{shown} là mẫu của kế hoạch {other}, không phải {ws.plan.plan.code}",
            f"{shown} is a form of plan {other}, not {ws.plan.plan.code}",
        )
    if ident.get("period") not in ws.periods or ident.get("agency") not in ws.agencies.by_code:
        raise FormError(
            f"{shown}: kỳ {quoted(ident['period'])} hay cơ quan {quoted(ident['agency'])} không có"
            " trong kế hoạch",
            f"{shown}: period {quoted(ident['period'])} or agency {quoted(ident['agency'])} is not"
            " in the plan",
        )


def errors_as_written(
    root: Path, as_of: dt.date, agency: str, text: str, today: dt.date | None
) -> list[tuple[str, str]]:
    """The errors the report text has when loaded with the workspace as a hand-written file
    would be (`today`: as `loader.load` takes it), each (vi, en) named by the form's row and
    column."""
    from kh121.loader import load

    with tempfile.TemporaryDirectory() as tmp:
        candidate = Path(tmp) / f"{agency}.yaml"
        candidate.write_text(text, encoding="utf-8")
        _ws, problems = load(root, as_of, [candidate], today)
        mine = [
            p
            for p in problems
            if p.file == paths.shown(candidate, root)
            and p.code not in NOT_THE_FORMS
            and p.severity.value == "error"
        ]
    named = []
    for p in mine:
        row, task, column = place_in_form(text, p.line)
        place = f"dòng {row} ({task}), cột {column}" if row else "đầu mẫu"
        named.append((f"{place}: {p.message('vi')}", f"{place}: {p.message('en')}"))
    return named


def place_in_form(text: str, line: int) -> tuple[int, str, str]:
    """(row, task, column) of the form that a line of the report written from it belongs to:
    the row (1-based) and the column whose value starts last at or before the line (a value's
    continuation lines belong to it); row 0 for a line before the first task."""
    from kh121.form import COLUMN_LABELS
    from kh121.yamlio import parse_yaml

    # read for its places only: a character kh121 refuses (the error being placed) stands
    # in as '?', so that the rest still reads, each line where it was
    readable = UNSAFE.sub("?", text)
    doc, _problems = parse_yaml(readable.encode("utf-8"), "form", keep_nodes=True)
    tasks = doc.data.get("tasks") if doc is not None and isinstance(doc.data, dict) else None
    found = (0, "", "")
    if doc is None or not isinstance(tasks, list):
        return found
    best = 0
    for i, row in enumerate(tasks):
        if not isinstance(row, dict):
            continue
        for key in row:
            start = doc.where(["tasks", i, key], key=True)[0]
            if best <= start <= line:
                best = start
                found = (i + 1, str(row.get("task", "")), COLUMN_LABELS.get(key) or str(key))
    return found
