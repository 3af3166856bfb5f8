"""Agencies answer in Word: `report form` out, `report import` in. Forms are filled with
python-docx as a person types into Word (cells, several runs and paragraphs, the drop-down's
text), never by writing the YAML."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn

from conftest import ROOT, cli_outside_a_test, make_workspace
from office import convert, pdf_together
from shared import build_once, read_only

FORM = "reports/2026-H2/mau/MAU_2026-H2_SYT.docx"
DAY = ("--as-of", "2026-11-29")


@pytest.fixture(autouse=True)
def _own_key(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test its own form key, never the user's."""
    monkeypatch.setenv("KH121_FORM_KEY", str(tmp_path_factory.mktemp("key") / "form-key"))


def _form(cli, root: Path, agency: str = "SYT") -> Path:  # type: ignore[no-untyped-def]
    r = cli("report", "form", agency, "--period", "2026-H2", "--root", root)
    assert r.exit_code == 0, r.output
    return root / f"reports/2026-H2/mau/MAU_2026-H2_{agency}.docx"


def _shared_forms(factory: pytest.TempPathFactory) -> Path:
    """The 2026-H2 forms of Sở Y tế and Sở Công Thương that `report form` makes from the
    shipped data (ws/reports/2026-H2/mau/), and the key they were made with (form-key), made
    once a run."""

    def build(folder: Path) -> None:
        root = make_workspace(folder / "ws")
        key = str(folder / "form-key")
        with cli_outside_a_test(factory.mktemp("cache"), KH121_FORM_KEY=key) as cli:
            for agency in ("SYT", "SCT"):
                _form(cli, root, agency)

    return build_once(factory, "forms-2026-H2", build)


def _shared_sct_form(factory: pytest.TempPathFactory) -> Path:
    return _shared_forms(factory) / "ws" / FORM.replace("SYT", "SCT")


pdf_together("test_forms.py::test_the_table_grid_is_the_cells_widths", _shared_sct_form)


@pytest.fixture
def shared_form(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[str], Path]]:
    """`report form AGENCY --period 2026-H2` on the shipped data, made once a run: read only
    (checked unchanged after the test), its key this test's."""
    forms_2026_h2 = _shared_forms(tmp_path_factory)
    monkeypatch.setenv("KH121_FORM_KEY", str(forms_2026_h2 / "form-key"))
    with read_only(forms_2026_h2):
        yield lambda agency: forms_2026_h2 / "ws" / FORM.replace("SYT", agency)


def _fill(
    src: Path, out: Path, state: str = "Đang thực hiện", delivered: str = "40/BC-SYT, 05/11/2026"
) -> Path:
    doc = Document(str(src))
    head, table, general = doc.tables
    head.cell(0, 1).text = "45/BC-SYT"
    head.cell(1, 1).text = "10/11/2026"
    for row in table.rows[1:]:
        if row.cells[0].text == "III.7":
            chosen = row.cells[2]._tc.find(".//" + qn("w:sdtContent")).find(".//" + qn("w:t"))
            chosen.text = state  # chosen from the drop-down
            done = row.cells[3]
            done.paragraphs[0].add_run("Triển khai 3 đề tài ")  # typed in two runs
            done.paragraphs[0].add_run("ứng dụng công nghệ sinh học.")
            done.add_paragraph("Hỗ trợ 2 doanh nghiệp.")  # and a second paragraph
            row.cells[4].text = delivered
            row.cells[6].text = "Thiếu cán bộ."
        else:
            row.cells[2].text = "chưa thực hiện"  # typed over the drop-down, lower case
    general.cell(0, 1).text = "Kinh phí còn hạn chế."
    doc.save(str(out))
    return out


def _tree(root: Path) -> dict[str, bytes]:
    files = (p for p in root.rglob("*") if p.is_file() and p.name != ".kh121.lock")
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files}


def test_a_form_holds_exactly_the_agencys_tasks(cli, ws_root: Path) -> None:  # type: ignore[no-untyped-def]
    form = _form(cli, ws_root)
    cli("report", "new", "SYT", "--period", "2026-H2", "--root", ws_root)
    scaffold = (ws_root / "reports/2026-H2/SYT.yaml").read_text(encoding="utf-8")
    expected = [line.split(":")[1].strip() for line in scaffold.splitlines() if "- task:" in line]
    rows = [row.cells[0].text for row in Document(str(form)).tables[1].rows[1:]]
    assert rows == expected and "III.7" in rows
    roles = {row.cells[0].text: row.cells[1].text for row in Document(str(form)).tables[1].rows[1:]}
    assert "(chủ trì;" in roles["III.7"] and "(phối hợp;" in roles["I.1"]
    r = cli("report", "form", "--all", "--period", "2026-H2", "--root", ws_root)
    assert r.exit_code == 0 and len(list(form.parent.glob("*.docx"))) == 7
    before = form.read_bytes()
    _form(cli, ws_root)
    assert form.read_bytes() == before  # the same bytes twice


