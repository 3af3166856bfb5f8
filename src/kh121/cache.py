"""A cache of the computed view that can never be stale.

Kept outside the tracked files (the user's cache folder, one file per root), keyed
by kh121's version, the date and options asked for, and the size, modification time
and content hash of every file the view is built from (and the list of those files,
so a new report invalidates it too). A corrupt or foreign cache file is ignored and
rebuilt: it is read with an unpickler that knows only kh121's view records, dates
and enums, so it can never run code.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from kh121 import __version__, paths

_MAGIC = b"kh121-cache-2\n"  # then the inputs' digest, the payload's sha256, the payload
_ALLOWED = {
    ("datetime", "date"),
    *(("kh121.views", n) for n in ("AgencyName", "Directory", "Entry", "OccurrenceView")),
    *(("kh121.views", n) for n in ("TaskView", "ObligationView", "Summary", "StatusView")),
    *(("kh121.states", n) for n in ("Reported", "Bin", "ReportStatus", "TaskState")),
}


def enabled(flag_off: bool) -> bool:
    return not flag_off and not os.environ.get("KH121_NO_CACHE")


def folder() -> Path:
    from kh121.userdirs import cache_folder

    return cache_folder()


def inputs(root: Path) -> list[Path]:
    """Every file a view is read from: the data files and the record's files."""
    data = [paths.TASKS, paths.AGENCIES, paths.CALENDAR, paths.REPORT_SETTINGS]
    return [root / p for p in data] + paths.record_files(root)


def key(root: Path, *parts: str) -> bytes:
    """The digest of everything the cached value depends on."""
    h = hashlib.sha256()
    for part in (__version__, sys.version, str(root.resolve()), *parts):
        h.update(part.encode("utf-8", "surrogateescape") + b"\0")
    # An editable install changes code without changing the version: its files count too.
    for source in sorted(Path(__file__).parent.rglob("*.py")):
        h.update(f"{source.name}:{source.stat().st_mtime_ns}\0".encode())
    for path in inputs(root):
        h.update(os.fsencode(path) + b"\0")
        try:
            info = path.stat()
            data = path.read_bytes() if path.is_file() else b""
        except OSError:
            h.update(b"missing\0")
            continue
        h.update(f"{info.st_size}:{info.st_mtime_ns}:{info.st_mode}".encode())
        h.update(hashlib.sha256(data).digest())
    return h.digest()


def _file(root: Path, name: str) -> Path:
    digest = hashlib.sha256(os.fsencode(root.resolve())).hexdigest()[:32]
    return folder() / f"{digest}-{name}.pickle"


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not a kh121 view")
        return super().find_class(module, name)


def _private(path: Path) -> bool:
    """Whether a cache file and its folder are the user's alone (0700/0600, theirs): a file
    someone else could have planted is never read."""
    try:
        for p in (path.parent, path):
            info = p.lstat()
            if info.st_uid != os.getuid() or info.st_mode & 0o077:
                return False
        return not path.is_symlink()
    except OSError:
        return False


def load(root: Path, name: str, digest: bytes) -> Any | None:
    """The cached value for this digest, or None (absent, stale, corrupt, foreign, or not
    the user's own file)."""
    target = _file(root, name)
    if not _private(target):
        return None
    try:
        blob = target.read_bytes()
    except OSError:
        return None
    head = _MAGIC + digest
    if not blob.startswith(head):
        return None
    check, payload = blob[len(head) : len(head) + 32], blob[len(head) + 32 :]
    if hashlib.sha256(head + payload).digest() != check:
        return None  # not the value written for these inputs
    try:
        return _Unpickler(io.BytesIO(payload)).load()
    except Exception:  # a corrupt cache is rebuilt, never trusted nor fatal
        return None


def store(root: Path, name: str, digest: bytes, value: Any) -> None:
    """Keep the value, in a folder (0700) and a file (0600) of the user's own; a cache that
    cannot be written is simply not kept."""
    from kh121.atomic import write_atomic

    try:
        target = _file(root, name)
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(target.parent, 0o700)
        head = _MAGIC + digest
        payload = pickle.dumps(value, protocol=5)
        if target.exists():
            os.chmod(target, 0o600)  # write_atomic keeps the mode the file has
        else:
            old = os.umask(0o077)
            try:
                write_atomic(target, head + hashlib.sha256(head + payload).digest() + payload)
            finally:
                os.umask(old)
            return
        write_atomic(target, head + hashlib.sha256(head + payload).digest() + payload)
    except OSError:
        pass
