"""The data model: frozen pydantic records for every kind of file kh121 reads."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
)

from kh121.dates import parse_date
from kh121.states import TaskState

SCHEMA_VERSION = 1
MAX_TEXT = 200_000


def _to_date(value: Any) -> Any:
    """Accept a date, 'YYYY-MM-DD' or 'dd/mm/yyyy'; reject a date with a time."""
    if isinstance(value, dt.datetime):
        raise ValueError("date_with_time")
    if isinstance(value, str):
        return parse_date(value)  # ValueError for 31/02 is reported as a bad date
    return value


def _sane_date(value: dt.date) -> dt.date:
    """A date of a plan or a report lies between 1900 and 2200: anything else is a typing
    slip, and would break the arithmetic of working days later."""
    if not dt.date(1900, 1, 1) <= value <= dt.date(2200, 12, 31):
        from pydantic_core import PydanticCustomError

        raise PydanticCustomError("date_out_of_range", "date out of range")
    return value


Date = Annotated[dt.date, BeforeValidator(_to_date), AfterValidator(_sane_date)]

Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT)]
Code = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]{0,31}$")]
# 'III.4', or a numbered sub-task under a heading row, as the plan numbers it: 'II.1.2'
TaskId = Annotated[
    str, StringConstraints(pattern=r"^[IVXLC]+\.[0-9]+(\.[0-9]+){0,3}$", max_length=24)
]
PeriodId = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[A-Z][A-Z0-9]{0,3}$")]
Year = Annotated[int, Field(ge=1900, le=2200)]
Month = Annotated[int, Field(ge=1, le=12)]
Day = Annotated[int, Field(ge=1, le=31)]


def _to_state(value: Any) -> Any:
    """A state as a person writes it ('đã hoàn thành', 'dang thuc hien') is its key."""
    if isinstance(value, str):
        from kh121.states import state_of

        meant = state_of(value)
        return meant.value if meant is not None else value
    return value


def _number_text(value: Any) -> Any:
    """A document number typed bare (`number: 125`) is read by YAML as a whole number: it is
    the text '125'. A float (12.5) or a boolean stays refused: its text is not what was typed."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _joined(value: Any) -> Any:
    """A list of texts ('- …' lines) is those paragraphs, a blank line between them."""
    if isinstance(value, list | tuple) and value and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)
    return value


StateWords = Annotated[TaskState, BeforeValidator(_to_state)]
NumberText = Annotated[Text, BeforeValidator(_number_text)]
ParagraphText = Annotated[Text, BeforeValidator(_joined)]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --------------------------------------------------------------------- agencies


class AgencyKind(StrEnum):
    PROVINCIAL_COMMITTEE = "provincial_committee"
    DEPARTMENT = "department"
    DISTRICT_COMMITTEE = "district_committee"
    COMMUNE_COMMITTEE = "commune_committee"
    PRESS = "press"
    ASSOCIATION = "association"
    EDUCATION = "education"
    SCIENCE = "science"
    OTHER = "other"
    GROUP = "group"


class Succession(Record):
    successor: Code
    # Not `on`: YAML 1.1 readers take that key for the boolean true.
    from_date: Date = Field(description="The first day on which the successor is responsible.")
    basis: Text | None = Field(default=None, description="The legal act behind the change.")
    kind: Literal["merger", "transfer"] = Field(
        default="merger",
        description="'merger': merged into the successor; 'transfer': the level was abolished"
        " and its tasks fall to the successor ('nay UBND cấp xã thực hiện').",
    )


class Agency(Record):
    code: Code
    name: Text
    short: Text
    kind: AgencyKind
    aliases: tuple[Text, ...] = ()
    symbol: Text | None = Field(
        default=None,
        description="Its abbreviation in document numbers ('SYT' in '45/BC-SYT'); the code"
        " when absent.",
    )
    started: Date | None = None
    merged_into: Succession | None = None
    members: tuple[Code, ...] = Field(default=(), description="Groups: members by code.")
    member_kinds: tuple[AgencyKind, ...] = Field(
        default=(), description="Groups: every agency of these kinds is a member."
    )
    unverified: bool = False
    note: Text | None = None

    @property
    def is_group(self) -> bool:
        return self.kind is AgencyKind.GROUP

    def exists_on(self, day: dt.date) -> bool:
        if self.started and day < self.started:
            return False
        return not (self.merged_into and day >= self.merged_into.from_date)


