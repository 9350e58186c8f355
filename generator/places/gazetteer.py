"""The gazetteer: municipalities with their regional keys and centroids, and which
municipalities each postcode touches.

Stored as two CSV files in ``content/places/`` because a state or the whole country has
ten thousand rows that editors never change by hand; the importer writes them
(``servicefinder import-places``). A postcode maps to a *list* of municipalities: about
1,400 German postcodes span several municipalities and 190 several districts, so the
lookup never decides by a postcode's centre point; it asks.
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from generator.infra.errors import Problem, display_path
from generator.infra.files import RefusedFile, exists, read_regular, shown_path

#: a whole country's places are a few MB; SERVICEFINDER_MAX_PLACES_MB raises the limit
MAX_PLACES_BYTES = int(os.environ.get("SERVICEFINDER_MAX_PLACES_MB", "64")) * 1024 * 1024
#: no field of either file is longer than a list of place names
MAX_FIELD_CHARS = 10_000

MUNICIPALITY_COLUMNS = ["ars", "name", "district_ars", "district", "lat", "lon"]
POSTCODE_COLUMNS = ["postcode", "ars", "places"]
#: every postcode of the country, compact (read in parts.py, written by national_text)
NATIONAL = "postcodes-de.txt"


@dataclass(frozen=True, order=True)
class Municipality:
    ars: str  # 12 digits: state 2, region 1, district 2, association 4, municipality 3
    name: str
    district_ars: str  # 5 digits
    district: str
    lat: float | None = None
    lon: float | None = None


@dataclass
class Gazetteer:
    municipalities: dict[str, Municipality] = field(default_factory=dict)
    #: postcode -> {ars: place names within that municipality}
    postcodes: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    #: ars -> names of its parts that people give as their place (parts.py)
    parts: dict[str, list[str]] = field(default_factory=dict)
    #: every postcode of the country the import saw, the site's area or not (parts.py)
    national: set[str] = field(default_factory=set)

    def municipalities_of(self, postcode: str) -> list[Municipality]:
        return [self.municipalities[a] for a in sorted(self.postcodes.get(postcode, {}))]


def read_gazetteer(folder: Path, root: Path) -> tuple[Gazetteer, list[Problem]]:
    """Read ``municipalities.csv`` and ``postcodes.csv``; report rows that do not fit."""
    gazetteer = Gazetteer()
    problems: list[Problem] = []
    m_path, p_path = folder / "municipalities.csv", folder / "postcodes.csv"
    if not exists(m_path):
        return gazetteer, problems
    #: the line each regional key (and each postcode's municipality) was first read from:
    #: a second row would replace the first without a word (a renamed municipality)
    first: dict[str, int] = {}
    for line, row in _rows(m_path, MUNICIPALITY_COLUMNS, root, problems):
        try:
            m = Municipality(
                row["ars"],
                row["name"],
                row["district_ars"],
                row["district"],
                _float(row["lat"]),
                _float(row["lon"]),
            )
        except ValueError as exc:
            problems.append(
                Problem(
                    display_path(m_path, root),
                    line,
                    1,
                    "lat/lon",
                    f"expected a decimal number: {exc}",
                )
            )
            continue
        if (m.lat is not None and abs(m.lat) > 90) or (m.lon is not None and abs(m.lon) > 180):
            problems.append(
                Problem(
                    display_path(m_path, root),
                    line,
                    1,
                    "lat/lon",
                    f"expected latitude -90..90 and longitude -180..180, got {m.lat}, {m.lon}",
                )
            )
            continue
        if len(m.ars) != 12 or not m.ars.isdigit() or not m.ars.startswith(m.district_ars):
            problems.append(
                Problem(
                    display_path(m_path, root),
                    line,
                    1,
                    "ars",
                    f"expected 12 digits starting with the district key, got {m.ars!r}",
                )
            )
            continue
        if m.ars in first:
            problems.append(
                Problem(
                    display_path(m_path, root),
                    line,
                    1,
                    "ars",
                    f"the municipality {m.ars} appears twice (first on line {first[m.ars]}); "
                    "keep one row for it",
                )
            )
            continue
        first[m.ars] = line
        gazetteer.municipalities[m.ars] = m
    seen: dict[tuple[str, str], int] = {}
    if exists(p_path):
        for line, row in _rows(p_path, POSTCODE_COLUMNS, root, problems):
            code, ars = row["postcode"], row["ars"]
            if len(code) != 5 or not code.isdigit():
                problems.append(
                    Problem(
                        display_path(p_path, root),
                        line,
                        1,
                        "postcode",
                        f"expected 5 digits, got {code!r}",
                    )
                )
            elif ars not in gazetteer.municipalities:
                problems.append(
                    Problem(
                        display_path(p_path, root),
                        line,
                        1,
                        "ars",
                        f"unknown municipality {ars!r}; it must be in municipalities.csv",
                    )
                )
            elif (code, ars) in seen:
                problems.append(
                    Problem(
                        display_path(p_path, root),
                        line,
                        1,
                        "ars",
                        f"postcode {code} and municipality {ars} appear together twice (first "
                        f"on line {seen[code, ars]}); keep one row and list every place in it",
                    )
                )
            else:
                seen[code, ars] = line
                places = [p for p in row["places"].split("|") if p]
                gazetteer.postcodes.setdefault(code, {})[ars] = places
    return gazetteer, problems


def write_gazetteer(gazetteer: Gazetteer, folder: Path) -> list[Path]:
    """Write both files sorted, so an import produces a reviewable, stable diff."""
    folder.mkdir(parents=True, exist_ok=True)
    m_rows = [
        [m.ars, m.name, m.district_ars, m.district, _fmt(m.lat), _fmt(m.lon)]
        for m in sorted(gazetteer.municipalities.values())
    ]
    p_rows = [
        [code, ars, "|".join(sorted(set(places)))]
        for code in sorted(gazetteer.postcodes)
        for ars, places in sorted(gazetteer.postcodes[code].items())
    ]
    written = []
    for name, header, rows in (
        ("municipalities.csv", MUNICIPALITY_COLUMNS, m_rows),
        ("postcodes.csv", POSTCODE_COLUMNS, p_rows),
    ):
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        (folder / name).write_text(buffer.getvalue(), encoding="utf-8", newline="\n")
        written.append(folder / name)
    if gazetteer.national:
        (folder / NATIONAL).write_text(
            national_text(gazetteer.national), encoding="utf-8", newline="\n"
        )
        written.append(folder / NATIONAL)
    return written


def national_text(codes: set[str] | frozenset[str]) -> str:
    """``postcodes-de.txt`` for ``codes``: sorted, one line per first two digits."""
    by_prefix: dict[str, list[str]] = {}
    for code in sorted(codes):
        by_prefix.setdefault(code[:2], []).append(code[2:])
    return "".join(f"{prefix}:{''.join(rest)}\n" for prefix, rest in sorted(by_prefix.items()))


def postcodes_by_municipality(gazetteer: Gazetteer) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for code, entries in sorted(gazetteer.postcodes.items()):
        for ars in entries:
            out[ars].append(code)
    return out


def _rows(path: Path, columns: list[str], root: Path, problems: list[Problem]):
    """The rows of a places file by line number; every row that cannot be read becomes a
    problem at its line (bad encoding, an overlong field, a stray quote, a wrong count of
    fields), and reading goes on with the next."""
    shown = shown_path(path, root)

    def problem(line: int, message: str) -> None:
        problems.append(Problem(shown, line, 1, "", message))

    try:
        raw = read_regular(path, root, MAX_PLACES_BYTES)
    except RefusedFile as exc:
        problem(1, str(exc))
        return
    lines = raw.split(b"\n")
    header: list[str] | None = None
    for number, line_bytes in enumerate(lines, start=1):
        try:
            line = line_bytes.decode("utf-8").rstrip("\r")
        except UnicodeDecodeError as exc:
            problem(
                number,
                f"not valid UTF-8 at column {exc.start + 1} (byte 0x{line_bytes[exc.start]:02x}); "
                "save the file as UTF-8",
            )
            continue
        if not line.strip():
            continue
        if "\x00" in line:
            problem(number, "the line holds a NUL character; remove it")
            continue
        try:
            fields = next(csv.reader([line], strict=True))
        except csv.Error as exc:
            problem(number, f"not a valid CSV line ({exc}); quote fields that hold commas")
            continue
        if any(len(f) > MAX_FIELD_CHARS for f in fields):
            problem(number, f"a field is longer than {MAX_FIELD_CHARS} characters")
            continue
        if header is None:
            header = fields
            missing = [c for c in columns if c not in header]
            if missing:
                problem(1, f"missing columns {missing}; expected {columns}")
                return
            continue
        if len(fields) != len(header):
            expected = f"{len(header)} fields ({', '.join(header)})"
            problem(number, f"expected {expected}, got {len(fields)}")
            continue
        yield number, {k: v.strip() for k, v in zip(header, fields, strict=True) if k}


def _float(value: str) -> float | None:
    if not value:
        return None
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"got {value!r}, which is not a finite number")
    return number


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}"
