"""kh121 diff: what a change to the plan, the agencies or the reports means."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from kh121 import kinds
from kh121.errors import EXIT_FAIL, EXIT_OK, KnownError
from kh121.facts import Facts, compare, facts_of, label, report_entity
from kh121.git import git
from kh121.messages import t
from kh121.models import AgenciesFile, Record
from kh121.problems import has_errors
from kh121.text import safe
from kh121.yamlio import parse_yaml


def _files(root: Path, rev: str | None) -> dict[str, bytes]:
    """data/ and reports/ files at a revision (None: the working tree), by relative path."""
    wanted = ("data/tasks.yaml", "data/agencies.yaml")
    out: dict[str, bytes] = {}
    if rev is None:
        for rel in wanted:
            if (root / rel).exists():
                out[rel] = (root / rel).read_bytes()
        for p in sorted((root / "reports").glob("*/*.yaml")):
            if not p.name.startswith("_"):
                out[p.relative_to(root).as_posix()] = p.read_bytes()
        return out
    names = git(root, "ls-tree", "-r", "--name-only", "-z", rev, "--", "data", "reports")
    wanted_rels = [
        rel
        for rel in names.decode("utf-8", "surrogateescape").split("\0")
        if rel in wanted
        or (
            rel.startswith("reports/")
            and rel.count("/") == 2
            and rel.endswith(".yaml")
            and not rel.rsplit("/", 1)[-1].startswith("_")
        )
    ]
    return dict(zip(wanted_rels, _blobs(root, rev, wanted_rels), strict=True))


def _blobs(root: Path, rev: str, rels: list[str]) -> list[bytes]:
    """The files' contents at a revision, read by one `git cat-file --batch` (not one git
    process per file: at 10,000 report files that was most of the command's time)."""
    if not rels:
        return []
    query = "".join(f"{rev}:./{rel}\n" for rel in rels).encode("utf-8", "surrogateescape")
    out = git(root, "cat-file", "--batch", stdin=query)
    blobs: list[bytes] = []
    at = 0
    for rel in rels:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        if len(header) != 3 or header[1] != b"blob":
            raise KnownError(f"git không đọc được {rel}", f"git cannot read {rel}")
        size = int(header[2])
        blobs.append(out[end + 1 : end + 1 + size])
        at = end + 1 + size + 1  # the blob, then one newline
    return blobs


def _model_of(raw: bytes, shown: str) -> Record | None:
    """The file's model, its kind told by its keys; None when it is not valid."""
    doc, problems = parse_yaml(raw, shown)
    kind = kinds.kind_by_keys(doc.data) if doc else None
    if kind is None:
        return None
    _doc, model, problems = kinds.parse_kind(raw, shown, kind)
    # a value refused inside an otherwise valid file (a control character, a tag) is not
    # dropped in silence: the whole file is shown as it is
    return None if has_errors(problems) else model


def facts_of_files(files: dict[str, bytes]) -> tuple[Facts, list[str]]:
    facts, broken, _names = _read_facts(files)
    return facts, broken


def _read_facts(files: dict[str, bytes]) -> tuple[Facts, list[str], dict[str, str]]:
    """The files' facts, the files not read, and the agencies' short names by code."""
    facts: Facts = {}
    broken = []
    names: dict[str, str] = {}
    models = {}
    for rel, raw in sorted(files.items()):
        value = _model_of(raw, rel)
        if value is None:
            broken.append(rel)
            continue
        models[rel] = value
        if isinstance(value, AgenciesFile):
            names = {a.code: a.short for a in value.agencies}
    for value in models.values():
        facts.update(facts_of(value, names))
    return facts, broken, names


