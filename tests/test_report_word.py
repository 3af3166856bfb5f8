"""The Word report a reviewer at Sở KH&CN would sign: its content, its placeholders, and
Decree 30/2020's layout, read back with python-docx, from the XML, and (where LibreOffice is
installed) from the PDF's pages."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Cm, Mm

from conftest import OUT_NAME, filled_clerk, write
from conftest import demo_period as _demo
from shared import copy_into, read_only

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def demo(ws_root: Path, merged_demo: Path) -> Path:
    """This test's own copy of the merged demo period."""
    return copy_into(merged_demo, ws_root)


@pytest.fixture
def report(rendered_demo: Path) -> Iterator[Path]:
    """The rendered report, shared: read only (checked unchanged after the test)."""
    with read_only(rendered_demo / "reports" / OUT_NAME) as path:
        yield path


def _body(path: Path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def _xml(path: Path, part: str = "word/document.xml") -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode("utf-8")


# ------------------------------------------------------------------ content


def test_everything_the_agencies_said_is_in_the_body(report: Path) -> None:
    body = _body(report)
    # general difficulties and proposals, gathered and attributed
    assert "- Sở Y tế: khó khăn: Kinh phí cho nghiên cứu dược liệu còn hạn chế." in body
    assert "- Sở NN&MT: kiến nghị: Bổ sung kinh phí" in body
    # a coordinator's words on a task, with its own proposal
    assert "+ Sở Công Thương (phối hợp): Chưa thực hiện (kiến nghị: Đề nghị Sở" in body
    # Sở KH&CN's own tasks carry what its 120/BC-SKHCN says, not "Chưa có báo cáo"
    assert "+ Sở KH&CN (chủ trì): Đăng 20 tin bài về công nghệ sinh học" in body
    # the contradiction merge found, in words
    assert (
        "- Nhiệm vụ III.2: Sở NN&MT (chủ trì) báo cáo “đã hoàn thành”, còn Sở Công Thương"
        " (phối hợp) báo cáo “chưa thực hiện”; cần thống nhất trước khi đánh giá." in body
    )
    # late and missing reports named, with their days
    assert "- Gửi muộn (1 cơ quan): Sở Công Thương (muộn 4 ngày)." in body
    assert "Sở Ngoại vụ (quá hạn 13 ngày)" in body and "Chưa gửi (3 cơ quan" in body
    # overdue occurrences grouped by year, every id named
    assert "(Chưa có nội dung.)" not in body and "DỰ THẢO" not in body


def test_the_text_as_a_reviewer_writes_it(report: Path) -> None:
    body = _body(report)
    # the approving decision cited with its number and day, its issuer's short form introduced
    assert (
        body.count(
            "Thực hiện Quyết định số 3456/QĐ-UBND ngày 05 tháng 9 năm 2023 của Ủy ban nhân dân tỉnh"
            " Thanh Hóa (UBND tỉnh)"
        )
        == 1
    )
    # one date style in running text, even inside the decision's quoted title
    assert "ngày 20 tháng 3 năm 2023 của Ban Thường vụ Tỉnh ủy" in body
    running = body.splitlines()
    assert not [p for p in running if re.search(r"(?<![\d/])\d{1,2}/\d{1,2}/\d{4}(?![\d/])", p)]
    # the rate says of what
    assert "% số lượt đã đến hạn (" in body
    assert "7,6%" not in body
    # each appendix referred to by name, and the closing request
    assert "tại Phụ lục I kèm theo" in body and "tại Phụ lục II kèm theo" in body
    assert body.count("Sở KH&CN kính báo cáo UBND tỉnh xem xét, chỉ đạo./.") == 1
    # a done task reads as a sentence, not "Đã hoàn thành (hoàn thành ngày …)"
    assert "Đã hoàn thành ngày 20 tháng 12 năm 2024 (Quyết định số 5000/QĐ-UBND" in body


def test_appendix_captions_name_the_report(report: Path) -> None:
    texts = [p.text for p in Document(str(report)).paragraphs]
    caption = (
        "(Kèm theo Báo cáo số 125/BC-SKHCN ngày 30 tháng 11 năm 2026 của Sở Khoa học và Công nghệ)"
    )
    assert texts.count(caption) == 2  # under Phụ lục I and under Phụ lục II
    assert texts.index("Phụ lục I") < texts.index("Phụ lục II")


def test_properties_come_from_the_data(report: Path) -> None:
    props = Document(str(report)).core_properties
    assert props.author == "Sở Khoa học và Công nghệ"
    assert props.title.startswith("Kết quả năm 2026 thực hiện Kế hoạch số 121-KH/TU")
    assert props.comments == "" and "python-docx" not in _xml(report, "docProps/core.xml")
    styles = _xml(report, "word/styles.xml")
    assert 'w:val="vi-VN"' in styles and "en-US" not in styles


# ------------------------------------------------------------------ placeholders


def test_render_refuses_placeholders_and_names_each(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _demo(ws_root)
    (ws_root / "reports/2026-H2/_danh_gia.yaml").unlink()
    assert cli("merge", "2026-H2", "--as-of", "2026-11-29", "--root", ws_root).exit_code == 0
    r = cli("render", "2026-H2", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert "báo cáo còn 7 chỗ trống" in r.stderr
    for said in (
        "số báo cáo chưa có",
        "phần 'Kết quả đạt được' trống",
        "phần 'Kiến nghị, đề xuất' trống",
        "người ký chưa có tên ('(họ và tên người ký)')",
        "--draft",
    ):
        assert said in r.stderr, said
    assert not list((ws_root / "reports").glob("*.docx"))


def test_the_placeholder_signer_alone_is_refused(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _demo(ws_root)
    filled_clerk(ws_root, "2026-H2", signer=False)  # data/report.yaml's "(họ và tên người ký)"
    assert cli("merge", "2026-H2", "--as-of", "2026-11-29", "--root", ws_root).exit_code == 0
    r = cli("render", "2026-H2", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 1 and "báo cáo còn 1 chỗ trống" in r.stderr
    assert "người ký chưa có tên" in r.stderr


def test_a_draft_marks_every_placeholder(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _demo(ws_root)
    (ws_root / "reports/2026-H2/_danh_gia.yaml").unlink()
    assert cli("merge", "2026-H2", "--as-of", "2026-11-29", "--root", ws_root).exit_code == 0
    r = cli("render", "2026-H2", "--root", ws_root, "--as-of", "2026-11-29", "--draft")
    assert r.exit_code == 0, r.output
    assert "DỰ THẢO" in r.stderr  # said on the terminal too
    path = ws_root / "reports/BC_121-KH-TU_2026-H2_2026-11-29_DU-THAO.docx"
    doc = Document(str(path))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert body.count("[DỰ THẢO — chưa có nội dung phần") == 5
    head = "\n".join(p.text for p in doc.tables[0].cell(0, 0).paragraphs)
    assert "Số: [DỰ THẢO — …/BC-SKHCN]" in head
    sign = doc.tables[1].cell(0, 1).paragraphs[-1].text
    assert sign == "[DỰ THẢO — chưa có tên người ký]"
    s = doc.sections[0]
    assert "DỰ THẢO" in s.first_page_header._element.xml and "DỰ THẢO" in s.header._element.xml


def test_clerk_scaffold_says_what_each_section_is_for(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("report", "new", "--clerk", "--period", "2026-H2", "--root", ws_root)
    assert r.exit_code == 0, r.output
    text = (ws_root / "reports/2026-H2/_danh_gia.yaml").read_text(encoding="utf-8")
    assert "mục II.1" in text and "mục IV" in text and "signer" in text


# ------------------------------------------------------------------ Decree 30 layout


def _length_cm(p: object, width_cm: float) -> float:
    fmt = p.paragraph_format  # type: ignore[attr-defined]
    return width_cm - fmt.left_indent.cm - fmt.right_indent.cm


def _has_bottom_rule(p: object) -> bool:
    return p._p.find(f"{W}pPr/{W}pBdr/{W}bottom") is not None  # type: ignore[attr-defined]


def test_rules_are_drawn_at_their_length(report: Path) -> None:
    doc = Document(str(report))
    xml = _xml(report)
    assert "___" not in xml  # no typed underscores
    paras = doc.paragraphs
    title = next(i for i, p in enumerate(paras) if p.text.startswith("Kết quả năm 2026"))
    rule = paras[title + 1]
    assert _has_bottom_rule(rule) and rule.text == ""
    text_width = 21 - 3.2 - 1.7
    # the summary line fills the text width (it wraps): its rule is 1/3 to 1/2 of it
    assert text_width / 3 <= _length_cm(rule, text_width) <= text_width / 2
    head = doc.tables[0]
    for cell, width in ((head.cell(0, 0), 6.8), (head.cell(0, 1), 9.3)):
        rules = [p for p in cell.paragraphs if _has_bottom_rule(p)]
        assert len(rules) == 1
        assert 1.0 <= _length_cm(rules[0], width - 0.38) <= 6.0


def test_appendices_are_sections_numbered_from_one(report: Path) -> None:
    doc = Document(str(report))
    first, *appendices = doc.sections
    assert len(appendices) == 2
    assert first.different_first_page_header_footer
    for s in appendices:
        assert s.page_width > s.page_height  # landscape
        assert s.start_type == 2  # WD_SECTION.NEW_PAGE
        number = s._sectPr.find(f"{W}pgNumType")
        assert number is not None and number.get(f"{W}start") == "1"
        assert not s.different_first_page_header_footer  # its first page is numbered
        assert s.top_margin >= Mm(30) - Mm(0.1)  # the binding edge of a landscape page
        assert Mm(15) <= s.bottom_margin <= Mm(25)
        assert Mm(20) <= s.left_margin <= Mm(25) and Mm(20) <= s.right_margin <= Mm(25)


def test_layout_holds(report: Path) -> None:
    doc = Document(str(report))
    paras = doc.paragraphs
    for heading in (
        "I. KẾT QUẢ THỰC HIỆN",
        "1. Tình hình chung",
        "3. Nhiệm vụ quá hạn",
        "II. ĐÁNH GIÁ CHUNG",
        "IV. KIẾN NGHỊ, ĐỀ XUẤT",
        "Phụ lục I",
    ):
        p = next(p for p in paras if p.text == heading)
        assert p.paragraph_format.keep_with_next, heading
    section_heads = [p for p in paras if re.match(r"2\.\d\. ", p.text)]
    assert len(section_heads) == 6 and all(p.paragraph_format.keep_with_next for p in section_heads)
    closing = next(p for p in paras if p.text.startswith("Trên đây là báo cáo"))
    assert closing.paragraph_format.keep_with_next  # kept with the signature block
    sign_row = doc.tables[1].rows[0]._tr
    assert sign_row.find(f"{W}trPr/{W}cantSplit") is not None
    for table in doc.tables[2:]:
        rows = table.rows
        assert rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
        assert all(r._tr.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)


TBL_PR_ORDER = [
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
    "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
    "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription",
]  # fmt: skip


def test_stored_xml_is_as_word_expects(report: Path) -> None:
    doc = Document(str(report))
    for table in doc.tables:
        pr = table._tbl.tblPr
        names = [c.tag.removeprefix(W) for c in pr]
        assert names == sorted(names, key=TBL_PR_ORDER.index), names
        assert names.count("tblLayout") <= 1
        for tc in table._tbl.iter(f"{W}tc"):
            w = tc.find(f"{W}tcPr/{W}tcW")
            assert w.get(f"{W}type") == "dxa"
            # twips: no cell is wider than a landscape page's text (25.7 cm)
            assert 0 < int(w.get(f"{W}w")) <= Cm(25.8).twips


# ------------------------------------------------------------------ the pages (LibreOffice)

needs_office = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) and poppler (pdftotext) are not installed",
)
HEADING = re.compile(r"^\s*((I|II|III|IV|V)\. [A-ZĐ]|\d\. [A-ZĐ]|2\.\d\. |Phụ lục I)")


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    return text.split("\f")[:-1]


@needs_office
def test_the_pages_a_reviewer_reads(demo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("render", "2026-H2", "--root", demo, "--as-of", "2026-11-29", "--pdf")
    assert r.exit_code == 0, r.output
    pdf = demo / "reports" / OUT_NAME.replace(".docx", ".pdf")
    pages = _pages(pdf)
    assert 8 <= len(pages) <= 24
    firsts = [next(line.strip() for line in p.splitlines() if line.strip()) for p in pages]
    assert not firsts[0].isdigit()  # page 1: no number
    assert all(f.isdigit() for f in firsts[1:]), firsts  # every later page: one
    numbers = [int(f) for f in firsts[1:]]
    appendix_starts = [i for i, p in enumerate(pages) if "Phụ lục I" in p and "Kèm theo" in p]
    assert len(appendix_starts) == 2
    for start in appendix_starts:
        assert numbers[start - 1] == 1  # each appendix numbered from 1
    body_numbers = numbers[: appendix_starts[0] - 1]
    assert body_numbers == list(range(2, len(body_numbers) + 2))
    for n, page in enumerate(pages, 1):
        lines = [line for line in page.splitlines() if line.strip()]
        assert not HEADING.match(lines[-1]), f"page {n} ends with a heading: {lines[-1]!r}"
    sign_page = next(p for p in pages if "Nơi nhận:" in p)
    assert "kính báo cáo UBND tỉnh" in sign_page  # the closing stays with the signature
    assert "SỞ KHOA HỌC VÀ CÔNG\n" not in pages[0]


def test_pdf_without_soffice_is_a_clear_message(
    demo: Path,
    cli,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    r = cli("render", "2026-H2", "--root", demo, "--as-of", "2026-11-29", "--pdf")
    assert r.exit_code == 1 and "LibreOffice" in r.stderr and "Traceback" not in r.output
    assert (demo / "reports" / OUT_NAME).is_file()  # the .docx is written all the same


def test_missing_approval_is_a_warning_not_a_block(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("validate", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 0 and "W056" in r.stdout and "số và ngày" in r.stdout
    tasks = ws_root / "data/tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    old = "    number:\n    date:\n    year: 2023\n"
    assert old in text
    write(tasks, text.replace(old, "    number: 3456/QĐ-UBND\n    date: 2023-09-05\n", 1))
    r = cli("validate", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 0 and "W056" not in r.stdout
