"""What the Word review (sơ kết, tổng kết) says: every variable of its template. Pure.

The figures are the review's (`kh121.review`), the words a person writes are the clerk's
review file (reports/_so_ket_FROM-TO.yaml); the machinery (cleaning, numbers, placeholders,
the agencies' short forms) is the half-yearly report's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kh121.dates import dmy, formal
from kh121.issuing import writer_number, writer_signer
from kh121.models import PlanFile, ReportSettings, ReviewText
from kh121.presenters import labels
from kh121.presenters.report_context import (
    GAP,
    basis_text,
    clean,
    formal_dates_in,
    introduce,
    letterhead_part,
    marked,
    signer_part,
    written_part,
)
from kh121.presenters.review_text import (
    change_lines,
    kind_word,
    reports_sentence,
    span_words,
    tasks_sentence,
)
from kh121.review import Column, Review
from kh121.views import OccurrenceView

# The parts a person writes, as the review titles them.
PARTS: dict[str, tuple[str, str]] = {
    "direction": ("Công tác chỉ đạo, tổ chức triển khai", "direction"),
    "achievements": ("Kết quả đạt được", "achievements"),
    "shortcomings": ("Tồn tại, hạn chế", "shortcomings"),
    "causes": ("Nguyên nhân", "causes"),
    "lessons": ("Bài học kinh nghiệm", "lessons"),
    "next_tasks": ("Phương hướng, nhiệm vụ giai đoạn tiếp theo", "next stage"),
    "proposals": ("Kiến nghị, đề xuất", "proposals"),
}


@dataclass(frozen=True)
class ReviewInput:
    plan: PlanFile
    settings: ReportSettings
    text: ReviewText | None
    number: str | None
    date: dt.date
    draft: bool


def _occurrence_words(o: OccurrenceView) -> str:
    words = labels.bin_label(o.bin.value, "vi")
    if o.done_on is not None:
        words += f" ({dmy(o.done_on)})"
    return words


def _task_years(review: Review) -> list[dict[str, Any]]:
    d = review.view.directory
    rows = []
    for ty in review.tasks:
        lines = []
        for year, occs in ty.years.items():
            if occs:
                said = "; ".join(_occurrence_words(o) for o in occs)
                lines.append(f"Năm {year}: {said}.")
        rows.append(
            {
                "id": ty.task.id,
                "section": ty.task.section,
                "content": ty.task.short or ty.task.content,
                "responsible": d.name(ty.task.responsible),
                "years": lines or ["Không có lượt nào đến hạn trong giai đoạn."],
            }
        )
    return rows


def _col_row(year: str, c: Column) -> dict[str, Any]:
    s, r = c.tasks, c.reporting
    return {
        "year": year,
        "as_of": dmy(c.as_of),
        "total": s.total,
        "done_on_time": s.done_on_time,
        "done_late": s.done_late,
        "open_in_time": s.open_in_time,
        "open_overdue": s.open_overdue,
        "no_data": s.no_data,
        "percent": labels.number(s.percent_done_of_due, "vi") + "%" if s.due else "-",
        "owed": r.owed,
        "on_time": r.on_time,
        "late": r.late,
        "mean_late": labels.number(r.mean_days_late, "vi") if r.late else "-",
        "worst_late": str(r.worst_days_late) if r.late else "-",
        "missing": r.missing,
        "reminders": r.reminders,
        "reports_no_data": r.no_data,
    }


def build_review_context(src: ReviewInput, review: Review) -> dict[str, Any]:
    """Every variable of templates/bao_cao_so_ket.docx (README, 'kh121 review')."""
    meta = src.plan.plan
    settings = src.settings
    agency = settings.letterhead.agency
    suffix = settings.letterhead.number_suffix
    number_text = writer_number(settings, src.number, src.text) or marked(f"{GAP}/{suffix}")
    signer = writer_signer(settings, src.text)
    plan_name = meta.cited()
    kind = kind_word(review, "vi")
    span = f"{review.first}–{review.last}"
    date_formal = formal(src.date)
    no_data_years = ", ".join(map(str, review.no_data_years))
    context = {
        "draft": src.draft,
        "draft_mark": "DỰ THẢO" if src.draft else "",
        "letterhead": letterhead_part(settings.letterhead),
        "number": number_text,
        "date": dmy(src.date),
        "date_formal": date_formal,
        "title": _title(review, kind, plan_name),
        "kind": kind,
        "years": span,
        "recipient": settings.recipient,
        "recipient_short": settings.recipient_short or settings.recipient,
        "recipients": list(settings.recipients),
        "as_of": dmy(review.as_of),
        "as_of_formal": formal(review.as_of),
        "intro": f"Thực hiện {basis_text(src.plan)}, {agency} báo cáo {kind} kết quả"
        f" {span_words(review, 'vi')} thực hiện {plan_name} như sau (số liệu tính đến"
        f" {formal(review.as_of)}; năm đã khép lại được nêu cả số liệu tại ngày 31 tháng 12"
        " của năm đó):",
        "direction": written_part(src.text, "direction", PARTS["direction"][0]),
        "reporting_lines": [
            f"Năm {y.year}: {reports_sentence(y.now.reporting, 'vi')}." for y in review.years
        ],
        "summary_text": f"Trong giai đoạn {span}: {tasks_sentence(review.total, 'vi')}."
        + (f" Năm chưa có số liệu: {no_data_years}." if no_data_years else ""),
        "year_lines": _year_lines(review),
        "sections": _sections(review),
        "clerk": {k: written_part(src.text, k, PARTS[k][0]) for k in PARTS},
        "closing": f"Trên đây là báo cáo {kind} {span_words(review, 'vi')} thực hiện"
        f" {plan_name}. {agency} kính báo cáo"
        f" {settings.recipient_short or settings.recipient} xem xét, chỉ đạo./.",
        "signer": signer_part(signer),
        "appendix_caption": f"(Kèm theo Báo cáo số {number_text} {date_formal} của {agency})",
        "appendix_years": _appendix_years(review),
        "appendix_agencies": _appendix_agencies(review),
    }
    context = {k: clean(v) for k, v in context.items()}
    introduce(_reading_order(context), review.view.directory)
    return context


def _title(review: Review, kind: str, plan_name: str) -> str:
    """The review's title: one year's, or a stage's with its span."""
    if review.first == review.last:
        return f"{kind[0].upper()}{kind[1:]} năm {review.first} thực hiện {plan_name}"
    title = f"{kind[0].upper()}{kind[1:]} {review.span:02d} năm thực hiện {plan_name},"
    return title + f" giai đoạn {review.first}–{review.last}"


