"""kh121 report new and kh121 merge: agencies' reports in, one consolidated file out."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from kh121 import calendar as cal
from kh121 import paths
from kh121.atomic import (
    FileExistsRefusedError,
    inside_root,
    workspace_lock,
    write_all,
    write_and_say,
    write_atomic,
)
from kh121.dates import dmy
from kh121.errors import EXIT_FAIL, EXIT_OK, DataError, KnownError
from kh121.loader import load, load_clean
from kh121.messages import t
from kh121.models import MergedFile
from kh121.presenters.problems import print_problems
from kh121.problems import Problem, has_errors
from kh121.record import reporters
from kh121.scaffold import clerk_scaffold, report_scaffold
from kh121.text import one_line, quoted
from kh121.workspace import Workspace


def find_period(ws: Workspace, text: str) -> cal.Period:
    found = ws.periods.get(text.strip().upper())
    if found is None:
        keys = ", ".join(r.key for r in ws.plan.reporting.periods)
        known = list(ws.periods)
        first, last = (known[0], known[-1]) if known else ("", "")
        raise KnownError(
            f"kỳ báo cáo '{text}' không có trong kế hoạch; viết NĂM-KỲ với KỲ là {keys},"
            f" từ {first} đến {last}",
            f"period '{text}' is not one of the plan's; write YEAR-KEY with KEY one of {keys},"
            f" from {first} to {last}",
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
            members = sorted(reporters(ws, period.due) & set(_members(ws, groups[0], period)))
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


def _members(ws: Workspace, group: str, period: cal.Period) -> list[str]:
    now = ws.agencies.resolve(group, period.due)
    return [ws.agencies.resolve(m, period.due) for m in ws.agencies.members(now)]


def _reporters(ws: Workspace, period: cal.Period) -> list[str]:
    """Who owes the period's report: the one rule (`record.reporters`)."""
    return sorted(reporters(ws, period.due))


def _check_reporter(ws: Workspace, code: str, period: cal.Period, force: bool) -> None:
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
    reporters = _reporters(ws, period)
    if code not in reporters and not force:
        names = ", ".join(f"{c} ({ws.agencies.name(c)})" for c in reporters)
        raise KnownError(
            f"{agency.short} ({code}) không thuộc các cơ quan phải báo cáo kỳ {period.id}."
            f" Các cơ quan báo cáo: {names}. Dùng --force nếu vẫn muốn tạo.",
            f"{agency.short} ({code}) is not among the agencies that report for {period.id}."
            f" They are: {names}. Use --force to create it anyway.",
        )


def _write_new(
    target: Path, root: Path, text: str, lang: str, note: tuple[str, str], explicit: bool
) -> int:
    shown = paths.shown(target, root)
    try:
        write_atomic(target if explicit else inside_root(target, root), text, overwrite=False)
    except FileExistsRefusedError:
        raise FileExistsRefusedError(shown) from None  # named from where the clerk stands
    print(t(f"đã tạo {shown}", f"created {shown}", lang))
    print(t(*note, lang))
    return EXIT_OK


def _plan_only(root: Path, as_of: dt.date) -> Workspace:
    """The plan, agencies and calendar, no report read: a broken report of one agency never
    stops writing another's file."""
    ws, problems = load(root, as_of, targets=[])
    if ws is None or has_errors(problems):
        raise DataError(problems)
    return ws


