"""The command line's own words in the user's language: help, usage and usage errors.

typer vendors click, whose help and errors are English strings in code ("Usage:", "Show
this message and exit.", "No such option"). kh121 keeps its help texts in Vietnamese and
lays every word of help and of usage errors out through here: a help formatter that writes
the headings, the usage line, the metavars and the defaults in the chosen language (with
English help texts from `messages.HELP_EN`), and one function that tells a usage error. The language
is chosen before click parses anything (`--lang` anywhere on the line, else `KH121_LANG`,
else Vietnamese), so that `kh121 status --help --lang en` is English too.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from typing import Any, TextIO

import typer
from typer.core import TyperGroup

from kh121.messages import GLOSSARY, HELP_EN, label

LANG: ContextVar[str] = ContextVar("kh121_lang", default="vi")
_click: Any = typer.core._click  # type: ignore[attr-defined]  # the click typer uses
_HelpFormatter: Any = _click.formatting.HelpFormatter


def pick_lang(args: Sequence[str]) -> str:
    """`--lang X` or `--lang=X` anywhere on the line, else KH121_LANG, else Vietnamese."""
    found = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    chosen = (found or os.environ.get("KH121_LANG") or "vi").lower()
    return chosen if chosen in ("vi", "en") else "vi"


def _without_lang(args: list[str]) -> list[str]:
    """The line without its valid `--lang` options: read once, before parsing, so that one
    may stand anywhere (a group such as `report` has no option of its own to take it). An
    invalid value stays, for the command to refuse."""
    out: list[str] = []
    skip = False
    for i, arg in enumerate(args):
        if skip:
            skip = False
            continue
        if arg == "--":
            out.extend(args[i:])
            break
        if arg == "--lang" and i + 1 < len(args) and args[i + 1].lower() in ("vi", "en"):
            skip = True
            continue
        if arg.startswith("--lang=") and arg.split("=", 1)[1].lower() in ("vi", "en"):
            continue
        out.append(arg)
    return out


def word(text: str, lang: str) -> str:
    return label("cli", text, lang)


def help_text(text: str, lang: str) -> str:
    """A help text in the language: the Vietnamese as written, or its English."""
    if lang != "en":
        return text
    return HELP_EN.get(text) or HELP_EN.get(" ".join(text.split()), text)


_META = re.compile(r"<[a-z ]+>|\[(?:[a-z_0-9]+)\](?:\.\.\.)?|\b[a-z_0-9]+(?=\s|$)")


def _term(term: str, lang: str) -> str:
    """'--agency <str>' → '--agency CƠ_QUAN'; 'agency <str>' → 'CƠ_QUAN'."""
    first = term.split(",")[-1].strip().split(" ")[0].rstrip(".")
    meta = GLOSSARY["metavar"].get(first)
    shown = (meta[1] if lang == "en" else meta[0]) if meta else None
    if "<" not in term:
        if term == first and shown:  # an argument without a metavar
            return shown
        return term
    if shown is None:
        inner = re.search(r"<([^>]+)>", term)
        shown = re.sub(r"\W+", "_", inner.group(1)).strip("_").upper() if inner else term
    if term.startswith("-"):
        return re.sub(r"<[^>]+>", shown, term)
    return shown + ("..." if "..." in term else "")


def _defaults(text: str, lang: str) -> str:
    text = re.sub(r";\s*x>=0\]", "]", text)
    text = re.sub(r"\[(\d+)<=x<=(\d+)\]", r"[\1–\2]", text)
    if lang == "en":
        return text
    return text.replace("[default: ", "[mặc định: ").replace("[required]", "[bắt buộc]")


def _usage_args(args: str, lang: str) -> str:
    out = []
    for piece in args.split(" "):
        bare = piece.strip("[]{}.")
        meta = GLOSSARY["metavar"].get(bare)
        if meta:
            shown = meta[1] if lang == "en" else meta[0]
            piece = piece.replace(bare, shown)
        out.append(piece)
    text = " ".join(out)
    for english in ("[OPTIONS]", "COMMAND [ARGS]..."):
        text = text.replace(english, word(english, lang))
    return text


class Formatter(_HelpFormatter):  # type: ignore[misc]
    """click's help formatter, writing every word in the chosen language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        lang = LANG.get()
        super().write_usage(prog, _usage_args(args, lang), word("Usage: ", lang))

    def write_heading(self, heading: str) -> None:
        super().write_heading(word(heading, LANG.get()))

    def write_text(self, text: str) -> None:
        super().write_text(help_text(text, LANG.get()))

    def write_dl(self, rows: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        lang = LANG.get()
        out = []
        for term, text in rows:
            text = word(text, lang)
            defaults = re.search(r"\s*\[(?:default|required|\d+<=x).*\]$", text)
            body = text[: defaults.start()] if defaults else text
            tail = _defaults(defaults.group(), lang) if defaults else ""
            out.append((_term(term, lang), help_text(body, lang) + tail))
        super().write_dl(out, *args, **kwargs)


class Context(typer.Context):
    formatter_class = Formatter

    def __init__(self, command: Any, *args: Any, **kwargs: Any) -> None:
        from kh121.cliparams import prime

        super().__init__(command, *args, **kwargs)
        prime(command, self)  # its values read without a pydantic adapter each


class Group(TyperGroup):
    """kh121's command group: its commands lay out help through `Formatter`, and usage
    errors are told by `show_usage_error` in the chosen language."""

    context_class = Context

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        cmd = super().get_command(ctx, cmd_name)
        if cmd is not None:
            cmd.context_class = Context
        return cmd

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        lang = LANG.get()
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is None or cmd.hidden:
                continue
            first = help_text(cmd.help or "", lang).split("\n")[0]
            rows.append((name, first))
        if rows:
            with formatter.section(word("Commands", lang)):
                formatter.write_dl(rows)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        from kh121 import pager

        raw = list(sys.argv[1:] if args is None else args)
        argv = [a for a in _without_lang(raw) if a != pager.NO_PAGER]
        token = LANG.set(pick_lang(raw))
        quiet = "_KH121_COMPLETE" in os.environ  # Tab completion: never a pager
        try:
            try:
                with pager.paged(raw if not quiet else [pager.NO_PAGER]):
                    code = super().main(
                        argv, prog_name or "kh121", complete_var, standalone_mode=False, **extra
                    )
            except _click.exceptions.NoArgsIsHelpError as exc:
                # `kh121`, `kh121 report` alone: a question, not a mistake — the help, exit 0
                print(exc.ctx.get_help())
                code = 0
            except _click.exceptions.UsageError as exc:
                show_usage_error(exc, LANG.get())
                code = 2
            except _click.exceptions.ClickException as exc:
                print(f"kh121: {exc.format_message()}", file=sys.stderr)
                code = exc.exit_code
            except typer.Abort:
                code = 1
        finally:
            LANG.reset(token)
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


# click's own sentences (English, in code) and the glossary's words for each ('usage').
_CLICK_SAYS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"No such command '(.+?)'\."), "no_such_command"),
    (re.compile(r"Did you mean (.+)\?"), "did_you_mean"),
    (re.compile(r"(?:Option )?'?(--?[\w-]+)'? requires an argument\.?"), "needs_value"),
    (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)"), "extra_arguments"),
    (re.compile(r"Missing command\.?"), "missing_command"),
)


