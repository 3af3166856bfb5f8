"""The reminder record of a period (reports/PERIOD/_don_doc.yaml): which letter may be
recorded, its entry appended with every earlier entry and comment kept, and the names of
recorded letters, which never replace another letter's file."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from kh121 import paths
from kh121.atomic import inside_root
from kh121.errors import KnownError
from kh121.models import Reminder, RemindersFile
from kh121.text import one_line

if TYPE_CHECKING:
    from kh121.workspace import Workspace

T = TypeVar("T")


def check_recordable(ws: Workspace, period: str, number: str | None, draft: bool) -> None:
    """Only a numbered letter that is not a draft is recorded, and a number once a period
    (the record as loaded, and checked, with the workspace)."""
    if draft or number is None:
        raise KnownError(
            "chỉ ghi sổ đôn đốc cho công văn đã có số (không dùng cùng --draft)",
            "only a numbered letter is recorded (not with --draft)",
        )
    earlier = next((r.reminders for r in ws.reminders if r.period == period), ())
    if any(e.number == number for e in earlier):
        raise KnownError(
            f"công văn số {number} đã có trong sổ đôn đốc kỳ {period}",
            f"letter {number} is already recorded for {period}",
        )


def unused_names(targets: list[tuple[Path, T]], number: str) -> list[tuple[Path, T]]:
    """A recorded letter never replaces another letter's file: a second letter the same day
    gets its number in its name."""
    tag = re.sub(r"[^0-9A-Za-z]+", "-", number).strip("-") or "x"
    taken = any(
        p.exists() or (p.parent.exists() and p.parent.name.startswith("CV_")) for p, _ in targets
    )
    if not taken:
        return targets
    out = []
    for path, src in targets:
        if path.parent.name.startswith("CV_don_doc_"):  # --each: a folder per letter day
            path = path.parent.with_name(f"{path.parent.name}_so-{tag}") / path.name
        else:
            path = path.with_name(f"{path.stem}_so-{tag}{path.suffix}")
        out.append((path, src))
    return out


def appended(root: Path, period: str, reminder: Reminder) -> tuple[Path, str]:
    """reports/PERIOD/_don_doc.yaml with the letter appended, read afresh under the lock and
    written back with every earlier entry and comment as it was (ruamel round-trip)."""
    from ruamel.yaml import YAML

    path = inside_root(root / paths.REPORTS / period / paths.REMINDERS_NAME, root)
    entry = {
        "number": reminder.number,
        "date": reminder.date,
        "reply_by": reminder.reply_by,
        "agencies": list(reminder.agencies),
    }
    if not path.exists():
        from kh121.yamlout import dump

        record = RemindersFile(schema_version=1, period=period, reminders=(reminder,))
        return path, RECORD_HEAD + dump(record.model_dump())
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.allow_unicode = True
    data = yaml.load(path.read_text(encoding="utf-8"))
    shown = paths.shown(path, root)
    if str(data.get("period")) != period:
        raise KnownError(
            f"{shown}: sổ ghi 'period: {one_line(str(data.get('period')))}' nhưng nằm trong thư"
            f" mục kỳ {period}; sửa lại cho khớp rồi chạy lại (không ghi gì)",
            f"{shown}: the record says 'period: {one_line(str(data.get('period')))}' but lies in"
            f" the folder of {period}; make them agree, then run again (nothing written)",
        )
    entries = data.get("reminders")
    if entries is None:
        data["reminders"] = entries = []
    entries.append(entry)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return path, buffer.getvalue()


RECORD_HEAD = "# Sổ đôn đốc: do 'kh121 remind --record' ghi thêm; không sửa các mục đã có.\n"
