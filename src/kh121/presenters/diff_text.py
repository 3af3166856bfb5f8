"""`kh121 diff` in words: a change, an entity and a value as people say them."""

from __future__ import annotations

from typing import Any

from kh121.facts import label, report_entity
from kh121.messages import t


def shown(field: str, value: str, lang: str) -> str:
    """A value as people say it: a state, a deadline's form ('hằng năm, ngày 5/12')."""
    from kh121.presenters import labels

    if field == "state":
        return labels.state(value, lang)
    if field == "deadline_form":
        pairs = value.split(", ")
        kind = next((p.split("=", 1)[1] for p in pairs if p.startswith("kind=")), "")
        rest = ", ".join(p for p in pairs if not p.startswith("kind="))
        return labels.deadline_form(kind, rest, lang) if kind else value
    return value


def entity_words(entity: str, names: dict[str, str], lang: str) -> str:
    """A report's entity as people say it: '2026-H2/SYT I.1' → 'Sở Y tế, 6 tháng cuối năm
    2026 — I.1'; a task or an agency of the plan stays its code."""
    from kh121.presenters import labels

    found = report_entity(entity)
    if found is None:
        return entity
    period, agency, task = found
    said = f"{names.get(agency, agency)}, {labels.occurrence(period, lang)}"
    return f"{said} — {task}" if task else said


def describe(c: dict[str, Any], lang: str, names: dict[str, str] | None = None) -> str:
    e = entity_words(c["entity"], names or {}, lang)
    if c["change"] == "added":
        return t(f"+ {e} (mới)", f"+ {e} (added)", lang)
    if c["change"] == "removed":
        return t(f"- {e} (đã xóa)", f"- {e} (removed)", lang)
    field = label(c["field"], lang)

    def say(v: str) -> str:
        return shown(c["field"], v, lang)

    if c["change"] == "set":
        parts = [f"+ {say(v)}" for v in c["added"]] + [f"- {say(v)}" for v in c["removed"]]
        return f"{e} {field}: {'; '.join(parts)}"
    none = t("(trống)", "(none)", lang)
    old = say(c["old"]) if c["old"] else none
    new = say(c["new"]) if c["new"] else none
    return f"{e} {field}: {old} → {new}"


def unread_line(rel: str, in_old: bool, in_new: bool, lang: str) -> str:
    """A file not compared, and on which side it could not be read."""
    side = (
        ("ở cả hai bản", "in both versions")
        if in_old and in_new
        else ("ở bản cũ", "in the old version")
        if in_old
        else ("ở bản mới", "in the new version")
    )
    return t(
        f"! {rel} không đọc được {side[0]} (lỗi, hoặc quá lớn): không so sánh"
        " (chạy 'kh121 validate')",
        f"! {rel} could not be read {side[1]} (errors, or too large): not compared"
        " (run 'kh121 validate')",
        lang,
    )
