"""The failures kh121 expects, and the exit statuses.

Every expected failure is a KnownError: a message in both languages and exit 1. A
machine's own failure (a full disk, a read-only folder) is said in plain words
(`os_error_text`). The command line's one error boundary, which turns these and anything
else into a message and an exit status, is `kh121.boundary`.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

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


def os_error_reason(exc: OSError, lang: str) -> str:
    """What went wrong with the machine, in plain words (no path, no advice)."""
    vi, en = _OS_ERRORS.get(exc.errno or 0, (exc.strerror or str(exc),) * 2)
    return t(vi, en, lang)


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
