"""Writes the bad-input corpus: one folder per case, the files as an agency would send them.

Each case folder holds the files to lay over a copy of the shipped data (paths relative
to the workspace root, e.g. reports/2026-H2/SYT.yaml) and `expect.yaml` with the problem
code, file, line and exit status `kh121 validate` must give. Run once to (re)create the
corpus, then read the result: python tests/bad_inputs/make_corpus.py
"""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).parent
R = "reports/2026-H2/SYT.yaml"
# A draft (no `received`): the case is about its own line, not a received report's rules.
HEAD = "schema_version: 1\nagency: SYT\nperiod: 2026-H2\nnumber: 45/BC-SYT\n"


def rep(body: str) -> bytes:
    return (HEAD + body).encode("utf-8")


# name -> (files, code, file, line, exit)
CASES: dict[str, tuple[dict[str, bytes], str, str, int, int]] = {
    "tab-indent": ({R: b"schema_version: 1\nagency: SYT\n\tperiod: 2026-H2\n"}, "E004", R, 3, 1),
    "unclosed-quote": (
        {R: rep('difficulties: "thiếu dấu\n')},
        "E004",
        R,
        5,
        1,
    ),  # the opening quote
    "bad-indent": ({R: rep("tasks:\n  - task: III.7\n     state: done\n")}, "E004", R, 7, 1),
    "colon-in-text": ({R: rep("difficulties: Lý do: thiếu kinh phí: nhiều\n")}, "E004", R, 5, 1),
    "two-documents": ({R: rep("---\nagency: SCT\n")}, "E004", R, 5, 1),
    "wrong-type-mapping-for-text": ({R: rep("difficulties:\n  a: b\n")}, "E022", R, 6, 1),
    "wrong-type-mapping-for-list": ({R: rep("tasks:\n  task: III.7\n")}, "E022", R, 6, 1),
    "list-top": ({R: b"- schema_version: 1\n"}, "E005", R, 1, 1),
    "scalar-top": ({R: b"just some words\n"}, "E005", R, 1, 1),
    "missing-key": ({R: b"schema_version: 1\nagency: SYT\n"}, "E020", R, 1, 1),
    "missing-task-key": ({R: rep("tasks:\n  - state: done\n")}, "E020", R, 6, 1),
    "unknown-key": ({R: rep("dificulties: x\n")}, "E021", R, 5, 1),
    "duplicate-top-key": ({R: rep("number: 46/BC-SYT\n")}, "E006", R, 5, 1),
    "duplicate-nested-key": (
        {R: rep("tasks:\n  - task: III.7\n    done: a\n    done: b\n")},
        "E006",
        R,
        8,
        1,
    ),
    "yaml11-yes": ({R: rep("tasks:\n  - task: III.7\n    done: yes\n")}, "E009", R, 7, 1),
    "yaml11-on": ({R: rep("difficulties: on\n")}, "E009", R, 5, 1),
    "unquoted-date-as-text": ({R: rep("proposals: 2026-05-01\n")}, "E022", R, 5, 1),
    "number-as-text": ({R: rep("difficulties: 45\n")}, "E022", R, 5, 1),
    "impossible-date-iso": ({R: rep("date: 2026-02-31\n")}, "E024", R, 5, 1),
    "impossible-date-dmy": ({R: rep("date: 31/02/2026\n")}, "E024", R, 5, 1),
    "date-with-time": ({R: rep("date: 2026-11-10 08:30:00\n")}, "E024", R, 5, 1),
    "nfd-text": ({R: rep("difficulties: Thie\u0302\u0301u\n")}, "W051", R, 5, 0),
    "bom": ({R: b"\xef\xbb\xbf" + rep("")}, "OK", R, 0, 0),
    "crlf": ({R: rep("difficulties: a\n").replace(b"\n", b"\r\n")}, "OK", R, 0, 0),
    "windows-1258": (
        {R: rep("difficulties: Kh\u00f3 kh\u0103n\n").decode().encode("cp1258")},
        "E002",
        R,
        5,
        1,
    ),
    "latin-1": ({R: rep("difficulties: caf\u00e9\n").decode().encode("latin-1")}, "E002", R, 5, 1),
    "empty": ({R: b""}, "E003", R, 1, 1),
    "only-comments": ({R: b"# nothing\n\n# here\n"}, "E003", R, 1, 1),
    "very-long-string": ({R: rep("difficulties: " + "a" * 200_001 + "\n")}, "E023", R, 5, 1),
    "very-deep-nesting": (
        {R: rep("proposals:\n" + "".join("  " * (i + 1) + "- \n" for i in range(60)))},
        "E010",
        R,
        46,
        1,
    ),
    "flow-nesting-bomb": (
        {R: rep("proposals: " + "[" * 5000 + "]" * 5000 + "\n")},
        "E004",
        R,
        5,
        1,
    ),
    "alias-bomb": (
        {
            R: rep(
                "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a]\n"
                "c: &c [*b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c]\n"
            )
        },
        "E007",
        R,
        6,
        1,
    ),
    "python-object-tag": (
        {R: rep("difficulties: !!python/object/apply:os.system ['ls']\n")},
        "E008",
        R,
        5,
        1,
    ),
    "binary-garbage": ({R: bytes(range(256)) * 4}, "E002", R, 2, 1),
    "control-char": ({R: rep("difficulties: a\x07b\n")}, "E012", R, 5, 1),
    "nul-byte": ({R: rep("difficulties: a\x00b\n")}, "E012", R, 5, 1),
    "unknown-task": ({R: rep("tasks:\n  - task: VI.1\n    state: done\n")}, "E034", R, 6, 1),
    "unknown-agency": (
        {"reports/2026-H2/SXX.yaml": (HEAD.replace("SYT", "SXX")).encode()},
        "E031",
        "reports/2026-H2/SXX.yaml",
        2,
        1,
    ),
    "unknown-period": (
        {"reports/2026-H9/SYT.yaml": HEAD.replace("2026-H2", "2026-H9").encode()},
        "E036",
        "reports/2026-H9/SYT.yaml",
        3,
        1,
    ),
    "period-outside-plan": (
        {"reports/2031-H1/SYT.yaml": HEAD.replace("2026-H2", "2031-H1").encode()},
        "E036",
        "reports/2031-H1/SYT.yaml",
        3,
        1,
    ),
    "wrong-folder": (
        {"reports/2026-H1/SYT.yaml": rep("")},
        "E035",
        "reports/2026-H1/SYT.yaml",
        2,
        1,
    ),
    "wrong-file-name": (
        {"reports/2026-H2/SCT.yaml": rep("")},
        "E035",
        "reports/2026-H2/SCT.yaml",
        2,
        1,
    ),
    "path-shaped-code": (
        {R: rep("").replace(b"agency: SYT", b'agency: "../../x"')},
        "E038",
        R,
        2,
        1,
    ),
    "future-date": (
        {R: rep("date: 2027-01-05\n").replace(b"number: 45/BC-SYT\n", b"")},
        "E037",
        R,
        4,
        1,
    ),
    "group-as-sender": (
        {"reports/2026-H2/SO_BAN_NGANH.yaml": HEAD.replace("SYT", "SO_BAN_NGANH").encode()},
        "E042",
        "reports/2026-H2/SO_BAN_NGANH.yaml",
        2,
        1,
    ),
    "bad-state": ({R: rep("tasks:\n  - task: III.7\n    state: tạm dừng\n")}, "E026", R, 7, 1),
    "schema-version": (
        {R: rep("").replace(b"schema_version: 1", b"schema_version: 3")},
        "E025",
        R,
        1,
        1,
    ),
    "data-duplicate-key": (
        {"data/report.yaml": b"schema_version: 1\nschema_version: 1\n"},
        "E006",
        "data/report.yaml",
        2,
        1,
    ),
    "data-not-utf8": (
        {
            "data/agencies.yaml": b"schema_version: 1\nagencies:\n  - code: SYT\n"
            b"    name: S\xf4 Y t\xea\n"
        },
        "E002",
        "data/agencies.yaml",
        4,
        1,
    ),
    "data-calendar-wrong-type": (
        {"data/calendar.yaml": b"schema_version: 1\nweekend: sat\n"},
        "E022",
        "data/calendar.yaml",
        2,
        1,
    ),
}


def main() -> None:
    import yaml

    for old in HERE.iterdir():
        if old.is_dir():
            shutil.rmtree(old)
    for name, (files, code, file, line, exit_code) in CASES.items():
        folder = HERE / name
        for rel, content in files.items():
            path = folder / "files" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        expect = {"code": code, "file": file, "line": line, "exit": exit_code}
        (folder / "expect.yaml").write_text(yaml.safe_dump(expect, sort_keys=False))


if __name__ == "__main__":
    main()
