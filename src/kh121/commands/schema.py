"""kh121 schema: the JSON Schema of each kind of file, for editors."""

from __future__ import annotations

import json
from pathlib import Path

from kh121.atomic import write_atomic
from kh121.errors import EXIT_FAIL, EXIT_OK
from kh121.kinds import KINDS
from kh121.messages import t


def render_schemas() -> dict[str, str]:
    """File name -> JSON Schema text, for every kind of file."""
    out = {}
    for kind in KINDS:
        name = kind.name
        schema = kind.model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{name}.schema.json"
        out[f"{name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return out


def run(*, folder: Path, check: bool, lang: str) -> int:
    stale = []
    for name, text in render_schemas().items():
        target = folder / name
        if check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(name)
        elif write_atomic(target, text):
            print(t(f"đã ghi {target}", f"wrote {target}", lang))
    if stale:
        print(
            t(
                "lược đồ cũ, chạy 'kh121 schema': ",
                "schemas out of date, run 'kh121 schema': ",
                lang,
            )
            + ", ".join(stale)
        )
        return EXIT_FAIL
    return EXIT_OK
