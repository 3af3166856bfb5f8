"""The status as an Excel workbook for the people around the clerk: sheets to filter, re-use
and print. The same view as `status`; this module only lays it out.

Two halves: `build_sheets` turns the view into plain tables (pure, no openpyxl), and
`workbook_bytes` writes them with openpyxl — real dates and numbers, frozen header, filters,
A4 landscape with the header repeated — as the same bytes for the same data and date.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kh121.messages import t
from kh121.presenters import labels
from kh121.states import Bin, ReportStatus
from kh121.views import (
    Directory,
    Entry,
    ObligationView,
    OccurrenceView,
    StatusView,
    TaskView,
    summarise,
)

TEXT, LONG, DATE, INT, PERCENT = "text", "long", "date", "int", "percent"
DATE_FORMAT = "DD/MM/YYYY"
EXCEL_TEXT_LIMIT = 32_767  # characters a cell holds
# Text starting with one of these is a formula to a spreadsheet if it is ever re-typed:
# stored as text and marked to stay text (a quote prefix, as typing '=… does).
FORMULA_START = ("=", "+", "-", "@")
MARK_FILL = "F4CCCC"  # light red: still readable as light grey when printed in black
HEAD_FILL = "D9D9D9"
# Words for a report's standing; a member without words here shows its key.
REPORT_WORDS = {
    ReportStatus.ON_TIME.value: ("đúng hạn", "on time"),
    ReportStatus.LATE.value: ("gửi muộn", "late"),
    ReportStatus.MISSING.value: ("chưa gửi", "missing"),
}


@dataclass(frozen=True)
class Column:
    head: str
    kind: str = TEXT


@dataclass
class Sheet:
    """One sheet: a header row, rows of plain values, and which rows to mark."""

    title: str
    columns: list[Column]
    freeze: str  # the first cell that scrolls: 'B2' keeps row 1 and column A in view
    rows: list[list[Any]] = field(default_factory=list)
    marked: list[bool] = field(default_factory=list)

    def add(self, row: list[Any], mark: bool = False) -> None:
        self.rows.append(row)
        self.marked.append(mark)


@dataclass(frozen=True)
class Letter:
    """One reminder letter sent, as recorded in the period's _don_doc.yaml."""

    period: str
    number: str
    day: dt.date
    reply_by: dt.date
    agencies: tuple[str, ...]


def _report_word(status: ReportStatus, lang: str) -> str:
    vi, en = REPORT_WORDS.get(status.value, (status.value, status.value))
    return t(vi, en, lang)


def _disputed_words(disputed: tuple[str, ...], d: Directory, lang: str) -> list[str]:
    """'SCT: not_started' as 'Sở Công Thương: Chưa thực hiện'."""
    from kh121.presenters import labels

    out = []
    for item in disputed:
        agency, _, state = item.partition(": ")
        out.append(f"{d.name(agency)}: {labels.state(state, lang)}")
    return out


def _summary_row(scope: str, code: str, name: str, tasks: list[TaskView]) -> list[Any]:
    """Counted as `status` counts (`summarise`); every bin its own column, in the core's
    order, so that a bin added there shows here by itself."""
    s = summarise(tasks, lambda o: o.assigned)
    bins = Counter(o.bin for task in tasks for o in task.occurrences if o.assigned)
    return [
        scope,
        code,
        name,
        s.total,
        s.due,
        *(bins[b] for b in Bin),
        s.done,
        s.done / s.total if s.total else None,  # a rate of nothing is left empty, not 0 %
        s.done_of_due / s.due if s.due else None,
    ]


