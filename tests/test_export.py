"""kh121 export --xlsx: the workbook read back with openpyxl (every figure equal to
`status --json` on the same date, types, formats, frozen panes, filters, print setup, text
from data kept as text), opened by LibreOffice Calc headless, and the same bytes twice."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, cli_outside_a_test, fill_basis, make_workspace, write
from office import SOFFICE, convert
from shared import build_once, read_only

openpyxl = pytest.importorskip("openpyxl")

DAY = ("--as-of", "2026-12-20")
OUT = "reports/theo_doi_2026-12-20.xlsx"
FORMULAS = ("=1+1", "+84 912 345 678", "-5", "@SUM(A1:A2)", '=HYPERLINK("http://x","y")')
SHEETS = ["Tổng hợp", "Nhiệm vụ", "Báo cáo theo kỳ", "Đôn đốc"]


def _demo(root: Path, cli) -> Path:  # type: ignore[no-untyped-def]
    """The demo's 2026-H2, a reminder letter recorded, and texts that look like formulas."""
    shutil.copytree(ROOT / "examples/demo/reports", root / "reports", dirs_exist_ok=True)
    fill_basis(root)  # a letter is never issued on a blank legal basis
    syt = root / "reports/2026-H2/SYT.yaml"
    text = syt.read_text(encoding="utf-8")
    start = text.index("    done: |")  # III.7, which SYT leads
    end = text.index("    delivered:")
    text = text[:start] + f"    done: '{FORMULAS[0]}'\n" + text[end:]
    text = re.sub(r"(    delivered:\n      number: )[^\n]+", r"\1'=2+2'", text, count=1)
    assert "number: '=2+2'" in text
    write(syt, text)
    tasks = root / "data/tasks.yaml"
    plan = tasks.read_text(encoding="utf-8")
    old = "          Đẩy mạnh công tác tuyên truyền"
    assert old in plan
    write(
        tasks, plan.replace(old, "          " + FORMULAS[4] + " Đẩy mạnh công tác tuyên truyền", 1)
    )
    r = cli("remind", "--root", root, *DAY, "--number", "130", "--date", "2026-12-20", "--record")
    assert r.exit_code == 0, r.output
    return root


def _export(cli, root: Path, *more: str) -> Path:  # type: ignore[no-untyped-def]
    r = cli("export", "--xlsx", "--root", root, *DAY, *more)
    assert r.exit_code == 0, r.output
    assert "Traceback" not in r.output
    return root / OUT


