"""The one catalogue of words, in Vietnamese and English: the sentences (`CATALOGUE`, by a
problem code or a UI key, so that a problem stays a value and its wording is chosen only
when it is printed), the glossary (`GLOSSARY`, the word for a key by group: a state, a bin,
a deadline's kind, click's own words, a metavar; read with `label`) and the English of the
command line's help (`HELP_EN`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# code -> (Vietnamese, English). Placeholders use str.format names.
CATALOGUE: dict[str, tuple[str, str]] = {
    # --- reading files -------------------------------------------------------
    "E001": (
        "không đọc được tệp: {reason}",
        "cannot read the file: {reason}",
    ),
    "E002": (
        "tệp không phải UTF-8 (byte {byte} không hợp lệ){guess}; hãy lưu lại tệp với mã UTF-8",
        "the file is not UTF-8 (invalid byte {byte}){guess}; save it again as UTF-8",
    ),
    "E003": (
        "tệp rỗng; tệp phải có ít nhất khóa 'schema_version'",
        "the file is empty; it needs at least the key 'schema_version'",
    ),
    "E004": (
        "lỗi cú pháp YAML: {what}",
        "YAML syntax error: {what}",
    ),
    "E005": (
        "nội dung tệp phải là một bảng khóa: giá trị (mapping), không phải {got}",
        "the file must hold a mapping of keys to values, not {got}",
    ),
    "E006": (
        "khóa '{key}' bị lặp (đã có ở dòng {first_line}); YAML sẽ lặng lẽ giữ giá trị sau"
        " và làm mất giá trị trước: hãy gộp hoặc xóa một khóa",
        "duplicate key '{key}' (first at line {first_line}); YAML would silently keep the"
        " last value and lose the first: merge or remove one",
    ),
    "E007": (
        "không chấp nhận neo/bí danh YAML (&, *); hãy viết đầy đủ giá trị",
        "YAML anchors and aliases (&, *) are not accepted; write the value out in full",
    ),
    "E008": (
        "thẻ YAML '{tag}' không được phép; chỉ dùng văn bản, số, danh sách và bảng khóa",
        "the YAML tag '{tag}' is not allowed; use plain text, numbers, lists and mappings",
    ),
    "E009": (
        "'{value}' là giá trị đúng/sai trong YAML 1.1 nên dễ bị đọc nhầm; viết true/false,"
        ' hoặc đặt trong dấu nháy nếu là văn bản: "{value}"',
        "'{value}' is a YAML 1.1 boolean and easily misread; write true/false, or quote it"
        ' if it is text: "{value}"',
    ),
    "E010": (
        "cấu trúc lồng quá sâu (hơn {limit} cấp)",
        "nesting is too deep (more than {limit} levels)",
    ),
    "E011": (
        "tệp quá lớn ({size} byte, tối đa {limit} byte)",
        "the file is too large ({size} bytes, at most {limit})",
    ),
    "E012": (
        "ký tự điều khiển U+{codepoint} không được phép trong văn bản; hãy xóa nó",
        "control character U+{codepoint} is not allowed in text; remove it",
    ),
    "E014": (
        "'{value}' không đọc được là một số (quá dài hoặc sai dạng); nếu là văn bản, đặt trong"
        " dấu nháy",
        "'{value}' cannot be read as a number (too long or malformed); quote it if it is text",
    ),
    "E013": (
        "đây là {what}, không phải tệp thường: kh121 chỉ đọc tệp thường; hãy thay bằng một tệp",
        "this is {what}, not a regular file: kh121 reads only regular files; put a file here",
    ),
    # --- schema --------------------------------------------------------------
    "E020": (
        "thiếu khóa bắt buộc '{key}'",
        "missing required key '{key}'",
    ),
    "E021": (
        "khóa không hợp lệ '{key}'{suggestion}",
        "unknown key '{key}'{suggestion}",
    ),
    "E022": (
        "'{field}': cần {expected}, nhận được {got}{hint}",
        "'{field}': expected {expected}, got {got}{hint}",
    ),
    "E023": (
        "'{field}': giá trị không hợp lệ: {detail}",
        "'{field}': invalid value: {detail}",
    ),
    "E024": (
        "'{field}': ngày không hợp lệ '{value}': {why}; viết YYYY-MM-DD (2026-05-15) hoặc"
        " dd/mm/yyyy (15/05/2026)",
        "'{field}': invalid date '{value}': {why}; write YYYY-MM-DD (2026-05-15) or dd/mm/yyyy"
        " (15/05/2026)",
    ),
    "E025": (
        "phiên bản lược đồ {got} không được hỗ trợ (hỗ trợ: {supported})",
        "schema version {got} is not supported (supported: {supported})",
    ),
    "E026": (
        "'{field}': '{value}' không thuộc các giá trị cho phép: {allowed}{hint}",
        "'{field}': '{value}' is not one of the allowed values: {allowed}{hint}",
    ),
    # --- checks across files -------------------------------------------------
    "E030": (
        "mã nhiệm vụ '{task}' bị trùng (đã có ở dòng {first_line})",
        "task id '{task}' is used twice (first at line {first_line})",
    ),
    "E031": (
        "không có cơ quan hay nhóm mã '{code}' trong data/agencies.yaml{suggestion}",
        "no agency or group with code '{code}' in data/agencies.yaml{suggestion}",
    ),
    "E032": (
        "chuỗi sáp nhập của '{code}' quay vòng: {chain}",
        "the merger chain of '{code}' is a cycle: {chain}",
    ),
    "E033": (
        "thời hạn {due} nằm ngoài thời gian của kế hoạch ({start} - {end})",
        "deadline {due} is outside the plan's span ({start} - {end})",
    ),
    "E034": (
        "không có nhiệm vụ '{task}' trong kế hoạch{suggestion}",
        "there is no task '{task}' in the plan{suggestion}",
    ),
    "E035": (
        "tệp báo cáo phải ở '{expected}' (theo cơ quan và kỳ báo cáo trong tệp),"
        " không phải '{actual}'",
        "the report file must be at '{expected}' (from its agency and period), not '{actual}'",
    ),
    "E080": (
        "sổ đôn đốc ghi kỳ '{period}' nhưng nằm trong thư mục kỳ {folder}; sửa cho khớp"
        " (lần ghi sổ sau sẽ không ghi đè)",
        "the reminder record says period '{period}' but lies in the folder of {folder};"
        " make them agree (the next --record will not write over it)",
    ),
    "E081": (
        "công văn số '{number}' có hai lần trong sổ đôn đốc (lần đầu ở dòng {first});"
        " mỗi số chỉ cấp một lần",
        "letter number '{number}' is recorded twice (first on line {first}); a number is"
        " issued once",
    ),
    # --- the review over years (reports/_so_ket_FROM-TO.yaml) ------------------
    "E120": (
        "năm trong tệp không khớp tên tệp: tệp của các năm này phải tên '{expected}', không"
        " phải '{actual}'",
        "the years in the file differ from its name: the file of these years must be named"
        " '{expected}', not '{actual}'",
    ),
    "E121": (
        "năm cuối ({last}) trước năm đầu ({first})",
        "the last year ({last}) comes before the first ({first})",
    ),
    "E036": (
        "kỳ báo cáo '{period}' không có trong kế hoạch; viết NĂM-KỲ với KỲ là {keys},"
        " từ {first} đến {last}",
        "period '{period}' is not one of the plan's; write YEAR-KEY with KEY one of {keys},"
        " from {first} to {last}",
    ),
    "E037": (
        "ngày {field} {value} ở sau hôm nay ({today}); ngày trong tương lai là nhầm lẫn khi gõ",
        "{field} date {value} is after today ({today}); a future date is a typing mistake",
    ),
    "E038": (
        "mã cơ quan '{code}' không hợp lệ: chỉ dùng chữ in hoa A-Z, số và dấu gạch dưới",
        "invalid agency code '{code}': use only upper-case A-Z, digits and underscores",
    ),
    "E039": (
        "nhiệm vụ '{task}' được kê hai lần trong cùng báo cáo (đã có ở dòng {first_line})",
        "task '{task}' is listed twice in the same report (first at line {first_line})",
    ),
    "E040": (
        "ngày {later_field} ({later}) ở trước ngày {earlier_field} ({earlier})",
        "{later_field} ({later}) is before {earlier_field} ({earlier})",
    ),
    "E041": (
        "mã cơ quan '{code}' bị trùng (đã có ở dòng {first_line})",
        "agency code '{code}' is used twice (first at line {first_line})",
    ),
    "E042": (
        "'{code}' là một nhóm, không thể tự gửi báo cáo: mỗi thành viên gửi báo cáo của mình",
        "'{code}' is a group; it cannot send a report: each of its members sends its own",
    ),
    "E043": (
        "mã nhiệm vụ '{task}' phải bắt đầu bằng mã phần '{section}.'",
        "task id '{task}' must start with its section id '{section}.'",
    ),
    "W050": (
        "cơ quan {agency} không chủ trì cũng không phối hợp nhiệm vụ {task}",
        "agency {agency} neither leads nor coordinates task {task}",
    ),
    "W051": (
        "văn bản không ở dạng chuẩn NFC (dấu tiếng Việt tổ hợp); kh121 đã chuẩn hóa khi đọc,"
        " chạy 'kh121 fmt' để sửa tệp",
        "text is not in NFC (decomposed Vietnamese marks); kh121 normalised it on reading,"
        " run 'kh121 fmt' to fix the file",
    ),
    "W052": (
        "{agency} đã thôi hoạt động từ {ended}; {successor} tiếp nhận nhiệm vụ và báo cáo",
        "{agency} ceased on {ended}; {successor} took over its tasks and reports",
    ),
    "W053": (
        "chưa có ngày nghỉ lễ của năm {year} trong data/calendar.yaml; chạy"
        " 'kh121 calendar update --years {year}'",
        "data/calendar.yaml has no public holidays for {year}; run"
        " 'kh121 calendar update --years {year}'",
    ),
    "W054": (
        "nhiệm vụ {task}: báo 'đã hoàn thành' nhưng không có ngày hoàn thành ({missing}) hay"
        " văn bản có ngày: chưa được tính là hoàn thành; thêm {missing}: YYYY-MM-DD",
        "task {task}: marked done with no completion day ({missing}) nor a dated document:"
        " not counted as done; add {missing}: YYYY-MM-DD",
    ),
    "E044": (
        "báo cáo đã ghi ngày nhận (received) nhưng thiếu {fields}: điền số và ngày của văn bản,"
        " hoặc xóa ngày nhận nếu đây còn là bản nháp",
        "the report has a received date but no {fields}: fill in the document's number and"
        " date, or remove the received date while it is a draft",
    ),
    "W065": (
        "báo cáo không nói gì về nhiệm vụ {task} (lượt {occurrence}) mà cơ quan này chủ trì và"
        " còn chưa xong: lượt đó coi như chưa có báo cáo; thêm dòng 'task: {task}' với state",
        "the report says nothing of task {task} ({occurrence}), which this agency leads and"
        " which is not done: that occurrence counts as unreported; add 'task: {task}' with a"
        " state",
    ),
    "W055": (
        "bản nháp: chưa có ngày nhận (received) nên chưa tính là đã gửi báo cáo {period} (hạn"
        " {due}); còn thiếu: {lacks}",
        "draft: no received date, so the report for {period_en} (due {due}) counts as not sent;"
        " still missing: {lacks}",
    ),
    "W056": (
        "chưa có {missing} của văn bản phê duyệt kế hoạch ({kind} năm {year}): báo cáo Word sẽ"
        " để trống chỗ này ('…'); điền plan.approved_by.number và .date khi biết",
        "the approving act ({kind}, {year}) has no {missing_en}: the Word report will show a"
        " gap ('…'); fill plan.approved_by.number and .date once known",
    ),
    "W057": (
        "thời hạn ghi '{text}' (đọc là {read}) nhưng dữ liệu là {data}: sửa cho khớp nguồn",
        "the deadline reads '{text}' ({read}) but the data says {data}: make them agree",
    ),
    "E046": (
        "nhiệm vụ {task} không có lượt '{key}'; các lượt: {keys}",
        "task {task} has no occurrence '{key}'; its occurrences: {keys}",
    ),
    # --- merge ---------------------------------------------------------------
    "E060": (
        "cơ quan {agency} có hai tệp báo cáo trong kỳ {period}: {other}",
        "agency {agency} has two report files in period {period}: {other}",
    ),
    "W061": (
        "mâu thuẫn ở nhiệm vụ {task}: {lead} (chủ trì) báo '{lead_state}', {agency} báo '{state}'",
        "contradiction on task {task}: {lead} (lead) says '{lead_state}', {agency} says '{state}'",
    ),
    "W063": (
        "nhiệm vụ {task}: có văn bản {document} nhưng trạng thái là '{state}': văn bản không"
        " làm nhiệm vụ thành 'đã hoàn thành'; nếu đã xong, ghi state: đã hoàn thành",
        "task {task}: document {document} is cited but the state is '{state}': a document"
        " does not make a task done; if it is done, write state: done",
    ),
    "W064": (
        "nhiệm vụ {task}: văn bản {document} chính là báo cáo này, không chứng minh nhiệm vụ"
        " đã xong; ghi văn bản là sản phẩm của nhiệm vụ, hoặc ngày hoàn thành",
        "task {task}: document {document} is this report itself and proves nothing about the"
        " task; cite the task's own product, or its completion day",
    ),
    "E064": (
        "nhiệm vụ {task} là mục con của {parent} nhưng không có dòng tiêu đề {parent} (heading:"
        " true) ở trước nó; thêm dòng tiêu đề hoặc sửa mã nhiệm vụ",
        "task {task} is a sub-task of {parent} but there is no heading row {parent}"
        " (heading: true) before it; add the heading or fix the task's id",
    ),
    "E065": (
        "báo cáo có {count} dòng nhiệm vụ, quá giới hạn {limit} (mỗi nhiệm vụ một dòng): tệp"
        " có lẽ bị sinh tự động hay ghép nhầm; giữ mỗi nhiệm vụ một dòng",
        "the report has {count} task lines, over the limit of {limit} (one line per task): the"
        " file was probably generated or joined by mistake; keep one line per task",
    ),
    "E063": (
        "kỳ bắt đầu theo dõi '{since}' không phải một kỳ của kế hoạch; chọn từ {first} đến {last}",
        "the first period on record '{since}' is not a period of the plan; choose {first}"
        " to {last}",
    ),
    "W062": (
        "nhiệm vụ {task}: ngày hoàn thành {completed} ở sau ngày báo cáo {report_date}",
        "task {task}: completion date {completed} is after the report's date {report_date}",
    ),
    # --- summary -------------------------------------------------------------
    "summary.clean": ("không có lỗi nào", "no problems"),
    "summary.problems": (
        "{errors} lỗi, {warnings} cảnh báo",
        "{errors} error{es}, {warnings} warning{ws}",
    ),
}


# --- the glossary: words, by group -------------------------------------------
# One place for every word a screen, a page or a document shows for a key: read them
# with `label(group, key, lang)`.
GLOSSARY: dict[str, dict[str, tuple[str, str]]] = {
    # a task's state, as reported (and 'no_report': nothing on record)
    "state": {
        "done": ("Đã hoàn thành", "Done"),
        "in_progress": ("Đang thực hiện", "In progress"),
        "not_started": ("Chưa thực hiện", "Not started"),
        "no_report": ("Chưa có báo cáo", "No report yet"),
    },
    # where an occurrence stands on the day of the view
    "bin": {
        "done_on_time": ("hoàn thành đúng hạn", "done on time"),
        "done_late": ("hoàn thành quá hạn", "done late"),
        "open_in_time": ("chưa hoàn thành, trong hạn", "not done, within the deadline"),
        "open_overdue": ("chưa hoàn thành, quá hạn", "not done, overdue"),
        "no_data": ("chưa có số liệu", "no data"),
    },
    # a deadline's kind (deadline.kind in data/tasks.yaml)
    "kind": {
        "date": ("đến một ngày", "by a date"),
        "month": ("đến cuối tháng", "by a month's end"),
        "quarter": ("đến cuối quý", "by a quarter's end"),
        "year": ("đến cuối năm", "by a year's end"),
        "span": ("đến cuối giai đoạn", "by the end of a span"),
        "yearly": ("hằng năm", "every year"),
        "half_yearly": ("6 tháng một lần", "every half-year"),
        "quarterly": ("hằng quý", "every quarter"),
        "ongoing": ("thường xuyên", "ongoing"),
    },
    # the units of a deadline's structure (its other keys)
    "unit": {
        "date": ("ngày", "date"),
        "day": ("ngày", "day"),
        "month": ("tháng", "month"),
        "quarter": ("quý", "quarter"),
        "year": ("năm", "year"),
        "start_year": ("từ năm", "from"),
        "end_year": ("đến năm", "to"),
    },
    # an occurrence that is not a period
    "occurrence": {"once": ("một lần", "once")},
    # how a recurring task is counted, by its deadline's kind: one occurrence a …
    "counted": {
        "yearly": ("nhiệm vụ hằng năm tính mỗi năm một lượt", "a yearly task counts once a year"),
        "half_yearly": (
            "nhiệm vụ 6 tháng tính mỗi 6 tháng một lượt",
            "a half-yearly task counts once a half-year",
        ),
        "quarterly": (
            "nhiệm vụ hằng quý tính mỗi quý một lượt",
            "a quarterly task counts once a quarter",
        ),
    },
    # click's own words on the command line (keyed by click's English)
    "cli": {
        "Usage: ": ("Cách dùng: ", "Usage: "),
        "Options": ("Tùy chọn", "Options"),
        "Commands": ("Lệnh", "Commands"),
        "Arguments": ("Tham số", "Arguments"),
        "Show this message and exit.": (
            "In hướng dẫn này rồi thoát.",
            "Show this message and exit.",
        ),
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
    },
    # a fact's field, as `kh121 diff` and git's textconv say it
    "field": {
        "title": ("tiêu đề", "title"),
        "content": ("nội dung", "content"),
        "product": ("sản phẩm", "product"),
        "lead": ("cơ quan chủ trì", "lead agency"),
        "lead_text": ("nguyên văn cơ quan chủ trì", "lead agency as worded"),
        "coordinators_text": ("nguyên văn cơ quan phối hợp", "coordinating agencies as worded"),
        "coordinators": ("cơ quan phối hợp", "coordinating agencies"),
        "deadline": ("thời hạn", "deadline"),
        "deadline_form": ("dạng thời hạn", "deadline form"),
        "name": ("tên", "name"),
        "short": ("tên ngắn", "short name"),
        "kind": ("loại", "kind"),
        "merged_into": ("sáp nhập vào", "merged into"),
        "started": ("thành lập", "started"),
        "unverified": ("chưa xác minh", "unverified"),
        "members": ("thành viên", "members"),
        "number": ("số", "number"),
        "date": ("ngày", "date"),
        "received": ("ngày nhận", "received"),
        "state": ("trạng thái", "state"),
        "done": ("kết quả", "result"),
        "completed_on": ("ngày hoàn thành", "completed on"),
        "evidence": ("văn bản chứng minh", "evidence"),
        "delivered": ("văn bản đã gửi", "document delivered"),
        "difficulties": ("khó khăn", "difficulties"),
        "proposals": ("kiến nghị", "proposals"),
        "span": ("thời gian kế hoạch", "plan span"),
        "reporters": ("cơ quan báo cáo", "reporting agencies"),
        "code": ("số hiệu", "code"),
    },
    # click's usage errors, said again ({0}: what click named)
    "usage": {
        "no_such_command": ("không có lệnh '{0}';", "no such command '{0}';"),
        "did_you_mean": ("có phải {0}?", "did you mean {0}?"),
        "needs_value": ("tùy chọn {0} cần một giá trị", "option {0} needs a value"),
        "extra_arguments": ("thừa tham số: {0}", "unexpected extra arguments: {0}"),
        "missing_command": ("thiếu tên lệnh", "a command is missing"),
    },
    # what to type after an option or for an argument, by its name
    "metavar": {
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
    },
}


def label(group: str, key: str, lang: str, default: str | None = None) -> str:
    """The word for a key in the user's language; the key itself (or `default`) when the
    glossary has none."""
    said = GLOSSARY[group].get(key)
    if said is None:
        return default if default is not None else key
    return said[1] if lang == "en" else said[0]


# --- the help texts in English -----------------------------------------------
# typer takes each command's and option's help as written in cli.py, in Vietnamese; this is
# its English (the Vietnamese text is the key, so a help text changed in cli.py without its
# English here is caught by tests/test_terminal.py).
HELP_EN: dict[str, str] = {
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


def render_message(key: str, args: Mapping[str, Any], lang: str = "vi") -> str:
    vi, en = CATALOGUE[key]
    template = en if lang == "en" else vi
    said = {k: _localise(v, lang) for k, v in args.items()}
    # a state's key ('not_started') is said in words ('Chưa thực hiện', 'Not started')
    said.update({k: _state_said(v, lang) for k, v in said.items() if k in _STATE_ARGS})
    if lang != "en" and key == "E026" and args.get("field") == "state":  # what she may write
        words = [label("state", k, lang) for k in ("done", "in_progress", "not_started")]
        said["allowed"] = f"'{words[0]}', '{words[1]}' hoặc '{words[2]}'"
        hint = str(said.get("hint", ""))
        for state_key in GLOSSARY["state"]:
            hint = hint.replace(f"'{state_key}'", f"'{label('state', state_key, lang)}'")
        said["hint"] = hint
    return template.format(**said)


_STATE_ARGS = frozenset({"state", "lead_state"})


def _state_said(value: Any, lang: str) -> Any:
    """A state's key ('not_started') in words; any other value as it is."""
    return label("state", str(value), lang) if str(value) in GLOSSARY["state"] else value


def _localise(value: Any, lang: str) -> Any:
    # A value may itself be a (vi, en) pair, e.g. a type name or a hint.
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) for v in value):
        return value[1] if lang == "en" else value[0]
    return value


def t(vi: str, en: str, lang: str) -> str:
    """Pick the sentence in the user's language."""
    return en if lang == "en" else vi