def _english_message(text: str, lang: str) -> str:
    out = text
    for pattern, key in _CLICK_SAYS:
        out = pattern.sub(_filler(label("usage", key, lang)), out)
    return out


def _filler(template: str) -> Callable[[re.Match[str]], str]:
    def fill(m: re.Match[str]) -> str:
        return template.format(*m.groups())

    return fill


def error_message(exc: Any, lang: str) -> str:
    """A usage error in words: which option or argument, what is wrong, what would do."""
    E = _click.exceptions
    if isinstance(exc, E.NoSuchOption):
        text = (
            f"không có tùy chọn {exc.option_name}"
            if lang != "en"
            else f"no such option {exc.option_name}"
        )
        if exc.possibilities:
            maybe = ", ".join(sorted(exc.possibilities))
            text += f"; có phải {maybe}?" if lang != "en" else f"; did you mean {maybe}?"
        return text
    if isinstance(exc, E.MissingParameter):
        param = exc.param
        name = ""
        if param is not None:
            opts = [o for o in getattr(param, "opts", []) if o.startswith("--")]
            key = opts[0] if opts else (param.name or "")
            meta = GLOSSARY["metavar"].get(key)
            name = (
                f"{opts[0]} {meta[1] if lang == 'en' else meta[0]}"
                if opts and meta
                else (meta[1] if lang == "en" else meta[0])
                if meta
                else key
            )
        return f"thiếu {name}" if lang != "en" else f"missing {name}"
    if isinstance(exc, E.BadParameter):
        hint = exc.param_hint
        if not hint and exc.param is not None:
            opts = [o for o in getattr(exc.param, "opts", []) if o.startswith("-")]
            hint = opts[-1] if opts else (exc.param.name or "")
        hint = str(hint).strip("'\"")
        message = exc.message
        if lang != "en":
            message = re.sub(r"Input should be a valid integer.*", "cần một số nguyên", message)
            message = re.sub(
                r"Input should be greater than or equal to (\d+)", r"phải từ \1 trở lên", message
            )
            return f"giá trị không hợp lệ cho {hint}: {message}"
        return f"invalid value for {hint}: {message}"
    return _english_message(exc.format_message(), lang)


def show_usage_error(exc: Any, lang: str, stream: TextIO | None = None) -> None:
    """The usage line, where to find help, and the error, in the chosen language."""
    out = stream or sys.stderr
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        token = LANG.set(lang)
        try:
            formatter = Formatter(width=ctx.terminal_width, max_width=ctx.max_content_width)
            ctx.command.format_usage(ctx, formatter)
            print(formatter.getvalue().rstrip("\n"), file=out)
        finally:
            LANG.reset(token)
        path = ctx.command_path
        print(
            f"Gõ '{path} --help' để xem hướng dẫn."
            if lang != "en"
            else f"Try '{path} --help' for help.",
            file=out,
        )
        print(file=out)
    from kh121.problems import screen_width, wrap_text

    label = "Lỗi" if lang != "en" else "Error"
    print(wrap_text(f"{label}: {error_message(exc, lang)}", screen_width(out)), file=out)
