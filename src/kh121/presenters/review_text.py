"""The review over years for people (a terminal, 80 columns) and for scripts (JSON). Pure."""

from __future__ import annotations

import json
import textwrap
from typing import Any

from kh121.dates import dmy
from kh121.messages import t
from kh121.presenters import labels
from kh121.presenters.status_json import summary_json
from kh121.review import Changed, Column, Group, Reporting, Review, YearFigures
from kh121.views import Summary

JSON_VERSION = 1
WIDTH = 80


def kind_word(review: Review, lang: str) -> str:
    """'sơ kết', or 'tổng kết' when the years are the plan's whole span."""
    return t("tổng kết", "final review", lang) if review.whole_span else t("sơ kết", "review", lang)


def span_words(review: Review, lang: str) -> str:
    """'03 năm 2023–2025' (a leading zero below 10, as Vietnamese documents count)."""
    n = review.span
    if review.first == review.last:  # one year: 'năm 2026', never '01 năm 2026–2026'
        return t(f"năm {review.first}", f"the year {review.first}", lang)
    return t(f"{n:02d} năm {review.first}–{review.last}", f"{n} years {review.first}–{review.last}",
             lang)  # fmt: skip


def tasks_sentence(s: Summary, lang: str) -> str:
    """'16 lượt; đã hoàn thành 3 (đúng hạn 2, quá hạn 1); chưa hoàn thành 13 (trong hạn 0,
    quá hạn 13); chưa có số liệu 2' — the state's summary words."""
    if s.total == 0 and s.no_data:
        return t(f"chưa có số liệu ({s.no_data} lượt)", f"no data ({s.no_data})", lang)
    parts = [
        t(
            f"{s.total} lượt; đã hoàn thành {s.done} (đúng hạn {s.done_on_time}, quá hạn"
            f" {s.done_late}); chưa hoàn thành {s.open} (trong hạn {s.open_in_time}, quá hạn"
            f" {s.open_overdue})",
            f"{s.total} occurrences; done {s.done} (on time {s.done_on_time}, late"
            f" {s.done_late}); not done {s.open} (within the deadline {s.open_in_time},"
            f" overdue {s.open_overdue})",
            lang,
        )
    ]
    if s.no_data:
        parts.append(t(f"chưa có số liệu {s.no_data} lượt", f"no data {s.no_data}", lang))
    if s.disputed:
        parts.append(
            t(f"{s.disputed} lượt báo cáo chưa thống nhất", f"{s.disputed} disputed", lang)
        )
    return "; ".join(parts)


def reports_sentence(r: Reporting, lang: str) -> str:
    """'22 báo cáo phải gửi: đúng hạn 15, muộn 4 (trung bình 6,5 ngày, muộn nhất 12 ngày),
    chưa gửi 3; đã đôn đốc 2 lượt; chưa có số liệu 11'."""
    late = t(f"muộn {r.late}", f"late {r.late}", lang)
    if r.late:
        mean = labels.number(r.mean_days_late, lang)
        late += t(
            f" (trung bình {mean} ngày, muộn nhất {r.worst_days_late} ngày)",
            f" (mean {mean} days, worst {r.worst_days_late} days)",
            lang,
        )
    text = t(
        f"{r.owed} báo cáo phải gửi: đúng hạn {r.on_time}, {late}, chưa gửi {r.missing}",
        f"{r.owed} reports owed: on time {r.on_time}, {late}, missing {r.missing}",
        lang,
    )
    if r.reminders:
        text += t(f"; đã đôn đốc {r.reminders} lượt", f"; {r.reminders} reminders sent", lang)
    if r.no_data:
        text += t(
            f"; {r.no_data} báo cáo trước khi bắt đầu theo dõi chưa có số liệu",
            f"; {r.no_data} owed before the record began, no data",
            lang,
        )
    return text


def change_lines(y: YearFigures, lang: str) -> list[str]:
    """What changed after the year closed, named: work done late, or reported late."""
    out = []
    for why, vi, en in (
        (Changed.DONE_AFTER_CLOSE, "hoàn thành sau khi năm khép lại", "done after the year closed"),
        (
            Changed.REPORTED_AFTER_CLOSE,
            "hoàn thành trong năm nhưng báo cáo sau khi năm khép lại",
            "done in the year, reported after it closed",
        ),
    ):
        items = [c for c in y.changes if c.why is why]
        if items:
            named = ", ".join(f"{c.task} ({dmy(c.done_on)})" for c in items)
            out.append(t(f"{len(items)} lượt {vi}: {named}", f"{len(items)} {en}: {named}", lang))
    if y.reports_after_close:
        n = y.reports_after_close
        out.append(
            t(
                f"{n} báo cáo chưa gửi đến 31/12/{y.year}, nhận sau đó",
                f"{n} report(s) missing on 31/12/{y.year}, received since",
                lang,
            )
        )
    return out


