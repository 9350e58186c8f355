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
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem, display_path

MUNICIPALITY_COLUMNS = ["ars", "name", "district_ars", "district", "lat", "lon"]
POSTCODE_COLUMNS = ["postcode", "ars", "places"]


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

    def municipalities_of(self, postcode: str) -> list[Municipality]:
        return [self.municipalities[a] for a in sorted(self.postcodes.get(postcode, {}))]


def read_gazetteer(folder: Path, root: Path) -> tuple[Gazetteer, list[Problem]]:
    """Read ``municipalities.csv`` and ``postcodes.csv``; report rows that do not fit."""
    gazetteer = Gazetteer()
    problems: list[Problem] = []
    m_path, p_path = folder / "municipalities.csv", folder / "postcodes.csv"
    if not m_path.is_file():
        return gazetteer, problems
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
        gazetteer.municipalities[m.ars] = m
    if p_path.is_file():
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
            else:
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
        (folder / name).write_text(buffer.getvalue(), encoding="utf-8")
        written.append(folder / name)
    return written


def postcodes_by_municipality(gazetteer: Gazetteer) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for code, entries in sorted(gazetteer.postcodes.items()):
        for ars in entries:
            out[ars].append(code)
    return out


def _rows(path: Path, columns: list[str], root: Path, problems: list[Problem]):
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            problems.append(
                Problem(
                    display_path(path, root),
                    1,
                    1,
                    "",
                    f"missing columns {missing}; expected {columns}",
                )
            )
            return
        for row in reader:
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}


def _float(value: str) -> float | None:
    return float(value) if value else None


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}"
