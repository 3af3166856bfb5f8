"""Build templates/bao_cao.docx: the legal layout (Decree 30/2020) with docxtpl tags.

A clerk may then edit the .docx in Word; this script only makes the first version.
Run: python tools/make_template.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"


def _font(run, size: float, bold: bool = False, italic: bool = False) -> None:  # type: ignore[no-untyped-def]
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)


def para(
    container,
    text: str,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,  # type: ignore[no-untyped-def]
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = True,
    after: float = 6,
):
    p = container.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.first_line_indent = Cm(1.27) if indent else Cm(0)
    fmt.space_after = Pt(after)
    fmt.space_before = Pt(0)
    fmt.line_spacing = 1.15
    _font(p.add_run(text), size, bold, italic)
    return p


def tag(container, text: str) -> None:  # type: ignore[no-untyped-def]
    para(container, text, indent=False, after=0)


def cell_para(
    cell,
    text: str,
    size: float,
    bold: bool = False,
    italic: bool = False,  # type: ignore[no-untyped-def]
    first: bool = False,
    align=WD_ALIGN_PARAGRAPH.CENTER,
) -> None:
    p = cell.paragraphs[0] if first else cell.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.first_line_indent = Cm(0)
    _font(p.add_run(text), size, bold, italic)


def _borderless(table) -> None:  # type: ignore[no-untyped-def]
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def set_widths(table, widths_cm: list[float]) -> None:  # type: ignore[no-untyped-def]
    """Fixed column widths that Word and LibreOffice both honour."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=True):
        col.set(qn("w:w"), str(int(Cm(w).twips)))
    for row in table.rows:
        for i, cell in enumerate(row._tr.tc_lst):
            span = cell.grid_span
            width = sum(widths_cm[i : i + span]) if span > 1 else widths_cm[i]
            tc_w = cell.get_or_add_tcPr().get_or_add_tcW()
            tc_w.type = "dxa"
            tc_w.w = Cm(width)


