"""The house's floors, read from the source: every import (a function's own included)
runs downward, and no module reaches itself again through others.

From the top: the command line (`cli`, its parameters, words, completion, the error
boundary), then one module a command under `commands/`, then `presenters/` (what a
person reads: text, JSON, Word and page contexts), then the core (everything else: the
record, its rules, reading and writing files). A command may use presenters and the
core, never another command; a presenter only the core; the core nothing above it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
COMMAND_LINE = {"cli", "cliparams", "cliwords", "complete", "boundary", "__main__"}
FLOORS = {"command line": 3, "commands": 2, "presenters": 1, "core": 0}


def modules(src: Path, package: str) -> dict[str, Path]:
    found = {}
    for path in sorted((src / package).rglob("*.py")):
        parts = path.relative_to(src).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(src: Path, package: str) -> dict[str, set[str]]:
    """Each module's imports of the package's own modules, wherever they stand in it."""
    known = modules(src, package)
    edges: dict[str, set[str]] = {}
    for name, path in known.items():
        here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = here[: len(here) - node.level + 1]
                    base = ".".join([*up, base] if base else up)
                targets.add(base)
                targets.update(f"{base}.{a.name}" for a in node.names)
        edges[name] = {t for t in targets if t in known and t != name}
    return edges


def floor(name: str) -> str:
    parts = name.split(".")
    if len(parts) > 1 and parts[1] in ("commands", "presenters"):
        return parts[1]
    return "command line" if parts[-1] in COMMAND_LINE else "core"


def wrong_way(edges: dict[str, set[str]]) -> list[str]:
    """Imports that run up a floor, or across between two commands."""
    out = []
    for a, targets in sorted(edges.items()):
        for b in sorted(targets):
            fa, fb = floor(a), floor(b)
            if FLOORS[fb] > FLOORS[fa] or (fa == fb == "commands" and a != "kh121.commands"):
                out.append(f"{a} ({fa}) → {b} ({fb})")
    return out


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_every_import_runs_down_a_floor() -> None:
    edges = imports(SRC, "kh121")
    assert len(edges) > 60  # the package was read, not an empty folder
    assert wrong_way(edges) == []


def test_only_the_commands_read_the_clock() -> None:
    """Time is an argument: the real today (`clock`) is read by the command line and the
    commands, which pass it down; no presenter or core module asks for it."""
    edges = imports(SRC, "kh121")
    readers = sorted(a for a, targets in edges.items() if "kh121.clock" in targets)
    assert readers and all(floor(a) in ("commands", "command line") for a in readers), readers


def test_no_module_reaches_itself_again() -> None:
    assert circles(imports(SRC, "kh121")) == []


@pytest.fixture
def crooked(tmp_path: Path) -> Path:
    """A package with an import up a floor (inside a function), one across two commands,
    and a circle of three core modules through a relative import."""
    pkg = tmp_path / "kh121"
    (pkg / "commands").mkdir(parents=True)
    (pkg / "presenters").mkdir()
    files = {
        "__init__.py": "",
        "cli.py": "from kh121.commands import a\n",
        "errors.py": "def f():\n    from kh121.cliwords import LANG\n",
        "cliwords.py": "LANG = 1\n",
        "x.py": "from . import y\n",
        "y.py": "import kh121.z\n",
        "z.py": "from kh121.x import thing\n",
        "commands/__init__.py": "",
        "commands/a.py": "from kh121.commands.b import run\nfrom kh121.presenters import p\n",
        "commands/b.py": "from kh121 import x\n",
        "presenters/__init__.py": "",
        "presenters/p.py": "from ..x import thing\n",
    }
    for name, text in files.items():
        (pkg / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_the_reader_finds_what_runs_the_wrong_way(crooked: Path) -> None:
    edges = imports(crooked, "kh121")
    assert edges["kh121.presenters.p"] == {"kh121.x"}
    assert wrong_way(edges) == [
        "kh121.commands.a (commands) → kh121.commands.b (commands)",
        "kh121.errors (core) → kh121.cliwords (command line)",
    ]
    assert circles(edges) == [["kh121.x", "kh121.y", "kh121.z"]]
