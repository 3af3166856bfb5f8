"""What the Word report says: every variable a template can use. Pure.

The template only lays these out; nothing here knows about Word. Dates in running text are
written one way (`dates.formal`: "ngày 20 tháng 3 năm 2023"), in tables as dd/mm/yyyy.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from kh121 import calendar as cal
from kh121.dates import dmy, formal
from kh121.issuing import is_placeholder_name, padded, writer_number, writer_signer
from kh121.models import (
    ClerkText,
    DocRef,
    Letterhead,
    MergedEntry,
    MergedFile,
    MergedSource,
    MergedTask,
    PlanFile,
    ReportSettings,
    Signer,
    deliveries,
    paragraphs,
)
from kh121.presenters import labels
from kh121.presenters.status_json import summary_json
from kh121.presenters.story import ASSUMED_WORDS, MOVED_WORDS, story
from kh121.states import Bin
from kh121.status import contradicting
from kh121.text import UNSAFE
from kh121.views import Directory, ObligationView, StatusView, Summary

GAP = "…"  # what a reader sees where a fact is not known
NO_RESULT = "Chưa có cơ quan nào báo cáo kết quả trong kỳ."
# The clerk's sections, as the report titles them, with what each is for.
CLERK_SCAFFOLD = "kh121 report new --clerk"  # writes the file of the parts below
CLERK_PARTS: dict[str, tuple[str, str]] = {
    "achievements": ("Kết quả đạt được", "achievements"),
    "shortcomings": ("Tồn tại, hạn chế", "shortcomings"),
    "causes": ("Nguyên nhân", "causes"),
    "next_tasks": ("Nhiệm vụ, giải pháp kỳ tới", "next tasks"),
    "proposals": ("Kiến nghị, đề xuất", "proposals"),
}


def clean_text(text: str) -> str:
    """Text safe inside a document: no character XML forbids or that would make a line read
    otherwise than written (validate refuses them first), no template tags."""
    text = UNSAFE.sub("", text)
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


# ----------------------------------------------------------------- placeholders


def marked(text: str) -> str:
    """A placeholder as a draft shows it: visibly, never as if it were the text (a document
    to issue with one is refused before it is filled: `issuing.refuse_blanks`)."""
    return f"[DỰ THẢO — {text}]"


def letterhead_part(letterhead: Letterhead) -> dict[str, Any]:
    """The letterhead as every template reads it; its header lines default to the agency's
    name in capitals."""
    return {
        **letterhead.model_dump(),
        "header_lines": list(letterhead.header_lines) or [letterhead.agency.upper()],
    }


def signer_part(signer: Signer) -> dict[str, Any]:
    """The signature block as every template reads it; a name not yet given marked."""
    name = signer.name if not is_placeholder_name(signer.name) else marked("chưa có tên người ký")
    return {**signer.model_dump(), "name": name}


def written_part(source: Any, key: str, title: str) -> list[str]:
    """The paragraphs a person wrote for a part of a document (the clerk's assessment, a
    review's text), their dates written out; a marked gap while the part is empty."""
    given = paragraphs(getattr(source, key) if source else None)
    return [formal_dates_in(p) for p in given] or [marked(f"chưa có nội dung phần '{title}'")]


# ----------------------------------------------------------------- body


def basis_text(plan: PlanFile) -> str:
    """The act the tasks come from, as running text cites it."""
    meta = plan.plan
    approved = meta.approved_by
    if approved is None:
        return meta.cited()
    title = approved.title or ""
    subject = f" về việc {formal_dates_in(title[:1].lower() + title[1:])}" if title else ""
    return f"{_doc_name(approved)} của {approved.issuer or meta.issuer}{subject}"


def introduce(texts: Iterator[tuple[Any, Any]], d: Directory) -> None:
    """Each agency's short form introduced once, in reading order: the first mention is
    the full name with the short form in brackets ('Sở Khoa học và Công nghệ (Sở
    KH&CN)'), every later one the short form. `texts` yields (holder, key) pairs whose
    string value is rewritten in place. The names and shorts are data/agencies.yaml's."""
    forms: dict[str, tuple[str, str]] = {}
    for a in d.agencies.values():
        if a.group or not a.short or a.short == a.name:
            continue
        forms[a.name] = (a.name, a.short)
        forms[a.short] = (a.name, a.short)
    if not forms:
        return
    words = sorted(forms, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, words)) + r")(?!\w)")
    seen: set[str] = set()

    def one(m: re.Match[str]) -> str:
        full, short = forms[m[1]]
        if short in seen:
            return clean_text(short)
        seen.add(short)
        return clean_text(f"{full} ({short})")  # a name is data: never a template tag

    for holder, key in texts:
        value = holder[key]
        if isinstance(value, str):
            holder[key] = pattern.sub(one, value)