class AgenciesFile(Record):
    schema_version: Literal[1]
    agencies: tuple[Agency, ...]


# --------------------------------------------------------------------- deadlines


class _Deadline(Record):
    text: Text = Field(description="The deadline as the source words it.")


class DateDeadline(_Deadline):
    kind: Literal["date"]
    date: Date


class MonthDeadline(_Deadline):
    kind: Literal["month"]
    year: Year
    month: Month


class QuarterDeadline(_Deadline):
    kind: Literal["quarter"]
    year: Year
    quarter: Annotated[int, Field(ge=1, le=4)]


class YearDeadline(_Deadline):
    kind: Literal["year"]
    year: Year


class SpanDeadline(_Deadline):
    kind: Literal["span"]
    start_year: Year
    end_year: Year


class YearlyDeadline(_Deadline):
    """Every year; on a day and month, or (with neither) by the end of the year; only in
    the years from `start_year` to `end_year` when the source limits it ("giai đoạn
    2024–2026")."""

    kind: Literal["yearly"]
    month: Month | None = None
    day: Day | None = None
    start_year: Year | None = Field(default=None, description="The first year it recurs.")
    end_year: Year | None = Field(default=None, description="The last year it recurs.")


class HalfYearlyDeadline(_Deadline):
    """Every six months; by `day` of the half's last month (June, December) if the source
    names one ("trước ngày 10/6 và 10/12"), else by its end."""

    kind: Literal["half_yearly"]
    day: Day | None = None


class QuarterlyDeadline(_Deadline):
    """Every quarter; by `day` of the quarter's last month if the source names one
    ("trước ngày 20 của tháng cuối quý"), else by its end."""

    kind: Literal["quarterly"]
    day: Day | None = None


class OngoingDeadline(_Deadline):
    kind: Literal["ongoing"]


Deadline = Annotated[
    DateDeadline
    | MonthDeadline
    | QuarterDeadline
    | YearDeadline
    | SpanDeadline
    | YearlyDeadline
    | HalfYearlyDeadline
    | QuarterlyDeadline
    | OngoingDeadline,
    Field(discriminator="kind"),
]


# --------------------------------------------------------------------- the plan


class DocRef(Record):
    kind: Text
    number: Text | None = None
    date: Date | None = None
    year: Year | None = None
    issuer: Text | None = None
    title: Text | None = None


class Signer(Record):
    capacity: Text | None = Field(default=None, description="e.g. 'KT. CHỦ TỊCH'")
    title: Text
    name: Text


class Span(Record):
    start: Date
    end: Date
    note: Text | None = None


class PlanMeta(Record):
    kind: Text = Field(default="Kế hoạch", description="What the plan is called: 'Kế hoạch'.")
    code: Text
    title: Text
    issuer: Text
    date: Date
    province: Text
    carries_out: DocRef
    approved_by: DocRef | None = Field(
        default=None,
        description="The act that approved the plan; none when the plan is itself the act.",
    )
    signer: Signer
    proposals: tuple[DocRef, ...] = ()
    span: Span

    def cited(self) -> str:
        """The plan as a document names it: 'Kế hoạch số 121-KH/TU ngày 20 tháng 3 năm 2023
        của Ban Thường vụ Tỉnh ủy'."""
        from kh121.dates import formal

        return f"{self.kind} số {self.code} {formal(self.date)} của {self.issuer}"


class PeriodRule(Record):
    key: Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]{0,3}$")]
    due_month: Month
    due_day: Day
    due_next_year: bool = Field(
        default=False,
        description="The report about year Y is due in Y+1 (an annual report due 15/01 of"
        " the next year); its id keeps the year it is about.",
    )
    label_vi: Text
    label_en: Text


class Reporting(Record):
    to: Code
    recipient: Code
    reporters: tuple[Code, ...]
    periods: tuple[PeriodRule, ...]
    text: Text | None = None
    since: PeriodId | None = Field(
        default=None,
        description="The first period on record: what fell due before it has no data"
        " ('chưa có số liệu') until a report or a backfilled file speaks of it.",
    )


class Obligation(Record):
    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,32}$")]
    text: Text
    agencies: tuple[Code, ...] = ()