def test_filled_form_imports_as_a_hand_written_report(  # type: ignore[no-untyped-def]
    cli, shared_form, ws_root: Path, tmp_path: Path
) -> None:
    filled = _fill(shared_form("SYT"), tmp_path / "SYT.docx")
    r = cli("report", "import", filled, "--received", "12/11/2026", "--root", ws_root, *DAY)
    assert r.exit_code == 0, r.output
    got = yaml.safe_load((ws_root / "reports/2026-H2/SYT.yaml").read_text(encoding="utf-8"))
    assert got["number"] == "45/BC-SYT" and got["date"] == dt.date(2026, 11, 10)
    assert got["received"] == dt.date(2026, 11, 12)
    line = next(t for t in got["tasks"] if t["task"] == "III.7")
    assert line == {
        "task": "III.7",
        "state": "in_progress",
        "done": "Triển khai 3 đề tài ứng dụng công nghệ sinh học.\nHỗ trợ 2 doanh nghiệp.",
        "delivered": {"number": "40/BC-SYT", "date": dt.date(2026, 11, 5)},
        "difficulties": "Thiếu cán bộ.",
    }
    assert all(t["state"] == "not_started" for t in got["tasks"] if t["task"] != "III.7")
    assert got["difficulties"] == "Kinh phí còn hạn chế."
    assert (ws_root / "reports/2026-H2/SYT.docx").read_bytes() == filled.read_bytes()
    assert cli("validate", "--root", ws_root, *DAY).exit_code == 0
    again = cli("report", "import", filled, "--root", ws_root, *DAY)
    assert again.exit_code == 1 and "đã có" in again.stderr
    r = cli("report", "import", filled, "--replace", "--root", ws_root, *DAY)
    assert r.exit_code == 0 and (ws_root / "reports/2026-H2/SYT.yaml.bak").is_file()
    old = yaml.safe_load((ws_root / "reports/2026-H2/SYT.yaml.bak").read_text(encoding="utf-8"))
    assert old["received"] == dt.date(2026, 11, 12)  # recoverable


def test_every_problem_named_by_row_and_column(  # type: ignore[no-untyped-def]
    cli, shared_form, ws_root: Path, tmp_path: Path
) -> None:
    filled = _fill(shared_form("SYT"), tmp_path / "SYT.docx", state="xong lắm", delivered="40/BC")
    before = _tree(ws_root)
    r = cli("report", "import", filled, "--root", ws_root, *DAY)
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert "2 chỗ cần sửa" in r.stderr
    assert "dòng 9 (III.7), cột Tình trạng: 'xong lắm' — chọn Đã hoàn thành" in r.stderr
    assert "dòng 9 (III.7), cột Văn bản đã gửi (số, ngày): '40/BC'" in r.stderr
    assert _tree(ws_root) == before  # nothing written


@pytest.mark.parametrize("what", ["row-removed", "rows-swapped", "not-a-form", "tracked", "zip"])
def test_refusals(cli, shared_form, ws_root: Path, tmp_path: Path, what: str) -> None:  # type: ignore[no-untyped-def]
    filled = _fill(shared_form("SYT"), tmp_path / "SYT.docx")
    if what in ("row-removed", "rows-swapped"):
        doc = Document(str(filled))
        rows = doc.tables[1]._tbl.tr_lst
        if what == "row-removed":
            rows[3].getparent().remove(rows[3])
        else:
            rows[2].addnext(rows[1])
        doc.save(str(filled))
        said = "không khớp mẫu gốc"
    elif what == "not-a-form":
        doc = Document()
        doc.add_paragraph("Báo cáo của Sở Y tế")
        doc.save(str(filled))
        said = "không phải mẫu báo cáo do kh121 tạo"
    elif what == "tracked":
        data = io.BytesIO()
        with zipfile.ZipFile(filled) as src, zipfile.ZipFile(data, "w") as dst:
            for item in src.infolist():
                body = src.read(item)
                if item.filename == "word/document.xml":
                    body = body.replace(
                        b"<w:body>", b'<w:body><w:p><w:ins w:id="1" w:author="x"/></w:p>', 1
                    )
                dst.writestr(item, body)
        filled.write_bytes(data.getvalue())
        said = "Track Changes"
    else:
        filled.write_bytes(b"PK not really")
        said = "không phải tệp Word"
    before = _tree(ws_root)
    r = cli("report", "import", filled, "--root", ws_root, *DAY)
    assert r.exit_code == 1 and said in r.stderr, r.stderr
    assert _tree(ws_root) == before


