"""Another province's plan of the same kind works by replacing data/ (and keeping a template).

The plan below is fictional: other deadline forms, quarterly reporting, other agencies.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from conftest import ROOT, filled_clerk
from kh121.yamlout import dump

PLAN = {
    "schema_version": 1,
    "plan": {
        "code": "99/KH-UBND",
        "title": "Kế hoạch thử nghiệm phát triển công nghệ sinh học (hư cấu)",
        "issuer": "UBND tỉnh Hư Cấu",
        "date": "2023-07-01",
        "province": "Hư Cấu",
        "carries_out": {"kind": "Nghị quyết", "number": "36-NQ/TW"},
        "approved_by": {
            "kind": "Kế hoạch",
            "number": "99/KH-UBND",
            "date": "2023-07-01",
            "issuer": "UBND tỉnh Hư Cấu",
            "title": "Phát triển công nghệ sinh học",
        },
        "signer": {"capacity": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Nguyễn Văn A"},
        "span": {"start": "2023-07-01", "end": "2026-12-31"},
    },
    "reporting": {
        "to": "SXA",
        "recipient": "UBND",
        "reporters": ["SXA", "SXB"],
        "periods": [
            {
                "key": f"Q{q}",
                "due_month": 3 * q,
                "due_day": 20,
                "label_vi": f"quý {q}",
                "label_en": f"quarter {q}",
            }
            for q in (1, 2, 3, 4)
        ],
    },
    "sections": [
        {
            "id": "I",
            "title": "Phần một",
            "tasks": [
                {
                    "id": "I.1",
                    "number": "1",
                    "content": "Việc theo ngày",
                    "product": "Báo cáo",
                    "lead": "SXA",
                    "lead_text": "Sở A",
                    "coordinators": ["SXB"],
                    "coordinators_text": "Sở B",
                    "deadline": {"text": "30/06/2024", "kind": "date", "date": "2024-06-30"},
                },
                {
                    "id": "I.2",
                    "number": "2",
                    "content": "Việc theo quý",
                    "product": "Đề án",
                    "lead": "SXB",
                    "lead_text": "Sở B",
                    "deadline": {
                        "text": "Quý IV/2024",
                        "kind": "quarter",
                        "year": 2024,
                        "quarter": 4,
                    },
                },
            ],
        },
        {
            "id": "II",
            "title": "Phần hai",
            "tasks": [
                {
                    "id": "II.1",
                    "number": "1",
                    "content": "Việc giai đoạn",
                    "product": "Chương trình",
                    "lead": "SXA",
                    "lead_text": "Sở A",
                    "coordinators_text": "Các sở",
                    "coordinators": ["CAC_SO"],
                    "deadline": {
                        "text": "2023-2025",
                        "kind": "span",
                        "start_year": 2023,
                        "end_year": 2025,
                    },
                },
                {
                    "id": "II.2",
                    "number": "2",
                    "content": "Việc sáu tháng",
                    "product": "Báo cáo",
                    "lead": "SXB",
                    "lead_text": "Sở B",
                    "coordinators_text": "Sở A",
                    "coordinators": ["SXA"],
                    "deadline": {"text": "6 tháng", "kind": "half_yearly"},
                },
                {
                    "id": "II.3",
                    "number": "3",
                    "content": "Việc thường xuyên",
                    "product": "Tin bài",
                    "lead": "SXA",
                    "lead_text": "Sở A",
                    "coordinators_text": "Sở B",
                    "coordinators": ["SXB"],
                    "deadline": {"text": "Thường xuyên", "kind": "ongoing"},
                },
            ],
        },
    ],
}
AGENCIES = {
    "schema_version": 1,
    "agencies": [
        {
            "code": "UBND",
            "name": "Ủy ban nhân dân tỉnh Hư Cấu",
            "short": "UBND tỉnh",
            "kind": "provincial_committee",
        },
        {"code": "SXA", "name": "Sở A", "short": "Sở A", "kind": "department"},
        {"code": "SXB", "name": "Sở B", "short": "Sở B", "kind": "department"},
        {
            "code": "CAC_SO",
            "name": "Các sở",
            "short": "Các sở",
            "kind": "group",
            "member_kinds": ["department"],
        },
    ],
}
SETTINGS = {
    "schema_version": 1,
    "letterhead": {
        "parent": "UBND tỉnh Hư Cấu",
        "agency": "Sở A",
        "number_suffix": "BC-SA",
        "place": "Hư Cấu",
    },
    "recipient": "Ủy ban nhân dân tỉnh Hư Cấu",
    "recipients": ["Như trên;", "Lưu: VT."],
    "signer": {"capacity": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Trần Thị B"},
}


@pytest.fixture
def other(tmp_path: Path) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data/tasks.yaml").write_text(dump(PLAN), encoding="utf-8")
    (tmp_path / "data/agencies.yaml").write_text(dump(AGENCIES), encoding="utf-8")
    (tmp_path / "data/report.yaml").write_text(dump(SETTINGS), encoding="utf-8")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    return tmp_path


def test_whole_cycle(other: Path, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("validate", "--root", other, "--as-of", "2024-12-01").exit_code == 0
    r = cli("status", "--root", other, "--as-of", "2024-12-01", "--json")
    import json

    data = json.loads(r.stdout)
    tasks = {t["id"]: t for t in data["tasks"]}
    assert tasks["I.1"]["overdue"] and tasks["I.1"]["next_due"] == "2024-06-30"
    assert tasks["I.2"]["next_due"] == "2024-12-31" and not tasks["I.2"]["overdue"]
    assert tasks["II.1"]["next_due"] == "2025-12-31"
    assert (
        tasks["II.2"]["overdue"] and len(tasks["II.2"]["overdue_occurrences"]) == 2
    )  # 2023-H2, 2024-H1
    assert tasks["II.3"]["next_due"] is None and not tasks["II.3"]["overdue"]
    assert {o["period"] for o in data["reports"]} >= {"2023-Q3", "2024-Q3"}
    assert cli("report", "new", "Sở B", "--period", "2024-Q4", "--root", other).exit_code == 0
    text = (other / "reports/2024-Q4/SXB.yaml").read_text(encoding="utf-8")
    assert "- task: I.2" in text and "- task: II.1" in text  # led; coordinated via a group
    assert "Hạn gửi Sở A: 20/12/2024" in text
    assert cli("merge", "2024-Q4", "--root", other, "--as-of", "2024-12-01").exit_code == 0
    filled_clerk(other, "2024-Q4", signer=False)  # the signer of data/report.yaml signs
    r = cli("render", "2024-Q4", "--root", other, "--as-of", "2024-12-01")
    assert r.exit_code == 0, r.output
    doc = Document(str(next((other / "reports").glob("*.docx"))))
    head = "\n".join(p.text for p in doc.tables[0].cell(0, 0).paragraphs)
    assert "UBND TỈNH HƯ CẤU" in head and "/BC-SA" in head
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Kính gửi: Ủy ban nhân dân tỉnh Hư Cấu." in body and "quý 4 2024" in body
    everything = body + "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "Thanh Hóa" not in everything and "121-KH/TU" not in everything
