"""Filling a template safely and byte for byte reproducibly: the Word documents (docxtpl:
the report, the review, the letter) and the HTML page.

Every template is filled in the one bounded Jinja sandbox (`bounded_environment`), in a
child process held to a time and a memory limit (`bounded`): a template from elsewhere can
neither reach Python's internals nor hang or exhaust the machine. Imported only by the
commands that write documents: python-docx, docxtpl and jinja2 stay out of the everyday
commands.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kh121.errors import KnownError


class TemplateError(KnownError):
    """The template cannot be filled: broken, unsafe, or leaving tags unrendered."""


_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_LEFTOVER = re.compile(r"\{\{|\{%|\{#")


# What a template may cost. The shipped template fills 18 tasks in well under a second and a
# few MB; a template from elsewhere is held to these, and refused with a message beyond them.
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024  # the .docx file itself
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # all its parts, inflated
MAX_PARTS = 500
MAX_PART_ELEMENTS = 500_000  # XML elements in one part ('<' counted)
MAX_VALUE_CHARS = 1_000_000  # one string or list a template builds ('x' * n)
MAX_OUTPUT_BYTES = 100 * 1024 * 1024
# Wall clock for the whole fill, in a child process: 20 s, and 2 s more for each 1,000 rows
# the context holds (a real plan of 18,000 tasks fills in about 30 s); KH121_RENDER_SECONDS
# sets it outright. A template's loops of its own never buy time.
RENDER_SECONDS = 20
RENDER_SECONDS_PER_1000_ROWS = 2
RENDER_MEMORY = 2 * 1024 * 1024 * 1024


def bounded_environment() -> Any:
    """The one Jinja environment of every template kh121 fills (the report, the letter,
    the review, the page): sandboxed, bounded, strict, escaping."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    class Bounded(SandboxedEnvironment):
        """Sandboxed: a template cannot reach Python internals ('__class__' and the like)
        and `range` is bounded (jinja2's own MAX_RANGE); `*` and `**` cannot build a value
        past MAX_VALUE_CHARS. StrictUndefined: a misspelt variable is an error naming it."""

        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            from jinja2.exceptions import SecurityError

            if operator == "**" and isinstance(right, int) and abs(right) > 64:
                raise SecurityError("'**' với số mũ quá lớn")
            if operator == "*":
                sizes = [len(x) for x in (left, right) if isinstance(x, str | list | tuple)]
                counts = [x for x in (left, right) if isinstance(x, int)]
                if sizes and counts and sizes[0] * max(counts[0], 0) > MAX_VALUE_CHARS:
                    raise SecurityError(f"'*' tạo giá trị dài quá {MAX_VALUE_CHARS} ký tự")
            return super().call_binop(context, operator, left, right)

    return Bounded(undefined=StrictUndefined, autoescape=True)


def check_template(template: Path) -> None:
    """A .docx from anywhere is looked at before it is used: its size, its parts inflated,
    how many elements a part holds, and no relationship to an outside address (Word would
    fetch it when the report is opened)."""
    size = template.stat().st_size
    if size > MAX_TEMPLATE_BYTES:
        raise TemplateError(
            f"mẫu '{template}' nặng {size} byte, quá giới hạn {MAX_TEMPLATE_BYTES}",
            f"template '{template}' is {size} bytes, over the {MAX_TEMPLATE_BYTES} limit",
        )
    try:
        with zipfile.ZipFile(template) as z:
            infos = z.infolist()
            if len(infos) > MAX_PARTS:
                raise TemplateError(
                    f"mẫu '{template}' có {len(infos)} phần, quá giới hạn {MAX_PARTS}",
                    f"template '{template}' has {len(infos)} parts, over {MAX_PARTS}",
                )
            unpacked = sum(i.file_size for i in infos)
            if unpacked > MAX_UNPACKED_BYTES:
                raise TemplateError(
                    f"mẫu '{template}' giải nén ra {unpacked} byte, quá giới hạn"
                    f" {MAX_UNPACKED_BYTES} (có thể là tệp nén bom)",
                    f"template '{template}' inflates to {unpacked} bytes, over"
                    f" {MAX_UNPACKED_BYTES} (perhaps a zip bomb)",
                )
            for info in infos:
                if not info.filename.endswith((".xml", ".rels")):
                    continue
                body = z.read(info)
                if body.count(b"<") > MAX_PART_ELEMENTS:
                    raise TemplateError(
                        f"mẫu '{template}': phần {info.filename} có quá {MAX_PART_ELEMENTS}"
                        " phần tử XML",
                        f"template '{template}': part {info.filename} holds over"
                        f" {MAX_PART_ELEMENTS} XML elements",
                    )
                if info.filename.endswith(".rels"):
                    outside = re.findall(rb'<Relationship[^>]*TargetMode="External"[^>]*>', body)
                    if outside:
                        target = re.search(rb'Target="([^"]*)"', outside[0])
                        where = target.group(1).decode("utf-8", "replace") if target else "?"
                        raise TemplateError(
                            f"mẫu '{template}' trỏ tới địa chỉ bên ngoài ({where}) mà Word sẽ"
                            " tải khi mở báo cáo; xóa liên kết đó (Developer > Document"
                            " Template) rồi lưu lại mẫu",
                            f"template '{template}' refers to an outside address ({where})"
                            " that Word would fetch when the report is opened; remove it"
                            " and save the template again",
                        )
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile):
            raise
        raise TemplateError(
            f"'{template}' không phải tệp Word (.docx) hợp lệ: {exc}",
            f"'{template}' is not a valid Word (.docx) file: {exc}",
        ) from None