def run_new(
    *,
    root: Path,
    query: str | None,
    period_text: str,
    out: Path | None,
    clerk: bool,
    force: bool,
    as_of: dt.date,
    lang: str,
    missing: bool = False,
) -> int:
    ws = _plan_only(root, as_of)
    period = find_period(ws, period_text)
    folder = root / paths.REPORTS / period.id
    consolidator = ws.agencies.name(ws.agencies.resolve(ws.plan.reporting.to, period.due))
    if clerk:
        return _write_new(
            out or folder / paths.CLERK_NAME,
            root,
            clerk_scaffold(period, consolidator),
            lang,
            (
                "Viết phần đánh giá của cơ quan tổng hợp vào tệp này; 'kh121 render' sẽ dùng.",
                "Write the consolidating agency's assessment here; 'kh121 render' uses it.",
            ),
            out is not None,
        )
    if missing:
        return _write_missing(ws, root, period, folder, lang)
    if not query:
        raise KnownError(
            "cần mã hoặc tên cơ quan (hoặc --clerk, --missing)",
            "an agency code or name is needed (or --clerk, --missing)",
        )
    code = find_agency(ws, query, period)
    _check_reporter(ws, code, period, force)
    text = report_scaffold(ws.plan, ws.agencies, code, period, ws.work.effective(period.due))
    return _write_new(
        out or folder / f"{code}.yaml",
        root,
        text,
        lang,
        (
            f"Tệp là bản nháp: chỉ tính là đã gửi khi điền ngày {consolidator} nhận (received),"
            " cùng số và ngày của báo cáo.",
            f"The file is a draft: it counts as sent only once the day {consolidator} received"
            " it (received) is filled in, with the report's number and date.",
        ),
        out is not None,
    )


def _write_missing(ws: Workspace, root: Path, period: cal.Period, folder: Path, lang: str) -> int:
    """A draft for every agency that reports for the period and has no file for it yet."""
    on_file = {r.report.agency for r in ws.reports if r.report.period == period.id}
    todo = [c for c in _reporters(ws, period) if c not in on_file]
    if not todo:
        print(
            t(
                f"mọi cơ quan đã có tệp báo cáo kỳ {period.id}",
                f"every agency has a report file for {period.id}",
                lang,
            )
        )
        return EXIT_OK
    effective = ws.work.effective(period.due)
    written = 0
    for code in todo:
        target = inside_root(folder / f"{code}.yaml", root)
        if target.exists():
            continue  # a draft already on file: never overwritten
        text = report_scaffold(ws.plan, ws.agencies, code, period, effective)
        write_atomic(target, text, overwrite=False)
        written += 1
        print(
            t(f"đã tạo {paths.shown(target, root)}", f"created {paths.shown(target, root)}", lang)
        )
    print(
        t(
            f"{written} bản nháp mới: gửi cho từng cơ quan; chỉ tính là đã gửi khi điền ngày nhận"
            " (received).",
            f"{written} new drafts: send each to its agency; each counts as sent once its"
            " received date is filled in.",
            lang,
        )
    )
    return EXIT_OK


def period_folders(root: Path) -> list[str]:
    """The periods that have a file in their folder under reports/."""
    return sorted({p.parent.name for p in paths.period_files(root)})


def merged(
    ws: Workspace, period: cal.Period, problems: list[Problem]
) -> tuple[MergedFile | None, str | None, list[Problem]]:
    """The consolidation of a loaded, clean workspace, or None with the period's errors."""
    from kh121.merge import consolidate

    folder = f"{paths.REPORTS.as_posix()}/{period.id}/"
    mine = [p for p in problems if p.file.startswith(folder)]
    if has_errors(mine):
        return None, None, mine
    model, text = consolidate(ws, period, mine)
    return model, text, mine


def run_merge(
    *, root: Path, period_text: str | None, check: bool, as_of: dt.date, lang: str
) -> int:
    """Each period's consolidation; written under the workspace's lock."""
    ws, warnings = load_clean(root, as_of)
    names = [period_text] if period_text else period_folders(root)
    status = EXIT_OK
    for name in names:
        period = find_period(ws, name)
        _model, text, problems = merged(ws, period, warnings)
        if problems:
            print_problems(problems, lang, as_json=False, stream=sys.stderr)
        if text is None:
            print(t("có lỗi: không ghi gì", "errors found: nothing written", lang), file=sys.stderr)
            status = EXIT_FAIL
            continue
        if check:
            status = max(status, _write_merged(root, period, text, check, lang))
            continue
        with workspace_lock(root):  # never while an import replaces a report
            status = max(status, _write_merged(root, period, text, check, lang))
    return status


