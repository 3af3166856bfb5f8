"""Printing problems: `path:line:col: error[CODE]: message`, sorted, then a count."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

from kh121.problems import Problem, sorted_problems, write_problems


def print_problems(
    problems: list[Problem],
    lang: str,
    as_json: bool,
    stream: TextIO | None = None,
    root: Path | None = None,
) -> None:
    out = stream or sys.stdout
    ordered = sorted_problems(problems)
    if as_json:
        json.dump([p.as_json(lang) for p in ordered], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    write_problems(ordered, lang, out, root)
