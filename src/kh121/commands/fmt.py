"""kh121 fmt: rewrite data and report files in their canonical form."""

from __future__ import annotations

import difflib
import sys
import unicodedata
from pathlib import Path

from kh121 import paths
from kh121.atomic import write_atomic
from kh121.errors import EXIT_FAIL, EXIT_OK, KnownError
from kh121.messages import t
from kh121.models import (
    AgenciesFile,
    CalendarFile,
    ClerkText,
    PlanFile,
    Record,
    ReportFile,
    ReportSettings,
)
from kh121.presenters.problems import print_problems
from kh121.problems import Problem, has_errors
from kh121.validation import validate_document
from kh121.yamlio import MAX_BYTES, MAX_DATA_BYTES, parse_yaml

_BY_NAME: dict[str, type[Record]] = {
    "tasks.yaml": PlanFile,
    "agencies.yaml": AgenciesFile,
    "calendar.yaml": CalendarFile,
    paths.CLERK_NAME: ClerkText,
}


def model_for(path: Path) -> type[Record] | None:
    """The kind of a file, by its name and folder; None for the tool's own output."""
    if path.name == paths.MERGED_NAME:
        return None
    if path.parent.name == "data" and path.name == paths.REPORT_SETTINGS.name:
        return ReportSettings
    if path.parent.name == "data" or path.name in _BY_NAME:
        return _BY_NAME.get(path.name)
    return ReportFile


def targets(root: Path, given: list[Path]) -> list[Path]:
    if not given:
        given = [root / "data", root / paths.REPORTS]
    out: list[Path] = []
    for g in given:
        if not g.exists():
            raise KnownError(f"không có tệp hay thư mục '{g}'", f"no such path '{g}'")
        out.extend(sorted(g.rglob("*.yaml")) if g.is_dir() else [g])
    return [p for p in out if model_for(p) is not None]


def formatted(path: Path, root: Path, plan_order: dict[str, int]) -> tuple[str, str, list[Problem]]:
    """(current text, canonical text, problems) of one file."""
    from kh121.fmt import FormatRefusedError, format_text

    shown = paths.shown(path, root)
    raw = path.read_bytes()
    model = model_for(path)
    assert model is not None
    limit = MAX_BYTES if model in (ReportFile, ClerkText) else MAX_DATA_BYTES
    doc, problems = parse_yaml(raw, shown, limit)
    if doc is not None:
        problems.extend(validate_document(doc, model)[1])
    current = raw.decode("utf-8", errors="replace")
    if doc is None or has_errors(problems):
        return current, current, problems
    text = unicodedata.normalize("NFC", doc.text.replace("\r\n", "\n"))
    try:
        return current, format_text(text, model, plan_order), []
    except FormatRefusedError as exc:
        raise KnownError(f"{shown}: {exc.vi}", f"{shown}: {exc.en}") from None


def run(root: Path, given: list[Path], check: bool, lang: str) -> int:
    from kh121.workspace import load_workspace

    ws, _ = load_workspace(root, [])
    order = {task.id: i for i, task in enumerate(ws.plan.tasks())}
    changed, problems = [], []
    for path in targets(root, given):
        current, text, more = formatted(path, root, order)
        problems.extend(more)
        if more or text == current:
            continue
        shown = paths.shown(path, root)
        changed.append(shown)
        if check:
            diff = list(
                difflib.unified_diff(
                    current.splitlines(),
                    text.splitlines(),
                    f"a/{shown}",
                    f"b/{shown}",
                    lineterm="",
                    n=1,
                )
            )
            sys.stdout.write("\n".join(diff[:40]) + "\n")
            if len(diff) > 40:
                print(
                    t(
                        f"... (còn {len(diff) - 40} dòng)",
                        f"... ({len(diff) - 40} more lines)",
                        lang,
                    )
                )
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
