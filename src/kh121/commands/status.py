"""kh121 status, overdue and show: the clerk's daily views.

A cached view is shown without loading the models at all; the loader (and
pydantic) is imported only when the cache misses.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path

from kh121 import cache
from kh121.errors import EXIT_FAIL, EXIT_OK
from kh121.filters import find_agencies, narrowed
from kh121.messages import t
from kh121.presenters.status_json import task_json, write_status_json
from kh121.presenters.table import detect_style
from kh121.states import SOON_DAYS
from kh121.views import StatusView, behind, select, to_chase


def status_view(root: Path, as_of: dt.date, soon: int, use_cache: bool) -> StatusView:
    """The whole view on a date, from the cache when nothing it was built from changed."""
    from kh121.clock import today as real_today

    today = real_today()
    digest = cache.key(root, as_of.isoformat(), str(soon), today.isoformat()) if use_cache else b""
    if use_cache:
        found = cache.load(root, "status", digest)
        if isinstance(found, StatusView):
            return found
    from kh121.loader import load_viewable
    from kh121.status import compute_status

    ws, warnings, excluded = load_viewable(root, as_of, today)
    view = compute_status(ws, as_of, soon, len(warnings), excluded)
    if use_cache:
        cache.store(root, "status", digest, view)
    return view


def _warn(view: StatusView, lang: str) -> None:
    """On stderr: the files left out of the view (with their first error), then the count
    of warnings. Said before the view, so that nobody reads it as the whole record."""
    from kh121.presenters.status_text import excluded_banner

    if view.excluded:
        sys.stderr.write(excluded_banner(view, lang, detect_style().width))
    if view.warnings:
        print(
            t(
                f"kh121: dữ liệu có {view.warnings} cảnh báo; chạy 'kh121 validate' để xem",
                f"kh121: the data has {view.warnings} warnings; run 'kh121 validate' to see them",
                lang,
            ),
            file=sys.stderr,
        )


def run_status(
    *,
    root: Path,
    as_of: dt.date,
    agency: str | None,
    section: str | None,
    state: str | None,
    soon: int,
    wide: bool,
    as_json: bool,
    lang: str,
    use_cache: bool,
) -> int:
    view = narrowed(status_view(root, as_of, soon, use_cache), lang, agency, section, state)
    _warn(view, lang)
    if as_json:
        write_status_json(sys.stdout, view)
        return _shown(view)
    from kh121.presenters.status_text import render_status

    sys.stdout.write(render_status(view, detect_style(), lang, wide))
    return _shown(view)


def _shown(view: StatusView) -> int:
    """A view with files left out is shown, and still fails: something must be fixed."""
    return EXIT_FAIL if view.excluded else EXIT_OK


def run_overdue(
    *,
    root: Path,
    as_of: dt.date,
    within: int,
    agency: str | None,
    as_json: bool,
    exit_code: bool,
    lang: str,
    use_cache: bool,
) -> int:
    view = narrowed(status_view(root, as_of, within, use_cache), lang, agency)
    _warn(view, lang)
    tasks, owed = to_chase(view, within)
    if as_json:
        write_status_json(sys.stdout, view, tasks, owed)
    else:
        from kh121.presenters.status_text import render_overdue

        sys.stdout.write(render_overdue(view, within, detect_style(), lang))
    return EXIT_FAIL if exit_code and behind(view) else _shown(view)


def run_show(
    *, root: Path, as_of: dt.date, what: str, as_json: bool, lang: str, use_cache: bool
) -> int:
    """One task whole, or one agency's tasks and reports."""
    import json

    from kh121.presenters import show_text

    view = status_view(root, as_of, SOON_DAYS, use_cache)
    _warn(view, lang)
    task = next((x for x in view.tasks if x.id.upper() == what.strip().upper()), None)
    style = detect_style()
    if task is not None:
        if as_json:
            json.dump(task_json(task, view.soon), sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            sys.stdout.write(show_text.render_task(task, view, style, lang))
        return _shown(view)
    codes, _said = find_agencies(view.directory, what)
    now = view.directory.today(codes[0])
    mine = dataclasses.replace(select(view, codes), filters=())
    if as_json:
        from kh121.presenters.status_json import obligation_json

        data = {
            "agency": now,
            "name": view.directory.name(now, short=False),
            "as_of": as_of.isoformat(),
            "tasks": [task_json(x, view.soon) for x in mine.tasks],
            "reports": [obligation_json(o) for o in mine.obligations],
        }
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(show_text.render_agency(now, mine, style, lang, view, tuple(codes)))
    return _shown(view)
