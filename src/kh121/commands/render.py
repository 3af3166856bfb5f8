"""kh121 render: the half-yearly Word report from the consolidated period file."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kh121 import paths
from kh121.atomic import inside_root
from kh121.errors import EXIT_OK, KnownError
from kh121.issuing import file_name, issue, issue_day, refuse_blanks
from kh121.loader import load_clean
from kh121.lookup import find_period, report_settings
from kh121.merge import period_merge, up_to_date
from kh121.presenters.problems import print_problems

if TYPE_CHECKING:
    from kh121.calendar import Period
    from kh121.models import MergedFile, ReportSettings
    from kh121.presenters.report_context import ReportInput
    from kh121.problems import Problem
    from kh121.workspace import Workspace


def run(
    *,
    root: Path,
    period_text: str,
    as_of: dt.date | None,
    template: Path | None,
    out: Path | None,
    number: str | None,
    date: dt.date | None,
    draft: bool,
    pdf: bool,
    lang: str,
) -> int:
    """The Word report. Its figures are the record as it stood on `as_of`: by default the
    report's own date of issue (a report dated 30/11 never counts to a later today)."""
    from kh121.clock import today
    from kh121.presenters.report_context import build_context
    from kh121.status import compute_status

    ws, warnings = load_clean(root, as_of or today(), today())
    period = find_period(ws, period_text)
    model = _up_to_date_merge(ws, root, period, warnings, lang)
    clerk = ws.clerk(period.id)
    day = issue_day(date, clerk.date if clerk else None, as_of or today())
    settings = report_settings(ws).on(day)  # the letterhead, recipient, signer in force that day
    source = _report_input(ws, root, period, model, settings, number, day, draft)
    found = _refused_blanks(source, draft)
    context = build_context(source, compute_status(ws, as_of or day))
    name = file_name(["BC", ws.plan.plan.code, period.id], day, draft)
    target = out or inside_root(root / paths.REPORTS / name, root)
    tpl = template or root / settings.template
    issue(root, tpl, context, day, settings.letterhead.agency, target, found, pdf, lang)
    return EXIT_OK


def _report_input(
    ws: Workspace,
    root: Path,
    period: Period,
    model: MergedFile,
    settings: ReportSettings,
    number: str | None,
    day: dt.date,
    draft: bool,
) -> ReportInput:
    """What the report is made of: the plan, the settings in force, the merged file, the
    clerk's text, the number and day, the reply's day."""
    from kh121.presenters.report_context import ReportInput
    from kh121.reply import DEFAULT_DAYS, reply_by
    from kh121.status import next_due

    letter = settings.letter
    return ReportInput(
        plan=ws.plan,
        settings=settings,
        period=period,
        merged=model,
        clerk=ws.clerk(period.id),
        clerk_file=paths.shown(root / paths.REPORTS / period.id / paths.CLERK_NAME, root),
        number=number,
        date=day,
        draft=draft,
        reply_by=reply_by(ws.work, day, letter.reply_days if letter else DEFAULT_DAYS),
        next_until=next_due(ws, period),
    )


def _refused_blanks(src: ReportInput, draft: bool) -> int:
    """How many blanks the report has; a report to issue (not a draft) with any is refused."""
    from kh121.issuing import report_blanks
    from kh121.presenters.report_context import CLERK_PARTS, CLERK_SCAFFOLD

    found = report_blanks(
        src.settings, src.number, src.clerk, src.clerk_file, src.plan, CLERK_PARTS, CLERK_SCAFFOLD
    )
    return refuse_blanks(found, draft)


def _up_to_date_merge(
    ws: Workspace, root: Path, period: Period, warnings: list[Problem], lang: str
) -> MergedFile:
    """The period's consolidation, computed now; refused unless the file on disk says the
    same (the reviewer reads the file, the report must not say anything else)."""
    model, text, problems = period_merge(ws, period, warnings)
    if model is None or text is None:
        print_problems(problems, lang, as_json=False, stream=sys.stderr)
        raise KnownError(
            f"báo cáo của kỳ {period.id} có lỗi; sửa rồi chạy 'kh121 merge {period.id}'",
            f"the reports of {period.id} have errors; fix them, run 'kh121 merge {period.id}'",
        )
    target_merged = paths.merged_file(root, period.id)
    shown = paths.shown(target_merged, root)
    if not up_to_date(root, period, text):
        raise KnownError(
            f"{shown} thiếu hoặc đã cũ so với báo cáo của các cơ quan; chạy"
            f" 'kh121 merge {period.id}'",
            f"{shown} is missing or out of date with the agencies' reports; run"
            f" 'kh121 merge {period.id}'",
        )
    return model