def render_docx(
    template: Path, context: dict[str, Any], day: dt.date, title: str, author: str
) -> bytes:
    """The filled document's bytes (held to the limits of `bounded`); KnownError for a
    broken, unsafe or too costly template."""
    check_template(template)
    return bounded(template, _rows(context), lambda: _fill(template, context, day, title, author))


def render_html(template: Path, context: dict[str, Any]) -> str:
    """The page filled from its HTML template (held to the limits of `bounded`)."""
    if template.stat().st_size > MAX_TEMPLATE_BYTES:
        raise TemplateError(
            f"mẫu '{template}' quá lớn (hơn {MAX_TEMPLATE_BYTES // 2**20} MiB)",
            f"template '{template}' is too large (over {MAX_TEMPLATE_BYTES // 2**20} MiB)",
        )
    text = template.read_text(encoding="utf-8")

    def fill() -> bytes:
        try:
            html: str = bounded_environment().from_string(text).render(context)
        except Exception as exc:
            raise _template_error(template, exc) from None
        return html.encode("utf-8")

    return bounded(template, _rows(context), fill).decode("utf-8")


def bounded(template: Path, rows: int, work: Callable[[], bytes]) -> bytes:
    """`work()`'s bytes, computed in a child process held to RENDER_SECONDS (more for a
    larger context) and RENDER_MEMORY: a template's loops and sizes cannot hang or exhaust
    the machine. Its failures come back as they were raised, said in words."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, template, work))
    child.start()
    send.close()
    budget = _seconds(rows)
    try:
        if not receive.poll(budget):
            raise TemplateError(
                f"mẫu '{template}' chạy quá {budget:g} giây (vòng lặp hay bảng quá lớn)",
                f"template '{template}' ran over {budget:g} seconds (loops or tables too large)",
            )
        try:
            kind, payload = receive.recv()
        except EOFError:
            raise TemplateError(
                f"mẫu '{template}' dùng quá bộ nhớ cho phép ({RENDER_MEMORY // 2**20} MiB)",
                f"template '{template}' needed more memory than allowed"
                f" ({RENDER_MEMORY // 2**20} MiB)",
            ) from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    if kind == "error":
        raise TemplateError(*payload)
    if kind == "known":
        raise KnownError(*payload)
    assert isinstance(payload, bytes)
    return payload


def _rows(value: Any) -> int:
    """How many rows of data a context holds (items of its lists, nested)."""
    if isinstance(value, dict):
        return sum(_rows(v) for v in value.values())
    if isinstance(value, list | tuple):
        return len(value) + sum(_rows(v) for v in value if isinstance(v, dict | list | tuple))
    return 0


def _seconds(rows: int = 0) -> float:
    import os

    default = RENDER_SECONDS + RENDER_SECONDS_PER_1000_ROWS * rows / 1000
    try:
        return max(1.0, float(os.environ.get("KH121_RENDER_SECONDS", default)))
    except ValueError:
        return default


def _child(send: Any, template: Path, work: Callable[[], bytes]) -> None:
    """The fill itself, in the child: its answer or its error goes back through the pipe."""
    import contextlib
    import gc
    import resource

    # What the parent had lives on in the parent: the child's collector leaves it alone
    # (walking it would copy every page the fork shares, ~40 ms of a ~220 ms fill).
    gc.freeze()
    with contextlib.suppress(ValueError, OSError):  # a platform without the limit
        resource.setrlimit(resource.RLIMIT_AS, (RENDER_MEMORY, RENDER_MEMORY))
    try:
        data = work()
        if len(data) > MAX_OUTPUT_BYTES:
            raise TemplateError(
                f"mẫu '{template}' tạo ra {len(data)} byte, quá giới hạn {MAX_OUTPUT_BYTES}",
                f"template '{template}' produced {len(data)} bytes, over {MAX_OUTPUT_BYTES}",
            )
        send.send(("ok", data))
    except TemplateError as exc:
        send.send(("error", (exc.vi, exc.en)))
    except KnownError as exc:
        send.send(("known", (exc.vi, exc.en)))
    except MemoryError:
        pass  # the parent reads the closed pipe as "too much memory"
    except Exception as exc:  # a template's own failure (OverflowError of range, …)
        text = f"{type(exc).__name__}: {exc}"[:300]
        send.send(
            (
                "error",
                (f"mẫu '{template}' lỗi khi điền: {text}", f"template '{template}' failed: {text}"),
            )
        )
    finally:
        send.close()


def _fill(template: Path, context: dict[str, Any], day: dt.date, title: str, author: str) -> bytes:
    """The filled document's bytes; KnownError for a broken template. The document's
    properties come from the data: author = the issuing agency, title = the summary line."""
    tpl = _rendered(template, context)
    _set_properties(tpl.docx.core_properties, day, title, author)
    buffer = io.BytesIO()
    tpl.save(buffer)
    data = deterministic_zip(buffer.getvalue(), app_xml(author))
    leftover = leftover_tags(data)
    if leftover:
        raise TemplateError(
            f"mẫu '{template}' còn thẻ chưa xử lý: {leftover}; có thể Word đã tách thẻ — gõ lại"
            " thẻ liền một mạch",
            f"template '{template}' leaves unrendered tags: {leftover}; Word may have split a"
            " tag — type it again in one go",
        )
    return data


def _rendered(template: Path, context: dict[str, Any]) -> Any:
    """The Word template filled in the bounded sandbox; each way it can fail said as a
    TemplateError naming the template."""
    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate

    try:
        tpl = DocxTemplate(str(template))
        tpl.render(context, jinja_env=bounded_environment(), autoescape=True)
        return tpl
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise TemplateError(
            f"'{template}' không phải tệp Word (.docx) hợp lệ: {exc}",
            f"'{template}' is not a valid Word (.docx) file: {exc}",
        ) from None
    except Exception as exc:
        raise _template_error(template, exc) from None


def _template_error(template: Path, exc: Exception) -> Exception:
    """A template's Jinja failure in words naming the template (for Word and page alike);
    anything else as it was."""
    import jinja2

    if isinstance(exc, jinja2.exceptions.SecurityError):
        return TemplateError(
            f"mẫu '{template}' truy cập điều không được phép: {exc}",
            f"template '{template}' tries something not allowed: {exc}",
        )
    if isinstance(exc, jinja2.exceptions.UndefinedError):
        return TemplateError(
            f"mẫu '{template}' dùng biến không có: {exc}",
            f"template '{template}' uses an undefined variable: {exc}",
        )
    if isinstance(exc, jinja2.exceptions.TemplateSyntaxError):
        return TemplateError(
            f"mẫu '{template}' sai cú pháp thẻ Jinja: {exc.message}",
            f"template '{template}' has a Jinja syntax error: {exc.message}",
        )
    if isinstance(exc, jinja2.exceptions.TemplateError):
        return TemplateError(f"mẫu '{template}' lỗi: {exc}", f"template '{template}' failed: {exc}")
    return exc


def _set_properties(props: Any, day: dt.date, title: str, author: str) -> None:
    """The document's properties from the data, dated on its day (same input, same bytes)."""
    stamp = dt.datetime(day.year, day.month, day.day)
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.last_modified_by = author
    props.author = author
    props.title = title
    kind = "Công văn" if title.startswith("V/v") else "Báo cáo"  # what the document is
    props.subject = kind
    props.comments = ""  # python-docx's default template says "generated by python-docx"
    props.keywords = ""
    props.category = kind
    props.language = "vi-VN"


def app_xml(company: str) -> bytes:
    """docProps/app.xml saying who made the document: kh121, for `company` (no Word
    version, no page count that would be wrong once the text is filled in)."""
    from xml.sax.saxutils import escape

    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns='
        '"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt='
        '"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>kh121</Application><DocSecurity>0</DocSecurity>"
        f"<Company>{escape(company)}</Company></Properties>"
    ).encode()


def deterministic_zip(data: bytes, app: bytes | None = None) -> bytes:
    """The same zip with fixed time stamps and attributes, so equal input gives equal bytes;
    `app` in place of docProps/app.xml when given."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=_FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            body = src.read(item.filename)
            if app is not None and item.filename == "docProps/app.xml":
                body = app
            dst.writestr(info, body)
    return out.getvalue()


def document_text(data: bytes) -> str:
    """The visible text of every part of the document (body, headers, footers)."""
    texts = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in sorted(z.namelist()):
            if name.startswith("word/") and name.endswith(".xml"):
                xml = z.read(name).decode("utf-8")
                texts.append("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)))
    return "\n".join(texts)


def leftover_tags(data: bytes) -> str:
    found = _LEFTOVER.findall(document_text(data))
    return ", ".join(sorted(set(found)))