def _year_lines(review: Review) -> list[str]:
    """One sentence a year on its task occurrences: now, at the year's close, and what
    changed after it."""
    year_lines = []
    for y in review.years:
        line = f"Năm {y.year}: {tasks_sentence(y.now.tasks, 'vi')}"
        if y.at_close is not None:
            line += f" (tại ngày 31/12/{y.year}: {tasks_sentence(y.at_close.tasks, 'vi')})"
        changes = change_lines(y, "vi")
        if changes:
            line += "; sau khi năm khép lại: " + "; ".join(changes)
        if y.no_data:
            line += "; năm này chưa có số liệu (chưa nhập báo cáo)"
        year_lines.append(formal_dates_in(line) + ".")
    return year_lines


def _sections(review: Review) -> list[dict[str, Any]]:
    """The plan's sections, each with its tasks' years."""
    return [
        {
            "id": sid,
            "title": title_,
            "tasks": [r for r in _task_years(review) if r["section"] == sid],
        }
        for sid, title_ in review.view.section_titles.items()
    ]


def _appendix_years(review: Review) -> list[dict[str, Any]]:
    """The appendix's rows by year: a closed year at its close, then now."""
    years_rows = []
    for y in review.years:
        if y.at_close is not None:
            years_rows.append(_col_row(str(y.year), y.at_close))
            years_rows.append(_col_row("", y.now))
        else:
            years_rows.append(_col_row(str(y.year), y.now))
    return years_rows


def _appendix_agencies(review: Review) -> list[dict[str, Any]]:
    """The appendix's rows by agency and year; the agency named on its first row."""
    d = review.view.directory
    agency_rows = []
    for g in review.agencies:
        for i, (year, s) in enumerate(g.now.items()):
            r = g.reporting[year]
            took = "; ".join(f"{d.name(a)}: {', '.join(ids)}" for a, ids in g.took_over)
            agency_rows.append(
                {
                    "agency": d.name(g.key, short=False) if i == 0 else "",
                    "took_over": took if i == 0 else "",
                    "year": str(year),
                    "total": s.total,
                    "done": s.done,
                    "open_overdue": s.open_overdue,
                    "no_data": s.no_data,
                    "reports": f"{r.on_time}/{r.late}/{r.missing}" if r.owed else "-",
                }
            )
    return agency_rows


def _reading_order(c: dict[str, Any]) -> Any:
    for key in ("intro", "summary_text"):
        yield c, key
    for key in ("direction", "reporting_lines", "year_lines"):
        for i in range(len(c[key])):
            yield c[key], i
    for s in c["sections"]:
        for task in s["tasks"]:
            yield task, "responsible"
