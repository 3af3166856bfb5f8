from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).parent))

# Property tests: a fast profile for every run of the suite, a thorough one for the bench
# (`HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_robustness.py ...`). A test's
# own @settings must not name max_examples, or the profile cannot change it.
settings.register_profile("fast", max_examples=15, deadline=None)
settings.register_profile("thorough", max_examples=300, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or "fast")


def _build_once() -> None:
    """typer builds the click command from the functions' signatures on every in-process
    run (~60 ms of a ~75 ms `validate`); the command holds no state between runs (the
    language is a context variable, values are read per run), so the suite builds it once
    per worker. The installed `kh121` builds it once per process, as before."""
    import typer.testing

    build = typer.testing._get_command
    built: dict[int, Any] = {}

    def once(app: Any) -> Any:
        if id(app) not in built:
            built[id(app)] = build(app)
        return built[id(app)]

    typer.testing._get_command = once


_build_once()


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test its own view cache, so no test sees another's."""
    monkeypatch.setenv("KH121_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    # Tests never depend on the real today: a date after this one is a typing mistake.
    monkeypatch.setenv("KH121_TODAY", TODAY)
    _forget_memos()


def _forget_memos() -> None:
    """Each test works its answers out afresh: the in-process memos (a deadline's dates, a
    plan's periods, a scalar's tag, a date's value) are emptied, so that no test passes on
    what an earlier one left, and a mutant of the code behind a memo is run, not answered
    from it."""
    from kh121 import calendar, yamlio

    calendar._occurrences.cache_clear()
    calendar.periods.cache_clear()
    yamlio._IMPLICIT.clear()
    yamlio._TIMESTAMPS.clear()


TODAY = "2026-12-31"


def make_workspace(root: Path) -> Path:
    """A copy of the shipped data/ and templates/ with an empty reports/ folder."""
    shutil.copytree(ROOT / "data", root / "data")
    if (ROOT / "templates").exists():
        shutil.copytree(ROOT / "templates", root / "templates")
    (root / "reports").mkdir()
    return root


@pytest.fixture
def ws_root(tmp_path: Path) -> Path:
    """A copy of the shipped data/ and templates/ with an empty reports/ folder."""
    return make_workspace(tmp_path)


def without_since(root: Path) -> Path:
    """The plan with no first period on record: every past occurrence counts (is overdue
    when not done), as for a workspace whose record runs from the plan's first day."""
    plan = root / "data" / "tasks.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text("".join(x for x in text.splitlines(True) if not x.startswith("  since:")))
    return root


@pytest.fixture
def full_root(ws_root: Path) -> Path:
    """ws_root whose record runs from the plan's first day (no `reporting.since`)."""
    return without_since(ws_root)


BASIS_BLANK = "    number:\n    date:\n    year: 2023\n"


def fill_basis(root: Path, undo: bool = False) -> None:
    """The approving decision's number and day filled in (the demo's data leaves them blank:
    a placeholder `render` refuses without --draft)."""
    tasks = root / "data/tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    filled = "    number: 3456/QĐ-UBND\n    date: 2023-09-05\n"
    old, new = (filled, BASIS_BLANK) if undo else (BASIS_BLANK, filled)
    if old in text:
        write(tasks, text.replace(old, new, 1))


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr
        self.output = stdout + stderr


def _invoke(*args: str | Path) -> Result:
    from kh121.cli import app

    res = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
    return Result(res.exit_code, res.stdout, res.stderr)


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run kh121 in-process at a fixed width, with no colour."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("KH121_ROOT", raising=False)
    return _invoke


@contextmanager
def cli_outside_a_test(cache: Path, **env: str) -> Iterator[Callable[..., Result]]:
    """The `cli` fixture's runner for a build shared by several tests: the environment a test
    has (80 columns, no colour, KH121_TODAY, a view cache of its own, no KH121_ROOT, and `env`)
    while the build runs, and nothing of it after."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COLUMNS", "80")
        mp.setenv("NO_COLOR", "1")
        mp.delenv("KH121_ROOT", raising=False)
        mp.setenv("KH121_TODAY", TODAY)
        mp.setenv("KH121_CACHE_DIR", str(cache))
        mp.setenv("KH121_FORM_KEY", str(cache / "form-key"))  # never the user's
        for name, value in env.items():
            mp.setenv(name, value)
        yield _invoke


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def received_report(root: Path, agency: str, period: str, received: str, body: str) -> str:
    """The text of a received report: number, date, and a state for every task the agency
    leads that `body` (its `tasks:` block, if any) does not state."""
    import datetime as dt

    from kh121.checks import lead_tasks
    from kh121.loader import load

    ws, _ = load(root, dt.date(2030, 12, 31), targets=[])
    assert ws is not None
    period_obj = ws.periods[period]
    stated = set()
    for line in body.splitlines():
        if line.strip().startswith("- task:"):
            stated.add(line.split(":", 1)[1].strip())
    extra = "".join(
        f"  - task: {tid}\n    state: in_progress\n"
        for tid in lead_tasks(ws, agency, period_obj.due)
        if tid not in stated
    )
    if extra and "tasks:" not in body:
        body = "tasks:\n" + extra + body
    elif extra:
        body = body.replace("tasks:\n", "tasks:\n" + extra, 1)
    return (
        f"schema_version: 1\nagency: {agency}\nperiod: {period}\nnumber: 1/BC-{agency}\n"
        f"date: {received}\nreceived: {received}\n{body}"
    )


def filled_clerk(root: Path, period: str, number: str | None = "125", signer: bool = True) -> Path:
    """The consolidating agency's own text for `period`, every section filled, so that
    `render` has no placeholder to refuse (number and signer as asked)."""
    lines = [
        "schema_version: 1",
        f"period: {period}",
        *([f"number: '{number}'"] if number else []),
        "achievements: Kết quả đạt được của kỳ (thử nghiệm).",
        "shortcomings: Tồn tại, hạn chế của kỳ (thử nghiệm).",
        "causes: Nguyên nhân (thử nghiệm).",
        "next_tasks: Nhiệm vụ kỳ tới (thử nghiệm).",
        "proposals: Kiến nghị (thử nghiệm).",
    ]
    if signer:
        lines += ["signer:", "  capacity: KT. GIÁM ĐỐC", "  title: PHÓ GIÁM ĐỐC"]
        lines += ["  name: Lê Văn Thử"]
    return write(root / "reports" / period / "_danh_gia.yaml", "\n".join(lines) + "\n")


def git(
    root: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """git in `root` as a test's author; raises on failure unless an env is given."""
    return subprocess.run(
        ["git", "-C", str(root), "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
        check=env is None,
        capture_output=True,
        text=True,
        env=env,
    )


def commit_all(root: Path, message: str = "plan") -> None:
    """A repository at `root` (made if needed) with every file committed."""
    if not (root / ".git").exists():
        git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", message)


@pytest.fixture
def repo(ws_root: Path) -> Path:
    """The workspace as a git repository with one commit."""
    commit_all(ws_root)
    return ws_root


DEMO = ROOT / "examples/demo/reports/2026-H2"
OUT_NAME = "BC_121-KH-TU_2026-H2_2026-11-30.docx"  # the demo clerk file dates it 30/11/2026


def demo_period(root: Path) -> None:
    """The demo period, its clerk file (number, date, signer, every section) included."""
    fill_basis(root)
    folder = root / "reports/2026-H2"
    folder.mkdir(parents=True, exist_ok=True)
    for f in DEMO.glob("*.yaml"):
        if f.name != "_tong_hop.yaml":
            shutil.copy(f, folder / f.name)


def merged_demo_dir(factory: pytest.TempPathFactory) -> Path:
    """A workspace with the demo period merged on 29/11/2026, built once a run and shared:
    a test that writes copies it (shared.copy_into)."""
    from shared import build_once

    def build(root: Path) -> None:
        demo_period(make_workspace(root))
        with cli_outside_a_test(factory.mktemp("cache")) as cli:
            r = cli("merge", "2026-H2", "--as-of", "2026-11-29", "--root", root)
            assert r.exit_code == 0, r.output

    return build_once(factory, "demo-merged", build)


@pytest.fixture(scope="session")
def merged_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return merged_demo_dir(tmp_path_factory)


@pytest.fixture(scope="session")
def rendered_demo(tmp_path_factory: pytest.TempPathFactory, merged_demo: Path) -> Path:
    """`merged_demo` rendered (`kh121 render 2026-H2 --as-of 2026-11-29`), once a run; its
    report is reports/OUT_NAME. Shared: read it through shared.read_only."""
    from shared import build_once, copy_into

    def build(root: Path) -> None:
        copy_into(merged_demo, root)
        with cli_outside_a_test(tmp_path_factory.mktemp("cache")) as cli:
            r = cli("render", "2026-H2", "--root", root, "--as-of", "2026-11-29")
            assert r.exit_code == 0, r.output

    return build_once(tmp_path_factory, "demo-rendered", build)


@pytest.fixture(scope="session")
def pdfs_together(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The documents the selected tests convert to PDF (office.convert_together), converted
    in one soffice call the first time any of those tests asks."""
    from office import convert_together

    convert_together(request.session.items, tmp_path_factory)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's chromium driven by Playwright (the system browser: nothing is downloaded),
    started once per worker; each test opens its pages in a context of its own."""
    if CHROMIUM is None:
        pytest.skip("chromium (Debian package) is not installed")
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()
