"""Each file as a set of facts (entity, field) -> values: what `diff` compares. Pure."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kh121 import messages
from kh121.dates import dmy
from kh121.models import AgenciesFile, PlanFile, Record, ReportFile, deliveries

Key = tuple[str, str]  # (entity, field)
Facts = dict[Key, tuple[str, ...]]
EXISTS = ""  # the field that says an entity is there at all

# A field in MULTI is a set of values; a field's words are the glossary's ('field').
MULTI = {"coordinators", "members", "reporters", "delivered"}


def _s(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return dmy(value)
    return " ".join(str(value).split())


def plan_facts(plan: PlanFile, names: dict[str, str]) -> Facts:
    def who(code: str) -> str:
        return f"{names[code]} ({code})" if code in names else code

    out: Facts = {}
    meta = plan.plan
    out[("plan", "code")] = (meta.code,)
    out[("plan", "title")] = (_s(meta.title),)
    out[("plan", "span")] = (f"{dmy(meta.span.start)} - {dmy(meta.span.end)}",)
    out[("plan", "reporters")] = tuple(sorted(who(c) for c in plan.reporting.reporters))
    for section in plan.sections:
        out[(f"section {section.id}", "title")] = (section.title,)
        for task in section.tasks:
            out[(task.id, EXISTS)] = (task.id,)
            out[(task.id, "content")] = (_s(task.content),)
            out[(task.id, "product")] = (_s(task.product),)
            out[(task.id, "lead")] = tuple(who(c) for c in task.leads)
            out[(task.id, "lead_text")] = (_s(task.lead_text),)
            out[(task.id, "coordinators_text")] = (_s(task.coordinators_text),)
            out[(task.id, "short")] = (_s(task.short),)
            out[(task.id, "coordinators")] = tuple(sorted(who(c) for c in task.coordinators))
            out[(task.id, "deadline")] = (task.deadline.text,)
            form = task.deadline.model_dump(exclude={"text"}, exclude_none=True)
            out[(task.id, "deadline_form")] = (", ".join(f"{k}={v}" for k, v in form.items()),)
    return out


def agency_facts(agencies: AgenciesFile) -> Facts:
    out: Facts = {}
    for a in agencies.agencies:
        e = a.code
        out[(e, EXISTS)] = (a.code,)
        out[(e, "name")] = (a.name,)
        out[(e, "short")] = (a.short,)
        out[(e, "kind")] = (a.kind.value,)
        if a.merged_into:
            out[(e, "merged_into")] = (
                f"{a.merged_into.successor} ({dmy(a.merged_into.from_date)})",
            )
        if a.started:
            out[(e, "started")] = (dmy(a.started),)
        if a.unverified:
            out[(e, "unverified")] = ("true",)
        if a.members:
            out[(e, "members")] = tuple(sorted(a.members))
    return out


def report_entity(entity: str) -> tuple[str, str, str] | None:
    """(period, agency, task or '') of a report's entity ('2026-H2/SYT', '2026-H2/SYT I.1');
    None for a task or an agency of the plan. The inverse of `report_facts`' naming."""
    head, _, task = entity.partition(" ")
    period, slash, agency = head.partition("/")
    return (period, agency, task) if slash else None


def report_facts(report: ReportFile) -> Facts:
    e = f"{report.period}/{report.agency}"
    out: Facts = {(e, EXISTS): (e,)}
    for name in ("number", "date", "received", "difficulties", "proposals"):
        value = getattr(report, name)
        if value is not None:
            out[(e, name)] = (_s(value),)
    for line in report.tasks:
        for name in ("state", "done", "completed_on", "evidence", "difficulties", "proposals"):
            value = getattr(line, name)
            if value is not None:
                out[(f"{e} {line.task}", name)] = (_s(getattr(value, "value", value)),)
        docs = deliveries(line.delivered)
        if docs:
            out[(f"{e} {line.task}", "delivered")] = tuple(
                " ".join(p for p in (_s(d.number), dmy(d.date), _s(d.occurrence)) if p)
                for d in docs
            )
    return out


def facts_of(model: Record, names: dict[str, str]) -> Facts:
    if isinstance(model, PlanFile):
        return plan_facts(model, names)
    if isinstance(model, AgenciesFile):
        return agency_facts(model)
    if isinstance(model, ReportFile):
        return report_facts(model)
    return {}


def label(field: str, lang: str) -> str:
    return messages.label("field", field, lang)


def as_lines(
    facts: Facts, lang: str, shown: Callable[[str, str], str] = lambda _f, v: v
) -> list[str]:
    """One line per value, for git's textconv: a change shows as the lines it touches.
    `shown(field, value)` says a value in words (a state, a deadline's form)."""
    out: list[str] = []
    for (entity, field), values in sorted(facts.items()):
        if field == EXISTS:
            continue
        out.extend(f"{entity} {label(field, lang)}: {shown(field, v)}" for v in values)
    return out


def compare(old: Facts, new: Facts) -> list[dict[str, Any]]:
    """Changes, entity by entity, in a stable order.

    Facts are matched by their (entity, field) key: one pass over each side, one dictionary
    lookup per fact; only what differs is kept and sorted.
    """
    gone: set[str] = set()
    born: set[str] = set()
    differ: list[tuple[Key, tuple[str, ...], tuple[str, ...]]] = []
    empty: tuple[str, ...] = ()
    for key, a in old.items():
        b = new.get(key)
        if b is None:
            if key[1] == EXISTS:
                gone.add(key[0])
            differ.append((key, a, empty))
        elif a != b:
            differ.append((key, a, b))
    for key, b in new.items():
        if key not in old:
            if key[1] == EXISTS:
                born.add(key[0])
            differ.append((key, empty, b))
    found = [((e, EXISTS), {"entity": e, "change": "removed"}) for e in gone]
    found += [((e, EXISTS), {"entity": e, "change": "added"}) for e in born]
    for key, a, b in differ:
        found.extend(_change(key, a, b, gone, born))
    found.sort(key=lambda item: item[0])
    return [change for _key, change in found]


def _change(
    key: Key, a: tuple[str, ...], b: tuple[str, ...], gone: set[str], born: set[str]
) -> list[tuple[Key, dict[str, Any]]]:
    """The change of one fact; none for a whole entity added or removed (said once) or a
    field empty before and after."""
    entity, field = key
    if field == EXISTS or entity in gone or entity in born or not any(a + b):
        return []
    change: dict[str, Any]
    if field in MULTI:
        change = {
            "entity": entity,
            "field": field,
            "change": "set",
            "added": sorted(set(b) - set(a)),
            "removed": sorted(set(a) - set(b)),
        }
    else:
        change = {
            "entity": entity,
            "field": field,
            "change": "changed",
            "old": a[0] if a else None,
            "new": b[0] if b else None,
        }
    return [(key, change)]
