"""Import the open formats a state portal has for the whole country into the gazetteer.

- the Destatis municipality directory as CSV extract (``AuszugGV...csv``: one row per
  Satzart, decimal commas, coordinates per municipality),
- the same directory as GV100AD fixed-width text (no coordinates),
- a postcode-to-municipality CSV (postcode, place, AGS and optionally latitude/longitude;
  the columns are found by their header names, as the common files name them).

The directory gives the 12-digit ARS (with the municipal association) that the 8-digit AGS
of the postcode files lacks; the postcode file gives which municipalities a postcode
touches. ``areas`` keeps what touches the given ARS prefixes: every postcode that reaches
into them, and every municipality those postcodes reach, so neighbours sharing a postcode
come along.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.places.gazetteer import Gazetteer, Municipality


class ImportError_(ValueError):
    """A file that does not have the expected format; the message says where."""


@dataclass(frozen=True)
class DirectoryEntry:
    ars: str
    ags: str
    name: str
    lat: float | None
    lon: float | None


def read_directory(path: Path) -> tuple[list[DirectoryEntry], dict[str, str]]:
    """Municipalities and district names (by 5-digit key) from either directory format."""
    text = path.read_bytes().decode("utf-8-sig")
    if text.lstrip().lower().startswith("satzart"):
        return _destatis_csv(text, path)
    return _gv100ad(text, path)


def _short(name: str) -> str:
    """'Northeim, Stadt' -> 'Northeim': the name citizens use."""
    return name.split(",")[0].strip()


def _district_name(name: str, kind: str) -> str:
    """Name a district as citizens know it, from the directory's Textkennzeichen."""
    short = _short(name)
    if kind in ("41", "42"):  # kreisfreie Stadt, Stadtkreis
        return f"Stadt {short}"
    if "kreis" in short.lower() or "region" in short.lower():
        return short
    return {"43": f"Kreis {short}", "44": f"Landkreis {short}"}.get(kind, short)


def _destatis_csv(text: str, path: Path) -> tuple[list[DirectoryEntry], dict[str, str]]:
    entries, districts = [], {}
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        kind = row.get("satzart", "")
        try:
            if kind == "40":
                districts[row["land"] + row["rb"] + row["kreis"]] = _district_name(
                    row["gemeindename"], row.get("textkennzeichen", "")
                )
            elif kind == "60":
                district = row["land"] + row["rb"] + row["kreis"]
                entries.append(
                    DirectoryEntry(
                        ars=district + row["vb"] + row["gemeinde"],
                        ags=district + row["gemeinde"],
                        name=_short(row["gemeindename"]),
                        lon=_decimal(row.get("laengengrad", "")),
                        lat=_decimal(row.get("breitengrad", "")),
                    )
                )
        except (KeyError, TypeError, ValueError) as exc:
            raise ImportError_(f"{path}:{line}: not a Destatis directory row ({exc})") from None
    return entries, districts


def _gv100ad(text: str, path: Path) -> tuple[list[DirectoryEntry], dict[str, str]]:
    """Fixed columns per Destatis' GV100AD record description (Satzart 40 and 60)."""
    entries, districts = [], {}
    for line, record in enumerate(text.splitlines(), start=1):
        if not record.strip():
            continue
        kind = record[0:2]
        if not kind.isdigit() or not record[2:10].isdigit():
            raise ImportError_(
                f"{path}:{line}: not a GV100AD record (expected Satzart and "
                "Gebietsstand in columns 1-10)"
            )
        if kind == "40":
            districts[record[10:15]] = _district_name(record[22:72], record[122:124])
        elif kind == "60":
            ags, association = record[10:18], record[18:22]
            if not (ags.isdigit() and association.isdigit()):
                raise ImportError_(
                    f"{path}:{line}: expected AGS and association key in columns 11-22"
                )
            entries.append(
                DirectoryEntry(
                    ags[:5] + association + ags[5:], ags, _short(record[22:72]), None, None
                )
            )
    return entries, districts


