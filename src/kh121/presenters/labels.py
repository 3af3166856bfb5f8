"""Words for states, bins and periods, in both languages."""

from __future__ import annotations

from kh121.messages import t
from kh121.states import STATE_WORDS, TaskState

STATES = {
    "done": (STATE_WORDS[TaskState.DONE][0], "Done"),
    "in_progress": (STATE_WORDS[TaskState.IN_PROGRESS][0], "In progress"),
    "not_started": (STATE_WORDS[TaskState.NOT_STARTED][0], "Not started"),
    "no_report": ("Chưa có báo cáo", "No report yet"),
}
BINS = {
    "done_on_time": ("hoàn thành đúng hạn", "done on time"),
    "done_late": ("hoàn thành quá hạn", "done late"),
    "open_in_time": ("chưa hoàn thành, trong hạn", "not done, within the deadline"),
    "open_overdue": ("chưa hoàn thành, quá hạn", "not done, overdue"),
}


def state(key: str, lang: str) -> str:
    vi, en = STATES.get(key, (key, key))
    return t(vi, en, lang)


def bin_label(key: str, lang: str) -> str:
    vi, en = BINS.get(key, (key, key))
    return t(vi, en, lang)


def number(value: float, lang: str) -> str:
    """1,5 in Vietnamese, 1.5 in English."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "vi" else text
