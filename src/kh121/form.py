"""The Word form an agency fills in, and reading it back into a report. python-docx only.

The form carries its identity in the document's keywords ("kh121-form 1 <data> <checksum>":
plan, period, agency, the task ids in order), which Word and LibreOffice keep when they save.
Reading relies only on what any editor keeps: that identity, the tables and the text typed
into their cells (a drop-down's chosen value may be lost by a re-save; its text is not).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from kh121.dates import parse_date
from kh121.errors import KnownError
from kh121.states import state_of

FORM_VERSION = 1
STATES_VI = {
    "done": "Đã hoàn thành",
    "in_progress": "Đang thực hiện",
    "not_started": "Chưa thực hiện",
}
COLUMNS = (
    ("task", "Mã", 1.3),
    ("content", "Nhiệm vụ (vai trò; sản phẩm; hạn)", 6.0),
    ("state", "Tình trạng", 2.6),
    ("done", "Kết quả thực hiện trong kỳ", 5.0),
    ("delivered", "Văn bản đã gửi (số, ngày)", 3.0),
    ("completed_on", "Ngày hoàn thành", 2.3),
    ("difficulties", "Khó khăn", 2.7),
    ("proposals", "Kiến nghị", 2.8),
)
_MARK = "kh121-form"


class FormError(KnownError):
    """A file that is not a kh121 form, or not this plan's."""


@dataclass(frozen=True)
class FormRow:
    task: str
    role: str  # 'chủ trì' or 'phối hợp'
    content: str
    product: str
    due: str  # the occurrences' due dates in the period, as words


@dataclass(frozen=True)
class FormSpec:
    plan: str
    plan_title: str
    period: str
    period_title: str
    agency: str
    agency_name: str
    due: str  # when the report is due, dd/mm/yyyy
    rows: tuple[FormRow, ...]


def _digest(head: str, tasks: list[str]) -> str:
    return hashlib.sha256((head + "|" + ",".join(tasks)).encode()).hexdigest()[:16]


