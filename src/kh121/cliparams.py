"""Command-line values read without a pydantic adapter per option.

typer 0.29 reads every option's value through a pydantic `TypeAdapter` that it builds when
the command runs (`typer._coercion.build_runtime_param`); building them imports pydantic's
schema machinery, most of what `kh121 status` spends above the bare imports on a warm cache
(bench/README.md). The plain kinds kh121's options have (text, whole numbers, paths, lists
of them) are read here directly, paths with typer's own checks. A value that is not plainly
valid (not a number, an empty path, a number out of range) goes on to typer's own reading,
so every error message stays typer's, word for word. With a typer that reads values
another way (no `type_descriptor` on its parameters), nothing here is used.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

try:
    from typer._coercion import RuntimeParam, build_runtime_param
    from typer._param_types import coerce_cli_path, lenient_issubclass, routes_to_path

    _TYPER_READS = True
except ImportError:  # another typer: it reads values its own way
    _TYPER_READS = False

Read = Callable[[Any, Any, Any], Any]  # (value, param, ctx) -> the value, or _TYPER
_TYPER = object()  # "let typer read this one": an error, or a form not read here
_NUMBER = re.compile(r"(?:0|[1-9][0-9]{0,14})\Z")


def prime(command: Any, ctx: Any) -> None:
    """Give each parameter of a command (its help option too) the quick reader, where its
    kind allows one; called as the command's context is made, before any value is read."""
    if not _TYPER_READS:
        return
    for param in command.get_params(ctx):
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None:
            continue
        try:
            read = _reader(descriptor)
            if read is not None:
                param._runtime_param = _Quick(
                    parameter_info=descriptor.parameter_info,
                    annotation=descriptor.annotation,
                    descriptor=descriptor,
                    read=read,
                )
        except (AttributeError, TypeError):  # a typer whose insides differ: its own way
            return


if _TYPER_READS:

    @dataclass(frozen=True)
    class _Quick(RuntimeParam):
        descriptor: Any
        read: Read

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                out = self.read(value, param, ctx)
            except Exception:  # typer reads it again and says what is wrong, its own way
                out = _TYPER
            if out is _TYPER:
                slow = build_runtime_param(self.descriptor)
                return slow._coerce_value(value, param=param, ctx=ctx)
            return out


def _reader(descriptor: Any) -> Read | None:
    info = descriptor.parameter_info
    if info.parser is not None or descriptor.is_file or descriptor.is_choice:
        return None
    if descriptor.is_list:
        args = get_args(descriptor.annotation)
        item = _leaf(args[0], info) if len(args) == 1 else None
        return None if item is None else _list_of(item)
    return _leaf(descriptor.annotation, info)


def _leaf(annotation: Any, info: Any) -> Read | None:
    if annotation is str:
        return lambda value, param, ctx: value if type(value) is str else _TYPER
    if annotation is bool:  # a flag left unset (None) would make typer build its adapter
        return lambda value, param, ctx: value if type(value) is bool else _TYPER
    if annotation is int and not info.clamp:
        return _number(info.min, info.max)
    if lenient_issubclass(annotation, Path) and routes_to_path(annotation, info):
        path_type = info.path_type or annotation
        if lenient_issubclass(path_type, Path):
            return _path(info, path_type)
    return None


def _number(low: Any, high: Any) -> Read:
    def read(value: Any, param: Any, ctx: Any) -> Any:
        if type(value) is int:
            n = value
        elif type(value) is str and _NUMBER.match(value):
            n = int(value)
        else:
            return _TYPER
        if (low is not None and n < low) or (high is not None and n > high):
            return _TYPER
        return n

    return read


def _path(info: Any, path_type: type[Path]) -> Read:
    def read(value: Any, param: Any, ctx: Any) -> Any:
        if type(value) is str and value and "\0" not in value:
            value = path_type(value)
        elif not isinstance(value, path_type):
            return _TYPER
        return coerce_cli_path(value, info, path_type=path_type, param=param, ctx=ctx)

    return read


def _list_of(item: Read) -> Read:
    def read(value: Any, param: Any, ctx: Any) -> Any:
        out = [item(v, param, ctx) for v in (value if isinstance(value, list | tuple) else [value])]
        return _TYPER if any(v is _TYPER for v in out) else out

    return read