def _wrapped(text: str, indent: int = 2) -> list[str]:
    pad = " " * indent
    return textwrap.wrap(text, WIDTH, initial_indent=pad, subsequent_indent=pad + "  ")


def _year_rows(y: YearFigures, lang: str) -> list[str]:
    cols = ([y.at_close] if y.at_close else []) + [y.now]
    out = []
    for i, c in enumerate(cols):
        s = c.tasks
        year = str(y.year) if i == 0 else ""
        out.append(
            f"{year:<5} {dmy(c.as_of):<10} {s.total:>5} {s.done_on_time:>8} {s.done_late:>7}"
            f" {s.open_in_time:>9} {s.open_overdue:>7} {s.no_data:>8}"
        )
    return out


def _report_rows(y: YearFigures) -> list[str]:
    cols: list[Column] = ([y.at_close] if y.at_close else []) + [y.now]
    out = []
    for i, c in enumerate(cols):
        r = c.reporting
        year = str(y.year) if i == 0 else ""
        mean = labels.number(r.mean_days_late, "vi") if r.late else "-"
        worst = str(r.worst_days_late) if r.late else "-"
        out.append(
            f"{year:<5} {dmy(c.as_of):<10} {r.owed:>5} {r.on_time:>6} {r.late:>5} {mean:>7}"
            f" {worst:>6} {r.missing:>6} {r.reminders:>6} {r.no_data:>8}"
        )
    return out


def render_review(review: Review, lang: str) -> str:
    """The review for a terminal (80 columns): a title line, then its four parts."""
    title = t(
        f"{review.view.plan_code} — {kind_word(review, lang)} {span_words(review, lang)},"
        f" số liệu đến ngày {dmy(review.as_of)}",
        f"{review.view.plan_code} — {kind_word(review, lang)} of {span_words(review, lang)},"
        f" figures as of {dmy(review.as_of)}",
        lang,
    )
    out = [
        title,
        "",
        *_tasks_part(review, lang),
        "",
        *_reports_part(review, lang),
        "",
        *_sections_part(review, lang),
        "",
        *_agencies_part(review, lang),
    ]
    return "\n".join(out) + "\n"


def _tasks_part(review: Review, lang: str) -> list[str]:
    """Part 1: task occurrences by the year they fall due, what changed after a year
    closed, the total and the years resting on no data."""
    rule = "-" * WIDTH
    out = [
        t(
            "1. Lượt nhiệm vụ theo năm đến hạn (năm đã qua: cuối năm, rồi hiện nay)",
            "1. Task occurrences by the year they fall due (a closed year: at its end, now)",
            lang,
        ),
        t(
            "Năm   Tính đến    Số   Hoàn thành       Chưa hoàn thành   Chưa có",
            "Year  As of      All   Done             Not done          No",
            lang,
        ),
        t(
            "                 lượt  đúng hạn quá hạn trong hạn quá hạn  số liệu",
            "                       on time    late  in time overdue     data",
            lang,
        ),
        rule,
    ]
    for y in review.years:
        out += _year_rows(y, lang)
        for line in change_lines(y, lang):
            out += _wrapped("→ " + line, 6)
    total = review.total
    out += [rule, *_wrapped(t("Cộng: ", "Total: ", lang) + tasks_sentence(total, lang), 0)]
    if review.no_data_years:
        years = ", ".join(map(str, review.no_data_years))
        out += _wrapped(
            t(
                f"Năm chưa có số liệu: {years} — nhập bổ sung báo cáo cũ (xem"
                " docs/nhap-bo-sung.md).",
                f"Years resting on no data: {years} — backfill the old reports (see"
                " docs/nhap-bo-sung.md).",
                lang,
            ),
            0,
        )
    return out


def _reports_part(review: Review, lang: str) -> list[str]:
    """Part 2: the periodic reports by the year of their period."""
    out = [
        t("2. Báo cáo định kỳ theo năm của kỳ báo cáo", "2. Periodic reports by year", lang),
        t(
            "Năm   Tính đến   Phải  Đúng  Muộn  Muộn TB  Muộn  Chưa   Đôn   Chưa có",
            "Year  As of       Owed  On   Late  Mean    Worst Miss-  Remin- No",
            lang,
        ),
        t(
            "                  gửi   hạn        (ngày)   nhất   gửi   đốc   số liệu",
            "                        time       (days)        ing    ders  data",
            lang,
        ),
        "-" * WIDTH,
    ]
    for y in review.years:
        out += _report_rows(y)
    return out


def _sections_part(review: Review, lang: str) -> list[str]:
    """Part 3: each section's occurrences by year, now."""
    section_titles = review.view.section_titles
    out = [t("3. Theo lĩnh vực (hiện nay)", "3. By section (now)", lang)]
    for g in review.sections:
        out += _wrapped(f"{g.key}. {section_titles.get(g.key, '')}", 0)[:1]
        for year, s in g.now.items():
            out += _wrapped(f"{year}: {tasks_sentence(s, lang)}", 2)
    return out


