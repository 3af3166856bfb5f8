"""Issue 25: what a văn thư checks in the report and the reminder letter (Decree 30/2020)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document

from conftest import OUT_NAME, cli_outside_a_test, fill_basis, merged_demo_dir
from office import convert, pdf_together
from shared import build_once, copy_into, read_only

needs_office = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) and poppler (pdftotext) are not installed",
)


def _letter(root: Path, cli, number: str = "5") -> Path:  # type: ignore[no-untyped-def]
    out = root / "cv.docx"
    r = cli("remind", "2026-H2", "--root", root, "--as-of", "2026-11-30", "--number", number,
            "-o", out)  # fmt: skip
    assert r.exit_code == 0, r.output
    return out


@pytest.fixture
def demo(ws_root: Path, merged_demo: Path) -> Path:
    """This test's own copy of the demo period merged on 29/11/2026."""
    return copy_into(merged_demo, ws_root)


def _text(path: Path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_blank_legal_basis_is_a_placeholder(demo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    fill_basis(demo, undo=True)
    r = cli("render", "2026-H2", "--root", demo, "--as-of", "2026-11-29")
    assert r.exit_code == 1 and "căn cứ (Quyết định phê duyệt Kế hoạch) chưa có số" in r.stderr
    r = cli("render", "2026-H2", "--root", demo, "--as-of", "2026-11-29", "--draft")
    assert r.exit_code == 0, r.output


def test_numbers_below_ten_take_a_leading_zero(demo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("render", "2026-H2", "--root", demo, "--as-of", "2026-11-29", "--number", "5")
    assert r.exit_code == 0, r.output
    path = next((demo / "reports").glob("BC_*.docx"))
    doc = Document(str(path))
    head = "\n".join(p.text for p in doc.tables[0].cell(0, 0).paragraphs)
    assert "Số: 05/BC-SKHCN" in head and "Số: 5/" not in head
    assert _text(path).count("Kèm theo Báo cáo số 05/BC-SKHCN") == 2
    letter = _letter(demo, cli)
    head = "\n".join(p.text for p in Document(str(letter)).tables[0].cell(0, 0).paragraphs)
    assert "Số: 05/SKHCN-QLCN" in head


def test_abbreviations_are_introduced_once(rendered_demo: Path) -> None:
    # the report `kh121 render 2026-H2 --as-of 2026-11-29` wrote from the demo period
    with read_only(rendered_demo / "reports" / OUT_NAME) as report:
        body = _text_body(Document(str(report)))
    for full, short in (
        ("Sở Khoa học và Công nghệ", "Sở KH&CN"),
        ("Sở Nông nghiệp và Môi trường", "Sở NN&MT"),
        ("Ủy ban nhân dân tỉnh Thanh Hóa", "UBND tỉnh"),
    ):
        first = body.index(short)
        assert body[: first + len(short) + 1].endswith(f"{full} ({short})"), short
        assert body.count(f"({short})") == 1, short


def _text_body(doc: object) -> str:
    """The running text after the header, the Kính gửi line and the caption left out."""
    texts = [p.text for p in doc.paragraphs]  # type: ignore[attr-defined]
    start = next(i for i, t in enumerate(texts) if t.startswith("Thực hiện"))
    return "\n".join(t for t in texts[start:] if not t.startswith("(Kèm theo"))


def test_the_letter_says_what_and_why(demo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    text = _text(_letter(demo, cli))
    assert "Theo Điều 2 Quyết định số 3456/QĐ-UBND" in text
    assert "hạn ngày 15 tháng 11 năm 2026 rơi vào Chủ nhật nên là ngày 16 tháng 11 năm 2026" in text
    assert "…" not in text  # no task content cut mid-phrase
    # the one reply date: the report of the same day asks for the same
    assert "trước ngày 07 tháng 12 năm 2026" in text
    r = cli("render", "2026-H2", "--root", demo, "--as-of", "2026-11-30", "--date", "2026-11-30")
    assert r.exit_code == 0, r.output
    report = _text(next((demo / "reports").glob("BC_*2026-11-30.docx")))
    assert "trước ngày 07 tháng 12 năm 2026" in report
    assert "10/12/2026" not in report and "ngày 10 tháng 12 năm 2026" not in report


def test_properties_say_what_and_who(demo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    letter = _letter(demo, cli)
    with zipfile.ZipFile(letter) as z:
        names = z.namelist()
        app = z.read("docProps/app.xml").decode()
        core = z.read("docProps/core.xml").decode()
        rels = z.read("_rels/.rels").decode()
    assert "docProps/thumbnail.jpeg" not in names and "thumbnail" not in rels
    assert "word/stylesWithEffects.xml" not in names
    assert "Microsoft" not in app and "<Application>kh121</Application>" in app
    assert "<Company>Sở Khoa học và Công nghệ</Company>" in app and "<Pages>" not in app
    assert "Công văn" in core
    again = _letter(demo, cli)
    assert again.read_bytes() == letter.read_bytes()  # deterministic bytes


def _bbox(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Per page, the words with their left x and top y (pdftotext -bbox)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    pages = []
    for page in html.split("<page ")[1:]:
        words = re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>', page
        )
        pages.append([(float(x), float(y), w) for x, y, w in words])
    return pages


def _shared_letter(factory: pytest.TempPathFactory) -> Path:
    """_letter of the merged demo period, made once a run."""

    def build(root: Path) -> None:
        copy_into(merged_demo_dir(factory), root)
        with cli_outside_a_test(factory.mktemp("cache")) as cli:
            _letter(root, cli)

    return build_once(factory, "report-form-letter", build) / "cv.docx"


pdf_together("test_report_form.py::test_letter_pages", _shared_letter)


@needs_office
def test_letter_pages(tmp_path: Path, tmp_path_factory, pdfs_together) -> None:  # type: ignore[no-untyped-def]
    with read_only(_shared_letter(tmp_path_factory)) as letter:  # _letter(demo, cli)
        pdf = convert([letter], "pdf", tmp_path, tmp_path_factory)
    assert pdf.returncode == 0, pdf.stderr
    pages = _bbox(tmp_path / "cv.pdf")
    first = pages[0]
    kinh = next((x, y) for x, y, w in first if w == "Kính")
    dashes = [x for x, y, w in first if w == "-" and y >= kinh[1] - 1 and y < kinh[1] + 80]
    assert len(dashes) >= 2 and max(dashes) - min(dashes) < 1.0  # the dashes aligned
    assert kinh[0] < min(dashes)  # "Kính gửi:" before them, on the first one's line
    # the last page holds more than "Trân trọng./." and the signature
    last = " ".join(w for _x, _y, w in pages[-1])
    assert "Nơi nhận:" in last
    body_before = last.split("Trân")[0]
    assert len(body_before.split()) > 10, last[:200]
    # the rule under the sender's name: 1/3 to 1/2 of the line above it (VÀ CÔNG NGHỆ)
    line = [(x, w) for x, _y, w in first if w in ("VÀ", "CÔNG", "NGHỆ")][:3]
    assert len(line) == 3
