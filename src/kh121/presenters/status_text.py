"""The clerk's screens: `kh121 status` and `kh121 overdue` as text."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from kh121.dates import dmy
from kh121.messages import t
from kh121.presenters import labels
from kh121.presenters.story import due_text, phrase, story
from kh121.presenters.table import Cell, Style, fill, paint, render_table, rule, wrap
from kh121.states import Reported, ReportStatus
from kh121.views import (
    Directory,
    ObligationView,
    StatusView,
    Summary,
    TaskView,
    is_soon,
    to_chase,
)


def _colour(task: TaskView, soon: int) -> str | None:
    if task.overdue:
        return "red"
    if any(is_soon(o, soon) for o in task.occurrences):
        return "yellow"
    return "green" if task.next.bin.done else None


def title_of(task: TaskView) -> str:
    return task.short or task.content


def summary_line(s: Summary, lang: str, view: StatusView | None = None) -> str:
    return _plan_line(view, s, lang) + _bins_line(s, lang) + _apart_line(s, lang)


def _plan_line(view: StatusView | None, s: Summary, lang: str) -> str:
    """How many tasks the plan has, and what one occurrence is for its kinds of deadline."""
    if view is None:
        return ""
    unit = labels.unit_note({task.deadline_kind for task in view.tasks}, lang)
    n = len(view.tasks)
    head = t(f"Kế hoạch có {n} nhiệm vụ", f"The plan has {n} tasks", lang)
    if s.tasks != n:
        head += t(f", {s.tasks} nhiệm vụ đã giao đến nay", f", {s.tasks} assigned so far", lang)
    return head + (f" ({unit})" if unit else "") + ". "


def _apart_line(s: Summary, lang: str) -> str:
    """What the figures above leave out or count with a reservation, said after them."""
    out = ""
    if s.disputed:
        out += t(
            f" Trong đó {s.disputed} lượt còn ý kiến khác nhau giữa các cơ quan (tính theo báo"
            " cáo của cơ quan chủ trì).",
            f" Of these, {s.disputed} are disputed between agencies (counted by the lead's"
            " report).",
            lang,
        )
    if s.no_data:
        out += t(
            f" Ngoài ra {s.no_data} lượt đến hạn trước khi bắt đầu theo dõi chưa có số liệu"
            " (không tính vào các số trên).",
            f" Besides, {s.no_data} occurrences due before the record begins have no data"
            " (not counted above).",
            lang,
        )
    return out


def excluded_banner(view: StatusView, lang: str, width: int = 80) -> str:
    """The files left out of a view, each with its first error: on top of what is shown."""
    head = t(
        f"kh121: {len(view.excluded)} tệp có lỗi bị bỏ ra ngoài; số liệu dưới đây KHÔNG gồm"
        " các tệp này (chạy 'kh121 validate' để xem mọi lỗi):",
        f"kh121: {len(view.excluded)} files with errors are left out; the figures below do"
        " NOT include them (run 'kh121 validate' to see every error):",
        lang,
    )
    lines = [fill(head, width, "", "    ")]
    for x in view.excluded:
        more = t(f" (và {x.errors - 1} lỗi khác)", f" (and {x.errors - 1} more)", lang)
        said = x.problem.format(lang) + (more if x.errors > 1 else "")
        lines.append(fill(said, width, "  ", "      "))
    return "\n".join(lines) + "\n"


def _bins_line(s: Summary, lang: str) -> str:
    pct = labels.number(s.percent_done, lang)
    pct_due = labels.number(s.percent_done_of_due, lang)
    of_due = (
        t(
            f", {pct_due}% số lượt đã đến hạn ({s.done_of_due}/{s.due})",
            f", {pct_due}% of those past their deadline ({s.done_of_due}/{s.due})",
            lang,
        )
        if s.due
        else t(" (chưa có lượt nào đến hạn)", " (none is past its deadline yet)", lang)
    )
    return t(
        f"Tổng số {s.total} lượt nhiệm vụ; đã đến hạn {s.due} lượt; đã hoàn thành"
        f" {s.done} lượt (đúng hạn {s.done_on_time}, quá hạn {s.done_late}); chưa hoàn"
        f" thành {s.open} lượt (trong hạn {s.open_in_time}, quá hạn {s.open_overdue}); tỷ lệ"
        f" hoàn thành {pct}% số lượt đã giao{of_due}.",
        f"{s.total} task occurrences; {s.due} past their deadline; done {s.done} (on"
        f" time {s.done_on_time}, late {s.done_late}); not done {s.open} (within the"
        f" deadline {s.open_in_time}, overdue {s.open_overdue}); {pct}% of the occurrences"
        f" assigned done{of_due}.",
        lang,
    )


def _missing_line(view: StatusView, lang: str) -> str | None:
    if view.latest_period is None:
        return None
    missing = view.missing_latest
    due = dmy(view.latest_due)
    if not missing:
        return t(
            f"Báo cáo {view.period_label(view.latest_period)} (hạn {due}): mọi cơ quan đã gửi.",
            f"Report for {view.period_label(view.latest_period, 'en')} (due {due}): every"
            " agency has reported.",
            lang,
        )
    reminded = {
        o.chase: o.reminded[2]
        for o in view.obligations
        if o.period == view.latest_period and o.reminded is not None
    }

    def named(agency: str) -> str:
        times = reminded.get(agency)
        if not times:
            return view.directory.name(agency)
        said = t("đã đôn đốc", "reminded", lang) + (f" {times}" if times > 1 else "")
        return f"{view.directory.name(agency)} ({said})"

    names = ", ".join(named(a) for a in missing)
    return t(
        f"Chưa gửi báo cáo {view.period_label(view.latest_period)} (hạn {due}): {names}.",
        f"No report for {view.period_label(view.latest_period, 'en')} (due {due}) from: {names}.",
        lang,
    )


def header(view: StatusView, title_vi: str, title_en: str, style: Style, lang: str) -> list[str]:
    out = [paint(t(title_vi, title_en, lang), "bold", style)]
    if view.filters:
        out.append(fill(t("Lọc: ", "Filter: ", lang) + "; ".join(view.filters), style.width))
    return [*out, ""]


WIDE_FULL = 120  # below this many columns, --wide leaves out the lead and the last report


def _row(task: TaskView, view: StatusView, lang: str, wide: bool, width: int) -> list[Cell]:
    d = view.directory
    colour = _colour(task, view.soon)
    if wide:
        last = task.last_report
        cells = [
            Cell(task.cite or task.id),
            Cell(task.content),
            Cell(d.names(task.all_leads)),
            Cell(_who(task, d)),
            Cell(task.deadline_text),
            Cell(story(task, lang, detail=True, soon=view.soon), colour),
            Cell(f"{d.name(last.agency)}, {view.period_label(last.period)}" if last else "—"),
        ]
        return cells if width >= WIDE_FULL else [cells[0], cells[1], *cells[3:6]]
    return [
        Cell(task.cite or task.id),
        Cell(title_of(task), max_lines=3),
        Cell(_who(task, d)),
        Cell(story(task, lang, soon=view.soon), colour),
    ]


def _who(task: TaskView, d: Directory) -> str:
    """Who answers for a task today: every joint lead."""
    return d.names(task.answering)


def _headers(lang: str, wide: bool, width: int) -> tuple[list[str], list[int | None]]:
    if wide:
        names = [
            t("TT", "No.", lang),
            t("Nội dung", "Task", lang),
            t("Chủ trì", "Lead", lang),
            t("Chịu trách nhiệm", "Responsible", lang),
            t("Thời hạn", "Deadline", lang),
            t("Tình trạng", "State", lang),
            t("Báo cáo gần nhất", "Last report", lang),
        ]
        widths: list[int | None] = [6, None, 14, 14, 18, None, 16]
        if width >= WIDE_FULL:
            return names, widths
        return [names[0], names[1], *names[3:6]], [6, None, 14, 14, None]
    return [
        t("TT", "No.", lang),
        t("Nội dung", "Task", lang),
        t("Chịu trách nhiệm", "Responsible", lang),
        t("Tình trạng", "State", lang),
    ], [6, None, 14, 28]


def _lead_note(task: TaskView, then: str, now: str, lang: str) -> str:
    who = task.cite or task.id
    if task.merged:
        return t(
            f"{who}: kế hoạch giao {then} chủ trì; nay {now} chịu trách nhiệm (sáp nhập).",
            f"{who}: the plan names {then} as lead; now {now} is responsible (merger).",
            lang,
        )
    return t(
        f"{who}: kế hoạch giao {then} chủ trì; nay {now} thực hiện.",
        f"{who}: the plan names {then} as lead; now {now} carries it out.",
        lang,
    )


def _notes(view: StatusView, style: Style, lang: str) -> list[str]:
    d = view.directory
    out = []
    for task in view.tasks:
        then, now = task.all_leads, task.answering
        if set(then) != set(now):
            out.append(fill(_lead_note(task, d.names(then), d.names(now), lang), style.width))
    return out + marks_legend(view.tasks, style, lang)


def marks_legend(tasks: Iterable[TaskView], style: Style, lang: str) -> list[str]:
    """What '*' and '†' after a due date mean, when a screen shows one."""
    tasks = list(tasks)
    out = []
    shown = [o for task in tasks for o in task.occurrences]
    if any(o.effective_due != o.due and not o.assumed for o in shown if o.due):
        out.append(
            fill(
                t(
                    "* hạn rơi vào ngày nghỉ, lùi sang ngày làm việc kế tiếp (BLDS 2015,"
                    " Điều 148).",
                    "* the deadline falls on a day off and moves to the next working day.",
                    lang,
                ),
                style.width,
            )
        )
    assumed = sorted({task.deadline_text for task in tasks if task.next.assumed})
    if assumed:
        words = ", ".join(f"'{w}'" for w in assumed)
        out.append(
            fill(
                t(
                    f"† nguồn ghi {words}, không nêu ngày: kh121 giả định hạn 31/12.",
                    f"† the source says {words} with no day: kh121 assumes 31/12.",
                    lang,
                ),
                style.width,
            )
        )
    return out


def render_status(view: StatusView, style: Style, lang: str, wide: bool) -> str:
    out = header(
        view,
        f"Kế hoạch {view.plan_code} — tình hình đến ngày {dmy(view.as_of)}",
        f"Plan {view.plan_code} — status as of {dmy(view.as_of)}",
        style,
        lang,
    )
    by_section: dict[str, list[TaskView]] = defaultdict(list)
    for task in view.tasks:
        by_section[task.section].append(task)
    headers, widths = _headers(lang, wide, style.width)
    for sid, tasks in by_section.items():
        title = f"{sid}. {view.section_titles.get(sid, '')}"
        out.append(paint(wrap(title, style.width, 1)[0], "bold", style))
        rows = [_row(task, view, lang, wide, style.width) for task in tasks]
        out.extend(render_table(headers, rows, widths, style))
        out.append("")
    if not view.tasks:
        out.extend(
            [
                t(
                    "Không có nhiệm vụ nào khớp điều kiện lọc.",
                    "No task matches the filters.",
                    lang,
                ),
                "",
            ]
        )
    out.extend(_notes(view, style, lang))
    if wide and style.width < WIDE_FULL:  # say why two promised columns are missing
        out.append(
            fill(
                t(
                    f"Màn hình {style.width} cột, hẹp hơn {WIDE_FULL}: đã bỏ cột Chủ trì và"
                    " Báo cáo gần nhất; xem chúng bằng 'kh121 show MÃ' hoặc mở rộng cửa sổ.",
                    f"The screen is {style.width} columns, narrower than {WIDE_FULL}: the"
                    " Lead and Last report columns are left out; see them with 'kh121 show"
                    " ID' or widen the window.",
                    lang,
                ),
                style.width,
            )
        )
    out.append(rule(style))
    out.append(fill(summary_line(view.summary, lang, view), style.width, subsequent=""))
    missing = _missing_line(view, lang)
    if missing:
        out.append(fill(missing, style.width, subsequent=""))
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------- overdue


def _unit(task: TaskView, n: int, lang: str) -> str:
    if task.deadline_kind == "yearly":
        return t(f"{n} năm", f"{n} years", lang)
    return t(f"{n} lượt", f"{n} occurrences", lang)


def task_lines(task: TaskView, within: int, style: Style, lang: str) -> list[str]:
    """What a task owes: each overdue occurrence with its own days, and what falls due soon."""
    out = [f"  {task.id:<6} " + wrap(title_of(task), style.width - 9, 1)[0]]
    pad = " " * 9
    overdue = task.overdue
    if overdue:
        if overdue[0].recurring:
            each = ", ".join(
                t(f"{o.key} ({o.days_overdue} ngày)", f"{o.key} ({o.days_overdue} days)", lang)
                for o in overdue
            )
            said = {o.state for o in overdue}
            tail = (
                t(", chưa có báo cáo", ", no report", lang) if said == {Reported.NO_REPORT} else ""
            )
            text = t(
                f"quá hạn {_unit(task, len(overdue), lang)}: {each}{tail}",
                f"overdue {_unit(task, len(overdue), lang)}: {each}{tail}",
                lang,
            )
        else:
            o = overdue[0]
            text = phrase(o, lang, True) + t(f" (hạn {due_text(o)})", f" (due {due_text(o)})", lang)
        out.append(paint(fill(text, style.width, pad, pad + "  "), "red", style))
    for o in task.occurrences:
        if is_soon(o, within):
            text = t(
                f"đến hạn {due_text(o)} (còn {o.days_left} ngày)"
                + (f", kỳ {o.key}" if o.recurring else ""),
                f"due {due_text(o)} ({o.days_left} days left)"
                + (f", {o.key}" if o.recurring else ""),
                lang,
            )
            out.append(paint(fill(text, style.width, pad, pad + "  "), "yellow", style))
    return out


def report_lines(obs: list[ObligationView], view: StatusView, style: Style, lang: str) -> list[str]:
    """The reports an agency still owes (its own and those it inherited), and late ones."""
    d = view.directory
    out = []
    missing = [o for o in obs if o.status is ReportStatus.MISSING]
    for o in missing:
        whose = (
            t(f" (của {d.name(o.agency)})", f" (of {d.name(o.agency)})", lang)
            if o.agency != o.chase
            else ""
        )
        draft = t(
            f"; có bản nháp {o.file}, chưa ghi ngày nhận", f"; draft {o.file}, not received", lang
        )
        text = t(
            f"Báo cáo {view.period_label(o.period)}{whose} chưa gửi: hạn {dmy(o.effective_due)},"
            f" quá {o.days_late} ngày",
            f"Report for {view.period_label(o.period, 'en')}{whose} not sent: due"
            f" {dmy(o.effective_due)},"
            f" {o.days_late} days ago",
            lang,
        ) + (draft if o.draft else "")
        if o.reminded is not None:
            number, day, times = o.reminded
            text += t(
                f"; đã đôn đốc{f' {times} lần' if times > 1 else ''} (số {number}, ngày"
                f" {dmy(day)})",
                f"; reminded{f' {times} times' if times > 1 else ''} ({number}, {dmy(day)})",
                lang,
            )
        out.append(paint(fill(text, style.width, "  ", "    "), "red", style))
    for o in obs:
        if o.status is ReportStatus.LATE:
            text = t(
                f"Báo cáo {view.period_label(o.period)} gửi muộn {o.days_late} ngày (nhận"
                f" {dmy(o.received)})",
                f"Report for {view.period_label(o.period, 'en')} sent {o.days_late} days late"
                f" (received {dmy(o.received)})",
                lang,
            )
            out.append(fill(text, style.width, "  ", "    "))
    return out


def render_overdue(view: StatusView, within: int, style: Style, lang: str) -> str:
    """What is overdue or due soon, and which reports are late, by the agency to chase today."""
    out = header(
        view,
        f"Việc quá hạn và đến hạn trong {within} ngày — đến ngày {dmy(view.as_of)}",
        f"Overdue and due within {within} days — as of {dmy(view.as_of)}",
        style,
        lang,
    )
    d = view.directory
    chased_tasks, owed = to_chase(view, within)
    tasks: dict[str, list[TaskView]] = defaultdict(list)
    for task in chased_tasks:
        for code in task.answering:  # a joint task under each of its leads
            tasks[code].append(task)
    reports: dict[str, list[ObligationView]] = defaultdict(list)
    for ob in owed:
        reports[ob.chase].append(ob)
    chased = sorted(set(tasks) | set(reports), key=lambda c: d.name(c))
    if not chased:
        out.append(
            t("Không có việc nào quá hạn hay sắp đến hạn.", "Nothing overdue or due soon.", lang)
        )
    for code in chased:
        former = sorted({d.name(o.agency) for o in reports.get(code, []) if o.agency != code})
        instead = t(f" — thay {', '.join(former)}", f" — for {', '.join(former)}", lang)
        head = f"{d.name(code, short=False)} ({code})" + (instead if former else "")
        out.append(paint(fill(head, style.width, "", "  "), "bold", style))
        for task in tasks.get(code, []):
            out.extend(task_lines(task, within, style, lang))
        out.extend(report_lines(reports.get(code, []), view, style, lang))
        out.append("")
    out.extend(marks_legend([x for group in tasks.values() for x in group], style, lang))
    return "\n".join(out).rstrip("\n") + "\n"
