"""Bad inputs, one per problem code: files written over a copy of the shipped data.

Each case: files to write (path -> text or bytes), edits to shipped files
(path, old, new), files to delete. Used by the golden tests of `kh121 validate`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Case:
    files: dict[str, str | bytes] = field(default_factory=dict)
    edits: list[tuple[str, str, str]] = field(default_factory=list)
    delete: list[str] = field(default_factory=list)


def report(
    body: str, agency: str = "SYT", period: str = "2026-H2", head: str = "", received: bool = True
) -> str:
    """A received report of Sở Y tế, stating the one task it leads (III.7) unless the body does."""
    if agency == "SYT" and received and "III.7" not in body:
        line = "  - task: III.7\n    state: in_progress\n"
        body = (
            body.replace("tasks:\n", "tasks:\n" + line, 1)
            if "tasks:\n" in body
            else (body + "tasks:\n" + line)
        )
    got = "received: 2026-11-12\n" if received else ""
    return (
        f"{head}schema_version: 1\nagency: {agency}\nperiod: {period}\n"
        f"number: 45/BC-SYT\ndate: 2026-11-10\n{got}{body}"
    )


R = "reports/2026-H2/SYT.yaml"
TASKS = "data/tasks.yaml"
AGENCIES = "data/agencies.yaml"

CASES: dict[str, Case] = {
    "E001-missing-file": Case(delete=[AGENCIES]),
    "E002-not-utf8": Case(files={R: report("difficulties: Kh\xf3 kh\u0103n\n").encode("cp1258")}),
    "E003-empty": Case(files={R: "# chỉ có chú thích\n\n"}),
    "E004-tab": Case(files={R: "schema_version: 1\nagency: SYT\n\tperiod: 2026-H2\n"}),
    "E004-unclosed-quote": Case(files={R: report('difficulties: "chưa đóng\n')}),
    "E005-list": Case(files={R: "- schema_version: 1\n- agency: SYT\n"}),
    "E006-duplicate-key": Case(
        files={R: report("tasks:\n  - task: III.7\n    state: done\n    state: in_progress\n")}
    ),
    "E006-duplicate-top": Case(files={R: report("agency: SCT\n")}),
    "E007-alias": Case(files={R: report("difficulties: &a Thiếu kinh phí\nproposals: *a\n")}),
    "E008-python-tag": Case(files={R: report("difficulties: !!python/object:os.system ls\n")}),
    "E009-yaml11-bool": Case(files={R: report("tasks:\n  - task: III.7\n    done: no\n")}),
    "E010-deep": Case(
        files={R: report("proposals:\n" + "".join("  " * (i + 1) + "- \n" for i in range(45)))}
    ),
    "E012-control": Case(files={R: report("difficulties: Thiếu\x0c kinh phí\n")}),
    "E020-missing": Case(files={R: "schema_version: 1\nagency: SYT\n"}),
    "E021-unknown-key": Case(files={R: report("tasks:\n  - task: III.7\n    stat: done\n")}),
    "E022-number-for-text": Case(files={R: report("tasks:\n  - task: III.7\n    evidence: 123\n")}),
    "E022-date-for-text": Case(files={R: report("difficulties: 2026-05-01\n")}),
    "E023-empty-text": Case(files={R: report('difficulties: ""\n')}),
    "E024-impossible-date": Case(
        files={
            R: report("tasks:\n  - task: III.7\n    state: done\n    completed_on: 2026-02-31\n")
        }
    ),
    "E024-dmy-date": Case(
        files={R: report("tasks:\n  - task: II.1\n    state: done\n    completed_on: 31/02/2026\n")}
    ),
    "E025-version": Case(files={R: report("").replace("schema_version: 1", "schema_version: 2")}),
    "E026-bad-state": Case(files={R: report("tasks:\n  - task: III.7\n    state: tạm dừng\n")}),
    "E030-duplicate-task": Case(edits=[(TASKS, "id: II.2", "id: II.1")]),
    "E031-unknown-agency": Case(edits=[(TASKS, "lead: SYT", "lead: SYTE")]),
    "E031-report-agency": Case(files={"reports/2026-H2/SXYZ.yaml": report("", agency="SXYZ")}),
    "E032-cycle": Case(
        edits=[
            (
                AGENCIES,
                "  - code: STC\n    name: Sở Tài chính\n    short: Sở Tài"
                " chính\n    kind: department\n",
                "  - code: STC\n    name: Sở Tài chính\n    short: Sở Tài"
                " chính\n    kind: department\n    merged_into:\n"
                "      successor: SKHDT\n      from_date: 2025-03-01\n",
            )
        ]
    ),
    "E033-outside-span": Case(edits=[(TASKS, "year: 2024\n", "year: 2035\n")]),
    "E034-unknown-task": Case(files={R: report("tasks:\n  - task: III.99\n    state: done\n")}),
    "E035-wrong-folder": Case(files={"reports/2026-H1/SYT.yaml": report("")}),
    "E036-bad-period": Case(files={"reports/2026-H3/SYT.yaml": report("", period="2026-H3")}),
    "E037-future": Case(
        # after the tests' today (KH121_TODAY, 31/12/2026): a typing mistake; a date after
        # the as-of date only is "not yet known", never an error
        files={R: report("").replace("received: 2026-11-12", "received: 2027-02-12")}
    ),
    "E038-path-code": Case(files={R: report("", agency='"../../x"')}),
    "E039-task-twice": Case(
        files={
            R: report(
                "tasks:\n  - task: III.7\n    state: done\n"
                "  - task: III.7\n    state: in_progress\n"
            )
        }
    ),
    "E040-received-before-date": Case(
        files={R: report("").replace("received: 2026-11-12", "received: 2026-11-01")}
    ),
    "E041-duplicate-agency": Case(edits=[(AGENCIES, "  - code: SNV\n", "  - code: SYT\n")]),
    # a group may lead a task (its members report); a group never sends a report itself
    "E042-group-report": Case(files={R: report("", agency="SO_BAN_NGANH")}),
    "E043-task-section": Case(edits=[(TASKS, "id: V.3", "id: IV.9")]),
    "W050-not-assigned": Case(
        files={R: report("tasks:\n  - task: III.2\n    state: in_progress\n")}
    ),
    "W051-nfd": Case(
        files={R: report("difficulties: Thiếu kinh phí\n".replace("ế", "e\u0302\u0301"))}
    ),
    "W052-ceased-agency": Case(
        files={"reports/2026-H2/STTTT.yaml": report("", agency="STTTT", received=False)}
    ),
    "W053-calendar-year": Case(edits=[("data/calendar.yaml", "  - 2030\n", "")]),
    "W054-done-without-date": Case(files={R: report("tasks:\n  - task: III.7\n    state: done\n")}),
    "W057-wording-disagrees": Case(edits=[(TASKS, "          day: 5\n", "          day: 6\n")]),
    "E046-unknown-occurrence": Case(
        files={
            R: report(
                "tasks:\n  - task: III.7\n    state: in_progress\n    delivered:\n"
                "      - number: 1/BC\n        date: 2026-11-01\n        occurrence: 2026-Q1\n"
            )
        }
    ),
    "OK-bom-crlf": Case(
        files={
            R: "\ufeff"
            + report(
                "tasks:\n  - task: III.7\n    state: done\n"
                "    delivered:\n      number: 45/BC-SYT\n"
                "      date: 2026-11-10\n"
            ).replace("\n", "\r\n")
        }
    ),
}