def _items(holder: Any, *keys: Any) -> Iterator[tuple[Any, Any]]:
    """(holder, key) of each string under `holder`, lists walked in order."""
    for key in keys:
        value = holder[key]
        if isinstance(value, list):
            yield from ((value, i) for i in range(len(value)))
        else:
            yield holder, key


def _doc_name(ref: DocRef) -> str:
    """'Quyết định số 1234/QĐ-UBND ngày 05 tháng 9 năm 2023'; a visible gap for what is
    not known ('Quyết định số … ngày … tháng … năm 2023')."""
    number = padded(ref.number) if ref.number else GAP
    if ref.date:
        when = formal(ref.date)
    elif ref.year:
        when = f"ngày {GAP} tháng {GAP} năm {ref.year}"
    else:
        when = f"ngày {GAP}"
    return f"{ref.kind} số {number} {when}"


def _said(e: MergedEntry, d: Directory, lead: bool, when: Callable[[dt.date], str]) -> str:
    """One agency's words on a task: '<agency> (chủ trì): <what> (<evidence; difficulties>).'
    `when` writes a date: in words in the body, dd/mm/yyyy in a table."""
    who = d.name(e.agency) + (" (chủ trì)" if lead else " (phối hợp)")
    text = " ".join((e.done or "").split()).rstrip(".")
    extra = []
    if not text and e.completed_on:
        text = f"Đã hoàn thành {_on(when, e.completed_on)}"
    elif e.completed_on:
        extra.append(f"hoàn thành {_on(when, e.completed_on)}")
    if not text:
        text = labels.state(e.state.value if e.state else "no_report", "vi")
    if e.evidence:
        extra.append(" ".join(e.evidence.split()))
    for delivered in deliveries(e.delivered):
        doc = [padded(delivered.number)] if delivered.number else []
        if delivered.date:
            doc.append(_on(when, delivered.date))
        if delivered.occurrence:
            doc.append(f"cho lượt {delivered.occurrence}")
        if doc:
            extra.append("văn bản " + " ".join(doc))
    for label, value in (("khó khăn", e.difficulties), ("kiến nghị", e.proposals)):
        if value:
            extra.append(f"{label}: {' '.join(value.split()).rstrip('.')}")
    return f"{who}: {text}" + (f" ({'; '.join(extra)})" if extra else "") + "."


def _on(when: Callable[[dt.date], str], day: dt.date) -> str:
    """'ngày 15 tháng 01 năm 2026' in the body, 'ngày 15/01/2026' in a table."""
    text = when(day)
    return text if text.startswith("ngày") else f"ngày {text}"


def _results(item: MergedTask | None, d: Directory, when: Callable[[dt.date], str]) -> list[str]:
    """What the lead and the coordinators reported on a task in the period."""
    if item is None:
        return []
    out = [_said(item.lead, d, True, when)] if item.lead is not None else []
    out += [_said(c, d, False, when) for c in item.contributions]
    return out


_DMY_IN_TEXT = re.compile(r"(?<![\d/])(ngày )?(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")


def formal_dates_in(text: str) -> str:
    """'(ngày) 20/3/2023' in a sentence written as 'ngày 20 tháng 3 năm 2023': one date style
    in running text, even where the source's own words or a computed phrase are quoted. A
    document number ('99/2026/NQ-HĐND') is not a date and is left alone."""

    def one(m: re.Match[str]) -> str:
        try:
            return formal(dt.date(int(m[4]), int(m[3]), int(m[2])))
        except ValueError:
            return m[0]

    return _DMY_IN_TEXT.sub(one, text)


