"""The canonical form of data and report files, keeping every comment and every value.

ruamel.yaml is used here only: it is the one well-kept library that round-trips
YAML with its comments. A file is rewritten only when re-reading the result
gives the same values and the same comments; otherwise kh121 refuses and says why.
"""

from __future__ import annotations

import io
import re
import types
import typing
from collections import Counter
from typing import Any

from pydantic import BaseModel

from kh121 import yamlout
from kh121.errors import KnownError
from kh121.models import Record
from kh121.yamlio import parse_yaml


class FormatRefusedError(KnownError):
    """Formatting would lose a comment or change a value."""


def _yaml() -> Any:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096  # plain text is never wrapped; long text is folded where _folded says
    y.allow_unicode = True
    y.preserve_quotes = False
    return y


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation may hold: X, X | None, tuple[X, ...], a union of models."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _models_in(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, tuple, list):
        return [m for a in typing.get_args(annotation) for m in _models_in(a)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def _pick(models: list[type[BaseModel]], node: Any) -> type[BaseModel] | None:
    if len(models) == 1:
        return models[0]
    kind = node.get("kind") if hasattr(node, "get") else None
    for m in models:
        field = m.model_fields.get("kind")
        if field is not None and kind in typing.get_args(field.annotation):
            return m
    return None


def _canonical(node: Any, model: type[BaseModel] | None, order: dict[str, int]) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        FoldedScalarString,
        LiteralScalarString,
    )

    if isinstance(node, CommentedMap | CommentedSeq):
        node.fa.set_block_style()  # the canonical form is block style, never `[...]`/`{...}`
    if isinstance(node, CommentedMap):
        fields = list(model.model_fields) if model else []
        for key in sorted(node, key=lambda k: fields.index(k) if k in fields else len(fields)):
            node.move_to_end(key)
        for key in list(node):
            value = node[key]
            said = accepted(key, value)
            if said is not value:
                value = node[key] = said
            sub = None
            if model and key in model.model_fields:
                sub = _pick(_models_in(model.model_fields[key].annotation), value)
            if isinstance(value, str):
                node[key] = _styled(
                    value, DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString
                )
            else:
                _canonical(value, sub, order)
            if (
                key == "tasks"
                and isinstance(value, CommentedSeq)
                and order
                and all(isinstance(i, CommentedMap) and "task" in i for i in value)
            ):
                _sort_seq(value, lambda item: order.get(str(item.get("task")), len(order)))
    elif isinstance(node, CommentedSeq):
        for i, value in enumerate(node):
            if isinstance(value, str):
                node[i] = _styled(
                    value, DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString
                )
            else:
                _canonical(value, model, order)  # the items' model, resolved by the caller


def _styled(text: str, quoted: Any, folded: Any, literal: Any) -> Any:
    style = yamlout.block_style(text)
    if style == "literal":
        return literal(text)
    if style == "folded":
        out = folded(text)
        out.fold_pos = yamlout.fold_positions(text)
        return out
    if yamlout.reads_as_other(text):
        return quoted(text)  # a YAML 1.1 reader would take it for a boolean, number or date
    return text


def _sort_seq(seq: Any, key: Any) -> None:
    order = sorted(range(len(seq)), key=lambda i: (key(seq[i]), i))
    if order == list(range(len(seq))):
        return
    items = [seq[i] for i in order]
    comments = {new: seq.ca.items[old] for new, old in enumerate(order) if old in seq.ca.items}
    seq.clear()
    seq.extend(items)
    seq.ca.items.clear()
    seq.ca.items.update(comments)


def _comments(text: str) -> Counter[str]:
    """Every comment's text, by scanning tokens (never inside a quoted or block scalar)."""
    import yaml

    found: Counter[str] = Counter()
    lines = text.splitlines()
    spans: set[int] = set()
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">", "'", '"'):
            spans.update(range(token.start_mark.line + 1, token.end_mark.line))
    for i, line in enumerate(lines):
        if i in spans:
            continue
        m = re.search(r"(?:^|\s)#(.*)$", _strip_quoted(line))
        if m:
            found[m.group(1).strip()] += 1
    return found


