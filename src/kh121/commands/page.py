"""kh121 page: the status as one self-contained HTML page, for leaders who look."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from kh121.atomic import inside_root, write_and_say
from kh121.errors import EXIT_FAIL, EXIT_OK
from kh121.git import revision
from kh121.issuing import template_file
from kh121.loader import load_viewable

PAGE_TEMPLATE = Path("templates/trang_theo_doi.html")
DEFAULT_OUT = Path("reports/trang_theo_doi.html")


def run(*, root: Path, as_of: dt.date, out: Path | None, lang: str) -> int:
    from kh121.clock import today
    from kh121.presenters.page import build_page
    from kh121.status import compute_status, history
    from kh121.templating import render_html

    ws, _warnings, excluded = load_viewable(root, as_of, today())
    view = compute_status(ws, as_of, excluded=excluded)
    template = template_file(root / PAGE_TEMPLATE)
    title = f"Theo dõi thực hiện {ws.plan.plan.kind} {ws.plan.plan.code}"
    context = build_page(view, history(ws, as_of), revision(root), title)
    html = render_html(template, context)  # the Word templates' sandbox and limits
    target = out or inside_root(root / DEFAULT_OUT, root)
    write_and_say(target, html, root, lang)
    if excluded:
        from kh121.presenters.status_text import excluded_banner

        sys.stderr.write(excluded_banner(view, lang))
        return EXIT_FAIL
    return EXIT_OK
