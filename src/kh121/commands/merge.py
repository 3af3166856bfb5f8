"""kh121 merge: the reports on record for a period consolidated into one file."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from kh121 import calendar as cal
from kh121 import paths
from kh121.atomic import (
    inside_root,
    workspace_lock,
    write_and_say,
)
from kh121.clock import today
from kh121.dates import dmy
from kh121.errors import EXIT_FAIL, EXIT_OK
from kh121.loader import load_clean
from kh121.lookup import find_period
from kh121.merge import period_merge, up_to_date
from kh121.messages import t
from kh121.models import MergedFile
from kh121.presenters.problems import print_problems
from kh121.status import days_late


def period_folders(root: Path) -> list[str]:
    """The periods that have a file in their folder under reports/."""
    return sorted({p.parent.name for p in paths.period_files(root)})


def run_merge(
    *, root: Path, period_text: str | None, check: bool, as_of: dt.date, lang: str
) -> int:
    """Each period's consolidation; written under the workspace's lock."""
    ws, warnings = load_clean(root, as_of, today())
    names = [period_text] if period_text else period_folders(root)
    status = EXIT_OK
    for name in names:
        period = find_period(ws, name)
        model, text, problems = period_merge(ws, period, warnings)
        if problems:
            print_problems(problems, lang, as_json=False, stream=sys.stderr)
        if text is None:
            print(t("có lỗi: không ghi gì", "errors found: nothing written", lang), file=sys.stderr)
            status = EXIT_FAIL
            continue
        if check:
            status = max(status, _write_merged(root, period, text, check, lang))
            continue
        with workspace_lock(root):  # never while an import replaces a report
            status = max(status, _write_merged(root, period, text, check, lang))
        if model is not None:
            print(received_line(model, as_of, lang))
    return status


def received_line(model: MergedFile, as_of: dt.date, lang: str) -> str:
    """'đã nhận 4/6 báo cáo; 2 cơ quan chưa gửi, chưa đến hạn (hạn 17/05/2027)': a report
    not yet sent before its due day is not late, and the line says which it is."""
    got = len(model.expected) - len(model.missing)
    head = t(
        f"đã nhận {got}/{len(model.expected)} báo cáo",
        f"{got}/{len(model.expected)} reports received",
        lang,
    )
    if not model.missing:
        return head
    due = dmy(model.effective_due)
    n = len(model.missing)
    late = days_late(as_of, model.effective_due)  # the one count of lateness
    if not late:
        return head + t(
            f"; {n} cơ quan chưa gửi, chưa đến hạn (hạn {due})",
            f"; {n} not sent yet, not due until {due}",
            lang,
        )
    return head + t(
        f"; {n} cơ quan chưa gửi, đã quá hạn {late} ngày (hạn {due})",
        f"; {n} not sent, {late} days overdue (due {due})",
        lang,
    )


def _write_merged(root: Path, period: cal.Period, text: str, check: bool, lang: str) -> int:
    target = paths.merged_file(root, period.id)
    shown = paths.shown(target, root)
    if check:
        if not up_to_date(root, period, text):
            print(
                t(
                    f"{shown} thiếu hoặc đã cũ; chạy 'kh121 merge {period.id}'",
                    f"{shown} is missing or out of date; run 'kh121 merge {period.id}'",
                    lang,
                )
            )
            return EXIT_FAIL
        print(t(f"{shown} đã cập nhật", f"{shown} is up to date", lang))
        return EXIT_OK
    write_and_say(inside_root(target, root), text, root, lang)
    return EXIT_OK