def identity(spec: FormSpec) -> str:
    """Plan, period, agency and a checksum over them and the task rows in order: short
    enough for a document property (255 characters), and any change to the rows shows."""
    data = {"v": FORM_VERSION, "plan": spec.plan, "period": spec.period, "agency": spec.agency}
    head = json.dumps(data, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    encoded = base64.b64encode(head.encode()).decode()
    return f"{_MARK} {FORM_VERSION} {encoded} {_digest(head, [r.task for r in spec.rows])}"


def read_identity(keywords: str) -> dict[str, Any] | None:
    """The identity a form carries (with `digest` to check its rows against), or None."""
    m = re.search(_MARK + r" (\d+) ([A-Za-z0-9+/=]+) ([0-9a-f]{16})", keywords or "")
    if not m:
        return None
    try:
        head = base64.b64decode(m[2]).decode()
        data: dict[str, Any] = json.loads(head)
    except (ValueError, UnicodeDecodeError):
        raise FormError(
            "dấu nhận dạng của mẫu đã bị sửa: dùng mẫu do kh121 tạo",
            "the form's identity was altered: use a form kh121 made",
        ) from None
    data["head"] = head
    data["digest"] = m[3]
    return data


def rows_match(ident: dict[str, Any], tasks: list[str]) -> bool:
    return bool(_digest(str(ident["head"]), tasks) == ident["digest"])


def build_form(spec: FormSpec, when: dt.date) -> bytes:
    """The form as .docx bytes, the same for the same spec and date."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Mm, Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(20), Mm(20)
    doc.add_paragraph().add_run(f"MẪU BÁO CÁO {spec.period_title.upper()}").bold = True
    doc.add_paragraph(f"{spec.plan_title} — {spec.agency_name} ({spec.agency})")
    doc.add_paragraph(
        f"Hướng dẫn: điền vào các ô trống; ở cột Tình trạng ghi một trong: "
        f"{', '.join(STATES_VI.values())}. Ngày viết dd/mm/yyyy. Văn bản đã gửi: 'số, ngày'"
        f" (ví dụ 12/BC-{spec.agency}, 10/11/{when.year}). Không thêm, bớt hay đổi thứ tự các dòng."
        f" Hạn gửi: {spec.due}."
    )
    head = doc.add_table(rows=2, cols=2)
    head.style = "Table Grid"
    for i, label in enumerate(("Số báo cáo", "Ngày báo cáo (dd/mm/yyyy)")):
        head.cell(i, 0).text = label
    doc.add_paragraph()  # two tables side by side would be merged into one by an editor
    table = doc.add_table(rows=1 + len(spec.rows), cols=len(COLUMNS))
    table.style = "Table Grid"
    table.autofit = False
    for i, (_key, label, width) in enumerate(COLUMNS):
        cell = table.cell(0, i)
        cell.text = label
        cell.paragraphs[0].runs[0].bold = True
        for row in table.rows:
            row.cells[i].width = Cm(width)
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(OxmlElement("w:tblHeader"))
    for n, r in enumerate(spec.rows, 1):
        cells = table.rows[n].cells
        cells[0].text = r.task
        cells[1].text = f"{r.content} ({r.role}; sản phẩm: {r.product}; hạn: {r.due})"
        _drop_down(cells[2], qn)
    doc.add_paragraph()
    general = doc.add_table(rows=2, cols=2)
    general.style = "Table Grid"
    general.cell(0, 0).text = "Khó khăn, vướng mắc chung"
    general.cell(1, 0).text = "Kiến nghị, đề xuất chung"
    props = doc.core_properties
    stamp = dt.datetime(when.year, when.month, when.day)
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    props.author = props.last_modified_by = "kh121"
    props.title = f"Mẫu báo cáo {spec.period} — {spec.agency}"
    props.comments = ""
    props.keywords = identity(spec)
    buffer = io.BytesIO()
    doc.save(buffer)
    from kh121.docx_render import deterministic_zip

    return deterministic_zip(buffer.getvalue())


def _drop_down(cell: Any, qn: Any) -> None:
    """A content control offering the three states (Word shows a list; any editor keeps the
    text of the one chosen)."""
    from docx.oxml import OxmlElement

    p = cell.paragraphs[0]._p
    sdt = OxmlElement("w:sdt")
    pr = OxmlElement("w:sdtPr")
    alias = OxmlElement("w:alias")
    alias.set(qn("w:val"), "Tình trạng")
    pr.append(alias)
    lst = OxmlElement("w:dropDownList")
    for words in STATES_VI.values():
        item = OxmlElement("w:listItem")
        item.set(qn("w:displayText"), words)
        item.set(qn("w:value"), words)
        lst.append(item)
    pr.append(lst)
    sdt.append(pr)
    content = OxmlElement("w:sdtContent")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = ""
    run.append(text)
    content.append(run)
    sdt.append(content)
    p.append(sdt)


# ------------------------------------------------------------------ reading back


@dataclass
class Read:
    identity: dict[str, Any]
    number: str
    date: str
    rows: list[dict[str, str]] = field(default_factory=list)  # column key -> text
    difficulties: str = ""
    proposals: str = ""


def _cell_text(cell: Any) -> str:
    """What was typed in a cell, whatever runs and paragraphs it was typed in: paragraphs
    kept apart by a newline, runs joined, content controls included."""
    from docx.oxml.ns import qn

    paragraphs = []
    for p in cell._tc.iter(qn("w:p")):
        paragraphs.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return "\n".join(x.strip() for x in paragraphs if x.strip())


def read_form(data: bytes) -> Read:
    """A filled form's identity and cells; FormError for what is no form of ours."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            body = z.read("word/document.xml")
            # read as text: LibreOffice names the core properties' relationship in a way
            # python-docx does not follow, but keeps the part and its keywords
            core = (
                z.read("docProps/core.xml").decode("utf-8", "replace")
                if "docProps/core.xml" in z.namelist()
                else ""
            )
    except (zipfile.BadZipFile, KeyError):
        raise FormError("không phải tệp Word (.docx)", "not a Word (.docx) file") from None
    if b"<w:ins " in body or b"<w:del " in body or b"<w:ins>" in body or b"<w:del>" in body:
        raise FormError(
            "tệp còn thay đổi chưa chấp nhận (Track Changes): trong Word chọn Review > Accept"
            " All Changes, lưu lại rồi nhập",
            "the file has tracked changes not accepted: accept all changes, save, import again",
        )
    try:
        doc = Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise FormError(
            f"không đọc được tệp Word: {exc}", f"cannot read the Word file: {exc}"
        ) from None
    found = re.search(r"<cp:keywords>([^<]*)</cp:keywords>", core)
    ident = read_identity(found.group(1) if found else "")
    if ident is None:
        raise FormError(
            "tệp không phải mẫu báo cáo do kh121 tạo (không có dấu nhận dạng); tạo mẫu bằng"
            " 'kh121 report form'",
            "not a report form made by kh121 (no identity); make one with 'kh121 report form'",
        )
    if len(doc.tables) < 3:
        raise FormError("mẫu thiếu bảng (đã bị xóa?)", "the form is missing a table")
    head, table, general = doc.tables[0], doc.tables[1], doc.tables[2]
    out = Read(ident, _cell_text(head.cell(0, 1)), _cell_text(head.cell(1, 1)))
    keys = [k for k, _label, _w in COLUMNS]
    for row in table.rows[1:]:
        cells = [_cell_text(c) for c in row.cells]
        out.rows.append(dict(zip(keys, cells, strict=False)))
    out.difficulties = _cell_text(general.cell(0, 1))
    out.proposals = _cell_text(general.cell(1, 1))
    return out


# ------------------------------------------------------------------ a form to a report

COLUMN_LABELS = {k: label for k, label, _w in COLUMNS}


def _state(text: str) -> str | None:
    """The state key of a cell, None when empty, '?' when no state fits."""
    if not text.strip():
        return None
    state = state_of(text)
    return state.value if state is not None else "?"


def _date(text: str) -> dt.date | str | None:
    """A cell's date; '' when empty; None for one not understood (or a day that is not)."""
    if not text.strip():
        return ""
    try:
        return parse_date(text)
    except ValueError:
        return None


def to_report(read: Read, received: dt.date | None) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The report file's data from a filled form, and every problem named by its table row
    and column, all at once."""
    ident = read.identity
    found = [r.get("task", "") for r in read.rows]
    if not rows_match(ident, found):
        return {}, [
            (
                "các dòng nhiệm vụ không khớp mẫu gốc (đã bị thêm, bớt, đổi thứ tự hay sửa mã:"
                f" tệp có {', '.join(found)}): điền lại vào mẫu gốc",
                "the task rows do not match the original form (added, removed, reordered or"
                f" edited: the file has {', '.join(found)}): fill in the original form",
            )
        ]
    problems: list[tuple[str, str]] = []
    example = f"12/BC-{ident['agency']}, 10/11/2026"
    tasks = [_task_line(n, row, example, problems) for n, row in enumerate(read.rows, 1)]
    report: dict[str, Any] = {
        "schema_version": 1,
        "agency": ident["agency"],
        "period": ident["period"],
    }
    if read.number:
        report["number"] = read.number
    date = _date(read.date)
    if date is None:
        problems.append(
            (
                f"bảng đầu, ô Ngày báo cáo: '{read.date}' không phải ngày; viết dd/mm/yyyy",
                f"first table, report date: '{read.date}' is not a date; write dd/mm/yyyy",
            )
        )
    elif date:
        report["date"] = date
    if received is not None:
        report["received"] = received
    report["tasks"] = tasks
    if read.difficulties:
        report["difficulties"] = read.difficulties
    if read.proposals:
        report["proposals"] = read.proposals
    return report, problems


def _task_line(
    n: int, row: dict[str, str], example: str, problems: list[tuple[str, str]]
) -> dict[str, Any]:
    """One task's line of the report from its row; what cannot be read goes to `problems`."""
    task = row["task"]

    def refuse(key: str, vi: str, en: str) -> None:
        label = COLUMN_LABELS[key]
        problems.append(
            (
                f"bảng, dòng {n} ({task}), cột {label}: '{row.get(key, '')}' — {vi}",
                f"table, row {n} ({task}), column {label}: '{row.get(key, '')}' — {en}",
            )
        )

    line: dict[str, Any] = {"task": task}
    state = _state(row.get("state", ""))
    if state == "?":
        words = list(STATES_VI.values())
        refuse("state", f"chọn {' / '.join(words)}", f"choose one of {', '.join(words)}")
    elif state:
        line["state"] = state
    if row.get("done"):
        line["done"] = row["done"]
    when = _date(row.get("completed_on", ""))
    if when is None:
        refuse("completed_on", "không phải ngày; viết dd/mm/yyyy", "not a date; write dd/mm/yyyy")
    elif when:
        line["completed_on"] = when
    delivered = row.get("delivered", "").strip()
    if delivered:
        number, _sep, day = delivered.rpartition(",")
        parsed = _date(day)
        if not number or parsed in (None, ""):
            refuse(
                "delivered",
                f"viết 'số, ngày', ví dụ {example}",
                f"write 'number, date', e.g. {example}",
            )
        else:
            line["delivered"] = {"number": number.strip(), "date": parsed}
    for key in ("difficulties", "proposals"):
        if row.get(key):
            line[key] = row[key]
    return line
