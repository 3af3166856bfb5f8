"""The command line: option declarations and one call into the core each.

Heavy modules (pydantic models, python-docx, jinja2, holidays) are imported
inside the commands that use them, so that `kh121 --help` stays quick.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from kh121.boundary import guarded
from kh121.cliwords import LANG, Group
from kh121.states import SOON_DAYS

app = typer.Typer(
    name="kh121",
    cls=Group,
    help="Theo dõi thực hiện một kế hoạch cấp tỉnh (nhiệm vụ, thời hạn, báo cáo định kỳ) trên tệp"
    " văn bản thuần.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
report_app = typer.Typer(
    cls=Group, help="Tệp báo cáo của các cơ quan.", no_args_is_help=True, rich_markup_mode=None
)
calendar_app = typer.Typer(
    cls=Group, help="Lịch làm việc và ngày nghỉ lễ.", no_args_is_help=True, rich_markup_mode=None
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
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="Ngôn ngữ của lệnh và của hướng dẫn: vi (mặc định) hoặc en; cũng đặt được bằng"
            " biến KH121_LANG.",
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            hidden=True,
            help="Coi ngày này là hôm nay (cho thử nghiệm); cũng đặt được bằng biến KH121_TODAY.",
        ),
    ] = None,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="In thẳng ra màn hình, không qua trình xem từng trang (mặc định: khi kết quả"
            " dài hơn màn hình thì xem bằng less; đổi bằng biến KH121_PAGER; không bao giờ khi"
            " chuyển tiếp qua ống |).",
        ),
    ] = False,
) -> None:
    """Theo dõi thực hiện một kế hoạch cấp tỉnh trên tệp văn bản thuần."""
    if today is not None:
        import os

        os.environ["KH121_TODAY"] = today


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
    str | None,
    typer.Option("--lang", help="Ngôn ngữ: vi (mặc định) hoặc en.", case_sensitive=False),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Ngày xét, 2026-11-29 hoặc 29/11/2026 (mặc định: hôm nay, giờ Việt Nam).",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON.")]


def _lang(lang: str | None) -> str:
    """The language asked on this command, or before it (`kh121 --lang en …`), or in
    KH121_LANG (the command group has read both before parsing)."""
    if lang is None:
        return LANG.get()
    lang = lang.lower()
    if lang not in ("vi", "en"):
        raise typer.BadParameter("vi | en", param_hint="--lang")
    return lang


def _as_of(text: str | None, option: str = "--as-of") -> dt.date:
    from kh121.clock import today
    from kh121.dates import DateError, parse_date

    if text is None:
        return today()  # KH121_TODAY / --today when set: one today for every command
    try:
        return parse_date(text)
    except DateError as e:
        said = f"'{text}': {e.why(LANG.get())}; " + (
            "write 29/11/2026 or 2026-11-29"
            if LANG.get() == "en"
            else "viết 29/11/2026 hoặc 2026-11-29"
        )
        raise typer.BadParameter(said, param_hint=option) from None


def _complete_agencies(incomplete: str) -> list[str]:
    from kh121 import complete

    return complete.agencies(incomplete)


def _complete_tasks_and_agencies(incomplete: str) -> list[str]:
    from kh121 import complete

    return complete.tasks_and_agencies(incomplete)


def _complete_states(incomplete: str) -> list[str]:
    from kh121 import complete

    return complete.states(incomplete)


def _complete_periods(incomplete: str) -> list[str]:
    from kh121 import complete

    return complete.periods(incomplete)


def _root(root: Path | None) -> Path:
    from kh121.paths import find_root

    return find_root(root)


NoCacheOpt = Annotated[
    bool,
    typer.Option("--no-cache", help="Không dùng bộ nhớ đệm (hoặc đặt biến KH121_NO_CACHE=1)."),
]


@app.command()
@guarded
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
    lang: LangOpt = None,
    as_json: JsonOpt = False,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            help="Dạng in: text (mặc định), json, github (chú thích tại dòng trong GitHub/Gitea"
            " Actions), gitlab (báo cáo Code Quality của GitLab).",
        ),
    ] = "text",
) -> int:
    """Kiểm tra data/ và các tệp báo cáo; in mọi lỗi kèm tệp, dòng, cột.

    Mã thoát 0 khi không có lỗi (cho phép cảnh báo), 1 khi có lỗi, 2 khi dùng sai lệnh.
    """
    from kh121.commands import validate as cmd
    from kh121.presenters.ci_formats import FORMATS

    if output_format not in FORMATS:
        raise typer.BadParameter(" | ".join(FORMATS), param_hint="--format")
    if as_json and output_format not in ("text", "json"):
        raise typer.BadParameter("--json | --format", param_hint="--format")
    return cmd.run(
        root=_root(root),
        targets=list(targets or []),
        as_of=_as_of(as_of),
        lang=_lang(lang),
        as_json=as_json,
        output_format=output_format,
    )


@app.command()
@guarded
def schema(
    out: Annotated[Path, typer.Option("--out", "-o", help="Thư mục ghi lược đồ.")] = Path(
        "schemas"
    ),
    check: Annotated[
        bool, typer.Option("--check", help="Không ghi; mã thoát 1 nếu lược đồ đã cũ.")
    ] = False,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """Ghi JSON Schema của từng loại tệp vào schemas/ (để trình soạn thảo gợi ý khóa)."""
    from kh121.commands import schema as cmd

    folder = out if out.is_absolute() or root is None else root / out
    return cmd.run(folder=folder, check=check, lang=_lang(lang))


def main() -> None:
    app()


@calendar_app.command("update")
@guarded
def calendar_update(
    years: Annotated[
        str, typer.Option("--years", help="Các năm, ví dụ 2023-2030 hoặc 2026,2027.")
    ] = "",
    country: Annotated[str, typer.Option("--country", help="Mã quốc gia của gói holidays.")] = "VN",
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """Ghi ngày nghỉ lễ các năm vào data/calendar.yaml (giữ ngày nghỉ, ngày làm bù nhập tay)."""
    from kh121.commands import calendar as cmd

    return cmd.run(root=_root(root), years=years, country=country, lang=_lang(lang))


AgencyOpt = Annotated[
    str | None,
    typer.Option(
        "--agency",
        autocompletion=_complete_agencies,
        help="Mã hoặc một phần tên cơ quan, có dấu hay không dấu"
        ' (ví dụ SYT, "y te"); tên cũ tìm ra cơ quan kế nhiệm.',
    ),
]


@app.command()
@guarded
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
            help='Lọc theo từng lượt của nhiệm vụ: "quá hạn", "sắp đến hạn",'
            ' "đã hoàn thành", "đang thực hiện", "chưa thực hiện", "chưa có báo'
            ' cáo", "hoàn thành đúng hạn", "hoàn thành quá hạn", "trong hạn",'
            ' "chưa hoàn thành, quá hạn" (có dấu hay không dấu đều được).',
            autocompletion=_complete_states,
        ),
    ] = None,
    soon: Annotated[
        int, typer.Option("--soon", min=0, help="Số ngày coi là sắp đến hạn.")
    ] = SOON_DAYS,
    wide: Annotated[
        bool,
        typer.Option(
            "--wide",
            help="Thêm cột chủ trì, thời hạn, báo cáo gần nhất (cột chủ trì và báo cáo cần"
            " màn hình từ 120 cột; hẹp hơn thì bỏ hai cột này và ghi chú lý do).",
        ),
    ] = False,
    as_json: JsonOpt = False,
    no_cache: NoCacheOpt = False,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """Tình hình từng nhiệm vụ theo phần, từng lượt, và cơ quan nào chưa gửi báo cáo."""
    from kh121 import cache
    from kh121.commands import status as cmd

    return cmd.run_status(
        root=_root(root),
        as_of=_as_of(as_of),
        agency=agency,
        section=section,
        state=state,
        soon=soon,
        wide=wide,
        as_json=as_json,
        lang=_lang(lang),
        use_cache=cache.enabled(no_cache),
    )


@app.command()
@guarded
def overdue(
    as_of: AsOfOpt = None,
    within: Annotated[
        int, typer.Option("--within", min=0, help="Kèm mọi lượt đến hạn trong số ngày này.")
    ] = SOON_DAYS,
    agency: AgencyOpt = None,
    as_json: JsonOpt = False,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Mã thoát 1 nếu có việc quá hạn hay báo cáo chưa gửi."),
    ] = False,
    no_cache: NoCacheOpt = False,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """Việc quá hạn, sắp đến hạn và báo cáo còn nợ, theo cơ quan phải đôn đốc hôm nay."""
    from kh121 import cache
    from kh121.commands import status as cmd

    return cmd.run_overdue(
        root=_root(root),
        as_of=_as_of(as_of),
        within=within,
        agency=agency,
        as_json=as_json,
        exit_code=exit_code,
        lang=_lang(lang),
        use_cache=cache.enabled(no_cache),
    )


@app.command()
@guarded
def show(
    what: Annotated[
        str,
        typer.Argument(
            help="Mã nhiệm vụ (ví dụ III.7) hoặc mã hay tên cơ quan.",
            show_default=False,
            autocompletion=_complete_tasks_and_agencies,
        ),
    ],
    as_of: AsOfOpt = None,
    as_json: JsonOpt = False,
    no_cache: NoCacheOpt = False,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """Mọi điều về một nhiệm vụ (từng lượt, từng báo cáo), hoặc về một cơ quan."""
    from kh121 import cache
    from kh121.commands import status as cmd

    return cmd.run_show(
        root=_root(root),
        as_of=_as_of(as_of),
        what=what,
        as_json=as_json,
        lang=_lang(lang),
        use_cache=cache.enabled(no_cache),
    )


AgencyArg = Annotated[
    str | None,
    typer.Argument(
        help="Mã hoặc tên cơ quan (có dấu hay không dấu).",
        show_default=False,
        autocompletion=_complete_agencies,
    ),
]
PeriodOpt = Annotated[
    str,
    typer.Option("--period", help="Kỳ báo cáo, dạng NĂM-KỲ.", autocompletion=_complete_periods),
]


@report_app.command("new")
@guarded
def report_new(
    agency: AgencyArg = None,
    period: PeriodOpt = ...,  # type: ignore[assignment]
    out: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Tệp ghi ra (mặc định reports/KỲ/MÃ.yaml)."),
    ] = None,
    clerk: Annotated[
        bool,
        typer.Option("--clerk", help="Tạo tệp nội dung tự viết của cơ quan tổng hợp cho kỳ này."),
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="Tạo cả cho cơ quan không thuộc danh sách báo cáo."),
    ] = False,
    missing: Annotated[
        bool,
        typer.Option(
            "--missing",
            help="Tạo tệp cho mọi cơ quan chưa gửi báo cáo kỳ này (bỏ qua tệp đã có).",
        ),
    ] = False,
    as_of: AsOfOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """Tạo tệp báo cáo điền sẵn (bản nháp) cho một cơ quan và một kỳ; không bao giờ ghi đè."""
    from kh121.commands import report_new as cmd

    return cmd.run_new(
        root=_root(root),
        query=agency,
        period_text=period,
        out=out,
        clerk=clerk,
        force=force,
        missing=missing,
        as_of=_as_of(as_of),
        lang=_lang(lang),
    )


@report_app.command("form")
@guarded
def report_form(
    agency: AgencyArg = None,
    period: PeriodOpt = ...,  # type: ignore[assignment]
    every: Annotated[
        bool, typer.Option("--all", help="Mẫu cho mọi cơ quan phải báo cáo kỳ này.")
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Tệp .docx (hoặc thư mục với --all)."),
    ] = None,
    as_of: AsOfOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """Mẫu báo cáo Word cho cơ quan điền (các nhiệm vụ của cơ quan trong kỳ)."""
    from kh121.commands import form as cmd

    return cmd.run_form(
        root=_root(root),
        query=agency,
        period_text=period,
        every=every,
        out=out,
        as_of=_as_of(as_of),
        lang=_lang(lang),
    )


@report_app.command("import")
@guarded
def report_import(
    files: Annotated[
        list[Path], typer.Argument(help="Các mẫu Word đã điền (.docx).", show_default=False)
    ],
    received: Annotated[
        str | None,
        typer.Option("--received", help="Ngày nhận chính thức (không có: bản nháp)."),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Thay tệp báo cáo đã có (bản cũ giữ lại bên cạnh)."),
    ] = False,
    no_keep: Annotated[
        bool, typer.Option("--no-keep", help="Không giữ tệp Word bên cạnh tệp báo cáo.")
    ] = False,
    as_of: AsOfOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """Nhập các mẫu Word đã điền thành tệp báo cáo; kiểm tra như tệp viết tay."""
    from kh121.commands import form as cmd

    return cmd.run_import(
        root=_root(root),
        files=files,
        received=_as_of(received, "--received") if received else None,
        replace=replace,
        keep=not no_keep,
        as_of=_as_of(as_of),
        lang=_lang(lang),
    )


@app.command()
@guarded
def merge(
    period: Annotated[
        str | None,
        typer.Argument(
            help="Kỳ báo cáo, dạng NĂM-KỲ.", show_default=False, autocompletion=_complete_periods
        ),
    ] = None,
    all_periods: Annotated[
        bool, typer.Option("--all", help="Mọi kỳ có thư mục trong reports/.")
    ] = False,
    check: Annotated[
        bool,
        typer.Option("--check", help="Không ghi; mã thoát 1 nếu tệp tổng hợp thiếu hoặc đã cũ."),
    ] = False,
    as_of: AsOfOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """Tổng hợp các báo cáo đã nhận của kỳ vào reports/KỲ/_tong_hop.yaml.

    Không sửa tệp của cơ quan. --as-of dùng để từ chối báo cáo ghi ngày trong tương lai.
    """
    from kh121.commands import merge as cmd

    if all_periods == (period is not None):
        raise typer.BadParameter("một KỲ hoặc --all", param_hint="PERIOD")
    return cmd.run_merge(
        root=_root(root),
        period_text=period,
        check=check,
        as_of=_as_of(as_of),
        lang=_lang(lang),
    )


# The options of the two Word reports (render, review).
DocxOutOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Tệp .docx ghi ra.")]
ReportNumberOpt = Annotated[
    str | None, typer.Option("--number", help="Số báo cáo (phần trước dấu /, hoặc cả số).")
]
ReportDraftOpt = Annotated[
    bool,
    typer.Option(
        "--draft",
        help="Bản dự thảo: cho phép chỗ trống (số, người ký, phần đánh giá), đánh dấu rõ"
        " và ghi DỰ THẢO ở đầu trang.",
    ),
]
PdfOpt = Annotated[
    bool, typer.Option("--pdf", help="Ghi thêm bản PDF bên cạnh, chuyển bằng LibreOffice.")
]


@app.command()
@guarded
def render(
    period: Annotated[str, typer.Argument(help="Kỳ báo cáo, dạng NĂM-KỲ.")],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Số liệu tính đến ngày này (mặc định: ngày ban hành báo cáo, rồi hôm nay).",
        ),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option("--template", help="Mẫu .docx khác (mặc định theo data/report.yaml)."),
    ] = None,
    out: DocxOutOpt = None,
    number: ReportNumberOpt = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Ngày ban hành (mặc định: date trong _danh_gia.yaml, rồi ngày xét).",
        ),
    ] = None,
    draft: ReportDraftOpt = False,
    pdf: PdfOpt = False,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """Xuất báo cáo Word của kỳ từ tệp tổng hợp, theo thể thức Nghị định 30/2020/NĐ-CP."""
    from kh121.commands import render as cmd

    return cmd.run(
        root=_root(root),
        period_text=period,
        as_of=_as_of(as_of) if as_of else None,
        template=template,
        out=out,
        number=number,
        date=_as_of(date, "--date") if date else None,
        draft=draft,
        pdf=pdf,
        lang=_lang(lang),
    )


@app.command()
@guarded
def review(
    first: Annotated[
        int | None,
        typer.Option("--from", help="Năm đầu (mặc định: năm bắt đầu kế hoạch)."),
    ] = None,
    last: Annotated[
        int | None,
        typer.Option("--to", help="Năm cuối (mặc định: năm của ngày xét)."),
    ] = None,
    as_of: AsOfOpt = None,
    as_json: JsonOpt = False,
    docx: Annotated[
        bool,
        typer.Option("--docx", help="Xuất báo cáo sơ kết (tổng kết) Word theo Nghị định 30."),
    ] = False,
    out: DocxOutOpt = None,
    number: ReportNumberOpt = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Ngày ban hành (mặc định: date trong tệp sơ kết, rồi ngày xét).",
        ),
    ] = None,
    draft: ReportDraftOpt = False,
    pdf: PdfOpt = False,
    scaffold: Annotated[
        bool,
        typer.Option(
            "--scaffold",
            help="Tạo tệp reports/_so_ket_TỪ-ĐẾN.yaml cho phần người viết (không ghi đè).",
        ),
    ] = False,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """Sơ kết, tổng kết: số liệu theo năm, lĩnh vực, cơ quan và báo cáo Word nhiều năm."""
    from kh121.commands import review as cmd

    return cmd.run(
        root=_root(root),
        first=first,
        last=last,
        as_of=_as_of(as_of),
        as_json=as_json,
        docx=docx,
        out=out,
        number=number,
        date=_as_of(date, "--date") if date else None,
        draft=draft,
        pdf=pdf,
        scaffold=scaffold,
        lang=_lang(lang),
    )


@app.command()
@guarded
def remind(
    period: Annotated[
        str | None,
        typer.Argument(
            help="Kỳ báo cáo, dạng NĂM-KỲ (mặc định: kỳ gần nhất đã đến hạn).",
            show_default=False,
            autocompletion=_complete_periods,
        ),
    ] = None,
    as_of: AsOfOpt = None,
    agency: Annotated[
        list[str] | None,
        typer.Option(
            "--agency",
            help="Chỉ đôn đốc cơ quan này (lặp lại được).",
            autocompletion=_complete_agencies,
        ),
    ] = None,
    each: Annotated[
        bool, typer.Option("--each", help="Mỗi cơ quan một công văn, trong một thư mục.")
    ] = False,
    number: Annotated[
        str | None,
        typer.Option("--number", help="Số công văn (phần trước dấu /, hoặc cả số)."),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help="Ngày ban hành (mặc định: ngày xét)."),
    ] = None,
    reply_by: Annotated[
        str | None,
        typer.Option(
            "--reply-by",
            help="Hạn gửi lại (mặc định: sau số ngày làm việc trong dữ liệu).",
        ),
    ] = None,
    reply_days: Annotated[
        int | None,
        typer.Option("--reply-days", min=1, max=60, help="Hạn gửi lại sau số ngày làm việc này."),
    ] = None,
    draft: Annotated[
        bool, typer.Option("--draft", help="Bản dự thảo: cho phép thiếu số, ghi DỰ THẢO.")
    ] = False,
    text: Annotated[
        bool, typer.Option("--text", help="In công văn dạng văn bản thuần (thư điện tử).")
    ] = False,
    as_json: JsonOpt = False,
    record: Annotated[
        bool,
        typer.Option(
            "--record", help="Ghi công văn vào sổ đôn đốc của kỳ (reports/KỲ/_don_doc.yaml)."
        ),
    ] = False,
    out: Annotated[
        Path | None, typer.Option("--output", "-o", help="Tệp .docx (hoặc thư mục với --each).")
    ] = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """Công văn đôn đốc các cơ quan còn nợ báo cáo hay việc quá hạn, và sổ đôn đốc."""
    from kh121.commands import remind as cmd

    return cmd.run(
        root=_root(root),
        period_text=period,
        as_of=_as_of(as_of),
        agencies=agency or [],
        each=each,
        number=number,
        date=_as_of(date, "--date") if date else None,
        reply_by=_as_of(reply_by, "--reply-by") if reply_by else None,
        reply_days=reply_days,
        draft=draft,
        as_text=text,
        as_json=as_json,
        record=record,
        out=out,
        lang=_lang(lang),
    )


@app.command()
@guarded
def page(
    as_of: AsOfOpt = None,
    out: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Tệp .html (mặc định reports/trang_theo_doi.html)."),
    ] = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """Trang theo dõi cho lãnh đạo: số liệu và biểu đồ trong một tệp HTML, không cần mạng."""
    from kh121.commands import page as cmd

    return cmd.run(root=_root(root), as_of=_as_of(as_of), out=out, lang=_lang(lang))


@app.command()
@guarded
def export(
    xlsx: Annotated[
        bool,
        typer.Option(
            "--xlsx",
            help="Tệp Excel: tổng hợp, từng lượt nhiệm vụ, báo cáo theo kỳ, đôn đốc.",
        ),
    ] = False,
    as_of: AsOfOpt = None,
    out: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Tệp .xlsx (mặc định reports/theo_doi_NGÀY.xlsx)."),
    ] = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """Xuất tình hình ra tệp để lọc, dùng lại và in (Excel, LibreOffice)."""
    from kh121.commands import export as cmd

    if not xlsx:
        said = "choose the kind of file: --xlsx" if LANG.get() == "en" else "chọn dạng tệp: --xlsx"
        raise typer.BadParameter(said, param_hint="--xlsx")
    return cmd.run(root=_root(root), as_of=_as_of(as_of), out=out, lang=_lang(lang))


@app.command()
@guarded
def fmt(
    targets: Annotated[
        list[Path] | None,
        typer.Argument(help="Tệp hoặc thư mục (mặc định: data/ và reports/).", show_default=False),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Không ghi; in phần khác và mã thoát 1 nếu cần định dạng."),
    ] = False,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """Viết lại tệp dữ liệu và báo cáo theo dạng chuẩn, giữ mọi chú thích và giá trị."""
    from kh121.commands import fmt as cmd

    return cmd.run(root=_root(root), given=list(targets or []), check=check, lang=_lang(lang))


@app.command()
@guarded
def diff(
    rev: Annotated[str | None, typer.Argument(help="Phiên bản gốc (mặc định HEAD).")] = None,
    rev2: Annotated[
        str | None, typer.Argument(help="Phiên bản so sánh (mặc định: thư mục làm việc).")
    ] = None,
    as_json: JsonOpt = False,
    setup: Annotated[
        bool,
        typer.Option(
            "--setup",
            help="Đặt cho kho git này trình so sánh theo nội dung (textconv) trỏ tới kh121"
            " đang dùng, chạy được cả khi kh121 chỉ có trong môi trường ảo.",
        ),
    ] = False,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """So sánh kế hoạch, cơ quan và báo cáo giữa hai phiên bản git, theo nội dung."""
    from kh121.commands import diff as cmd

    if setup:
        return cmd.setup(root=_root(root), lang=_lang(lang))
    return cmd.run(root=_root(root), rev=rev, rev2=rev2, as_json=as_json, lang=_lang(lang))


@app.command(hidden=True)
@guarded
def textconv(
    path: Annotated[Path, typer.Argument(help="Tệp do git đưa vào.")],
    lang: LangOpt = None,
) -> int:
    """Dạng từng dòng của một tệp, cho git diff (textconv)."""
    from kh121.commands import diff as cmd

    return cmd.textconv(path=path, lang=_lang(lang))
