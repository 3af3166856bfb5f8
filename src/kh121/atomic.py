"""The one way kh121 writes a file: a temporary file beside it, synced, then renamed."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from kh121.errors import KnownError


class FileExistsRefusedError(KnownError):
    """The target exists and the command promised not to overwrite it."""

    def __init__(self, path: str) -> None:
        super().__init__(
            f"'{path}' đã có; kh121 không ghi đè tệp đã có",
            f"'{path}' exists; kh121 never overwrites it",
        )


def write_atomic(path: Path, data: bytes | str, overwrite: bool = True) -> bool:
    """Write data to path atomically; return False when the content was already there.

    On any failure the old file is left as it was. With overwrite=False an
    existing file is never replaced (FileExistsRefusedError), even by a race.
    """
    blob = data.encode("utf-8") if isinstance(data, str) else data
    if path.exists():
        if not overwrite:
            raise FileExistsRefusedError(str(path))
        if path.read_bytes() == blob:
            return False  # unchanged: leave the file and its time stamp alone
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)  # mkstemp makes 0600; keep what the file had, or the usual
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails if the target appeared meanwhile
            os.unlink(tmp)
    except FileExistsError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise FileExistsRefusedError(str(path)) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_dir(path.parent)
    return True


def write_and_say(path: Path, data: bytes | str, root: Path, lang: str) -> bool:
    """write_atomic, then one line for the person: 'đã ghi X' or 'không đổi X'."""
    from kh121.messages import t
    from kh121.paths import shown

    changed = write_atomic(path, data)
    where = shown(path, root)
    print(
        t(
            f"{'đã ghi' if changed else 'không đổi'} {where}",
            f"{'wrote' if changed else 'unchanged'} {where}",
            lang,
        )
    )
    return changed


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def inside_root(path: Path, root: Path) -> Path:
    """The path itself, once it is sure that writing it (symlinks followed) stays in the root."""
    real = path.resolve()
    if not real.is_relative_to(root.resolve()):
        raise KnownError(
            f"'{path}' dẫn ra ngoài thư mục gốc ({real}); kh121 không ghi ra ngoài đó —"
            " bỏ liên kết tượng trưng, hoặc nêu rõ tệp ra bằng -o",
            f"'{path}' leads outside the root ({real}); kh121 does not write there —"
            " remove the symbolic link, or name the output with -o",
        )
    return path
