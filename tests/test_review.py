"""kh121 review: the plan over years (sơ kết, tổng kết), with figures computed by hand.

The workspace: the shipped plan and agencies, the record kept from 2024-H2 (`since`), and
- 2023: nothing entered: the year rests on no data;
- 2024: backfilled after it closed (files typed in 2026, each `received` as it was in 2024):
  Sở Y tế on time (III.7 done 10/11/2024), Sở Công Thương 10 days late (III.6, V.1 in
  progress); both columns of 2024 are therefore the same;
- 2025, after the mergers of 01/03/2025: Sở NN&MT (successor of Sở NN&PTNT and Sở TN&MT) on
  time for H1; for H2 reminded on 01/12/2025 and received on 20/01/2026, after the year
  closed, saying III.2 done on 30/11/2025 (done in the year, learnt after it); Sở Y tế's H2
  3 days late, then in 2026-H1 the 2025 document of III.7, dated 01/02/2026 (done after the
  year closed).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import cli_outside_a_test, make_workspace, received_report, write
from office import convert, pdf_together
from shared import build_once, copy_into, read_only

AS_OF = ("--as-of", "2026-06-30")
YEARS = ("--from", "2023", "--to", "2025")


def _since(root: Path, period: str) -> None:
    plan = root / "data" / "tasks.yaml"
    lines = plan.read_text(encoding="utf-8").splitlines(True)
    plan.write_text(
        "".join(f"  since: {period}\n" if x.startswith("  since:") else x for x in lines),
        encoding="utf-8",
    )


def _report(root: Path, agency: str, period: str, received: str, body: str = "") -> None:
    write(
        root / "reports" / period / f"{agency}.yaml",
        received_report(root, agency, period, received, body),
    )


def _three_years(ws_root: Path) -> None:
    _since(ws_root, "2024-H2")
    _report(
        ws_root,
        "SYT",
        "2024-H2",
        "2024-11-14",
        "tasks:\n  - task: III.7\n    state: done\n    delivered:\n"
        "      number: 50/KH-SYT\n      date: 2024-11-10\n",
    )
    _report(ws_root, "SCT", "2024-H2", "2024-11-25")
    _report(ws_root, "SNNMT", "2025-H1", "2025-05-14")
    _report(
        ws_root,
        "SNNMT",
        "2025-H2",
        "2026-01-20",
        "tasks:\n  - task: III.2\n    state: done\n    delivered:\n"
        "      number: 12/KH-SNNMT\n      date: 2025-11-30\n",
    )
    _report(ws_root, "SYT", "2025-H2", "2025-11-20")
    _report(
        ws_root,
        "SYT",
        "2026-H1",
        "2026-05-10",
        "tasks:\n  - task: III.7\n    state: in_progress\n    delivered:\n"
        "      - number: 7/KH-SYT\n        date: 2026-02-01\n        for_year: 2025\n",
    )
    write(
        ws_root / "reports/2025-H2/_don_doc.yaml",
        "schema_version: 1\nperiod: 2025-H2\nreminders:\n  - number: 99/SKHCN-QLCN\n"
        "    date: 2025-12-01\n    reply_by: 2025-12-08\n    agencies: [SNNMT]\n",
    )


def _shared_three_years(factory: pytest.TempPathFactory) -> Path:
    """The workspace above, built once a run (received_report loads the plan each time)."""

    def build(root: Path) -> None:
        with cli_outside_a_test(factory.mktemp("cache")):
            _three_years(make_workspace(root))

    return build_once(factory, "review-three-years", build)


@pytest.fixture(scope="session")
def shared_three_years(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _shared_three_years(tmp_path_factory)


@pytest.fixture
def three_years(ws_root: Path, shared_three_years: Path) -> Path:
    """This test's own copy of the workspace above, to write in."""
    return copy_into(shared_three_years, ws_root)


@pytest.fixture
def three_years_read(shared_three_years: Path) -> Iterator[Path]:
    """The workspace above, shared, for a test that only reads it (checked unchanged)."""
    with read_only(shared_three_years) as root:
        yield root


