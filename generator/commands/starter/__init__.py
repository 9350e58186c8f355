"""``servicefinder init``: a new site repository, content and configuration only.

The tool stays installed apart from the site (as ``mkdocs new`` or ``hugo new site`` do):
the folder gets ``mkdocs.yml``, ``content/`` with the site, one service and one office for
the chosen area, the places of that area from the open-data files the caller names, the
editors' settings, the JSON Schemas, a README and the pull-request and publish workflows for
GitHub and GitLab. Templates and theme overrides are not copied: the installed tool brings
them, and a site replaces one only by a file at the same path (``generator/infra/resources.py``).

The starter files live in ``files/`` beside this module; ``__NAME__``-style markers in them
are replaced, each with its value quoted for the file it lands in (YAML, Markdown, text).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from importlib import metadata
from pathlib import Path

from generator.content.schema import markup_problem
from generator.content.schema_export import write_schemas
from generator.places.gazetteer import Gazetteer, write_gazetteer
from generator.places.importers import build_gazetteer

FILES = Path(__file__).resolve().parent / "files"

#: an ARS as an office's area: state (2), district (5), association (9), municipality (12)
_ARS = re.compile(r"^([0-9]{2}|[0-9]{5}|[0-9]{9}|[0-9]{12})$")


class InitError(ValueError):
    """The folder or an argument cannot be used; the message says what to do."""


@dataclass(frozen=True)
class Starter:
    """What ``init`` asks of the caller."""

    folder: Path
    name: str
    #: the regional key (ARS) of the area the site and its example office serve
    area: str
    #: the open-data files the places are taken from (see ``import-places``)
    directory: Path
    postcodes: Path
    today: date


def init_site(starter: Starter) -> list[Path]:
    """Write a new site repository into ``starter.folder``; the paths written, sorted.

    Nothing is written when an argument is wrong or the folder holds anything already.
    """
    name = _checked_name(starter.name)
    if not _ARS.match(starter.area):
        raise InitError(
            f"--area: expected a regional key (ARS) of 2, 5, 9 or 12 digits, got {starter.area!r}"
        )
    folder = starter.folder
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InitError(f"{folder} exists and is not empty; choose a new folder")
    gazetteer = build_gazetteer(starter.directory, starter.postcodes, [starter.area])
    area_name = _area_name(gazetteer, starter.area)
    values = {
        "__NAME_YAML__": _yaml(name),
        "__NAME_MD__": _markdown(name),
        "__NAME__": name,
        "__AREA_NAME_YAML__": _yaml(area_name),
        "__ARS__": starter.area,
        "__TODAY__": starter.today.isoformat(),
        "__VERSION__": metadata.version("servicefinder"),
    }
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for source in sorted(p for p in FILES.rglob("*") if p.is_file()):
        target = folder / source.relative_to(FILES)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8")
        for marker, value in values.items():
            text = text.replace(marker, value)
        target.write_bytes(text.encode("utf-8"))  # LF on every system, as git stores it
        written.append(target)
    places = folder / "content" / "places"
    written += write_gazetteer(gazetteer, places)
    written.append(_write_places_source(places, starter, len(gazetteer.municipalities)))
    written += write_schemas(folder / "schema")
    return sorted(written)


def _checked_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > 120:
        raise InitError("--name: expected the site's name, 1 to 120 characters")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise InitError("--name: control and invisible formatting characters are not allowed")
    found = markup_problem(name)
    if found:  # what site.yaml's check would refuse, refused before anything is written
        raise InitError(f"--name: {found[1]}")
    return name


def _area_name(gazetteer: Gazetteer, area: str) -> str:
    """The name the area has in the directory: the municipality, the district, or (for a
    state or an association) the key itself, which the editor replaces."""
    found = [m for a, m in sorted(gazetteer.municipalities.items()) if a.startswith(area)]
    if not found:
        raise InitError(
            f"--area {area}: no municipality of the directory has this regional key; "
            "check the key (ARS) and that the files cover it"
        )
    if len(area) == 12:
        return found[0].name
    if len(area) == 5:
        return found[0].district
    return f"Gebiet {area}"


def _write_places_source(places: Path, starter: Starter, count: int) -> Path:
    path = places / "SOURCE.md"
    path.write_bytes(
        (
            "# Sources of the gazetteer\n\n"
            f"`municipalities.csv` and `postcodes.csv` hold the {count} municipalities of the "
            f"area {starter.area} and those sharing a postcode with it. They were made on "
            f"{starter.today.isoformat()} with `servicefinder init` from\n\n"
            f"- `{starter.directory.name}` (municipality directory)\n"
            f"- `{starter.postcodes.name}` (postcodes)\n\n"
            "Name each file's publisher, edition and licence here. Made again with\n\n"
            f"    servicefinder import-places --directory {starter.directory.name} "
            f"--postcodes {starter.postcodes.name} --area {starter.area}\n"
        ).encode()
    )
    return path


def _yaml(value: str) -> str:
    """A YAML scalar that reads back as exactly ``value`` (JSON strings are YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _markdown(value: str) -> str:
    """``value`` as literal Markdown text: every character Markdown could read as syntax
    or as HTML is backslash-escaped."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!<>&|~])", r"\\\1", value)
