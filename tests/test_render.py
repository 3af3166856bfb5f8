"""`kh121 render`: the Word report read back with python-docx."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Mm, Pt

from conftest import (
    ROOT,
    cli_outside_a_test,
    fill_basis,
    filled_clerk,
    make_workspace,
    received_report,
    write,
)
from kh121.templating import document_text
from office import convert, pdf_together
from shared import build_once, copy_into, read_only

DEMO = ROOT / "examples/demo/reports/2026-H2"
OUT = "reports/BC_121-KH-TU_2026-H2_2026-11-29.docx"


def _rendered_root(factory: pytest.TempPathFactory) -> Path:
    """The demo's agency reports with a filled clerk file, merged and rendered on 29/11/2026:
    built once a run, shared by every test here (read only, or copied by a test that writes)."""

    def build(root: Path) -> None:
        folder = make_workspace(root) / "reports/2026-H2"
        folder.mkdir(parents=True)
        for f in DEMO.glob("[A-Z]*.yaml"):
            shutil.copy(f, folder / f.name)
        filled_clerk(root, "2026-H2")
        fill_basis(root)
        with cli_outside_a_test(factory.mktemp("cache")) as cli:
            r = cli("merge", "2026-H2", "--as-of", "2026-11-29", "--root", root)
            assert r.exit_code == 0, r.output
            r = cli("render", "2026-H2", "--root", root, "--as-of", "2026-11-29")
            assert r.exit_code == 0, r.output

    return build_once(factory, "render-rendered", build)


pdf_together("test_render.py::test_opens_in_libreoffice", lambda f: _rendered_root(f) / OUT)


@pytest.fixture(scope="session")
def rendered_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _rendered_root(tmp_path_factory)


@pytest.fixture
def rendered(rendered_root: Path) -> Iterator[Path]:
    """The rendered report, for a test that only reads it (checked unchanged after it)."""
    with read_only(rendered_root / OUT) as path:
        yield path


@pytest.fixture
def own_rendered(ws_root: Path, rendered_root: Path) -> Path:
    """The rendered report in this test's own copy of the workspace (ws_root)."""
    return copy_into(rendered_root, ws_root) / OUT


def test_header_and_body(rendered: Path) -> None:
    doc = Document(str(rendered))
    head = doc.tables[0]
    left = [p.text for p in head.cell(0, 0).paragraphs]
    right = [p.text for p in head.cell(0, 1).paragraphs]
    # the sender's name broken where data/report.yaml breaks it, not mid-name by the cell
    assert left[:3] == ["UBND TỈNH THANH HÓA", "SỞ KHOA HỌC", "VÀ CÔNG NGHỆ"]
    assert left[-1] == "Số: 125/BC-SKHCN"
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert right[-1] == "Thanh Hóa, ngày 29 tháng 11 năm 2026"
    assert head.cell(0, 0).paragraphs[1].runs[0].bold
    assert not head.cell(0, 0).paragraphs[0].runs[0].bold
    assert head.cell(0, 1).paragraphs[-1].runs[0].italic
    texts = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in texts
    # the period first: "năm 2026" can no longer be read as the plan's year
    assert (
        "Kết quả năm 2026 thực hiện Kế hoạch số 121-KH/TU ngày 20 tháng 3 năm 2023 của Ban"
        " Thường vụ Tỉnh ủy Thanh Hóa" in texts
    )
    assert "Kính gửi: Ủy ban nhân dân tỉnh Thanh Hóa." in texts
    foot = doc.tables[1]
    assert foot.cell(0, 0).paragraphs[0].text == "Nơi nhận:"
    assert foot.cell(0, 0).paragraphs[0].runs[0].bold
    assert foot.cell(0, 0).paragraphs[0].runs[0].italic
    assert foot.cell(0, 0).paragraphs[-1].text == "- Lưu: VT, QLCN."
    assert foot.cell(0, 1).paragraphs[0].text == "KT. GIÁM ĐỐC"
    assert foot.cell(0, 1).paragraphs[-1].text == "Lê Văn Thử"


def test_format(rendered: Path) -> None:
    doc = Document(str(rendered))
    s = doc.sections[0]
    assert abs(s.page_width - Mm(210)) < Mm(0.1) and abs(s.page_height - Mm(297)) < Mm(0.1)
    assert Mm(20) <= s.top_margin <= Mm(25) and Mm(20) <= s.bottom_margin <= Mm(25)
    assert Mm(30) <= s.left_margin <= Mm(35) and Mm(15) <= s.right_margin <= Mm(20)
    assert s.different_first_page_header_footer
    assert "PAGE" in s.header._element.xml and "PAGE" not in s.first_page_header._element.xml
    for p in doc.paragraphs:
        for run in p.runs:
            if run.text.strip():
                assert run.font.name == "Times New Roman"
    body = next(p for p in doc.paragraphs if p.text.startswith("Thực hiện Quyết định"))
    assert body.alignment == 3  # justified
    assert body.runs[0].font.size in (Pt(13), Pt(14))
    assert body.paragraph_format.first_line_indent is not None
    assert body.paragraph_format.space_after >= Pt(6)


