"""kh121 fmt: rewrite data and report files in their canonical form."""

from __future__ import annotations

import difflib
import sys
import unicodedata
from pathlib import Path

from kh121 import kinds, paths
from kh121.atomic import write_atomic
from kh121.errors import EXIT_FAIL, EXIT_OK, KnownError
from kh121.messages import t
from kh121.models import PlanFile
from kh121.presenters.problems import print_problems
from kh121.problems import Problem, has_errors
from kh121.text import safe


def targets(root: Path, given: list[Path]) -> list[tuple[Path, kinds.FileKind]]:
    """The files to format, with their kinds; the tool's own output is left alone."""
    if not given:
        given = [root / "data", root / paths.REPORTS]
    out: list[tuple[Path, kinds.FileKind]] = []
    for g in given:
        if not g.exists():
            if g == root / paths.REPORTS:
                continue  # a missing reports/ is an empty one (git keeps no empty folder)
            shown = safe(str(g))
            raise KnownError(f"không có tệp hay thư mục '{shown}'", f"no such path '{shown}'")
        for path in sorted(g.rglob("*.yaml")) if g.is_dir() else [g]:
            kind = kinds.kind_of(path, root)
            if kind is not None and kind.written_by_people:
                out.append((path, kind))
    return out


def formatted(
    path: Path, root: Path, kind: kinds.FileKind, plan_order: dict[str, int]
) -> tuple[str, str, list[Problem]]:
    """(current text, canonical text, problems) of one file."""
    from kh121.fmt import format_text

    doc, _model, problems = kinds.read_kind(path, root, kind)
    current = doc.text if doc is not None else ""
    if doc is None or has_errors(problems):
        return current, current, problems
    raw = path.read_bytes().decode("utf-8", errors="replace")
    text = unicodedata.normalize("NFC", doc.text.replace("\r\n", "\n"))
    shown = paths.shown(path, root)
    try:
        return raw, format_text(text, kind.model, plan_order), []
    except KnownError as exc:
        raise KnownError(f"{shown}: {exc.vi}", f"{shown}: {exc.en}") from None


def run(*, root: Path, given: list[Path], check: bool, lang: str) -> int:
    # The plan's order of tasks orders each report's tasks; a broken plan reports itself below.
    _doc, plan, _problems = kinds.read_kind(root / paths.TASKS, root, kinds.TASKS)
    plans = plan.tasks() if isinstance(plan, PlanFile) else []
    order = {task.id: i for i, task in enumerate(plans)}
    changed: list[str] = []
    problems: list[Problem] = []
    for path, kind in targets(root, given):
        current, text, more = formatted(path, root, kind, order)
        problems.extend(more)
        if more or text == current:
            continue
        shown = paths.shown(path, root)
        changed.append(shown)
        if check:
            _show_diff(current, text, shown, lang)
        else:
            write_atomic(path, text)
            print(t(f"đã định dạng {shown}", f"formatted {shown}", lang))
    if problems:
        print_problems(problems, lang, as_json=False, stream=sys.stderr)
        print(
            t("các tệp có lỗi không được định dạng", "files with errors were not formatted", lang),
            file=sys.stderr,
        )
    if check and changed:
        print(
            t(
                f"{len(changed)} tệp cần định dạng: chạy 'kh121 fmt'",
                f"{len(changed)} files need formatting: run 'kh121 fmt'",
                lang,
            )
        )
    return EXIT_FAIL if problems or (check and changed) else EXIT_OK


def _show_diff(current: str, text: str, shown: str, lang: str) -> None:
    """What `fmt` would change in a file, as a unified diff of at most 40 lines."""
    diff = list(
        difflib.unified_diff(
            current.splitlines(), text.splitlines(), f"a/{shown}", f"b/{shown}", lineterm="", n=1
        )
    )
    sys.stdout.write("\n".join(diff[:40]) + "\n")
    if len(diff) > 40:
        more = len(diff) - 40
        print(t(f"... (còn {more} dòng)", f"... ({more} more lines)", lang))
