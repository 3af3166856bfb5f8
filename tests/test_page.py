"""kh121 page: one self-contained HTML page, checked as text and in a real browser
(Debian's chromium driven by Playwright, the system browser: nothing is downloaded)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import CHROMIUM, ROOT, write

DAY = ("--as-of", "2026-11-29")


def _demo(root: Path) -> None:
    shutil.copytree(ROOT / "examples/demo/reports", root / "reports", dirs_exist_ok=True)


def _page(cli, root: Path) -> Path:  # type: ignore[no-untyped-def]
    r = cli("page", "--root", root, *DAY)
    assert r.exit_code == 0, r.output
    return root / "reports/trang_theo_doi.html"


def test_self_contained_deterministic_and_small(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    page = _page(cli, ws_root)  # the shipped data, no report yet
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="vi">' in html
    for remote in ("http://", "https://", "//cdn", "<script", "@import", "url(http"):
        assert remote not in html, remote
    assert "Số liệu đến ngày 29/11/2026" in html and "@page { size: A4" in html
    assert len(html.encode("utf-8")) < 300_000
    first = page.read_bytes()
    r = cli("page", "--root", ws_root, *DAY)
    assert "không đổi" in r.stdout and page.read_bytes() == first
    elsewhere = ws_root.parent / "trang.html"
    assert cli("page", "--root", ws_root, *DAY, "-o", elsewhere).exit_code == 0
    assert elsewhere.read_bytes() == first


def test_hostile_text_is_text(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    tasks = ws_root / "data/tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    old = "          Đẩy mạnh công tác tuyên truyền"
    assert old in text
    write(
        tasks,
        text.replace(old, "          <script>alert(1)</script> Đẩy mạnh công tác tuyên truyền", 1),
    )
    html = _page(cli, ws_root).read_text(encoding="utf-8")
    assert (
        "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    )


def _due_bins(data: dict) -> dict[str, int]:  # type: ignore[type-arg]
    counts = dict.fromkeys(("done_on_time", "done_late", "open_in_time", "open_overdue"), 0)
    for t in data["tasks"]:
        for o in t["occurrences"]:
            if o["bin"] == "no_data":
                continue  # counted apart, never in the four bins
            if o["assigned"] and o["effective_due"] and o["effective_due"] < data["as_of"]:
                counts[o["bin"]] += 1
    return counts


@pytest.mark.skipif(CHROMIUM is None, reason="chromium (Debian package) is not installed")
def test_in_a_real_browser(ws_root: Path, cli, tmp_path: Path, chromium) -> None:  # type: ignore[no-untyped-def]
    _demo(ws_root)
    page_file = _page(cli, ws_root)
    status = json.loads(cli("status", "--json", "--root", ws_root, *DAY).stdout)
    requests: list[str] = []
    problems: list[str] = []
    with chromium.new_context(viewport={"width": 1000, "height": 900}) as context:
        page = context.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(page_file.as_uri())
        assert problems == [] and requests == [page_file.as_uri()]  # no network, no error
        shown = {
            which: {
                el.get_attribute("data-bin"): int(el.inner_text())
                for el in page.query_selector_all(f"#{which} [data-bin]")
            }
            for which in ("due", "all")
        }
        s = status["summary"]
        assert shown["all"] == {k: s[k] for k in shown["all"]}
        due = _due_bins(status)
        assert shown["due"] == {k: due[k] for k in shown["due"]}
        row = page.locator("#task-III\\.2")
        assert not row.locator("table.occurrences").is_visible()
        row.locator("summary").click()
        assert row.locator("table.occurrences").is_visible()
        assert "2026" in row.locator("table.occurrences").inner_text()
        first = page.locator("#agencies tr").nth(1).inner_text()
        # owes the most (one report; nothing is overdue since the record began), then by name
        assert first.startswith("Sở Ngoại vụ"), first
        page.screenshot(path=str(tmp_path / "trang.png"), full_page=True)
        assert (tmp_path / "trang.png").stat().st_size > 10_000
        page.emulate_media(media="print")
        page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= 794, wide  # nothing wider than the page when printed
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")


def test_the_reporting_grid_runs_in_due_date_order(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "plan"
    shutil.copytree(ROOT / "examples/son_hai", root)
    data = write(
        root / "data/tasks.yaml",
        (root / "data/tasks.yaml").read_text(encoding="utf-8").replace("key: NAM", "key: CN"),
    )
    assert data.exists()
    for old in sorted((root / "reports").glob("*-NAM")):
        old.rename(old.with_name(old.name.replace("NAM", "CN")))
    for f in (root / "reports").rglob("*.yaml"):
        f.write_text(f.read_text(encoding="utf-8").replace("-NAM", "-CN"), encoding="utf-8")
    r = cli("page", "--root", root, "--as-of", "2026-07-01")
    assert r.exit_code == 0, r.output
    html = (root / "reports/trang_theo_doi.html").read_text(encoding="utf-8")
    grid = html[html.index('<table id="grid">') :]
    heads = re.findall(r"<th>([^<]*\d{4})</th>", grid.split("</tr>")[0])
    # '2024-CN' sorts before '2024-H1' by name; it is due on 15/01/2025, after it; people
    # read the plan's labels, never the keys
    assert heads[:3] == ["6 tháng đầu năm 2024", "năm 2024", "6 tháng đầu năm 2025"], heads
    assert "2024-CN" not in grid


def test_the_page_template_is_held_in_the_same_sandbox(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    write(ws_root / "templates/trang_theo_doi.html", "{{ 'x' * 100000000 }}")
    r = cli("page", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 1 and "tạo giá trị dài quá" in r.stderr, r.output
    assert not (ws_root / "reports/trang_theo_doi.html").exists()
