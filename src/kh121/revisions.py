"""The workspace at a git revision (or in the working tree) as `diff` compares it: the
plan's, the agencies' and the reports' files, each read into its facts; a file that cannot
be read is named, never taken for one whose facts were removed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kh121 import kinds, paths
from kh121.errors import KnownError
from kh121.facts import Facts, compare, facts_of
from kh121.git import git
from kh121.models import AgenciesFile, Record
from kh121.problems import has_errors
from kh121.yamlio import parse_yaml


def files_at(root: Path, rev: str | None) -> dict[str, bytes]:
    """data/ and reports/ files at a revision (None: the working tree), by relative path."""
    wanted = ("data/tasks.yaml", "data/agencies.yaml")
    out: dict[str, bytes] = {}
    if rev is None:
        for rel in wanted:
            if (root / rel).exists():
                out[rel] = (root / rel).read_bytes()
        for p in sorted((root / "reports").glob("*/*.yaml")):
            if paths.is_agency_report(p.name):
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
            and paths.is_agency_report(rel.rsplit("/", 1)[-1])
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


def model_of(raw: bytes, shown: str) -> Record | None:
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
    """The files' facts and the files not read (as `diff` reads a revision)."""
    facts, broken, _names = read_facts(files)
    return facts, broken


def read_facts(files: dict[str, bytes]) -> tuple[Facts, list[str], dict[str, str]]:
    """The files' facts, the files not read, and the agencies' short names by code."""
    facts: Facts = {}
    broken = []
    names: dict[str, str] = {}
    models = {}
    for rel, raw in sorted(files.items()):
        value = model_of(raw, rel)
        if value is None:
            broken.append(rel)
            continue
        models[rel] = value
        if isinstance(value, AgenciesFile):
            names = {a.code: a.short for a in value.agencies}
    for value in models.values():
        facts.update(facts_of(value, names))
    return facts, broken, names


def between(
    old_files: dict[str, bytes], new_files: dict[str, bytes]
) -> tuple[list[dict[str, Any]], list[str], list[str], dict[str, str]]:
    """The changes of meaning from one set of files to another, the files not read on each
    side, and the agencies' short names. A file not read on one side is compared on neither:
    its facts would read as removed (or added) when they are only unreadable."""
    _facts, broken_old = facts_of_files(old_files)
    _facts, broken_new = facts_of_files(new_files)
    unread = set(broken_old) | set(broken_new)
    old, _, old_names = read_facts({k: v for k, v in old_files.items() if k not in unread})
    new, _, new_names = read_facts({k: v for k, v in new_files.items() if k not in unread})
    return compare(old, new), broken_old, broken_new, {**old_names, **new_names}
