"""Pre-filled files to fill in: an agency's report (as YAML, or what its Word form shows),
and the clerk's own text. Pure."""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import TYPE_CHECKING

from kh121 import calendar as cal
from kh121 import record
from kh121.agencies import AgencyIndex
from kh121.dates import dmy
from kh121.models import PlanFile, Task
from kh121.yamlout import scalar

if TYPE_CHECKING:
    from kh121.form import FormRow, FormSpec
    from kh121.workspace import Workspace

WIDTH = 80  # every line of a scaffold fits an 80-column terminal


def agency_tasks(
    plan: PlanFile, agencies: AgencyIndex, agency: str, on: dt.date
) -> list[tuple[Task, bool]]:
    """The tasks an agency leads (True) or coordinates (False) on a day, in plan order.

    Through a merger, the successor inherits its predecessors' tasks; through a group,
    every member its group's.
    """
    out = []
    for task in plan.tasks():
        if any(agencies.covers(c, agency, on) for c in task.leads):
            out.append((task, True))
        elif any(agencies.covers(c, agency, on) for c in task.coordinators):
            out.append((task, False))
    return out


def _comment(text: str, indent: int) -> list[str]:
    pad = " " * indent
    return [f"{pad}# {line}" for line in textwrap.wrap(text, WIDTH - indent - 2)]


def report_scaffold(ws: Workspace, agency: str, period: cal.Period) -> str:
    """The YAML of an empty report for one agency and one period, with the tasks to cover,
    the day it is due and the agency it is sent to (the focal point on the due day)."""
    plan, agencies = ws.plan, ws.agencies
    effective_due, focal = ws.work.effective(period.due), record.focal(ws, period.due)
    name = agencies.name(agency, short=False)
    found = agencies.get(agency)
    symbol = (found.symbol if found is not None else None) or agency
    lines = [
        "# yaml-language-server: $schema=../../schemas/report.schema.json",
        *_comment(
            f"Báo cáo {period.label('vi')} của {name} về thực hiện {plan.plan.kind}"
            f" {plan.plan.code}.",
            0,
        ),
        f"# Hạn gửi {agencies.name(focal)}: {dmy(period.due)}"
        + (f" (ngày nghỉ, lùi sang {dmy(effective_due)})" if effective_due != period.due else "")
        + ".",
        "# Điền vào sau dấu ':'; để trống nếu không có.",
        "# Ngày viết 15/11/2026 (cũng được: 15-11-2026, 15.11.2026, 2026-11-15).",
        "# Văn bản nhiều dòng: viết '|' rồi xuống dòng, thụt lề 2 dấu cách; nhiều đoạn:",
        "# để một dòng trống giữa hai đoạn.",
        "schema_version: 1",
        f"agency: {agency}",
        f"period: {period.id}",
        f"number:  # số hiệu báo cáo, ví dụ 12/BC-{symbol}",
        "date:  # ngày ký báo cáo",
        f"received:  # ngày {agencies.name(focal)} nhận (bộ phận văn thư điền)",
    ]
    tasks = agency_tasks(plan, agencies, agency, period.due)
    lines.append("tasks:" if tasks else "tasks: []")
    for task, leads in tasks:
        lines.extend(_task_block(plan, task, leads))
    lines.append("# Khó khăn, kiến nghị chung: một đoạn, hoặc mỗi đoạn một dòng '- …'.")
    lines.append("difficulties:  # khó khăn, vướng mắc chung")
    lines.append("proposals:  # kiến nghị, đề xuất chung")
    return "\n".join(lines) + "\n"


def _task_block(plan: PlanFile, task: Task, leads: bool) -> list[str]:
    """One task of an empty report: what it is, and the keys its role asks for (the lead of
    a one-time task: the day it was done and the proof; of a recurring one: what it sent)."""
    role = "CHỦ TRÌ" if leads else "phối hợp"
    one_time = cal.occurrences(task.deadline, plan.plan.span)[0].key == "once"
    lines = [
        f"  - task: {task.id}",
        *_comment(f"[{role}] {task.content}", 4),
        *_comment(f"Sản phẩm: {task.product}. Thời hạn: {task.deadline.text}.", 4),
        "    state:  # Đã hoàn thành | Đang thực hiện | Chưa thực hiện",
        "    done:  # kết quả thực hiện trong kỳ",
    ]
    if leads and one_time:
        lines.append("    completed_on:  # ngày hoàn thành")
        lines.append("    evidence:  # văn bản chứng minh, ví dụ số nghị quyết, quyết định")
    elif leads:
        unit = {"quarterly": "quý", "half_yearly": "6 tháng"}.get(task.deadline.kind, "năm")
        lines.append(f"    delivered:  # văn bản/sản phẩm đã gửi trong {unit}")
        lines.append("      number:")
        lines.append("      date:")
    lines.append("    difficulties:")
    lines.append("    proposals:")
    return lines