def _agencies_part(review: Review, lang: str) -> list[str]:
    """Part 4: each agency answering today, its occurrences and reports by year."""
    out = [t("4. Theo cơ quan chịu trách nhiệm hiện nay", "4. By agency answering today", lang)]
    for g in review.agencies:
        out += _wrapped(agency_title(g, review, lang), 0)
        for year, s in g.now.items():
            r = g.reporting[year]
            text = f"{year}: {tasks_sentence(s, lang)}"
            if r.owed or r.no_data:
                text += "; " + reports_sentence(r, lang)
            out += _wrapped(text, 2)
    return out


def agency_title(g: Group, review: Review, lang: str) -> str:
    """'Sở NN&MT (SNNMT), tiếp nhận từ Sở NN&PTNT: III.2, III.3, III.4; từ Sở TN&MT: III.8'."""
    d = review.view.directory
    text = f"{d.name(g.key, short=False)} ({g.key})"
    if g.took_over:
        took = "; ".join(f"{d.name(a)}: {', '.join(ids)}" for a, ids in g.took_over)
        text += t(f", tiếp nhận nhiệm vụ từ {took}", f", took over from {took}", lang)
    return text


# --------------------------------------------------------------------- JSON


def _reporting(r: Reporting) -> dict[str, Any]:
    return {
        "owed": r.owed,
        "on_time": r.on_time,
        "late": r.late,
        "mean_days_late": r.mean_days_late,
        "worst_days_late": r.worst_days_late,
        "missing": r.missing,
        "reminders": r.reminders,
        "no_data": r.no_data,
    }


def _column(c: Column | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {"as_of": c.as_of.isoformat(), "tasks": summary_json(c.tasks),
            "reports": _reporting(c.reporting)}  # fmt: skip


def review_json(review: Review) -> dict[str, Any]:
    """The review for scripts: the totals, then by year, section, agency and task."""
    return {
        "version": JSON_VERSION,
        "plan": review.view.plan_code,
        "as_of": review.as_of.isoformat(),
        "from": review.first,
        "to": review.last,
        "kind": "tong_ket" if review.whole_span else "so_ket",
        "record_start": review.view.record_start.isoformat() if review.view.record_start else None,
        "no_data_years": list(review.no_data_years),
        "total": summary_json(review.total),
        "years": [_year_json(y) for y in review.years],
        "sections": _sections_json(review),
        "agencies": _agencies_json(review),
        "tasks": _tasks_json(review),
    }


def _year_json(y: YearFigures) -> dict[str, Any]:
    """One year: at its close (when closed), now, and what changed after it closed."""
    return {
        "year": y.year,
        "closed": y.at_close is not None,
        "no_data": y.no_data,
        "at_close": _column(y.at_close),
        "now": _column(y.now),
        "changes": [
            {
                "task": c.task,
                "occurrence": c.key,
                "why": c.why.value,
                "done_on": c.done_on.isoformat(),
            }
            for c in y.changes
        ],
        "reports_after_close": y.reports_after_close,
    }


def _sections_json(review: Review) -> list[dict[str, Any]]:
    """Each section's occurrences by year, now and at the year's close."""
    section_titles = review.view.section_titles
    return [
        {
            "id": g.key,
            "title": section_titles.get(g.key, ""),
            "years": {
                str(y): {
                    "now": summary_json(s),
                    "at_close": summary_json(g.at_close[y]) if y in g.at_close else None,
                }
                for y, s in g.now.items()
            },
        }
        for g in review.sections
    ]


def _agencies_json(review: Review) -> list[dict[str, Any]]:
    """Each agency answering today: whom it took tasks over from, its occurrences and
    reports by year."""
    d = review.view.directory
    return [
        {
            "code": g.key,
            "name": d.name(g.key, short=False),
            "short": d.name(g.key),
            "took_over": [
                {"from": a, "name": d.name(a, short=False), "tasks": list(ids)}
                for a, ids in g.took_over
            ],
            "years": {
                str(y): {
                    "now": summary_json(s),
                    "at_close": summary_json(g.at_close[y]) if y in g.at_close else None,
                    "reports": _reporting(g.reporting[y]),
                }
                for y, s in g.now.items()
            },
        }
        for g in review.agencies
    ]


def _tasks_json(review: Review) -> list[dict[str, Any]]:
    """Each task's occurrences by the year they fall due."""
    return [
        {
            "id": ty.task.id,
            "section": ty.task.section,
            "lead": ty.task.lead,
            "responsible": ty.task.responsible,
            "years": {
                str(y): [
                    {
                        "key": o.key,
                        "bin": o.bin.value,
                        "done_on": o.done_on.isoformat() if o.done_on else None,
                        "evidence": o.evidence,
                    }
                    for o in occs
                ]
                for y, occs in ty.years.items()
            },
        }
        for ty in review.tasks
    ]


def dumps(review: Review) -> str:
    return json.dumps(review_json(review), ensure_ascii=False, indent=2) + "\n"
