"""Issuing a document: the one way the Word report, the review and the letter go out.

A document that goes out names real values; where one is missing (no number, a signer
without a name, the approving act cited without its number or day, a part the clerk has
not written) it carries a placeholder. A document to issue with any placeholder is refused
with each one named and how to fill it; a draft carries them marked. The document's file
name says its date and whether it is a draft, the same way for every kind.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kh121.atomic import write_and_say
from kh121.errors import KnownError
from kh121.messages import t

if TYPE_CHECKING:
    from kh121.models import PlanFile, ReportSettings, Signer

DRAFT_MARK = "_DU-THAO"  # the end of a draft's file name


@dataclass(frozen=True)
class Placeholder:
    """Something a document would print without a real value: where, and how to fill it."""

    what_vi: str
    what_en: str
    fix_vi: str
    fix_en: str


@dataclass(frozen=True)
class Kind:
    """How the refusal names the document: 'báo cáo' / 'report', 'công văn' / 'letter'."""

    vi: str
    en: str


REPORT = Kind("báo cáo", "report")
LETTER = Kind("công văn", "letter")


def padded(number: str) -> str:
    """'5/BC-SKHCN' → '05/BC-SKHCN': a document number below 10 takes a leading zero
    (Decree 30/2020, Phụ lục I), as days do; anything else is left as written."""
    return re.sub(r"^(\d)(?=/|$)", r"0\1", number.strip())


def document_number(given: str | None, written: str | None, suffix: str) -> str | None:
    """The number as printed: the one given on the command line, else the one in the
    writer's file; '125' → '125/BC-SKHCN' with the letterhead's symbol, a whole number
    ('125/BC-UBND') as written, below 10 with its leading zero; None when nobody gave one."""
    number = given or written
    if not number:
        return None
    return padded(number if "/" in number else f"{number}/{suffix}")


def is_placeholder_name(name: str) -> bool:
    """'(họ và tên người ký)', '…', '' and the like: not a person's name."""
    text = " ".join(name.split())
    return not text or text.startswith(("(", "[", "<", "…", "...")) or "họ và tên" in text.lower()


def blank_basis(plan: PlanFile) -> bool:
    """The approving act is cited without its number or its day ('Quyết định số … ngày …
    tháng … năm 2023'): a placeholder like any other in a document that goes out."""
    approved = plan.plan.approved_by
    return approved is not None and (not approved.number or approved.date is None)


# Every document cites the act that approved the plan: without its number and day, a blank.
BLANK_BASIS = Placeholder(
    "căn cứ (Quyết định phê duyệt Kế hoạch) chưa có số, ngày",
    "the legal basis (the approving decision) has no number or day",
    "điền plan: approved_by: number:, date: trong data/tasks.yaml",
    "fill plan: approved_by: number:, date: in data/tasks.yaml",
)


def writer_number(settings: ReportSettings, given: str | None, writer: Any) -> str | None:
    """A report's (or a review's) number as printed: given on the command line, else in the
    file its writer keeps (`_danh_gia.yaml`, a review's own), with the letterhead's symbol."""
    written = writer.number if writer is not None else None
    return document_number(given, written, settings.letterhead.number_suffix)


def writer_signer(settings: ReportSettings, writer: Any) -> Signer:
    """Who signs a report (or a review): the one its writer's file names, else the usual."""
    return settings.signer_for(writer.signer if writer is not None else None)


def report_blanks(
    settings: ReportSettings,
    given: str | None,
    writer: Any,
    writer_file: str,
    plan: PlanFile | None,
    parts: dict[str, tuple[str, str]],
    scaffold: str,
) -> list[Placeholder]:
    """Every placeholder a report (the half-yearly report, a review) would carry, in the
    order a reader meets them. `writer` is the file of the parts a person writes (the
    period's `_danh_gia.yaml`, or a review's own), with their titles (`parts`) and the command
    that scaffolds it."""
    from kh121.models import paragraphs

    empty = [
        Placeholder(
            f"phần '{vi}' trống",
            f"the section '{en}' is empty",
            f"điền {key}: trong {writer_file} ('{scaffold}' tạo tệp mẫu)",
            f"fill {key}: in {writer_file} ('{scaffold}' writes a scaffold)",
        )
        for key, (vi, en) in parts.items()
        if not paragraphs(getattr(writer, key) if writer is not None else None)
    ]
    return _blanks(
        plan,
        writer_number(settings, given, writer),
        Placeholder(
            "số báo cáo chưa có",
            "the report has no number",
            f"chạy với --number SỐ, hoặc điền number: trong {writer_file}",
            f"run with --number N, or fill number: in {writer_file}",
        ),
        empty,
        writer_signer(settings, writer),
        (f"signer: name: trong {writer_file} hoặc data/report.yaml",
         f"signer: name: in {writer_file} or data/report.yaml"),
    )  # fmt: skip