def _strip_quoted(line: str) -> str:
    return re.sub(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'", lambda m: " " * len(m.group()), line)


def format_text(text: str, model: type[Record], plan_order: dict[str, int]) -> str:
    """The canonical form of a valid file's text; FormatRefusedError if it would lose anything."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    y = _yaml()
    try:
        data = y.load(text)
    except YAMLError as exc:  # what the checking reader accepts, the round-trip may not
        mark = getattr(exc, "problem_mark", None) if isinstance(exc, MarkedYAMLError) else None
        where = f" (dòng {mark.line + 1}, cột {mark.column + 1})" if mark is not None else ""
        where_en = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        tab = "\t" in text
        raise FormatRefusedError(
            f"không định dạng lại được{where}"
            + ("; có dấu tab: thay bằng dấu cách" if tab else "")
            + "; tệp được giữ nguyên",
            f"cannot be formatted{where_en}"
            + ("; it holds a tab: use spaces" if tab else "")
            + "; the file is left as it is",
        ) from None
    _canonical(data, model, plan_order)
    out = io.StringIO()
    y.dump(data, out)
    result = out.getvalue()
    before, _ = parse_yaml(text.encode("utf-8"), "before")
    after, problems = parse_yaml(result.encode("utf-8"), "after")
    if before is None or after is None or problems or _normal(before.data) != _normal(after.data):
        raise FormatRefusedError(
            "định dạng lại sẽ làm đổi một giá trị; tệp được giữ nguyên",
            "formatting would change a value; the file is left as it is",
        )
    lost = _comments(text) - _comments(result)
    if lost:
        first = next(iter(lost))
        raise FormatRefusedError(
            f"định dạng lại sẽ làm mất chú thích '# {first}'; tệp được giữ nguyên",
            f"formatting would lose the comment '# {first}'; the file is left as it is",
        )
    return result


_DATE_KEYS = frozenset({"date", "received", "completed_on"})
_PARAGRAPH_KEYS = frozenset({"difficulties", "proposals"})


def accepted(key: str, value: Any) -> Any:
    """A value written in a form the reader accepts, in its canonical form: a state in words
    ('đã hoàn thành') as its key, a bare number (125) as text, a date typed 15.11.2026 or
    'ngày 15 tháng 11 năm 2026' as 2026-11-15, a list of difficulties as paragraphs. Any
    other value (one the reader would refuse too) is returned as it is."""
    import datetime as dt

    from kh121.dates import parse_date
    from kh121.states import state_of

    if key == "state" and isinstance(value, str):
        state = state_of(value)
        return state.value if state is not None and state.value != value else value
    if key == "number" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if key in _DATE_KEYS and isinstance(value, str) and not isinstance(value, dt.date):
        try:
            return parse_date(value)
        except ValueError:
            return value
    if (
        key in _PARAGRAPH_KEYS
        and isinstance(value, list)
        and value
        and all(isinstance(v, str) for v in value)
    ):
        return "\n\n".join(value) + "\n"
    return value


def _normal(data: Any) -> Any:
    """Values compared up to the order of a report's task list (which fmt sorts) and up to
    the forms `accepted` writes canonically."""
    import datetime as dt

    if isinstance(data, dict):
        out = {}
        for k, v in data.items():
            v = accepted(k, v)
            if isinstance(v, str) and k in _PARAGRAPH_KEYS:
                v = v.rstrip("\n")
            out[k] = v.isoformat() if isinstance(v, dt.date) else _normal(v)
        tasks = out.get("tasks")
        if isinstance(tasks, list) and all(isinstance(t, dict) and "task" in t for t in tasks):
            out["tasks"] = sorted(tasks, key=lambda t: repr(t))
        return out
    if isinstance(data, list):
        return [_normal(v) for v in data]
    return data
