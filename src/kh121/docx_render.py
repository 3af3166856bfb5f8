"""Filling a Word template (docxtpl) safely and byte-for-byte reproducibly.

Imported only by `kh121 render`: python-docx, docxtpl and jinja2 stay out of the
everyday commands.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from kh121.errors import KnownError


class TemplateError(KnownError):
    """The template cannot be filled: broken, unsafe, or leaving tags unrendered."""


_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_LEFTOVER = re.compile(r"\{\{|\{%|\{#")


def _environment() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    # Sandboxed: a template cannot reach Python internals ('__class__' and the like);
    # StrictUndefined: a misspelt variable is an error that names it, not a blank.
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


def render_docx(template: Path, context: dict[str, Any], day: dt.date, title: str) -> bytes:
    """The filled document's bytes; KnownError for a broken template."""
    import jinja2
    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate

    try:
        tpl = DocxTemplate(str(template))
        tpl.render(context, jinja_env=_environment(), autoescape=True)
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(
            f"mẫu '{template}' truy cập điều không được phép: {exc}",
            f"template '{template}' tries something not allowed: {exc}",
        ) from None
    except jinja2.exceptions.UndefinedError as exc:
        raise TemplateError(
            f"mẫu '{template}' dùng biến không có: {exc}",
            f"template '{template}' uses an undefined variable: {exc}",
        ) from None
    except jinja2.exceptions.TemplateSyntaxError as exc:
        raise TemplateError(
            f"mẫu '{template}' sai cú pháp thẻ Jinja: {exc.message}",
            f"template '{template}' has a Jinja syntax error: {exc.message}",
        ) from None
    except jinja2.exceptions.TemplateError as exc:
        raise TemplateError(
            f"mẫu '{template}' lỗi: {exc}", f"template '{template}' failed: {exc}"
        ) from None
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise TemplateError(
            f"'{template}' không phải tệp Word (.docx) hợp lệ: {exc}",
            f"'{template}' is not a valid Word (.docx) file: {exc}",
        ) from None
    props = tpl.docx.core_properties
    stamp = dt.datetime(day.year, day.month, day.day)
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.last_modified_by = "kh121"
    props.author = props.author or "kh121"
    props.title = title
    buffer = io.BytesIO()
    tpl.save(buffer)
    data = deterministic_zip(buffer.getvalue())
    leftover = leftover_tags(data)
    if leftover:
        raise TemplateError(
            f"mẫu '{template}' còn thẻ chưa xử lý: {leftover}; có thể Word đã tách thẻ — gõ lại"
            " thẻ liền một mạch",
            f"template '{template}' leaves unrendered tags: {leftover}; Word may have split a"
            " tag — type it again in one go",
        )
    return data


def deterministic_zip(data: bytes) -> bytes:
    """The same zip with fixed time stamps and attributes, so equal input gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=_FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, src.read(item.filename))
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
