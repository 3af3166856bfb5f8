"""kh121 report new and kh121 merge: agencies' reports in, one consolidated file out."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from kh121 import calendar as cal
from kh121 import paths
from kh121.agencies import AgencyIndex
from kh121.atomic import FileExistsRefusedError, write_atomic
from kh121.checks import check_reports
from kh121.dates import dmy
from kh121.errors import EXIT_FAIL, EXIT_OK, KnownError
from kh121.merge import check_period, consolidate
from kh121.messages import t
from kh121.models import ClerkText
from kh121.presenters.problems import print_problems
from kh121.problems import Problem, has_errors
from kh121.scaffold import clerk_scaffold, report_scaffold
from kh121.validation import validate_document
from kh121.workspace import Workspace, load_report, load_workspace, report_files
from kh121.yamlio import read_yaml


def find_period(ws: Workspace, text: str) -> cal.Period:
    period = cal.parse_period(text, ws.plan.reporting.periods, ws.plan.plan.span)
    if period is None:
        span = ws.plan.plan.span
        raise KnownError(
            f"kỳ báo cáo '{text}' không hợp lệ; viết NĂM-KỲ như 2026-H1, 2026-H2"
            f" ({span.start.year}-{span.end.year})",
            f"invalid period '{text}'; write YEAR-PART such as 2026-H1, 2026-H2"
            f" ({span.start.year}-{span.end.year})",
        )
    return period


def find_agency(agencies: AgencyIndex, query: str) -> str:
    codes = [c for c in agencies.search(query) if not agencies.by_code[c].is_group]
    if not codes:
        raise KnownError(f"không có cơ quan nào khớp '{query}'", f"no agency matches '{query}'")
    if len(codes) > 1:
        names = "; ".join(f"{c} ({agencies.name(c)})" for c in codes)
        raise KnownError(
            f"'{query}' khớp nhiều cơ quan: {names}; hãy dùng mã",
            f"'{query}' matches several agencies: {names}; use a code",
        )
    return codes[0]


def _write_new(target: Path, root: Path, text: str, lang: str) -> int:
    shown = paths.shown(target, root)
    try:
        write_atomic(target, text, overwrite=False)
    except FileExistsRefusedError:
        raise KnownError(
            f"'{shown}' đã có; kh121 không ghi đè tệp đã có",
            f"'{shown}' exists; kh121 never overwrites it",
        ) from None
    print(t(f"đã tạo {shown}", f"created {shown}", lang))
    return EXIT_OK


def run_new(
    root: Path, query: str | None, period_text: str, out: Path | None, clerk: bool, lang: str
) -> int:
    ws, _ = load_workspace(root, [])
    period = find_period(ws, period_text)
    folder = root / paths.REPORTS / period.id
    work = cal.WorkCalendar.from_file(ws.calendar)
    if clerk:
        return _write_new(
            out or folder / paths.CLERK_NAME,
            root,
            clerk_scaffold(period, ws.agencies.name(ws.plan.reporting.to)),
            lang,
        )
    if not query:
        raise KnownError(
            "cần mã hoặc tên cơ quan (hoặc --clerk)",
            "an agency code or name is needed (or --clerk)",
        )
    code = find_agency(ws.agencies, query)
    agency = ws.agencies.by_code[code]
    if not agency.exists_on(period.due):
        now = ws.agencies.resolve(code, period.due)
        if now != code:
            raise KnownError(
                f"{agency.short} không còn hoạt động trong kỳ {period.id} (từ"
                f" {dmy(agency.merged_into.from_date if agency.merged_into else None)});"
                f" {ws.agencies.name(now)} ({now}) tiếp nhận: dùng 'kh121 report new {now}'",
                f"{agency.short} no longer exists in {period.id}; {ws.agencies.name(now)}"
                f" ({now}) took over: use 'kh121 report new {now}'",
            )
        raise KnownError(
            f"{agency.short} chưa thành lập trong kỳ {period.id}",
            f"{agency.short} did not exist yet in {period.id}",
        )
    text = report_scaffold(ws.plan, ws.agencies, code, period, work.effective(period.due))
    return _write_new(out or folder / f"{code}.yaml", root, text, lang)


def _load_period(
    root: Path, period_text: str, as_of: dt.date
) -> tuple[Workspace, cal.Period, list[Problem]]:
    ws, problems = load_workspace(root, [])
    period = find_period(ws, period_text)
    files = report_files(root, period.id)
    loaded = []
    _progress = _progress_bar(len(files))
    for path in files:
        report, more = load_report(path, root)
        problems.extend(more)
        if report is not None:
            loaded.append(report)
        _progress()
    ws = dataclasses.replace(ws, reports=tuple(loaded))
    problems.extend(check_reports(ws, as_of))
    problems.extend(check_period(ws, period))
    clerk = root / paths.REPORTS / period.id / paths.CLERK_NAME
    if clerk.exists():
        doc, more = read_yaml(clerk, paths.shown(clerk, root))
        problems.extend(more)
        if doc is not None:
            problems.extend(validate_document(doc, ClerkText)[1])
    return ws, period, problems


def _progress_bar(total: int) -> Callable[[], None]:
    """A progress bar on a terminal for many files; nothing otherwise."""
    if total < 50 or not sys.stderr.isatty():
        return lambda: None
    from rich.console import Console
    from rich.progress import Progress

    # On stderr, like the check above: stdout carries the command's own output.
    progress = Progress(transient=True, console=Console(stderr=True))
    task = progress.add_task("kh121 merge", total=total)
    progress.start()

    def step() -> None:
        progress.advance(task)
        if progress.tasks[0].finished:
            progress.stop()

    return step


def merged_text(
    root: Path, period_text: str, as_of: dt.date
) -> tuple[str | None, Path, list[Problem]]:
    """The consolidated file's text (None when an input has errors), its path, problems.

    as_of only serves to refuse reports dated in the future; the text does not depend on it.
    """
    ws, period, problems = _load_period(root, period_text, as_of)
    target = root / paths.REPORTS / period.id / paths.MERGED_NAME
    if has_errors(problems):
        return None, target, problems
    work = cal.WorkCalendar.from_file(ws.calendar)
    warnings = [p for p in problems if p.severity == "warning"]
    return consolidate(ws, period, work, warnings), target, problems


def period_folders(root: Path) -> list[str]:
    """The periods that have a folder under reports/ with an agency's file in it."""
    base = root / paths.REPORTS
    return (
        sorted(p.name for p in base.iterdir() if p.is_dir() and report_files(root, p.name))
        if base.is_dir()
        else []
    )


def run_merge(root: Path, period_text: str, check: bool, as_of: dt.date, lang: str) -> int:
    text, target, problems = merged_text(root, period_text, as_of)
    if problems:
        print_problems(problems, lang, as_json=False, stream=sys.stderr)
    if text is None:
        print(t("có lỗi: không ghi gì", "errors found: nothing written", lang), file=sys.stderr)
        return EXIT_FAIL
    shown = paths.shown(target, root)
    if check:
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current != text:
            print(
                t(
                    f"{shown} thiếu hoặc đã cũ; chạy 'kh121 merge {period_text}'",
                    f"{shown} is missing or out of date; run 'kh121 merge {period_text}'",
                    lang,
                )
            )
            return EXIT_FAIL
        print(t(f"{shown} đã cập nhật", f"{shown} is up to date", lang))
        return EXIT_OK
    changed = write_atomic(target, text)
    print(
        t(
            f"{'đã ghi' if changed else 'không đổi'} {shown}",
            f"{'wrote' if changed else 'unchanged'} {shown}",
            lang,
        )
    )
    return EXIT_OK