def merged_path(root: Path, period: cal.Period) -> Path:
    return root / paths.REPORTS / period.id / paths.MERGED_NAME


def _write_merged(root: Path, period: cal.Period, text: str, check: bool, lang: str) -> int:
    target = merged_path(root, period)
    shown = paths.shown(target, root)
    if check:
        current = target.read_bytes() if target.is_file() else None
        if current != text.encode("utf-8"):
            print(
                t(
                    f"{shown} thiếu hoặc đã cũ; chạy 'kh121 merge {period.id}'",
                    f"{shown} is missing or out of date; run 'kh121 merge {period.id}'",
                    lang,
                )
            )
            return EXIT_FAIL
        print(t(f"{shown} đã cập nhật", f"{shown} is up to date", lang))
        return EXIT_OK
    write_and_say(inside_root(target, root), text, root, lang)
    return EXIT_OK


# ------------------------------------------------------------------ Word forms


def run_form(
    *,
    root: Path,
    query: str | None,
    period_text: str,
    every: bool,
    out: Path | None,
    as_of: dt.date,
    lang: str,
) -> int:
    """A Word form per agency: its tasks for the period, cells to fill, its identity."""
    from kh121.form import FormRow, FormSpec, build_form
    from kh121.scaffold import agency_tasks

    ws = _plan_only(root, as_of)
    period = find_period(ws, period_text)
    if every:
        codes = _reporters(ws, period)
    elif query:
        code = find_agency(ws, query, period)
        _check_reporter(ws, code, period, force=False)
        codes = [code]
    else:
        raise KnownError("cần mã cơ quan hoặc --all", "an agency code or --all is needed")
    label = f"{period.rule.label_vi} {period.year}"
    plan = ws.plan.plan
    from kh121.form import form_key, key_path

    if key_path().resolve().is_relative_to(root.resolve()):
        raise KnownError(
            f"khóa mẫu {key_path()} nằm trong thư mục gốc: để nó ngoài kho (ai có khóa đều"
            " làm được mẫu giả)",
            f"the form key {key_path()} lies inside the root: keep it outside the repository"
            " (whoever has it can forge forms)",
        )
    key = form_key(create=True)
    outputs: list[tuple[Path, bytes | str]] = []
    for code in codes:
        rows = []
        for task, leads in agency_tasks(ws.plan, ws.agencies, code, period.due):
            dues = [
                dmy(o.due)
                for o in cal.occurrences(task.deadline, plan.span)
                if o.due is not None and o.due.year == period.year
            ]
            rows.append(
                FormRow(
                    task=task.id,
                    role="chủ trì" if leads else "phối hợp",
                    content=" ".join(task.content.split()),
                    product=task.product,
                    due=", ".join(dues) or task.deadline.text,
                )
            )
        spec = FormSpec(
            plan=plan.code,
            plan_title=f"{plan.kind} số {plan.code} của {plan.issuer}",
            period=period.id,
            period_title=label,
            agency=code,
            agency_name=ws.agencies.name(code, short=False),
            due=dmy(ws.work.effective(period.due)),
            rows=tuple(rows),
        )
        name = f"MAU_{period.id}_{code}.docx"
        if out is not None:
            target = out / name if (len(codes) > 1 or out.is_dir()) else out
        else:
            target = inside_root(root / paths.REPORTS / period.id / "mau" / name, root)
        outputs.append((target, build_form(spec, ws.work.effective(period.due), key)))
    changed = write_all(outputs)  # every form, or none
    for (target, _data), did in zip(outputs, changed, strict=True):
        at = paths.shown(target, root)
        print(
            t(
                f"{'đã ghi' if did else 'không đổi'} {at}",
                f"{'wrote' if did else 'unchanged'} {at}",
                lang,
            )
        )
    return EXIT_OK


