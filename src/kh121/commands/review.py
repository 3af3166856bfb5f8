"""kh121 review: the plan over years (sơ kết, tổng kết) — figures, JSON, a Word report."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kh121 import paths
from kh121.atomic import inside_root, write_atomic
from kh121.clock import today
from kh121.errors import EXIT_FAIL, EXIT_OK
from kh121.issuing import issue_day
from kh121.lookup import report_settings
from kh121.messages import t

if TYPE_CHECKING:
    from kh121.models import ReviewText
    from kh121.review import Review
    from kh121.views import Excluded
    from kh121.workspace import Workspace


def run(
    *,
    root: Path,
    first: int | None,
    last: int | None,
    as_of: dt.date,
    as_json: bool,
    docx: bool,
    out: Path | None,
    number: str | None,
    date: dt.date | None,
    draft: bool,
    pdf: bool,
    scaffold: bool,
    lang: str,
) -> int:
    from kh121.loader import load_clean, load_viewable
    from kh121.review import review_of, review_years

    if docx or scaffold:
        ws, _warnings = load_clean(root, as_of, today())
        excluded: tuple[Excluded, ...] = ()
    else:
        ws, _warnings, excluded = load_viewable(root, as_of, today())
    a, b = review_years(ws, first, last, as_of)
    text_file = paths.review_file(root, a, b)
    if scaffold:
        return _scaffold(ws, root, text_file, a, b, lang)
    clerk = ws.review_text(a, b)  # checked with the workspace (check_review_files)
    review = review_of(ws, a, b, as_of, excluded)
    if docx:
        return _write_docx(ws, root, review, clerk, text_file, out, number, date, draft, pdf, lang)
    if as_json:
        from kh121.presenters.review_text import dumps

        sys.stdout.write(dumps(review))
    else:
        from kh121.presenters.review_text import render_review

        sys.stdout.write(render_review(review, lang))
    if excluded:
        from kh121.presenters.status_text import excluded_banner

        sys.stderr.write(excluded_banner(review.view, lang))
        return EXIT_FAIL
    return EXIT_OK


def _scaffold(ws: Workspace, root: Path, target: Path, a: int, b: int, lang: str) -> int:
    from kh121.record import focal
    from kh121.review import plan_years, year_end
    from kh121.scaffold import review_scaffold

    who = ws.agencies.name(focal(ws, year_end(b)), short=False)
    text = review_scaffold(a, b, who, (a, b) == plan_years(ws))
    write_atomic(inside_root(target, root), text, overwrite=False)
    shown = paths.shown(target, root)
    print(t(f"đã tạo {shown}", f"created {shown}", lang))
    print(
        t(
            "điền các phần người viết, rồi chạy 'kh121 review --docx' với cùng --from, --to",
            "fill in the written parts, then run 'kh121 review --docx' with the same --from, --to",
            lang,
        )
    )
    return EXIT_OK


TEMPLATE = Path("templates/bao_cao_so_ket.docx")


def _write_docx(
    ws: Workspace,
    root: Path,
    review: Review,
    text: ReviewText | None,
    text_file: Path,
    out: Path | None,
    number: str | None,
    date: dt.date | None,
    draft: bool,
    pdf: bool,
    lang: str,
) -> int:
    from kh121.issuing import file_name, issue, refuse_blanks, report_blanks
    from kh121.presenters.review_context import PARTS, ReviewInput, build_review_context

    day = issue_day(date, text.date if text else None, review.as_of)
    settings = report_settings(ws).on(day)  # the letterhead in force on the review's date
    shown = paths.shown(text_file, root)
    found = report_blanks(settings, number, text, shown, ws.plan, PARTS, "kh121 review --scaffold")
    blanks = refuse_blanks(found, draft)
    context = build_review_context(ReviewInput(ws.plan, settings, text, number, day, draft), review)
    kind = "TK" if review.whole_span else "SK"
    parts = ["BC", kind, ws.plan.plan.code, f"{review.first}-{review.last}"]
    target = out or inside_root(root / paths.REPORTS / file_name(parts, day, draft), root)
    author = settings.letterhead.agency
    issue(root, root / TEMPLATE, context, day, author, target, blanks, pdf, lang)
    return EXIT_OK
