"""kh121 validate: every problem in the data and the reports, with its place."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from kh121 import kinds
from kh121.errors import EXIT_FAIL, EXIT_OK, KnownError
from kh121.loader import load
from kh121.presenters.ci_formats import write_github, write_gitlab
from kh121.presenters.problems import print_problems
from kh121.problems import Problem, has_errors
from kh121.text import safe


def _targets(root: Path, given: list[Path]) -> list[Path]:
    """The period files among the paths given (a folder: every .yaml below it)."""
    out: list[Path] = []
    for target in given:
        if not target.exists():
            shown = safe(str(target))
            raise KnownError(f"không có tệp hay thư mục '{shown}'", f"no such path '{shown}'")
        files = sorted(target.rglob("*.yaml")) if target.is_dir() else [target]
        out.extend(f for f in files if kinds.kind_of(f, root) in kinds.RECORD_KINDS)
    return out


def collect(root: Path, given: list[Path], as_of: dt.date) -> list[Problem]:
    """Problems of the workspace, with the files of reports/ limited to those given."""
    from kh121.clock import today

    return load(root, as_of, _targets(root, given) if given else None, today())[1]


def run(
    *,
    root: Path,
    targets: list[Path],
    as_of: dt.date,
    lang: str,
    as_json: bool,
    output_format: str = "text",
) -> int:
    """Print the problems as text, JSON, GitHub workflow commands or a GitLab Code Quality
    report; the exit status is the same whatever the form."""
    problems = collect(root, targets, as_of)
    if output_format == "github":
        write_github(problems, lang, sys.stdout, root)
    elif output_format == "gitlab":
        write_gitlab(problems, lang, sys.stdout, root)
    else:
        print_problems(problems, lang, as_json or output_format == "json", root=root)
    return EXIT_FAIL if has_errors(problems) else EXIT_OK
