"""The command line's one error boundary, as pre-commit's error_handler.

Every expected failure is a KnownError (`kh121.errors`): its message in the user's language
and exit 1. A usage error exits 2; the machine's own failures (a full disk, a read-only
folder, a file where a folder belongs) are said plainly with exit 1; anything else is
kh121's bug: a short "please report" and exit 3, never a bare traceback; the traceback goes
to a log in the cache folder (`logs/`, owner only, the newest kept), whose path is printed
so that the report can carry it.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from kh121.errors import (
    EXIT_BUG,
    EXIT_FAIL,
    EXIT_OK,
    EXIT_USAGE,
    KnownError,
    os_error_reason,
    os_error_text,
)
from kh121.messages import t
from kh121.text import safe


def run_guarded(action: Callable[[], int], lang: str) -> NoReturn:
    """Run a command; turn every failure into a message and an exit status."""
    import typer

    # typer vendors click in some releases and depends on it in others: find its class.
    usage_error: type[Exception] = next(
        c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError"
    )
    try:
        code = action()
    except usage_error as exc:
        from kh121.cliwords import show_usage_error

        show_usage_error(exc, lang)
        code = EXIT_USAGE
    except KnownError as exc:
        exc.report(lang, sys.stderr)
        code = EXIT_FAIL
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        code = EXIT_OK
    except OSError as exc:
        print(f"kh121: {os_error_text(exc, lang)}", file=sys.stderr)
        code = EXIT_FAIL
    except Exception as exc:  # the boundary: anything else is our bug, said so plainly
        print(
            "kh121: "
            + t(
                "lỗi không mong đợi — xin báo lại cho nhóm phát triển, kèm lệnh đã chạy:",
                "an unexpected error has occurred — please report it with the command you ran:",
                lang,
            )
            + f" {type(exc).__name__}: {safe(str(exc))}",
            file=sys.stderr,
        )
        print(f"kh121: {_log_note(exc, lang)}", file=sys.stderr)
        code = EXIT_BUG
    sys.exit(code)


KEEP_LOGS = 10  # the newest logs kept; an older one is removed when a new one is written


def log_folder() -> Path:
    """Where the tracebacks of kh121's own bugs are kept: `logs/` in the cache folder."""
    from kh121.userdirs import cache_folder

    return cache_folder() / "logs"


def write_log(exc: BaseException) -> Path:
    """Write the traceback and what ran to a new log readable by its owner only (the
    command line may name private files); keep the newest KEEP_LOGS."""
    import os
    import platform
    import tempfile
    import time
    import traceback

    from kh121 import __version__

    logs = log_folder()
    logs.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(logs, 0o700)  # mkdir's mode is cut by the umask, and the folder may be older
    stamp = time.strftime("%Y%m%d-%H%M%S")
    fd, name = tempfile.mkstemp(prefix=f"error-{stamp}-", suffix=".log", dir=logs)  # 0600
    with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as out:
        out.write(f"kh121 {__version__}\n")
        out.write(f"python {sys.version.split()[0]} on {platform.platform()}\n")
        out.write(f"command: {' '.join(sys.argv)}\n\n")
        out.write("".join(traceback.format_exception(exc)))
    new = Path(name)
    others = [p for p in logs.glob("error-*.log") if p != new]
    others.sort(key=lambda p: (p.stat().st_mtime_ns, p.name))
    for stale in others[: max(0, len(others) - (KEEP_LOGS - 1))]:
        stale.unlink(missing_ok=True)
    return new


def _log_note(exc: BaseException, lang: str) -> str:
    """Where the traceback went and how to report it, or why it could not be kept."""
    try:
        path = write_log(exc)
    except OSError as err:
        where = safe(str(log_folder()))
        reason = os_error_reason(err, lang)
        return t(
            f"không ghi được nhật ký lỗi vào {where}: {reason}",
            f"the error log could not be written to {where}: {reason}",
            lang,
        )
    shown = safe(str(path))
    return t(
        f"chi tiết đã ghi vào {shown}; khi báo lỗi, gửi kèm tệp này và lệnh đã chạy"
        " (tệp có thể chứa đường dẫn thư mục của bạn: xem trước khi gửi)",
        f"the details were written to {shown}; attach this file and the command you ran to"
        " your report (the file may hold your folders' paths: read it before sending)",
        lang,
    )


def guarded(command: Callable[..., int]) -> Callable[..., None]:
    """A typer command behind the error boundary; it returns its exit status."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        from kh121.cliwords import LANG

        lang = str(kwargs.get("lang") or LANG.get())
        run_guarded(lambda: command(*args, **kwargs), lang if lang in ("vi", "en") else "vi")

    return wrapper
