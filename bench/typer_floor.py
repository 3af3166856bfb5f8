"""The typer floor: a typer app with the same kinds of options as `kh121 status`, doing nothing.

typer 0.29 coerces every non-boolean option through a pydantic ``TypeAdapter`` built at run
time (``typer._coercion.build_runtime_param``), so any typer command that takes a string
option pays for pydantic's schema machinery, whatever the command does. `kh121 status` is
compared with this floor as well as with the bare import floor, so that the figure says what
kh121's own code costs. Run: ``python bench/typer_floor.py status --as-of 2026-11-29``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False)


@app.command()
def status(
    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
    agency: Annotated[str | None, typer.Option("--agency")] = None,
    section: Annotated[str | None, typer.Option("--section")] = None,
    state: Annotated[str | None, typer.Option("--state")] = None,
    soon: Annotated[int, typer.Option("--soon", min=0)] = 14,
    wide: Annotated[bool, typer.Option("--wide")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache")] = False,
    root: Annotated[Path | None, typer.Option("--root")] = None,
    lang: Annotated[str, typer.Option("--lang")] = "vi",
) -> None:
    """Parse the options as kh121 does, then stop."""


@app.command()
def other() -> None:
    """A second command, so that typer keeps the sub-command form as kh121 has it."""


if __name__ == "__main__":
    app()
