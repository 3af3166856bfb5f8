"""`kh121 diff` between two revisions, at every size: is it linear?

For each size (the real plan ×1, ×10, ×100, ×1000, from generate.py) this makes a git
repository with two commits: the synthetic workspace, then a change that touches about one
entity in a hundred (a task's product, a report's state, a report removed). It measures

- in this process, median of N runs: reading both revisions from git, parsing and
  validating them into facts (*parse*), and the comparison alone (*compare*);
- as whole processes: `kh121 diff HEAD~1 HEAD --json`, and the *bare parse floor*: the same
  interpreter reading both revisions from git and `yaml.load`-ing every file, nothing else.

It fits the growth exponent of each against the number of entities compared (least squares
on log-log), writes bench/diff-results.json and prints a table for bench/README.md.

    python bench/diff.py [--sizes 1 10 100 1000] [--runs 5] [--work /tmp/benchdiff]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import fit_exponent, median_run  # noqa: E402

from kh121.facts import compare  # noqa: E402
from kh121.revisions import facts_of_files, files_at  # noqa: E402

# The bare parse floor: git's two revisions read as the command reads them, every file
# parsed by PyYAML's C loader, no validation, no comparison.
PARSE_FLOOR = """
import subprocess, sys, yaml
root = sys.argv[1]
for rev in ("HEAD~1", "HEAD"):
    names = subprocess.run(["git", "-C", root, "ls-tree", "-r", "--name-only", rev, "--",
                            "data", "reports"], capture_output=True, check=True).stdout
    rels = [r for r in names.decode().splitlines() if r.endswith(".yaml")]
    out = subprocess.run(["git", "-C", root, "cat-file", "--batch"], capture_output=True,
                         input="".join(f"{rev}:./{r}\\n" for r in rels).encode(),
                         check=True).stdout
    at = 0
    for _ in rels:
        end = out.index(b"\\n", at)
        size = int(out[at:end].split()[2])
        yaml.load(out[end + 1 : end + 1 + size], Loader=yaml.CSafeLoader)
        at = end + size + 2
"""


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=bench", "-c", "user.email=bench@example", *args],
        check=True,
        capture_output=True,
    )


def change(root: Path) -> None:
    """Touch about one entity in a hundred: products, report states, removed reports."""
    tasks = root / "data/tasks.yaml"
    lines = tasks.read_text(encoding="utf-8").split("\n")
    seen = 0
    for i, line in enumerate(lines):
        if line.strip().startswith("product:"):
            seen += 1
            if seen % 100 == 1:
                lines[i] = line.replace("product: ", "product: (sửa) ", 1)
    tasks.write_text("\n".join(lines), encoding="utf-8")
    reports = sorted((root / "reports").glob("*/[A-Z]*.yaml"))
    for n, path in enumerate(reports):
        if n % 100 == 0:
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("state: not_started", "state: in_progress", 1), "utf-8")
        elif n % 100 == 50:
            path.unlink()


def timed(fn: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure_size(root: Path, runs: int, kh121: str, env: dict[str, str]) -> dict[str, Any]:
    """One size: read, parse and compare in this process; the command and the floor as
    processes."""
    old_files, new_files = files_at(root, "HEAD~1"), files_at(root, "HEAD")
    old, _ = facts_of_files(old_files)
    new, _ = facts_of_files(new_files)
    entities = len({key[0] for key in old} | {key[0] for key in new})
    return {
        "files": len(old_files) + len(new_files),
        "entities": entities,
        "facts": len(old) + len(new),
        "changes": len(compare(old, new)),
        "read_s": timed(lambda: (files_at(root, "HEAD~1"), files_at(root, "HEAD")), runs),
        "parse_s": timed(lambda: (facts_of_files(old_files), facts_of_files(new_files)), runs),
        "compare_s": timed(lambda: compare(old, new), max(runs, 5)),
        "command": median_run([kh121, "diff", "HEAD~1", "HEAD", "--json"], root, env, runs),
        "parse_floor": median_run([sys.executable, "-c", PARSE_FLOOR, str(root)], root, env, runs),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100, 1000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--work", type=Path, default=HERE / "work-diff")
    args = ap.parse_args()
    kh121 = str(Path(sys.executable).parent / "kh121")
    env = {**os.environ, "NO_COLOR": "1", "KH121_NO_CACHE": "1"}
    rows = {}
    for size in args.sizes:
        root = generate(args.work, size)
        git(root, "init", "-q")
        git(root, "add", "-A")
        git(root, "commit", "-qm", "before")
        change(root)
        git(root, "add", "-A")
        git(root, "commit", "-qm", "after")
        runs = args.runs if size < 1000 else max(3, args.runs // 2)
        row = measure_size(root, runs, kh121, env)
        rows[str(size)] = row
        print(f"x{size}: {json.dumps(row)}", flush=True)
    pts = [(r["entities"], r) for r in rows.values()]
    exponents = {
        "compare": fit_exponent([(n, r["compare_s"]) for n, r in pts]),
        "parse (in process)": fit_exponent([(n, r["parse_s"]) for n, r in pts]),
        "whole command": fit_exponent([(n, r["command"]["seconds"]) for n, r in pts]),
        "bare parse floor": fit_exponent([(n, r["parse_floor"]["seconds"]) for n, r in pts]),
    }
    out = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "python": platform.python_version(),
        "command": "python bench/diff.py " + " ".join(sys.argv[1:]),
        "date": time.strftime("%Y-%m-%d"),
        "sizes": rows,
        "growth_exponent_by_entities": exponents,
    }
    (HERE / "diff-results.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(
        "| size | files (both revisions) | entities | changes | read (git) s | parse s |"
        " compare s | `kh121 diff` s | bare parse floor s | command ÷ floor |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size, r in rows.items():
        cmd, floor = r["command"]["seconds"], r["parse_floor"]["seconds"]
        print(
            f"| x{size} | {r['files']} | {r['entities']} | {r['facts']} | {r['changes']} |"
            f" {r['read_s']:.3f} |"
            f" {r['parse_s']:.3f} | {r['compare_s']:.4f} | {cmd:.3f} | {floor:.3f} |"
            f" {cmd / floor:.2f} |"
        )
    print()
    for name, e in exponents.items():
        print(f"- growth exponent of {name}: {e:.2f}" if e is not None else f"- {name}: n/a")


if __name__ == "__main__":
    main()
