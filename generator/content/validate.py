"""Turn pydantic's findings into messages an editor can act on.

pydantic reports *where* (a path into the data) and *what* (an error type); the loader knows
the line and column of every path. Joining the two gives
``content/services/x.yaml:12:5: fees.amount_eur: expected a number, got 'zehn'``.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.content.load import Document, dotted
from generator.content.schema import invisible_problem
from generator.infra.errors import Problem

M = TypeVar("M", bound=BaseModel)

_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    list: "a list",
    dict: "a mapping of field: value lines",
    type(None): "nothing",
}


def validate_document(doc: Document, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate a loaded document against ``model``; every error becomes one problem."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        errors = [
            err
            for err in exc.errors(include_url=False)
            if _clean_loc(err["loc"]) not in doc.reported
        ]
        misspelt = _misspelt(model, errors)
        problems = [
            _problem(doc, model, err)
            for err in errors
            if not (err["type"] == "missing" and _clean_loc(err["loc"]) in misspelt)
        ]
        return None, _dedupe(problems)


def _misspelt(model: type[BaseModel], errors: list[Any]) -> set[tuple[str | int, ...]]:
    """Required fields reported missing only because they were misspelt (``sumary``): the
    unknown field's "did you mean" says it all, so the missing field is not reported too."""
    out = set()
    for err in errors:
        if err["type"] != "extra_forbidden":
            continue
        loc = _clean_loc(err["loc"])
        close = difflib.get_close_matches(
            str(loc[-1]), _known_fields(model, loc[:-1]), n=1, cutoff=0.6
        )
        if close:
            out.add((*loc[:-1], close[0]))
    return out


def _problem(doc: Document, model: type[BaseModel], err: Any) -> Problem:
    loc = _clean_loc(err["loc"])
    kind = err["type"]
    value = err.get("input")
    found = (err.get("ctx") or {}).get("found") if kind == "servicefinder" else None
    if found:
        line, col = doc.locate(loc, found)
    else:
        line, col = doc.where(loc, key=kind == "extra_forbidden")
    message = _message(model, loc, kind, value, err)
    hint = doc.hints.get(loc)
    return Problem(doc.file, line, col, dotted(loc), f"{message}; {hint}" if hint else message)


def _clean_loc(loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """Drop pydantic's union-branch labels (``'decimal'``, ``'function-after[...]'``)."""
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, str) and (
            "[" in part or part in {"decimal", "float", "int", "str", "none", "bool"}
        ):
            continue
        out.append(part)
    return tuple(out)


def _message(
    model: type[BaseModel], loc: tuple[str | int, ...], kind: str, value: Any, err: Any
) -> str:
    got = _describe(value)
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        known = _known_fields(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"known fields: {', '.join(known)}"
        return f"unknown field '{loc[-1]}'; {hint}"
    if kind == "servicefinder":
        return err["msg"]
    if kind in {"string_type"}:
        return f"expected text, got {got}"
    if kind in {
        "int_type",
        "int_parsing",
        "float_type",
        "float_parsing",
        "decimal_type",
        "decimal_parsing",
        "int_from_float",
    }:
        return f"expected a number, got {got}"
    if kind == "finite_number":
        return f"expected a finite number, got {got}"
    if kind == "bool_type":
        return f"expected true or false, got {got}"
    if kind in {
        "date_type",
        "date_parsing",
        "date_from_datetime_inexact",
        "date_from_datetime_parsing",
    }:
        return f"expected a date like 2025-01-22, got {got}"
    if kind == "list_type":
        return f"expected a list (lines starting with '- '), got {got}"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"expected a mapping of field: value lines, got {got}"
    if kind == "too_short":
        return f"expected at least {err['ctx']['min_length']} entries, got {got}"
    if kind == "too_long":
        unit = "characters" if isinstance(value, str) else "entries"
        return f"too long: at most {err['ctx']['max_length']} {unit}, got {_count(value)}"
    if kind == "string_too_short":
        return f"expected at least {err['ctx']['min_length']} characters, got {got}"
    if kind == "string_too_long":
        return (
            f"text is too long: at most {err['ctx']['max_length']} characters, "
            f"got {len(value) if isinstance(value, str) else '?'}; shorten it"
        )
    if kind == "string_pattern_mismatch":
        return f"expected a value matching {err['ctx']['pattern']}, got {got}"
    if kind in {"greater_than_equal", "greater_than"}:
        return (
            f"expected a value {'≥' if kind.endswith('equal') else '>'} "
            f"{next(iter(err['ctx'].values()))}, got {got}"
        )
    return f"{err['msg']}, got {got}"


def _count(value: Any) -> str:
    return str(len(value)) if hasattr(value, "__len__") else "more"


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else repr(value[:57] + "...")
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{_TYPE_NAMES.get(type(value), type(value).__name__)} {value}"


def _known_fields(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Field names of the (nested) model at ``loc``, for 'did you mean' hints."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if _is_model(current) else None
        if field is None:
            return []
        current = _inner_model(field.annotation)
    if not _is_model(current):
        return []
    return sorted(f.alias or name for name, f in current.model_fields.items())


def _is_model(obj: Any) -> bool:
    return isinstance(obj, type) and issubclass(obj, BaseModel)


def _inner_model(annotation: Any) -> Any:
    if _is_model(annotation):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _dedupe(problems: list[Problem]) -> list[Problem]:
    """A union field reports once per branch; keep one message per place."""
    seen: dict[tuple[int, int, str], Problem] = {}
    for p in problems:
        seen.setdefault((p.line, p.column, p.field), p)
    return list(seen.values())


def invisible_characters(doc: Document, errors: Sequence[Problem] = ()) -> list[Problem]:
    """A warning for every text of ``doc`` that holds an invisible character (bidirectional
    controls, zero-width characters: :data:`~generator.content.schema.INVISIBLE`), at the
    character itself. Text may need them rarely, so they are reported, not refused
    (``--strict``, which a site's pull request check uses, refuses them); a field that has
    an error already (an id, an address: refused there) is not reported again."""
    reported = {p.field for p in errors}
    found: list[Problem] = []

    def walk(value: Any, path: tuple[str | int, ...]) -> None:
        if isinstance(value, str):
            invisible = invisible_problem(value)
            field = dotted(path)
            if invisible and field not in reported:
                char = value[invisible[0]]
                line, col = doc.locate(path, char)
                found.append(
                    Problem(
                        doc.file,
                        line,
                        col,
                        field,
                        f"the text holds {invisible[1]}, which changes how it reads without "
                        "being seen; remove it",
                        "warning",
                    )
                )
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*path, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, (*path, i))

    walk(doc.data, ())
    return found
