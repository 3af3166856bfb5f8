"""What the clerk sees in a terminal: help and errors wholly in the chosen language, YAML
mistakes named where they are, and every screen within 80 columns."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, write

ENGLISH_WORDS = re.compile(
    r"Usage|Options|Commands|Arguments|Show this message|\[default|\[required\]|<str>|<int|"
    r"<dir>|<path>|Error:|Try '|No such|Invalid value|Missing|(?<![-\w])[Ee]xit\b(?!-)|\bonce\b|"
    r"not_started|in_progress|\byearly\b|\berror\[|\bwarning\["
)
# Letters only Vietnamese uses; the English help may quote two Vietnamese terms.
VIETNAMESE = re.compile(
    "[ăâđêôơưĂÂĐÊÔƠƯàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵằắẳẵặầấẩẫậềếểễệồốổỗộờớởỡợừứửữự]"
)
QUOTED_VI = ("DỰ THẢO", "NĐ-CP", "sơ kết", "tổng kết")


def _commands() -> list[list[str]]:
    import typer

    from kh121.cli import app

    out: list[list[str]] = [[]]

    def walk(cmd: object, path: list[str]) -> None:
        for name, sub in getattr(cmd, "commands", {}).items():
            if getattr(sub, "hidden", False) and name != "textconv":
                continue
            out.append([*path, name])
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return out


COMMANDS = _commands()


def _flat(text: str) -> str:
    """The text with its wrapping undone: one space wherever a line was broken."""
    return " ".join(text.split())


def _problems(text: str) -> list[str]:
    """Problem lines, each with its continuation lines (a hanging indent) joined back."""
    out: list[str] = []
    for line in text.splitlines():
        if line.startswith("    ") and out:
            out[-1] += " " + line.strip()
        else:
            out.append(line)
    return out


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "kh121")
def test_help_is_wholly_vietnamese(cli, path: list[str]) -> None:  # type: ignore[no-untyped-def]
    r = cli(*path, "--help")
    assert r.exit_code == 0, r.output
    found = ENGLISH_WORDS.findall(r.stdout)
    assert not found, (found, r.stdout)
    assert r.stdout.startswith("Cách dùng: kh121")


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "kh121")
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_help_fits_80_columns(cli, path: list[str], lang: str) -> None:  # type: ignore[no-untyped-def]
    r = cli("--lang", lang, *path, "--help")
    assert r.exit_code == 0, r.output
    assert not [line for line in r.stdout.splitlines() if len(line) > 80]


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "kh121")
@pytest.mark.parametrize("where", ["before", "after", "env"])
def test_help_is_wholly_english(
    cli,  # type: ignore[no-untyped-def]
    path: list[str],
    where: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if where == "env":
        monkeypatch.setenv("KH121_LANG", "en")
        args = [*path, "--help"]
    elif where == "before":
        args = ["--lang", "en", *path, "--help"]
    else:
        args = [*path, "--help", "--lang", "en"]
    r = cli(*args)
    assert r.exit_code == 0, r.output
    text = r.stdout
    for term in QUOTED_VI:
        text = text.replace(term, "")
    assert not VIETNAMESE.findall(text), text
    assert r.stdout.startswith("Usage: kh121")


@pytest.mark.parametrize(
    ("args", "vi", "en"),
    [
        (["statu"], "Lỗi: không có lệnh 'statu'; có phải 'status'?", "Error: no such command"),
        (["status", "--bogus"], "Lỗi: không có tùy chọn --bogus", "Error: no such option --bogus"),
        (["status", "--soon", "x"], "--soon: cần một số nguyên", "invalid value for --soon"),
        (["report", "new", "SYT"], "Lỗi: thiếu --period KỲ", "Error: missing --period PERIOD"),
        (["status", "--as-of", "31/02/2026"], "(tháng này có 28 ngày)", "(it has 28 days)"),
        (["status", "--as-of", "15/11/26"], "năm phải viết đủ 4 chữ số", "4 digits"),
        (["status", "a", "b"], "Lỗi: thừa tham số: a b", "unexpected extra arguments: a b"),
    ],
)
def test_usage_errors_in_the_language(
    cli, ws_root: Path, args: list[str], vi: str, en: str
) -> None:  # type: ignore[no-untyped-def]
    r = cli(*args, "--root", ws_root)
    assert r.exit_code == 2 and vi in _flat(r.stderr), r.output
    assert not ENGLISH_WORDS.findall(r.stderr), r.stderr
    r = cli("--lang", "en", *args, "--root", ws_root)
    assert r.exit_code == 2 and en in _flat(r.stderr), r.output


def test_lang_before_the_command_sets_its_output(cli, ws_root: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("--lang", "en", "status", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 0 and "status as of 29/11/2026" in r.stdout.lower(), r.stdout


# ------------------------------------------------------------------ YAML mistakes

HEAD = (
    "schema_version: 1\nagency: SYT\nperiod: 2026-H2\nnumber: 1/BC\ndate: 2026-11-10\n"
    "received: 2026-11-12\ntasks:\n  - task: III.7\n"
)


@pytest.mark.parametrize(
    ("body", "place", "said"),
    [
        ("\tstate: done\n", "9:1", "thụt lề bằng phím Tab"),
        ("    state:in_progress\n", "9:10", "sau dấu ':' của khóa 'state' cần một dấu cách"),
        ("    state:\u00a0done\n", "9:11", "dấu cách đặc biệt (U+00A0"),
        ('    state: done\n    done: "chưa đóng\n', "10:11", 'dấu nháy " mở ở đây chưa'),
        ("    state: [done\n", "9:12", "dấu [ mở ở đây chưa được đóng bằng ]"),
        ("      state: done\n   done: x\n", "9:12", "thụt lề không thẳng cột"),
        ("    state: tạm dừng\n", "9:12", "không thuộc các giá trị cho phép"),
        ("    state: done\n    completed_on: 15/11/26\n", "10:19", "năm phải viết đủ 4 chữ số"),
        ("    state: done\n    completed_on: 31/11/2026\n", "10:19", "không có ngày 31 tháng 11"),
    ],
    ids=["tab", "no-space", "nbsp", "quote", "bracket", "indent", "word", "year", "day"],
)
def test_yaml_mistakes_named_in_place(cli, ws_root: Path, body: str, place: str, said: str) -> None:  # type: ignore[no-untyped-def]
    write(ws_root / "reports/2026-H2/SYT.yaml", HEAD + body)
    r = cli("validate", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 1
    line = next(x for x in _problems(r.stdout) if "SYT.yaml" in x and "lỗi[" in x)
    assert line.startswith(f"reports/2026-H2/SYT.yaml:{place}: lỗi["), line
    assert said in line, line
    assert not re.search(r"while scanning|could not find|found character", line), line


# ------------------------------------------------------------------ 80 columns


def _demo(root: Path) -> None:
    shutil.copytree(ROOT / "examples/demo/reports", root / "reports", dirs_exist_ok=True)


def test_every_screen_fits_80_columns(cli, ws_root: Path) -> None:  # type: ignore[no-untyped-def]
    _demo(ws_root)
    day = ("--root", ws_root, "--as-of", "2026-11-29")
    runs = [
        ("status",),
        ("status", "--wide"),
        ("overdue",),
        ("overdue", "--within", "60"),
        ("show", "III.2"),
        ("show", "SNNMT"),
        ("show", "SYT"),
        ("show", "III.7"),
        ("validate",),
        ("merge", "2026-H2"),
        ("status", "--state", "tạm dừng"),
        ("show", "so"),
    ]
    for args in runs:
        r = cli(*args, *day)
        assert r.exit_code in (0, 1), (args, r.output)
        long = [line for line in r.output.splitlines() if len(line) > 80]
        assert not long, (args, long)
        if args[0] in ("show", "validate", "status"):
            found = ENGLISH_WORDS.findall(r.output)
            assert not found, (args, found)
    r = cli("status", "--root", ws_root, "--as-of", "31/11/2026")  # a usage error, wrapped
    assert r.exit_code == 2 and all(len(line) <= 80 for line in r.output.splitlines())


def test_every_scaffold_fits_80_columns(cli, ws_root: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("report", "new", "--missing", "--period", "2026-H2", "--root", ws_root)
    assert r.exit_code == 0, r.output
    assert cli("report", "new", "--clerk", "--period", "2026-H2", "--root", ws_root).exit_code == 0
    files = sorted((ws_root / "reports/2026-H2").glob("*.yaml"))
    assert len(files) == 8  # seven reporters and the clerk's file
    for f in files:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            assert len(line) <= 80, (f.name, n, line)


def test_missing_scaffolds_only_what_is_missing(cli, ws_root: Path) -> None:  # type: ignore[no-untyped-def]
    _demo(ws_root)
    mine = write(ws_root / "reports/2026-H2/STC.yaml", "# my own draft\n")
    r = cli("report", "new", "--missing", "--period", "2026-H2", "--root", ws_root)
    assert r.exit_code == 0, r.output
    made = sorted(line.split("/")[-1] for line in r.stdout.splitlines() if "đã tạo" in line)
    assert made == ["SNGV.yaml", "SNV.yaml"]  # SCT, SKHCN, SNNMT, SYT reported; STC on file
    assert mine.read_text(encoding="utf-8") == "# my own draft\n"
    r = cli("report", "new", "--missing", "--period", "2026-H2", "--root", ws_root)
    assert r.exit_code == 0 and r.stdout == "mọi cơ quan đã có tệp báo cáo kỳ 2026-H2\n"


def test_missing_knows_a_report_by_its_agency_not_its_file_name(cli, ws_root: Path) -> None:  # type: ignore[no-untyped-def]
    """A report filed under another name, or under the code the agency had before its
    merger, is the agency's report: no second draft is made beside it."""
    _demo(ws_root)
    folder = ws_root / "reports/2026-H2"
    (folder / "SCT.yaml").rename(folder / "bao-cao-cong-thuong.yaml")
    (folder / "SNNMT.yaml").unlink()
    write(folder / "SNNPTNT.yaml", "# begun under the code the agency had before\n")
    r = cli("report", "new", "--missing", "--period", "2026-H2", "--root", ws_root)
    assert r.exit_code == 0, r.output
    made = sorted(line.split("/")[-1] for line in r.stdout.splitlines() if "đã tạo" in line)
    assert made == ["SNGV.yaml", "SNV.yaml", "STC.yaml"]


