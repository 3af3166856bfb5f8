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
import hmac
import io
import json
import os
import re
import secrets
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kh121 import messages
from kh121.dates import parse_date
from kh121.errors import KnownError
from kh121.states import state_of
from kh121.text import one_line, quoted

FORM_VERSION = 2  # 1: an unkeyed checksum, refused since issue 27
STATES_VI = {k: messages.label("state", k, "vi") for k in ("done", "in_progress", "not_started")}
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


KEY_ENV = "KH121_FORM_KEY"  # the key file's path, for tests and for a second machine


def key_path() -> Path:
    """Where this user's form key lives: their own config folder, never the repository."""
    named = os.environ.get(KEY_ENV)
    if named:
        return Path(named)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "kh121" / "form-key"


def form_key(create: bool = False) -> bytes:
    """The secret that keys every form's identity, made (0600) on the first `report form`."""
    path = key_path()
    if not path.exists() and create:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # made meanwhile by another kh121: use that one
        else:
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32) + "\n")
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        raise FormError(
            f"không có khóa mẫu ({path}): mẫu chỉ nhập được trên máy đã tạo ra nó (hoặc đặt"
            f" {KEY_ENV} trỏ tới bản sao khóa của máy đó)",
            f"no form key ({path}): a form is imported on the machine that made it (or set"
            f" {KEY_ENV} to a copy of that machine's key)",
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FormError(
            f"không đọc được khóa mẫu {path}: {exc}", f"cannot read the form key {path}: {exc}"
        ) from None
    if not re.fullmatch(r"[0-9a-f]{64}", text):
        raise FormError(
            f"khóa mẫu {path} bị hỏng (cần 64 chữ số hex)",
            f"the form key {path} is damaged (64 hex digits expected)",
        )
    return bytes.fromhex(text)


def _digest(key: bytes, head: str, tasks: list[str]) -> str:
    message = (head + "|" + ",".join(tasks)).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]


def identity(spec: FormSpec, key: bytes) -> str:
    """Plan, period, agency and a keyed checksum (HMAC) over them and the task rows in
    order: short enough for a document property (255 characters); without the key nobody
    can make one for another agency or change the rows unseen."""
    data = {"v": FORM_VERSION, "plan": spec.plan, "period": spec.period, "agency": spec.agency}
    head = json.dumps(data, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    encoded = base64.b64encode(head.encode()).decode()
    return f"{_MARK} {FORM_VERSION} {encoded} {_digest(key, head, [r.task for r in spec.rows])}"


_ALTERED = (
    "dấu nhận dạng của mẫu đã bị sửa: dùng mẫu do kh121 tạo",
    "the form's identity was altered: use a form kh121 made",
)


def read_identity(keywords: str) -> dict[str, Any] | None:
    """The identity a form carries (with `digest` to check its rows against), or None."""
    m = re.search(_MARK + r" (\d{1,3}) ([A-Za-z0-9+/=]{1,1000}) ([0-9a-f]{16,64})", keywords or "")
    if not m:
        return None
    if m[1] != str(FORM_VERSION):
        raise FormError(
            "mẫu này được tạo trước khi kh121 dùng khóa nhận dạng (hoặc bởi bản kh121 khác):"
            " tạo mẫu mới bằng 'kh121 report form' và gửi lại cho cơ quan",
            "this form was made before kh121 keyed its identity (or by another kh121):"
            " make new forms with 'kh121 report form' and send them again",
        )
    try:
        head = base64.b64decode(m[2], validate=True).decode()
        data = json.loads(head)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise FormError(*_ALTERED) from None
    fields = ("plan", "period", "agency")
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in fields):
        raise FormError(*_ALTERED)
    data["head"] = head
    data["digest"] = m[3]
    return data


def rows_match(ident: dict[str, Any], tasks: list[str], key: bytes) -> bool:
    """Whether the identity was made with this key, for these rows (compared in constant
    time)."""
    return hmac.compare_digest(_digest(key, str(ident["head"]), tasks), str(ident["digest"]))


def build_form(spec: FormSpec, when: dt.date, key: bytes) -> bytes:
    """The form as .docx bytes, the same for the same spec and date."""
    from docx import Document

    doc = Document()
    _layout(doc)
    _preamble(doc, spec, when)
    _head_table(doc)
    doc.add_paragraph()  # two tables side by side would be merged into one by an editor
    _task_table(doc, spec)
    doc.add_paragraph()
    _general_table(doc)
    _properties(doc, spec, when, key)
    buffer = io.BytesIO()
    doc.save(buffer)
    from kh121.templating import deterministic_zip

    return deterministic_zip(buffer.getvalue())


