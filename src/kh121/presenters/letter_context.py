"""What a công văn đôn đốc says: every variable of its template, its text and JSON. Pure."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kh121 import calendar as cal
from kh121.dates import dmy, formal
from kh121.models import LetterSettings, PlanFile, ReportSettings, Signer
from kh121.presenters import labels
from kh121.presenters.report_context import (
    GAP,
    basis_text,
    clean,
    introduce,
    letterhead_part,
    marked,
    signer_part,
)
from kh121.remind import Chase, Owed
from kh121.views import Directory

NBSP = "\u00a0"


@dataclass(frozen=True)
class LetterInput:
    plan: PlanFile
    settings: ReportSettings
    letter: LetterSettings
    period: cal.Period
    chase: Chase
    number: str | None  # as printed, or None
    signer: Signer  # the period's signer (the clerk file's), else the usual one
    date: dt.date
    reply_by: dt.date
    draft: bool


def _title(plan: PlanFile, task: str, content: str) -> str:
    """A task as a letter names it: the short title the plan's data gives, else its whole
    content; never a content cut mid-phrase."""
    found = next((t for t in plan.tasks() if t.id == task), None)
    text = (found.short if found is not None and found.short else None) or content
    return " ".join(text.split()).rstrip(".")


def _inherited(plan: PlanFile, task: str, d: Directory) -> str:
    """'(phần việc của Sở NN&PTNT trước đây)' for a task whose lead has since merged."""
    found = next((t for t in plan.tasks() if t.id == task), None)
    if found is None:
        return ""
    gone = [c for c in found.leads if d.today(c) != c]
    return f" (phần việc của {d.names(gone)} trước đây)" if gone else ""


def _due(nominal: dt.date | None, effective: dt.date) -> str:
    """'hạn ngày 16 tháng 11 năm 2026' with why it is not the 15th when it moved."""
    why = labels.moved_reason(nominal, effective) if nominal is not None else None
    if why is None or nominal is None:
        return f"hạn {formal(effective)}"
    return f"hạn {formal(nominal)} rơi vào {why} nên là {formal(effective)}"


def _keys(keys: tuple[str, ...]) -> str:
    """The occurrences as people say them: '2024, 2025', 'quý I/2025, quý II/2025'."""
    if keys == ("once",):
        return ""
    return ", ".join(labels.occurrence(k, "vi") for k in keys)


def items(
    owed: Owed,
    d: Directory,
    period_label: str,
    plan: PlanFile | None = None,
    period: cal.Period | None = None,
) -> list[str]:
    """One agency's lines: each report owed, each task with its overdue occurrences, each
    task its report said nothing of."""
    out = []
    for period_id, due, behalf in owed.reports:
        of = f" (phần việc của {d.name(behalf)} trước đây)" if behalf else ""
        nominal = period.due if period is not None and period.id == period_id else None
        out.append(f"Báo cáo {period_label} chưa gửi{of}; {_due(nominal, due)}.")
    for t in owed.tasks:
        which = _keys(t.keys)
        when = (
            f"các lượt {which} "
            if which and len(t.keys) > 1
            else (f"lượt {which} " if which else "")
        )
        last = formal(t.due[-1]) if t.due else ""
        title = _title(plan, t.task, t.content) if plan is not None else t.content
        mine = _inherited(plan, t.task, d) if plan is not None else ""
        found = next((x for x in plan.tasks() if x.id == t.task), None) if plan else None
        cite = found.cite if found is not None else t.task
        out.append(
            f"Nhiệm vụ {cite} ({title}){mine}: {when}đã quá hạn"
            + (f" (hạn gần nhất {last})" if last else "")
            + ", chưa có báo cáo hoàn thành."
        )
    for t in owed.supplement:
        title = _title(plan, t.task, t.content) if plan is not None else t.content
        found = next((x for x in plan.tasks() if x.id == t.task), None) if plan else None
        cite = found.cite if found is not None else t.task
        out.append(
            f"Nhiệm vụ {cite} ({title}): báo cáo {period_label} đã gửi chưa nêu kết quả thực"
            " hiện nhiệm vụ này; đề nghị bổ sung."
        )
    return out


def _years(src: LetterInput) -> list[int]:
    """The years the letter chases: the period's, and those of the overdue occurrences."""
    years = {src.period.year} if any(o.reports for o in src.chase.letters) else set()
    for o in src.chase.letters:
        for task in o.tasks:
            years.update(int(k[:4]) for k in task.keys if k[:4].isdigit())
    return sorted(years) or [src.period.year]