def summary_sheet(view: StatusView, lang: str) -> Sheet:
    d = view.directory
    sheet = Sheet(
        t("Tổng hợp", "Summary", lang),
        [
            Column(t("Phạm vi", "Scope", lang)),
            Column(t("Mã", "Code", lang)),
            Column(t("Tên", "Name", lang), LONG),
            Column(t("Tổng số lượt", "Occurrences", lang), INT),
            Column(t("Đã đến hạn", "Past due", lang), INT),
            *(Column(labels.bin_label(b.value, lang).capitalize(), INT) for b in Bin),
            Column(t("Đã hoàn thành", "Done", lang), INT),
            Column(t("Tỷ lệ hoàn thành", "Share done", lang), PERCENT),
            Column(t("Tỷ lệ hoàn thành (số đã đến hạn)", "Share done (past due)", lang), PERCENT),
        ],
        "D2",
    )
    sheet.add(
        _summary_row(t("Toàn kế hoạch", "Whole plan", lang), view.plan_code, "", list(view.tasks))
    )
    for sid, title in view.section_titles.items():
        tasks = [task for task in view.tasks if task.section == sid]
        sheet.add(_summary_row(t("Phần", "Section", lang), sid, title, tasks))
    by_agency: dict[str, list[TaskView]] = defaultdict(list)
    for task in view.tasks:
        for code in task.answering:  # a joint task in each of its leads' rows
            by_agency[code].append(task)
    for code in sorted(by_agency, key=lambda c: (d.name(c), c)):
        tasks = by_agency[code]
        row = _summary_row(t("Cơ quan", "Agency", lang), code, d.name(code, False), tasks)
        sheet.add(row, mark=any(task.overdue for task in tasks))
    return sheet


def _last_report(task: TaskView) -> Entry | None:
    """The last report on the task: the lead agency's, else anyone's."""
    lead = [e for e in task.entries if e.lead]
    return lead[-1] if lead else task.last_report


def tasks_sheet(view: StatusView, lang: str) -> Sheet:
    """One row an assigned occurrence of each task; the overdue ones marked."""
    sheet = Sheet(t("Nhiệm vụ", "Tasks", lang), _task_columns(lang), "B2")
    for task in view.tasks:
        head, tail = _task_cells(view, task)  # once a task, not once an occurrence
        for o in task.assigned:
            said = [
                o.evidence,
                "; ".join(_disputed_words(o.disputed, view.directory, lang)) or None,
            ]
            row = [*head, *_occurrence_cells(o, lang), *tail, *said]
            sheet.add(row, mark=o.bin is Bin.OPEN_OVERDUE)
    return sheet


def _task_columns(lang: str) -> list[Column]:
    return [
        Column(t("Số TT", "No.", lang)),
        Column(t("Phần", "Section", lang)),
        Column(t("Nội dung", "Content", lang), LONG),
        Column(t("Chủ trì (theo kế hoạch)", "Lead (in the plan)", lang)),
        Column(t("Chịu trách nhiệm hiện nay", "Responsible today", lang)),
        Column(t("Mã cơ quan", "Agency code", lang)),
        Column(t("Phối hợp", "Coordinators", lang), LONG),
        Column(t("Thời hạn (theo kế hoạch)", "Deadline (in the plan)", lang)),
        Column(t("Lượt", "Occurrence", lang)),
        Column(t("Hạn", "Due", lang), DATE),
        Column(t("Hạn tính (ngày làm việc)", "Effective due", lang), DATE),
        Column(t("Báo cáo nói", "Reported", lang)),
        Column(t("Nhóm", "Bin", lang)),
        Column(t("Quá hạn?", "Overdue?", lang)),
        Column(t("Số ngày quá hạn", "Days overdue", lang), INT),
        Column(t("Số ngày muộn", "Days late", lang), INT),
        Column(t("Còn lại (ngày)", "Days left", lang), INT),
        Column(t("Ngày hoàn thành", "Done on", lang), DATE),
        Column(t("Báo cáo gần nhất", "Last report", lang), LONG),
        Column(t("Của báo cáo", "From the report of", lang)),
        Column(t("Văn bản, sản phẩm đã giao", "Document delivered", lang), LONG),
        Column(t("Báo cáo khác nói ngược lại", "Contradicted by", lang), LONG),
    ]