def _task_rows(
    plan: PlanFile,
    status: StatusView,
    merged: MergedFile,
    d: Directory,
    until: dt.date | None = None,
) -> list[dict[str, Any]]:
    items = {t.task: t for t in merged.tasks}
    views = {v.id: v for v in status.tasks}
    rows = []
    for section in plan.sections:
        for task in section.tasks:
            view = views[task.id]
            item = items.get(task.id)
            results = _results(item, d, formal)
            in_table = _results(item, d, dmy)
            rows.append(
                {
                    "section": section.id,
                    "id": task.cite,
                    "content": task.content,
                    "short": task.short or task.content,
                    "lead": d.names(task.leads),
                    "responsible": d.names(view.responsibles),
                    "deadline": task.deadline.text,
                    "next_due": dmy(view.next.effective_due),
                    "state": story(view, "vi", until=until),
                    "state_text": formal_dates_in(story(view, "vi", words=True, until=until)),
                    "state_detail": story(view, "vi", detail=True),
                    "bin": labels.bin_label(view.bin.value, "vi"),
                    "results": results or [NO_RESULT],
                    "result": " ".join(in_table) or NO_RESULT,
                }
            )
    return rows


def _summary_text(s: Summary, status: StatusView) -> str:
    """The counts, each saying of what; the rate of completion says its base."""
    rate = (
        f"tỷ lệ hoàn thành: {labels.number(s.percent_done_of_due, 'vi')}% số lượt đã đến hạn"
        f" ({s.done_of_due}/{s.due} lượt)"
        if s.due
        else "chưa có lượt nào đến hạn"
    )
    n = len(status.tasks)
    unit = labels.unit_note({task.deadline_kind for task in status.tasks}, "vi")
    assigned = f", {s.tasks} nhiệm vụ đã giao đến nay" if s.tasks != n else ""
    return (
        f"Kế hoạch có {n} nhiệm vụ{assigned}, tính thành {s.total} lượt"
        + (f" ({unit})" if unit else "")
        + f"; đến nay đã đến hạn {s.due} lượt. Đã hoàn thành"
        f" {s.done_on_time + s.done_late} lượt (đúng hạn {s.done_on_time}, quá hạn"
        f" {s.done_late}); chưa hoàn thành {s.open_in_time + s.open_overdue} lượt (trong hạn"
        f" {s.open_in_time}, quá hạn {s.open_overdue}); {rate}."
        + (
            f" Trong đó {s.disputed} lượt còn ý kiến khác nhau giữa các cơ quan, được tính theo"
            " báo cáo của cơ quan chủ trì (nêu ở phần báo cáo chưa thống nhất dưới đây)."
            if s.disputed
            else ""
        )
        + (
            f" Ngoài ra, {s.no_data} lượt đến hạn trước kỳ bắt đầu theo dõi chưa có số liệu,"
            " không tính vào các số trên."
            if s.no_data
            else ""
        )
    )


def _overdue_lines(status: StatusView, d: Directory) -> list[str]:
    """Occurrences past due and not done, by occurrence key: recurring ones grouped by year
    ('Năm 2024: 15 nhiệm vụ …'), a one-time task by itself with its days."""
    by_key: dict[str, list[str]] = defaultdict(list)
    due_of: dict[str, dt.date] = {}
    single = []
    for view in status.tasks:
        for o in view.occurrences:
            if o.bin is not Bin.OPEN_OVERDUE:
                continue
            if o.recurring:
                by_key[o.key].append(view.cite or view.id)
                due_of[o.key] = min(due_of.get(o.key, dt.date.max), o.due or dt.date.max)
            else:
                single.append(
                    f"Nhiệm vụ {view.cite or view.id} ({d.names(view.responsibles)} chủ trì; hạn"
                    f" {dmy(o.effective_due)}): quá hạn {o.days_overdue} ngày, chưa hoàn thành."
                )
    lines = [
        f"{_occurrence_head(key)}: {len(ids)} nhiệm vụ quá hạn, chưa có báo cáo hoàn thành"
        f" ({', '.join(ids)})."
        for key, ids in sorted(by_key.items(), key=lambda kv: (due_of[kv[0]], kv[0]))
    ]
    return lines + single


def _occurrence_head(key: str) -> str:
    """'Năm 2024', 'Quý I/2024', '6 tháng đầu năm 2025': an occurrence as a line's head."""
    said = labels.occurrence(key, "vi")
    return f"Năm {said}" if said.isdigit() else said[:1].upper() + said[1:]


def _contradiction_lines(merged: MergedFile, d: Directory) -> list[str]:
    """Where the lead and a coordinator said opposite things (the rule status and merge use)."""
    out = []
    for item in merged.tasks:
        entries = ([(True, item.lead)] if item.lead else []) + [
            (False, c) for c in item.contributions
        ]
        for a, b in contradicting([(lead, e.state) for lead, e in entries]):
            first, other = entries[a][1], entries[b][1]
            out.append(
                f"Nhiệm vụ {item.task}: {d.name(first.agency)} (chủ trì) báo cáo"
                f" \u201c{labels.state(_key(first), 'vi').lower()}\u201d, còn"
                f" {d.name(other.agency)} (phối hợp) báo cáo"
                f" \u201c{labels.state(_key(other), 'vi').lower()}\u201d; cần thống nhất"
                " trước khi đánh giá."
            )
    return out


