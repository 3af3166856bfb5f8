"""The one way kh121 writes a file: a temporary file beside it, synced, then renamed."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterator
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
    """write_atomic, whose failures name the file the person asked for (never the temporary
    file beside it, nor no file at all: a full disk says which write it stopped)."""
    try:
        return _write_atomic(path, data, overwrite)
    except FileExistsRefusedError:
        raise
    except OSError as exc:
        raise _naming(exc, path) from exc


def _naming(exc: OSError, path: Path) -> OSError:
    if exc.filename is not None and Path(str(exc.filename)) == path:
        return exc
    return type(exc)(exc.errno, exc.strerror or str(exc), str(path))


def _write_atomic(path: Path, data: bytes | str, overwrite: bool = True) -> bool:
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


def write_all(items: list[tuple[Path, bytes | str]], overwrite: bool = True) -> list[bool]:
    """Write several files as one: every one staged in a temporary file beside its target,
    then all renamed; a failure on the way puts back every file already renamed (the old
    content, or no file), so a command that writes several files writes all or none. The
    list says, per file, whether its content changed (an unchanged file is not touched)."""
    staged, changed = _stage(items, overwrite)
    done = _swap_in(staged, overwrite)
    for _path, backup in done:
        if backup is not None:
            with contextlib.suppress(OSError):
                os.unlink(backup)
    for folder in {path.parent for _tmp, path in staged}:
        _sync_dir(folder)
    return changed


def _stage(
    items: list[tuple[Path, bytes | str]], overwrite: bool
) -> tuple[list[tuple[str, Path]], list[bool]]:
    """Each changed content written and synced to a temporary file beside its target;
    on any failure, every temporary file removed and the error named by its file."""
    staged: list[tuple[str, Path]] = []
    changed: list[bool] = []
    path = Path()
    try:
        for path, data in items:
            blob = data.encode("utf-8") if isinstance(data, str) else data
            if path.exists():
                if not overwrite:
                    raise FileExistsRefusedError(str(path))
                if path.read_bytes() == blob:
                    changed.append(False)
                    continue
            changed.append(True)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((tmp, path))
            os.fchmod(fd, _mode_for(path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
                fh.flush()
                os.fsync(fh.fileno())
    except BaseException as exc:
        for tmp, _path in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, FileExistsRefusedError):
            raise _naming(exc, path) from exc
        raise
    return staged, changed


def _swap_in(staged: list[tuple[str, Path]], overwrite: bool) -> list[tuple[Path, str | None]]:
    """Every staged file renamed onto its target, the old content kept as a hard link
    until all are in; on any failure, every target put back as it was."""
    done: list[tuple[Path, str | None]] = []
    path = Path()
    try:
        for tmp, path in staged:
            backup = None
            if path.exists():
                backup = f"{tmp}.old"
                os.link(path, backup)
            if overwrite:
                os.replace(tmp, path)
            else:
                os.link(tmp, path)  # fails if the target appeared meanwhile
                os.unlink(tmp)
            done.append((path, backup))
    except BaseException as exc:
        for path_done, backup in reversed(done):
            with contextlib.suppress(OSError):
                if backup is not None:
                    os.replace(backup, path_done)
                else:
                    os.unlink(path_done)
        for tmp, _path in staged:
            for leftover in (tmp, f"{tmp}.old"):
                with contextlib.suppress(OSError):
                    os.unlink(leftover)
        if isinstance(exc, FileExistsError):
            raise FileExistsRefusedError(str(path)) from exc
        if isinstance(exc, OSError):
            raise _naming(exc, path) from exc
        raise
    return done


def write_and_say(path: Path, data: bytes | str, root: Path, lang: str) -> bool:
    """write_atomic, then one line for the person: 'đã ghi X' or 'không đổi X'."""
    changed = write_atomic(path, data)
    say_written(path, changed, root, lang)
    return changed


def say_written(path: Path, changed: bool, root: Path, lang: str) -> None:
    """One line for the person: 'đã ghi X' or 'không đổi X', from where they stand."""
    from kh121.messages import t
    from kh121.paths import shown

    where = shown(path, root)
    print(
        t(
            f"{'đã ghi' if changed else 'không đổi'} {where}",
            f"{'wrote' if changed else 'unchanged'} {where}",
            lang,
        )
    )


LOCK_NAME = ".kh121.lock"
LOCK_SECONDS = 60.0


@contextlib.contextmanager
def workspace_lock(root: Path) -> Iterator[None]:
    """Held around every read-modify-write of a file others may write at the same time (the
    reminder record, a report replaced by an import, a consolidation): a second kh121 in the
    same workspace waits for the first. The lock is the reports/ folder itself (flock on it:
    no file left in the repository, dropped by the system if kh121 dies); where a folder
    cannot be locked (Windows, some network disks) a lock file beside it (filelock)."""
    folder = root / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        seconds = float(os.environ.get("KH121_LOCK_SECONDS", LOCK_SECONDS))
    except ValueError:
        seconds = LOCK_SECONDS
    busy = KnownError(
        f"một lệnh kh121 khác đang ghi vào {folder} (đã chờ {seconds:g} giây); chờ lệnh đó"
        " xong rồi chạy lại",
        f"another kh121 command is writing in {folder} (waited {seconds:g} seconds); let it"
        " finish, then run again",
    )
    try:
        import fcntl

        fd = os.open(folder, os.O_RDONLY)
    except (ImportError, OSError):
        fd = -1
    if fd >= 0:
        try:
            deadline = time.monotonic() + seconds
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise busy from None
                    time.sleep(0.05)
        except OSError:  # this folder cannot be locked: the lock file below
            os.close(fd)
            fd = -1
    if fd >= 0:
        try:
            yield
        finally:
            os.close(fd)  # closing drops the lock
        return
    from filelock import FileLock, Timeout

    lock = FileLock(str(folder / LOCK_NAME), timeout=seconds)
    try:
        lock.acquire()
    except Timeout:
        raise busy from None
    try:
        yield
    finally:
        lock.release()


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