def _layout(doc: Any) -> None:
    """Times New Roman 12, A4 landscape, 20 mm margins."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(20), Mm(20)


def _preamble(doc: Any, spec: FormSpec, when: dt.date) -> None:
    """The title, the plan and agency, and how to fill the form in."""
    doc.add_paragraph().add_run(f"MẪU BÁO CÁO {spec.period_title.upper()}").bold = True
    doc.add_paragraph(f"{spec.plan_title} — {spec.agency_name} ({spec.agency})")
    doc.add_paragraph(
        f"Hướng dẫn: điền vào các ô trống; ở cột Tình trạng ghi một trong: "
        f"{', '.join(STATES_VI.values())}. Ngày viết dd/mm/yyyy. Văn bản đã gửi: số và ngày"
        f" (ví dụ 12/BC-{spec.agency} ngày 10/11/{when.year}). Không thêm, bớt hay đổi thứ tự"
        f" các dòng. Hạn gửi: {spec.due}."
    )


def _head_table(doc: Any) -> None:
    """The first table: the report's number and date, to fill in."""
    head = doc.add_table(rows=2, cols=2)
    head.style = "Table Grid"
    for i, label in enumerate(("Số báo cáo", "Ngày báo cáo (dd/mm/yyyy)")):
        head.cell(i, 0).text = label


def _task_table(doc: Any, spec: FormSpec) -> None:
    """The second table: a header row repeated on each page, then one row a task, its
    state a drop-down."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table = doc.add_table(rows=1 + len(spec.rows), cols=len(COLUMNS))
    table.style = "Table Grid"
    table.autofit = False
    for i, (_key, label, width) in enumerate(COLUMNS):
        cell = table.cell(0, i)
        cell.text = label
        cell.paragraphs[0].runs[0].bold = True
        table.columns[i].width = Cm(width)  # the grid, which LibreOffice lays out by
        for row in table.rows:
            row.cells[i].width = Cm(width)
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(OxmlElement("w:tblHeader"))
    for n, r in enumerate(spec.rows, 1):
        cells = table.rows[n].cells
        cells[0].text = r.task
        cells[1].text = f"{r.content} ({r.role}; sản phẩm: {r.product}; hạn: {r.due})"
        _drop_down(cells[2], qn)


def _general_table(doc: Any) -> None:
    """The third table: difficulties and proposals that are no one task's."""
    general = doc.add_table(rows=2, cols=2)
    general.style = "Table Grid"
    general.cell(0, 0).text = "Khó khăn, vướng mắc chung"
    general.cell(1, 0).text = "Kiến nghị, đề xuất chung"


def _properties(doc: Any, spec: FormSpec, when: dt.date, key: bytes) -> None:
    """Fixed dates and author (the same bytes for the same form), a title, and the form's
    identity in its keywords."""
    props = doc.core_properties
    stamp = dt.datetime(when.year, when.month, when.day)
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    props.author = props.last_modified_by = "kh121"
    props.title = f"Mẫu báo cáo {spec.period} — {spec.agency}"
    props.comments = ""
    props.keywords = identity(spec, key)


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


# Budgets for a form from outside, each overridable by an environment variable (tests use
# small ones; a real, huge plan may raise them): what a form of this plan could ever need,
# many times over.
LIMITS = {
    "parts": 500,  # entries in the archive
    "inflated": 50 * 1024 * 1024,  # all its parts, inflated
    "ratio": 200,  # one part's inflated size over its compressed size (past 1 MB)
    "elements": 2_000_000,  # XML elements in the document
    "rows": 2_000,  # the task table's rows
    "cell": 50_000,  # characters in one cell
    "seconds": 20,  # reading the whole form
}


def limit(name: str) -> int:
    """A budget, from KH121_FORM_<NAME> when set."""
    try:
        return int(os.environ.get(f"KH121_FORM_{name.upper()}", LIMITS[name]))
    except ValueError:
        return LIMITS[name]


def _over(vi: str, en: str) -> FormError:
    return FormError(
        f"{vi}: không phải mẫu kh121 bình thường (giới hạn đặt bằng biến môi trường KH121_FORM_*)",
        f"{en}: not a normal kh121 form (the limits are set by KH121_FORM_* variables)",
    )


