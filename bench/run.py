"""Time kh121's commands as whole processes, next to the floors they are compared with.

    python bench/run.py [--sizes 1 10 100 1000] [--runs 5] [--work bench/work]

For each size it times, as separate processes, `kh121 --help`, `validate`, `status`,
`overdue --json`, `merge` and `render`, and two floors: the same interpreter doing nothing
but `import typer, rich, pydantic, yaml`, and a bare `yaml.load(..., Loader=CSafeLoader)`
of the same files. It keeps the median wall time of several runs and the peak memory
(max RSS) of each process, fits the growth exponent of each command across sizes (on the
time above the import floor), and writes bench/results.json and the table between the
markers in bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

AS_OF = "2031-01-01"  # after every synthetic report, so none is "in the future"
PERIOD = "2026-H2"
COMMANDS: dict[str, list[str]] = {
    "--help": ["--help"],
    "validate": ["validate", "--as-of", AS_OF],
    "status": ["status", "--as-of", AS_OF],
    "overdue --json": ["overdue", "--json", "--as-of", AS_OF],
    "merge": ["merge", PERIOD, "--as-of", AS_OF],
    "render": ["render", PERIOD, "--as-of", AS_OF, "-o", "bench.docx"],
}
IMPORT_FLOOR = "import typer, rich, pydantic, yaml"
# `import pydantic` is lazy: the first model pulls in its validation machinery. This floor
# pays that too, so that what remains above it is kh121's own.
MODEL_FLOOR = (
    "import typer, rich, yaml\nfrom pydantic import BaseModel\n"
    "class M(BaseModel):\n    x: int\nM(x=1)\n"
)
PARSE_FLOOR = (
    "import sys, yaml\n"
    "for f in open(sys.argv[1], encoding='utf-8').read().split('\\n'):\n"
    "    yaml.load(open(f, 'rb'), Loader=yaml.CSafeLoader)\n"
)


def measure(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}")
    return elapsed, usage.ru_maxrss


def median_run(
    argv: list[str], cwd: Path, env: dict[str, str], runs: int, before: object = None
) -> dict[str, float]:
    times, peaks = [], []
    for _ in range(runs):
        if callable(before):
            before()
        t, rss = measure(argv, cwd, env)
        times.append(t)
        peaks.append(rss)
    return {"seconds": statistics.median(times), "peak_mib": max(peaks) / 1024}


def fit_exponent(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(cost) on log(size)."""
    pts = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    den = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / den if den else None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[0, 1, 10, 100, 1000],
        help="0 is the shipped data itself (the everyday figure)",
    )
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--work", type=Path, default=HERE / "work")
    ap.add_argument(
        "--no-render-above",
        type=int,
        default=1000,
        help="skip render for sizes above this (it is timed up to it)",
    )
    args = ap.parse_args()
    kh121 = shutil.which("kh121") or str(Path(sys.executable).parent / "kh121")
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    results: dict[str, object] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        "python": platform.python_version(),
        "command": "python bench/run.py " + " ".join(sys.argv[1:]),
        "date": time.strftime("%Y-%m-%d"),
        "sizes": {},
    }
    for size in args.sizes:
        # Always generated afresh: a workspace left by an older generator would measure
        # something else (it happened once: stale files full of warnings).
        # In a process of its own: a child forked from a large parent would report the
        # parent's memory as its peak (max RSS counts pages from before exec).
        if size:
            subprocess.run(
                [sys.executable, str(HERE / "generate.py"), str(args.work), str(size)],
                check=True,
                capture_output=True,
            )
        root = HERE.parent if size == 0 else args.work / f"x{size}"
        files = sorted(str(p) for p in (root / "data").glob("*.yaml"))
        files += sorted(str(p) for p in (root / "reports").glob("*/[A-Z]*.yaml"))
        listing = args.work / f"files-x{size}.txt"
        listing.parent.mkdir(parents=True, exist_ok=True)
        listing.write_text("\n".join(files), encoding="utf-8")
        runs = args.runs if size < 1000 else max(3, args.runs // 2)
        row: dict[str, object] = {
            "tasks": 18 * max(size, 1),
            "report_files": len(files) - 4,
            "input_mib": sum(Path(f).stat().st_size for f in files) / 2**20,
            "import_floor": median_run([sys.executable, "-c", IMPORT_FLOOR], root, env, runs),
            "model_floor": median_run([sys.executable, "-c", MODEL_FLOOR], root, env, runs),
            "parse_floor": median_run(
                [sys.executable, "-c", PARSE_FLOOR, str(listing)], root, env, runs
            ),
        }
        merged = root / "reports" / PERIOD / "_tong_hop.yaml"
        for name, argv in COMMANDS.items():
            if size == 0 and name not in ("--help", "validate", "status", "overdue --json"):
                continue  # the shipped data has no reports: nothing to merge or render
            if name == "render":
                if size > args.no_render_above:
                    continue
                subprocess.run(
                    [kh121, "merge", PERIOD, "--as-of", AS_OF],
                    cwd=root,
                    env=env,
                    capture_output=True,
                    check=True,
                )
            before = (lambda m=merged: m.unlink(missing_ok=True)) if name == "merge" else None
            row[name] = median_run([kh121, *argv], root, env, runs, before)
            print(f"x{size} {name}: {row[name]}", flush=True)
        results["sizes"][str(size)] = row  # type: ignore[index]
    sizes = results["sizes"]  # type: ignore[assignment]
    for measure_by in ("tasks", "input_mib"):
        exponents = {}
        for name in ("validate", "status", "merge", "overdue --json", "render"):
            pts = []
            for s, row in sizes.items():  # type: ignore[union-attr]
                if name in row and s != "0":
                    above = row[name]["seconds"] - row["import_floor"]["seconds"]
                    pts.append((float(row[measure_by]), above))
            exponents[name] = fit_exponent(pts)
        results[f"growth_exponent_by_{measure_by}"] = exponents
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    write_table(results)


def write_table(results: dict[str, object]) -> None:
    sizes: dict[str, dict[str, object]] = results["sizes"]  # type: ignore[assignment]
    lines = [
        f"Machine: {results['machine']}; Python {results['python']}; {results['date']}.",
        f"Command: `{results['command']}` (median wall time of each process; peak = max RSS).",
        "",
        "| size | tasks | report files | command | seconds | × import floor | × model floor"
        " | × (parse + import floors) | peak MiB |",
        "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s, row in sizes.items():
        s = "shipped" if s == "0" else f"x{s}"
        imp = row["import_floor"]["seconds"]  # type: ignore[index]
        mod = row["model_floor"]["seconds"]  # type: ignore[index]
        parse = row["parse_floor"]["seconds"]  # type: ignore[index]
        lines.append(
            f"| {s} | {row['tasks']} | {row['report_files']} ({row['input_mib']:.1f} MiB) |"
            " *import floor* |"
            f" {imp:.3f} | 1.00 | | | {row['import_floor']['peak_mib']:.0f} |"
        )  # type: ignore[index]
        lines.append(
            f"| {s} | | | *model floor* | {mod:.3f} | {mod / imp:.2f} | 1.00 | |"
            f" {row['model_floor']['peak_mib']:.0f} |"
        )  # type: ignore[index]
        lines.append(
            f"| {s} | | | *bare parse floor* | {parse:.3f} | | | |"
            f" {row['parse_floor']['peak_mib']:.0f} |"
        )  # type: ignore[index]
        for name in COMMANDS:
            if name in row:
                m = row[name]
                sec = m["seconds"]  # type: ignore[index]
                lines.append(
                    f"| {s} | | | `kh121 {name}` | {sec:.3f} | {sec / imp:.2f} | {sec / mod:.2f} |"
                    f" {sec / (parse + imp):.2f} | {m['peak_mib']:.0f} |"  # type: ignore[index]
                )
    lines.append("")
    for measure_by, words in (("tasks", "the number of tasks"), ("input_mib", "input bytes")):
        exps = results[f"growth_exponent_by_{measure_by}"]
        lines.append(
            f"Growth exponent of the time above the import floor against {words}"
            " (least squares over x1…x1000): "
            + ", ".join(f"{k} {v:.2f}" for k, v in exps.items() if v is not None)  # type: ignore[union-attr]
            + "."
        )
    table = "\n".join(lines)
    readme = HERE / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    readme.write_text(f"{head}{start}\n{table}\n{end}{tail}", encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