def _subject(src: LetterInput, period_label: str, again: str) -> str:
    """'đôn đốc báo cáo … năm 2026 và các nhiệm vụ quá hạn các năm 2023–2025'; each year
    kept with the word before it (no year left alone on the V/v's last line)."""
    meta = src.plan.plan
    text = f"đôn đốc báo cáo kết quả thực hiện {meta.kind} số {meta.code} {period_label}"
    earlier = [y for y in _years(src) if y != src.period.year]
    if len(earlier) == 1:
        text += f" và các nhiệm vụ quá hạn năm {earlier[0]}"
    elif earlier and earlier[-1] - earlier[0] == len(earlier) - 1:
        text += f" và các nhiệm vụ quá hạn các năm {earlier[0]}–{earlier[-1]}"
    elif earlier:
        text += " và các nhiệm vụ quá hạn các năm " + ", ".join(map(str, earlier))
    text = re.sub(r" (?=\d{4})", NBSP, text + again)
    head, _, last = text.rpartition(" ")
    return f"{head}{NBSP}{last}" if head else text


def _intro(src: LetterInput, plan_name: str, recipient: str) -> str:
    """What was asked and by whom: the approving act's article that sets the duty to report
    (data), the duty as the plan's data words it, then what is still missing."""
    lh = src.settings.letterhead
    reporting = src.plan.reporting
    duty = src.letter.duty
    if src.plan.plan.approved_by is not None:
        act = basis_text(src.plan)
        cited = f"{duty} {act}" if duty else act
    else:
        cited = plan_name
    asked = (
        reporting.text[:1].lower() + reporting.text[1:].rstrip(".")
        if reporting.text
        else f"gửi báo cáo định kỳ tình hình thực hiện về {lh.agency} để tổng hợp, báo cáo"
        f" {recipient}"
    )
    return (
        f"Theo {cited}, các cơ quan {asked}. Đến {formal(src.chase.as_of)}, {lh.agency} chưa"
        " nhận được các báo cáo, kết quả sau:"
    )


def build_letter(src: LetterInput, d: Directory) -> dict[str, Any]:
    """Every variable of the letter's template."""
    meta = src.plan.plan
    lh = src.settings.letterhead
    period_label = src.period.label("vi")
    plan_name = meta.cited()
    times = max((o.times for o in src.chase.letters), default=1)
    again = f" (lần {times})" if times > 1 else ""
    names = [d.name(o.agency, short=False) for o in src.chase.letters]
    to_list = [f"- {n}{'.' if i == len(names) - 1 else ';'}" for i, n in enumerate(names)]
    recipient = src.settings.recipient_short or src.settings.recipient
    number = src.number or marked(f"{GAP}/{src.letter.number_suffix}")
    raw = {
        "draft": src.draft,
        "draft_mark": "DỰ THẢO" if src.draft else "",
        "letterhead": letterhead_part(lh),
        "number": number,
        "date": dmy(src.date),
        "date_formal": formal(src.date),
        "subject": _subject(src, period_label, again),
        "to_lines": [f"Kính gửi: {names[0]}."] if len(names) == 1 else ["Kính gửi:", *to_list],
        "to_list": to_list,
        "intro": _intro(src, plan_name, recipient),
        "blocks": _blocks(src, d, period_label),
        "request": _request(src, names, recipient, times),
        "contact": (
            f"Thông tin chi tiết xin liên hệ: {src.letter.contact}." if src.letter.contact else ""
        ),
        "closing": "Trân trọng./.",
        "recipients": ["Như trên;", *src.letter.recipients],
        "signer": signer_part(src.signer),
        "reply_by": dmy(src.reply_by),
        "period": src.period.id,
        "period_label": period_label,
    }
    context: dict[str, Any] = {k: clean(v) for k, v in raw.items()}
    introduce(_reading_order(context), d)
    return context