# ------------------------------------------------------------------ git and completion


def test_git_diff_speaks_kh121_without_it_on_path(ws_root: Path, cli) -> None:  # type: ignore[no-untyped-def]
    from conftest import commit_all
    from conftest import git as git_in

    def git(*args: str) -> subprocess.CompletedProcess[str]:  # kh121 is not on this PATH
        return git_in(ws_root, *args, env={"PATH": "/usr/bin:/bin", "HOME": str(ws_root)})

    shutil.copy(ROOT / ".gitattributes", ws_root / ".gitattributes")
    commit_all(ws_root)
    assert cli("diff", "--setup", "--root", ws_root).exit_code == 0
    tasks = ws_root / "data/tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    write(tasks, text.replace("lead_text: Sở Y tế\n", "lead_text: Sở Y tế tỉnh\n", 1))
    shown = git("diff")  # kh121 is not on this PATH: the driver finds it by its own path
    assert shown.returncode == 0, shown.stderr
    assert "+III.7 nguyên văn cơ quan chủ trì: Sở Y tế tỉnh" in shown.stdout, shown.stdout
    driver = git("config", "diff.kh121.textconv").stdout.strip()
    gone = re.sub(r"'[^']*python[^']*'$", "'/nonexistent/python'", driver)
    git("config", "diff.kh121.textconv", gone)
    shown = git("diff")  # kh121 gone: the plain files, a warning, and git diff still works
    assert shown.returncode == 0 and "+        lead_text: Sở Y tế tỉnh" in shown.stdout
    assert "kh121 textconv không chạy được" in shown.stderr


