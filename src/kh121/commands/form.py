"""kh121 report form and report import: the agencies answer in Word; what they send is
checked like a hand-written report and filed all or nothing."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kh121 import calendar as cal
from kh121 import paths
from kh121.atomic import (
    inside_root,
    say_written,
    workspace_lock,
    write_all,
)
from kh121.clock import today
from kh121.errors import EXIT_OK, KnownError
from kh121.form_check import check_identity, errors_as_written
from kh121.loader import plan_only
from kh121.lookup import check_reporter, find_agency, find_period, reporters_of
from kh121.messages import t
from kh121.scaffold import form_spec
from kh121.text import one_line
from kh121.workspace import Workspace

if TYPE_CHECKING:
    from kh121.form import Read


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
    from kh121.form import build_form

    ws = plan_only(root, as_of)
    period = find_period(ws, period_text)
    codes = _agencies_asked(ws, period, query, every)
    key = _outside_key(root)
    outputs: list[tuple[Path, bytes | str]] = []
    for code in codes:
        spec = form_spec(ws, period, code)
        target = _form_target(root, out, period, code, many=len(codes) > 1)
        outputs.append((target, build_form(spec, ws.work.effective(period.due), key)))
    changed = write_all(outputs)  # every form, or none
    for (target, _data), did in zip(outputs, changed, strict=True):
        say_written(target, did, root, lang)
    return EXIT_OK


def _agencies_asked(ws: Workspace, period: cal.Period, query: str | None, every: bool) -> list[str]:
    """Every agency owing the period's report (--all), or the one named."""
    if every:
        return reporters_of(ws, period)
    if query:
        code = find_agency(ws, query, period)
        check_reporter(ws, code, period, force=False)
        return [code]
    raise KnownError("cần mã cơ quan hoặc --all", "an agency code or --all is needed")


def _outside_key(root: Path) -> bytes:
    """The form key, made on first use; refused when it lies inside the root."""
    from kh121.form import form_key, key_path

    if key_path().resolve().is_relative_to(root.resolve()):
        raise KnownError(
            f"khóa mẫu {key_path()} nằm trong thư mục gốc: để nó ngoài kho (ai có khóa đều"
            " làm được mẫu giả)",
            f"the form key {key_path()} lies inside the root: keep it outside the repository"
            " (whoever has it can forge forms)",
        )
    return form_key(create=True)


def _form_target(root: Path, out: Path | None, period: cal.Period, code: str, many: bool) -> Path:
    """Where an agency's form goes: -o (a folder when several forms or a folder given), else
    reports/PERIOD/mau/."""
    name = f"MAU_{period.id}_{code}.docx"
    if out is not None:
        return out / name if (many or out.is_dir()) else out
    return inside_root(root / paths.REPORTS / period.id / "mau" / name, root)


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
    from kh121.form import form_key

    with workspace_lock(root):
        ws = plan_only(root, as_of)
        _check_files(files, root)  # a missing file is said before a missing key
        key = form_key()
        plans = _plans(ws, root, files, received, as_of, replace, key)
        outputs, said = _outputs(plans, root, replace, keep)
        write_all(outputs)  # every report (and its backup and evidence), or none
    _say_imported(said, received, lang)
    return EXIT_OK


def _check_files(files: list[Path], root: Path) -> None:
    for file in files:
        if not file.is_file():
            at = paths.shown(file, root)
            raise KnownError(f"không phải tệp: {at}", f"not a file: {at}")


def _plans(
    ws: Workspace,
    root: Path,
    files: list[Path],
    received: dt.date | None,
    as_of: dt.date,
    replace: bool,
    key: bytes,
) -> list[tuple[Path, Path, str]]:
    """(form, report file, its text) for each form, every one checked; refused when two
    forms are the same report."""
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
    return plans


def _outputs(
    plans: list[tuple[Path, Path, str]], root: Path, replace: bool, keep: bool
) -> tuple[list[tuple[Path, bytes | str]], list[tuple[str, str]]]:
    """The files to write (a replaced report's backup, the report, the form kept as
    evidence) and what to say of them, (vi, en)."""
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
    return outputs, said


def _say_imported(said: list[tuple[str, str]], received: dt.date | None, lang: str) -> None:
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


def _evidence(data: bytes) -> bytes:
    """The form as kept beside its report: no macro part and no relationship to an outside
    address (a remote image, an attached template), which Word would fetch on opening."""
    import io
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
    from kh121.form import to_report
    from kh121.yamlout import dump

    if not file.is_file():
        at = paths.shown(file, root)
        raise KnownError(f"không phải tệp: {at}", f"not a file: {at}")
    shown = paths.shown(file, root)
    read = _read(file, shown)
    check_identity(ws, read.identity, shown)
    report, found = to_report(read, received, key)
    if found:
        _refuse(shown, [(vi, en) for vi, en in found])
    # the name is from outside: on one line, or it would write YAML of its own
    text = f"# Nhập từ mẫu Word {one_line(file.name)} bằng 'kh121 report import'.\n" + dump(report)
    target = _report_target(root, report, replace)
    named = errors_as_written(root, as_of, report["agency"], text, today())
    if named:
        _refuse(shown, named)
    return target, text


def _read(file: Path, shown: str) -> Read:
    """The form's identity and cells; FormError, naming the file, for what is no form."""
    from kh121.form import FormError, read_form
    from kh121.yamlio import MAX_BYTES

    if file.stat().st_size > 4 * MAX_BYTES:
        raise FormError(f"{shown} quá lớn", f"{shown} is too large")
    try:
        return read_form(file.read_bytes())
    except FormError as exc:
        raise FormError(f"{shown}: {exc.vi}", f"{shown}: {exc.en}") from None


def _report_target(root: Path, report: dict[str, Any], replace: bool) -> Path:
    """reports/PERIOD/AGENCY.yaml; refused when it exists and is not to be replaced."""
    target = inside_root(paths.report_file(root, report["period"], report["agency"]), root)
    if target.exists() and not replace:
        raise KnownError(
            f"{paths.shown(target, root)} đã có; dùng --replace để thay (bản cũ được giữ lại)",
            f"{paths.shown(target, root)} exists; use --replace (the old one is kept)",
        )
    return target


def _refuse(shown: str, found: list[tuple[str, str]]) -> None:
    vi = "\n".join(f"  - {x}" for x, _ in found)
    en = "\n".join(f"  - {y}" for _, y in found)
    raise KnownError(
        f"{shown}: {len(found)} chỗ cần sửa trong mẫu, chưa nhập gì:\n{vi}",
        f"{shown}: {len(found)} problem(s) in the form, nothing imported:\n{en}",
    )