def _blocks(src: LetterInput, d: Directory, period_label: str) -> list[dict[str, Any]]:
    """One block an agency chased: its name, how many times, the lines it owes."""
    return [
        {
            "name": d.name(o.agency, short=False),
            "times": o.times,
            "lines": items(o, d, period_label, src.plan, src.period),
        }
        for o in src.chase.letters
    ]


def _request(src: LetterInput, names: list[str], recipient: str, times: int) -> str:
    """What the letter asks, by when, and which reminder this is."""
    agency = src.settings.letterhead.agency
    return (
        f"Để kịp tổng hợp, báo cáo {recipient}, {agency} đề nghị"
        f" {names[0] if len(names) == 1 else 'các cơ quan'} khẩn trương gửi các báo cáo, kết"
        f" quả nêu trên về {agency} trước"
        f" {formal(src.reply_by)}"
        + (f" (đây là lần đôn đốc thứ {times})" if times > 1 else "")
        + "."
    )


def _reading_order(context: dict[str, Any]) -> Iterator[tuple[Any, Any]]:
    """The letter's texts in reading order, for `introduce` (agencies' short forms)."""
    yield context, "intro"
    for block in context["blocks"]:
        yield from ((block["lines"], i) for i in range(len(block["lines"])))
    yield context, "request"
    yield context, "contact"


def as_text(src: LetterInput, d: Directory, context: dict[str, Any]) -> str:
    """The same letter as plain text (for e-mail or the document system), and the issuing
    agency's own overdue items for the clerk; every line within 80 columns."""
    import textwrap

    return (
        "\n".join(
            "\n".join(
                textwrap.wrap(
                    line, 80, subsequent_indent=" " * (len(line) - len(line.lstrip(" -")))
                )
                or [""]
            )
            for line in _text_lines(src, d, context)
        )
        + "\n"
    )


def _text_lines(src: LetterInput, d: Directory, context: dict[str, Any]) -> list[str]:
    lines = [
        f"Số: {context['number']}    {context['letterhead']['place']}, {context['date_formal']}",
        f"V/v {context['subject']}",
        "",
        *context["to_lines"],
        "",
        context["intro"],
    ]
    for n, block in enumerate(context["blocks"], 1):
        lines.append(f"{n}. {block['name']}:")
        lines.extend(f"   - {item}" for item in block["lines"])
    lines += ["", context["request"]]
    if context["contact"]:
        lines.append(context["contact"])
    if src.chase.own:
        period_label = context["period_label"]
        lines += ["", f"(Cho cán bộ theo dõi — việc của chính {src.settings.letterhead.agency}:)"]
        for owed in src.chase.own:
            lines.extend(
                f"   - {item}" for item in items(owed, d, period_label, src.plan, src.period)
            )
    return lines


def as_json(src: LetterInput, d: Directory) -> dict[str, Any]:
    def one(o: Owed) -> dict[str, Any]:
        return {
            "agency": o.agency,
            "name": d.name(o.agency, short=False),
            "times": o.times,
            "reports": [
                {"period": p, "due": due.isoformat(), "on_behalf_of": behalf}
                for p, due, behalf in o.reports
            ],
            "tasks": [
                {"task": t.task, "occurrences": list(t.keys), "due": [x.isoformat() for x in t.due]}
                for t in o.tasks
            ],
            "supplement": [t.task for t in o.supplement],
        }

    return {
        "version": 1,
        "period": src.period.id,
        "as_of": src.chase.as_of.isoformat(),
        "date": src.date.isoformat(),
        "reply_by": src.reply_by.isoformat(),
        "number": src.number,
        "letters": [one(o) for o in src.chase.letters],
        "own": [one(o) for o in src.chase.own],
    }