class Task(Record):
    id: TaskId
    number: Text = Field(description="The row number as the source writes it (TT).")
    content: Text
    short: Text | None = Field(
        default=None, description="A short title for tables; `content` stays verbatim."
    )
    product: Text
    lead: Code | Annotated[tuple[Code, ...], Field(min_length=1)] = Field(
        description="The lead agency, or several joint leads ('Sở A, Sở B chủ trì'), or a"
        " group (its members carry it; the focal point's assessment judges it)."
    )
    joint: Literal["any", "each"] = Field(
        default="any",
        description="Joint leads: 'any' (done when one of them declares it done) or 'each'"
        " (done when every one of them has).",
    )
    lead_text: Text
    coordinators: tuple[Code, ...] = ()
    coordinators_text: Text | None = None  # a task may have no coordinating agency
    deadline: Deadline

    @property
    def leads(self) -> tuple[str, ...]:
        return (self.lead,) if isinstance(self.lead, str) else self.lead

    @property
    def cite(self) -> str:
        """The number the plan prints, with its section: 'III.4', 'II.1.2'."""
        return _cite(self.id, self.number)


class Heading(Record):
    """A heading row of the appendix ('1. …' over '1.1', '1.2'): no lead, no deadline."""

    id: TaskId
    number: Text
    content: Text
    heading: Literal[True]

    @property
    def cite(self) -> str:
        return _cite(self.id, self.number)


def _cite(tid: str, number: str) -> str:
    section = tid.split(".", 1)[0]
    said = number.strip().rstrip(".")
    return f"{section}.{said}" if said and said[0].isdigit() else tid


def _row_kind(value: Any) -> str:
    return "heading" if isinstance(value, dict) and value.get("heading") else "task"


Row = Annotated[
    Annotated[Task, Tag("task")] | Annotated[Heading, Tag("heading")],
    Discriminator(_row_kind),
]


class Section(Record):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    id: Annotated[str, StringConstraints(pattern=r"^[IVXLC]+$")]
    title: Text
    rows: tuple[Row, ...] = Field(
        alias="tasks",
        description="The appendix's rows in order: tasks, and heading rows (`heading: true`).",
    )

    @property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(r for r in self.rows if isinstance(r, Task))


class PlanFile(Record):
    schema_version: Literal[1]
    plan: PlanMeta
    reporting: Reporting
    obligations: tuple[Obligation, ...] = ()
    sections: tuple[Section, ...]

    def tasks(self) -> list[Task]:
        return [t for s in self.sections for t in s.tasks]


# --------------------------------------------------------------------- calendar


class DayEntry(Record):
    date: Date
    name: Text


class CalendarFile(Record):
    schema_version: Literal[1]
    timezone: Text = "Asia/Ho_Chi_Minh"
    weekend: tuple[Annotated[int, Field(ge=1, le=7)], ...] = (6, 7)
    years: tuple[Year, ...] = Field(default=(), description="Years whose holidays are listed.")
    holidays: tuple[DayEntry, ...] = ()
    extra_days_off: tuple[DayEntry, ...] = ()
    makeup_working_days: tuple[DayEntry, ...] = ()


# --------------------------------------------------------------------- reports


class Delivered(Record):
    """A product of a recurring task delivered; it counts only once it has a date."""

    number: NumberText | None = None
    date: Date | None = None
    for_year: Year | None = Field(
        default=None, description="The year whose product this is; by default the period's year."
    )
    occurrence: Annotated[str, StringConstraints(max_length=16)] | None = Field(
        default=None,
        description="Which occurrence it is for (YEAR-Qn, YEAR-Hn, or YEAR); by default the"
        " oldest one still open (for a yearly task: for_year, else the period's year).",
    )


Deliveries = Delivered | tuple[Delivered, ...]


def deliveries(value: Deliveries | None) -> tuple[Delivered, ...]:
    """One mapping or a list of them, as a tuple."""
    if value is None:
        return ()
    return value if isinstance(value, tuple) else (value,)


class TaskReport(Record):
    task: Annotated[str, StringConstraints(max_length=64)]
    state: StateWords | None = None
    done: Text | None = Field(default=None, description="What was done in the period.")
    completed_on: Date | None = None
    evidence: Text | None = None
    delivered: Deliveries | None = Field(
        default=None,
        description="A document delivered, or a list of them (one per occurrence it is for).",
    )
    difficulties: ParagraphText | None = None
    proposals: ParagraphText | None = None