def _repeat_header(row) -> None:  # type: ignore[no-untyped-def]
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _page_number(paragraph) -> None:  # type: ignore[no-untyped-def]
    run = paragraph.add_run()
    _font(run, 13)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def data_table(doc, headers: list[str], cells: list[str], widths: list[float]) -> None:  # type: ignore[no-untyped-def]
    table = doc.add_table(rows=3, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, h in enumerate(headers):
        cell_para(table.rows[0].cells[i], h, 12, bold=True, first=True)
        table.rows[0].cells[i].width = Cm(widths[i])
    _repeat_header(table.rows[0])
    first = table.rows[1].cells
    cell_para(first[0], cells[0], 12, first=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    body = table.rows[2].cells
    for i, c in enumerate(cells[1]):
        cell_para(
            body[i],
            c,
            12,
            first=True,
            align=WD_ALIGN_PARAGRAPH.CENTER if i != 1 else WD_ALIGN_PARAGRAPH.LEFT,
        )
        body[i].width = Cm(widths[i])
    merged = first[0].merge(first[-1])
    merged.paragraphs[0].runs[0].text = cells[0]
    end = table.add_row().cells[0].merge(table.rows[3].cells[-1])
    cell_para(end, cells[2], 12, first=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    set_widths(table, widths)


def build(target: Path) -> None:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    # Inside Decree 30's ranges with room to spare: twips rounding must not push one out.
    section.top_margin, section.bottom_margin = Mm(22), Mm(22)
    section.left_margin, section.right_margin = Mm(32), Mm(17)
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True  # no page number on the first page
    hp = section.header.paragraphs[0]
    hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(hp)

    head = doc.add_table(rows=1, cols=2)
    _borderless(head)
    left, right = head.rows[0].cells
    set_widths(head, [6.8, 9.3])
    cell_para(left, "{{ letterhead.parent | upper }}", 12, first=True)
    cell_para(left, "{{ letterhead.agency | upper }}", 12, bold=True)
    cell_para(left, "_______", 13, bold=True)
    cell_para(left, "Số: {{ number }}", 13)
    cell_para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True, first=True)
    cell_para(right, "Độc lập - Tự do - Hạnh phúc", 13, bold=True)
    cell_para(right, "________________________", 13, bold=True)
    cell_para(right, "{{ letterhead.place }}, {{ date_formal }}", 14, italic=True)

    para(doc, "", after=0)
    para(doc, "BÁO CÁO", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=0)
    para(doc, "{{ title }}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    para(doc, "Kính gửi: {{ recipient }}.", align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    para(doc, "{{ intro }}")
    para(doc, "I. KẾT QUẢ THỰC HIỆN", bold=True)
    para(doc, "1. Tình hình chung")
    para(doc, "{{ summary_text }}")
    para(doc, "2. Kết quả thực hiện các nhiệm vụ")
    tag(doc, "{%p for s in sections %}")
    para(doc, "2.{{ loop.index }}. {{ s.title }}", italic=True)
    tag(doc, "{%p for task in s.tasks %}")
    para(
        doc,
        "- Nhiệm vụ {{ task.id }} ({{ task.responsible }}; {{ task.state }}): {{ task.result }}",
    )
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    para(doc, "3. Nhiệm vụ quá hạn và cơ quan chưa gửi báo cáo")
    para(doc, "{{ overdue_text }}")
    para(doc, "{{ missing_text }}")
    para(doc, "II. ĐÁNH GIÁ CHUNG", bold=True)
    for n, (label, key) in enumerate(
        (
            ("Kết quả đạt được", "achievements"),
            ("Tồn tại, hạn chế", "shortcomings"),
            ("Nguyên nhân", "causes"),
        ),
        1,
    ):
        para(doc, f"{n}. {label}")
        tag(doc, f"{{%p for line in clerk.{key} %}}")
        para(doc, "{{ line }}")
        tag(doc, "{%p endfor %}")
    for label, key in (
        ("III. NHIỆM VỤ, GIẢI PHÁP KỲ TỚI", "next_tasks"),
        ("IV. KIẾN NGHỊ, ĐỀ XUẤT", "proposals"),
    ):
        para(doc, label, bold=True)
        tag(doc, f"{{%p for line in clerk.{key} %}}")
        para(doc, "{{ line }}")
        tag(doc, "{%p endfor %}")
    para(doc, "Trên đây là báo cáo {{ period_label }} của {{ letterhead.agency }}./.")

    foot = doc.add_table(rows=1, cols=2)
    _borderless(foot)
    left, right = foot.rows[0].cells
    set_widths(foot, [7.8, 8.3])
    cant_split = OxmlElement("w:cantSplit")  # the signing block stays on one page
    foot.rows[0]._tr.get_or_add_trPr().append(cant_split)
    cell_para(
        left, "Nơi nhận:", 12, bold=True, italic=True, first=True, align=WD_ALIGN_PARAGRAPH.LEFT
    )
    cell_para(left, "{%p for r in recipients %}", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    cell_para(left, "- {{ r }}", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    cell_para(left, "{%p endfor %}", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    cell_para(right, "{{ signer.capacity | upper }}", 14, bold=True, first=True)
    cell_para(right, "{{ signer.title | upper }}", 14, bold=True)
    for _ in range(4):
        cell_para(right, "", 14)
    cell_para(right, "{{ signer.name }}", 14, bold=True)

    appendix = doc.add_section(WD_SECTION.NEW_PAGE)
    appendix.orientation = WD_ORIENT.LANDSCAPE
    appendix.page_width, appendix.page_height = Mm(297), Mm(210)
    appendix.top_margin, appendix.bottom_margin = Mm(30), Mm(15)
    appendix.left_margin, appendix.right_margin = Mm(20), Mm(20)
    para(doc, "Phụ lục I", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=0)
    para(
        doc,
        "TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ",
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        after=0,
    )
    para(
        doc,
        "(Kèm theo Báo cáo số {{ number }} của {{ letterhead.agency }})",
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
    )
    data_table(
        doc,
        [
            "TT",
            "Nhiệm vụ",
            "Chủ trì (theo QĐ)",
            "Chịu trách nhiệm",
            "Thời hạn",
            "Tình trạng",
            "Kết quả",
        ],
        [
            "{%tr for row in appendix1 %}",
            [
                "{{ row.id }}",
                "{{ row.content }}",
                "{{ row.lead }}",
                "{{ row.responsible }}",
                "{{ row.deadline }}",
                "{{ row.state }}",
                "{{ row.result }}",
            ],
            "{%tr endfor %}",
        ],
        [1.3, 7.6, 2.6, 2.6, 2.6, 3.0, 5.0],
    )
    para(doc, "", after=0)
    para(doc, "Phụ lục II", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=0)
    para(
        doc,
        "TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC CƠ QUAN",
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
    )
    data_table(
        doc,
        ["TT", "Cơ quan", "Số báo cáo", "Ngày nhận", "Tình trạng"],
        [
            "{%tr for row in appendix2 %}",
            [
                "{{ row.n }}",
                "{{ row.agency }}",
                "{{ row.number }}",
                "{{ row.received }}",
                "{{ row.status }}",
            ],
            "{%tr endfor %}",
        ],
        [1.3, 10.0, 5.0, 4.0, 4.4],
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    doc.save(target)


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "templates/bao_cao.docx"))