def _task_cells(view: StatusView, task: TaskView) -> tuple[list[Any], list[Any]]:
    """The task's columns before an occurrence's, and its last report's after them."""
    d = view.directory
    last = _last_report(task)
    said_by = f"{d.name(last.agency)}, {view.period_label(last.period)}" if last else None
    head = [
        task.id,
        task.section,
        task.content,
        d.name(task.lead),
        d.name(task.responsible),
        task.responsible,
        "; ".join(d.name(c) for c in task.coordinators) or None,
        task.deadline_text,
    ]
    return head, [last.done if last else None, said_by]


def _occurrence_cells(o: OccurrenceView, lang: str) -> list[Any]:
    """An occurrence's columns, from its key to its day done."""
    return [
        t("một lần", "once", lang) if o.key == "once" else o.key,
        o.due,
        o.effective_due,
        labels.state(o.state.value, lang),
        labels.bin_label(o.bin.value, lang),
        t("QUÁ HẠN", "OVERDUE", lang) if o.bin is Bin.OPEN_OVERDUE else None,
        o.days_overdue or None,
        o.days_late or None,
        o.days_left if o.done_on is None and not o.past_due else None,
        o.done_on,
    ]


def _reminded(ob: ObligationView) -> tuple[str | None, dt.date | None, int | None]:
    return ob.reminded if ob.reminded else (None, None, None)


def reports_sheet(view: StatusView, lang: str) -> Sheet:
    d = view.directory
    sheet = Sheet(
        t("Báo cáo theo kỳ", "Reports by period", lang),
        [
            Column(t("Kỳ", "Period", lang)),
            Column(t("Cơ quan phải báo cáo", "Agency that owed it", lang)),
            Column(t("Mã", "Code", lang)),
            Column(t("Cơ quan trả lời hiện nay", "Answers for it today", lang)),
            Column(t("Hạn", "Due", lang), DATE),
            Column(t("Hạn tính (ngày làm việc)", "Effective due", lang), DATE),
            Column(t("Ngày nhận", "Received", lang), DATE),
            Column(t("Tình trạng", "Standing", lang)),
            Column(t("Muộn / quá hạn (ngày)", "Days late / overdue", lang), INT),
            Column(t("Bản nháp trong hồ sơ", "Draft on file", lang)),
            Column(t("Công văn đôn đốc gần nhất", "Last reminder", lang)),
            Column(t("Ngày đôn đốc", "Reminded on", lang), DATE),
            Column(t("Số lần đôn đốc", "Reminders", lang), INT),
            Column(t("Tệp", "File", lang), LONG),
        ],
        "C2",
    )
    draft_word = t("có", "yes", lang)
    for ob in view.obligations:
        number, day, times = _reminded(ob)
        sheet.add(
            [
                view.period_label(ob.period),
                d.name(ob.agency),
                ob.agency,
                d.name(ob.chase),
                ob.due,
                ob.effective_due,
                ob.received,
                _report_word(ob.status, lang),
                ob.days_late or None,
                draft_word if ob.draft else None,
                number,
                day,
                times,
                ob.file,
            ],
            mark=ob.status is ReportStatus.MISSING,
        )
    return sheet


def letters_sheet(view: StatusView, letters: Iterable[Letter], lang: str) -> Sheet:
    d = view.directory
    sheet = Sheet(
        t("Đôn đốc", "Reminders", lang),
        [
            Column(t("Kỳ", "Period", lang)),
            Column(t("Số công văn", "Letter number", lang)),
            Column(t("Ngày", "Date", lang), DATE),
            Column(t("Hạn gửi lại", "Reply by", lang), DATE),
            Column(t("Mã cơ quan", "Agency code", lang)),
            Column(t("Cơ quan được đôn đốc", "Agency reminded", lang)),
        ],
        "C2",
    )
    for letter in sorted(letters, key=lambda x: (x.day, x.period, x.number)):
        for code in letter.agencies:
            sheet.add(
                [
                    view.period_label(letter.period),
                    letter.number,
                    letter.day,
                    letter.reply_by,
                    code,
                    d.name(code),
                ]
            )
    return sheet


