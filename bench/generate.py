"""Synthetic workspaces of growing size, valid against the schemas.

Scale k: the real plan's 18 tasks repeated k times (k = 1, 10, 100, 1000), agencies to
match, and a report file from every reporting agency for every period of the plan
(2023-H2 to 2030-H2: 15 periods), up to about 10,000 files at k = 1000.

    python bench/generate.py OUT_DIR [SCALE ...]
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kh121.yamlout import dump  # noqa: E402

REPORTERS = {1: 11, 10: 60, 100: 250, 1000: 660}
STATES = ("done", "in_progress", "not_started")


def generate(out: Path, scale: int) -> Path:
    root = out / f"x{scale}"
    if root.exists():
        shutil.rmtree(root)
    (root / "data").mkdir(parents=True)
    for name in ("calendar.yaml", "report.yaml"):
        shutil.copy(ROOT / "data" / name, root / "data" / name)
    shutil.copytree(ROOT / "templates", root / "templates")
    plan = yaml.load(
        (ROOT / "data/tasks.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader
    )
    agencies = yaml.load(
        (ROOT / "data/agencies.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader
    )
    extra = REPORTERS.get(scale, 11 * scale) - 11
    synthetic = [f"SX{i:04d}" for i in range(extra)]
    for code in synthetic:
        agencies["agencies"].append(
            {
                "code": code,
                "name": f"Sở thử nghiệm {code}",
                "short": f"Sở {code}",
                "kind": "department",
            }
        )
    reporters = plan["reporting"]["reporters"] + synthetic
    plan["reporting"]["reporters"] = reporters
    current = [c for c in reporters if c not in ("STTTT", "SKHDT", "SNNPTNT", "STNMT", "SLDTBXH")]
    current += ["SNNMT"]
    leads: dict[str, list[str]] = {c: [] for c in current}
    # who answers today for a task led by a merged agency: its successor (as E045 reads it)
    successor = {
        a["code"]: a["merged_into"]["successor"]
        for a in agencies["agencies"]
        if isinstance(a.get("merged_into"), dict)
    }
    n = 0
    for section in plan["sections"]:
        base = section["tasks"]
        tasks = []
        for copy in range(scale):
            for t in base:
                number = len(tasks) + 1
                task = dict(t, id=f"{section['id']}.{number}", number=str(number))
                if copy:
                    task["lead"] = current[n % len(current)]
                    task["content"] = f"{t['content']} (bản sao {copy})"
                leads.setdefault(successor.get(task["lead"], task["lead"]), []).append(task["id"])
                tasks.append(task)
                n += 1
        section["tasks"] = tasks
    (root / "data/tasks.yaml").write_text(dump(plan), encoding="utf-8")
    (root / "data/agencies.yaml").write_text(dump(agencies), encoding="utf-8")
    periods = [f"{y}-{h}" for y in range(2023, 2031) for h in ("H1", "H2")][1:]
    for p_i, period in enumerate(periods):
        folder = root / "reports" / period
        folder.mkdir(parents=True)
        year = int(period[:4])
        due_month = 5 if period.endswith("H1") else 11
        for a_i, agency in enumerate(current):
            if year >= 2025 and agency in ("STTTT",):
                continue
            own = leads.get(agency, [])  # every task it leads (E045)
            report = {
                "schema_version": 1,
                "agency": agency,
                "period": period,
                "number": f"{a_i + 1}/BC-{agency}",
                "date": f"{year}-{due_month:02d}-10",
                "received": f"{year}-{due_month:02d}-{12 + (a_i + p_i) % 8:02d}",
                "tasks": [
                    {
                        "task": tid,
                        "state": STATES[(a_i + i) % 3],
                        "done": f"Kết quả thực hiện nhiệm vụ {tid} trong kỳ {period}.",
                        **(
                            {"completed_on": f"{year}-{due_month:02d}-01"}
                            if STATES[(a_i + i) % 3] == "done"
                            else {}
                        ),
                        **(
                            {
                                "delivered": {
                                    "number": f"{a_i}/BC",
                                    "date": f"{year}-{due_month:02d}-10",
                                }
                            }
                            if period.endswith("H2")
                            else {}
                        ),
                    }
                    for i, tid in enumerate(own)
                ],
                "difficulties": "Kinh phí còn hạn chế.",
            }
            (folder / f"{agency}.yaml").write_text(dump(report), encoding="utf-8")
    return root


if __name__ == "__main__":
    out = Path(sys.argv[1])
    for scale in [int(s) for s in sys.argv[2:]] or [1, 10, 100, 1000]:
        root = generate(out, scale)
        files = len(list((root / "reports").rglob("*.yaml")))
        print(f"x{scale}: {files} report files in {root}")