def run(*, root: Path, rev: str | None, rev2: str | None, as_json: bool, lang: str) -> int:
    old_rev = rev or "HEAD"
    old_files, new_files = _files(root, old_rev), _files(root, rev2)
    _facts, broken_old = facts_of_files(old_files)
    _facts, broken_new = facts_of_files(new_files)
    # a file not read on one side is compared on neither: its facts would read as removed
    # (or added) when they are only unreadable
    unread = set(broken_old) | set(broken_new)
    old, _, old_names = _read_facts({k: v for k, v in old_files.items() if k not in unread})
    new, _, new_names = _read_facts({k: v for k, v in new_files.items() if k not in unread})
    names = {**old_names, **new_names}
    changes = compare(old, new)
    if as_json:
        said: dict[str, Any] = {"from": old_rev, "to": rev2 or "working-tree"}
        said |= {"changes": changes, "invalid_files": {"from": broken_old, "to": broken_new}}
        json.dump(said, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    for rel in sorted(unread):
        print(safe(_unread_line(rel, rel in broken_old, rel in broken_new, lang)))
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


def _unread_line(rel: str, in_old: bool, in_new: bool, lang: str) -> str:
    """A file not compared, and on which side it could not be read."""
    side = (
        ("ở cả hai bản", "in both versions")
        if in_old and in_new
        else ("ở bản cũ", "in the old version")
        if in_old
        else ("ở bản mới", "in the new version")
    )
    return t(
        f"! {rel} không đọc được {side[0]} (lỗi, hoặc quá lớn): không so sánh"
        " (chạy 'kh121 validate')",
        f"! {rel} could not be read {side[1]} (errors, or too large): not compared"
        " (run 'kh121 validate')",
        lang,
    )


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


def shown(field: str, value: str, lang: str) -> str:
    """A value as people say it: a state, a deadline's form ('hằng năm, ngày 5/12')."""
    from kh121.presenters import labels

    if field == "state":
        return labels.state(value, lang)
    if field == "deadline_form":
        pairs = value.split(", ")
        kind = next((p.split("=", 1)[1] for p in pairs if p.startswith("kind=")), "")
        rest = ", ".join(p for p in pairs if not p.startswith("kind="))
        return labels.deadline_form(kind, rest, lang) if kind else value
    return value


def entity_words(entity: str, names: dict[str, str], lang: str) -> str:
    """A report's entity as people say it: '2026-H2/SYT I.1' → 'Sở Y tế, 6 tháng cuối năm
    2026 — I.1'; a task or an agency of the plan stays its code."""
    from kh121.presenters import labels

    found = report_entity(entity)
    if found is None:
        return entity
    period, agency, task = found
    said = f"{names.get(agency, agency)}, {labels.occurrence(period, lang)}"
    return f"{said} — {task}" if task else said


def describe(c: dict[str, Any], lang: str, names: dict[str, str] | None = None) -> str:
    e = entity_words(c["entity"], names or {}, lang)
    if c["change"] == "added":
        return t(f"+ {e} (mới)", f"+ {e} (added)", lang)
    if c["change"] == "removed":
        return t(f"- {e} (đã xóa)", f"- {e} (removed)", lang)
    field = label(c["field"], lang)

    def say(v: str) -> str:
        return shown(c["field"], v, lang)

    if c["change"] == "set":
        parts = [f"+ {say(v)}" for v in c["added"]] + [f"- {say(v)}" for v in c["removed"]]
        return f"{e} {field}: {'; '.join(parts)}"
    none = t("(trống)", "(none)", lang)
    old = say(c["old"]) if c["old"] else none
    new = say(c["new"]) if c["new"] else none
    return f"{e} {field}: {old} → {new}"


def textconv(*, path: Path, lang: str) -> int:
    """The file's facts, one per line: git's textconv for data and report files."""
    from kh121.facts import as_lines

    raw = path.read_bytes()
    value = _model_of(raw, path.name)
    if value is None:  # not ours or invalid: as it is, but never a raw control sequence
        sys.stdout.write(safe(raw.decode("utf-8", "replace")))
        return EXIT_OK
    for line in as_lines(facts_of(value, {}), lang, lambda f, v: shown(f, v, lang)):
        print(safe(line))
    return EXIT_OK
