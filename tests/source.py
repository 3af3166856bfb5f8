"""Reads the appendix of the source decision (tests/source_decision.txt) into rows.

The data files are checked against this, so that a typo in data/tasks.yaml is
caught by the tests rather than by a reader of the official report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SOURCE = Path(__file__).parent / "source_decision.txt"
_ROMAN = re.compile(r"^[IVX]+$")


@dataclass
class SourceRow:
    id: str
    number: str
    content: str
    product: str
    lead_text: str
    coordinators_text: str
    deadline_text: str


def clean_cell(text: str) -> str:
    """The cell without the stray HTML list markup the source copy carries."""
    text = re.sub(r"</?ul[^>]*>", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def read_source() -> tuple[dict[str, str], list[SourceRow]]:
    """Section titles by id, and the task rows in source order."""
    text = SOURCE.read_text(encoding="utf-8")
    appendix = text[text.index("\nPhụ lục\n") :]
    sections: dict[str, str] = {}
    rows: list[SourceRow] = []
    section = ""
    for line in appendix.splitlines():
        if "\t" not in line:
            continue
        tt, content, product, lead, coord, deadline = line.split("\t")
        if tt == "TT":
            continue
        if _ROMAN.match(tt):
            section = tt
            sections[tt] = content.strip()
        elif tt == "":
            # A row continued across a page break: one cell in the source.
            rows[-1].content = f"{rows[-1].content} {content.strip()}"
        else:
            rows.append(
                SourceRow(
                    id=f"{section}.{tt.rstrip('.')}",
                    number=tt,
                    content=content.strip(),
                    product=product.strip(),
                    lead_text=lead.strip(),
                    coordinators_text=clean_cell(coord),
                    deadline_text=deadline.strip(),
                )
            )
    return sections, rows
