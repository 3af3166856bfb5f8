"""The one way kh121 asks git: `git -C ROOT …`, its failures said in words."""

from __future__ import annotations

import subprocess
from pathlib import Path

from kh121.errors import KnownError


def git(root: Path, *args: str, stdin: bytes | None = None, timeout: float | None = None) -> bytes:
    """git's output; KnownError when git is missing or says no (its own words quoted)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            input=stdin,
            capture_output=True,
            check=True,
            timeout=timeout,
        )
    except FileNotFoundError:
        raise KnownError("không tìm thấy lệnh git", "git is not installed") from None
    except subprocess.TimeoutExpired:
        raise KnownError("git không trả lời", "git did not answer") from None
    except subprocess.CalledProcessError as exc:
        msg = exc.stderr.decode("utf-8", "replace").strip()
        raise KnownError(f"git báo lỗi: {msg}", f"git failed: {msg}") from None
    return done.stdout


def revision(root: Path) -> str:
    """The revision the data is read from ('abc1234', with '+' when data/ or reports/ have
    changes not committed), or '—' outside a repository or without git."""
    try:
        head = git(root, "rev-parse", "--short", "HEAD", timeout=10).decode().strip()
        dirty = git(root, "status", "--porcelain", "--", "data", "reports", timeout=10).strip()
    except (KnownError, OSError, UnicodeDecodeError):
        return "—"
    return head + ("+" if dirty else "") if head else "—"
