"""What a person means and may ask for: which period, which agency (one rule each, for every
command), who reports for a period and who has a file on record, the settings a document needs."""

from __future__ import annotations

from pathlib import Path

from kh121 import calendar as cal
from kh121 import paths
from kh121.dates import dmy
from kh121.errors import KnownError
from kh121.models import ReportSettings
from kh121.record import reporters
from kh121.workspace import Workspace


def find_period(ws: Workspace, text: str) -> cal.Period:
    """A period by its key ('2026-H2') or as people say it ('năm 2026', '6 thang dau nam
    2026': marks, case and spacing ignored)."""
    from kh121.text import fold

    found = ws.periods.get(text.strip().upper())
    if found is None:
        said = fold(text)
        found = next((p for p in ws.periods.values() if fold(p.label("vi")) == said), None)
    if found is None:
        keys = ", ".join(r.key for r in ws.plan.reporting.periods)
        known = list(ws.periods.values())
        first, last = (known[0], known[-1]) if known else (None, None)
        example = f" (ví dụ {last.id} là {last.label()})" if last else ""
        example_en = f" (e.g. {last.id} is {last.label('en')})" if last else ""
        raise KnownError(
            f"kỳ báo cáo '{text}' không có trong kế hoạch; viết NĂM-KỲ với KỲ là {keys}"
            f"{example}, từ {first.id if first else ''} đến {last.id if last else ''}",
            f"period '{text}' is not one of the plan's; write YEAR-KEY with KEY one of {keys}"
            f"{example_en}, from {first.id if first else ''} to {last.id if last else ''}",
        )
    return found


def find_agency(ws: Workspace, query: str, period: cal.Period | None = None) -> str:
    """One agency (not a group) for a code or a name, among those that existed in the
    period when given; candidates listed when several match; a group's reporting members
    named when the query is a group."""
    agencies = ws.agencies
    codes = agencies.matching(query, period.due if period is not None else None)
    if not codes:
        groups = [c for c in agencies.search(query) if agencies.by_code[c].is_group]
        if groups and period is not None:
            group = agencies.resolve(groups[0], period.due)
            members = sorted(reporters(ws, period.due) & agencies.alive_members(group, period.due))
            names = ", ".join(f"{c} ({agencies.name(c)})" for c in members) or "—"
            raise KnownError(
                f"'{query}' là một nhóm ({agencies.name(groups[0])}): mỗi thành viên gửi báo"
                f" cáo riêng; các thành viên phải báo cáo {period.label()}: {names}",
                f"'{query}' is a group ({agencies.name(groups[0])}): each member reports;"
                f" those that report for {period.label('en')}: {names}",
            )
        raise KnownError(f"không có cơ quan nào khớp '{query}'", f"no agency matches '{query}'")
    if len(codes) > 1 and period is not None:  # the one that owes the period's report
        owing = [c for c in codes if c in reporters(ws, period.due)]
        codes = owing if len(owing) == 1 else codes
    if len(codes) > 1:
        names = "; ".join(f"{c} ({agencies.name(c)})" for c in codes)
        raise KnownError(
            f"'{query}' khớp nhiều cơ quan: {names}; hãy dùng mã",
            f"'{query}' matches several agencies: {names}; use a code",
        )
    return codes[0]


def reporters_of(ws: Workspace, period: cal.Period) -> list[str]:
    """Who owes the period's report: the one rule (`record.reporters`)."""
    return sorted(reporters(ws, period.due))


def on_file(ws: Workspace, root: Path, period: cal.Period) -> set[str]:
    """The agencies, as they stand on the period's due day, that have a file in the period's
    folder: named by the file's `agency:` where it can be read, else by its name
    ('SYT.yaml'). Read without the checks, so that a broken or half-written report still
    counts as on file and is never written over."""
    from kh121.yamlio import read_yaml

    found = set()
    for path in paths.period_files(root, period.id):
        if not paths.is_agency_report(path.name):
            continue
        doc, _problems = read_yaml(path, paths.shown(path, root))
        said = doc.data.get("agency") if doc is not None and isinstance(doc.data, dict) else None
        for code in {path.stem, said} if isinstance(said, str) else {path.stem}:
            if code in ws.agencies.by_code:
                found.add(ws.agencies.resolve(code, period.due))
    return found


def check_reporter(ws: Workspace, code: str, period: cal.Period, force: bool) -> None:
    agency = ws.agencies.by_code[code]
    now = ws.agencies.resolve(code, period.due)
    if now != code:
        ended = dmy(agency.merged_into.from_date if agency.merged_into else None)
        raise KnownError(
            f"{agency.short} không còn hoạt động trong kỳ {period.id} (từ {ended});"
            f" {ws.agencies.name(now)} ({now}) tiếp nhận: dùng 'kh121 report new {now}'",
            f"{agency.short} no longer exists in {period.id}; {ws.agencies.name(now)}"
            f" ({now}) took over: use 'kh121 report new {now}'",
        )
    if not agency.exists_on(period.due):
        raise KnownError(
            f"{agency.short} chưa thành lập trong kỳ {period.id}",
            f"{agency.short} did not exist yet in {period.id}",
        )
    reporters = reporters_of(ws, period)
    if code not in reporters and not force:
        names = ", ".join(f"{c} ({ws.agencies.name(c)})" for c in reporters)
        raise KnownError(
            f"{agency.short} ({code}) không thuộc các cơ quan phải báo cáo kỳ {period.id}."
            f" Các cơ quan báo cáo: {names}. Dùng --force nếu vẫn muốn tạo.",
            f"{agency.short} ({code}) is not among the agencies that report for {period.id}."
            f" They are: {names}. Use --force to create it anyway.",
        )


def report_settings(ws: Workspace) -> ReportSettings:
    """What a Word report needs beyond the plan (data/report.yaml), or why it cannot be had."""
    if ws.settings is None:
        raise KnownError(
            f"thiếu {paths.REPORT_SETTINGS} (tiêu đề, nơi nhận, người ký)",
            f"{paths.REPORT_SETTINGS} is missing (letterhead, recipients, signer)",
        )
    return ws.settings