class ReportFile(Record):
    schema_version: Literal[1]
    agency: Annotated[str, StringConstraints(max_length=64)]
    period: Annotated[str, StringConstraints(max_length=16)]
    number: NumberText | None = None
    date: Date | None = None
    received: Date | None = None
    tasks: tuple[TaskReport, ...] = ()
    difficulties: ParagraphText | None = None
    proposals: ParagraphText | None = None


# Several paragraphs: one text with a blank line between them, or a list of texts.
Paragraphs = Text | tuple[Text, ...]


def paragraphs(value: Paragraphs | None) -> list[str]:
    """The paragraphs of a clerk's text, in order, without blank ones."""
    if value is None:
        return []
    parts = [value] if isinstance(value, str) else list(value)
    out: list[str] = []
    for part in parts:
        out.extend(p.strip() for p in part.replace("\r\n", "\n").split("\n\n") if p.strip())
    return out


class ClerkText(Record):
    """The consolidating agency's own words for the report; merge reads it, never writes it."""

    schema_version: Literal[1]
    period: Annotated[str, StringConstraints(max_length=16)]
    number: NumberText | None = Field(default=None, description="The report's own number.")
    date: Date | None = None
    achievements: Paragraphs | None = None
    shortcomings: Paragraphs | None = None
    causes: Paragraphs | None = None
    next_tasks: Paragraphs | None = None
    proposals: Paragraphs | None = None
    signer: Signer | None = Field(default=None, description="Who signs, if not the usual.")


class Letterhead(Record):
    parent: Text = Field(description="The body above the sender, e.g. 'UBND tỉnh …'.")
    agency: Text = Field(description="The sender, e.g. 'Sở Khoa học và Công nghệ'.")
    number_suffix: Text = Field(
        description="After the number: the type 'BC', a hyphen, the sender's abbreviation."
    )
    place: Text = Field(description="Where it is signed: the province's name.")
    header_lines: tuple[Text, ...] = Field(
        default=(),
        description="The sender's name as the header breaks it, line by line, e.g."
        " ['SỞ KHOA HỌC', 'VÀ CÔNG NGHỆ']; empty: the name on one line.",
    )


class LetterSettings(Record):
    """What a công văn đôn đốc (a reminder letter) needs beyond the report's letterhead."""

    number_suffix: Text = Field(
        description="After the number: the sender's and the drafting unit's abbreviations,"
        " e.g. 'SKHCN-QLCN' in '130/SKHCN-QLCN'."
    )
    reply_days: Annotated[int, Field(ge=1, le=60)] = Field(
        default=5, description="Working days after the letter's date to send what is owed."
    )
    contact: Text | None = Field(
        default=None, description="Who to call: unit, person, telephone, e-mail."
    )
    duty: Text | None = Field(
        default=None,
        description="Where the approving act sets the duty to report, e.g. 'Điều 2'.",
    )
    recipients: tuple[Text, ...] = Field(
        default=(), description="'Nơi nhận' after '- Như trên;', one line each."
    )
    template: Text = "templates/cong_van_don_doc.docx"


class SettingsChange(Record):
    """What changes from a day on: after a merger of provinces, the letterhead, the place,
    the recipient and the signer of the successor (1/7/2025: UBND tỉnh Hà Giang's plan is
    carried out by UBND tỉnh Tuyên Quang)."""

    from_date: Date = Field(description="The first day the change is in force.")
    basis: Text | None = Field(default=None, description="The legal act behind the change.")
    letterhead: Letterhead | None = None
    recipient: Text | None = None
    recipient_short: Text | None = None
    recipients: tuple[Text, ...] | None = None
    signer: Signer | None = None


