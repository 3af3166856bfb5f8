"""kh121 report new: a report file scaffolded for one agency and one period (or the
clerk's own text, or every missing one)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kh121 import calendar as cal
from kh121 import paths
from kh121.atomic import (
    FileExistsRefusedError,
    inside_root,
    write_atomic,
)
from kh121.errors import EXIT_OK, KnownError
from kh121.loader import plan_only
from kh121.lookup import (
    check_reporter,
    find_agency,
    find_period,
    on_file,
    reporters_of,
)
from kh121.messages import t
from kh121.record import focal
from kh121.scaffold import clerk_scaffold, report_scaffold
from kh121.workspace import Workspace


def _write_new(
    target: Path, root: Path, text: str, lang: str, note: tuple[str, str], explicit: bool
) -> int:
    shown = paths.shown(target, root)
    try:
        write_atomic(target if explicit else inside_root(target, root), text, overwrite=False)
    except FileExistsRefusedError:
        raise KnownError(  # named from where the clerk stands, with the next step
            f"'{shown}' đã có; kh121 không ghi đè tệp đã có: mở tệp đó để điền tiếp, hoặc xóa"
            " nó rồi chạy lại",
            f"'{shown}' exists; kh121 never overwrites it: open it to go on filling it in, or"
            " delete it and run again",
        ) from None
    print(t(f"đã tạo {shown}", f"created {shown}", lang))
    from kh121.presenters.table import detect_style, fill

    print(fill(t(*note, lang), detect_style().width, "", "    "))
    return EXIT_OK


def _write_clerk(
    root: Path, period: cal.Period, target: Path, consolidator: str, out: Path | None, lang: str
) -> int:
    """The consolidating agency's own text for the period's report, to fill in."""
    return _write_new(
        target,
        root,
        clerk_scaffold(period, consolidator),
        lang,
        (
            "Viết phần đánh giá của cơ quan tổng hợp vào tệp này; 'kh121 render' sẽ dùng.",
            "Write the consolidating agency's assessment here; 'kh121 render' uses it.",
        ),
        out is not None,
    )


def run_new(
    *,
    root: Path,
    query: str | None,
    period_text: str,
    out: Path | None,
    clerk: bool,
    force: bool,
    as_of: dt.date,
    lang: str,
    missing: bool = False,
) -> int:
    ws = plan_only(root, as_of)
    period = find_period(ws, period_text)
    folder = root / paths.REPORTS / period.id
    consolidator = ws.agencies.name(focal(ws, period.due))
    if clerk:
        return _write_clerk(root, period, out or folder / paths.CLERK_NAME, consolidator, out, lang)
    if missing:
        return _write_missing(ws, root, period, folder, lang)
    if not query:
        raise KnownError(
            "cần mã hoặc tên cơ quan (hoặc --clerk, --missing)",
            "an agency code or name is needed (or --clerk, --missing)",
        )
    code = find_agency(ws, query, period)
    check_reporter(ws, code, period, force)
    text = report_scaffold(ws, code, period)
    return _write_new(
        out or paths.report_file(root, period.id, code),
        root,
        text,
        lang,
        (
            f"Tệp là bản nháp: chỉ tính là đã gửi khi điền ngày {consolidator} nhận (received),"
            " cùng số và ngày của báo cáo.",
            f"The file is a draft: it counts as sent only once the day {consolidator} received"
            " it (received) is filled in, with the report's number and date.",
        ),
        out is not None,
    )


def _write_missing(ws: Workspace, root: Path, period: cal.Period, folder: Path, lang: str) -> int:
    """A draft for every agency that reports for the period and has no file for it yet."""
    have = on_file(ws, root, period)
    todo = [c for c in reporters_of(ws, period) if c not in have]
    if not todo:
        print(
            t(
                f"mọi cơ quan đã có tệp báo cáo kỳ {period.id}",
                f"every agency has a report file for {period.id}",
                lang,
            )
        )
        return EXIT_OK
    written = 0
    for code in todo:
        target = inside_root(paths.report_file(root, period.id, code), root)
        if target.exists():
            continue  # a draft already on file: never overwritten
        text = report_scaffold(ws, code, period)
        write_atomic(target, text, overwrite=False)
        written += 1
        print(
            t(f"đã tạo {paths.shown(target, root)}", f"created {paths.shown(target, root)}", lang)
        )
    print(
        t(
            f"{written} bản nháp mới: gửi cho từng cơ quan; chỉ tính là đã gửi khi điền ngày nhận"
            " (received).",
            f"{written} new drafts: send each to its agency; each counts as sent once its"
            " received date is filled in.",
            lang,
        )
    )
    return EXIT_OK
