"""`kh121 show`: one task whole, or one agency's tasks and reports, as text."""

from __future__ import annotations

from kh121.dates import dmy
from kh121.messages import t
from kh121.presenters import labels
from kh121.presenters.status_text import marks_legend, report_lines, title_of
from kh121.presenters.story import due_text, phrase, story
from kh121.presenters.table import Style, fill, paint, wrap
from kh121.states import ReportStatus
from kh121.views import StatusView, TaskView


def _field(label: str, text: str, style: Style) -> str:
    return fill(f"{label}: {text}", style.width, "", "    ")


ROLES = {
    "lead": ("chủ trì", "lead"),
    "assessor": ("Sở đầu mối đánh giá", "the focal point's assessment"),
    "member": ("thành viên", "member"),
    "coordinator": ("phối hợp", "coordinating"),
}


def members_said(reported: int, total: int | None, lang: str) -> str:
    """'3/5 thành viên đã báo cáo' (or '3 thành viên đã báo cáo' when the total is unknown)."""
    of = f"{reported}/{total}" if total else str(reported)
    return t(f"{of} thành viên đã báo cáo", f"{of} members reported", lang)


def render_task(task: TaskView, view: StatusView, style: Style, lang: str) -> str:
    d = view.directory
    out = [paint(f"{task.cite or task.id} — " + t("nhiệm vụ", "task", lang), "bold", style)]
    out.append(_field(t("Nội dung", "Content", lang), task.content, style))
    out.append(_field(t("Sản phẩm", "Product", lang), task.product, style))
    then, now = task.leads or (task.lead,), task.responsibles or (task.responsible,)
    lead = ", ".join(f"{d.name(c, short=False)} ({c})" for c in then)
    if set(now) != set(then):
        named = ", ".join(f"{d.name(c, short=False)} ({c})" for c in now)
        lead += (
            t(f"; nay {named} chịu trách nhiệm", f"; now {named} is responsible", lang)
            if task.merged
            else t(f"; nay {named} thực hiện", f"; now {named} carries it out", lang)
        )
    if task.group:
        lead += t(
            "; các thành viên tự báo cáo, Sở đầu mối đánh giá",
            "; its members report, the focal point assesses it",
            lang,
        )
    out.append(_field(t("Chủ trì", "Lead", lang), lead, style))
    coordinators = ", ".join(d.name(c) for c in task.coordinators) or "—"
    out.append(_field(t("Phối hợp", "Coordinating", lang), coordinators, style))
    form = labels.deadline_form(task.deadline_kind, task.deadline_form, lang)
    out.append(_field(t("Thời hạn", "Deadline", lang), f"{task.deadline_text} ({form})", style))
    out.append(_field(t("Tóm tắt", "In short", lang), story(task, lang, soon=view.soon), style))
    out.extend(["", paint(t("Các lượt", "Occurrences", lang), "bold", style)])
    for o in task.occurrences:
        if not o.assigned and o is not task.next:
            continue
        due = core = t(f"hạn {due_text(o)}", f"due {due_text(o)}", lang)
        if o.due and o.effective_due != o.due:
            due += t(f" (ngày ghi {dmy(o.due)})", f" (nominal {dmy(o.due)})", lang)
        bin_text = labels.bin_label(o.bin.value, lang)
        said = phrase(o, lang, True)
        # the phrase often opens with the bin's own words: say them once
        said = said.removeprefix(f"{core}, ").removeprefix(f"{core}; ")
        tail = said if said.startswith(bin_text) else f"{bin_text}; {said}"
        line = f"{labels.occurrence(o.key, lang)}: {due} — {tail}"
        if task.group:
            line += "; " + members_said(len(o.members), o.members_total, lang)
        out.append(fill(line, style.width, "  ", "      "))
    later = sum(1 for o in task.occurrences if not o.assigned and o is not task.next)
    if later:
        out.append(
            fill(
                t(f"(và {later} lượt sau nữa)", f"(and {later} more to come)", lang),
                style.width,
                "  ",
            )
        )
    out.extend(["", paint(t("Báo cáo đã nhận", "Reports received", lang), "bold", style)])
    if not task.entries:
        out.append("  " + t("(chưa có báo cáo nào)", "(no report yet)", lang))
    for e in task.entries:
        role = t(*ROLES.get(e.role, ROLES["coordinator"]), lang)
        got = (
            t(f"nhận {dmy(e.day)}", f"received {dmy(e.day)}", lang)
            if e.day
            else t("báo cáo của Sở đầu mối", "the focal point's own", lang)
        )
        head = (
            f"{view.period_label(e.period, lang)}, {d.name(e.agency)} ({role}), {got}"
            + f": {labels.state(e.state.value, lang)}"
        )
        out.append(fill(head, style.width, "  ", "      "))
        for label, value in (
            (t("Kết quả", "Result", lang), e.done),
            (t("Văn bản", "Document", lang), e.evidence),
            (t("Khó khăn", "Difficulties", lang), e.difficulties),
            (t("Kiến nghị", "Proposals", lang), e.proposals),
        ):
            if value:
                out.append(fill(f"{label}: {value}", style.width, "      ", "        "))
        out.append(fill(t("Tệp: ", "File: ", lang) + e.file, style.width, "      ", "        "))
    if task.contradictions:
        out.extend(["", paint(t("Mâu thuẫn", "Contradictions", lang), "bold", style)])
        for c in task.contradictions:
            period, lead, lead_state, other, other_state = c.split(" ")
            text = t(
                f"{period}: {d.name(lead)} (chủ trì) báo cáo"
                f" '{labels.state(lead_state, lang)}', {d.name(other)} báo cáo"
                f" '{labels.state(other_state, lang)}'",
                f"{period}: {d.name(lead)} (lead) reports '{labels.state(lead_state, lang)}',"
                f" {d.name(other)} reports '{labels.state(other_state, lang)}'",
                lang,
            )
            out.append(paint(fill("! " + text, style.width, "  ", "    "), "red", style))
    legend = marks_legend([task], style, lang)
    if legend:
        out.extend(["", *legend])
    return "\n".join(out) + "\n"


