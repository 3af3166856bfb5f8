"""A task told occurrence by occurrence: '2023–2025: quá hạn, chưa có báo cáo; 2026: …'."""

from __future__ import annotations

import datetime as dt

from kh121.dates import dmy
from kh121.messages import t
from kh121.presenters import labels
from kh121.states import Bin, Reported
from kh121.views import OccurrenceView, TaskView

MOVED_WORDS = ("lùi sang ngày làm việc kế tiếp", "moved to the next working day")
ASSUMED_WORDS = ("ngày giả định, nguồn không ghi ngày", "assumed: the source gives no day")


def due_text(o: OccurrenceView, lang: str = "vi", words: bool = False) -> str:
    """The effective due date, '*' when it moved off a day off, '†' when it is assumed; in
    `words` (for a page without a legend) the same said in a parenthesis."""
    if o.effective_due is None:
        return "—"
    if words:
        said = ASSUMED_WORDS if o.assumed else (MOVED_WORDS if o.effective_due != o.due else None)
        return dmy(o.effective_due) + (f" ({t(*said, lang)})" if said else "")
    mark = "†" if o.assumed else ("*" if o.effective_due != o.due else "")
    return dmy(o.effective_due) + mark


def _said(o: OccurrenceView, lang: str) -> str:
    if o.claimed:  # never silently turned into done, nor silently into "in progress"
        return t(
            "báo đã hoàn thành nhưng chưa có ngày hoàn thành hay văn bản (chưa tính)",
            "reported done without a completion day or document (not counted)",
            lang,
        )
    return labels.state(o.state.value, lang).lower()


def phrase(
    o: OccurrenceView, lang: str, detail: bool, soon: int | None = None, words: bool = False
) -> str:
    """What one occurrence's record says, as of the view's date."""
    proof = f" ({o.evidence})" if detail and o.evidence else ""
    disputed = t(" — còn ý kiến khác nhau", " — disputed", lang) if o.disputed else ""
    return _phrase(o, lang, detail, soon, words, proof) + disputed


def _phrase(
    o: OccurrenceView, lang: str, detail: bool, soon: int | None, words: bool, proof: str
) -> str:
    if o.bin is Bin.NO_DATA:
        return t(
            "chưa có số liệu (đến hạn trước khi bắt đầu theo dõi)",
            "no data (due before the record begins)",
            lang,
        )
    if o.bin is Bin.DONE_ON_TIME:
        return t("hoàn thành đúng hạn", "done on time", lang) + proof
    if o.bin is Bin.DONE_LATE:
        return (
            t(f"hoàn thành quá hạn {o.days_late} ngày", f"done {o.days_late} days late", lang)
            + proof
        )
    said = _said(o, lang)
    if o.bin is Bin.OPEN_OVERDUE:
        days = t(f" {o.days_overdue} ngày", f" {o.days_overdue} days", lang) if detail else ""
        return t(f"quá hạn{days}, {said}", f"overdue{days}, {said}", lang)
    if o.effective_due is None:
        return labels.state(o.state.value, lang)
    left = ""
    if detail or (soon is not None and o.days_left is not None and o.days_left <= soon):
        left = t(f", còn {o.days_left} ngày", f", {o.days_left} days left", lang)
    reported = "" if o.state is Reported.NO_REPORT else f"; {said}"
    due = due_text(o, lang, words)
    return t(f"hạn {due}{left}{reported}", f"due {due}{left}{reported}", lang)


def _span(keys: list[str], lang: str = "vi") -> str:
    first, last = labels.occurrence(keys[0], lang), labels.occurrence(keys[-1], lang)
    return first if len(keys) == 1 else f"{first}–{last}"


def shown_occurrences(task: TaskView, until: dt.date | None = None) -> list[OccurrenceView]:
    """The occurrences a reader needs: every one assigned, and the next one to come (a
    report leaves out a next one due after `until`, the end of its next period)."""
    out = [o for o in task.occurrences if o.assigned]
    nxt = task.next
    later = until is not None and nxt.effective_due is not None and nxt.effective_due > until
    if nxt not in out and not (later and out):
        out.append(nxt)
    return out


def story(
    task: TaskView,
    lang: str,
    detail: bool = False,
    soon: int | None = None,
    words: bool = False,
    until: dt.date | None = None,
) -> str:
    """The task's record, occurrence by occurrence; like years grouped unless `detail`."""
    occs = shown_occurrences(task, until)
    if occs and not occs[0].recurring:
        text = phrase(occs[0], lang, True, soon, words)
        return text[:1].upper() + text[1:]
    parts: list[str] = []
    group: list[OccurrenceView] = []

    def flush() -> None:
        if not group:
            return
        keys = [o.key for o in group]
        if len(group) == 1:
            parts.append(
                f"{labels.occurrence(keys[0], lang)}: {phrase(group[0], lang, True, soon, words)}"
            )
        else:
            n = len(group)
            yearly = all(k.isdigit() for k in keys)
            unit = (
                t(f"{n} năm", f"{n} years", lang) if yearly else t(f"{n} lượt", f"{n} times", lang)
            )
            parts.append(
                f"{_span(keys, lang)} ({unit}): {phrase(group[0], lang, False, soon, words)}"
            )
        group.clear()

    for o in occs:
        same = (
            group
            and not detail
            and (o.bin, o.state) == (group[-1].bin, group[-1].state)
            and o.bin is not Bin.OPEN_IN_TIME
            and not o.evidence
            and not group[-1].evidence
            and not o.bin.done
        )
        if not same:
            flush()
        group.append(o)
    flush()
    return "; ".join(parts)
