"""kh121 render: the half-yearly Word report from the consolidated period file."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from kh121 import calendar as cal
from kh121 import paths
from kh121.atomic import write_atomic
from kh121.commands.report import merged_text
from kh121.errors import EXIT_OK, KnownError
from kh121.messages import t
from kh121.models import ClerkText
from kh121.presenters.problems import print_problems
from kh121.report_context import build_context
from kh121.status import compute_status
from kh121.validation import validate_document
from kh121.yamlio import read_yaml


def default_output(root: Path, plan_code: str, period: str, day: dt.date) -> Path:
    safe = plan_code.replace("/", "-")
    return root / paths.REPORTS / f"BC_{safe}_{period}_{day.isoformat()}.docx"


def run(
    root: Path,
    period_text: str,
    as_of: dt.date,
    template: Path | None,
    out: Path | None,
    number: str | None,
    date: dt.date | None,
    lang: str,
) -> int:
    text, merged_path, problems = merged_text(root, period_text, as_of)
    if text is None:
        print_problems(problems, lang, as_json=False, stream=sys.stderr)
        raise KnownError(
            f"báo cáo của kỳ {period_text} có lỗi; sửa rồi chạy 'kh121 merge'",
            f"the reports of {period_text} have errors; fix them, run 'kh121 merge'",
        )
    shown = paths.shown(merged_path, root)
    if not merged_path.exists():
        raise KnownError(
            f"chưa có tệp tổng hợp {shown}; chạy 'kh121 merge {period_text}'",
            f"no consolidated file {shown}; run 'kh121 merge {period_text}'",
        )
    if merged_path.read_text(encoding="utf-8") != text:
        raise KnownError(
            f"{shown} đã cũ so với báo cáo của các cơ quan; chạy 'kh121 merge {period_text}'",
            f"{shown} is out of date with the agencies' reports; run 'kh121 merge {period_text}'",
        )
    from kh121.workspace import load_workspace

    ws, _ = load_workspace(root)
    if ws.settings is None:
        raise KnownError(
            f"thiếu {paths.REPORT_SETTINGS} (tiêu đề, nơi nhận, người ký)",
            f"{paths.REPORT_SETTINGS} is missing (letterhead, recipients, signer)",
        )
    period = cal.parse_period(period_text, ws.plan.reporting.periods, ws.plan.plan.span)
    assert period is not None  # merged_text has checked it
    merged_doc, _ = read_yaml(merged_path, shown)
    merged = merged_doc.data if merged_doc else {}
    clerk = None
    clerk_path = root / paths.REPORTS / period.id / paths.CLERK_NAME
    if clerk_path.exists():
        doc, _ = read_yaml(clerk_path, paths.shown(clerk_path, root))
        clerk = validate_document(doc, ClerkText)[0] if doc else None
    day = date or as_of
    status = compute_status(ws, as_of)
    context = build_context(
        ws.plan, ws.agencies, ws.settings, period, merged, clerk, status, number, day
    )
    tpl = template or root / ws.settings.template
    if not tpl.is_file():
        raise KnownError(f"không có mẫu '{tpl}'", f"no template '{tpl}'")
    from kh121.docx_render import render_docx

    data = render_docx(tpl, context, day, context["title"])
    target = out or default_output(root, ws.plan.plan.code, period.id, day)
    changed = write_atomic(target, data)
    print(
        t(
            f"{'đã ghi' if changed else 'không đổi'} {paths.shown(target, root)}",
            f"{'wrote' if changed else 'unchanged'} {paths.shown(target, root)}",
            lang,
        )
    )
    return EXIT_OK
