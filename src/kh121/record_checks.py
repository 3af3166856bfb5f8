"""Checks of the reminder records (reports/PERIOD/_don_doc.yaml): one list of problems,
for the full `validate` and for a record validated alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kh121 import kinds
from kh121.problems import Problem
from kh121.workspace import Workspace


def check_reminder_records(ws: Workspace, as_of: dt.date) -> list[Problem]:
    """A record lies in its period's folder (else the next --record would start it afresh
    and lose every entry), and no letter number is recorded twice."""
    out: list[Problem] = []
    for record, shown in zip(ws.reminders, ws.reminder_files, strict=True):
        path = Path(shown) if Path(shown).is_absolute() else ws.root / shown
        doc, _model, _more = kinds.read_kind(path, ws.root, kinds.REMINDERS)
        if doc is None:
            continue
        if path.parent.name != record.period:
            out.append(doc.error(["period"], "E080", period=record.period, folder=path.parent.name))
        first: dict[str, int] = {}
        for i, entry in enumerate(record.reminders):
            line, _col = doc.where(["reminders", i, "number"])
            if entry.number in first:
                out.append(
                    doc.error(
                        ["reminders", i, "number"],
                        "E081",
                        number=entry.number,
                        first=first[entry.number],
                    )
                )
            else:
                first[entry.number] = line
    return out