def _json(cli, root: Path) -> dict:  # type: ignore[no-untyped-def,type-arg]
    r = cli("review", "--root", root, *YEARS, *AS_OF, "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def _bins(c: dict) -> tuple[int, ...]:  # type: ignore[type-arg]
    t = c["tasks"]
    keys = ("total", "done_on_time", "done_late", "open_in_time", "open_overdue", "no_data")
    return tuple(t[k] for k in keys)


def _reports(c: dict) -> tuple[object, ...]:  # type: ignore[type-arg]
    r = c["reports"]
    keys = ("owed", "on_time", "late", "mean_days_late", "worst_days_late", "missing")
    return (*(r[k] for k in keys), r["reminders"], r["no_data"])


def test_figures_by_year_both_columns_by_hand(cli, three_years_read: Path) -> None:  # type: ignore[no-untyped-def]
    data = _json(cli, three_years_read)
    assert data["kind"] == "so_ket" and data["no_data_years"] == [2023]
    y = {item["year"]: item for item in data["years"]}
    # 2023: 16 yearly occurrences due before the record began (16/05/2024), none spoken of;
    # the 2023-H2 report of the 10 agencies reporting then: no data.
    for col in ("at_close", "now"):
        assert _bins(y[2023][col]) == (0, 0, 0, 0, 0, 16)
        assert _reports(y[2023][col]) == (0, 0, 0, 0.0, 0, 0, 0, 10)
    # 2024: 16 yearly + II.2 (12/2024). At 31/12/2024: III.7 done on time; III.1 and II.2
    # due 31/12 still in time; the 14 others overdue. Now those two are overdue too.
    assert _bins(y[2024]["at_close"]) == (17, 1, 0, 2, 14, 0)
    assert _bins(y[2024]["now"]) == (17, 1, 0, 0, 16, 0)
    # Reports: 2024-H1 before the record (10, no data); 2024-H2: 10 owed, SYT on time, SCT
    # received 25/11 for 15/11 (10 days), 8 missing. Backfilled with its dates: the same.
    for col in ("at_close", "now"):
        assert _reports(y[2024][col]) == (10, 1, 1, 10.0, 10, 8, 0, 10)
    assert y[2024]["changes"] == [] and y[2024]["reports_after_close"] == 0
    # 2025: 16 yearly + II.1 (12/2025). At 31/12/2025: III.1 and II.1 in time, 15 overdue;
    # now III.2 done on time (30/11/2025, learnt 20/01/2026) and III.7 done late
    # (01/02/2026); III.1 and II.1 overdue.
    assert _bins(y[2025]["at_close"]) == (17, 0, 0, 2, 15, 0)
    assert _bins(y[2025]["now"]) == (17, 1, 1, 0, 15, 0)
    assert y[2025]["changes"] == [
        {"task": "III.2", "occurrence": "2025", "why": "reported_after_close",
         "done_on": "2025-11-30"},
        {"task": "III.7", "occurrence": "2025", "why": "done_after_close",
         "done_on": "2026-02-01"},
    ]  # fmt: skip
    # Reports after the mergers: 6 agencies a period. At 31/12/2025: SNNMT on time (H1), SYT
    # 3 days late (17/11/2025 for 15/11, a Saturday), 10 missing, SNNMT reminded once; now
    # SNNMT's H2 is 64 days late (20/01/2026): mean (3 + 64) / 2 = 33.5, worst 64.
    assert _reports(y[2025]["at_close"]) == (12, 1, 1, 3.0, 3, 10, 1, 0)
    assert _reports(y[2025]["now"]) == (12, 1, 2, 33.5, 64, 9, 1, 0)
    assert y[2025]["reports_after_close"] == 1
    assert _bins({"tasks": data["total"]}) == (34, 2, 1, 0, 31, 16)


def test_agencies_with_successors_and_sections(cli, three_years_read: Path) -> None:  # type: ignore[no-untyped-def]
    data = _json(cli, three_years_read)
    agencies = {a["code"]: a for a in data["agencies"]}
    assert "SNNPTNT" not in agencies and "STNMT" not in agencies  # merged: their successor
    snnmt = agencies["SNNMT"]
    assert {t["from"]: t["tasks"] for t in snnmt["took_over"]} == {
        "SNNPTNT": ["III.2", "III.3", "III.4"],
        "STNMT": ["III.8"],
    }
    # its four tasks: 2024 all overdue; 2025 III.2 done on time, three overdue
    assert _bins({"tasks": snnmt["years"]["2024"]["now"]}) == (4, 0, 0, 0, 4, 0)
    assert _bins({"tasks": snnmt["years"]["2025"]["now"]}) == (4, 1, 0, 0, 3, 0)
    assert _bins({"tasks": snnmt["years"]["2025"]["at_close"]}) == (4, 0, 0, 0, 4, 0)
    # its reports: 2024-H2 owed by both predecessors, missing; 2025 one on time, one late
    assert _reports(snnmt["years"]["2024"]) == (2, 0, 0, 0.0, 0, 2, 0, 0)
    assert _reports(snnmt["years"]["2025"]) == (2, 1, 1, 64.0, 64, 0, 1, 0)
    assert {t["from"] for t in agencies["SKHCN"]["took_over"]} == {"STTTT"}
    sections = {s["id"]: s for s in data["sections"]}
    assert sum(s["years"]["2025"]["now"]["total"] for s in sections.values()) == 17
    assert sections["III"]["years"]["2025"]["now"]["done_on_time"] == 1


def test_terminal_fits_80_columns_and_names_the_changes(cli, three_years_read: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("review", "--root", three_years_read, *YEARS, *AS_OF)
    assert r.exit_code == 0, r.output
    assert max(map(len, r.stdout.splitlines())) <= 80
    out = r.stdout
    assert "sơ kết 03 năm 2023–2025" in out
    assert "Năm chưa có số liệu: 2023" in out
    assert "1 lượt hoàn thành sau khi năm khép lại: III.7 (01/02/2026)" in out
    flat = " ".join(out.split())
    assert "1 lượt hoàn thành trong năm nhưng báo cáo sau khi năm khép lại: III.2" in flat
    assert "1 báo cáo chưa gửi đến 31/12/2025, nhận sau đó" in flat
    assert "2025-H2" not in out and "done_late" not in out  # no raw key for people
    assert "tiếp nhận nhiệm vụ từ Sở NN&PTNT: III.2, III.3, III.4; Sở TN&MT: III.8" in flat
    en = cli("review", "--root", three_years_read, *YEARS, *AS_OF, "--lang", "en")
    assert "Years resting on no data: 2023" in en.stdout


def test_whole_span_is_a_tong_ket(cli, three_years_read: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli(
        "review", "--root", three_years_read, "--from", "2023", "--to", "2030", *AS_OF, "--json"
    )
    assert json.loads(r.stdout)["kind"] == "tong_ket"
    bad = cli("review", "--root", three_years_read, "--from", "2026", "--to", "2024", *AS_OF)
    assert bad.exit_code == 1 and "năm đầu sau năm cuối" in bad.output


def _fill(root: Path) -> Path:
    path = root / "reports/_so_ket_2023-2025.yaml"
    text = path.read_text(encoding="utf-8")
    for key in ("direction", "achievements", "shortcomings", "causes", "lessons",
                "next_tasks", "proposals"):  # fmt: skip
        text = text.replace(f"\n{key}:\n", f"\n{key}: Nội dung phần {key} (thử).\n")
    text = text.replace("number:  #", "number: '12'  #")
    text += "signer:\n  capacity: KT. GIÁM ĐỐC\n  title: PHÓ GIÁM ĐỐC\n  name: Lê Văn Thử\n"
    path.write_text(text, encoding="utf-8")
    return path


def _fill_basis(root: Path) -> None:
    plan = root / "data/tasks.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace(
        "  approved_by:\n    kind: Quyết định\n    number:\n    date:\n",
        "  approved_by:\n    kind: Quyết định\n    number: 1234/QĐ-UBND\n    date: 2023-09-05\n",
    )
    plan.write_text(text, encoding="utf-8")


def test_scaffold_then_word_refused_until_filled(cli, three_years: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("review", "--root", three_years, *YEARS, *AS_OF, "--scaffold")
    assert r.exit_code == 0, r.output
    assert (three_years / "reports/_so_ket_2023-2025.yaml").is_file()
    again = cli("review", "--root", three_years, *YEARS, *AS_OF, "--scaffold")
    assert again.exit_code == 1  # never overwritten
    refused = cli("review", "--root", three_years, *YEARS, *AS_OF, "--docx")
    assert refused.exit_code == 1
    assert "điền lessons: trong reports/_so_ket_2023-2025.yaml" in " ".join(refused.output.split())
    assert not list((three_years / "reports").glob("BC_SK_*"))
    _fill(three_years)
    _fill_basis(three_years)
    ok = cli("review", "--root", three_years, *YEARS, *AS_OF, "--docx", "--date", "2026-07-01")
    assert ok.exit_code == 0, ok.output
    assert (three_years / "reports/BC_SK_121-KH-TU_2023-2025_2026-07-01.docx").is_file()


def test_review_file_is_validated(cli, three_years: Path) -> None:  # type: ignore[no-untyped-def]
    write(
        three_years / "reports/_so_ket_2023-2025.yaml",
        "schema_version: 1\nfrom_year: 2023\nto_year: 2025\nlesons: x\n",
    )
    r = cli("review", "--root", three_years, *YEARS, *AS_OF)
    assert r.exit_code == 1 and "_so_ket_2023-2025.yaml:4:1: lỗi[E021]" in r.output
    write(
        three_years / "reports/_so_ket_2023-2025.yaml",
        "schema_version: 1\nfrom_year: 2023\nto_year: 2024\n",
    )
    r = cli("review", "--root", three_years, *YEARS, *AS_OF)
    assert r.exit_code == 1 and "_so_ket_2023-2025.yaml:2:12: lỗi[E120]" in r.output
    v = cli("validate", "--root", three_years, *AS_OF)
    assert v.exit_code == 1 and "_so_ket_2023-2025.yaml:2:12: lỗi[E120]" in v.output


def _docx(cli, root: Path) -> Path:  # type: ignore[no-untyped-def]
    out = root / "so_ket.docx"
    r = cli("review", "--root", root, *YEARS, *AS_OF, "--docx", "--draft", "--date",
            "2026-07-01", "-o", out)  # fmt: skip
    assert r.exit_code == 0, r.output
    return out


def _shared_draft(factory: pytest.TempPathFactory) -> Path:
    """_docx of the workspace above, made once a run."""

    def build(root: Path) -> None:
        copy_into(_shared_three_years(factory), root)
        with cli_outside_a_test(factory.mktemp("cache")) as cli:
            _docx(cli, root)

    return build_once(factory, "review-draft", build) / "so_ket.docx"


pdf_together("test_review.py::test_word_review_as_pdf", _shared_draft)


def test_word_review_read_back(cli, three_years: Path) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    out = _docx(cli, three_years)
    again = out.read_bytes()
    assert _docx(cli, three_years).read_bytes() == again  # the same bytes
    doc = Document(str(out))
    text = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in text
    title = next(x for x in text if x.startswith("Sơ kết 03 năm thực hiện"))
    assert title.endswith("giai đoạn 2023–2025")
    heads = [x for x in text if x[:3] in ("I. ", "II.", "III", "IV.", "V. ")]
    assert heads == [
        "I. CÔNG TÁC CHỈ ĐẠO, TỔ CHỨC TRIỂN KHAI",
        "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN TIẾP THEO",
        "V. KIẾN NGHỊ, ĐỀ XUẤT",
    ]
    body = "\n".join(text)
    for part in ("Kết quả đạt được", "Tồn tại, hạn chế", "Bài học kinh nghiệm"):
        assert part in body
    assert "[DỰ THẢO — chưa có nội dung phần 'Bài học kinh nghiệm']" in body
    assert "Năm 2023: chưa có số liệu (16 lượt)" in body
    assert "+ Năm 2025: hoàn thành quá hạn (01/02/2026)." in body  # III.7 over the years
    assert "năm này chưa có số liệu" in body
    for name in ("Phụ lục I", "Phụ lục II", "Phụ lục III"):
        assert name in text
    years, agencies, reports = doc.tables[2], doc.tables[3], doc.tables[4]
    rows = [[c.text for c in r.cells] for r in years.rows]
    assert rows[0][0] == "Năm" and rows[1][:9] == [
        "2023", "31/12/2023", "0", "0", "0", "0", "0", "16", "-"
    ]  # fmt: skip
    assert rows[5][:8] == ["2025", "31/12/2025", "17", "0", "0", "2", "15", "0"]
    assert rows[6][:8] == ["", "30/06/2026", "17", "1", "1", "0", "15", "0"]
    arows = [[c.text for c in r.cells] for r in agencies.rows]
    snnmt = next(i for i, r in enumerate(arows) if r[0] == "Sở Nông nghiệp và Môi trường")
    assert "III.8" in arows[snnmt][1] and arows[snnmt + 2][2:8] == [
        "2025", "4", "1", "3", "0", "1/1/0"
    ]  # fmt: skip
    rrows = [[c.text for c in r.cells] for r in reports.rows]
    assert rrows[6][:10] == ["", "30/06/2026", "12", "1", "2", "33,5", "64", "9", "1", "0"]


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice (soffice) and poppler (pdftoppm) are not installed",
)
def test_word_review_as_pdf(tmp_path: Path, tmp_path_factory, pdfs_together) -> None:  # type: ignore[no-untyped-def]
    with read_only(_shared_draft(tmp_path_factory)) as out:  # _docx of three_years
        made = convert([out], "pdf", tmp_path, tmp_path_factory)
    assert made.returncode == 0, made.stderr
    pdf = tmp_path / "so_ket.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "trang")], check=True)
    pages = sorted(tmp_path.glob("trang-*.png"))
    assert len(pages) >= 5  # the body and three landscape appendices
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Phụ lục III" in text and "TÌNH HÌNH GỬI BÁO CÁO ĐỊNH KỲ THEO NĂM" in text
    keep = Path("/tmp/kh121_review_pages")
    keep.mkdir(exist_ok=True)
    for p in pages:
        shutil.copy(p, keep / p.name)


def test_page_years_view_equals_review_json(cli, three_years: Path, request) -> None:  # type: ignore[no-untyped-def]
    r = cli("page", "--root", three_years, *AS_OF)
    assert r.exit_code == 0, r.output
    html = (three_years / "reports/trang_theo_doi.html").read_text(encoding="utf-8")
    assert 'id="years"' in html and 'data-year="2025"' in html
    chromium = request.getfixturevalue("chromium")  # skips where chromium or playwright is not
    data = _json(cli, three_years)
    with chromium.new_context() as context:
        page = context.new_page()
        page.goto((three_years / "reports/trang_theo_doi.html").as_uri())
        for y in data["years"]:
            row = page.locator(f'#years tr[data-year="{y["year"]}"]')
            shown = {
                el.get_attribute("data-k"): int(el.inner_text())
                for el in row.locator("[data-k]").element_handles()
            }
            t, rep = y["now"]["tasks"], y["now"]["reports"]
            assert shown == {
                "total": t["total"],
                "done": t["done_on_time"] + t["done_late"],
                "done_on_time": t["done_on_time"],
                "open_overdue": t["open_overdue"],
                "no_data": t["no_data"],
                "owed": rep["owed"],
                "on_time": rep["on_time"],
                "late": rep["late"],
                "missing": rep["missing"],
            }, y["year"]
        cell = page.locator('#agency-years tr[data-agency="SNNMT"] td[data-year="2025"]')
        snnmt = next(a for a in data["agencies"] if a["code"] == "SNNMT")["years"]["2025"]
        assert cell.inner_text() == (
            f"{snnmt['now']['done_on_time'] + snnmt['now']['done_late']}/"
            f"{snnmt['now']['total']}; {snnmt['reports']['on_time']}/{snnmt['reports']['owed']}"
        )


def test_one_year_is_said_as_one_year(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("review", "--from", "2026", "--to", "2026", "--root", ws_root, "--as-of", "2026-12-01")
    assert r.exit_code == 0, r.output
    assert "sơ kết năm 2026" in r.stdout and "01 năm" not in r.stdout