def _parts(data: bytes) -> dict[str, bytes]:
    """The archive's XML parts, read within the budgets; FormError for anything else."""
    parts: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            if len(infos) > limit("parts"):
                raise _over(f"có {len(infos)} phần", f"{len(infos)} parts")
            left = limit("inflated")
            for info in infos:
                if info.flag_bits & 0x1:
                    raise FormError(
                        f"phần {one_line(info.filename)} bị mã hóa (đặt mật khẩu): lưu lại"
                        " không mật khẩu",
                        f"part {one_line(info.filename)} is encrypted: save without a password",
                    )
                if info.filename.endswith("vbaProject.bin"):
                    raise FormError(
                        "tệp chứa macro (.docm): lưu lại thành Word Document (.docx)",
                        "the file holds macros (.docm): save it as a Word Document (.docx)",
                    )
                if not info.filename.endswith((".xml", ".rels")):
                    continue
                cap = min(left, max(1024 * 1024, limit("ratio") * max(info.compress_size, 1)))
                with z.open(info) as fh:
                    body = fh.read(cap + 1)
                if len(body) > cap:
                    raise _over(
                        f"phần {one_line(info.filename)} giải nén quá lớn (tệp nén bom?)",
                        f"part {one_line(info.filename)} inflates too far (a zip bomb?)",
                    )
                left -= len(body)
                parts[info.filename] = body
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error):
        raise FormError(
            "không phải tệp Word (.docx), hoặc tệp bị hỏng", "not a Word (.docx) file, or damaged"
        ) from None
    except NotImplementedError:
        raise FormError(
            "tệp nén theo cách Word không dùng: mở bằng Word rồi lưu lại",
            "compressed in a way Word does not use: open it in Word and save it again",
        ) from None
    for name, body in parts.items():
        if b"<!DOCTYPE" in body or b"<!ENTITY" in body:
            raise FormError(
                f"phần {one_line(name)} khai báo DOCTYPE/ENTITY (Word không bao giờ viết thế)",
                f"part {one_line(name)} declares a DOCTYPE/ENTITY (Word never writes one)",
            )
    return parts


def read_form(data: bytes) -> Read:
    """A filled form's identity and cells, read within LIMITS; FormError for what is no form
    of ours (the caller names the file)."""
    started = time.monotonic()
    parts = _parts(data)
    _check_document(parts)
    ident = _identity_in(parts)
    head, table, general = _tables(data)
    return _read_cells(ident, head, table, general, started)


def _check_document(parts: dict[str, bytes]) -> None:
    """FormError unless the archive holds a Word document within the budget, with no
    tracked changes left."""
    body = parts.get("word/document.xml")
    if body is None:
        kinds = parts.get("[Content_Types].xml", b"")
        if b"macroEnabled" in kinds:
            raise FormError(
                "tệp chứa macro (.docm): lưu lại thành Word Document (.docx)",
                "the file holds macros (.docm): save it as a Word Document (.docx)",
            )
        raise FormError("không phải tệp Word (.docx)", "not a Word (.docx) file")
    if body.count(b"<") > limit("elements"):
        raise _over("quá nhiều phần tử XML", "too many XML elements")
    if b"<w:ins " in body or b"<w:del " in body or b"<w:ins>" in body or b"<w:del>" in body:
        raise FormError(
            "tệp còn thay đổi chưa chấp nhận (Track Changes): trong Word chọn Review > Accept"
            " All Changes, lưu lại rồi nhập",
            "the file has tracked changes not accepted: accept all changes, save, import again",
        )


def _identity_in(parts: dict[str, bytes]) -> dict[str, Any]:
    """The identity in the core properties' keywords; FormError when there is none."""
    # read as text: LibreOffice names the core properties' relationship in a way
    # python-docx does not follow, but keeps the part and its keywords
    core = parts.get("docProps/core.xml", b"").decode("utf-8", "replace")
    found = re.search(r"<cp:keywords>([^<]*)</cp:keywords>", core)
    ident = read_identity(found.group(1) if found else "")
    if ident is None:
        raise FormError(
            "tệp không phải mẫu báo cáo do kh121 tạo (không có dấu nhận dạng); tạo mẫu bằng"
            " 'kh121 report form'",
            "not a report form made by kh121 (no identity); make one with 'kh121 report form'",
        )
    return ident