def letter_blanks(signer: Signer, number: str | None, plan: PlanFile | None) -> list[Placeholder]:
    """What a letter may not go out without, in the order a reader meets them."""
    no_number = Placeholder(
        "số công văn chưa có", "no number", "chạy với --number SỐ", "run with --number N"
    )
    signer_in = ("signer trong data/report.yaml", "signer in data/report.yaml")
    return _blanks(plan, number, no_number, [], signer, signer_in)


def _blanks(
    plan: PlanFile | None,
    number: str | None,
    no_number: Placeholder,
    parts: list[Placeholder],
    signer: Signer,
    signer_in: tuple[str, str],
) -> list[Placeholder]:
    """The blanks every document can have, in a reader's order: the approving act, the
    number, the parts a person writes, the signer's name (`signer_in`: where to fill it)."""
    out = [BLANK_BASIS] if plan is not None and blank_basis(plan) else []
    out += [no_number] if number is None else []
    out += parts
    if is_placeholder_name(signer.name):
        out.append(
            Placeholder(
                f"người ký chưa có tên ('{signer.name}')",
                f"the signer has no name ('{signer.name}')",
                f"điền {signer_in[0]}",
                f"fill {signer_in[1]}",
            )
        )
    return out


class PlaceholderError(KnownError):
    """The document would go out with placeholders; each is named with how to fill it."""

    def __init__(self, found: list[Placeholder], kind: Kind = REPORT) -> None:
        vi = "\n".join(f"  - {p.what_vi}: {p.fix_vi}" for p in found)
        en = "\n".join(f"  - {p.what_en}: {p.fix_en}" for p in found)
        super().__init__(
            f"{kind.vi} còn {len(found)} chỗ trống, chưa thể ban hành:\n{vi}\n"
            "Điền các chỗ trên, hoặc chạy với --draft để xuất bản dự thảo (chỗ trống được đánh"
            " dấu, đầu trang ghi DỰ THẢO).",
            f"the {kind.en} still has {len(found)} placeholder(s) and cannot be issued:\n{en}\n"
            "Fill them in, or run with --draft for a draft (placeholders marked, DỰ THẢO in"
            " the header).",
        )


def refuse_blanks(found: list[Placeholder], draft: bool, kind: Kind = REPORT) -> int:
    """How many placeholders a document has; one to issue (not a draft) with any is
    refused before anything is written."""
    if found and not draft:
        raise PlaceholderError(found, kind)
    return len(found)


def issue_day(given: dt.date | None, written: dt.date | None, fallback: dt.date) -> dt.date:
    """A document's date of issue: the one given on the command line, else the date in the
    writer's own file (_danh_gia.yaml, the review's file), else the day of the view."""
    return given or written or fallback


def file_name(parts: list[str], day: dt.date, draft: bool, suffix: str = ".docx") -> str:
    """'BC_121-KH-TU_2026-H2_2026-11-30.docx', '…_DU-THAO.docx' for a draft: the parts
    joined by '_' (a '/' in a code becomes '-'), then the date of issue."""
    stem = "_".join(p.replace("/", "-") for p in parts)
    return f"{stem}_{day.isoformat()}{DRAFT_MARK if draft else ''}{suffix}"


def template_file(path: Path) -> Path:
    """A template the document is made from; refused in words when it is not there."""
    if not path.is_file():
        raise KnownError(f"không có mẫu '{path}'", f"no template '{path}'")
    return path


def issue(
    root: Path,
    template: Path,
    context: dict[str, Any],
    day: dt.date,
    author: str,
    target: Path,
    blanks: int,
    pdf: bool,
    lang: str,
) -> None:
    """A Word document filled from its template and written (and its PDF, with the font
    used said): the one way the report and the review are issued."""
    from kh121.templating import render_docx

    data = render_docx(template_file(template), context, day, context["title"], author)
    write_and_say(target, data, root, lang)
    if blanks:
        print(
            t(
                f"bản DỰ THẢO: còn {blanks} chỗ trống được đánh dấu",
                f"a DRAFT: {blanks} placeholder(s) marked",
                lang,
            ),
            file=sys.stderr,
        )
    if pdf:
        from kh121.pdf import to_pdf

        made = to_pdf(target)
        write_and_say(target.with_suffix(".pdf"), made, root, lang)
        _say_fonts(made, lang)


def _say_fonts(pdf: bytes, lang: str) -> None:
    """Say which font the PDF carries where Times New Roman was missing (LibreOffice puts a
    metric twin in its place without a word)."""
    from kh121.pdf import substitutes

    for used in substitutes(pdf):
        print(
            t(
                f"lưu ý: máy không có phông Times New Roman, PDF dùng {used} thay thế (cùng"
                " cỡ chữ, ngắt dòng như nhau); cài Times New Roman (Debian/Ubuntu: sudo apt"
                " install ttf-mscorefonts-installer) rồi xuất lại PDF",
                f"note: Times New Roman is not installed, the PDF uses {used} instead (same"
                " metrics, same line breaks); install Times New Roman (Debian/Ubuntu: sudo apt"
                " install ttf-mscorefonts-installer) and make the PDF again",
                lang,
            ),
            file=sys.stderr,
        )
