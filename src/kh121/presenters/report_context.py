"""What the Word report says: every variable a template can use. Pure.

The template only lays these out; nothing here knows about Word.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from kh121 import calendar as cal
from kh121.dates import dmy, formal
from kh121.models import (
    ClerkText,
    MergedEntry,
    MergedFile,
    MergedTask,
    PlanFile,
    ReportSettings,
    paragraphs,
)
from kh121.presenters import labels
from kh121.presenters.status_text import summary_line
from kh121.presenters.story import story
from kh121.views import Directory, StatusView

# Characters XML 1.0 forbids (Word refuses a file that holds one), and direction overrides
# that would make a line read otherwise than it is written.
_XML_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
)


def clean_text(text: str) -> str:
    """Text safe inside a document: no forbidden characters, no template tags."""
    text = _XML_FORBIDDEN.sub("", text)
    # A report that quotes '{{' must not look like a tag left unrendered.
    return text.replace("{{", "{\u200b{").replace("{%", "{\u200b%")


def clean(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    return value


def _result(item: MergedTask | None, d: Directory) -> str:
    """What the lead and the coordinators reported on a task in the period."""
    if item is None:
        return "Chưa có báo cáo trong kỳ."
    parts = []
    if item.lead is not None:
        parts.append(_said(item.lead, d, lead=True))
    for c in item.contributions:
        parts.append(_said(c, d, lead=False))
    return " ".join(parts) if parts else "Chưa có báo cáo trong kỳ."


def _said(e: MergedEntry, d: Directory, lead: bool) -> str:
    who = d.name(e.agency) + (" (chủ trì)" if lead else " (phối hợp)")
    text = e.done or labels.state(e.state.value if e.state else "no_report", "vi")
    extra = []
    if e.completed_on:
        extra.append(f"hoàn thành ngày {dmy(e.completed_on)}")
    if e.evidence:
        extra.append(e.evidence)
    if e.delivered is not None and (e.delivered.number or e.delivered.date):
        extra.append(
            "văn bản " + " ngày ".join(x for x in (e.delivered.number, dmy(e.delivered.date)) if x)
        )
    body = " ".join(text.split()).rstrip(".")
    return f"{who}: {body}" + (f" ({'; '.join(extra)})" if extra else "") + "."


def _task_rows(
    plan: PlanFile, status: StatusView, merged: MergedFile, d: Directory
) -> list[dict[str, Any]]:
    items = {t.task: t for t in merged.tasks}
    views = {v.id: v for v in status.tasks}
    rows = []
    for section in plan.sections:
        for task in section.tasks:
            view = views[task.id]
            rows.append(
                {
                    "section": section.id,
                    "id": task.id,
                    "content": task.content,
                    "lead": d.name(task.lead),
                    "responsible": d.name(view.responsible),
                    "deadline": task.deadline.text,
                    "next_due": dmy(view.next.effective_due),
                    "state": story(view, "vi", detail=True),
                    "bin": labels.bin_label(view.bin.value, "vi"),
                    "result": _result(items.get(task.id), d),
                }
            )
    return rows


def _reporting_texts(
    merged: MergedFile, d: Directory, period_label: str
) -> tuple[str, str, list[dict[str, Any]]]:
    late = [s for s in merged.sources if s.status == "late"]
    missing_text = (
        f"Các cơ quan chưa gửi báo cáo {period_label}: "
        + ", ".join(d.name(a, short=False) for a in merged.missing)
        + "."
        if merged.missing
        else f"Tất cả các cơ quan đã gửi báo cáo {period_label}."
    )
    if late:
        missing_text += (
            " Gửi muộn: "
            + ", ".join(f"{d.name(s.agency, short=False)} ({s.days_late} ngày)" for s in late)
            + "."
        )
    by_agency = {d.today(s.agency): s for s in merged.sources}
    rows = []
    for n, agency in enumerate(merged.expected, 1):
        src = by_agency.get(agency)
        status = "Chưa gửi"
        if src is not None:
            status = "Đúng hạn" if src.status == "on_time" else f"Muộn {src.days_late} ngày"
        rows.append(
            {
                "n": n,
                "agency": d.name(agency, short=False),
                "number": src.number or "" if src else "",
                "received": dmy(src.received) if src else "",
                "status": status,
            }
        )
    general = " ".join(
        f"{d.name(g.agency)}: "
        + "; ".join(
            x
            for x in (
                f"khó khăn: {g.difficulties}" if g.difficulties else "",
                f"kiến nghị: {g.proposals}" if g.proposals else "",
            )
            if x
        )
        + "."
        for g in merged.general
    )
    return missing_text, general, rows


def build_context(
    plan: PlanFile,
    settings: ReportSettings,
    period: cal.Period,
    merged: MergedFile,
    clerk: ClerkText | None,
    status: StatusView,
    number: str | None,
    date: dt.date,
) -> dict[str, Any]:
    """Every variable of the report; see README, 'Template variables'."""
    d = status.directory
    meta = plan.plan
    period_label = f"{period.rule.label_vi} {period.year}"
    approved = meta.approved_by
    act = approved.kind + (f" số {approved.number}" if approved.number else "")
    when = (
        f" {formal(approved.date)}"
        if approved.date
        else (f" năm {approved.year}" if approved.year else "")
    )
    subject = approved.title[:1].lower() + approved.title[1:] if approved.title else ""
    rows = _task_rows(plan, status, merged, d)
    sections = [
        {"id": s.id, "title": s.title, "tasks": [r for r in rows if r["section"] == s.id]}
        for s in plan.sections
    ]
    overdue = [v for v in status.tasks if v.overdue]
    overdue_text = (
        "Các nhiệm vụ quá hạn: "
        + "; ".join(f"{v.id} ({d.name(v.responsible)}: {story(v, 'vi')})" for v in overdue)
        + "."
        if overdue
        else "Không có nhiệm vụ quá hạn."
    )
    contradictions = [w.message for w in merged.warnings if w.code == "W061"]
    if contradictions:
        overdue_text += " Báo cáo chưa thống nhất: " + "; ".join(contradictions) + "."
    missing_text, general_text, appendix2 = _reporting_texts(merged, d, period_label)
    signer = clerk.signer if clerk and clerk.signer else settings.signer
    suffix = settings.letterhead.number_suffix
    number_text = number or (clerk.number if clerk and clerk.number else f"      /{suffix}")
    if number_text and "/" not in number_text:
        number_text = f"{number_text}/{suffix}"

    def clerk_part(name: str) -> list[str]:
        return paragraphs(getattr(clerk, name) if clerk else None) or ["(Chưa có nội dung.)"]

    clerk_parts = {
        k: clerk_part(k)
        for k in ("achievements", "shortcomings", "causes", "next_tasks", "proposals")
    }
    if general_text:
        clerk_parts["shortcomings"] = [
            *[p for p in clerk_parts["shortcomings"] if p != "(Chưa có nội dung.)"],
            "Các cơ quan nêu: " + general_text,
        ]
    context = {
        "letterhead": settings.letterhead.model_dump(),
        "number": number_text,
        "date": dmy(date),
        "date_formal": formal(date),
        "title": f"Kết quả thực hiện Kế hoạch số {meta.code} ngày {dmy(meta.date)} của"
        f" {meta.issuer}, {period_label}",
        "recipient": settings.recipient,
        "recipients": list(settings.recipients),
        "period": period.id,
        "period_label": period_label,
        "as_of": dmy(status.as_of),
        "plan": {
            "code": meta.code,
            "title": meta.title,
            "issuer": meta.issuer,
            "date": dmy(meta.date),
            "province": meta.province,
        },
        "intro": f"Thực hiện {act}{when} của {approved.issuer} về việc {subject},"
        f" {settings.letterhead.agency} báo cáo kết quả thực hiện {period_label}"
        f" (số liệu đến ngày {dmy(status.as_of)}) như sau:",
        "summary": {
            "total": status.summary.total,
            "due": status.summary.due,
            "done_on_time": status.summary.done_on_time,
            "done_late": status.summary.done_late,
            "open_in_time": status.summary.open_in_time,
            "open_overdue": status.summary.open_overdue,
            "percent_done": labels.number(status.summary.percent_done, "vi"),
        },
        "summary_text": summary_line(status.summary, "vi"),
        "sections": sections,
        "overdue_text": overdue_text,
        "missing_text": missing_text,
        "general_text": general_text,
        "clerk": clerk_parts,
        "signer": signer.model_dump(),
        "appendix1": rows,
        "appendix2": appendix2,
    }
    return {k: clean(v) for k, v in context.items()}
