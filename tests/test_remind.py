"""kh121 remind: the công văn đôn đốc, its text, JSON and record.

Who owes what in the demo as of 29/11/2026, by hand: the 2026-H2 report (due Monday
16/11/2026) is missing from Sở Ngoại vụ, Sở Nội vụ and Sở Tài chính (Sở Công Thương's came
late on 20/11: no longer owed); the 2023–2025 occurrences of yearly tasks are overdue for
Sở Công Thương (III.6, V.1), Sở NN&MT (III.2, III.3, III.4, III.8) and Sở Y tế (III.7); Sở
KH&CN, which issues the letter, has its own (I.1, III.1, III.5, III.9, IV.1–IV.3, V.2, V.3)
set apart for the clerk.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document

from conftest import ROOT, fill_basis, write

DAY = ("--as-of", "2026-11-29")


@pytest.fixture
def demo(full_root: Path) -> Path:
    """The demo's reports on a record that runs from the plan's first day (no `since`), so
    that the 2023–2025 occurrences are owed, as the docstring counts them."""
    shutil.copytree(ROOT / "examples/demo/reports", full_root / "reports", dirs_exist_ok=True)
    fill_basis(full_root)  # a letter cites the approving decision: no blank in a signed one
    return full_root


def test_a_letter_without_its_legal_basis_is_refused(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(ROOT / "examples/demo/reports", ws_root / "reports", dirs_exist_ok=True)
    r = cli("remind", "--root", ws_root, *DAY, "--number", "130", "--date", "2026-11-30")
    assert r.exit_code == 1 and "căn cứ (Quyết định phê duyệt Kế hoạch)" in r.stderr
    assert not list((ws_root / "reports").rglob("CV_*"))


def test_a_silent_report_is_asked_to_supplement(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    # Sở Y tế's report, received, says nothing of III.7, which it leads
    write(
        ws_root / "reports/2026-H2/SYT.yaml",
        "schema_version: 1\nagency: SYT\nperiod: 2026-H2\nnumber: 45/BC-SYT\n"
        "date: 2026-11-10\nreceived: 2026-11-12\ntasks:\n  - task: I.1\n    state: in_progress\n",
    )
    data = _json(cli, "--root", ws_root, *DAY, "--agency", "SYT")
    assert [(x["agency"], x["supplement"], x["reports"]) for x in data["letters"]] == [
        ("SYT", ["III.7"], [])
    ]
    r = cli("remind", "--root", ws_root, *DAY, "--agency", "SYT", "--text")
    flat = " ".join(r.stdout.split())
    assert (
        "Nhiệm vụ III.7" in flat
        and "chưa nêu kết quả thực hiện nhiệm vụ này; đề nghị bổ sung" in flat
    )


def test_where_the_record_begins_nothing_before_is_chased(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(ROOT / "examples/demo/reports", ws_root / "reports", dirs_exist_ok=True)
    data = _json(cli, "--root", ws_root, *DAY)
    owed = {x["agency"]: x for x in data["letters"]}
    # the shipped record begins with 2026-H2: only its missing reports are owed on 29/11
    assert sorted(owed) == ["SNGV", "SNV", "STC"]
    assert all(x["tasks"] == [] for x in owed.values())


def _json(cli, *args: str | Path) -> dict:  # type: ignore[no-untyped-def,type-arg]
    r = cli("remind", *args, "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def _text(path: Path) -> str:
    """The letter's text, a no-break space read as a space (the V/v keeps "(lần 2)" whole)."""
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(parts).replace("\xa0", " ")