def build_sheets(view: StatusView, letters: Iterable[Letter], lang: str) -> list[Sheet]:
    """The four sheets of the workbook, as plain tables."""
    return [
        summary_sheet(view, lang),
        tasks_sheet(view, lang),
        reports_sheet(view, lang),
        letters_sheet(view, letters, lang),
    ]


# --- writing the workbook (openpyxl) ------------------------------------------------------

WIDTH = {TEXT: (8, 28), LONG: (12, 60), DATE: (12, 12), INT: (8, 12), PERCENT: (10, 12)}


def _text(value: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    shown = ILLEGAL_CHARACTERS_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", value)
    return shown if len(shown) <= EXCEL_TEXT_LIMIT else shown[: EXCEL_TEXT_LIMIT - 1] + "…"


def _width(column: Column, values: Iterable[Any]) -> float:
    low, high = WIDTH[column.kind]
    longest = max(
        (len(str(v)) for v in values if v is not None and column.kind in (TEXT, LONG)),
        default=0,
    )
    head = max(len(w) for w in column.head.split())  # the header may wrap between words
    return float(min(max(low, longest + 2, head + 2), high))


def _write_sheet(ws: Any, sheet: Sheet, header: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor=HEAD_FILL)
    mark_fill = PatternFill("solid", fgColor=MARK_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for c, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=1, column=c)
        cell.value = column.head
        cell.data_type = "s"
        cell.font = bold
        cell.fill = head_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for r, (row, mark) in enumerate(zip(sheet.rows, sheet.marked, strict=True), start=2):
        for c, (column, value) in enumerate(zip(sheet.columns, row, strict=True), start=1):
            cell = ws.cell(row=r, column=c)
            if isinstance(value, str):
                cell.value = _text(value)
                cell.data_type = "s"  # never a formula, an error code or a number
                if value.startswith(FORMULA_START):
                    cell.quotePrefix = True
            else:
                cell.value = value
            if column.kind == DATE:
                cell.number_format = DATE_FORMAT
            elif column.kind == PERCENT:
                cell.number_format = "0.0%"
            elif column.kind == INT:
                cell.number_format = "0"
            cell.alignment = wrap if column.kind == LONG else top
            if mark:
                cell.fill = mark_fill
    last = get_column_letter(len(sheet.columns))
    for c, column in enumerate(sheet.columns, start=1):
        values = (row[c - 1] for row in sheet.rows)
        ws.column_dimensions[get_column_letter(c)].width = _width(column, values)
    ws.freeze_panes = sheet.freeze
    ws.auto_filter.ref = f"A1:{last}{max(len(sheet.rows) + 1, 2)}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True
    ws.oddHeader.center.text = header.replace("&", "&&")
    ws.oddFooter.center.text = "&P/&N"


def workbook_bytes(sheets: list[Sheet], as_of: dt.date, title: str) -> bytes:
    """The .xlsx file: the same bytes for the same sheets and date (its stamps are the date)."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for sheet in sheets:
        _write_sheet(wb.create_sheet(sheet.title), sheet, title)
    stamp = dt.datetime(as_of.year, as_of.month, as_of.day)
    wb.properties.creator = "kh121"
    wb.properties.lastModifiedBy = "kh121"
    wb.properties.title = title
    wb.properties.created = stamp
    wb.properties.modified = stamp
    raw = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps the file with the clock's time
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    return _fixed_zip(raw.getvalue(), stamp)


def _fixed_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """The archive again, each entry with the same time and attributes, the content types
    first (where every reader looks), the rest in the order openpyxl wrote them."""
    src = zipfile.ZipFile(io.BytesIO(data))
    names = src.namelist()
    names.sort(key=lambda n: n != "[Content_Types].xml")
    when = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()
