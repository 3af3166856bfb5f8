"""kh121 diff: what a change to the plan, the agencies or the reports means."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from kh121.errors import EXIT_FAIL, EXIT_OK
from kh121.facts import facts_of
from kh121.git import git
from kh121.messages import t
from kh121.presenters.diff_text import describe, shown, unread_line
from kh121.revisions import between, files_at, model_of
from kh121.text import safe


def run(*, root: Path, rev: str | None, rev2: str | None, as_json: bool, lang: str) -> int:
    old_rev = rev or "HEAD"
    found = between(files_at(root, old_rev), files_at(root, rev2))
    changes, broken_old, broken_new, names = found
    unread = set(broken_old) | set(broken_new)
    if as_json:
        said: dict[str, Any] = {"from": old_rev, "to": rev2 or "working-tree"}
        said |= {"changes": changes, "invalid_files": {"from": broken_old, "to": broken_new}}
        json.dump(said, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    for rel in sorted(unread):
        print(safe(unread_line(rel, rel in broken_old, rel in broken_new, lang)))
    if not changes and not unread:
        print(t("không có thay đổi về nội dung", "no change of meaning", lang))
    elif not changes:
        # never "no change" about a file that was not read
        print(
            t(
                "không có thay đổi ở các tệp đọc được; các tệp trên chưa được so sánh",
                "no change in the files that could be read; the files above were not compared",
                lang,
            )
        )
    for c in changes:
        print(safe(describe(c, lang, names)))
    return EXIT_FAIL if unread else EXIT_OK


def textconv_command(python: str) -> str:
    """The textconv git runs: kh121 from this very interpreter, found by its absolute path
    (not PATH, which a virtual environment leaves), and the file as it is, with a word on
    stderr, when that interpreter or kh121 is gone, so that `git diff` never breaks."""
    quoted = python.replace("'", "'\\''")
    return (
        'sh -c \'if "$0" -m kh121 textconv "$1" 2>/dev/null; then :; else'
        ' echo "kh121 textconv không chạy được (cài lại rồi chạy kh121 diff --setup);'
        ' hiện tệp nguyên văn" >&2; cat "$1"; fi\''
        f" '{quoted}'"
    )


def setup(*, root: Path, lang: str) -> int:
    """Point this repository's `kh121` diff driver at this kh121."""
    command = textconv_command(sys.executable)
    git(root, "config", "diff.kh121.textconv", command)
    print(
        t(
            f"đã đặt git config diff.kh121.textconv = {command}",
            f"set git config diff.kh121.textconv = {command}",
            lang,
        )
    )
    return EXIT_OK


def textconv(*, path: Path, lang: str) -> int:
    """The file's facts, one per line: git's textconv for data and report files."""
    from kh121.facts import as_lines

    raw = path.read_bytes()
    value = model_of(raw, path.name)
    if value is None:  # not ours or invalid: as it is, but never a raw control sequence
        sys.stdout.write(safe(raw.decode("utf-8", "replace")))
        return EXIT_OK
    for line in as_lines(facts_of(value, {}), lang, lambda f, v: shown(f, v, lang)):
        print(safe(line))
    return EXIT_OK
