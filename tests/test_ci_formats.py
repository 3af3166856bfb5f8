"""kh121 validate --format github|gitlab against their published shapes (GitHub's workflow
commands `::error file=…,line=…,col=…::…`; GitLab's Code Quality JSON), on a workspace with
several problems inside a larger repository; and the CI files of examples/ci/."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, write

DAY = ("--as-of", "2026-11-29")
# https://docs.github.com/actions/reference/workflow-commands-for-github-actions
GITHUB = re.compile(
    r"::(?P<kind>error|warning) file=(?P<file>[^,:]+),line=(?P<line>\d+),col=(?P<col>\d+)"
    r",title=(?P<code>[EW]\d{3})::(?P<message>[^\r\n]+)"
)
# https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}
REPORT = """\
schema_version: 1
agency: SYT
period: 2026-H2
number: 45/BC-SYT
date: 2026-11-10
received: 2026-11-12
tasks:
  - task: III.7
    state: finished_maybe
  - task: IX.9
    state: in_progress
"""


@pytest.fixture
def nested(tmp_path: Path) -> Path:
    """A repository whose plan lives in plan/, with a report that has several problems."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)  # the top of the repository, as git marks it
    root = repo / "plan"
    shutil.copytree(ROOT / "data", root / "data")
    write(root / "reports/2026-H2/SYT.yaml", REPORT)
    sct = REPORT.replace("SYT", "SCT").replace("finished_maybe", "in_progress")
    write(root / "reports/2026-H2/SCT.yaml", sct)  # a task the plan does not have
    stc = REPORT.replace("SYT", "STC").replace("tasks:\n", "number: 2/BC-STC\ntasks:\n")
    write(root / "reports/2026-H2/STC.yaml", stc)  # a key twice
    return root


def _problems(cli, root: Path) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    r = cli("validate", "--root", root, *DAY, "--json")
    assert r.exit_code == 1, r.output
    items: list[dict[str, Any]] = json.loads(r.stdout)
    assert sum(i["severity"] == "error" for i in items) >= 3  # several, in two files
    assert len({i["file"] for i in items if i["severity"] == "error"}) == 3
    return items


def test_github_annotations(nested: Path, cli) -> None:  # type: ignore[no-untyped-def]
    expected = _problems(cli, nested)
    r = cli("validate", "--root", nested, *DAY, "--format", "github")
    assert r.exit_code == 1  # as validate: an error fails the check
    lines = r.stdout.splitlines()
    found = [GITHUB.fullmatch(line) for line in lines[:-1]]
    assert all(found), [line for line, m in zip(lines, found, strict=False) if not m]
    assert "lỗi" in lines[-1]  # the count, for whoever reads the log
    got = [
        (m["file"], int(m["line"]), int(m["col"]), m["code"], m["kind"], m["message"])
        for m in found
        if m
    ]
    assert got == [
        ("plan/" + i["file"], i["line"], i["col"], i["code"], i["severity"], i["message"])
        for i in expected
    ]
    assert any(f.startswith("plan/reports/2026-H2/SYT.yaml") for f, *_ in got)


def test_gitlab_code_quality(nested: Path, cli) -> None:  # type: ignore[no-untyped-def]
    expected = _problems(cli, nested)
    r = cli("validate", "--root", nested, *DAY, "--format", "gitlab", "--lang", "en")
    assert r.exit_code == 1
    issues = json.loads(r.stdout)
    assert isinstance(issues, list) and len(issues) == len(expected)
    for issue, item in zip(issues, expected, strict=True):
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["check_name"] == item["code"]
        assert issue["description"].startswith(item["code"] + ": ")
        assert issue["severity"] in GITLAB_SEVERITIES
        assert issue["severity"] == ("major" if item["severity"] == "error" else "minor")
        assert issue["location"] == {
            "path": "plan/" + item["file"],
            "lines": {"begin": max(item["line"], 1)},
        }
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
    assert len({i["fingerprint"] for i in issues}) == len(issues)  # GitLab keeps one per print
    again = json.loads(cli("validate", "--root", nested, *DAY, "--format", "gitlab").stdout)
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in issues]  # any lang


def test_clean_data_is_an_empty_report(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("validate", "--root", ws_root, *DAY, "--format", "gitlab")
    assert r.exit_code == 0
    assert all(i["severity"] == "minor" for i in json.loads(r.stdout))  # warnings only
    bad = cli("validate", "--root", ws_root, *DAY, "--format", "sarif")
    assert bad.exit_code == 2 and "Traceback" not in bad.output
    both = cli("validate", "--root", ws_root, *DAY, "--format", "github", "--json")
    assert both.exit_code == 2


def test_text_from_a_file_cannot_forge_a_command() -> None:
    from kh121.presenters.ci_formats import github_line
    from kh121.problems import Problem, Severity

    said = "x%0A y%\r\n::add-mask::secret"
    p = Problem(
        "reports/a:b,c.yaml", 3, 4, "E034", Severity.ERROR, {"task": said, "suggestion": ""}
    )
    from pathlib import PurePosixPath

    line = github_line(p, "en", PurePosixPath("plan"))
    assert "\n" not in line and "\r" not in line
    assert line.startswith("::error file=plan/reports/a%3Ab%2Cc.yaml,line=3,col=4,title=E034::")
    assert "x%250A y%25%0D%0A::add-mask::secret" in line


# --- the CI files ------------------------------------------------------------------------

CI = ROOT / "examples/ci"
CI_FILES = [CI / ".gitlab-ci.yml", CI / ".github/workflows/kh121.yml"]
SAMPLE = {"$KH121_PERIOD": "2026-H2", "${KH121_PERIOD}": "2026-H2"}


def _commands(node: Any) -> list[str]:
    """Every shell line of a workflow (`run:` of a step, `script:` of a job)."""
    out: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("run", "script", "before_script") and isinstance(value, str):
                out.extend(value.splitlines())
            elif key in ("script", "before_script") and isinstance(value, list):
                out.extend(str(v) for v in value)
            else:
                out.extend(_commands(value))
    elif isinstance(node, list):
        for item in node:
            out.extend(_commands(item))
    return out


def _kh121_calls(path: Path) -> list[list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    calls = []
    for line in _commands(data):
        line = line.split(" > ")[0].split(" || ")[0]
        for var, value in SAMPLE.items():
            line = line.replace(var, value)
        words = shlex.split(line)
        if words and words[0] == "kh121":
            calls.append(words[1:])
    return calls


@pytest.mark.parametrize("path", CI_FILES, ids=lambda p: p.name)
def test_ci_files_call_the_documented_commands(path: Path) -> None:
    import typer.main

    from kh121.cli import app

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    calls = _kh121_calls(path)
    said = {tuple(c[:1] + [w for w in c[1:] if w.startswith("--")]) for c in calls}
    assert ("validate", "--format") in said and ("merge", "--all", "--check") in said
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    for args in calls:
        command = group.get_command(None, args[0])  # type: ignore[attr-defined]
        assert command is not None, args
        command.make_context(args[0], list(args[1:]))  # parses: every option exists
        assert f"kh121 {args[0]}" in readme, args
        for word in args[1:]:
            if word.startswith("--"):
                assert word in readme, (args, word)
    assert any(c[:3] == ["validate", "--format", "github" if "github" in str(path) else "gitlab"]
               for c in calls)  # fmt: skip


def test_ci_files_are_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in CI_FILES:
        assert path.relative_to(ROOT).as_posix() in readme
