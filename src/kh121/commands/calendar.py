"""kh121 calendar update: refresh the public holidays kept in data/calendar.yaml.

The `holidays` package is imported here only: it costs as much to import as
everything else together, so the everyday commands read the reviewed table in
data/calendar.yaml instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kh121 import paths
from kh121.atomic import write_atomic
from kh121.errors import EXIT_OK, KnownError
from kh121.messages import t
from kh121.models import CalendarFile, DayEntry, PlanFile
from kh121.yamlout import dump

HEADER = (
    "yaml-language-server: $schema=../schemas/calendar.schema.json",
    "Lịch làm việc: ngày nghỉ lễ (do 'kh121 calendar update' ghi từ gói holidays),",
    "ngày nghỉ thêm và ngày làm bù do Chính phủ công bố từng năm (nhập tay, được giữ nguyên).",
)


def public_holidays(country: str, years: list[int]) -> tuple[list[DayEntry], list[DayEntry]]:
    """Holidays and weekend working days that the holidays package knows, in Vietnamese."""
    import holidays

    table = holidays.country_holidays(country, years=years, language="vi")
    days = [DayEntry(date=d, name=str(n)) for d, n in sorted(table.items())]
    workdays = sorted(getattr(table, "weekend_workdays", set()))
    return days, [DayEntry(date=d, name="Ngày làm bù") for d in workdays if d.year in years]


def updated(old: CalendarFile, years: list[int], country: str) -> CalendarFile:
    """The calendar with the holidays of `years` replaced; hand-entered days kept."""
    days, workdays = public_holidays(country, years)
    kept = [d for d in old.holidays if d.date.year not in years]
    known = {d.date for d in old.makeup_working_days}
    makeup = [*old.makeup_working_days, *(w for w in workdays if w.date not in known)]
    return old.model_copy(
        update={
            "years": tuple(sorted(set(old.years) | set(years))),
            "holidays": tuple(sorted([*kept, *days], key=lambda d: d.date)),
            "makeup_working_days": tuple(sorted(makeup, key=lambda d: d.date)),
        }
    )


def as_yaml(cal: CalendarFile) -> str:
    def days(entries: tuple[DayEntry, ...]) -> list[dict[str, Any]]:
        return [{"date": d.date, "name": d.name} for d in entries]

    data = {
        "schema_version": cal.schema_version,
        "timezone": cal.timezone,
        "weekend": list(cal.weekend),
        "years": list(cal.years),
        "holidays": days(cal.holidays),
        "extra_days_off": days(cal.extra_days_off),
        "makeup_working_days": days(cal.makeup_working_days),
    }
    return dump(data, HEADER)


def run(*, root: Path, years: str, country: str, lang: str) -> int:
    """Refresh the holidays of the years asked (by default the plan's span)."""
    from kh121 import kinds
    from kh121.calendar import years_due
    from kh121.errors import DataError
    from kh121.problems import has_errors

    _plan_doc, plan, problems = kinds.read_kind(root / paths.TASKS, root, kinds.TASKS)
    target = root / paths.CALENDAR
    old: CalendarFile | None = CalendarFile(schema_version=1)
    if target.exists() or target.is_symlink():
        _doc, model, more = kinds.read_kind(target, root, kinds.CALENDAR)
        problems.extend(more)
        old = model if isinstance(model, CalendarFile) else None
    if not isinstance(plan, PlanFile) or old is None or has_errors(problems):
        raise DataError(problems)
    first, last = years_due(plan.reporting.periods, plan.plan.span)
    wanted = years or f"{first}-{last}"
    try:
        year_list = parse_years(wanted)
    except ValueError:
        raise KnownError(
            f"--years '{wanted}' không hợp lệ; viết như 2023-2030 hoặc 2026,2027",
            f"--years '{wanted}' is not valid; write e.g. 2023-2030 or 2026,2027",
        ) from None
    new = updated(old, year_list, country)
    changed = write_atomic(target, as_yaml(new))
    shown = paths.shown(target, root)
    print(
        t(
            f"{'đã cập nhật' if changed else 'không đổi'} {shown}",
            f"{'updated' if changed else 'unchanged'} {shown}",
            lang,
        )
    )
    return EXIT_OK


def parse_years(text: str) -> list[int]:
    """'2023-2030' or '2026' or '2025,2026'."""
    out: list[int] = []
    for part in text.split(","):
        a, _, b = part.strip().partition("-")
        lo, hi = int(a), int(b or a)
        if not (1900 <= lo <= hi <= 2200):
            raise ValueError(text)
        out.extend(range(lo, hi + 1))
    return sorted(set(out))