def test_completion_offers_codes_tasks_and_periods(
    ws_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kh121 import complete

    monkeypatch.chdir(ws_root / "reports")  # found as the commands find the root
    assert complete.agencies("SN") == ["SNNPTNT", "SNNMT", "SNV", "SNGV"]
    assert complete.tasks("III.") == [f"III.{i}" for i in range(1, 10)]
    assert complete.periods("2026") == ["2026-H1", "2026-H2"]
    monkeypatch.chdir(ws_root.parent)
    assert complete.agencies("S") == []  # no workspace here: nothing, no error


@pytest.mark.parametrize("plan", ["data", "examples/ha_lam/data", "examples/son_hai/data"])
def test_completion_offers_the_plans_periods(
    plan: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tab offers exactly the periods the commands accept, read without the models: none due
    before the plan began (the shipped plan starts in August 2023: no 2023-H1)."""
    from kh121 import calendar, complete
    from kh121.loader import load

    shutil.copytree(ROOT / plan, tmp_path / "data")
    ws, _problems = load(tmp_path, dt.date(2026, 12, 31), targets=[])
    assert ws is not None
    monkeypatch.chdir(tmp_path)
    meant = [p.id for p in calendar.periods(ws.plan.reporting.periods, ws.plan.plan.span)]
    assert complete.periods("") == meant and len(meant) > 4
    if plan == "data":
        assert meant[0] == "2023-H2"


def test_paths_are_shown_from_where_the_clerk_stands(
    cli,  # type: ignore[no-untyped-def]
    ws_root: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write(ws_root / "reports/2026-H2/SYT.yaml", HEAD + "\tstate: done\n")
    monkeypatch.chdir(ws_root / "reports/2026-H2")
    r = cli("validate", "--root", ws_root, *("--as-of", "2026-11-29"))
    lines = r.stdout.splitlines()
    assert any(x.startswith("SYT.yaml:9:1: lỗi[E004]") for x in lines), lines
    assert any(x.startswith("../../data/tasks.yaml:") for x in lines), lines
    r = cli("validate", "--root", ws_root, "--as-of", "2026-11-29", "--json")
    assert '"file": "reports/2026-H2/SYT.yaml"' in r.stdout  # scripts keep the root's paths


def test_a_broken_data_file_hides_not_the_plans_problems(cli, ws_root: Path) -> None:  # type: ignore[no-untyped-def]
    agencies = ws_root / "data/agencies.yaml"
    write(agencies, agencies.read_text(encoding="utf-8") + "x: [\n")
    tasks = ws_root / "data/tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    write(tasks, text.replace("          day: 5\n", "          day: 6\n", 1))
    r = cli("validate", "--root", ws_root, "--as-of", "2026-11-29")
    assert r.exit_code == 1
    flat = _flat(r.stdout)
    assert "data/agencies.yaml:" in flat and "dấu [ mở ở đây chưa được đóng" in flat
    assert "cảnh báo[W057]" in flat  # the plan's own check still ran