def _key(e: MergedEntry) -> str:
    return e.state.value if e.state else "no_report"


def _missing(d: Directory, agency: str, owed: dict[str, ObligationView]) -> str:
    o = owed.get(agency)
    said = []
    if o is not None and o.days_late:
        said.append(f"quá hạn {o.days_late} ngày")
    if o is not None and o.reminded is not None:
        number, day, times = o.reminded
        again = f" {times} lần" if times > 1 else ""
        said.append(f"đã đôn đốc{again}, lần cuối Công văn số {padded(number)} {formal(day)}")
    return d.name(agency, short=False) + (f" ({'; '.join(said)})" if said else "")


def _reporting(
    merged: MergedFile, status: StatusView, d: Directory, period_label: str
) -> dict[str, Any]:
    """Who reported on time, late (by how many days), not at all (for how long)."""
    # the focal point's own file is on record, but it owes itself nothing: not a row here
    owing = set(merged.expected)
    sent = [s for s in merged.sources if s.agency in owing or d.today(s.agency) in owing]
    late = [s for s in sent if s.status == "late"]
    said = _agencies_said(merged, d)
    return {
        "reporting_lines": _reporting_lines(merged, status, d, sent),
        "agencies_said_lines": [_said_line(a) for a in said]
        or [f"Các cơ quan không nêu khó khăn, kiến nghị trong báo cáo {period_label}."],
        "late": [{"agency": d.name(s.agency, short=False), "days": s.days_late} for s in late],
        "missing": [d.name(a, short=False) for a in merged.missing],
        "agencies_said": said,
        "appendix2": _appendix2(merged, d),
        "expected_count": len(merged.expected),
    }


def _reporting_lines(
    merged: MergedFile, status: StatusView, d: Directory, sent: list[MergedSource]
) -> list[str]:
    """'Gửi đúng hạn (N cơ quan): …', 'Gửi muộn …', 'Chưa gửi …' — those that apply."""
    late = [s for s in sent if s.status == "late"]
    on_time = [s for s in sent if s.status == "on_time"]
    owed = {o.agency: o for o in status.obligations if o.period == merged.period}
    lines = []
    if on_time:
        names = ", ".join(d.name(s.agency, short=False) for s in on_time)
        lines.append(f"Gửi đúng hạn ({len(on_time)} cơ quan): {names}.")
    if late:
        names = ", ".join(
            f"{d.name(s.agency, short=False)} (muộn {s.days_late} ngày)" for s in late
        )
        lines.append(f"Gửi muộn ({len(late)} cơ quan): {names}.")
    if merged.missing:
        names = ", ".join(_missing(d, a, owed) for a in merged.missing)
        lines.append(
            f"Chưa gửi ({len(merged.missing)} cơ quan, tính đến {formal(status.as_of)}): {names}."
        )
    return lines


def _appendix2(merged: MergedFile, d: Directory) -> list[dict[str, Any]]:
    """Appendix 2: every agency owing the period's report, with what it sent and when."""
    rows = []
    by_agency = {d.today(s.agency): s for s in merged.sources}
    for n, agency in enumerate(merged.expected, 1):
        src = by_agency.get(agency)
        state = "Chưa gửi"
        if src is not None:
            state = "Đúng hạn" if src.status == "on_time" else f"Muộn {src.days_late} ngày"
        rows.append(
            {
                "n": n,
                "agency": d.name(agency, short=False),
                "number": (src.number or "") if src else "",
                "received": dmy(src.received) if src else "",
                "status": state,
            }
        )
    return rows


def _agencies_said(merged: MergedFile, d: Directory) -> list[dict[str, str]]:
    """The difficulties and proposals each agency wrote, on one line each."""
    return [
        {
            "agency": d.name(g.agency, short=False),
            "difficulties": " ".join(g.difficulties.split()) if g.difficulties else "",
            "proposals": " ".join(g.proposals.split()) if g.proposals else "",
        }
        for g in merged.general
        if g.difficulties or g.proposals
    ]


