"""The clerk's screens: `kh121 status` and `kh121 overdue` as text."""

from __future__ import annotations

import textwrap
from collections import defaultdict

from kh121.agencies import AgencyIndex
from kh121.dates import dmy
from kh121.messages import t
from kh121.presenters import labels
from kh121.presenters.table import Style, clip, paint, render_table, rule
from kh121.status import ObligationView, StatusView, Summary, TaskView


def _alert(task: TaskView, lang: str) -> tuple[str, str | None]:
    if task.overdue:
        if task.overdue_count > 1:
            return t(
                f"Quá hạn {task.overdue_count} kỳ", f"Overdue x{task.overdue_count}", lang
            ), "red"
        return t(f"Quá hạn {task.days_overdue} ngày", f"Overdue {task.days_overdue} d", lang), "red"
    if task.due_soon:
        return t(
            f"Sắp đến hạn ({task.days_left} ngày)", f"Due in {task.days_left} d", lang
        ), "yellow"
    colour = "green" if task.state == "done" else None
    return labels.state(task.state, lang), colour


def _due(task: TaskView) -> str:
    if task.next_due is None:
        return "—"
    mark = "†" if task.assumed else ("*" if task.effective_due != task.next_due else "")
    return dmy(task.effective_due) + mark


def _who(task: TaskView, agencies: AgencyIndex) -> str:
    return agencies.name(task.responsible)


def _fill(style: Style, text: str) -> str:
    return textwrap.fill(text, style.width, subsequent_indent="  ")


def summary_line(s: Summary, lang: str) -> str:
    pct = labels.number(s.percent_done, lang)
    return t(
        f"Tổng số {s.total} lượt nhiệm vụ; đến hạn {s.due}; đã hoàn thành {s.done}"
        f" (đúng hạn {s.done_on_time}, quá hạn {s.done_late}); chưa hoàn thành {s.open}"
        f" (trong hạn {s.open_in_time}, quá hạn {s.open_overdue}); tỷ lệ hoàn thành {pct}%.",
        f"{s.total} task occurrences; {s.due} due; done {s.done}"
        f" (on time {s.done_on_time}, late {s.done_late}); not done {s.open}"
        f" (within the deadline {s.open_in_time}, overdue {s.open_overdue}); {pct}% done.",
        lang,
    )


def _missing_line(view: StatusView, agencies: AgencyIndex, lang: str) -> str | None:
    if view.latest_period is None:
        return None
    due = next((o.effective_due for o in view.obligations if o.period == view.latest_period), None)
    names = ", ".join(agencies.name(a) for a in view.missing_latest)
    if not view.missing_latest:
        return t(
            f"Kỳ {view.latest_period}: mọi cơ quan đã gửi báo cáo.",
            f"Period {view.latest_period}: every agency has reported.",
            lang,
        )
    return t(
        f"Chưa gửi báo cáo kỳ {view.latest_period} (hạn {dmy(due)}): {names}.",
        f"No report for {view.latest_period} (due {dmy(due)}) from: {names}.",
        lang,
    )


def render_status(
    view: StatusView,
    agencies: AgencyIndex,
    section_titles: dict[str, str],
    style: Style,
    lang: str,
    wide: bool,
) -> str:
    out = [
        paint(
            t(
                f"Kế hoạch {view.plan_code} — tình hình đến ngày {dmy(view.as_of)}",
                f"Plan {view.plan_code} — status as of {dmy(view.as_of)}",
                lang,
            ),
            "bold",
            style,
        ),
        "",
    ]
    if wide:
        headers = [
            t("TT", "No.", lang),
            t("Nội dung", "Task", lang),
            t("Chủ trì", "Lead", lang),
            t("Chịu trách nhiệm", "Responsible", lang),
            t("Thời hạn", "Deadline", lang),
            t("Hạn tới", "Next due", lang),
            t("Tình trạng", "State", lang),
            t("Báo cáo gần nhất", "Last report", lang),
        ]
        fixed: list[int | None] = [5, None, 16, 16, 26, 11, 22, 22]
    else:
        headers = [
            t("TT", "No.", lang),
            t("Nội dung", "Task", lang),
            t("Chịu trách nhiệm", "Responsible", lang),
            t("Hạn tới", "Next due", lang),
            t("Tình trạng", "State", lang),
        ]
        fixed = [5, None, 16, 11, 21]
    by_section: dict[str, list[TaskView]] = defaultdict(list)
    for task in view.tasks:
        by_section[task.section].append(task)
    marks: set[str] = set()
    for sid, tasks in by_section.items():
        out.append(paint(clip(f"{sid}. {section_titles.get(sid, '')}", style.width), "bold", style))
        rows = []
        for task in tasks:
            alert = _alert(task, lang)
            due = _due(task)
            marks.update(c for c in due if c in "*†")
            if wide:
                last = task.last_report
                last_text = f"{last.agency} {last.period}" if last else "—"
                state = labels.state(task.state, lang)
                status = alert if alert[0] == state else (f"{alert[0]}; {state}", alert[1])
                rows.append(
                    [
                        (task.id, None),
                        (task.content, None),
                        (agencies.name(task.lead), None),
                        (_who(task, agencies), None),
                        (task.deadline_text, None),
                        (due, None),
                        status,
                        (last_text, None),
                    ]
                )
            else:
                rows.append(
                    [
                        (task.id, None),
                        (task.content, None),
                        (_who(task, agencies), None),
                        (due, None),
                        alert,
                    ]
                )
        out.extend(render_table(headers, rows, fixed, style))
        out.append("")
    if not view.tasks:
        out.append(
            t("Không có nhiệm vụ nào khớp điều kiện lọc.", "No task matches the filters.", lang)
        )
        out.append("")
    moved = [t for t in view.tasks if t.lead != t.responsible]
    for task in moved:
        out.append(
            _fill(
                style,
                t(
                    f"{task.id}: chủ trì theo Quyết định là {agencies.name(task.lead)}; nay"
                    f" {agencies.name(task.responsible)} chịu trách nhiệm (sáp nhập).",
                    f"{task.id}: the decision names {agencies.name(task.lead)}; now"
                    f" {agencies.name(task.responsible)} is responsible (merger).",
                    lang,
                ),
            )
        )
    if "*" in marks:
        out.append(
            t(
                "* hạn rơi vào ngày nghỉ, lùi sang ngày làm việc kế tiếp (BLDS 2015, Điều 148).",
                "* the deadline falls on a day off and moves to the next working day.",
                lang,
            )
        )
    if "†" in marks:
        out.append(
            t(
                "† nguồn chỉ ghi 'Hằng năm', không nêu ngày: kh121 giả định hạn 31/12.",
                "† the source says only 'every year': kh121 assumes 31/12.",
                lang,
            )
        )
    out.append(rule(style))
    out.append(textwrap.fill(summary_line(view.summary, lang), style.width))
    missing = _missing_line(view, agencies, lang)
    if missing:
        out.append(textwrap.fill(missing, style.width))
    return "\n".join(out) + "\n"


