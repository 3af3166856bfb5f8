"""Long output through a pager, as git does: only on a terminal, only when taller than it.

`--no-pager` (anywhere on the line) or KH121_PAGER=cat turns it off; KH121_PAGER, else
PAGER, else `less -R` (colours kept; `q` leaves) names the pager. Never when piped.
"""

from __future__ import annotations

import io
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

NO_PAGER = "--no-pager"


class _Screen(io.StringIO):
    """What a command writes, held until it is done; it still looks like the terminal it
    stands for, so that widths and colours are chosen as for the terminal."""

    def isatty(self) -> bool:
        return True


def pager_command() -> list[str] | None:
    """The pager to run, or None for none (KH121_PAGER empty or 'cat')."""
    said = os.environ.get("KH121_PAGER")
    if said is None:
        said = os.environ.get("PAGER") or "less -R"
    words = shlex.split(said)
    if not words or words == ["cat"]:
        return None
    return words


def wanted(args: list[str], stream: TextIO | None = None) -> bool:
    out = stream or sys.stdout
    if NO_PAGER in args or not (hasattr(out, "isatty") and out.isatty()):
        return False
    return pager_command() is not None


def show(text: str, stream: TextIO, height: int) -> None:
    """The text on the stream, through the pager when it has more lines than the screen."""
    command = pager_command()
    if command is None or text.count("\n") < height:
        stream.write(text)
        stream.flush()
        return
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # as git: quit when it fits, keep colours, no screen wipe
    try:
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        stream.write(text)
        stream.flush()
        return
    assert proc.stdin is not None
    try:
        proc.stdin.write(text.encode("utf-8"))
        proc.stdin.close()
    except BrokenPipeError:  # the reader left the pager early: fine
        pass
    while True:
        try:
            proc.wait()
            break
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager, as in git
            continue


@contextmanager
def paged(args: list[str]) -> Iterator[None]:
    """Hold stdout while a command runs, then show it through the pager if it is long."""
    if not wanted(args):
        yield
        return
    real = sys.stdout
    held = _Screen()
    sys.stdout = held
    try:
        yield
    finally:
        sys.stdout = real
        height = shutil.get_terminal_size((80, 24)).lines
        show(held.getvalue(), real, max(height - 1, 1))
