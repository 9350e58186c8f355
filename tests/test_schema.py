"""The JSON Schemas shipped for editors match the model and document every field."""

from __future__ import annotations

import json

from generator.content.schema_export import render, schemas
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


def test_every_field_has_examples_that_are_valid_values():
    """Editors see examples on hover; each one must be a value the build accepts."""
    from typing import Annotated

    from pydantic import TypeAdapter

    from generator.content.schema import MODELS

    seen: set[type] = set()
    todo = list(MODELS.values())
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, field in model.model_fields.items():
            assert field.examples, f"{model.__name__}.{name} has no example"
            annotation = field.annotation
            if field.metadata:  # length and range limits of the field itself
                annotation = Annotated[annotation, *field.metadata]
            adapter = TypeAdapter(annotation)
            for example in field.examples:
                adapter.validate_json(json.dumps(example))  # raises on an invalid example
            for sub in (*getattr(field.annotation, "__args__", ()), field.annotation):
                for inner in (*getattr(sub, "__args__", ()), sub):
                    if isinstance(inner, type) and hasattr(inner, "model_fields"):
                        todo.append(inner)
    assert len(seen) >= 20  # every model, nested ones included


def test_text_fields_have_a_german_and_an_english_example():
    for name, schema in schemas().items():
        for model_name, model in {**schema.get("$defs", {}), name: schema}.items():
            for field, spec in model.get("properties", {}).items():
                examples = spec.get("examples", [])
                assert examples, f"{name}: {model_name}.{field} has no example in the schema"
                texts = [e for e in examples if isinstance(e, str) and " " in e]
                # a field named for its language ("de", "en") holds that language only
                if texts and field not in {"de", "en"} and not field.endswith(("url", "website")):
                    assert len(examples) >= 2, f"{model_name}.{field}: only one language"
