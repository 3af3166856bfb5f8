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
    out = [paint(f"{task.cite or task.id} — " + t("nhiệm vụ", "task", lang), "bold", style)]
    out.extend(_task_fields(task, view, style, lang))
    out.extend(["", paint(t("Các lượt", "Occurrences", lang), "bold", style)])
    out.extend(_occurrence_lines(task, style, lang))
    out.extend(["", paint(t("Báo cáo đã nhận", "Reports received", lang), "bold", style)])
    out.extend(_entry_lines(task, view, style, lang))
    if task.contradictions:
        out.extend(["", paint(t("Mâu thuẫn", "Contradictions", lang), "bold", style)])
        out.extend(_contradiction_lines(task, view, style, lang))
    legend = marks_legend([task], style, lang)
    if legend:
        out.extend(["", *legend])
    return "\n".join(out) + "\n"


def _lead_text(task: TaskView, view: StatusView, lang: str) -> str:
    """Who leads it as the plan said, who answers for it today and why, a group's way."""
    d = view.directory
    then, now = task.all_leads, task.answering
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
    return lead


def _task_fields(task: TaskView, view: StatusView, style: Style, lang: str) -> list[str]:
    coordinators = ", ".join(view.directory.name(c) for c in task.coordinators) or "—"
    form = labels.deadline_form(task.deadline_kind, task.deadline_form, lang)
    return [
        _field(t("Nội dung", "Content", lang), task.content, style),
        _field(t("Sản phẩm", "Product", lang), task.product, style),
        _field(t("Chủ trì", "Lead", lang), _lead_text(task, view, lang), style),
        _field(t("Phối hợp", "Coordinating", lang), coordinators, style),
        _field(t("Thời hạn", "Deadline", lang), f"{task.deadline_text} ({form})", style),
        _field(t("Tóm tắt", "In short", lang), story(task, lang, soon=view.soon), style),
    ]


def _occurrence_lines(task: TaskView, style: Style, lang: str) -> list[str]:
    """Each assigned occurrence (and the next one): its due date, its bin, what was said."""
    out = []
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
        more = t(f"(và {later} lượt sau nữa)", f"(and {later} more to come)", lang)
        out.append(fill(more, style.width, "  "))
    return out


def _entry_lines(task: TaskView, view: StatusView, style: Style, lang: str) -> list[str]:
    """Every report line on the task: who, when, what state, what they wrote."""
    d = view.directory
    if not task.entries:
        return ["  " + t("(chưa có báo cáo nào)", "(no report yet)", lang)]
    out = []
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
    return out


def _contradiction_lines(task: TaskView, view: StatusView, style: Style, lang: str) -> list[str]:
    d = view.directory
    out = []
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
    return out


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
    # its own code, the codes asked for, and every code it took over (a merger)
    own = {code, *codes, *(c for c, a in d.agencies.items() if a.today == code)}
    for heading, lines in (
        (
            t("Nhiệm vụ chịu trách nhiệm", "Tasks it answers for", lang),
            _own_tasks(view, style, lang),
        ),
        (
            t("Nhiệm vụ phối hợp", "Tasks it coordinates", lang),
            _helping(view, whole, own, style, lang),
        ),
        (
            t("Nhiệm vụ chung của kế hoạch", "The plan's standing duties", lang),
            _duties(view, own, style),
        ),
        (t("Báo cáo theo kỳ", "Reports by period", lang), _reports_sent(code, view, style, lang)),
    ):
        if lines is not None:
            out.extend(["", paint(heading, "bold", style), *lines])
    out.extend(report_lines(list(view.obligations), view, style, lang))
    return "\n".join(out) + "\n"


def _own_tasks(view: StatusView, style: Style, lang: str) -> list[str]:
    if not view.tasks:
        return ["  " + t("(không có)", "(none)", lang)]
    out = []
    for task in view.tasks:
        out.append(fill(f"{task.id}  {title_of(task)}", style.width, "  ", "         "))
        out.append(fill(story(task, lang, soon=view.soon), style.width, "         ", "         "))
    return out


def _helping(
    view: StatusView, whole: StatusView | None, own: set[str], style: Style, lang: str
) -> list[str] | None:
    """The tasks it coordinates and who leads them; None when there are none."""
    mine = {x.id for x in view.tasks}
    helping = [
        x for x in (whole.tasks if whole else ()) if x.id not in mine and own & set(x.helpers)
    ]
    if not helping:
        return None
    out = []
    for task in helping:
        lead = view.directory.name(task.responsible)
        head = f"  {task.id:<7}"
        out.append(head + wrap(title_of(task), style.width - len(head), 1)[0])
        out.append(" " * len(head) + t(f"chủ trì: {lead}", f"lead: {lead}", lang))
    return out


def _duties(view: StatusView, own: set[str], style: Style) -> list[str] | None:
    """The plan's standing duties (its Article 2) that fall to the agency; None if none."""
    duties = [(i, text) for i, text, who in view.duties if own & who]
    if not duties:
        return None
    return [fill(f"{i}  {text}", style.width, "  ", "      ") for i, text in duties]


def _reports_sent(code: str, view: StatusView, style: Style, lang: str) -> list[str]:
    """Each report received from it (or a predecessor): when, on time or how late."""
    d = view.directory
    out = []
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
    return out