def test_a_form_of_another_plan_is_refused(cli, ws_root: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "other"
    shutil.copytree(ROOT / "examples/son_hai", other)
    r = cli("report", "form", "SYT", "--period", "2026-H1", "--root", other)
    assert r.exit_code == 0, r.output
    form = other / "reports/2026-H1/mau/MAU_2026-H1_SYT.docx"
    r = cli("report", "import", form, "--root", ws_root, *DAY)
    assert r.exit_code == 1 and "là mẫu của kế hoạch 45/KH-UBND" in " ".join(r.stderr.split())


def test_hostile_text_in_cells(cli, shared_form, ws_root: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    form = shared_form("SYT")
    doc = Document(str(form))
    cell = next(r for r in doc.tables[1].rows[1:] if r.cells[0].text == "III.7").cells[3]
    cell.text = '<w:p> & "quoted" {{ x }} ' + "dài " * 2500
    doc.save(str(tmp_path / "ok.docx"))
    r = cli("report", "import", tmp_path / "ok.docx", "--root", ws_root, *DAY)
    assert r.exit_code == 0, r.output
    got = yaml.safe_load((ws_root / "reports/2026-H2/SYT.yaml").read_text(encoding="utf-8"))
    done = next(t for t in got["tasks"] if t["task"] == "III.7")["done"]
    assert done.startswith('<w:p> & "quoted" {{ x }}') and len(done) > 10_000
    (ws_root / "reports/2026-H2/SYT.yaml").unlink()
    cell.text = "kết quả \u202e ẩn"
    doc.save(str(tmp_path / "rtl.docx"))
    r = cli("report", "import", tmp_path / "rtl.docx", "--root", ws_root, *DAY)
    assert r.exit_code == 1 and "dòng 9 (III.7)" in r.stderr and "U+202E" in r.stderr
    assert not (ws_root / "reports/2026-H2/SYT.yaml").exists()


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_a_form_resaved_by_libreoffice_imports_the_same(  # type: ignore[no-untyped-def]
    cli, shared_form, ws_root: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    filled = _fill(shared_form("SYT"), tmp_path / "SYT.docx")
    assert cli("report", "import", filled, "--root", ws_root, *DAY).exit_code == 0
    first = (ws_root / "reports/2026-H2/SYT.yaml").read_text(encoding="utf-8").split("\n", 1)[1]
    out = tmp_path / "lo"
    made = convert([filled], "docx", out, tmp_path_factory)
    assert made.returncode == 0 and made.paths == [out / "SYT.docx"], made.stderr
    r = cli("report", "import", out / "SYT.docx", "--replace", "--root", ws_root, *DAY)
    assert r.exit_code == 0, r.output
    second = (ws_root / "reports/2026-H2/SYT.yaml").read_text(encoding="utf-8").split("\n", 1)[1]
    assert second == first


def test_output_path_and_no_keep(cli, ws_root: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    one = tmp_path / "form.docx"
    r = cli("report", "form", "SYT", "--period", "2026-H2", "-o", one, "--root", ws_root)
    assert r.exit_code == 0 and one.is_file()
    folder = tmp_path / "all"
    folder.mkdir()
    r = cli("report", "form", "--all", "--period", "2026-H2", "-o", folder, "--root", ws_root)
    assert r.exit_code == 0 and len(list(folder.glob("MAU_2026-H2_*.docx"))) == 7
    filled = _fill(one, tmp_path / "SYT.docx")
    r = cli("report", "import", filled, "--no-keep", "--root", ws_root, *DAY)
    assert r.exit_code == 0, r.output
    assert (ws_root / "reports/2026-H2/SYT.yaml").is_file()
    assert not (ws_root / "reports/2026-H2/SYT.docx").exists()


def test_the_table_grid_is_the_cells_widths(  # type: ignore[no-untyped-def]
    shared_form, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, pdfs_together
) -> None:
    """LibreOffice lays a table out by its grid: a grid of equal columns squeezed the task
    text into a narrow one (the Sở Công Thương form ran to 13 pages, 7 now)."""
    form = shared_form("SCT")
    table = Document(str(form)).tables[1]
    grid = [int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    cells = [int(c._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for c in table.rows[1].cells]
    assert grid == cells and len(set(grid)) > 1
    if shutil.which("soffice") is None:
        return
    made = convert([form], "pdf", tmp_path, tmp_path_factory)
    assert made.returncode == 0, made.stderr
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / form.with_suffix(".pdf").name)], capture_output=True, text=True
    )
    pages = int(info.stdout.split("Pages:")[1].split()[0])
    assert pages <= 8, pages


@pytest.mark.parametrize(
    "cited",
    [
        "40/QĐ-SYT ngày 05/11/2026",
        "Quyết định số 40/QĐ-SYT ngày 05/11/2026",
        "40/QĐ-SYT, 05/11/2026",
        "40/QĐ-SYT ngày 05 tháng 11 năm 2026",
    ],
)
def test_a_document_cited_as_offices_cite_it(  # type: ignore[no-untyped-def]
    cli, shared_form, ws_root: Path, tmp_path: Path, cited: str
) -> None:
    filled = _fill(shared_form("SYT"), tmp_path / "SYT.docx", delivered=cited)
    r = cli("report", "import", filled, "--root", ws_root, *DAY)
    assert r.exit_code == 0, r.output
    got = yaml.safe_load((ws_root / "reports/2026-H2/SYT.yaml").read_text(encoding="utf-8"))
    line = next(t for t in got["tasks"] if t["task"] == "III.7")
    assert line["delivered"] == {"number": "40/QĐ-SYT", "date": dt.date(2026, 11, 5)}