@dataclass(frozen=True)
class PostcodeRow:
    postcode: str
    ags: str
    place: str
    lat: float | None
    lon: float | None


_ALIASES = {
    "postcode": ("plz", "postcode", "zipcode", "postleitzahl"),
    "ags": ("ags", "gemeindeschluessel", "municipality_key"),
    "place": ("ort", "place", "name", "ortsname"),
    "lat": ("lat", "latitude", "breitengrad"),
    "lon": ("lon", "lng", "longitude", "laengengrad"),
}


def read_postcodes(path: Path) -> list[PostcodeRow]:
    """Rows of a postcode CSV whose columns are recognised by name; retired rows skipped."""
    text = path.read_bytes().decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    header = {h.strip().lower(): h for h in reader.fieldnames or []}
    columns = {
        key: next((header[a] for a in names if a in header), None)
        for key, names in _ALIASES.items()
    }
    missing = [k for k in ("postcode", "ags") if columns[k] is None]
    if missing:
        raise ImportError_(
            f"{path}:1: no column for {missing}; expected one of {[_ALIASES[k] for k in missing]}"
        )
    rows = []
    for row in reader:
        if row.get("deprecated", "0").strip() == "1":
            continue
        values = {k: (row.get(c) or "").strip() if c else "" for k, c in columns.items()}
        code, ags = values["postcode"].zfill(5), values["ags"].zfill(8)
        if not (code.isdigit() and ags.isdigit()):
            raise ImportError_(
                f"{path}:{reader.line_num}: expected a postcode and an 8-digit "
                f"AGS, got {code!r} and {ags!r}"
            )
        rows.append(
            PostcodeRow(
                code, ags, values["place"], _decimal(values["lat"]), _decimal(values["lon"])
            )
        )
    return rows


def build_gazetteer(directory: Path, postcodes: Path, areas: Iterable[str] = ()) -> Gazetteer:
    """Join a directory and a postcode file into a gazetteer, optionally cut to ``areas``."""
    entries, districts = read_directory(directory)
    by_ags = {e.ags: e for e in entries}
    rows = read_postcodes(postcodes)
    centroid: dict[str, tuple[float, float]] = {
        r.ags: (r.lat, r.lon) for r in rows if r.lat is not None and r.lon is not None
    }
    gazetteer = Gazetteer()
    for row in rows:
        entry = by_ags.get(row.ags)
        if entry is None:  # postcode file newer or older than the directory
            continue
        places = gazetteer.postcodes.setdefault(row.postcode, {}).setdefault(entry.ars, [])
        if row.place:
            places.append(row.place)
    for e in entries:
        lat, lon = (e.lat, e.lon) if e.lat is not None else centroid.get(e.ags, (None, None))
        gazetteer.municipalities[e.ars] = Municipality(
            e.ars, e.name, e.ars[:5], districts.get(e.ars[:5], e.ars[:5]), lat, lon
        )
    # the whole country's postcodes, so one of another state is told from an unknown one
    gazetteer.national = {r.postcode for r in rows if len(r.postcode) == 5 and r.postcode.isdigit()}
    prefixes = tuple(areas)
    return _cut(gazetteer, prefixes) if prefixes else gazetteer


def _cut(gazetteer: Gazetteer, prefixes: tuple[str, ...]) -> Gazetteer:
    codes = {
        c
        for c, entries in gazetteer.postcodes.items()
        if any(a.startswith(prefixes) for a in entries)
    }
    keep = {a for c in codes for a in gazetteer.postcodes[c]}
    keep |= {a for a in gazetteer.municipalities if a.startswith(prefixes)}
    return Gazetteer(
        municipalities={a: m for a, m in gazetteer.municipalities.items() if a in keep},
        postcodes={c: gazetteer.postcodes[c] for c in sorted(codes)},
        national=gazetteer.national,
    )


def _decimal(value: str) -> float | None:
    value = (value or "").strip().replace(",", ".")
    return float(value) if value else None