def run_import(
    *,
    root: Path,
    files: list[Path],
    received: dt.date | None,
    replace: bool,
    keep: bool,
    as_of: dt.date,
    lang: str,
) -> int:
    """Filled forms into report files: all checked first, then all written or none, under
    the workspace's lock (a report replaced is read, kept and rewritten by one kh121 at a
    time)."""
    with workspace_lock(root):
        return _import_all(
            root=root, files=files, received=received, replace=replace, keep=keep,
            as_of=as_of, lang=lang,
        )  # fmt: skip


def _import_all(
    *,
    root: Path,
    files: list[Path],
    received: dt.date | None,
    replace: bool,
    keep: bool,
    as_of: dt.date,
    lang: str,
) -> int:
    from kh121.form import form_key

    ws = _plan_only(root, as_of)
    for file in files:  # a missing file is said before a missing key
        if not file.is_file():
            at = paths.shown(file, root)
            raise KnownError(f"không phải tệp: {at}", f"not a file: {at}")
    key = form_key()
    plans: list[tuple[Path, Path, str]] = []
    for file in files:
        target, text = _import_one(ws, root, file, received, as_of, replace, key)
        twice = [f for f, tg, _ in plans if tg == target]
        if twice:
            raise KnownError(
                f"{paths.shown(twice[0], root)} và {paths.shown(file, root)} cùng là báo cáo"
                f" {paths.shown(target, root)}: nhập từng tệp một, chưa nhập gì",
                f"{paths.shown(twice[0], root)} and {paths.shown(file, root)} are both the"
                f" report {paths.shown(target, root)}: import one of them, nothing imported",
            )
        plans.append((file, target, text))
    outputs: list[tuple[Path, bytes | str]] = []
    said: list[tuple[str, str]] = []
    for file, target, text in plans:
        if target.exists() and replace:
            backup = _free_name(target.with_name(target.name + ".bak"))
            outputs.append((backup, target.read_bytes()))
            said.append(
                (
                    f"bản cũ giữ ở {paths.shown(backup, root)}",
                    f"the old file kept as {paths.shown(backup, root)}",
                )
            )
        outputs.append((target, text))
        said.append(
            (
                f"đã nhập {paths.shown(file, root)} → {paths.shown(target, root)}",
                f"imported {paths.shown(file, root)} → {paths.shown(target, root)}",
            )
        )
        if keep:
            outputs.append((target.with_suffix(".docx"), _evidence(file.read_bytes())))
    write_all(outputs)  # every report (and its backup and evidence), or none
    for vi, en in said:
        print(t(vi, en, lang))
    if received is None:
        print(
            t(
                "tệp là bản nháp: thêm ngày nhận bằng --received khi đã nhận chính thức",
                "the file is a draft: give --received once officially received",
                lang,
            )
        )
    return EXIT_OK


def _evidence(data: bytes) -> bytes:
    """The form as kept beside its report: no macro part and no relationship to an outside
    address (a remote image, an attached template), which Word would fetch on opening."""
    import io
    import re
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            name = info.filename
            if name.endswith("vbaProject.bin") or "vbaData" in name:
                continue
            body = src.read(info)
            if name.endswith(".rels"):
                body = re.sub(rb"<Relationship[^>]*TargetMode=\"External\"[^>]*/>", b"", body)
            dst.writestr(info, body)
    return out.getvalue()


def _free_name(path: Path) -> Path:
    n = 1
    candidate = path
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate


