"""What the Word report says: every variable a template can use. Pure.

The template only lays these out; nothing here knows about Word.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from kh121 import calendar as cal
from kh121.agencies import AgencyIndex
from kh121.dates import dmy, formal
from kh121.models import ClerkText, PlanFile, ReportSettings
from kh121.presenters import labels
from kh121.presenters.status_text import summary_line
from kh121.status import StatusView

# Characters XML 1.0 forbids; Word refuses a file that holds one.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


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


def _paragraphs(text: str | None, empty: str) -> list[str]:
    if not text:
        return [empty]
    return [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def _result(item: dict[str, Any] | None, agencies: AgencyIndex) -> str:
    if item is None:
        return "Chưa có báo cáo."
    parts = []
    lead = item.get("lead")
    if lead:
        text = lead.get("done") or labels.state(lead.get("state", "no_report"), "vi")
        extra = []
        if lead.get("completed_on"):
            extra.append(f"hoàn thành ngày {dmy(lead['completed_on'])}")
        if lead.get("evidence"):
            extra.append(str(lead["evidence"]))
        delivered = lead.get("delivered") or {}
        if delivered.get("number") or delivered.get("date"):
            extra.append(
                "văn bản "
                + " ngày ".join(
                    x for x in (str(delivered.get("number") or ""), dmy(delivered.get("date"))) if x
                )
            )
        body = " ".join(str(text).split()).rstrip(".")
        parts.append(body + (f" ({'; '.join(extra)})" if extra else ""))
    for c in item.get("contributions", []):
        text = c.get("done") or labels.state(c.get("state", "no_report"), "vi")
        parts.append(f"{agencies.name(c['agency'])} phối hợp: {' '.join(str(text).split())}")
    return " ".join(p.rstrip(".") + "." for p in parts) if parts else "Chưa có báo cáo."


def build_context(
    plan: PlanFile,
    agencies: AgencyIndex,
    settings: ReportSettings,
    period: cal.Period,
    merged: dict[str, Any],
    clerk: ClerkText | None,
    status: StatusView,
    number: str | None,
    date: dt.date,
) -> dict[str, Any]:
    """Every variable of the report; see README, 'Template variables'."""
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
    items = {t["task"]: t for t in merged.get("tasks", [])}
    views = {v.id: v for v in status.tasks}
    sections = []
    appendix1 = []
    for section in plan.sections:
        rows = []
        for task in section.tasks:
            view = views[task.id]
            state = labels.state(view.state, "vi")
            if view.overdue:
                state += f"; quá hạn {view.days_overdue} ngày"
            result = _result(items.get(task.id), agencies)
            row = {
                "id": task.id,
                "content": task.content,
                "lead": agencies.name(task.lead),
                "responsible": agencies.name(view.responsible),
                "deadline": task.deadline.text,
                "next_due": dmy(view.effective_due),
                "state": state,
                "bin": labels.bin_label(view.bin, "vi"),
                "result": result,
            }
            rows.append(row)
            appendix1.append(row)
        sections.append({"id": section.id, "title": section.title, "tasks": rows})
    overdue = [v for v in status.tasks if v.overdue]
    overdue_text = (
        "Các nhiệm vụ quá hạn: "
        + "; ".join(
            f"{v.id} ({agencies.name(v.responsible)}, quá hạn {v.days_overdue} ngày)"
            for v in overdue
        )
        + "."
        if overdue
        else "Không có nhiệm vụ quá hạn."
    )
    missing = merged.get("missing", [])
    missing_text = (
        f"Các cơ quan chưa gửi báo cáo {period_label}: "
        + ", ".join(agencies.name(a, short=False) for a in missing)
        + "."
        if missing
        else f"Tất cả các cơ quan đã gửi báo cáo {period_label}."
    )
    sources = {s["agency"]: s for s in merged.get("sources", [])}
    by_agency = {agencies.resolve(code, period.due): s for code, s in sources.items()}
    appendix2 = []
    for n, agency in enumerate(merged.get("expected", []), 1):
        src = by_agency.get(agency)
        status_text = "Chưa gửi"
        if src is not None:
            status_text = (
                "Đúng hạn"
                if src.get("status") == "on_time"
                else (f"Muộn {src.get('days_late', 0)} ngày")
            )
        appendix2.append(
            {
                "n": n,
                "agency": agencies.name(agency, short=False),
                "number": (src or {}).get("number", ""),
                "received": dmy((src or {}).get("received") or (src or {}).get("date")),
                "status": status_text,
            }
        )
    signer = clerk.signer if clerk and clerk.signer else settings.signer
    suffix = settings.letterhead.number_suffix
    number_text = number or (clerk.number if clerk and clerk.number else f"      /{suffix}")

    def clerk_part(name: str) -> list[str]:
        return _paragraphs(getattr(clerk, name) if clerk else None, "(Chưa có nội dung.)")

    context = {
        "letterhead": settings.letterhead.model_dump(),
        "number": number_text,
        "date": dmy(date),
        "date_formal": formal(date),
        "title": f"Kết quả thực hiện Kế hoạch số {meta.code} ngày {dmy(meta.date)} của"
        f" {meta.issuer} {period_label}",
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
        "clerk": {
            k: clerk_part(k)
            for k in ("achievements", "shortcomings", "causes", "next_tasks", "proposals")
        },
        "signer": signer.model_dump(),
        "appendix1": appendix1,
        "appendix2": appendix2,
    }
    return {k: clean(v) for k, v in context.items()}
