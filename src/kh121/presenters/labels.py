"""Words for states, bins and periods, in both languages."""

from __future__ import annotations

from kh121.messages import t

STATES = {
    "done": ("Đã hoàn thành", "Done"),
    "in_progress": ("Đang thực hiện", "In progress"),
    "not_started": ("Chưa thực hiện", "Not started"),
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
