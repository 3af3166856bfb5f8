"""Reading YAML: each text read as YAML 1.1 reads it, however often it is met, and the node
tree kept only where it is cheap."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from kh121 import kinds
from kh121.yamlio import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
# Texts whose tag or value is easy to get wrong: YAML 1.1 booleans and nulls, numbers in
# other bases, dates (an impossible one stays text), and plain words.
SCALARS = [
    "yes", "No", "on", "OFF", "true", "False", "~", "null", "", "0o17", "0x1F", "1_000",
    "+12", "-3.5", ".inf", "2026-11-15", "2026-02-30", "2026-11-15 08:30:00", "Sở Y tế",
    "I.1", "12:30", "<<", "=",
]  # fmt: skip


def _read(value: str) -> tuple[object, list[str]]:
    doc, problems = parse_yaml(f"a: {value}\n".encode(), "x.yaml")
    return (doc.data["a"] if doc else None), [p.code for p in problems]


def test_each_plain_scalar_reads_as_a_fresh_resolver_reads_it() -> None:
    fresh = yaml.resolver.Resolver()
    for value in SCALARS:
        tag = fresh.resolve(yaml.ScalarNode, value, (True, False))
        node = yaml.compose(f"a: {value}\n", Loader=yaml.SafeLoader).value[0][1]
        assert node.tag == tag, value
        first = _read(value)
        assert _read(value) == first, value  # the second reading (from the memo) is the same
        data, codes = first
        if tag.endswith(":bool") and value.lower() not in ("true", "false"):
            assert codes == ["E009"], value  # yes/no/on/off: refused, never read as a bool
        elif tag.endswith(":timestamp") and value == "2026-02-30":
            assert data == value and codes == []  # no such day: the schema says where
        elif tag.endswith(":str"):
            assert data == value and codes == [], value


def test_a_date_read_twice_is_the_same_date() -> None:
    assert _read("2026-11-15") == (dt.date(2026, 11, 15), [])
    assert _read("2026-11-15") == (dt.date(2026, 11, 15), [])


def test_the_plan_keeps_its_nodes_a_report_does_not(tmp_path: Path) -> None:
    """A problem's place needs the node tree: kept for the plan's files (one each a
    workspace, warned about on every run), composed again when needed for the many reports."""
    plan, _, _ = kinds.read_kind(ROOT / "data/tasks.yaml", ROOT, kinds.TASKS)
    report = tmp_path / "reports/2026-H2/SYT.yaml"
    report.parent.mkdir(parents=True)
    report.write_text("schema_version: 1\nagency: SYT\nperiod: 2026-H2\n", encoding="utf-8")
    sent, _, _ = kinds.read_kind(report, tmp_path, kinds.REPORT)
    assert plan is not None and sent is not None
    assert plan._root is not None and sent._root is None
    assert sent.where(["period"]) == (3, 9) and sent._root is not None  # composed on demand
    kept = plan._root
    assert plan.where(["plan"]) == parse_yaml(plan.text.encode(), "t")[0].where(["plan"])  # type: ignore[union-attr]
    assert plan._root is kept