def test_appendices(rendered: Path) -> None:
    doc = Document(str(rendered))
    appendix1, appendix2 = doc.tables[2], doc.tables[3]
    assert len(appendix1.rows) == 1 + 18
    assert "w:tblHeader" in appendix1.rows[0]._tr.xml
    assert [c.text for c in appendix1.rows[1].cells][:4] == [
        "I.1",
        "Đẩy mạnh công tác tuyên truyền các chủ trương, quan điểm của Đảng, chính sách, pháp"
        " luật của Nhà nước và của tỉnh về phát triển và ứng dụng công nghệ sinh học phục vụ"
        " phát triển đất nước trong tình hình mới.",
        "Sở Thông tin và Truyền thông (Sở TT&TT)",  # its first mention: full, short after
        "Sở KH&CN",
    ]
    rows = {r.cells[1].text: r.cells[4].text for r in appendix2.rows[1:]}
    assert rows["Sở Công Thương"] == "Muộn 4 ngày"
    assert rows["Sở Y tế"] == "Đúng hạn"
    assert rows["Sở Ngoại vụ"] == "Chưa gửi"
    # seven reporters resolve to seven agencies in 2026; Sở KH&CN, the focal point, owes
    # itself nothing and is not a row of its own report
    assert len(rows) == 6 and "Sở KH&CN" not in rows


def test_no_leftover_tags_and_same_bytes(own_rendered: Path, ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    data = own_rendered.read_bytes()
    text = document_text(data)
    assert "{{" not in text and "{%" not in text
    r = cli("render", "2026-H2", "--root", ws_root, "--as-of", "2026-11-29")
    assert "không đổi" in r.stdout
    assert own_rendered.read_bytes() == data
    other = ws_root / "again.docx"
    cli("render", "2026-H2", "--root", ws_root, "--as-of", "2026-11-29", "-o", other)
    assert other.read_bytes() == data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    props = Document(str(own_rendered)).core_properties
    assert props.created.year == 2026 and props.modified == props.created


def test_needs_an_up_to_date_consolidation(own_rendered: Path, ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    write(
        ws_root / "reports/2026-H2/STC.yaml",
        received_report(ws_root, "STC", "2026-H2", "2026-11-12", ""),
    )
    r = cli("render", "2026-H2", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 1 and "đã cũ" in r.stderr
    (ws_root / "reports/2026-H1").mkdir()
    r = cli("render", "2026-H1", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 1 and "thiếu hoặc đã cũ" in r.stderr


def _template_with(ws_root: Path, text: str) -> Path:
    from docx import Document as New

    doc = New()
    doc.add_paragraph(text)
    path = ws_root / "templates/hostile.docx"
    doc.save(str(path))
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # Each of these renders without error in a plain jinja2 environment: only the
        # sandbox refuses them (checked by swapping SandboxedEnvironment for Environment).
        ("{{ ''.__class__.__name__ }}", "không được phép"),
        ("{{ signer.__class__.__mro__ }}", "không được phép"),
        ("{{ range.__call__ }}", "không được phép"),
        ("{{ khong_co_bien_nay }}", "khong_co_bien_nay"),
        ("{% for x in %}", "cú pháp"),
    ],
)
def test_hostile_template(own_rendered: Path, ws_root: Path, cli, text: str, message: str) -> None:  # type: ignore[no-untyped-def]
    tpl = _template_with(ws_root, text)
    out = ws_root / "hostile-out.docx"
    r = cli(
        "render",
        "2026-H2",
        "--root",
        ws_root,
        "--as-of",
        "2026-11-29",
        "--template",
        tpl,
        "-o",
        out,
    )
    assert r.exit_code == 1, r.output
    assert message in r.stderr and "Traceback" not in r.output
    assert not out.exists()


def test_not_a_docx(own_rendered: Path, ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    bad = write(ws_root / "templates/bad.docx", "not a zip")
    r = cli("render", "2026-H2", "--root", ws_root, "--as-of", "2026-11-29", "--template", bad)
    # the message names the template's path: where the terminal wraps it depends on its length
    assert r.exit_code == 1 and "không phải tệp Word" in " ".join(r.stderr.split())


def test_hostile_text_renders_safely(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    filled_clerk(ws_root, "2026-H2")
    fill_basis(ws_root)
    big = "Đoạn rất dài. " * 7500  # about 100 kB
    write(
        ws_root / "reports/2026-H2/SYT.yaml",
        "schema_version: 1\nagency: SYT\nperiod: 2026-H2\nnumber: 1/BC\ndate: 2026-11-12\n"
        "received: 2026-11-12\ntasks:\n  - task: III.7\n    state: in_progress\n"
        '    done: "<w:p>&amp; {{ x }} {% y %} & <b>"\n'
        f'difficulties: "{big}"\n',
    )
    assert cli("merge", "2026-H2", "--as-of", "2026-11-29", "--root", ws_root).exit_code == 0
    r = cli("render", "2026-H2", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 0, r.output
    doc = Document(str(ws_root / OUT))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "<w:p>&amp;" in text and "& <b>" in text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_opens_in_libreoffice(
    rendered: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, pdfs_together: None
) -> None:
    made = convert([rendered], "pdf", tmp_path, tmp_path_factory)
    assert made.returncode == 0, made.stderr
    pdf = tmp_path / (rendered.stem + ".pdf")
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")


def test_the_figures_are_counted_to_the_reports_own_date(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    folder = ws_root / "reports/2026-H2"
    folder.mkdir(parents=True)
    for f in DEMO.glob("[A-Z]*.yaml"):
        shutil.copy(f, folder / f.name)
    clerk = filled_clerk(ws_root, "2026-H2")
    clerk.write_text(clerk.read_text(encoding="utf-8") + "date: 2026-11-30\n", encoding="utf-8")
    fill_basis(ws_root)
    assert cli("merge", "2026-H2", "--as-of", "2026-11-30", "--root", ws_root).exit_code == 0
    out = ws_root / "bc.docx"
    r = cli("render", "2026-H2", "--root", ws_root, "-o", out)  # no --as-of; today is 31/12
    assert r.exit_code == 0, r.output
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "tính đến ngày 30 tháng 11 năm 2026" in text
    assert "tính đến ngày 31 tháng 12" not in text
    assert "còn 31 ngày" in text  # III.1, due 31/12/2026, counted from 30/11
