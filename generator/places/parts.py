"""Places people name that are parts of a municipality, and the country's postcodes.

``content/places/parts.csv`` lists the parts of a municipality by the names people use
("Lobeda", "Winzerla": Ortsteile of Jena), each with the regional key of its municipality
and the official part it stands for; the lookup finds the municipality by them ("Lobeda
(Jena)") and by the municipality's name with the part ("Jena-Lobeda"). The open data the
gazetteer is imported from has no parts, so the file is written by hand from an official
list, named in ``content/places/SOURCE.md``.

``content/places/postcodes-de.txt`` holds every German postcode the import saw, one line
per first two digits (``10:115117...``: the last three digits of each), so a postcode of
another state is answered as "outside this site's area" and not as an unknown postcode.
``servicefinder import-places`` writes it; without it, the lookup cannot tell the two.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.infra.errors import Problem
from generator.infra.files import RefusedFile, exists, read_regular, shown_path
from generator.places.gazetteer import MAX_PLACES_BYTES, NATIONAL, Gazetteer, _rows

PARTS = "parts.csv"
PART_COLUMNS = ["name", "ars", "part"]
_LINE = re.compile(r"^([0-9]{2}):((?:[0-9]{3})*)$")


def read_parts(folder: Path, root: Path, gazetteer: Gazetteer) -> list[Problem]:
    """Add ``parts.csv`` to ``gazetteer`` (municipality -> part names); its problems."""
    path = folder / PARTS
    problems: list[Problem] = []
    if not exists(path):
        return problems
    shown = shown_path(path, root)
    seen: dict[tuple[str, str], int] = {}
    for line, row in _rows(path, PART_COLUMNS, root, problems):
        name, ars = row["name"], row["ars"]
        if not name:
            problems.append(Problem(shown, line, 1, "name", "a part needs its name"))
        elif ars not in gazetteer.municipalities:
            problems.append(
                Problem(
                    shown,
                    line,
                    len(name) + 2,
                    "ars",
                    f"unknown municipality {ars!r}; it must be in municipalities.csv",
                )
            )
        elif (name, ars) in seen:
            problems.append(
                Problem(
                    shown,
                    line,
                    1,
                    "name",
                    f"{name!r} is listed twice (first on line {seen[name, ars]})",
                )
            )
        else:
            seen[name, ars] = line
            gazetteer.parts.setdefault(ars, []).append(name)
    return problems


def read_national(folder: Path, root: Path, gazetteer: Gazetteer) -> list[Problem]:
    """Add ``postcodes-de.txt`` to ``gazetteer``; its problems."""
    path = folder / NATIONAL
    problems: list[Problem] = []
    if not exists(path):
        return problems
    shown = shown_path(path, root)
    try:
        raw = read_regular(path, root, MAX_PLACES_BYTES).decode("utf-8", errors="replace")
    except RefusedFile as exc:
        return [Problem(shown, 1, 1, "", str(exc))]
    for number, text in enumerate(raw.splitlines(), start=1):
        if not text.strip():
            continue
        match = _LINE.match(text.strip())
        if match is None:
            problems.append(
                Problem(
                    shown,
                    number,
                    1,
                    "",
                    f"expected two digits, a colon and 3 digits a postcode, got {text[:40]!r}",
                )
            )
            continue
        prefix, rest = match.groups()
        gazetteer.national.update(prefix + rest[i : i + 3] for i in range(0, len(rest), 3))
    return problems