def clerk_scaffold(period: cal.Period, consolidator: str) -> str:
    """The YAML of the consolidating agency's own text for the report of a period."""
    return (
        "\n".join(
            [
                "# yaml-language-server: $schema=../../schemas/clerk.schema.json",
                f"# Nội dung do {consolidator} tự viết cho báo cáo tổng hợp kỳ {period.id}.",
                "# 'kh121 merge' đọc tệp này nhưng không bao giờ ghi đè.",
                "schema_version: 1",
                f"period: {scalar(period.id)}",
                "# Mỗi phần: một đoạn, hoặc nhiều đoạn, mỗi đoạn một dòng bắt đầu bằng '- ',",
                "# thụt lề 2 dấu cách, ví dụ:",
                "#   achievements:",
                "#     - Đoạn thứ nhất.",
                "#     - Đoạn thứ hai.",
                "# 'kh121 render' từ chối khi còn phần trống (trừ khi chạy --draft).",
                "number:  # số báo cáo: phần số (kh121 thêm /BC-...) hoặc cả số hiệu",
                "date:  # ngày ban hành, dạng 2026-11-30; trống: ngày chạy render",
                "# mục II.1 Kết quả đạt được: điều đã làm được trong kỳ, có số liệu",
                "achievements:",
                "# mục II.2 Tồn tại, hạn chế: việc chưa làm được, còn chậm, còn thiếu",
                "shortcomings:",
                "# mục II.3 Nguyên nhân của các tồn tại trên (khách quan, chủ quan)",
                "causes:",
                "# mục III Nhiệm vụ, giải pháp kỳ tới: việc sẽ làm, ai làm, khi nào",
                "next_tasks:",
                "# mục IV Kiến nghị, đề xuất: điều đề nghị cấp trên xem xét, chỉ đạo",
                "proposals:",
                "# signer:  # người ký kỳ này, nếu khác data/report.yaml",
                "#   capacity: KT. GIÁM ĐỐC",
                "#   title: PHÓ GIÁM ĐỐC",
                "#   name: Họ và tên",
            ]
        )
        + "\n"
    )


def review_scaffold(first: int, last: int, consolidator: str, whole: bool) -> str:
    """The YAML of the consolidating agency's own text for the review of years first..last."""
    kind = "tổng kết" if whole else "sơ kết"
    return (
        "\n".join(
            [
                "# yaml-language-server: $schema=../schemas/review.schema.json",
                f"# Nội dung do {consolidator} tự viết cho báo cáo {kind} {first}–{last}.",
                "# Số liệu (theo năm, cơ quan, tình hình gửi báo cáo) do 'kh121 review' tính;",
                "# tệp này chỉ giữ phần người viết. kh121 không bao giờ ghi đè tệp này.",
                "schema_version: 1",
                f"from_year: {first}",
                f"to_year: {last}",
                "# Mỗi phần: một đoạn, hoặc nhiều đoạn, mỗi đoạn một dòng bắt đầu bằng '- ',",
                "# thụt lề 2 dấu cách. 'kh121 review --docx' từ chối khi còn phần trống (trừ",
                "# khi chạy --draft).",
                "number:  # số báo cáo: phần số (kh121 thêm /BC-...) hoặc cả số hiệu",
                "date:  # ngày ban hành, dạng 2026-01-15; trống: ngày xét (--as-of)",
                "# mục I Công tác chỉ đạo, tổ chức triển khai: văn bản các cơ quan đã ban hành",
                "direction:",
                "# mục III.1 Kết quả đạt được",
                "achievements:",
                "# mục III.2 Tồn tại, hạn chế",
                "shortcomings:",
                "# mục III.3 Nguyên nhân (khách quan, chủ quan)",
                "causes:",
                "# mục III.4 Bài học kinh nghiệm",
                "lessons:",
                "# mục IV Phương hướng, nhiệm vụ giai đoạn tiếp theo",
                "next_tasks:",
                "# mục V Kiến nghị, đề xuất (cả đề nghị khen thưởng, nếu có)",
                "proposals:",
                "# signer:  # người ký, nếu khác data/report.yaml",
                "#   capacity: KT. GIÁM ĐỐC",
                "#   title: PHÓ GIÁM ĐỐC",
                "#   name: Họ và tên",
            ]
        )
        + "\n"
    )


def form_spec(ws: Workspace, period: cal.Period, code: str) -> FormSpec:
    """What an agency's Word form shows: the plan, the period, the agency and its tasks
    (`kh121.form` lays it out)."""
    from kh121.form import FormSpec

    plan = ws.plan.plan
    return FormSpec(
        plan=plan.code,
        plan_title=plan.cited(),
        period=period.id,
        period_title=period.label("vi"),
        agency=code,
        agency_name=ws.agencies.name(code, short=False),
        due=dmy(ws.work.effective(period.due)),
        rows=_form_rows(ws, period, code),
    )


def _form_rows(ws: Workspace, period: cal.Period, code: str) -> tuple[FormRow, ...]:
    """One row a task the agency leads or coordinates, with its due dates in the period's
    year (else the plan's deadline words)."""
    from kh121.form import FormRow

    plan = ws.plan.plan
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
    return tuple(rows)
