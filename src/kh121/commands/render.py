"""kh121 render: the half-yearly Word report from the consolidated period file."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from kh121 import paths
from kh121.atomic import inside_root, write_atomic
from kh121.commands.report import find_period, merged, merged_path
from kh121.errors import EXIT_OK, KnownError
from kh121.loader import load_clean
from kh121.messages import t
from kh121.presenters.problems import print_problems


def default_output(root: Path, plan_code: str, period: str, day: dt.date) -> Path:
    safe = plan_code.replace("/", "-")
    return root / paths.REPORTS / f"BC_{safe}_{period}_{day.isoformat()}.docx"


def run(
    *,
    root: Path,
    period_text: str,
    as_of: dt.date,
    template: Path | None,
    out: Path | None,
    number: str | None,
    date: dt.date | None,
    lang: str,
) -> int:
    from kh121.status import compute_status

    ws, warnings = load_clean(root, as_of)
    period = find_period(ws, period_text)
    model, text, problems = merged(ws, period, warnings)
    if model is None or text is None:
        print_problems(problems, lang, as_json=False, stream=sys.stderr)
        raise KnownError(
            f"báo cáo của kỳ {period.id} có lỗi; sửa rồi chạy 'kh121 merge {period.id}'",
            f"the reports of {period.id} have errors; fix them, run 'kh121 merge {period.id}'",
        )
    target_merged = merged_path(root, period)
    shown = paths.shown(target_merged, root)
    if not target_merged.is_file() or target_merged.read_bytes() != text.encode("utf-8"):
        raise KnownError(
            f"{shown} thiếu hoặc đã cũ so với báo cáo của các cơ quan; chạy"
            f" 'kh121 merge {period.id}'",
            f"{shown} is missing or out of date with the agencies' reports; run"
            f" 'kh121 merge {period.id}'",
        )
    if ws.settings is None:
        raise KnownError(
            f"thiếu {paths.REPORT_SETTINGS} (tiêu đề, nơi nhận, người ký)",
            f"{paths.REPORT_SETTINGS} is missing (letterhead, recipients, signer)",
        )
    from kh121.presenters.report_context import build_context

    day = date or as_of
    status = compute_status(ws, as_of)
    context = build_context(
        ws.plan, ws.settings, period, model, ws.clerk(period.id), status, number, day
    )
    tpl = template or root / ws.settings.template
    if not tpl.is_file():
        raise KnownError(f"không có mẫu '{tpl}'", f"no template '{tpl}'")
    from kh121.docx_render import render_docx

    data = render_docx(tpl, context, day, context["title"])
    target = out or inside_root(default_output(root, ws.plan.plan.code, period.id, day), root)
    changed = write_atomic(target, data)
    print(
        t(
            f"{'đã ghi' if changed else 'không đổi'} {paths.shown(target, root)}",
            f"{'wrote' if changed else 'unchanged'} {paths.shown(target, root)}",
            lang,
        )
    )
    return EXIT_OK