def _tables(data: bytes) -> tuple[Any, Any, Any]:
    """The form's three tables: the head, the tasks, the general part."""
    from docx import Document
    from lxml import etree  # type: ignore[import-untyped]

    try:
        doc = Document(io.BytesIO(data))
    except (KeyError, ValueError, etree.LxmlError, RecursionError, zipfile.BadZipFile):
        raise FormError(
            "không đọc được tệp Word (XML hỏng, lồng quá sâu hay không phải tài liệu Word)",
            "cannot read the Word file (broken or too deeply nested XML, or not a document)",
        ) from None
    if len(doc.tables) < 3:
        raise FormError("mẫu thiếu bảng (đã bị xóa?)", "the form is missing a table")
    return doc.tables[0], doc.tables[1], doc.tables[2]


def _read_cells(ident: dict[str, Any], head: Any, table: Any, general: Any, started: float) -> Read:
    """What was typed in the tables' cells, within the rows, cell and time budgets."""
    rows = table.rows
    if len(rows) > limit("rows"):
        raise _over(f"bảng có {len(rows)} dòng", f"the table has {len(rows)} rows")
    seconds = limit("seconds")

    def text(cell: Any) -> str:
        if time.monotonic() - started > seconds:
            raise _over(f"đọc quá {seconds} giây", f"reading took over {seconds} seconds")
        found = _cell_text(cell)
        if len(found) > limit("cell"):
            raise _over(f"một ô dài {len(found)} ký tự", f"a cell holds {len(found)} characters")
        return found

    try:
        out = Read(ident, text(head.cell(0, 1)), text(head.cell(1, 1)))
        keys = [k for k, _label, _w in COLUMNS]
        for row in rows[1:]:
            cells = [text(c) for c in row.cells]
            out.rows.append(dict(zip(keys, cells, strict=False)))
        out.difficulties = text(general.cell(0, 1))
        out.proposals = text(general.cell(1, 1))
    except IndexError:
        raise FormError("mẫu thiếu ô (bảng đã bị sửa?)", "the form is missing cells") from None
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


def to_report(
    read: Read, received: dt.date | None, key: bytes
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The report file's data from a filled form, and every problem named by its table row
    and column, all at once."""
    ident = read.identity
    found = [r.get("task", "") for r in read.rows]
    if not rows_match(ident, found, key):
        listed = quoted(", ".join(found), 200)
        return {}, [
            (
                "các dòng nhiệm vụ không khớp mẫu gốc (đã bị thêm, bớt, đổi thứ tự hay sửa mã:"
                f" tệp có {listed}), hoặc mẫu không do kh121 của cơ quan tổng hợp tạo:"
                " điền lại vào mẫu gốc",
                "the task rows do not match the original form (added, removed, reordered or"
                f" edited: the file has {listed}), or the form was not made by the"
                " consolidating agency's kh121: fill in the original form",
            )
        ]
    problems: list[tuple[str, str]] = []
    tasks = [_task_line(n, row, problems) for n, row in enumerate(read.rows, 1)]
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
                f"bảng đầu, ô Ngày báo cáo: {quoted(read.date)} không phải ngày; viết dd/mm/yyyy",
                f"first table, report date: {quoted(read.date)} is not a date; write dd/mm/yyyy",
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


def _task_line(n: int, row: dict[str, str], problems: list[tuple[str, str]]) -> dict[str, Any]:
    """One task's line of the report from its row; what cannot be read goes to `problems`."""
    task = row["task"]

    def refuse(key: str, vi: str, en: str) -> None:
        label = COLUMN_LABELS[key]
        problems.append(
            (
                f"bảng, dòng {n} ({one_line(task)}), cột {label}: {quoted(row.get(key, ''))}"
                f" — {vi}",
                f"table, row {n} ({one_line(task)}), column {label}: {quoted(row.get(key, ''))}"
                f" — {en}",
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
        from kh121.citation import CitationError, parse_citation

        try:  # cited as offices cite: '45/BC-SYT ngày 10/11/2026', 'Báo cáo số …', '…, 10/11/2026'
            cited = parse_citation(delivered)
        except CitationError as e:
            refuse("delivered", e.vi, e.en)
        else:
            line["delivered"] = {"number": cited.number, "date": cited.date}
    for key in ("difficulties", "proposals"):
        if row.get(key):
            line[key] = row[key]
    return line
