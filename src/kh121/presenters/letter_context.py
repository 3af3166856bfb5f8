"""What a công văn đôn đốc says: every variable of its template, its text and JSON. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kh121 import calendar as cal
from kh121.dates import dmy, formal
from kh121.models import LetterSettings, PlanFile, ReportSettings, Signer
from kh121.presenters.report_context import GAP, clean, is_placeholder_name
from kh121.remind import Chase, Owed
from kh121.views import Directory

_SHORT = 110  # characters of a task's content quoted in a letter


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


def letter_number(given: str | None, suffix: str) -> str | None:
    """'130' → '130/SKHCN-QLCN'; a whole number as given; None when none was given."""
    if not given:
        return None
    return given if "/" in given else f"{given}/{suffix}"


def problems(signer: Signer, number: str | None) -> list[tuple[str, str]]:
    """What a letter may not go out without, each (vi, en)."""
    out = []
    if number is None:
        out.append(("số công văn chưa có: chạy với --number SỐ", "no number: run with --number N"))
    if is_placeholder_name(signer.name):
        out.append(
            (
                f"người ký chưa có tên ('{signer.name}'): điền signer trong data/report.yaml",
                f"the signer has no name ('{signer.name}'): fill signer in data/report.yaml",
            )
        )
    return out


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= _SHORT:
        return text.rstrip(".")
    cut = text[:_SHORT].rsplit(" ", 1)[0]
    return cut.rstrip(",;.") + " …"


def _keys(keys: tuple[str, ...]) -> str:
    if keys == ("once",):
        return ""
    return ", ".join(keys)


def items(owed: Owed, d: Directory, period_label: str) -> list[str]:
    """One agency's lines: each report owed, each task with its overdue occurrences."""
    out = []
    for _period, due, behalf in owed.reports:
        of = f" (phần việc của {d.name(behalf, short=False)} trước đây)" if behalf else ""
        out.append(f"Báo cáo {period_label} chưa gửi{of}; hạn {formal(due)}.")
    for t in owed.tasks:
        which = _keys(t.keys)
        when = (
            f"các lượt {which} "
            if which and len(t.keys) > 1
            else (f"lượt {which} " if which else "")
        )
        last = formal(t.due[-1]) if t.due else ""
        out.append(
            f"Nhiệm vụ {t.task} ({_short(t.content)}): {when}đã quá hạn"
            + (f" (hạn gần nhất {last})" if last else "")
            + ", chưa có báo cáo hoàn thành."
        )
    return out


def build_letter(src: LetterInput, d: Directory) -> dict[str, Any]:
    """Every variable of the letter's template."""
    meta = src.plan.plan
    lh = src.settings.letterhead
    period_label = f"{src.period.rule.label_vi} {src.period.year}"
    plan_name = f"{meta.kind} số {meta.code} {formal(meta.date)} của {meta.issuer}"
    times = max((o.times for o in src.chase.letters), default=1)
    again = f" (lần {times})" if times > 1 else ""
    names = [d.name(o.agency, short=False) for o in src.chase.letters]
    if len(names) == 1:
        to_lines = [f"Kính gửi: {names[0]}."]
    else:
        to_lines = ["Kính gửi:"] + [
            f"- {n}{'.' if i == len(names) - 1 else ';'}" for i, n in enumerate(names)
        ]
    blocks = [
        {
            "name": d.name(o.agency, short=False),
            "times": o.times,
            "lines": items(o, d, period_label),
        }
        for o in src.chase.letters
    ]
    recipient = src.settings.recipient_short or src.settings.recipient
    number = src.number or (f"[DỰ THẢO — {GAP}/{src.letter.number_suffix}]")
    signer = src.signer
    context = {
        "draft": src.draft,
        "draft_mark": "DỰ THẢO" if src.draft else "",
        "letterhead": {
            **lh.model_dump(),
            "header_lines": list(lh.header_lines) or [lh.agency.upper()],
        },
        "number": number,
        "date": dmy(src.date),
        "date_formal": formal(src.date),
        "subject": f"đôn đốc báo cáo kết quả thực hiện {meta.kind} số {meta.code}, {period_label}"
        + again,
        "to_lines": to_lines,
        "intro": f"Thực hiện {plan_name}, các cơ quan gửi báo cáo định kỳ tình hình thực hiện về"
        f" {lh.agency} để tổng hợp, báo cáo {recipient}."
        f" Đến {formal(src.chase.as_of)}, {lh.agency} chưa nhận được các báo cáo, kết quả"
        " sau:",
        "blocks": blocks,
        "request": f"Để kịp tổng hợp, báo cáo {recipient}, {lh.agency} đề nghị"
        f" {names[0] if len(names) == 1 else 'các cơ quan'} khẩn trương gửi các báo cáo, kết"
        f" quả nêu trên về {lh.agency} trước"
        f" {formal(src.reply_by)}"
        + (f" (đây là lần đôn đốc thứ {times})" if times > 1 else "")
        + ".",
        "contact": (
            f"Thông tin chi tiết xin liên hệ: {src.letter.contact}." if src.letter.contact else ""
        ),
        "closing": "Trân trọng./.",
        "recipients": ["Như trên;", *src.letter.recipients],
        "signer": {
            **signer.model_dump(),
            "name": signer.name
            if not is_placeholder_name(signer.name)
            else "[DỰ THẢO — chưa có tên người ký]",
        },
        "reply_by": dmy(src.reply_by),
        "period": src.period.id,
        "period_label": period_label,
    }
    return {k: clean(v) for k, v in context.items()}


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
            lines.extend(f"   - {item}" for item in items(owed, d, period_label))
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
