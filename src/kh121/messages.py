"""The message catalogue: every user-facing sentence, in Vietnamese and English.

Messages are looked up by a stable key (a problem code or a UI key), so that a
problem stays a value and its wording is chosen only when it is printed.
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


def render_message(key: str, args: Mapping[str, Any], lang: str = "vi") -> str:
    vi, en = CATALOGUE[key]
    template = en if lang == "en" else vi
    said = {k: _localise(v, lang) for k, v in args.items()}
    if lang != "en":  # a state's key ('not_started') is said in words ('Chưa thực hiện')
        said.update({k: _STATE_SAID.get(str(v), v) for k, v in said.items() if k in _STATE_ARGS})
        if key == "E026" and args.get("field") == "state":  # what she may write, in words
            said["allowed"] = "'Đã hoàn thành', 'Đang thực hiện' hoặc 'Chưa thực hiện'"
            hint = str(said.get("hint", ""))
            for state_key, words in _STATE_SAID.items():
                hint = hint.replace(f"'{state_key}'", f"'{words}'")
            said["hint"] = hint
    return template.format(**said)


_STATE_ARGS = frozenset({"state", "lead_state"})
_STATE_SAID = {
    "done": "Đã hoàn thành",
    "in_progress": "Đang thực hiện",
    "not_started": "Chưa thực hiện",
    "no_report": "Chưa có báo cáo",
}


def _localise(value: Any, lang: str) -> Any:
    # A value may itself be a (vi, en) pair, e.g. a type name or a hint.
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) for v in value):
        return value[1] if lang == "en" else value[0]
    return value


def t(vi: str, en: str, lang: str) -> str:
    """Pick the sentence in the user's language."""
    return en if lang == "en" else vi