def _said_line(a: dict[str, str]) -> str:
    parts = (
        f"{label}: {a[key].rstrip('.')}"
        for label, key in (("khó khăn", "difficulties"), ("kiến nghị", "proposals"))
        if a[key]
    )
    return f"{a['agency']}: " + "; ".join(parts) + "."


# ----------------------------------------------------------------- the whole


@dataclass(frozen=True)
class ReportInput:
    """What the report is built from, besides the status view."""

    plan: PlanFile
    settings: ReportSettings
    period: cal.Period
    merged: MergedFile
    clerk: ClerkText | None
    clerk_file: str
    number: str | None  # as given on the command line
    date: dt.date
    draft: bool
    reply_by: dt.date | None = None  # the one reply date (kh121.reply), as the letter's
    next_until: dt.date | None = None  # the end of the next period (its effective due)


def _next_period_lines(status: StatusView, until: dt.date | None) -> list[str]:
    """Occurrences not done that fall due after the view's date and by the end of the next
    period, grouped by due date: what Part III starts from."""
    if until is None:
        return []
    by_due: dict[dt.date, list[str]] = defaultdict(list)
    for view in status.tasks:
        for o in view.occurrences:
            due = o.effective_due
            if due is None or o.bin.done or not (status.as_of < due <= until):
                continue
            by_due[due].append(view.id)
    return [
        f"Đôn đốc thực hiện {len(ids)} nhiệm vụ đến hạn {formal(due)} ({', '.join(ids)})."
        for due, ids in sorted(by_due.items())
    ]


def _proposal_lines(merged: MergedFile, d: Directory) -> list[str]:
    """The agencies' own proposals (general, then on a task): what Part IV starts from."""
    out = [
        f"{d.name(g.agency, short=False)} kiến nghị: {' '.join(g.proposals.split()).rstrip('.')}."
        for g in merged.general
        if g.proposals
    ]
    for item in merged.tasks:
        for e in ([item.lead] if item.lead else []) + list(item.contributions):
            if e.proposals:
                out.append(
                    f"{d.name(e.agency, short=False)} kiến nghị (nhiệm vụ {item.task}):"
                    f" {' '.join(e.proposals.split()).rstrip('.')}."
                )
    return out


def _reply_line(merged: MergedFile, d: Directory, agency: str, reply: dt.date | None) -> str:
    """The request for the missing reports, by the date the reminder letter gives."""
    if reply is None or not merged.missing:
        return ""
    names = ", ".join(d.name(a, short=False) for a in merged.missing)
    return (
        f"Đề nghị UBND tỉnh chỉ đạo các cơ quan chưa gửi báo cáo ({names}) gửi báo cáo về"
        f" {agency} trước {formal(reply)}."
    )


def founding_kind(plan: PlanFile) -> str:
    """What assigned the tasks: the approving act's kind ('Quyết định'), else the plan's."""
    approved = plan.plan.approved_by
    return approved.kind if approved is not None else plan.plan.kind


def build_context(src: ReportInput, status: StatusView) -> dict[str, Any]:
    """Every variable of the report; see README, 'Template variables'."""
    d = status.directory
    period_label = src.period.label("vi")
    plan_name = src.plan.plan.cited()
    rows = _task_rows(src.plan, status, src.merged, d, src.next_until)
    context = {
        **_heading(src, period_label, plan_name),
        "period": src.period.id,
        "period_label": period_label,
        "as_of": dmy(status.as_of),
        "as_of_formal": formal(status.as_of),
        "plan": _plan_part(src.plan, plan_name),
        "intro": f"Thực hiện {basis_text(src.plan)}, {src.settings.letterhead.agency} báo cáo"
        f" kết quả {period_label} như sau (số liệu tính đến {formal(status.as_of)}):",
        "summary": _summary_part(status.summary),
        "summary_text": _summary_text(status.summary, status),
        "sections": [
            {"id": s.id, "title": s.title, "tasks": [r for r in rows if r["section"] == s.id]}
            for s in src.plan.sections
        ],
        "overdue_lines": _overdue_lines(status, d) or ["Không có nhiệm vụ quá hạn."],
        "contradictions": _contradiction_lines(src.merged, d),
        **_reporting(src.merged, status, d, period_label),
        "reporters_basis": _reporters_basis(src),
        "next_period_lines": _next_period_lines(status, src.next_until),
        "proposal_lines": _proposal_lines(src.merged, d)
        + [
            x
            for x in [_reply_line(src.merged, d, src.settings.letterhead.agency, src.reply_by)]
            if x
        ],
        "reply_by": dmy(src.reply_by) if src.reply_by else "",
        "reply_by_formal": formal(src.reply_by) if src.reply_by else "",
        "clerk": {k: written_part(src.clerk, k, CLERK_PARTS[k][0]) for k in CLERK_PARTS},
        **_ending(src, period_label, plan_name),
        "appendix1": rows,
        "appendix1_note": "Ghi chú: * hạn trùng ngày nghỉ, "
        + MOVED_WORDS[0]
        + "; † "
        + ASSUMED_WORDS[0]
        + ".",
    }
    context = {k: clean(v) for k, v in context.items()}
    introduce(_reading_order(context), d)
    return context