def render_overdue(
    view: StatusView, agencies: AgencyIndex, within: int, style: Style, lang: str
) -> str:
    """What is overdue or due soon, and which reports are late, grouped by agency to chase."""
    out = [
        paint(
            t(
                f"Việc quá hạn và sắp đến hạn (trong {within} ngày) — đến ngày {dmy(view.as_of)}",
                f"Overdue and due within {within} days — as of {dmy(view.as_of)}",
                lang,
            ),
            "bold",
            style,
        ),
        "",
    ]
    tasks: dict[str, list[TaskView]] = defaultdict(list)
    for task in view.tasks:
        if task.overdue or task.due_soon:
            tasks[task.responsible].append(task)
    reports: dict[str, list[ObligationView]] = defaultdict(list)
    for ob in view.obligations:
        if ob.status != "on_time":
            reports[ob.agency].append(ob)
    agencies_to_chase = sorted(set(tasks) | set(reports), key=lambda c: agencies.name(c))
    if not agencies_to_chase:
        out.append(
            t("Không có việc nào quá hạn hay sắp đến hạn.", "Nothing overdue or due soon.", lang)
        )
    for code in agencies_to_chase:
        out.append(paint(f"{agencies.name(code, short=False)} ({code})", "bold", style))
        for task in tasks.get(code, []):
            text, colour = _alert(task, lang)
            if task.overdue:
                overdue = [o for o in task.occurrences if o.bin == "open_overdue"]
                keys = ", ".join(dmy(o.effective_due) for o in overdue)
                text = t(
                    f"quá hạn {task.days_overdue} ngày (hạn {keys})",
                    f"overdue {task.days_overdue} days (due {keys})",
                    lang,
                )
            head = f"  {task.id:<6} "
            room = style.width - len(head) - len(text) - 3
            body = f" — {clip(task.content, room)}" if room >= 12 else ""
            out.append(f"{head}{paint(text, colour, style)}{body}")
        obs = reports.get(code, [])
        if obs:
            missing = [o for o in obs if o.status == "missing"]
            late = [o for o in obs if o.status == "late"]
            if missing:
                newest = missing[-1]
                line = t(
                    f"  Báo cáo chưa gửi: kỳ {newest.period} (hạn {dmy(newest.effective_due)},"
                    f" quá {newest.days_late} ngày)",
                    f"  Report missing: {newest.period} (due {dmy(newest.effective_due)},"
                    f" {newest.days_late} days ago)",
                    lang,
                )
                if len(missing) > 1:
                    older = ", ".join(o.period for o in missing[:-1])
                    line += t(
                        f"; các kỳ trước còn thiếu: {older}",
                        f"; earlier periods missing: {older}",
                        lang,
                    )
                out.append(
                    paint(textwrap.fill(line, style.width, subsequent_indent="    "), "red", style)
                )
            for o in late:
                out.append(
                    t(
                        f"  Báo cáo kỳ {o.period} gửi muộn {o.days_late} ngày ({dmy(o.received)})",
                        f"  Report {o.period} sent {o.days_late} days late ({dmy(o.received)})",
                        lang,
                    )
                )
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