def _import_one(
    ws: Workspace,
    root: Path,
    file: Path,
    received: dt.date | None,
    as_of: dt.date,
    replace: bool,
    key: bytes,
) -> tuple[Path, str]:
    """The report text a form gives, checked as a hand-written report is; KnownError with
    every problem named by the form's row and column."""
    import tempfile

    from kh121.form import FormError, read_form, to_report
    from kh121.yamlio import MAX_BYTES
    from kh121.yamlout import dump

    if not file.is_file():
        at = paths.shown(file, root)
        raise KnownError(f"không phải tệp: {at}", f"not a file: {at}")
    shown = paths.shown(file, root)
    if file.stat().st_size > 4 * MAX_BYTES:
        raise FormError(f"{shown} quá lớn", f"{shown} is too large")
    try:
        read = read_form(file.read_bytes())
    except FormError as exc:
        raise FormError(f"{shown}: {exc.vi}", f"{shown}: {exc.en}") from None
    ident = read.identity
    if ident.get("plan") != ws.plan.plan.code:
        other = one_line(ident["plan"][:80])
        raise FormError(
            f"{shown} là mẫu của kế hoạch {other}, không phải {ws.plan.plan.code}",
            f"{shown} is a form of plan {other}, not {ws.plan.plan.code}",
        )
    if ident.get("period") not in ws.periods or ident.get("agency") not in ws.agencies.by_code:
        raise FormError(
            f"{shown}: kỳ {quoted(ident['period'])} hay cơ quan {quoted(ident['agency'])} không có"
            " trong kế hoạch",
            f"{shown}: period {quoted(ident['period'])} or agency {quoted(ident['agency'])} is not"
            " in the plan",
        )
    report, found = to_report(read, received, key)
    if found:
        _refuse(shown, [(vi, en) for vi, en in found])
    # the name is from outside: on one line, or it would write YAML of its own
    text = f"# Nhập từ mẫu Word {one_line(file.name)} bằng 'kh121 report import'.\n" + dump(report)
    target = inside_root(root / paths.REPORTS / report["period"] / f"{report['agency']}.yaml", root)
    if target.exists() and not replace:
        raise KnownError(
            f"{paths.shown(target, root)} đã có; dùng --replace để thay (bản cũ được giữ lại)",
            f"{paths.shown(target, root)} exists; use --replace (the old one is kept)",
        )
    with tempfile.TemporaryDirectory() as tmp:
        candidate = Path(tmp) / f"{report['agency']}.yaml"
        candidate.write_text(text, encoding="utf-8")
        _ws, problems = load(root, as_of, targets=[candidate])
        mine = [
            p
            for p in problems
            if p.file == paths.shown(candidate, root)
            and p.code != "E035"
            and p.severity.value == "error"
        ]
    if mine:
        lines = text.splitlines()
        named = []
        for p in mine:
            row, (task, column) = _row_of(lines, p.line)
            place = f"dòng {row} ({task}), cột {column}" if row else "đầu mẫu"
            named.append((f"{place}: {p.message('vi')}", f"{place}: {p.message('en')}"))
        _refuse(shown, named)
    return target, text


def _row_of(lines: list[str], line: int) -> tuple[int, tuple[str, str]]:
    """The form's row (1-based) and (task, column) a line of the generated YAML belongs to."""
    from kh121.form import COLUMN_LABELS

    row = 0
    task = ""
    for text in lines[:line]:
        if text.startswith("  - task:"):
            row += 1
            task = text.split(":", 1)[1].strip()
    here = lines[line - 1].strip().lstrip("- ") if 0 < line <= len(lines) else ""
    key = here.split(":", 1)[0]
    return row, (task, COLUMN_LABELS.get(key, key))


def _refuse(shown: str, found: list[tuple[str, str]]) -> None:
    vi = "\n".join(f"  - {x}" for x, _ in found)
    en = "\n".join(f"  - {y}" for _, y in found)
    raise KnownError(
        f"{shown}: {len(found)} chỗ cần sửa trong mẫu, chưa nhập gì:\n{vi}",
        f"{shown}: {len(found)} problem(s) in the form, nothing imported:\n{en}",
    )
