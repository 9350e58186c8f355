"""``servicefinder new``: a commented file for a new service or authority.

Generated from the schema, so every field is explained with the same words as in the
JSON Schema and never drifts from it. Required fields get a placeholder that validation
refuses ("ERSETZEN: …") until the editor replaces it; optional fields are shown commented
out with an example. Everything else in the file is valid as written.
"""

from __future__ import annotations

from datetime import date
from typing import Any, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.content.schema import PLACEHOLDER, Authority, Service

MODELS: dict[str, type[BaseModel]] = {"service": Service, "authority": Authority}
SCHEMA_FILE = {"service": "service.schema.json", "authority": "authority.schema.json"}


def scaffold(kind: str, ident: str, today: date) -> str:
    model = MODELS[kind]
    lines = [
        f"# yaml-language-server: $schema=../../schema/{SCHEMA_FILE[kind]}",
        f"# Neue Datei für {'eine Leistung' if kind == 'service' else 'eine Behörde'}. "
        f"Ersetzen Sie jedes {PLACEHOLDER!r}; "
        "prüfen mit: .venv/bin/servicefinder validate --strict",
        "# Zeilen mit '# feld:' sind optional: Raute entfernen, um sie zu nutzen.",
        "",
    ]
    lines += _fields(model, 0, {"id": ident, "as_of": today.isoformat()}, today)
    return "\n".join(lines) + "\n"


def _fields(model: type[BaseModel], indent: int, given: dict[str, str], today: date) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        out.append(f"{pad}# {info.description}")
        if name in given:
            out.append(f"{pad}{key}: {given[name]}")
        elif info.is_required():
            out += _required(key, info, indent, today)
        else:
            out += [f"{pad}# {line}" for line in _example(key, info, indent=0)]
    return out


def _required(key: str, info: FieldInfo, indent: int, today: date) -> list[str]:
    pad = " " * indent
    inner = _inner(info.annotation)
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        if _is_list(info.annotation):
            return [f"{pad}{key}:", f"{pad}  -", *_fields(inner, indent + 4, {}, today)]
        return [f"{pad}{key}:", *_fields(inner, indent + 2, {}, today)]
    if inner is bool:
        return [f"{pad}{key}: false"]
    if inner is date:
        return [f"{pad}{key}: {today.isoformat()}"]
    if _is_list(info.annotation):
        return [f"{pad}{key}: [ersetzen]"]
    if _is_id(info):  # ids have a pattern: a plain word the cross-checks then name
        return [f"{pad}{key}: ersetzen"]
    return [f"{pad}{key}: '{PLACEHOLDER} {(info.description or '').split(' / ')[0]}'"]


def _is_id(info: FieldInfo) -> bool:
    extra = info.json_schema_extra
    return isinstance(extra, dict) and str(extra.get("pattern", "")).startswith("^[a-z0-9]")


def _example(key: str, info: FieldInfo, indent: int) -> list[str]:
    example = (info.examples or [None])[0]
    inner = _inner(info.annotation)
    if example is not None:
        return [f"{key}: {example!r}" if isinstance(example, str) else f"{key}: {example}"]
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        sub = [
            f"  {line}"
            for n, f in inner.model_fields.items()
            for line in ([f"{f.alias or n}: ..."] if f.is_required() else [])
        ]
        return [
            f"{key}:",
            *(
                ["  -" + s[1:] if i == 0 else "  " + s for i, s in enumerate(sub)]
                if _is_list(info.annotation)
                else sub
            ),
        ]
    if inner is bool:
        return [f"{key}: false"]
    return [f"{key}: []" if _is_list(info.annotation) else f"{key}: ..."]


def _is_list(annotation: Any) -> bool:
    if get_origin(annotation) is list:
        return True
    return any(_is_list(a) for a in get_args(annotation) if a is not type(None))


def _inner(annotation: Any) -> Any:
    """The model or scalar type behind list[...], X | None and Annotated[...]."""
    args = [a for a in get_args(annotation) if a is not type(None)]
    if get_origin(annotation) is list or (args and get_origin(annotation) is not None):
        return _inner(args[0]) if args else annotation
    return annotation
