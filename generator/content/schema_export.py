"""JSON Schemas for the content files, generated from the same models that validate them.

Shipped in ``schema/`` and referenced by a modeline in every content file, so editors get
completion, hover help and inline errors in VS Code and other YAML-aware editors.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.content.schema import MODELS

BASE_ID = "https://servicefinder.invalid/schema/"


def schemas() -> dict[str, dict]:
    out = {}
    for name, model in MODELS.items():
        schema = model.model_json_schema(by_alias=True, mode="validation")
        schema["$id"] = f"{BASE_ID}{name}.schema.json"
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[f"{name}.schema.json"] = schema
    return out


def render(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = out / name
        path.write_text(render(schema), encoding="utf-8", newline="\n")
        written.append(path)
    return written
