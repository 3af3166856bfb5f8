"""Two commands as whole processes, in turn (A B A B ...), and the ratio A/B pair by pair.

    python bench/pair.py [-n 20] [--warmup 1] "COMMAND A" "COMMAND B"

Pairing keeps a comparison true when a shared machine's speed drifts during the runs: each
ratio is taken between two runs made one after the other. It prints the median wall time
of each command with its minimum and maximum, the median of the pair-by-pair ratios with
their minimum and maximum, and each command's peak memory (max RSS). Output is thrown away.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import time


def once(argv: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("-n", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=1)
    args = ap.parse_args()
    a, b = shlex.split(args.a), shlex.split(args.b)
    for _ in range(args.warmup):
        once(a)
        once(b)
    runs = [(once(a), once(b)) for _ in range(args.n)]
    wall_a = [ra[0] for ra, _ in runs]
    wall_b = [rb[0] for _, rb in runs]
    ratios = [x / y for x, y in zip(wall_a, wall_b, strict=True)]

    def row(name: str, xs: list[float]) -> str:
        mid = statistics.median(xs)
        return f"{name:8} median {mid:.3f}  (min {min(xs):.3f}, max {max(xs):.3f})"

    print(f"{args.n} pairs, A and B in turn; wall seconds")
    print(row("A", wall_a))
    print(row("B", wall_b))
    print(row("A/B", ratios))
    peak_a = max(ra[1] for ra, _ in runs) / 1024
    peak_b = max(rb[1] for _, rb in runs) / 1024
    print(f"peak MiB A {peak_a:.1f}, B {peak_b:.1f}")


if __name__ == "__main__":
    main()
