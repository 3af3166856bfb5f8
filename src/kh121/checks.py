"""The one list of checks every command runs (`validate`, the views, merge, render, remind):
a new rule is a new function in `plan_checks` or `report_checks` and a line here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from kh121.plan_checks import (
    check_agency_codes,
    check_agency_refs,
    check_approval_known,
    check_calendar_years,
    check_deadlines,
    check_since,
    check_successions,
    check_task_ids,
)
from kh121.problems import Problem
from kh121.record_checks import check_reminder_records
from kh121.report_checks import (
    check_completion_dates,
    check_contradictions,
    check_drafts,
    check_duplicates,
    check_periods,
    check_received_reports,
    check_report_agency,
    check_report_dates,
    check_report_place,
    check_report_tasks,
    check_review_files,
    check_silence,
    check_statements,
    lead_tasks,
)
from kh121.workspace import Workspace

Check = Callable[[Workspace, dt.date], list[Problem]]

__all__ = ["CHECKS", "PLAN_CHECKS", "Check", "lead_tasks", "run_checks"]


CHECKS: list[Check] = [
    check_approval_known,
    check_task_ids,
    check_agency_codes,
    check_agency_refs,
    check_successions,
    check_deadlines,
    check_calendar_years,
    check_since,
    check_periods,
    check_report_agency,
    check_report_place,
    check_report_dates,
    check_received_reports,
    check_drafts,
    check_report_tasks,
    check_silence,
    check_statements,
    check_duplicates,
    check_contradictions,
    check_completion_dates,
    check_reminder_records,
    check_review_files,
]


# The checks that need the plan alone: they still run when the agencies or the calendar
# cannot be read, so that one broken file never hides the plan's own problems.
PLAN_CHECKS: list[Check] = [check_approval_known, check_task_ids, check_deadlines]


def run_checks(ws: Workspace, as_of: dt.date) -> list[Problem]:
    return [p for check in CHECKS for p in check(ws, as_of)]
