"""kh121 page: the status as one self-contained HTML page, for leaders who look."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from kh121.atomic import inside_root, write_and_say
from kh121.errors import EXIT_FAIL, EXIT_OK, KnownError
from kh121.git import revision
from kh121.issuing import template_file
from kh121.loader import load_viewable

PAGE_TEMPLATE = Path("templates/trang_theo_doi.html")
DEFAULT_OUT = Path("reports/trang_theo_doi.html")


def run(*, root: Path, as_of: dt.date, out: Path | None, lang: str) -> int:
    import jinja2

    from kh121.docx_render import bounded_environment
    from kh121.presenters.page import build_page
    from kh121.status import compute_status

    ws, _warnings, excluded = load_viewable(root, as_of)
    view = compute_status(ws, as_of, excluded=excluded)
    history = []
    for period in ws.periods.values():
        day = ws.work.effective(period.due)
        if day <= as_of:
            history.append((period.id, compute_status(ws, day)))
    template = template_file(root / PAGE_TEMPLATE)
    title = f"Theo dõi thực hiện {ws.plan.plan.kind} {ws.plan.plan.code}"
    context = build_page(view, history, revision(root), title)
    try:  # the same bounded sandbox as the Word templates
        html = (
            bounded_environment().from_string(template.read_text(encoding="utf-8")).render(context)
        )
    except jinja2.TemplateError as exc:
        raise KnownError(
            f"mẫu trang '{template}' lỗi: {exc}", f"page template '{template}' failed: {exc}"
        ) from None
    target = out or inside_root(root / DEFAULT_OUT, root)
    write_and_say(target, html, root, lang)
    if excluded:
        from kh121.presenters.status_text import excluded_banner

        sys.stderr.write(excluded_banner(view, lang))
        return EXIT_FAIL
    return EXIT_OK