def render_agency(
    code: str,
    view: StatusView,
    style: Style,
    lang: str,
    whole: StatusView | None = None,
    codes: tuple[str, ...] = (),
) -> str:
    """An agency's tasks and reports; with the whole view, also the tasks it coordinates
    (under its own code or a former one)."""
    d = view.directory
    out = [paint(f"{d.name(code, short=False)} ({code})", "bold", style)]
    former = sorted({d.name(o.agency) for o in view.obligations if o.agency != code})
    if former:
        out.append(fill(t("Thay: ", "Successor of: ", lang) + ", ".join(former), style.width))
    out.extend(
        ["", paint(t("Nhiệm vụ chịu trách nhiệm", "Tasks it answers for", lang), "bold", style)]
    )
    if not view.tasks:
        out.append("  " + t("(không có)", "(none)", lang))
    for task in view.tasks:
        out.append(fill(f"{task.id}  {title_of(task)}", style.width, "  ", "         "))
        out.append(fill(story(task, lang, soon=view.soon), style.width, "         ", "         "))
    mine = {x.id for x in view.tasks}
    # its own code, the codes asked for, and every code it took over (a merger)
    own = {code, *codes, *(c for c, a in d.agencies.items() if a.today == code)}
    helping = [
        x for x in (whole.tasks if whole else ()) if x.id not in mine and own & set(x.coordinators)
    ]
    if helping:
        out.extend(["", paint(t("Nhiệm vụ phối hợp", "Tasks it coordinates", lang), "bold", style)])
        for task in helping:
            lead = d.name(task.responsible)
            head = f"  {task.id:<7}"
            title = wrap(title_of(task), style.width - len(head), 1)[0]
            out.append(head + title)
            out.append(" " * len(head) + t(f"chủ trì: {lead}", f"lead: {lead}", lang))
    duties = [(i, text) for i, text, who in view.duties if own & who]
    if duties:
        out.extend(
            [
                "",
                paint(
                    t("Nhiệm vụ chung của kế hoạch", "The plan's standing duties", lang),
                    "bold",
                    style,
                ),
            ]
        )
        for i, text in duties:
            out.append(fill(f"{i}  {text}", style.width, "  ", "      "))
    out.extend(["", paint(t("Báo cáo theo kỳ", "Reports by period", lang), "bold", style)])
    for o in view.obligations:
        whose = f" ({d.name(o.agency)})" if o.agency != code else ""
        if o.status is ReportStatus.MISSING:
            continue
        status = (
            t("đúng hạn", "on time", lang)
            if o.status is ReportStatus.ON_TIME
            else t(f"muộn {o.days_late} ngày", f"{o.days_late} days late", lang)
        )
        text = f"{view.period_label(o.period, lang)}{whose}: " + t(
            f"nhận {dmy(o.received)}, {status} — {o.file}",
            f"received {dmy(o.received)}, {status} — {o.file}",
            lang,
        )
        out.append(fill(text, style.width, "  ", "    "))
    out.extend(report_lines(list(view.obligations), view, style, lang))
    return "\n".join(out) + "\n"
