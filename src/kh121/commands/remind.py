"""kh121 remind: a công văn đôn đốc to the agencies that owe something, and its record."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kh121 import paths
from kh121.atomic import inside_root, say_written, workspace_lock, write_all
from kh121.clock import today
from kh121.errors import EXIT_OK, KnownError
from kh121.issuing import (
    LETTER,
    document_number,
    file_name,
    letter_blanks,
    refuse_blanks,
    template_file,
    writer_signer,
)
from kh121.loader import load_clean
from kh121.lookup import find_agency, find_period
from kh121.messages import t
from kh121.models import Reminder
from kh121.record import focal
from kh121.reminder_record import appended, check_recordable, unused_names
from kh121.text import safe

if TYPE_CHECKING:
    from kh121.calendar import Period
    from kh121.presenters.letter_context import LetterInput
    from kh121.views import StatusView
    from kh121.workspace import Workspace


def run(
    *,
    root: Path,
    period_text: str | None,
    as_of: dt.date,
    agencies: list[str],
    each: bool,
    number: str | None,
    date: dt.date | None,
    reply_by: dt.date | None,
    reply_days: int | None,
    draft: bool,
    as_text: bool,
    as_json: bool,
    record: bool,
    out: Path | None,
    lang: str,
) -> int:
    """The letter(s); with --record, letters and record written together under the
    workspace's lock, so that two clerks at once never issue one number twice or lose an
    entry (the second waits, then sees the first's letter in the record)."""
    with workspace_lock(root) if record else contextlib.nullcontext():
        got = _letters(
            root, period_text, as_of, agencies, number, date, reply_by, reply_days, draft
        )
        if as_json:
            from kh121.presenters.letter_context import as_json as to_json

            data = to_json(got.source, got.status.directory)
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
            return EXIT_OK
        if not got.source.chase.letters and not as_text:
            print(_nobody(got.period, as_of, lang))
            return EXIT_OK
        if as_text:
            from kh121.presenters.letter_context import as_text as to_text
            from kh121.presenters.letter_context import build_letter

            letter = build_letter(got.source, got.status.directory)
            sys.stdout.write(safe(to_text(got.source, got.status.directory, letter)))
            return EXIT_OK
        _refuse_unfit(got, record, draft)
        outputs = _outputs(root, got, each, record, number, out)
        _say_written(root, outputs, write_all(outputs), record, lang)
        return EXIT_OK


@dataclasses.dataclass(frozen=True)
class _Letters:
    """What a run writes about: the view, the period, who owes what, the letter's input."""

    ws: Workspace
    status: StatusView
    period: Period
    source: LetterInput
    day: dt.date


def _letters(
    root: Path,
    period_text: str | None,
    as_of: dt.date,
    agencies: list[str],
    number: str | None,
    date: dt.date | None,
    reply_by: dt.date | None,
    reply_days: int | None,
    draft: bool,
) -> _Letters:
    """Who owes what as of the day, and the letter's input: the letterhead, recipient and
    signer in force on the letter's date, its number, its one reply date."""
    from kh121.presenters.letter_context import LetterInput
    from kh121.remind import chase
    from kh121.reply import reply_by as reply_rule
    from kh121.status import compute_status

    ws, _warnings = load_clean(root, as_of, today())
    if ws.settings is None or ws.settings.letter is None:
        raise KnownError(
            f"chưa có phần 'letter' trong {paths.REPORT_SETTINGS} (số hiệu, người liên hệ,"
            " mẫu công văn)",
            f"{paths.REPORT_SETTINGS} has no 'letter' section (number symbol, contact, template)",
        )
    status = compute_status(ws, as_of)
    period = find_period(ws, period_text) if period_text else _latest(ws, status)
    only = frozenset(find_agency(ws, a) for a in agencies) if agencies else None
    issuer = focal(ws, as_of)  # the consolidating agency as it stands when the letter goes
    owed = chase(status, period.id, issuer, only, ws.reminders)
    day = date or as_of
    settings = ws.settings.on(day)  # the letterhead, recipient and signer in force that day
    letter = settings.letter or ws.settings.letter
    reply = reply_by or reply_rule(ws.work, day, reply_days or letter.reply_days)
    printed = document_number(number, None, letter.number_suffix)
    clerk = ws.clerk(period.id)
    signer = writer_signer(settings, clerk)  # the period's signer, as the report's
    source = LetterInput(
        ws.plan, settings, letter, period, owed, printed, signer, day, reply, draft
    )
    return _Letters(ws, status, period, source, day)


def _nobody(period: Period, as_of: dt.date, lang: str) -> str:
    return t(
        f"không có cơ quan nào còn nợ báo cáo hay việc quá hạn kỳ {period.id} tính đến"
        f" {as_of:%d/%m/%Y}: không cần đôn đốc",
        f"no agency owes a report or an overdue task for {period.id} as of"
        f" {as_of:%d/%m/%Y}: nobody to remind",
        lang,
    )


def _refuse_unfit(got: _Letters, record: bool, draft: bool) -> None:
    """A letter with blanks, or a record of a draft or of a number already recorded: refused
    before anything is written."""
    src = got.source
    refuse_blanks(letter_blanks(src.signer, src.number, got.ws.plan), draft, LETTER)
    if record:
        check_recordable(got.ws, got.period.id, src.number, draft)


def _outputs(
    root: Path, got: _Letters, each: bool, record: bool, number: str | None, out: Path | None
) -> list[tuple[Path, bytes | str]]:
    """Every file the run writes, the record first (the number reserved), then the letters."""
    from kh121.presenters.letter_context import build_letter
    from kh121.templating import render_docx

    src, period, day = got.source, got.period, got.day
    template = template_file(root / src.letter.template)
    base = file_name(["CV_don_doc", period.id], day, src.draft, suffix="")
    folder = root / paths.REPORTS / period.id
    targets: list[tuple[Path, LetterInput]] = []
    if each:
        where = out or inside_root(folder / base, root)
        for one in src.chase.letters:
            single = dataclasses.replace(src.chase, letters=(one,))
            targets.append((where / f"{one.agency}.docx", dataclasses.replace(src, chase=single)))
    else:
        targets.append((out or inside_root(folder / f"{base}.docx", root), src))
    outputs: list[tuple[Path, bytes | str]] = []
    if record:
        assert src.number is not None and number is not None
        entry = Reminder(
            number=src.number,
            date=day,
            reply_by=src.reply_by,
            agencies=tuple(o.agency for o in src.chase.letters),
        )
        outputs.append(appended(root, period.id, entry))
        if out is None:  # a name the user gave is theirs to reuse
            targets = unused_names(targets, number)
    for target, one_src in targets:
        context = build_letter(one_src, got.status.directory)
        agency = src.settings.letterhead.agency
        outputs.append(
            (target, render_docx(template, context, day, "V/v " + context["subject"], agency))
        )
    return outputs


def _say_written(
    root: Path,
    outputs: list[tuple[Path, bytes | str]],
    changed: list[bool],
    record: bool,
    lang: str,
) -> None:
    for (written, _data), did in zip(outputs, changed, strict=True):
        if record and written.name == paths.REMINDERS_NAME:
            at = paths.shown(written, root)
            print(t(f"đã ghi sổ đôn đốc {at}", f"recorded in {at}", lang))
        else:
            say_written(written, did, root, lang)


def _latest(ws: Workspace, status: StatusView) -> Period:
    """The latest period already due (the one `status` speaks of)."""
    latest = status.latest_period
    if latest is None or latest not in ws.periods:
        raise KnownError(
            "chưa có kỳ báo cáo nào đến hạn; nêu KỲ", "no period is due yet; name the PERIOD"
        )
    return ws.periods[latest]
