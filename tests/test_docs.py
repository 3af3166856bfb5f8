"""The README's table of problem codes says the catalogue's codes, no more and no fewer."""

from __future__ import annotations

import re

from conftest import ROOT
from kh121.messages import CATALOGUE

CODE = re.compile(r"^[EW]\d{3}$")


def _expand(cell: str) -> list[str]:
    """`E001–E012, E044` → every code it names (a range names every number in it)."""
    out: list[str] = []
    for part in (p.strip() for p in cell.split(",")):
        first, _, last = part.replace("-", "–").partition("–")
        first, last = first.strip(), (last.strip() or first.strip())
        assert CODE.match(first) and CODE.match(last) and first[0] == last[0], part
        out += [f"{first[0]}{n:03d}" for n in range(int(first[1:]), int(last[1:]) + 1)]
    return out


def table_codes(readme: str) -> list[str]:
    lines = readme.splitlines()
    start = lines.index("| code | problem |") + 2  # after the header and its rule
    codes: list[str] = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        codes += _expand(line.split("|")[1])
    return codes


def test_expand_reads_ranges_and_lists() -> None:
    assert _expand("E044, E046") == ["E044", "E046"]
    assert _expand("W061–W063") == ["W061", "W062", "W063"]
    assert _expand("E060") == ["E060"]


def test_readme_table_names_every_catalogue_code_and_no_other() -> None:
    codes = table_codes((ROOT / "README.md").read_text(encoding="utf-8"))
    catalogue = {k for k in CATALOGUE if CODE.match(k)}
    assert sorted(catalogue - set(codes)) == [], "codes of the catalogue missing in the README"
    assert sorted(set(codes) - catalogue) == [], "codes in the README not in the catalogue"
    assert len(codes) == len(set(codes)), "a code in two rows"
