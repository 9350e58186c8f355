"""The JSON Schemas shipped for editors match the model and document every field."""

from __future__ import annotations

import json

from generator.schema_export import render, schemas
from tests.helpers import REPO


def test_shipped_schemas_are_current():
    for name, schema in schemas().items():
        shipped = REPO / "schema" / name
        assert shipped.read_text(encoding="utf-8") == render(schema), (
            f"schema/{name} is stale: run `make schema`"
        )


def test_every_field_is_documented_in_german_and_english():
    for name, schema in schemas().items():
        defs = {**schema.get("$defs", {}), name: schema}
        for model_name, model in defs.items():
            for field, spec in model.get("properties", {}).items():
                description = spec.get("description", "")
                assert " / " in description, f"{name}: {model_name}.{field} is undocumented"


def test_every_content_file_points_to_its_schema():
    for path in (REPO / "content").rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=")[1]).resolve()
        assert target.is_file(), path
        json.loads(target.read_text())
