"""The command line's own words in the user's language: help, usage and usage errors.

typer vendors click, whose help and errors are English strings in code ("Usage:", "Show
this message and exit.", "No such option"). kh121 keeps its help texts in Vietnamese and
lays every word of help and of usage errors out through here: a help formatter that writes
the headings, the usage line, the metavars and the defaults in the chosen language (with
English help texts from `ENGLISH`), and one function that tells a usage error. The language
is chosen before click parses anything (`--lang` anywhere on the line, else `KH121_LANG`,
else Vietnamese), so that `kh121 status --help --lang en` is English too.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from typing import Any, TextIO

import typer
from typer.core import TyperGroup

LANG: ContextVar[str] = ContextVar("kh121_lang", default="vi")
_click: Any = typer.core._click  # type: ignore[attr-defined]  # the click typer uses
_HelpFormatter: Any = _click.formatting.HelpFormatter

WORDS: dict[str, tuple[str, str]] = {
    "Usage: ": ("Cách dùng: ", "Usage: "),
    "Options": ("Tùy chọn", "Options"),
    "Commands": ("Lệnh", "Commands"),
    "Arguments": ("Tham số", "Arguments"),
    "Show this message and exit.": ("In hướng dẫn này rồi thoát.", "Show this message and exit."),
    "Install completion for the current shell.": (
        "Cài gợi ý hoàn thành lệnh (phím Tab) cho shell đang dùng: bash, zsh, fish.",
        "Install completion (the Tab key) for the current shell: bash, zsh, fish.",
    ),
    "Show completion for the current shell, to copy it or customize the installation.": (
        "In đoạn mã gợi ý hoàn thành lệnh cho shell đang dùng, để tự cài.",
        "Print the completion script for the current shell, to install it by hand.",
    ),
    "[OPTIONS]": ("[TÙY_CHỌN]", "[OPTIONS]"),
    "COMMAND [ARGS]...": ("LỆNH [THAM_SỐ]...", "COMMAND [ARGS]..."),
}
# What to type after an option or for an argument, by its name.
METAVARS: dict[str, tuple[str, str]] = {
    "--as-of": ("NGÀY", "DATE"),
    "--date": ("NGÀY", "DATE"),
    "--agency": ("CƠ_QUAN", "AGENCY"),
    "--section": ("PHẦN", "SECTION"),
    "--state": ("TRẠNG_THÁI", "STATE"),
    "--soon": ("SỐ_NGÀY", "DAYS"),
    "--within": ("SỐ_NGÀY", "DAYS"),
    "--root": ("THƯ_MỤC", "FOLDER"),
    "--out": ("THƯ_MỤC", "FOLDER"),
    "--lang": ("vi|en", "vi|en"),
    "--period": ("KỲ", "PERIOD"),
    "--output": ("TỆP", "FILE"),
    "--format": ("text|json|github|gitlab", "text|json|github|gitlab"),
    "--template": ("TỆP", "FILE"),
    "--number": ("SỐ", "NUMBER"),
    "--years": ("NĂM", "YEARS"),
    "--from": ("NĂM", "YEAR"),
    "--to": ("NĂM", "YEAR"),
    "--reply-by": ("NGÀY", "DATE"),
    "--received": ("NGÀY", "DATE"),
    "files": ("TỆP", "FILE"),
    "--reply-days": ("SỐ_NGÀY", "DAYS"),
    "--country": ("MÃ", "CODE"),
    "--install-completion": ("", ""),
    "--show-completion": ("", ""),
    "agency": ("CƠ_QUAN", "AGENCY"),
    "targets": ("TỆP", "FILE"),
    "period": ("KỲ", "PERIOD"),
    "rev": ("PHIÊN_BẢN", "REVISION"),
    "rev2": ("PHIÊN_BẢN_2", "REVISION_2"),
    "path": ("TỆP", "FILE"),
    "what": ("NHIỆM_VỤ|CƠ_QUAN", "TASK|AGENCY"),
}

# Every help text of kh121's commands and options, in English (the Vietnamese is the key).
ENGLISH: dict[str, str] = {
    "Sơ kết, tổng kết: số liệu theo năm, lĩnh vực, cơ quan và báo cáo Word nhiều năm.": "Review"
    " over years (sơ kết, tổng kết): figures by year, section and agency, and a Word report.",
    "Năm đầu (mặc định: năm bắt đầu kế hoạch).": "First year (default: the plan's first).",
    "Năm cuối (mặc định: năm của ngày xét).": "Last year (default: the year of --as-of).",
    "Xuất báo cáo sơ kết (tổng kết) Word theo Nghị định 30.": "Write the review as a Word"
    " report (Decree 30).",
    "Ngày ban hành (mặc định: date trong tệp sơ kết, rồi ngày xét).": "Date of issue (default:"
    " date in the review file, else --as-of).",
    "Tạo tệp reports/_so_ket_TỪ-ĐẾN.yaml cho phần người viết (không ghi đè).": "Write"
    " reports/_so_ket_FROM-TO.yaml for the parts a person writes (never overwritten).",
    "Theo dõi thực hiện một kế hoạch cấp tỉnh (nhiệm vụ, thời hạn, báo cáo định kỳ) trên tệp"
    " văn bản thuần.": "Track a provincial plan (tasks, deadlines, periodic reports) over plain"
    " files.",
    "In phiên bản và thoát.": "Print the version and exit.",
    "In thẳng ra màn hình, không qua trình xem từng trang (mặc định: khi kết quả dài hơn màn"
    " hình thì xem bằng less; đổi bằng biến KH121_PAGER; không bao giờ khi chuyển tiếp qua ống"
    " |).": "Print straight to the screen, without a pager (by default, output taller than the"
    " screen is shown in less; KH121_PAGER names another; never when piped).",
    "Ngôn ngữ của lệnh và của hướng dẫn: vi (mặc định) hoặc en; cũng đặt được bằng biến"
    " KH121_LANG.": "Language of the output and of the help: vi (default) or en; also the"
    " KH121_LANG variable.",
    "Kiểm tra data/ và các tệp báo cáo; in mọi lỗi kèm tệp, dòng, cột.\n\nMã thoát 0 khi không có"
    " lỗi (cho phép cảnh báo), 1 khi có lỗi, 2 khi dùng sai lệnh.": "Check data/ and the report"
    " files; print every problem with its file, line and column.\n\nExit 0 with no error"
    " (warnings allowed), 1 with errors, 2 on a usage mistake.",
    "Tệp hoặc thư mục báo cáo cần kiểm tra (mặc định: cả reports/).": "Report files or"
    " folders to check (default: all of reports/).",
    "Thư mục chứa data/, reports/, templates/ (mặc định: thư mục hiện tại hoặc cha gần nhất có"
    " data/tasks.yaml; hoặc biến KH121_ROOT).": "The folder holding data/, reports/,"
    " templates/ (default: the current folder or the nearest parent with data/tasks.yaml; or"
    " the KH121_ROOT variable).",
    "Ngày xét, 2026-11-29 hoặc 29/11/2026 (mặc định: hôm nay, giờ Việt Nam).": "The day to"
    " judge on, 2026-11-29 or 29/11/2026 (default: today, Vietnam time).",
    "Ngôn ngữ: vi (mặc định) hoặc en.": "Language: vi (default) or en.",
    "In kết quả dạng JSON.": "Print the result as JSON.",
    "Ghi JSON Schema của từng loại tệp vào schemas/ (để trình soạn thảo gợi ý khóa).": "Write"
    " the JSON Schema of each kind of file to schemas/ (for editors to suggest keys).",
    "Thư mục ghi lược đồ.": "The folder to write the schemas to.",
    "Không ghi; mã thoát 1 nếu lược đồ đã cũ.": "Write nothing; exit 1 if the schemas are"
    " out of date.",
    "Tình hình từng nhiệm vụ theo phần, từng lượt, và cơ quan nào chưa gửi báo cáo.": "Each"
    " task by section, occurrence by occurrence, and which agencies have not reported.",
    'Mã hoặc một phần tên cơ quan, có dấu hay không dấu (ví dụ SYT, "y te"); tên cũ tìm ra'
    " cơ quan kế nhiệm.": "An agency's code or part of its name, with or without diacritics"
    ' (e.g. SYT, "y te"); an old name finds its successor.',
    "Phần: I, II, III, IV, V.": "Section: I, II, III, IV, V.",
    'Lọc theo từng lượt của nhiệm vụ: "quá hạn", "sắp đến hạn", "đã hoàn thành", "đang thực'
    ' hiện", "chưa thực hiện", "chưa có báo cáo", "hoàn thành đúng hạn", "hoàn thành quá hạn",'
    ' "trong hạn", "chưa hoàn thành, quá hạn" (có dấu hay không dấu đều được).': "Filters each"
    " occurrence of a task: overdue, soon, done, in_progress, not_started, no_report, or a"
    " bin: done_on_time, done_late, open_in_time, open_overdue (the Vietnamese words work"
    " too).",
    "Số ngày coi là sắp đến hạn.": "How many days ahead count as due soon.",
    "Thêm cột chủ trì, thời hạn, báo cáo gần nhất (cột chủ trì và báo cáo cần màn hình từ 120"
    " cột; hẹp hơn thì bỏ hai cột này và ghi chú lý do).": "Add the lead, deadline and last"
    " report columns (the lead and report columns need a screen of 120 columns; narrower, they"
    " are left out and a note says so).",
    "Không dùng bộ nhớ đệm (hoặc đặt biến KH121_NO_CACHE=1).": "Do not use the cache (or set"
    " KH121_NO_CACHE=1).",
    "Việc quá hạn, sắp đến hạn và báo cáo còn nợ, theo cơ quan phải đôn đốc hôm nay.": "What is"
    " overdue, due soon and owed, by the agency to chase today.",
    "Kèm mọi lượt đến hạn trong số ngày này.": "Include every occurrence due within this many"
    " days.",
    "Mã thoát 1 nếu có việc quá hạn hay báo cáo chưa gửi.": "Exit 1 if anything is overdue or a"
    " report is missing.",
    "Mọi điều về một nhiệm vụ (từng lượt, từng báo cáo), hoặc về một cơ quan.": "Everything"
    " about one task (each occurrence, each report), or about one agency.",
    "Mã nhiệm vụ (ví dụ III.7) hoặc mã hay tên cơ quan.": "A task id (e.g. III.7) or an"
    " agency's code or name.",
    "Tổng hợp các báo cáo đã nhận của kỳ vào reports/KỲ/_tong_hop.yaml.\n\nKhông sửa tệp của"
    " cơ quan. --as-of dùng để từ chối báo cáo ghi ngày trong tương lai.": "Consolidate the"
    " reports received for a period into reports/PERIOD/_tong_hop.yaml.\n\nNever changes an"
    " agency's file. --as-of refuses reports dated in the future.",
    "Kỳ báo cáo, dạng NĂM-KỲ.": "The reporting period, as YEAR-KEY.",
    "Mọi kỳ có thư mục trong reports/.": "Every period with a folder in reports/.",
    "Không ghi; mã thoát 1 nếu tệp tổng hợp thiếu hoặc đã cũ.": "Write nothing; exit 1 if the"
    " consolidation is missing or out of date.",
    "Xuất báo cáo Word của kỳ từ tệp tổng hợp, theo thể thức Nghị định 30/2020/NĐ-CP.": "Render"
    " the period's Word report from its consolidation, in the layout of Decree"
    " 30/2020/NĐ-CP.",
    "Mẫu .docx khác (mặc định theo data/report.yaml).": "Another .docx template (default: as"
    " data/report.yaml says).",
    "Tệp .docx ghi ra.": "The .docx file to write.",
    "Số báo cáo (phần trước dấu /, hoặc cả số).": "The report's number (the part before the /,"
    " or the whole number).",
    "Ngày ban hành (mặc định: date trong _danh_gia.yaml, rồi ngày xét).": "The date of issue"
    " (default: date in _danh_gia.yaml, else the day judged on).",
    "Số liệu tính đến ngày này (mặc định: ngày ban hành báo cáo, rồi hôm nay).": "The figures"
    " as of this day (default: the report's date of issue, else today).",
    "Bản dự thảo: cho phép chỗ trống (số, người ký, phần đánh giá), đánh dấu rõ và ghi DỰ THẢO"
    " ở đầu trang.": "A draft: placeholders (number, signer, assessment) allowed, marked, and"
    " DỰ THẢO in the page header.",
    "Ghi thêm bản PDF bên cạnh, chuyển bằng LibreOffice.": "Also write a PDF beside it,"
    " converted by LibreOffice.",
    "Viết lại tệp dữ liệu và báo cáo theo dạng chuẩn, giữ mọi chú thích và giá trị.": "Rewrite"
    " data and report files in the canonical form, keeping every comment and value.",
    "Tệp hoặc thư mục (mặc định: data/ và reports/).": "Files or folders (default: data/ and"
    " reports/).",
    "Không ghi; in phần khác và mã thoát 1 nếu cần định dạng.": "Write nothing; print the"
    " difference and exit 1 if formatting is needed.",
    "So sánh kế hoạch, cơ quan và báo cáo giữa hai phiên bản git, theo nội dung.": "Compare the"
    " plan, the agencies and the reports between two git revisions, by meaning.",
    "Phiên bản gốc (mặc định HEAD).": "The base revision (default HEAD).",
    "Đặt cho kho git này trình so sánh theo nội dung (textconv) trỏ tới kh121 đang dùng, chạy"
    " được cả khi kh121 chỉ có trong môi trường ảo.": "Point this git repository's diff by"
    " meaning (textconv) at the kh121 in use; it works when kh121 is only in a virtual"
    " environment.",
    "Phiên bản so sánh (mặc định: thư mục làm việc).": "The revision to compare (default: the"
    " working tree).",
    "Dạng từng dòng của một tệp, cho git diff (textconv).": "A file as lines, for git diff"
    " (textconv).",
    "Tệp do git đưa vào.": "The file git passes.",
    "Tệp báo cáo của các cơ quan.": "The agencies' report files.",
    "Tạo tệp báo cáo điền sẵn (bản nháp) cho một cơ quan và một kỳ; không bao giờ ghi đè.": "Write"
    " a pre-filled report file (a draft) for an agency and a period; never overwrites.",
    "Mã hoặc tên cơ quan (có dấu hay không dấu).": "An agency's code or name (with or without"
    " diacritics).",
    "Tệp ghi ra (mặc định reports/KỲ/MÃ.yaml).": "The file to write (default"
    " reports/PERIOD/CODE.yaml).",
    "Tạo tệp nội dung tự viết của cơ quan tổng hợp cho kỳ này.": "Write the consolidating"
    " agency's own text file for this period.",
    "Tạo cả cho cơ quan không thuộc danh sách báo cáo.": "Also for an agency that is not a"
    " reporter.",
    "Tạo tệp cho mọi cơ quan chưa gửi báo cáo kỳ này (bỏ qua tệp đã có).": "Write a file for"
    " every agency that has not reported for the period (files already there are kept).",
    "Lịch làm việc và ngày nghỉ lễ.": "Working days and public holidays.",
    "Mẫu cho mọi cơ quan phải báo cáo kỳ này.": "A form for every agency that reports for"
    " the period.",
    "Tệp .docx (hoặc thư mục với --all).": "The .docx file (or the folder with --all).",
    "Mẫu báo cáo Word cho cơ quan điền (các nhiệm vụ của cơ quan trong kỳ).": "A Word report"
    " form for an agency to fill in (its tasks for the period).",
    "Các mẫu Word đã điền (.docx).": "The filled Word forms (.docx).",
    "Ngày nhận chính thức (không có: bản nháp).": "The official date of receipt (none: a draft).",
    "Thay tệp báo cáo đã có (bản cũ giữ lại bên cạnh).": "Replace the report file already"
    " there (the old one is kept beside it).",
    "Không giữ tệp Word bên cạnh tệp báo cáo.": "Do not keep the Word file beside the report file.",
    "Nhập các mẫu Word đã điền thành tệp báo cáo; kiểm tra như tệp viết tay.": "Import filled"
    " Word forms as report files, checked as a hand-written one is.",
    "Tệp .html (mặc định reports/trang_theo_doi.html).": "The .html file (default"
    " reports/trang_theo_doi.html).",
    "Trang theo dõi cho lãnh đạo: số liệu và biểu đồ trong một tệp HTML, không cần mạng.": "A"
    " status page for leaders: figures and charts in one HTML file, no network needed.",
    "Kỳ báo cáo, dạng NĂM-KỲ (mặc định: kỳ gần nhất đã đến hạn).": "The reporting period, as"
    " YEAR-KEY (default: the latest one already due).",
    "Chỉ đôn đốc cơ quan này (lặp lại được).": "Remind only this agency (may be repeated).",
    "Mỗi cơ quan một công văn, trong một thư mục.": "One letter per agency, in a folder.",
    "Số công văn (phần trước dấu /, hoặc cả số).": "The letter's number (the part before the"
    " /, or the whole number).",
    "Ngày ban hành (mặc định: ngày xét).": "The date of issue (default: the day judged on).",
    "Hạn gửi lại (mặc định: sau số ngày làm việc trong dữ liệu).": "The date to reply by"
    " (default: the working days the data gives).",
    "Hạn gửi lại sau số ngày làm việc này.": "Reply within this many working days.",
    "Bản dự thảo: cho phép thiếu số, ghi DỰ THẢO.": "A draft: the number may be missing;"
    " marked DỰ THẢO.",
    "In công văn dạng văn bản thuần (thư điện tử).": "Print the letter as plain text (for e-mail).",
    "Ghi công văn vào sổ đôn đốc của kỳ (reports/KỲ/_don_doc.yaml).": "Record the letter in"
    " the period's reminders file (reports/PERIOD/_don_doc.yaml).",
    "Tệp .docx (hoặc thư mục với --each).": "The .docx file (or the folder with --each).",
    "Công văn đôn đốc các cơ quan còn nợ báo cáo hay việc quá hạn, và sổ đôn đốc.": "A"
    " reminder letter to the agencies that owe a report or an overdue task, and its record.",
    ("Ghi ngày nghỉ lễ các năm vào data/calendar.yaml (giữ ngày nghỉ, ngày làm bù nhập tay)."): (
        "Write the public holidays of the years to data/calendar.yaml (keeping days off and"
        " make-up days entered by hand)."
    ),
    "Các năm, ví dụ 2023-2030 hoặc 2026,2027.": "The years, e.g. 2023-2030 or 2026,2027.",
    "Mã quốc gia của gói holidays.": "The country code for the holidays package.",
    "Cài gợi ý hoàn thành lệnh cho shell đang dùng (bash, zsh, fish).": "Install command"
    " completion for the current shell (bash, zsh, fish).",
    "In đoạn mã gợi ý hoàn thành lệnh cho shell đang dùng.": "Print the completion script for"
    " the current shell.",
    "Dạng in: text (mặc định), json, github (chú thích tại dòng trong GitHub/Gitea Actions),"
    " gitlab (báo cáo Code Quality của GitLab).": "Output form: text (default), json, github"
    " (annotations at the line in GitHub/Gitea Actions), gitlab (a GitLab Code Quality report).",
    "Tệp Excel: tổng hợp, từng lượt nhiệm vụ, báo cáo theo kỳ, đôn đốc.": "An Excel file: the"
    " summary, each task occurrence, the reports by period, the reminders.",
    "Tệp .xlsx (mặc định reports/theo_doi_NGÀY.xlsx).": "The .xlsx file (default"
    " reports/theo_doi_DATE.xlsx).",
    "Xuất tình hình ra tệp để lọc, dùng lại và in (Excel, LibreOffice).": "Export the status"
    " to a file to filter, re-use and print (Excel, LibreOffice).",
}


def pick_lang(args: Sequence[str]) -> str:
    """`--lang X` or `--lang=X` anywhere on the line, else KH121_LANG, else Vietnamese."""
    found = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    chosen = (found or os.environ.get("KH121_LANG") or "vi").lower()
    return chosen if chosen in ("vi", "en") else "vi"


def _without_lang(args: list[str]) -> list[str]:
    """The line without its valid `--lang` options: read once, before parsing, so that one
    may stand anywhere (a group such as `report` has no option of its own to take it). An
    invalid value stays, for the command to refuse."""
    out: list[str] = []
    skip = False
    for i, arg in enumerate(args):
        if skip:
            skip = False
            continue
        if arg == "--":
            out.extend(args[i:])
            break
        if arg == "--lang" and i + 1 < len(args) and args[i + 1].lower() in ("vi", "en"):
            skip = True
            continue
        if arg.startswith("--lang=") and arg.split("=", 1)[1].lower() in ("vi", "en"):
            continue
        out.append(arg)
    return out


def word(text: str, lang: str) -> str:
    vi, en = WORDS.get(text, (text, text))
    return en if lang == "en" else vi


def help_text(text: str, lang: str) -> str:
    """A help text in the language: the Vietnamese as written, or its English."""
    if lang != "en":
        return text
    return ENGLISH.get(text) or ENGLISH.get(" ".join(text.split()), text)


_META = re.compile(r"<[a-z ]+>|\[(?:[a-z_0-9]+)\](?:\.\.\.)?|\b[a-z_0-9]+(?=\s|$)")


def _term(term: str, lang: str) -> str:
    """'--agency <str>' → '--agency CƠ_QUAN'; 'agency <str>' → 'CƠ_QUAN'."""
    first = term.split(",")[-1].strip().split(" ")[0].rstrip(".")
    meta = METAVARS.get(first)
    shown = (meta[1] if lang == "en" else meta[0]) if meta else None
    if "<" not in term:
        if term == first and shown:  # an argument without a metavar
            return shown
        return term
    if shown is None:
        inner = re.search(r"<([^>]+)>", term)
        shown = re.sub(r"\W+", "_", inner.group(1)).strip("_").upper() if inner else term
    if term.startswith("-"):
        return re.sub(r"<[^>]+>", shown, term)
    return shown + ("..." if "..." in term else "")


def _defaults(text: str, lang: str) -> str:
    text = re.sub(r";\s*x>=0\]", "]", text)
    text = re.sub(r"\[(\d+)<=x<=(\d+)\]", r"[\1–\2]", text)
    if lang == "en":
        return text
    return text.replace("[default: ", "[mặc định: ").replace("[required]", "[bắt buộc]")


def _usage_args(args: str, lang: str) -> str:
    out = []
    for piece in args.split(" "):
        bare = piece.strip("[]{}.")
        meta = METAVARS.get(bare)
        if meta:
            shown = meta[1] if lang == "en" else meta[0]
            piece = piece.replace(bare, shown)
        out.append(piece)
    text = " ".join(out)
    for english in ("[OPTIONS]", "COMMAND [ARGS]..."):
        text = text.replace(english, word(english, lang))
    return text


class Formatter(_HelpFormatter):  # type: ignore[misc]
    """click's help formatter, writing every word in the chosen language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        lang = LANG.get()
        super().write_usage(prog, _usage_args(args, lang), word("Usage: ", lang))

    def write_heading(self, heading: str) -> None:
        super().write_heading(word(heading, LANG.get()))

    def write_text(self, text: str) -> None:
        super().write_text(help_text(text, LANG.get()))

    def write_dl(self, rows: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        lang = LANG.get()
        out = []
        for term, text in rows:
            text = word(text, lang) if text in WORDS else text
            defaults = re.search(r"\s*\[(?:default|required|\d+<=x).*\]$", text)
            body = text[: defaults.start()] if defaults else text
            tail = _defaults(defaults.group(), lang) if defaults else ""
            out.append((_term(term, lang), help_text(body, lang) + tail))
        super().write_dl(out, *args, **kwargs)


class Context(typer.Context):
    formatter_class = Formatter

    def __init__(self, command: Any, *args: Any, **kwargs: Any) -> None:
        from kh121.cliparams import prime

        super().__init__(command, *args, **kwargs)
        prime(command, self)  # its values read without a pydantic adapter each


class Group(TyperGroup):
    """kh121's command group: its commands lay out help through `Formatter`, and usage
    errors are told by `show_usage_error` in the chosen language."""

    context_class = Context

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        cmd = super().get_command(ctx, cmd_name)
        if cmd is not None:
            cmd.context_class = Context
        return cmd

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        lang = LANG.get()
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is None or cmd.hidden:
                continue
            first = help_text(cmd.help or "", lang).split("\n")[0]
            rows.append((name, first))
        if rows:
            with formatter.section(word("Commands", lang)):
                formatter.write_dl(rows)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        from kh121 import pager

        raw = list(sys.argv[1:] if args is None else args)
        argv = [a for a in _without_lang(raw) if a != pager.NO_PAGER]
        token = LANG.set(pick_lang(raw))
        quiet = "_KH121_COMPLETE" in os.environ  # Tab completion: never a pager
        try:
            try:
                with pager.paged(raw if not quiet else [pager.NO_PAGER]):
                    code = super().main(
                        argv, prog_name or "kh121", complete_var, standalone_mode=False, **extra
                    )
            except _click.exceptions.NoArgsIsHelpError as exc:
                # `kh121`, `kh121 report` alone: a question, not a mistake — the help, exit 0
                print(exc.ctx.get_help())
                code = 0
            except _click.exceptions.UsageError as exc:
                show_usage_error(exc, LANG.get())
                code = 2
            except _click.exceptions.ClickException as exc:
                print(f"kh121: {exc.format_message()}", file=sys.stderr)
                code = exc.exit_code
            except typer.Abort:
                code = 1
        finally:
            LANG.reset(token)
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


_ENGLISH_ERRORS: tuple[tuple[re.Pattern[str], tuple[str, str]], ...] = (
    (re.compile(r"No such command '(.+?)'\."), ("không có lệnh '{0}';", "no such command '{0}';")),
    (re.compile(r"Did you mean (.+)\?"), ("có phải {0}?", "did you mean {0}?")),
    (
        re.compile(r"(?:Option )?'?(--?[\w-]+)'? requires an argument\.?"),
        ("tùy chọn {0} cần một giá trị", "option {0} needs a value"),
    ),
    (
        re.compile(r"Got unexpected extra arguments? \((.+)\)"),
        ("thừa tham số: {0}", "unexpected extra arguments: {0}"),
    ),
    (re.compile(r"Missing command\.?"), ("thiếu tên lệnh", "a command is missing")),
)


def _english_message(text: str, lang: str) -> str:
    out = text
    for pattern, (vi, en) in _ENGLISH_ERRORS:
        out = pattern.sub(_filler(en if lang == "en" else vi), out)
    return out


def _filler(template: str) -> Callable[[re.Match[str]], str]:
    def fill(m: re.Match[str]) -> str:
        return template.format(*m.groups())

    return fill


def error_message(exc: Any, lang: str) -> str:
    """A usage error in words: which option or argument, what is wrong, what would do."""
    E = _click.exceptions
    if isinstance(exc, E.NoSuchOption):
        text = (
            f"không có tùy chọn {exc.option_name}"
            if lang != "en"
            else f"no such option {exc.option_name}"
        )
        if exc.possibilities:
            maybe = ", ".join(sorted(exc.possibilities))
            text += f"; có phải {maybe}?" if lang != "en" else f"; did you mean {maybe}?"
        return text
    if isinstance(exc, E.MissingParameter):
        param = exc.param
        name = ""
        if param is not None:
            opts = [o for o in getattr(param, "opts", []) if o.startswith("--")]
            key = opts[0] if opts else (param.name or "")
            meta = METAVARS.get(key)
            name = (
                f"{opts[0]} {meta[1] if lang == 'en' else meta[0]}"
                if opts and meta
                else (meta[1] if lang == "en" else meta[0])
                if meta
                else key
            )
        return f"thiếu {name}" if lang != "en" else f"missing {name}"
    if isinstance(exc, E.BadParameter):
        hint = exc.param_hint
        if not hint and exc.param is not None:
            opts = [o for o in getattr(exc.param, "opts", []) if o.startswith("-")]
            hint = opts[-1] if opts else (exc.param.name or "")
        hint = str(hint).strip("'\"")
        message = exc.message
        if lang != "en":
            message = re.sub(r"Input should be a valid integer.*", "cần một số nguyên", message)
            message = re.sub(
                r"Input should be greater than or equal to (\d+)", r"phải từ \1 trở lên", message
            )
            return f"giá trị không hợp lệ cho {hint}: {message}"
        return f"invalid value for {hint}: {message}"
    return _english_message(exc.format_message(), lang)


def show_usage_error(exc: Any, lang: str, stream: TextIO | None = None) -> None:
    """The usage line, where to find help, and the error, in the chosen language."""
    out = stream or sys.stderr
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        token = LANG.set(lang)
        try:
            formatter = Formatter(width=ctx.terminal_width, max_width=ctx.max_content_width)
            ctx.command.format_usage(ctx, formatter)
            print(formatter.getvalue().rstrip("\n"), file=out)
        finally:
            LANG.reset(token)
        path = ctx.command_path
        print(
            f"Gõ '{path} --help' để xem hướng dẫn."
            if lang != "en"
            else f"Try '{path} --help' for help.",
            file=out,
        )
        print(file=out)
    from kh121.problems import screen_width, wrap_text

    label = "Lỗi" if lang != "en" else "Error"
    print(wrap_text(f"{label}: {error_message(exc, lang)}", screen_width(out)), file=out)
