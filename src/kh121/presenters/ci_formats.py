"""Problems as a git host's CI shows them at their line: GitHub (and Gitea) Actions workflow
commands, and a GitLab Code Quality report.

Paths are relative to the repository's root (the nearest folder upwards holding `.git`),
which is where the host looks for them, even when the workspace is a folder inside it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path, PurePosixPath
from typing import Any, TextIO

from kh121.problems import Problem, Severity, sorted_problems, summary_line
from kh121.text import safe

FORMATS = ("text", "json", "github", "gitlab")
# GitLab's scale is info, minor, major, critical, blocker: an error blocks the merge, a
# warning never does.
GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor"}


def repo_prefix(root: Path) -> PurePosixPath:
    """Where the workspace lies inside its git repository ('' when it is the top, or when
    there is no repository: the paths then stay as they are)."""
    top = _repo_top(root)
    if top is None:
        return PurePosixPath()
    return PurePosixPath(root.resolve().relative_to(top).as_posix())


def _repo_top(root: Path) -> Path | None:
    try:
        here = root.resolve()
    except OSError:
        return None
    return next((f for f in (here, *here.parents) if (f / ".git").exists()), None)


def repo_path(file: str, prefix: PurePosixPath, top: Path | None = None) -> str:
    """A problem's path (root-relative; absolute for a file reached through a link out of
    the root) as the repository names it."""
    if not file:
        return ""
    if PurePosixPath(file).is_absolute():
        if top is not None and Path(file).is_relative_to(top):
            return Path(file).relative_to(top).as_posix()
        return file
    return (prefix / file).as_posix()


def _data(text: str) -> str:
    """A workflow command's message: %, CR and LF escaped, so that no text from a file can
    end the line and start a command of its own (::add-mask::, ::stop-commands::)."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return safe(escaped)


def _property(text: str) -> str:
    """A workflow command's property value: as a message, and ':' and ',' escaped too."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(p: Problem, lang: str, prefix: PurePosixPath, top: Path | None = None) -> str:
    """`::error file=PATH,line=L,col=C,title=CODE::message` (or ::warning)."""
    props: list[str] = []
    if p.file:
        props.append(f"file={_property(repo_path(p.file, prefix, top))}")
        if p.line > 0:
            props.append(f"line={p.line}")
            if p.col > 0:
                props.append(f"col={p.col}")
    props.append(f"title={_property(p.code)}")
    return f"::{p.severity} {','.join(props)}::{_data(p.message(lang))}"


def write_github(problems: list[Problem], lang: str, out: TextIO, root: Path) -> None:
    prefix, top = repo_prefix(root), _repo_top(root)
    ordered = sorted_problems(problems)
    for p in ordered:
        out.write(github_line(p, lang, prefix, top) + "\n")
    out.write(summary_line(ordered, lang) + "\n")  # for whoever reads the job's log


def fingerprint(p: Problem, path: str) -> str:
    """Stable for the same problem at the same place, different for any two problems
    (GitLab shows only the first of issues sharing one)."""
    key = "\0".join((path, str(p.line), str(p.col), p.code, p.message("en")))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def gitlab_issue(
    p: Problem, lang: str, prefix: PurePosixPath, top: Path | None = None
) -> dict[str, Any]:
    path = repo_path(p.file, prefix, top)
    return {
        "description": f"{p.code}: {p.message(lang)}",
        "check_name": p.code,
        "fingerprint": fingerprint(p, path),
        "severity": GITLAB_SEVERITY[p.severity],
        "location": {"path": path, "lines": {"begin": max(p.line, 1)}},
    }


def write_gitlab(problems: list[Problem], lang: str, out: TextIO, root: Path) -> None:
    """The Code Quality report: a JSON array, empty when all is well."""
    prefix, top = repo_prefix(root), _repo_top(root)
    issues = [gitlab_issue(p, lang, prefix, top) for p in sorted_problems(problems)]
    json.dump(issues, out, ensure_ascii=False, indent=2)
    out.write("\n")
