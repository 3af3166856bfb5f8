"""The one error boundary, as pre-commit's error_handler.

Every expected failure is a KnownError: a message in both languages and exit 1.
A usage error exits 2; the machine's own failures (a full disk, a read-only
folder, a file where a folder belongs) are said plainly with exit 1; anything
else is kh121's bug: a short "please report" and exit 3, never a bare traceback; the
traceback goes to a log in the cache folder (`logs/`, owner only, the newest kept), whose
path is printed so that the report can carry it.
"""

from __future__ import annotations

import errno
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from kh121.messages import t
from kh121.text import safe

if TYPE_CHECKING:
    from kh121.problems import Problem

EXIT_OK = 0
EXIT_FAIL = 1
EXIT_USAGE = 2
EXIT_BUG = 3


class KnownError(Exception):
    """A user's mistake or a missing file: said in one sentence, in both languages."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(en)
        self.vi = vi
        self.en = en

    def text(self, lang: str) -> str:
        return t(self.vi, self.en, lang)

    def report(self, lang: str, stream: TextIO) -> None:
        from kh121.problems import screen_width, wrap_text

        said = f"kh121: {safe(self.text(lang))}"  # it may quote text from outside
        stream.write(wrap_text(said, screen_width(stream)) + "\n")


class DataError(KnownError):
    """The data has errors: every one of them is printed as `validate` prints it."""

    def __init__(self, problems: list[Problem], root: Path | None = None) -> None:
        super().__init__(
            "dữ liệu có lỗi; sửa các lỗi trên (chạy 'kh121 validate' để xem lại) rồi chạy lại",
            "the data has errors; fix the errors above (see 'kh121 validate'), then run again",
        )
        self.problems = problems
        self.root = root

    def report(self, lang: str, stream: TextIO) -> None:
        from kh121.problems import write_problems

        write_problems(self.problems, lang, stream, self.root)
        super().report(lang, stream)


_OS_ERRORS: dict[int, tuple[str, str]] = {
    errno.EACCES: ("không có quyền truy cập", "permission denied"),
    errno.EPERM: ("không được phép", "operation not permitted"),
    errno.EROFS: ("hệ thống tệp chỉ cho đọc", "read-only file system"),
    errno.ENOSPC: ("đĩa đã đầy", "no space left on the disk"),
    errno.EDQUOT: ("đã hết hạn mức đĩa", "disk quota exceeded"),
    errno.EISDIR: ("đây là thư mục, cần một tệp", "this is a folder, a file is needed"),
    errno.ENOTDIR: ("một phần của đường dẫn là tệp, cần thư mục", "part of the path is a file"),
    errno.ENOENT: ("không có tệp hay thư mục này", "no such file or folder"),
    errno.EEXIST: ("đã có tệp hay thư mục này", "this file or folder exists"),
    errno.ENAMETOOLONG: ("tên tệp quá dài", "file name too long"),
}


def os_error_text(exc: OSError, lang: str) -> str:
    """A machine failure in plain words, with the path and what to do."""
    vi, en = _OS_ERRORS.get(exc.errno or 0, (exc.strerror or str(exc),) * 2)
    where = safe(str(exc.filename)) if exc.filename is not None else ""
    return t(
        f"{vi}{f': {where}' if where else ''}; kiểm tra đường dẫn, quyền ghi và chỗ trống"
        " trên đĩa rồi chạy lại (không có gì bị ghi dở)",
        f"{en}{f': {where}' if where else ''}; check the path, write permission and free"
        " space, then run again (nothing was half-written)",
        lang,
    )


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
        vi, en = _OS_ERRORS.get(err.errno or 0, (err.strerror or str(err),) * 2)
        where = safe(str(log_folder()))
        return t(
            f"không ghi được nhật ký lỗi vào {where}: {vi}",
            f"the error log could not be written to {where}: {en}",
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
