"""kh121 export --xlsx: the status as an Excel workbook, to filter, re-use and print."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from kh121.atomic import inside_root, write_and_say
from kh121.clock import today
from kh121.errors import EXIT_OK, KnownError
from kh121.loader import load_clean
from kh121.workspace import Workspace

if TYPE_CHECKING:
    from kh121.presenters.xlsx import Letter


def default_out(as_of: dt.date) -> Path:
    return Path("reports") / f"theo_doi_{as_of.isoformat()}.xlsx"


def run(*, root: Path, as_of: dt.date, out: Path | None, lang: str) -> int:
    try:
        # openpyxl is loaded here only: no other command pays for it
        from kh121.presenters.xlsx import build_sheets, workbook_bytes
    except ImportError as exc:  # an install made before kh121 needed it
        raise KnownError(
            f"thiếu gói openpyxl để ghi tệp Excel ({exc}); cài lại kh121 hoặc: pip install"
            " openpyxl",
            f"the openpyxl package is missing to write Excel files ({exc}); reinstall kh121"
            " or: pip install openpyxl",
        ) from None
    from kh121.status import compute_status

    ws, _warnings = load_clean(root, as_of, today())
    view = compute_status(ws, as_of)
    title = f"{ws.plan.plan.kind} {ws.plan.plan.code} — " + (
        f"status as of {as_of:%d/%m/%Y}" if lang == "en" else f"tình hình đến ngày {as_of:%d/%m/%Y}"
    )
    data = workbook_bytes(build_sheets(view, letters(ws, as_of), lang), as_of, title)
    target = out or inside_root(root / default_out(as_of), root)
    write_and_say(target, data, root, lang)
    return EXIT_OK


def letters(ws: Workspace, as_of: dt.date) -> list[Letter]:
    """The reminder letters sent by the date, from every period's record."""
    from kh121.presenters.xlsx import Letter
    from kh121.remind import sent

    return [
        Letter(period, r.number, r.date, r.reply_by, tuple(r.agencies))
        for period, r in sent(ws.reminders, as_of)
    ]