class ReportSettings(Record):
    """What the Word report needs beyond the plan: letterhead, recipients, signer."""

    schema_version: Literal[1]
    letterhead: Letterhead
    recipient: Text = Field(description="After 'Kính gửi:'.")
    recipient_short: Text | None = Field(
        default=None,
        description="The recipient in the closing request ('kính báo cáo UBND tỉnh xem xét,"
        " chỉ đạo'); the full name if absent.",
    )
    recipients: tuple[Text, ...] = Field(description="The 'Nơi nhận' list, one line each.")
    signer: Signer
    template: Text = "templates/bao_cao.docx"
    letter: LetterSettings | None = Field(
        default=None, description="The reminder letter (kh121 remind); none: no letters."
    )
    changes: tuple[SettingsChange, ...] = Field(
        default=(),
        description="Later letterheads, recipients, signers, each from its day: a report or"
        " a letter dated D uses what is in force on D.",
    )

    def signer_for(self, own: Signer | None) -> Signer:
        """Who signs: the clerk's file's signer for this document, else the usual one."""
        return own or self.signer

    def on(self, day: dt.date) -> ReportSettings:
        """The settings in force on a day: every change from on or before it, in order."""
        out = self
        for change in sorted(self.changes, key=lambda c: c.from_date):
            if change.from_date > day:
                break
            update = change.model_dump(exclude={"from_date", "basis"}, exclude_none=True)
            out = out.model_copy(update={k: getattr(change, k) for k in update})
        return out


# --------------------------------------------------------------------- consolidation


class MergedEntry(Record):
    agency: Code
    state: TaskState | None = None
    done: Text | None = None
    completed_on: Date | None = None
    evidence: Text | None = None
    delivered: Deliveries | None = None
    difficulties: Text | None = None
    proposals: Text | None = None


class MergedTask(Record):
    task: TaskId
    responsible: Code
    lead: MergedEntry | None = None
    contributions: tuple[MergedEntry, ...] = ()


class MergedSource(Record):
    agency: Code
    file: Text
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    number: Text | None = None
    date: Date | None = None
    received: Date | None = None
    status: Literal["on_time", "late"]
    days_late: int | None = None


class MergedGeneral(Record):
    agency: Code
    difficulties: Text | None = None
    proposals: Text | None = None


class MergedWarning(Record):
    file: Text
    line: int
    code: Text
    message: Text


class MergedFile(Record):
    """The consolidated file of a period, written by `kh121 merge` only."""

    schema_version: Literal[1]
    plan: Text
    period: PeriodId
    due: Date
    effective_due: Date
    expected: tuple[Code, ...]
    missing: tuple[Code, ...] = ()
    drafts: tuple[Text, ...] = Field(default=(), description="Files on file not yet received.")
    sources: tuple[MergedSource, ...] = ()
    tasks: tuple[MergedTask, ...] = ()
    general: tuple[MergedGeneral, ...] = ()
    warnings: tuple[MergedWarning, ...] = ()


# --------------------------------------------------------------------- reminders


class Reminder(Record):
    """One reminder letter sent: appended by `kh121 remind --record`, never rewritten."""

    number: Text
    date: Date
    reply_by: Date
    agencies: tuple[Code, ...] = Field(description="The agencies written to.")


class RemindersFile(Record):
    """reports/PERIOD/_don_doc.yaml: the reminders sent for a period, oldest first."""

    schema_version: Literal[1]
    period: PeriodId
    reminders: tuple[Reminder, ...] = ()


# --------------------------------------------------------------------- the review over years


class ReviewText(Record):
    """reports/_so_ket_FROM-TO.yaml: what the consolidating agency writes itself in the
    review of the years FROM..TO (sơ kết, tổng kết); `review --docx` reads it, never writes."""

    schema_version: Literal[1]
    from_year: Annotated[int, Field(ge=1900, le=2200)] = Field(description="The first year.")
    to_year: Annotated[int, Field(ge=1900, le=2200)] = Field(description="The last year.")
    number: NumberText | None = Field(default=None, description="The report's own number.")
    date: Date | None = None
    direction: Paragraphs | None = Field(
        default=None, description="I. What was issued to direct and carry the plan out."
    )
    achievements: Paragraphs | None = None
    shortcomings: Paragraphs | None = None
    causes: Paragraphs | None = Field(default=None, description="Objective and subjective.")
    lessons: Paragraphs | None = None
    next_tasks: Paragraphs | None = Field(default=None, description="IV. The next stage.")
    proposals: Paragraphs | None = Field(default=None, description="V. Incl. commendations.")
    signer: Signer | None = Field(default=None, description="Who signs, if not the usual.")
