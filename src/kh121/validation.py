"""Turning a Document into a model, and pydantic's errors into problems with a place."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from kh121.models import SCHEMA_VERSION, Record
from kh121.problems import Problem
from kh121.yamlio import Document

M = TypeVar("M", bound=Record)

_TYPE_NAMES: dict[str, tuple[str, str]] = {
    "string_type": ("văn bản", "text"),
    "int_type": ("số nguyên", "a whole number"),
    "int_parsing": ("số nguyên", "a whole number"),
    "int_from_float": ("số nguyên", "a whole number"),
    "bool_type": ("true hoặc false", "true or false"),
    "bool_parsing": ("true hoặc false", "true or false"),
    "list_type": ("một danh sách", "a list"),
    "tuple_type": ("một danh sách", "a list"),
    "dict_type": ("một bảng khóa: giá trị", "a mapping"),
    "model_type": ("một bảng khóa: giá trị", "a mapping"),
    "model_attributes_type": ("một bảng khóa: giá trị", "a mapping"),
    "date_type": ("một ngày", "a date"),
    "float_type": ("một số", "a number"),
}
_DATE_ERRORS = {"date_from_datetime_parsing", "date_parsing", "date_type", "value_error"}


@cache
def _all_field_names() -> frozenset[str]:
    """Every key kh121's files may hold, for 'did you mean' (not other libraries' models)."""
    names: set[str] = set()
    stack: list[type[BaseModel]] = list(Record.__subclasses__())
    while stack:
        cls = stack.pop()
        names.update(cls.model_fields)
        stack.extend(cls.__subclasses__())
    return frozenset(names)


def validate_document(doc: Document, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate a document against a model; every error is a problem at its place."""
    data = doc.data
    if isinstance(data, dict) and "schema_version" in data:
        version = data["schema_version"]
        if version != SCHEMA_VERSION:
            return None, [
                doc.error(["schema_version"], "E025", got=repr(version), supported=SCHEMA_VERSION)
            ]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [_problem(doc, err) for err in exc.errors(include_url=False)]


def _described(value: Any) -> tuple[str, str]:
    if value is None:
        return ("giá trị rỗng", "an empty value")
    if isinstance(value, bool):
        return (f"giá trị đúng/sai {str(value).lower()}", f"the boolean {str(value).lower()}")
    if isinstance(value, dt.date):
        return (f"ngày {value.isoformat()}", f"the date {value.isoformat()}")
    if isinstance(value, int | float):
        return (f"số {value}", f"the number {value}")
    if isinstance(value, list):
        return ("một danh sách", "a list")
    if isinstance(value, dict):
        return ("một bảng khóa: giá trị", "a mapping")
    text = str(value)
    short = text if len(text) <= 40 else text[:37] + "..."
    return (f"'{short}'", f"'{short}'")


def _field_name(loc: tuple[Any, ...], data: Any) -> str:
    """The last step of loc that names a key of the file (not a union's tag)."""
    name = ""
    node = data
    for step in loc:
        if isinstance(node, dict) and step in node:
            name, node = str(step), node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
    return name or (str(loc[-1]) if loc else "")


def _problem(doc: Document, err: Any) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    value = err.get("input")
    field = _field_name(loc, doc.data)
    if kind == "missing":
        return doc.error(loc[:-1], "E020", key=str(loc[-1]))
    if kind == "extra_forbidden":
        key = str(loc[-1])
        # never the key itself: it is a field elsewhere, not here
        others = sorted(_all_field_names() - {key})
        close = difflib.get_close_matches(key, others, n=1, cutoff=0.7)
        suggestion = (f"; có phải '{close[0]}'?", f"; did you mean '{close[0]}'?") if close else ""
        return doc.error(loc, "E021", at_key=True, key=key, suggestion=suggestion)
    if kind in ("literal_error", "enum", "union_tag_invalid"):
        ctx = err.get("ctx", {})
        allowed = ctx.get("expected") or ctx.get("expected_tags") or ""
        if kind == "union_tag_invalid":
            value = ctx.get("tag", value)
        choices = re.findall(r"'([^']*)'", str(allowed))
        return doc.error(
            loc,
            "E026",
            field=field,
            value=value,
            allowed=(_either(choices, "hoặc"), _either(choices, "or")) if choices else allowed,
            hint=_enum_hint(str(value), choices),
        )
    if kind == "union_tag_not_found":
        return doc.error(loc, "E020", key=str(err.get("ctx", {}).get("discriminator", "kind")))
    textual = isinstance(value, str | dt.datetime)
    if kind == "date_out_of_range":
        why = ("năm phải từ 1900 đến 2200", "the year must be from 1900 to 2200")
        return doc.error(loc, "E024", field=field, value=value, why=why)
    if kind in _DATE_ERRORS and (textual or (kind.startswith("date") and kind != "date_type")):
        return doc.error(loc, "E024", field=field, value=value, why=_date_why(str(value)))
    if kind in _TYPE_NAMES:
        hint: tuple[str, str] | str = ""
        raw = doc.raw_scalar(loc)
        if kind == "string_type" and raw and not raw[1] and value is not None:
            hint = (
                f"; YAML đọc '{raw[0]}' không phải văn bản: hãy đặt trong dấu nháy \"{raw[0]}\"",
                f"; YAML does not read '{raw[0]}' as text: quote it, \"{raw[0]}\"",
            )
        return doc.error(
            loc, "E022", field=field, expected=_TYPE_NAMES[kind], got=_described(value), hint=hint
        )
    if kind == "string_pattern_mismatch" and field in ("lead", "code", "successor", "to"):
        return doc.error(loc, "E038", code=value)
    detail = _DETAILS.get(kind)
    if detail is not None:
        ctx = err.get("ctx", {})
        text = (detail[0].format(**ctx), detail[1].format(**ctx))
    else:
        text = (err["msg"], err["msg"])
    return doc.error(loc, "E023", field=field, detail=text)


def _either(choices: list[str], word: str) -> str:
    quoted = [f"'{c}'" for c in choices]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + f" {word} {quoted[-1]}"


def _enum_hint(value: str, choices: list[str]) -> tuple[str, str] | str:
    """'xong' → 'done'; 'in progres' → 'in_progress': what the person most likely meant."""
    from kh121.states import state_of

    meant = state_of(value)
    if meant is not None and meant.value in choices:
        return (f"; có phải '{meant.value}'?", f"; did you mean '{meant.value}'?")
    close = difflib.get_close_matches(value.replace(" ", "_").lower(), choices, n=1, cutoff=0.6)
    if close:
        return (f"; có phải '{close[0]}'?", f"; did you mean '{close[0]}'?")
    return ""


def _date_why(value: str) -> tuple[str, str]:
    """Why a date is refused: a day that does not exist, or a form not understood."""
    from kh121.dates import date_why

    return date_why(value)


_DETAILS: dict[str, tuple[str, str]] = {
    "string_too_short": ("không được để trống", "must not be empty"),
    "string_too_long": ("dài quá {max_length} ký tự", "longer than {max_length} characters"),
    "string_pattern_mismatch": ("không đúng dạng {pattern}", "does not match {pattern}"),
    "greater_than_equal": ("phải từ {ge} trở lên", "must be at least {ge}"),
    "less_than_equal": ("phải nhỏ hơn hoặc bằng {le}", "must be at most {le}"),
}
