"""JSON Schema for every input file, generated from the models, for editor autocompletion.

The files live in `schema/` (stable paths the YAML headers point at); a test
fails when they are stale, and `brochure schema` rewrites them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from brochure.inputs.models import Brand, Language, Layout, Manifest, Section

if TYPE_CHECKING:
    from pydantic import BaseModel

SCHEMAS: dict[str, type[BaseModel]] = {
    "manifest": Manifest,
    "section": Section,
    "language": Language,
    "brand": Brand,
    "layout": Layout,
}


def generate() -> dict[str, str]:
    """File name -> JSON text, deterministic."""
    out = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"brochure {name} file"
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return out


def write(folder: Path) -> list[Path]:
    from brochure.build.output import write_atomic

    written = []
    for name, text in generate().items():
        path = folder / name
        write_atomic(path, text.encode("utf-8"))
        written.append(path)
    return written
