"""Where kh121 keeps its own files on the user's machine, outside every workspace.

A module of its own, importing nothing of kh121's, so that the lowest layers (the error
boundary writes its logs into the cache folder) can ask without an import running upwards.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_folder() -> Path:
    """`KH121_CACHE_DIR`, else `$XDG_CACHE_HOME/kh121`, else `~/.cache/kh121`."""
    if os.environ.get("KH121_CACHE_DIR"):
        return Path(os.environ["KH121_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kh121"