@pytest.fixture(scope="session")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workspace of _demo and its workbook (`export --xlsx`, 20/12/2026, at OUT), made
    once a run (_demo records a reminder letter)."""

    def build(root: Path) -> None:
        with cli_outside_a_test(tmp_path_factory.mktemp("cache")) as cli:
            _export(cli, _demo(make_workspace(root), cli))

    return build_once(tmp_path_factory, "export-demo", build)


@pytest.fixture
def demo_root(exported: Path) -> Iterator[Path]:
    """`exported`, for a test that only reads it (checked unchanged after the test)."""
    with read_only(exported) as root:
        yield root


def _rows(ws: Any) -> list[dict[str, Any]]:
    heads = [c.value for c in ws[1]]
    return [dict(zip(heads, row, strict=True)) for row in ws.iter_rows(min_row=2, values_only=True)]


def _bins_of(occurrences: list[dict[str, Any]]) -> Counter[str]:
    return Counter(o["bin"] for o in occurrences if o["assigned"])


def test_every_figure_equals_status_json(demo_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    from kh121.presenters import labels
    from kh121.states import Bin

    root = demo_root
    book = openpyxl.load_workbook(root / OUT)
    status = json.loads(cli("status", "--json", "--root", root, *DAY).stdout)
    assert book.sheetnames == SHEETS
    bin_heads = {b.value: labels.bin_label(b.value, "vi").capitalize() for b in Bin}

    summary = _rows(book["Tổng hợp"])
    whole = summary[0]
    s = status["summary"]
    assert (whole["Phạm vi"], whole["Mã"]) == ("Toàn kế hoạch", status["plan"])
    assert whole["Tổng số lượt"] == s["total"] and whole["Đã đến hạn"] == s["due"]
    every = [o for t in status["tasks"] for o in t["occurrences"]]
    for key, head in bin_heads.items():  # every bin the core has, the four and any new one
        assert whole[head] == _bins_of(every)[key], key
        if key in s:
            assert whole[head] == s[key], key
    assert whole["Đã hoàn thành"] == s["done_on_time"] + s["done_late"]
    assert round(whole["Tỷ lệ hoàn thành"] * 100, 1) == s["percent_done"]
    assert round(whole["Tỷ lệ hoàn thành (số đã đến hạn)"] * 100, 1) == s["percent_done_of_due"]

    sections = {r["Mã"]: r for r in summary if r["Phạm vi"] == "Phần"}
    agencies = {r["Mã"]: r for r in summary if r["Phạm vi"] == "Cơ quan"}
    assert list(sections) == ["I", "II", "III", "IV", "V"]
    for group, rows in (("section", sections), ("responsible", agencies)):
        assert set(rows) == {t[group] for t in status["tasks"]}
        for code, row in rows.items():
            occs = [o for t in status["tasks"] if t[group] == code for o in t["occurrences"]]
            for key, head in bin_heads.items():
                assert row[head] == _bins_of(occs)[key], (code, key)

    tasks_ws = book["Nhiệm vụ"]
    tasks = _rows(tasks_ws)
    assigned = [(t, o) for t in status["tasks"] for o in t["occurrences"] if o["assigned"]]
    assert len(tasks) == len(assigned)
    for row, (t, o) in zip(tasks, assigned, strict=True):
        assert row["Số TT"] == t["id"]
        assert row["Nhóm"] == labels.bin_label(o["bin"], "vi")
        assert row["Mã cơ quan"] == t["responsible"]
        due = row["Hạn tính (ngày làm việc)"]
        assert (due.date().isoformat() if due else None) == o["effective_due"]
        assert row["Quá hạn?"] == ("QUÁ HẠN" if o["bin"] == "open_overdue" else None)
        assert row["Số ngày quá hạn"] == (o["days_overdue"] or None)

    reports = _rows(book["Báo cáo theo kỳ"])
    assert len(reports) == len(status["reports"])
    words = {"on_time": "đúng hạn", "late": "gửi muộn", "missing": "chưa gửi"}
    said = {"2026-H2": "năm 2026", "2026-H1": "6 tháng đầu năm 2026"}  # labels, never keys
    for row, ob in zip(reports, status["reports"], strict=True):
        assert (row["Kỳ"], row["Mã"]) == (said.get(ob["period"], ob["period"]), ob["agency"])
        assert row["Tình trạng"] == words.get(ob["status"], ob["status"])
        assert row["Muộn / quá hạn (ngày)"] == (ob["days_late"] or None)
        if ob["reminded"]:
            assert row["Công văn đôn đốc gần nhất"] == ob["reminded"]["number"]

    letters = _rows(book["Đôn đốc"])
    assert {r["Số công văn"] for r in letters} == {"130/SKHCN-QLCN"}
    import yaml

    record = yaml.safe_load((root / "reports/2026-H2/_don_doc.yaml").read_text(encoding="utf-8"))
    sent = record["reminders"][0]
    assert [r["Mã cơ quan"] for r in letters] == sent["agencies"]
    assert {r["Ngày"] for r in letters} == {dt.datetime(2026, 12, 20)}
    assert set(status["missing_latest"]) <= set(sent["agencies"])


def test_types_formats_panes_filters_and_print(demo_root: Path) -> None:
    book = openpyxl.load_workbook(demo_root / OUT)
    for ws in book:
        last = ws.cell(row=1, column=ws.max_column).column_letter
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith("2"), ws.title
        assert ws.auto_filter.ref == f"A1:{last}{max(ws.max_row, 2)}", ws.title
        assert ws.print_title_rows == "$1:$1", ws.title
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.paperSize == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert all(cell.font.bold for cell in ws[1]), ws.title
        for c in range(1, ws.max_column + 1):
            assert ws.column_dimensions[ws.cell(row=1, column=c).column_letter].width >= 8
    ws = book["Nhiệm vụ"]
    heads = [c.value for c in ws[1]]

    def column(head: str) -> list[Any]:
        cells = [ws.cell(row=r, column=heads.index(head) + 1) for r in range(2, ws.max_row + 1)]
        return [c for c in cells if c.value is not None]

    dues = column("Hạn")
    assert dues and all(isinstance(c.value, dt.datetime) for c in dues)
    assert {c.number_format for c in dues} == {"DD/MM/YYYY"}
    days = column("Số ngày quá hạn")
    assert days and all(type(c.value) is int for c in days)
    share = book["Tổng hợp"].cell(row=2, column=len(book["Tổng hợp"][1]))
    assert isinstance(share.value, float) and share.number_format == "0.0%"
    # overdue rows: marked by a fill and by words, so that a grey print still says it
    col = heads.index("Quá hạn?") + 1
    for r in range(2, ws.max_row + 1):
        overdue = ws.cell(row=r, column=col).value == "QUÁ HẠN"
        fill = ws.cell(row=r, column=1).fill.fgColor.rgb
        assert (fill == "00F4CCCC") == overdue, r
    assert any(ws.cell(row=r, column=col).value for r in range(2, ws.max_row + 1))


def test_text_that_looks_like_a_formula_stays_text(demo_root: Path) -> None:
    path = demo_root / OUT
    book = openpyxl.load_workbook(path)
    seen: dict[str, Any] = {}
    for ws in book:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    seen[cell.value] = cell
    assert "=1+1" in seen and any(v.startswith("=2+2") for v in seen)
    assert any(v.startswith("=HYPERLINK") for v in seen)
    for value, cell in seen.items():
        assert cell.data_type == "s", value
        assert cell.quotePrefix, value
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in z.read(name).decode("utf-8"), name


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_calc_opens_it(demo_root: Path, cli, tmp_path: Path, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    path = demo_root / OUT
    status = json.loads(cli("status", "--json", "--root", demo_root, *DAY).stdout)
    out = tmp_path / "csv"
    # the 12th field of the CSV filter: which sheet (2: "Nhiệm vụ"); the 9th: as shown
    options = "44,34,76,1,,0,false,true,true,false,false,2"
    run = convert([path], f"csv:Text - txt - csv (StarCalc):{options}", out, tmp_path_factory)
    files = list(out.glob("*.csv"))
    if not files and "filter" in run.stderr.lower():
        pytest.skip(f"LibreOffice Calc cannot convert here: {run.stderr.strip()}")
    assert len(files) == 1, (run.stdout, run.stderr)
    rows = list(csv.reader(io.StringIO(files[0].read_text(encoding="utf-8"))))
    heads = rows[0]
    body = [dict(zip(heads, r, strict=False)) for r in rows[1:]]
    assigned = [(t, o) for t in status["tasks"] for o in t["occurrences"] if o["assigned"]]
    assert len(body) == len(assigned)
    for row, (t, o) in zip(body, assigned, strict=True):
        assert row["Số TT"] == t["id"]
        day = dt.date.fromisoformat(o["due"]) if o["due"] else None
        assert row["Hạn"] == (f"{day:%d/%m/%Y}" if day else "")
    words = [r["Báo cáo gần nhất"] for r in body] + [r["Nội dung"] for r in body]
    assert any(w.endswith("=1+1") for w in words)  # not 2: Calc kept it as text
    assert any(w.startswith("=HYPERLINK") for w in words)
    evidence = [r["Văn bản, sản phẩm đã giao"] for r in body]
    assert any("=2+2" in e for e in evidence) and not any(e == "4" for e in evidence)


def _run_export(root: Path, out: Path, seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed, "KH121_LANG": "vi"}
    subprocess.run(
        [sys.executable, "-m", "kh121", "export", "--xlsx", "--root", str(root), *DAY, "-o",
         str(out)],
        check=True, capture_output=True, env=env, timeout=120,
    )  # fmt: skip
    return out.read_bytes()


def test_same_data_and_date_give_the_same_bytes(demo_root: Path, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = demo_root
    first = _run_export(root, tmp_path / "a.xlsx", "1")
    second = _run_export(root, tmp_path / "b.xlsx", "2")
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert z.namelist()[0] == "[Content_Types].xml"
        assert {i.date_time for i in z.infolist()} == {(2026, 12, 20, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode("utf-8")
    assert core.count("2026-12-20T00:00:00Z") == 2  # created and modified: the date, not now
    # written again on the same date: unchanged, and said so
    again = cli("export", "--xlsx", "--root", root, *DAY, "-o", tmp_path / "a.xlsx")
    assert again.exit_code == 0 and "không đổi" in again.stdout


def test_english_headers_and_usage(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("export", "--root", ws_root, *DAY)
    assert r.exit_code == 2 and "--xlsx" in r.output and "Traceback" not in r.output
    path = _export(cli, ws_root, "--lang", "en")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Summary", "Tasks", "Reports by period", "Reminders"]
    assert book["Summary"]["A2"].value == "Whole plan"


def test_data_with_an_error_writes_nothing(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    write(ws_root / "reports/2026-H2/SYT.yaml", "schema_version: 1\nagency: [\n")
    r = cli("export", "--xlsx", "--root", ws_root, *DAY)
    assert r.exit_code == 1 and "SYT.yaml" in r.output and "Traceback" not in r.output
    assert not (ws_root / OUT).exists()


def test_status_never_loads_openpyxl(ws_root: Path) -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from kh121.cli import app\n"
        f"r = CliRunner().invoke(app, ['status', '--root', {str(ws_root)!r}, '--as-of',"
        " '2026-11-29'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print('openpyxl' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "False"


def test_a_letter_dated_later_is_not_known_yet(demo_root: Path, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The workbook as of 19/12 knows nothing of letter 130, dated 20/12."""
    out = tmp_path / "x.xlsx"
    r = cli("export", "--xlsx", "--root", demo_root, "--as-of", "2026-12-19", "-o", out)
    assert r.exit_code == 0, r.output
    book = openpyxl.load_workbook(out)
    assert not any("130/SKHCN-QLCN" in str(r.values()) for r in _rows(book["Đôn đốc"]))
    reports = _rows(book["Báo cáo theo kỳ"])
    assert reports and not any(r["Công văn đôn đốc gần nhất"] for r in reports)
