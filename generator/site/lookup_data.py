"""The data the browser's location lookup reads: small JSON files, fetched only when needed.

Sizes grow with places + authorities, never places x services: the offices and the rule
"kind -> [area prefix, office]" are one file; postcodes are sharded by their first two
digits, place names by a token index (each name is filed under the first letter of every
one of its words, so "Gandersheim" finds "Bad Gandersheim" in the file the browser opens
for a "g"; see ``normalise.shard_letters``), centroids by 1-degree tiles for geolocation.
File names carry a content hash so hosts can cache them for ever; the
manifest (hashed too) names them and is the only URL a page carries.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from dataclasses import dataclass

from generator.content import routes
from generator.content.model import Catalogue
from generator.places.normalise import WHOLE, fold, shard_letters

BASE = "assets/lookup/"


@dataclass(frozen=True)
class LookupFiles:
    manifest: str  # site-root-relative path of the manifest
    files: dict[str, str]  # path -> JSON text


def tile(lat: float, lon: float) -> str:
    return f"{math.floor(lat)}_{math.floor(lon)}"


def lookup_files(catalogue: Catalogue) -> LookupFiles:
    files: dict[str, str] = {}
    manifest: dict[str, object] = {}

    def add(stem: str, data: object) -> str:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        digest = hashlib.sha256(text.encode()).hexdigest()[:10]
        path = f"{BASE}{stem}.{digest}.json"
        files[path] = text
        return path.removeprefix(BASE)

    manifest["offices"] = add("offices", _offices(catalogue))
    g = catalogue.gazetteer
    shards: dict[str, dict[str, list]] = defaultdict(dict)
    for code in sorted(g.postcodes):
        shards[code[:2]][code] = [
            [m.ars, m.name, m.district, sorted(set(g.postcodes[code][m.ars]) - {m.name})]
            for m in g.municipalities_of(code)
        ]
    manifest["postcodes"] = {k: add(f"pc-{k}", v) for k, v in sorted(shards.items())}
    # the country's postcodes by first digit, {first two: last three digits of each},
    # fetched only for a postcode the site's files do not hold ("outside this area")
    national: dict[str, dict[str, str]] = defaultdict(dict)
    for code in sorted(g.national):
        group = national[code[0]]
        group[code[:2]] = group.get(code[:2], "") + code[2:]
    if national:  # without it, the lookup goes by the two-digit postal regions
        manifest["national"] = {k: add(f"de-{k}", v) for k, v in sorted(national.items())}

    codes_of: dict[str, list[str]] = defaultdict(list)
    names: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for code, entries in sorted(g.postcodes.items()):
        for ars, places in entries.items():
            codes_of[ars].append(code)
            for place in {g.municipalities[ars].name, *places}:
                names[ars].add((fold(place), place, ars))
    for ars, m in g.municipalities.items():
        names[ars].add((fold(m.name), m.name, ars))
    for ars, parts in g.parts.items():
        town = g.municipalities[ars].name
        for part in parts:
            names[ars].add((fold(part), part, ars))
            if not fold(part).startswith(fold(town)):  # "Jena-Lobeda", "Jena Winzerla"
                names[ars].add((fold(f"{town} {part}") + WHOLE, part, ars))
    by_letter: dict[str, list] = defaultdict(list)
    for ars, spellings in sorted(names.items()):
        m = g.municipalities[ars]
        for key, place, _ in sorted(spellings):
            label = place if place == m.name else f"{place} ({m.name})"
            entry = [key, label, ars, m.district, codes_of[ars]]
            for letter in shard_letters(key.removesuffix(WHOLE)):
                by_letter[letter].append(entry)
    manifest["names"] = {k: add(f"names-{k}", sorted(v)) for k, v in sorted(by_letter.items())}

    tiles: dict[str, list] = defaultdict(list)
    for m in sorted(g.municipalities.values()):
        if m.lat is not None and m.lon is not None:
            tiles[tile(m.lat, m.lon)].append([m.ars, m.name, m.district, m.lat, m.lon])
    manifest["geo"] = {k: add(f"geo-{k}", v) for k, v in sorted(tiles.items())}
    return LookupFiles(f"{BASE}{add('manifest', manifest)}", files)


def _offices(catalogue: Catalogue) -> dict[str, object]:
    kinds: dict[str, list[list[str]]] = defaultdict(list)
    offices = {}
    for a in catalogue.authorities:
        for kind in a.kinds:
            kinds[kind].extend([area.ars, a.id] for area in a.areas)
        offices[a.id] = {
            "name": a.name + (f", {a.department}" if a.department else ""),
            "street": a.address.street,
            "city": f"{a.address.postcode} {a.address.city}",
            "phone": a.phone,
            "email": a.email,
            "hours": [[h.days, h.hours] for h in a.opening_hours],
            "note": a.appointment_note,
            "url": routes.authority(a.id),
            "example": a.invented("contact"),
            "example_hours": a.invented("hours"),
        }
    f = catalogue.site.fallback
    return {
        "offices": offices,
        "kinds": {k: sorted(v) for k, v in sorted(kinds.items())},
        "fallback": {"name": f.name, "text": f.text, "phone": f.phone, "email": f.email},
    }