def _number_text(src: ReportInput) -> str:
    """The report's number as printed, or the marked gap of a draft."""
    number = writer_number(src.settings, src.number, src.clerk)
    return number or marked(f"{GAP}/{src.settings.letterhead.number_suffix}")


def _heading(src: ReportInput, period_label: str, plan_name: str) -> dict[str, Any]:
    """The top of the first page: letterhead, number, date, title, recipients."""
    settings = src.settings
    return {
        "draft": src.draft,
        "draft_mark": "DỰ THẢO" if src.draft else "",
        "letterhead": letterhead_part(settings.letterhead),
        "number": _number_text(src),
        "date": dmy(src.date),
        "date_formal": formal(src.date),
        "title": f"Kết quả {period_label} thực hiện {plan_name}",
        "recipient": settings.recipient,
        "recipient_short": settings.recipient_short or settings.recipient,
        "recipients": list(settings.recipients),
    }


def _plan_part(plan: PlanFile, plan_name: str) -> dict[str, Any]:
    meta = plan.plan
    approved = meta.approved_by
    return {
        "code": meta.code,
        "title": meta.title,
        "issuer": meta.issuer,
        "date": dmy(meta.date),
        "date_formal": formal(meta.date),
        "province": meta.province,
        "name": plan_name,
        "approved_by": _doc_name(approved) if approved else "",
        "founding_kind": founding_kind(plan),
    }


def _summary_part(s: Summary) -> dict[str, Any]:
    """The figures as `status --json` gives them, the rate written the Vietnamese way."""
    return {**summary_json(s), "percent_done_of_due": labels.number(s.percent_done_of_due, "vi")}


def _reporters_basis(src: ReportInput) -> str:
    """Whose reports were expected, and on what ground."""
    agency = src.settings.letterhead.agency
    approved = src.plan.plan.approved_by
    duty = src.settings.letter.duty if src.settings.letter is not None else None
    where = f", căn cứ {duty} của {_doc_name(approved)}" if duty and approved else ""
    return f"theo danh sách cơ quan báo cáo do {agency} lập để theo dõi{where}"


def _ending(src: ReportInput, period_label: str, plan_name: str) -> dict[str, Any]:
    """The closing sentence, the signature block and the appendix's caption."""
    settings = src.settings
    agency = settings.letterhead.agency
    recipient_short = settings.recipient_short or settings.recipient
    signer = writer_signer(settings, src.clerk)
    return {
        "closing": f"Trên đây là báo cáo kết quả {period_label} thực hiện {plan_name}."
        f" {agency} kính báo cáo {recipient_short} xem xét, chỉ đạo./.",
        "signer": signer_part(signer),
        "appendix_caption": f"(Kèm theo Báo cáo số {_number_text(src)} {formal(src.date)}"
        f" của {agency})",
    }


def _reading_order(c: dict[str, Any]) -> Iterator[tuple[Any, Any]]:
    """The report's running text and tables as a reader meets them; what is quoted verbatim
    (the tasks' content) and the fixed formulas (header, caption, Kính gửi) left out."""
    yield from _items(c, "intro", "summary_text")
    for section in c["sections"]:
        for task in section["tasks"]:
            yield from _items(task, "responsible", "state_text", "results")
    yield from _items(c, "contradictions", "overdue_lines", "reporters_basis", "reporting_lines")
    yield from _items(c, "agencies_said_lines")
    for key in ("achievements", "shortcomings", "causes"):
        yield from _items(c["clerk"], key)
    yield from _items(c, "next_period_lines")
    yield from _items(c["clerk"], "next_tasks")
    yield from _items(c, "proposal_lines")
    yield from _items(c["clerk"], "proposals")
    yield from _items(c, "closing")
    for row in c["appendix1"]:
        yield from _items(row, "lead", "responsible", "state", "result")
    for row in c["appendix2"]:
        yield from _items(row, "agency")
