"""kh121 run in-process as the installed command runs: the same environment, the same
answer (exit status, stdout, stderr), and no traceback.

`kh121(...)` stands in for `subprocess.run([KH121, ...])` where the process itself is not
what a test is about. It runs the typer app through CliRunner in an environment made as
the tests' subprocess runs had it (PATH=/usr/bin:/bin, LANG=C.UTF-8, NO_COLOR=1; no
KH121_ROOT, KH121_LANG, COLUMNS, HOME, ...; plus the variables the test asks for), keeping
only the two that conftest gives every test (KH121_TODAY, a day the tests never pass, and
KH121_CACHE_DIR, a cache folder of the test's own), and restores the environment after.

"No traceback", in-process: kh121's error boundary (`boundary.guarded`) turns an unexpected
exception into exit 3 and "lỗi không mong đợi" on stderr; an exception outside it is not
caught here (catch_exceptions=False) and fails the test. Every run is checked for both, so
a call through here says at least what a subprocess run with `"Traceback" not in stderr`
said. A run longer than `timeout` seconds is stopped (SIGALRM) and fails the test, as
`subprocess.run(timeout=...)` did; what can block in C for good (a FIFO, a template's
time budget) stays a real subprocess in the tests.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# What every subprocess run of the tests had, and nothing more.
BASE_ENV = {"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "LANG": "C.UTF-8"}
# Set for every test by conftest: a fixed today and a cache folder of the test's own.
KEPT = ("KH121_TODAY", "KH121_CACHE_DIR")
BUG = "lỗi không mong đợi"


class Hung(BaseException):
    """A run over its time; a BaseException, so kh121's boundary cannot turn it into exit 3."""


@dataclass
class Completed:
    """What subprocess.CompletedProcess gives: args, returncode, stdout, stderr."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def _environment(env: dict[str, str] | None) -> Iterator[None]:
    saved = dict(os.environ)
    kept = {k: saved[k] for k in KEPT if k in saved}
    os.environ.clear()
    os.environ.update({**BASE_ENV, **kept, **(env or {})})
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextlib.contextmanager
def _deadline(seconds: float, args: list[str]) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():  # pragma: no cover
        raise RuntimeError("in-process runs are timed by SIGALRM: the main thread only")

    def over(_signum: int, _frame: object) -> None:
        raise Hung(f"kh121 {' '.join(args)!r} ran over {seconds:g} s")

    old = signal.signal(signal.SIGALRM, over)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def kh121(*args: str | Path, env: dict[str, str] | None = None, timeout: float = 30) -> Completed:
    """`kh121 ARGS` in-process; fails the test on an unexpected error or after `timeout`."""
    from typer.testing import CliRunner

    from kh121.cli import app

    argv = [str(a) for a in args]
    with _environment(env), _deadline(timeout, argv):
        # color=True: CliRunner strips nothing from what kh121 writes
        res = CliRunner().invoke(app, argv, catch_exceptions=False, color=True)
    done = Completed(argv, res.exit_code, res.stdout, res.stderr)
    assert done.returncode != 3 and BUG not in done.stdout + done.stderr, (argv, done)
    assert "Traceback" not in done.stderr, (argv, done)
    return done