def test_who_owes_what(demo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    data = _json(cli, "--root", demo, *DAY)
    assert data["period"] == "2026-H2"  # the latest period already due
    owed = {x["agency"]: x for x in data["letters"]}
    assert sorted(owed) == ["SCT", "SNGV", "SNNMT", "SNV", "STC", "SYT"]
    assert owed["SCT"]["reports"] == []  # late, received: no longer owed
    assert [t["task"] for t in owed["SCT"]["tasks"]] == ["III.6", "V.1"]
    assert [t["task"] for t in owed["SNNMT"]["tasks"]] == ["III.2", "III.3", "III.4", "III.8"]
    assert owed["SNGV"]["reports"] == [
        {"period": "2026-H2", "due": "2026-11-16", "on_behalf_of": None}
    ]
    assert owed["SYT"]["tasks"][0]["occurrences"] == ["2023", "2024", "2025"]
    own = data["own"]
    assert [o["agency"] for o in own] == ["SKHCN"]  # never a letter to itself
    assert [t["task"] for t in own[0]["tasks"]] == [
        "I.1", "III.1", "III.5", "III.9", "IV.1", "IV.2", "IV.3", "V.2", "V.3",
    ]  # fmt: skip
    # five working days after Sunday 29/11/2026: Friday 04/12/2026
    assert data["reply_by"] == "2026-12-04"


def test_a_merged_agency_is_never_written_to(demo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    data = _json(cli, "2024-H2", "--root", demo, *DAY)
    names = [x["agency"] for x in data["letters"]]
    assert "SKHDT" not in names and "STTTT" not in names and "SNNPTNT" not in names
    stc = next(x for x in data["letters"] if x["agency"] == "STC")
    assert {"period": "2024-H2", "due": "2024-11-15", "on_behalf_of": "SKHDT"} in stc["reports"]


def test_the_reply_date_skips_days_off(demo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    # from Thursday 31/12/2026: 01/01/2027 is a holiday, then a weekend
    data = _json(cli, "--root", demo, *DAY, "--date", "2026-12-31")
    assert data["reply_by"] == "2027-01-08"
    data = _json(cli, "--root", demo, *DAY, "--reply-by", "2026-12-20")
    assert data["reply_by"] == "2026-12-20"
    # ten working days from Monday 30/11/2026: two whole weeks
    data = _json(cli, "--root", demo, *DAY, "--date", "2026-11-30", "--reply-days", "10")
    assert data["reply_by"] == "2026-12-14"


def test_the_letter_as_decree_30_wants_it(demo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("remind", "--root", demo, *DAY, "--number", "130", "--date", "2026-11-30", "--draft")
    assert r.exit_code == 0, r.output
    path = demo / "reports/2026-H2/CV_don_doc_2026-H2_2026-11-30_DU-THAO.docx"
    doc = Document(str(path))
    left = [p.text for p in doc.tables[0].cell(0, 0).paragraphs]
    assert left[-2] == "Số: 130/SKHCN-QLCN"
    assert left[-1].startswith("V/v đôn đốc báo cáo kết quả thực hiện Kế hoạch số 121-KH/TU")
    assert not doc.tables[0].cell(0, 0).paragraphs[-1].runs[0].bold
    texts = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" not in texts and "CÔNG VĂN" not in texts  # no document-type title
    # "Kính gửi:" and its list as one block, the dashes at one tab stop
    assert "Kính gửi:\t- Sở Công Thương;" in texts and "\t- Sở Y tế." in texts
    body = "\n".join(texts)
    assert "2. Sở Ngoại vụ:" in body
    assert (
        "- Báo cáo năm 2026 chưa gửi; hạn ngày 15 tháng 11 năm 2026 rơi vào Chủ nhật nên là"
        " ngày 16 tháng 11 năm 2026." in body
    )
    assert "trước ngày 07 tháng 12 năm 2026" in body  # 5 working days after 30/11
    assert "Phòng Quản lý công nghệ" in body and body.rstrip().endswith("Trân trọng./.")
    foot = [p.text for p in doc.tables[1].cell(0, 0).paragraphs]
    assert foot[:2] == ["Nơi nhận:", "- Như trên;"] and foot[-1] == "- Lưu: VT, QLCN."
    s = doc.sections[0]
    assert s.different_first_page_header_footer and "PAGE" in s.header._element.xml
    with zipfile.ZipFile(path) as z:
        assert b'w:val="vi-VN"' in z.read("word/styles.xml")
    again = demo / "again.docx"
    cli("remind", "--root", demo, *DAY, "--number", "130", "--date", "2026-11-30", "--draft",
        "-o", again)  # fmt: skip
    assert again.read_bytes() == path.read_bytes()  # byte for byte


def test_each_agency_its_own_letter(demo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    filled = ("--number", "131", "--date", "2026-11-30", "--draft")
    r = cli("remind", "--root", demo, *DAY, *filled, "--each", "--agency", "STC", "--agency", "yte")
    assert r.exit_code == 0, r.output
    folder = demo / "reports/2026-H2/CV_don_doc_2026-H2_2026-11-30_DU-THAO"
    assert sorted(p.name for p in folder.iterdir()) == ["STC.docx", "SYT.docx"]
    stc, syt = _text(folder / "STC.docx"), _text(folder / "SYT.docx")
    assert "Kính gửi: Sở Tài chính." in stc and "Báo cáo năm 2026 chưa gửi" in stc
    assert "III.7" not in stc and "Sở Y tế" not in stc
    assert "Kính gửi: Sở Y tế." in syt and "Nhiệm vụ III.7" in syt and "Báo cáo năm" not in syt


def test_record_twice_says_the_second(demo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    signer = demo / "data/report.yaml"
    write(signer, signer.read_text(encoding="utf-8").replace("(họ và tên người ký)", "Lê Văn Ký"))
    one = ("--number", "130", "--date", "2026-11-30", "--record", "--agency", "STC")
    assert cli("remind", "--root", demo, *DAY, *one).exit_code == 0
    two = ("--number", "140", "--date", "2026-12-07", "--record", "--agency", "STC")
    assert cli("remind", "--root", demo, "--as-of", "2026-12-07", *two).exit_code == 0
    record = (demo / "reports/2026-H2/_don_doc.yaml").read_text(encoding="utf-8")
    assert record.count("- number:") == 2 and "130/SKHCN-QLCN" in record
    assert "date: 2026-11-30" in record  # a date, as every other file writes it
    second = _text(demo / "reports/2026-H2/CV_don_doc_2026-H2_2026-12-07.docx")
    assert "(lần 2)" in second and "đây là lần đôn đốc thứ 2" in second
    assert cli("validate", "--root", demo, "--as-of", "2026-12-07").exit_code == 0
    r = cli("overdue", "--root", demo, "--as-of", "2026-12-08", "--agency", "STC")
    assert "đã đôn đốc 2 lần (số 140/SKHCN-QLCN, ngày 07/12/2026)" in " ".join(r.stdout.split())
    r = cli("status", "--root", demo, "--as-of", "2026-12-08")
    assert "Sở Tài chính (đã đôn đốc 2)" in " ".join(r.stdout.split())
    again = cli("remind", "--root", demo, "--as-of", "2026-12-07", *two)
    assert again.exit_code == 1 and "đã có trong sổ đôn đốc" in again.stderr
    assert record == (demo / "reports/2026-H2/_don_doc.yaml").read_text(encoding="utf-8")
    later = ("--number", "140", "--date", "2026-12-08", "--record", "--agency", "STC")
    again = cli("remind", "--root", demo, "--as-of", "2026-12-08", *later)
    assert again.exit_code == 1  # refused before any letter is written
    assert not (demo / "reports/2026-H2/CV_don_doc_2026-H2_2026-12-08.docx").exists()


def test_nothing_sent_when_nobody_owes(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    # 2023-H2 is due 15/11/2023; on 10/11 nothing is owed yet, no task is overdue
    r = cli("remind", "2023-H2", "--root", ws_root, "--as-of", "2023-11-10", "--number", "1")
    assert r.exit_code == 0 and "không cần đôn đốc" in r.stdout, r.output
    assert not list((ws_root / "reports").rglob("*.docx"))


def test_placeholders_refused_without_draft(demo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("remind", "2026-H1", "--root", demo, *DAY)  # no clerk file: the usual signer
    assert r.exit_code == 1 and "số công văn chưa có: chạy với --number SỐ" in r.stderr
    assert "người ký chưa có tên" in r.stderr
    # the one refusal of every document: how many, each with its fix, and the way out
    assert "công văn còn 2 chỗ trống, chưa thể ban hành" in r.stderr
    assert "hoặc chạy với --draft để xuất bản dự thảo" in r.stderr
    assert not list((demo / "reports").rglob("CV_*"))


def test_hostile_names_are_text(demo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    agencies = demo / "data/agencies.yaml"
    text = agencies.read_text(encoding="utf-8")
    write(
        agencies,
        text.replace("name: Sở Nội vụ\n", 'name: "Sở Nội vụ {{ x }} <w:p> & {% y %}"\n', 1),
    )
    r = cli("remind", "--root", demo, *DAY, "--draft", "--each", "--agency", "SNV")
    assert r.exit_code == 0, r.output
    letter = next((demo / "reports/2026-H2").rglob("SNV.docx"))
    assert "<w:p> &" in _text(letter)
    r = cli("remind", "--root", demo, *DAY, "--text")
    assert r.exit_code == 0 and all(len(line) <= 80 for line in r.stdout.splitlines())


def test_a_later_letter_is_not_known_yet(demo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """As of 05/12, of letters 130 (20/11) and 140 (07/12) only 130 was sent: the next is
    the 2nd reminder, not the 3rd."""
    write(
        demo / "reports/2026-H2/_don_doc.yaml",
        "schema_version: 1\nperiod: 2026-H2\nreminders:\n"
        "  - {number: '130', date: 2026-11-20, reply_by: 2026-11-27, agencies: [STC]}\n"
        "  - {number: '140', date: 2026-12-07, reply_by: 2026-12-14, agencies: [STC]}\n",
    )
    data = _json(cli, "--root", demo, "--as-of", "2026-12-05", "--agency", "STC")
    assert "'times': 2" in str(data) and "'times': 3" not in str(data), data


def test_the_clerks_own_items_read_as_the_letters(demo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("remind", "--root", demo, *DAY, "--text")
    assert r.exit_code == 0 and ".):" not in r.stdout  # a task's content never ends twice
