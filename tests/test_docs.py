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


def test_the_house_table_names_every_module_once() -> None:
    """'Where things live' in the README: every module of the package in one row, so that a
    newcomer finds each; a module added or renamed without a place there fails here."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("| layer | modules |") + 2
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append(line.split("|")[2])
    named = [m for row in rows for m in re.findall(r"`([a-z_]+)`", row)]
    src = ROOT / "src/kh121"
    core = {p.stem for p in src.glob("*.py") if p.stem not in ("__init__", "__main__")}
    assert sorted(core - set(named)) == []  # every module of the top floor has a place
    listed = [m for m in named if m in core]
    assert len(listed) == len(set(listed))  # and only one
    assert "`commands/*`" in "\n".join(rows) and "`presenters/*`" in "\n".join(rows)
