"""Names for states: what a report says, the state's four bins, a report's standing.

Kept apart from the pydantic models so that the everyday views import no pydantic.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from kh121.messages import label

SOON_DAYS = 14  # 'sắp đến hạn' (due soon): due within this many days, unless asked


class TaskState(StrEnum):
    """What an agency writes in a report about a task."""

    DONE = "done"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"


# Words a person may write for a state, official Vietnamese label first (the form's list).
STATE_WORDS: dict[TaskState, tuple[str, ...]] = {
    TaskState.DONE: (label("state", "done", "vi"), "xong", "đã xong", "hoàn thành",
                     "complete", "completed", "finished"),
    TaskState.IN_PROGRESS: (label("state", "in_progress", "vi"), "đang làm",
                            "đang triển khai", "in progress", "ongoing", "doing"),
    TaskState.NOT_STARTED: (label("state", "not_started", "vi"), "chưa làm",
                            "chưa triển khai", "not started", "todo"),
}  # fmt: skip


def state_of(words: str) -> TaskState | None:
    """The state a person meant: its key, a Vietnamese word (with or without marks, any case
    or spacing: 'dang thuc hien'), or a common English word; None when none fits."""
    if words in _KEYS:  # the usual case, asked for every line of every report: no folding
        return TaskState(words)
    from kh121.text import fold

    return _folded_words().get(fold(words))


_KEYS = frozenset(s.value for s in TaskState)


@cache
def _folded_words() -> dict[str, TaskState]:
    """Every accepted word, folded once, to its state."""
    from kh121.text import fold

    out: dict[str, TaskState] = {}
    for state, said in STATE_WORDS.items():
        for word in (state.value, state.value.replace("_", " "), *said):
            out.setdefault(fold(word), state)
    return out


class Reported(StrEnum):
    """What the record says of one occurrence: a reported state, or no report at all."""

    DONE = "done"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    NO_REPORT = "no_report"


class Bin(StrEnum):
    """The four bins every Vietnamese task-tracking summary is written in."""

    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    OPEN_IN_TIME = "open_in_time"
    OPEN_OVERDUE = "open_overdue"
    # Due before the record begins (`reporting.since`) and no report speaks of it: not
    # overdue, not in the rates, counted apart ("chưa có số liệu").
    NO_DATA = "no_data"

    @property
    def done(self) -> bool:
        return self in (Bin.DONE_ON_TIME, Bin.DONE_LATE)


class ReportStatus(StrEnum):
    """An agency's report for a period, as of a date. A draft (no `received`) is not sent."""

    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"


# --state accepts a reported state, a bin, or one of these two.
OVERDUE = "overdue"
SOON = "soon"
STATE_FILTERS: tuple[str, ...] = (
    *(s.value for s in Reported),
    *(b.value for b in Bin),
    OVERDUE,
    SOON,
)

# Words a person may type after --state, Vietnamese first (the one shown in the help).
FILTER_WORDS: dict[str, tuple[str, ...]] = {
    Reported.DONE.value: STATE_WORDS[TaskState.DONE],
    Reported.IN_PROGRESS.value: STATE_WORDS[TaskState.IN_PROGRESS],
    Reported.NOT_STARTED.value: STATE_WORDS[TaskState.NOT_STARTED],
    Reported.NO_REPORT.value: (label("state", "no_report", "vi").lower(), "chưa báo cáo",
                               "không có báo cáo", "no report"),
    Bin.DONE_ON_TIME.value: (label("bin", "done_on_time", "vi"), "xong đúng hạn",
                             "done on time"),
    Bin.DONE_LATE.value: (label("bin", "done_late", "vi"), "hoàn thành muộn", "xong muộn",
                          "done late"),
    Bin.OPEN_IN_TIME.value: (label("bin", "open_in_time", "vi"), "trong hạn", "còn hạn",
                             "chưa hoàn thành trong hạn"),
    Bin.OPEN_OVERDUE.value: (label("bin", "open_overdue", "vi"), "chưa hoàn thành quá hạn"),
    "no_data": (label("bin", "no_data", "vi"), "không có số liệu", "no data"),
    OVERDUE: ("quá hạn", "trễ hạn", "chậm", "late"),
    SOON: ("sắp đến hạn", "sắp hạn", "gần hạn", "due soon"),
}  # fmt: skip


def filter_of(words: str) -> str | None:
    """The --state filter a person meant: its key or one of its words, marks, case, spaces,
    hyphens and commas ignored ('qua han', 'Quá hạn', 'open-overdue'); None when none fits."""
    from kh121.text import fold

    def norm(text: str) -> str:
        return fold(text.replace("_", " ").replace("-", " ").replace(",", " "))

    said = norm(words)
    if not said:
        return None
    for key in STATE_FILTERS:
        if said == norm(key) or any(said == norm(w) for w in FILTER_WORDS.get(key, ())):
            return key
    return None
