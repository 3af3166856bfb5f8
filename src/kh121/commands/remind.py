"""kh121 remind: a công văn đôn đốc to the agencies that owe something, and its record."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kh121 import paths
from kh121.atomic import inside_root, write_and_say, write_atomic
from kh121.commands.report import find_agency, find_period
from kh121.errors import EXIT_OK, KnownError
from kh121.loader import load_clean
from kh121.messages import t
from kh121.models import Reminder, RemindersFile
from kh121.text import safe

if TYPE_CHECKING:
    from kh121.calendar import Period
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
    from kh121.presenters.letter_context import (
        LetterInput,
        build_letter,
        letter_number,
        problems,
    )
    from kh121.remind import chase
    from kh121.status import compute_status

    ws, _warnings = load_clean(root, as_of)
    if ws.settings is None or ws.settings.letter is None:
        raise KnownError(
            f"chưa có phần 'letter' trong {paths.REPORT_SETTINGS} (số hiệu, người liên hệ,"
            " mẫu công văn)",
            f"{paths.REPORT_SETTINGS} has no 'letter' section (number symbol, contact, template)",
        )
    status = compute_status(ws, as_of)
    period = find_period(ws, period_text) if period_text else _latest(ws, status)
    only = frozenset(find_agency(ws, a) for a in agencies) if agencies else None
    issuer = ws.agencies.resolve(ws.plan.reporting.to, as_of)
    owed = chase(status, period.id, issuer, only, ws.reminders)
    letter = ws.settings.letter
    day = date or as_of
    reply = reply_by or ws.work.add_working_days(day, reply_days or letter.reply_days)
    printed = letter_number(number, letter.number_suffix)
    clerk = ws.clerk(period.id)
    signer = clerk.signer if clerk and clerk.signer else ws.settings.signer
    source = LetterInput(
        ws.plan, ws.settings, letter, period, owed, printed, signer, day, reply, draft
    )
    if as_json:
        from kh121.presenters.letter_context import as_json as to_json

        json.dump(to_json(source, status.directory), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    if not owed.letters and not as_text:
        print(
            t(
                f"không có cơ quan nào còn nợ báo cáo hay việc quá hạn kỳ {period.id} tính đến"
                f" {as_of:%d/%m/%Y}: không cần đôn đốc",
                f"no agency owes a report or an overdue task for {period.id} as of"
                f" {as_of:%d/%m/%Y}: nobody to remind",
                lang,
            )
        )
        return EXIT_OK
    if as_text:
        from kh121.presenters.letter_context import as_text as to_text

        sys.stdout.write(
            safe(to_text(source, status.directory, build_letter(source, status.directory)))
        )
        return EXIT_OK
    found = problems(signer, printed)
    if found and not draft:
        lines = "\n".join(f"  - {vi if lang != 'en' else en}" for vi, en in found)
        raise KnownError(
            f"công văn còn chỗ trống, chưa thể ban hành:\n{lines}\nĐiền các chỗ trên, hoặc"
            " chạy với --draft để xuất bản dự thảo.",
            f"the letter still has placeholders:\n{lines}\nFill them in, or run with --draft.",
        )
    if record and (draft or printed is None):
        raise KnownError(
            "chỉ ghi sổ đôn đốc cho công văn đã có số (không dùng cùng --draft)",
            "only a numbered letter is recorded (not with --draft)",
        )
    # the record as loaded (and checked) with the workspace: refused before anything is written
    earlier = next((r.reminders for r in ws.reminders if r.period == period.id), ())
    if record and any(e.number == printed for e in earlier):
        raise KnownError(
            f"công văn số {printed} đã có trong sổ đôn đốc kỳ {period.id}",
            f"letter {printed} is already recorded for {period.id}",
        )
    from kh121.docx_render import render_docx

    template = root / letter.template
    if not template.is_file():
        raise KnownError(f"không có mẫu '{template}'", f"no template '{template}'")
    base = f"CV_don_doc_{period.id}_{day.isoformat()}" + ("_DU-THAO" if draft else "")
    folder = root / paths.REPORTS / period.id
    targets: list[tuple[Path, LetterInput]] = []
    if each:
        where = out or inside_root(folder / base, root)
        for one in owed.letters:
            single = dataclasses.replace(owed, letters=(one,))
            targets.append(
                (where / f"{one.agency}.docx", dataclasses.replace(source, chase=single))
            )
    else:
        targets.append((out or inside_root(folder / f"{base}.docx", root), source))
    for target, src in targets:
        context = build_letter(src, status.directory)
        data = render_docx(
            template, context, day, "V/v " + context["subject"], ws.settings.letterhead.agency
        )
        write_and_say(target, data, root, lang)
    if record:
        assert printed is not None
        _record(
            root,
            period.id,
            earlier,
            Reminder(
                number=printed,
                date=day,
                reply_by=reply,
                agencies=tuple(o.agency for o in owed.letters),
            ),
            lang,
        )
    return EXIT_OK


def _latest(ws: Workspace, status: StatusView) -> Period:
    """The latest period already due (the one `status` speaks of)."""
    latest = status.latest_period
    if latest is None or latest not in ws.periods:
        raise KnownError(
            "chưa có kỳ báo cáo nào đến hạn; nêu KỲ", "no period is due yet; name the PERIOD"
        )
    return ws.periods[latest]


def _record(
    root: Path, period: str, earlier: tuple[Reminder, ...], reminder: Reminder, lang: str
) -> None:
    """Append the letter to reports/PERIOD/_don_doc.yaml; earlier entries stay as written."""
    from kh121.yamlout import dump

    path = inside_root(root / paths.REPORTS / period / paths.REMINDERS_NAME, root)
    record = RemindersFile(schema_version=1, period=period, reminders=(*earlier, reminder))
    text = "# Sổ đôn đốc: do 'kh121 remind --record' ghi thêm; không sửa các mục đã có.\n"
    write_atomic(path, text + dump(record.model_dump()))
    shown = paths.shown(path, root)
    print(t(f"đã ghi sổ đôn đốc {shown}", f"recorded in {shown}", lang))
