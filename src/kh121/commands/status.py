"""kh121 status and kh121 overdue: the clerk's daily view."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from kh121.errors import EXIT_FAIL, EXIT_OK, KnownError
from kh121.messages import t
from kh121.presenters.status_json import write_status_json
from kh121.presenters.status_text import render_overdue, render_status
from kh121.presenters.table import detect_style
from kh121.status import STATE_FILTERS, StatusView, compute_status, select
from kh121.workspace import Workspace, load_workspace


def _view(
    root: Path,
    as_of: dt.date,
    soon: int,
    agency: str | None,
    section: str | None,
    state: str | None,
    lang: str,
) -> tuple[Workspace, StatusView]:
    ws, problems = load_workspace(root)
    broken = sorted({p.file for p in problems if p.severity == "error"})
    if broken:  # left out of the figures: the clerk must know, and where to look
        print(
            t(
                f"kh121: {len(broken)} tệp báo cáo có lỗi nên không được tính: {', '.join(broken)}"
                "; chạy 'kh121 validate' để xem chi tiết",
                f"kh121: {len(broken)} report files have errors and are not counted:"
                f" {', '.join(broken)}; run 'kh121 validate' for details",
                lang,
            ),
            file=sys.stderr,
        )
    if agency and not ws.agencies.search(agency):
        raise KnownError(
            f"không có cơ quan nào khớp '{agency}' (thử mã như SYT hoặc một phần tên, có dấu"
            " hay không dấu)",
            f"no agency matches '{agency}' (try a code such as SYT, or part of a name)",
        )
    if section and section.upper() not in {s.id for s in ws.plan.sections}:
        ids = ", ".join(s.id for s in ws.plan.sections)
        raise KnownError(
            f"không có phần '{section}' (có: {ids})", f"no section '{section}' (there are: {ids})"
        )
    if state and state not in STATE_FILTERS:
        raise KnownError(
            f"trạng thái '{state}' không hợp lệ; chọn một trong: " + ", ".join(STATE_FILTERS),
            f"unknown state '{state}'; choose one of: " + ", ".join(STATE_FILTERS),
        )
    view = compute_status(ws, as_of, soon)
    return ws, select(view, ws, agency, section, state)


def run_status(
    root: Path,
    as_of: dt.date,
    agency: str | None,
    section: str | None,
    state: str | None,
    soon: int,
    wide: bool,
    as_json: bool,
    lang: str,
) -> int:
    ws, view = _view(root, as_of, soon, agency, section, state, lang)
    if as_json:
        write_status_json(sys.stdout, view)
        return EXIT_OK
    titles = {s.id: s.title for s in ws.plan.sections}
    sys.stdout.write(render_status(view, ws.agencies, titles, detect_style(), lang, wide))
    return EXIT_OK


def run_overdue(
    root: Path,
    as_of: dt.date,
    within: int,
    agency: str | None,
    as_json: bool,
    exit_code: bool,
    lang: str,
) -> int:
    ws, view = _view(root, as_of, within, agency, None, None, lang)
    tasks = [t for t in view.tasks if t.overdue or t.due_soon]
    late = [o for o in view.obligations if o.status != "on_time"]
    if as_json:
        write_status_json(sys.stdout, view, tasks, late)
    else:
        sys.stdout.write(render_overdue(view, ws.agencies, within, detect_style(), lang))
    anything_overdue = any(t.overdue for t in view.tasks) or any(
        o.status == "missing" for o in view.obligations
    )
    return EXIT_FAIL if exit_code and anything_overdue else EXIT_OK
