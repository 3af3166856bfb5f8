"""A YAML syntax error told as the mistake a person made, at the place they made it.

PyYAML says where it gave up ("could not find expected ':'", one line too late) and in its
own English. The usual mistakes behind it are few and can be seen in the text itself: a tab
in the indentation, a missing space after a colon, a non-breaking space pasted from Word, a
quote or a bracket left open, a line indented out of step. Each is named here, in Vietnamese
and English, with where it is and how to fix it. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

# Spaces that look like a space but are not one to YAML (Word pastes U+00A0).
_ODD_SPACES = re.compile("[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]")
_NO_SPACE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*):(?=[^\s:/])")
_WINDOW = 2  # lines around PyYAML's place where the real mistake may sit


@dataclass(frozen=True)
class Diagnosis:
    line: int  # 1-based
    col: int
    vi: str
    en: str


def diagnose(text: str, exc: yaml.MarkedYAMLError) -> Diagnosis:
    """The mistake behind a syntax error, at its own line and column."""
    problem = exc.problem_mark or exc.context_mark
    at_line = problem.line + 1 if problem else 1
    lines = text.split("\n")
    for finder in (_tab, _odd_space, _no_space):
        found = finder(lines, at_line)
        if found is not None:
            return found
    opened = _unclosed(lines, exc)
    if opened is not None:
        return opened
    line, col = (problem.line + 1, problem.column + 1) if problem else (1, 1)
    full = str(exc)
    for needles, vi, en in _BY_MESSAGE:
        if any(needle in full for needle in needles):
            return Diagnosis(line, col, vi, en)
    detail = " ".join(x for x in (exc.context, exc.problem) if x)
    return Diagnosis(
        line,
        col,
        f"YAML không đọc được từ chỗ này (PyYAML: {detail}); xem lại dấu ':', dấu nháy và"
        " thụt lề của dòng này và dòng trên",
        f"YAML cannot be read from here ({detail}); check the colons, quotes and indentation"
        " of this line and the one above",
    )


# PyYAML's words for a mistake (any of them) -> what she did, in her words.
_BY_MESSAGE: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (
        ("mapping values are not allowed",),
        "dòng này thụt lề không thẳng cột với các khóa cùng cấp ở trên, hoặc văn bản có"
        " ': ' mà không đặt trong dấu nháy: thụt lề bằng đúng số dấu cách của các dòng"
        ' cùng cấp, hoặc viết văn bản trong dấu nháy "..."',
        "this line is not aligned with the keys of its level above, or a text holds ': '"
        ' without quotes: indent it like its siblings, or put the text in quotes "..."',
    ),
    (
        ("expected <block end>", "did not find expected key", "expected '-'"),
        "thụt lề của dòng này không khớp với các dòng trên: các khóa cùng cấp phải thẳng"
        " cột (cùng số dấu cách đầu dòng)",
        "this line's indentation does not match the lines above: keys of one level must"
        " start in the same column",
    ),
    (
        ("expected a single document",),
        "mỗi tệp chỉ chứa một tài liệu YAML: bỏ dòng '---' thừa",
        "one YAML document per file: remove the extra '---'",
    ),
    (("nesting depth",), "cấu trúc lồng quá sâu", "the structure is nested too deeply"),
)


def _unclosed(lines: list[str], exc: yaml.MarkedYAMLError) -> Diagnosis | None:
    """A quote or a bracket left open, at the place it was opened."""
    full = str(exc)
    start = exc.context_mark
    if start is None:
        return None
    if "quoted scalar" in full:
        quote = lines[start.line][start.column : start.column + 1] or '"'
        return Diagnosis(
            start.line + 1,
            start.column + 1,
            f"dấu nháy {quote} mở ở đây chưa được đóng: thêm {quote} ở cuối văn bản, hoặc bỏ"
            " dấu nháy mở",
            f"the quote {quote} opened here is never closed: add {quote} at the end of the"
            " text, or remove the opening one",
        )
    if "flow" not in full:
        return None
    at: tuple[int, int] | None = (start.line, start.column)
    opening = lines[start.line][start.column : start.column + 1] if start.line < len(lines) else ""
    if not (opening and opening in "[{"):
        at = _open_bracket(lines, start.line)  # the parser gave up at the end: look back
    if at is None:
        return None
    bracket = lines[at[0]][at[1]]
    closing = {"[": "]", "{": "}"}[bracket]
    return Diagnosis(
        at[0] + 1,
        at[1] + 1,
        f"dấu {bracket} mở ở đây chưa được đóng bằng {closing}: thêm {closing}, hoặc"
        " viết danh sách mỗi mục một dòng bắt đầu bằng '- '",
        f"the {bracket} opened here is never closed with {closing}: add it, or write"
        " the list one item per line starting with '- '",
    )


def _open_bracket(lines: list[str], before: int) -> tuple[int, int] | None:
    """The last '[' or '{' left open on the lines before `before` (0-based), if any."""
    for i in range(min(before, len(lines)) - 1, max(-1, before - 1 - 5), -1):
        line = lines[i]
        depth = 0
        for j in range(len(line) - 1, -1, -1):
            if line[j] in "]}":
                depth += 1
            elif line[j] in "[{":
                if depth == 0:
                    return i, j
                depth -= 1
    return None


def _near(lines: list[str], at_line: int) -> range:
    return range(max(0, at_line - 1 - _WINDOW), min(len(lines), at_line + _WINDOW))


def _tab(lines: list[str], at_line: int) -> Diagnosis | None:
    for i, line in enumerate(lines):
        lead = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in lead:
            return Diagnosis(
                i + 1,
                lead.index("\t") + 1,
                "dòng này thụt lề bằng phím Tab: YAML chỉ cho thụt lề bằng dấu cách; thay Tab"
                " bằng dấu cách cho thẳng cột với các dòng cùng cấp",
                "this line is indented with a tab: YAML indents with spaces only; replace the"
                " tab with spaces aligned with the lines of its level",
            )
    return None


def _odd_space(lines: list[str], at_line: int) -> Diagnosis | None:
    for i in _near(lines, at_line):
        m = _ODD_SPACES.search(lines[i])
        if m:
            code = f"U+{ord(m.group()):04X}"
            return Diagnosis(
                i + 1,
                m.start() + 1,
                f"ở đây có một dấu cách đặc biệt ({code}, thường do chép từ Word), YAML không"
                " coi là dấu cách: xóa nó rồi gõ lại bằng phím cách",
                f"there is a special space here ({code}, often pasted from Word) that YAML"
                " does not take as a space: delete it and type an ordinary space",
            )
    return None


def _no_space(lines: list[str], at_line: int) -> Diagnosis | None:
    for i in _near(lines, at_line):
        m = _NO_SPACE.match(lines[i])
        if m:
            key = m.group(2)
            rest = lines[i][m.end() :].strip()
            return Diagnosis(
                i + 1,
                m.end(),
                f"sau dấu ':' của khóa '{key}' cần một dấu cách: viết '{key}: {rest}'",
                f"the key '{key}' needs a space after its ':': write '{key}: {rest}'",
            )
    return None
