"""What a person's filter means on a view: an agency by a code or part of its name (with
the agencies it followed or became), a section, a state; each checked, refused in words
when it means nothing or several things, and said back so the person sees what was shown.
Works on a view (a cached one included): nothing here loads the workspace."""

from __future__ import annotations

import re

from kh121.errors import KnownError
from kh121.messages import t
from kh121.states import STATE_FILTERS
from kh121.views import Directory, StatusView, select


def find_agencies(d: Directory, query: str) -> tuple[list[str], str]:
    """The agencies a name means, and how to say the filter; refused when it is ambiguous."""
    codes = [c for c in d.search(query) if not d.agencies[c].group]
    if not codes and re.fullmatch(r"[IVXLCivxlc]+\.[0-9]+", query.strip()):
        raise KnownError(
            f"không có nhiệm vụ {query.strip().upper()} (xem các mã nhiệm vụ bằng 'kh121 status')",
            f"no task {query.strip().upper()} (see the task ids with 'kh121 status')",
        )
    if not codes:
        raise KnownError(
            f"không có cơ quan nào khớp '{query}' (thử mã như SYT hoặc một phần tên, có dấu"
            " hay không dấu)",
            f"no agency matches '{query}' (try a code such as SYT, or part of a name)",
        )
    today = {d.today(c) for c in codes}
    if len(today) > 1:
        names = "\n".join(f"  {c} ({d.name(c)})" for c in codes)
        raise KnownError(
            f"'{query}' khớp nhiều cơ quan; hãy dùng mã hoặc tên đầy đủ hơn:\n{names}",
            f"'{query}' matches several agencies; use a code or more of the name:\n{names}",
        )
    now = today.pop()
    old = [c for c in codes if c != now]
    said = ", ".join(f"{d.name(c)} ({c})" for c in codes)
    if old:
        said += f" → {d.name(now)} ({now})"
    return [*codes, now] if now not in codes else codes, said


def narrowed(
    view: StatusView,
    lang: str,
    agency: str | None = None,
    section: str | None = None,
    state: str | None = None,
) -> StatusView:
    """The view narrowed as asked, each filter checked and said back to the user."""
    filters: list[str] = []
    codes: list[str] = []
    if agency:
        codes, said = find_agencies(view.directory, agency)
        filters.append(t(f"cơ quan {said}", f"agency {said}", lang))
    if section:
        ids = list(view.section_titles)
        if section.upper() not in ids:
            raise KnownError(
                f"không có phần '{section}' (có: {', '.join(ids)})",
                f"no section '{section}' (there are: {', '.join(ids)})",
            )
        filters.append(t(f"phần {section.upper()}", f"section {section.upper()}", lang))
    if state:
        from kh121.states import FILTER_WORDS, filter_of

        key = filter_of(state)
        if key is None:
            raise KnownError(
                f"tình trạng '{state}' không hợp lệ; chọn một trong: "
                + ", ".join(f"'{FILTER_WORDS.get(k, (k,))[0].lower()}'" for k in STATE_FILTERS),
                f"unknown state '{state}'; choose one of: " + ", ".join(STATE_FILTERS),
            )
        state = key
        filters.append(
            t(
                f"tình trạng {FILTER_WORDS.get(state, (state,))[0].lower()} (đếm theo lượt)",
                f"state {state} (counted by occurrence)",
                lang,
            )
        )
    return select(view, codes, section, state, tuple(filters))
