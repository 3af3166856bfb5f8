"""The command line: option declarations and one call into the core each.

Heavy modules (pydantic models, python-docx, jinja2, holidays) are imported
inside the commands that use them, so that `kh121 --help` stays quick.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, NoReturn

import typer

app = typer.Typer(
    name="kh121",
    help="Theo dõi thực hiện một kế hoạch cấp tỉnh (nhiệm vụ, thời hạn, báo cáo định kỳ) trên tệp"
    " văn bản thuần. "
    "(Track a provincial plan over plain files.)",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
report_app = typer.Typer(
    help="Tệp báo cáo của các cơ quan. (Agencies' report files.)", no_args_is_help=True
)
calendar_app = typer.Typer(
    help="Lịch làm việc và ngày nghỉ lễ. (Working days and holidays.)", no_args_is_help=True
)


def _version(value: bool) -> None:
    if value:
        from kh121 import __version__

        print(f"kh121 {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="In phiên bản và thoát."),
    ] = False,
) -> None:
    """Theo dõi thực hiện một kế hoạch cấp tỉnh trên tệp văn bản thuần."""


app.add_typer(report_app, name="report")
app.add_typer(calendar_app, name="calendar")

RootOpt = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help="Thư mục chứa data/, reports/, templates/ (mặc định: thư mục hiện tại hoặc cha"
        " gần nhất có data/tasks.yaml; hoặc biến KH121_ROOT).",
        file_okay=False,
    ),
]
LangOpt = Annotated[
    str,
    typer.Option("--lang", help="Ngôn ngữ: vi (mặc định) hoặc en.", case_sensitive=False),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Ngày xét, 2026-11-29 hoặc 29/11/2026 (mặc định: hôm nay, giờ Việt Nam).",
        metavar="DATE",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON.")]


def _lang(lang: str) -> str:
    lang = lang.lower()
    if lang not in ("vi", "en"):
        raise typer.BadParameter("vi | en", param_hint="--lang")
    return lang


def _as_of(text: str | None, option: str = "--as-of") -> dt.date:
    from kh121.dates import parse_date, today_vn

    if text is None:
        return today_vn()
    try:
        return parse_date(text)
    except ValueError:
        raise typer.BadParameter(
            f"'{text}': ngày không hợp lệ, viết 2026-11-29 hoặc 29/11/2026", param_hint=option
        ) from None


def _root(root: Path | None) -> Path:
    from kh121.paths import find_root

    return find_root(root)


def _guard(action: Callable[[], int], lang: str) -> NoReturn:
    from kh121.errors import run_guarded

    run_guarded(action, lang)


@app.command()
def validate(
    targets: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Tệp hoặc thư mục báo cáo cần kiểm tra (mặc định: cả reports/).",
            show_default=False,
        ),
    ] = None,
    root: RootOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = "vi",
    as_json: JsonOpt = False,
) -> None:
    """Kiểm tra data/ và các tệp báo cáo; in mọi lỗi kèm tệp, dòng, cột.

    Exit 0 khi không có lỗi (cho phép cảnh báo), 1 khi có lỗi, 2 khi dùng sai lệnh.
    """
    lng = _lang(lang)
    day = _as_of(as_of)

    def action() -> int:
        from kh121.commands import validate as cmd

        return cmd.run(_root(root), list(targets or []), day, lng, as_json)

    _guard(action, lng)


@app.command()
def schema(
    out: Annotated[Path, typer.Option("--out", "-o", help="Thư mục ghi lược đồ.")] = Path(
        "schemas"
    ),
    check: Annotated[
        bool, typer.Option("--check", help="Không ghi; exit 1 nếu lược đồ đã cũ.")
    ] = False,
    lang: LangOpt = "vi",
) -> None:
    """Ghi JSON Schema của từng loại tệp vào schemas/ (để trình soạn thảo gợi ý khóa)."""
    lng = _lang(lang)

    def action() -> int:
        from kh121.commands import schema as cmd

        return cmd.run(out, check, lng)

    _guard(action, lng)


def main() -> None:
    app()


@calendar_app.command("update")
def calendar_update(
    years: Annotated[
        str, typer.Option("--years", help="Các năm, ví dụ 2023-2030 hoặc 2026,2027.")
    ] = "",
    country: Annotated[str, typer.Option("--country", help="Mã quốc gia của gói holidays.")] = "VN",
    root: RootOpt = None,
    lang: LangOpt = "vi",
) -> None:
    """Ghi ngày nghỉ lễ các năm vào data/calendar.yaml (giữ ngày nghỉ, ngày làm bù nhập tay)."""
    lng = _lang(lang)

    def action() -> int:
        from kh121.commands import calendar as cmd
        from kh121.workspace import load_workspace

        folder = _root(root)
        wanted = years
        if not wanted:
            span = load_workspace(folder, [])[0].plan.plan.span
            wanted = f"{span.start.year}-{span.end.year}"
        try:
            year_list = cmd.parse_years(wanted)
        except ValueError:
            raise typer.BadParameter(wanted, param_hint="--years") from None
        return cmd.run(folder, year_list, country, lng)

    _guard(action, lng)


AgencyOpt = Annotated[
    str | None,
    typer.Option(
        "--agency",
        help="Mã hoặc một phần tên cơ quan, có dấu hay không dấu"
        ' (ví dụ SYT, "y te"); tên cũ tìm ra cơ quan kế nhiệm.',
    ),
]


@app.command()
def status(
    as_of: AsOfOpt = None,
    agency: AgencyOpt = None,
    section: Annotated[
        str | None, typer.Option("--section", help="Phần: I, II, III, IV, V.")
    ] = None,
    state: Annotated[
        str | None,
        typer.Option(
            "--state",
            help="done, in_progress, not_started, no_report, overdue, soon,"
            " hoặc một nhóm: done_on_time, done_late, open_in_time, open_overdue.",
        ),
    ] = None,
    soon: Annotated[int, typer.Option("--soon", min=0, help="Số ngày coi là sắp đến hạn.")] = 14,
    wide: Annotated[
        bool, typer.Option("--wide", help="Thêm cột chủ trì, thời hạn, báo cáo.")
    ] = False,
    as_json: JsonOpt = False,
    root: RootOpt = None,
    lang: LangOpt = "vi",
) -> None:
    """Tình hình từng nhiệm vụ theo phần, và cơ quan nào chưa gửi báo cáo."""
    lng = _lang(lang)
    day = _as_of(as_of)

    def action() -> int:
        from kh121.commands import status as cmd

        return cmd.run_status(_root(root), day, agency, section, state, soon, wide, as_json, lng)

    _guard(action, lng)


@app.command()
def overdue(
    as_of: AsOfOpt = None,
    within: Annotated[
        int, typer.Option("--within", min=0, help="Kèm việc đến hạn trong số ngày này.")
    ] = 14,
    agency: AgencyOpt = None,
    as_json: JsonOpt = False,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 nếu có việc quá hạn hay báo cáo chưa gửi.")
    ] = False,
    root: RootOpt = None,
    lang: LangOpt = "vi",
) -> None:
    """Việc quá hạn, sắp đến hạn và báo cáo muộn, nhóm theo cơ quan để đôn đốc."""
    lng = _lang(lang)
    day = _as_of(as_of)

    def action() -> int:
        from kh121.commands import status as cmd

        return cmd.run_overdue(_root(root), day, within, agency, as_json, exit_code, lng)

    _guard(action, lng)


@report_app.command("new")
def report_new(
    agency: Annotated[
        str | None,
        typer.Argument(help="Mã hoặc tên cơ quan (có dấu hay không dấu).", show_default=False),
    ] = None,
    period: Annotated[str, typer.Option("--period", help="Kỳ báo cáo, ví dụ 2026-H2.")] = ...,  # type: ignore[assignment]
    out: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Tệp ghi ra (mặc định reports/KỲ/MÃ.yaml)."),
    ] = None,
    clerk: Annotated[
        bool,
        typer.Option("--clerk", help="Tạo tệp nội dung tự viết của cơ quan tổng hợp cho kỳ này."),
    ] = False,
    root: RootOpt = None,
    lang: LangOpt = "vi",
) -> None:
    """Tạo tệp báo cáo điền sẵn cho một cơ quan và một kỳ; không bao giờ ghi đè."""
    lng = _lang(lang)

    def action() -> int:
        from kh121.commands import report as cmd

        return cmd.run_new(_root(root), agency, period, out, clerk, lng)

    _guard(action, lng)


@app.command()
def merge(
    period: Annotated[
        str | None, typer.Argument(help="Kỳ báo cáo, ví dụ 2026-H2.", show_default=False)
    ] = None,
    all_periods: Annotated[
        bool, typer.Option("--all", help="Mọi kỳ có thư mục trong reports/.")
    ] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Không ghi; exit 1 nếu tệp tổng hợp thiếu hoặc đã cũ.")
    ] = False,
    as_of: AsOfOpt = None,
    root: RootOpt = None,
    lang: LangOpt = "vi",
) -> None:
    """Tổng hợp reports/KỲ/*.yaml vào reports/KỲ/_tong_hop.yaml (không sửa tệp của cơ quan).

    --as-of chỉ dùng để từ chối báo cáo ghi ngày trong tương lai.
    """
    lng = _lang(lang)
    day = _as_of(as_of)

    def action() -> int:
        from kh121.commands import report as cmd

        folder = _root(root)
        if all_periods == (period is not None):
            raise typer.BadParameter("một KỲ hoặc --all", param_hint="PERIOD")
        periods = cmd.period_folders(folder) if all_periods else [period or ""]
        return max((cmd.run_merge(folder, p, check, day, lng) for p in periods), default=0)

    _guard(action, lng)


@app.command()
def render(
    period: Annotated[str, typer.Argument(help="Kỳ báo cáo, ví dụ 2026-H2.")],
    as_of: AsOfOpt = None,
    template: Annotated[
        Path | None,
        typer.Option("--template", help="Mẫu .docx khác (mặc định theo data/report.yaml)."),
    ] = None,
    out: Annotated[Path | None, typer.Option("--output", "-o", help="Tệp .docx ghi ra.")] = None,
    number: Annotated[
        str | None, typer.Option("--number", help="Số báo cáo, ví dụ 125/BC-SKHCN.")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help="Ngày ban hành (mặc định: ngày xét).", metavar="DATE"),
    ] = None,
    root: RootOpt = None,
    lang: LangOpt = "vi",
) -> None:
    """Xuất báo cáo Word của kỳ từ tệp tổng hợp, theo thể thức Nghị định 30/2020/NĐ-CP."""
    lng = _lang(lang)
    day = _as_of(as_of)
    issued = _as_of(date, "--date") if date else None

    def action() -> int:
        from kh121.commands import render as cmd

        return cmd.run(_root(root), period, day, template, out, number, issued, lng)

    _guard(action, lng)


@app.command()
def fmt(
    targets: Annotated[
        list[Path] | None,
        typer.Argument(help="Tệp hoặc thư mục (mặc định: data/ và reports/).", show_default=False),
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Không ghi; in phần khác và exit 1 nếu cần định dạng.")
    ] = False,
    root: RootOpt = None,
    lang: LangOpt = "vi",
) -> None:
    """Viết lại tệp dữ liệu và báo cáo theo dạng chuẩn, giữ mọi chú thích và giá trị."""
    lng = _lang(lang)

    def action() -> int:
        from kh121.commands import fmt as cmd

        return cmd.run(_root(root), list(targets or []), check, lng)

    _guard(action, lng)


@app.command()
def diff(
    rev: Annotated[str | None, typer.Argument(help="Phiên bản gốc (mặc định HEAD).")] = None,
    rev2: Annotated[
        str | None, typer.Argument(help="Phiên bản so sánh (mặc định: thư mục làm việc).")
    ] = None,
    as_json: JsonOpt = False,
    root: RootOpt = None,
    lang: LangOpt = "vi",
) -> None:
    """So sánh kế hoạch, cơ quan và báo cáo giữa hai phiên bản git, theo nội dung."""
    lng = _lang(lang)

    def action() -> int:
        from kh121.commands import diff as cmd

        return cmd.run(_root(root), rev, rev2, as_json, lng)

    _guard(action, lng)


@app.command(hidden=True)
def textconv(
    path: Annotated[Path, typer.Argument(help="Tệp do git đưa vào.")],
    lang: LangOpt = "vi",
) -> None:
    """Dạng từng dòng của một tệp, cho git diff (textconv)."""
    lng = _lang(lang)

    def action() -> int:
        from kh121.commands import diff as cmd

        return cmd.textconv(path, lng)

    _guard(action, lng)
