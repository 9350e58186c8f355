"""The place rules (generator/places/normalise.py) and their twin in lookup.js.

The first tests pin the rules down on the cases citizens type; the parity test runs the
browser's functions from ``site_overrides/assets/lookup.js`` in node and the Python ones
on several hundred spellings of the example places, and requires identical results.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import cache

import pytest

from generator.content.catalogue import load_catalogue
from generator.content.resolve import offered_at, responsible_at
from generator.places.normalise import exact, find, fold, narrow, parse, shard_letter
from generator.site.lookup_data import lookup_files
from tests.helpers import REPO, TODAY

LOOKUP_JS = REPO / "site_overrides/assets/lookup.js"


@cache
def lookup_data() -> tuple[dict[str, list], dict[str, list], list[str]]:
    """The example site's names files (by letter) and postcode entries, and the example
    place names."""
    catalogue, problems = load_catalogue(REPO / "content", root=REPO, today=TODAY)
    assert not [p for p in problems if p.severity == "error"]
    data = lookup_files(catalogue)
    manifest = json.loads(data.files[data.manifest])
    base = data.manifest.rsplit("/", 1)[0] + "/"
    shards = {k: json.loads(data.files[base + f]) for k, f in manifest["names"].items()}
    postcodes: dict[str, list] = {}
    for f in manifest["postcodes"].values():
        postcodes.update(json.loads(data.files[base + f]))
    g = catalogue.gazetteer
    names = {m.name for m in g.municipalities.values()}
    names |= {p for entries in g.postcodes.values() for ps in entries.values() for p in ps}
    return shards, postcodes, sorted(names)


def example_data() -> tuple[list[list], dict[str, list], list[str]]:
    """Every names entry once, the postcode entries and the place names."""
    shards, postcodes, names = lookup_data()
    entries = {json.dumps(e): e for shard in shards.values() for e in shard}
    return [entries[k] for k in sorted(entries)], postcodes, names


def suggest(text: str) -> list[str]:
    """Labels the browser lists for ``text``: the one names file it opens, then the ranking."""
    shards, _, _ = lookup_data()
    p = parse(text)
    assert p["kind"] == "name", p
    return [e[1] for e in find(p["key"], shards.get(shard_letter(p["key"]), []), text)]


def test_a_start_as_spelled_ranks_first():
    """ "Noer" folds to "nor", the start of Northeim too; the name spelled "Noer..." first."""
    assert suggest("Noer")[:2] == ["Nörten-Hardenberg", "Northeim"]
    assert suggest("Nor")[:2] == ["Northeim", "Nörten-Hardenberg"]


def test_a_part_with_its_town_in_front_matches_only_in_full():
    assert suggest("Jena-Lobeda")[0] == "Lobeda (Jena)"
    assert suggest("Jena Winzerla") == ["Winzerla (Jena)"]
    assert not any("Laasan" in s for s in suggest("Jenal"))
    assert not any("Maua" in s for s in suggest("Je"))


@pytest.mark.parametrize(
    ("typed", "code", "place"),
    [
        ("37154", "37154", ""),
        ("37 154", "37154", ""),
        (" 3 7 1 5 4 ", "37154", ""),
        ("D-37154", "37154", ""),
        ("D 37154", "37154", ""),
        ("DE-37154", "37154", ""),
        ("d37154", "37154", ""),
        ("37154 Northeim", "37154", "northeim"),
        ("37154, Northeim", "37154", "northeim"),
        ("D-37154 Northeim", "37154", "northeim"),
        ("Northeim 37154", "37154", "northeim"),
        ("３７１５４", "37154", ""),  # full-width digits from a phone keyboard
    ],
)
def test_postcode_spellings(typed, code, place):
    assert parse(typed) == {"kind": "postcode", "code": code, "place": place}


@pytest.mark.parametrize("typed", ["123", "371544", "37 15", "3715 4 1", "A-1010", "371 54 12"])
def test_digits_that_are_no_postcode_are_bad(typed):
    assert parse(typed) == {"kind": "bad"}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Nörten-Hardenberg", "Noerten Hardenberg"),
        ("Nörten-Hardenberg", "norten  hardenberg"),
        ("Großpürschütz", "Grosspuerschuetz"),
        ("Zöllnitz", "ZOELLNITZ"),
        ("St. Andreasberg", "Sankt Andreasberg"),
        ("Skt. Andreasberg", "Sankt-Andreasberg"),
        ("Löberschütz", "Lo\u0308berschu\u0308tz"),  # umlauts typed as two characters
    ],
)
def test_folding_makes_spellings_equal(a, b):
    assert fold(a) == fold(b)


def test_a_lone_st_is_the_start_of_a_name_being_typed():
    assert fold("St") == "st" and fold("St. A") == "sankt a"


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("Noerten", "Nörten-Hardenberg"),
        ("Nörten Hardenberg", "Nörten-Hardenberg"),
        ("Hardenberg", "Nörten-Hardenberg"),
        ("Gandersheim", "Bad Gandersheim"),
        ("Gandersh", "Bad Gandersheim"),
        ("Bad Gan", "Bad Gandersheim"),
        ("Lindau", "Katlenburg-Lindau"),
        ("Pürschütz", "Großpürschütz"),
        ("jenaloeb", "Jenalöbnitz"),
        ("Je", "Jena"),
    ],
)
def test_names_are_found_by_any_word_and_part(typed, first):
    found = suggest(typed)
    assert found and found[0] == first, found


def test_unknown_names_find_nothing():
    assert suggest("abcde") == []
    assert suggest("Hardenbergx") == []


def test_exact_names_and_shared_postcodes():
    entries, postcodes, _ = example_data()
    key = fold("Gandersheim")
    assert exact(key, find(key, entries)) == ["031550001001"]
    assert exact("gan", find("gan", entries)) == []  # only a start: no exact place
    shared = postcodes["07751"]
    assert len(shared) > 1
    assert [m[1] for m in narrow("bucha", shared)] == ["Bucha"]
    assert narrow("", shared) == shared
    assert narrow("northeim", shared) == shared  # a name that fits none: the postcode rules


# --- parity with lookup.js --------------------------------------------------------------

NODE_RUNNER = """
const rules = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = input.spellings.map((s) => {
  const p = rules.parse(s);
  const found = p.kind === "name" ? rules.find(p.key, input.entries, s) : [];
  return {
    fold: rules.fold(s),
    parse: p,
    shard: p.kind === "name" ? rules.shardLetter(p.key) : null,
    found: found.map((e) => e[1] + "|" + e[2]),
    exact: p.kind === "name" ? rules.exact(p.key, found) : [],
    narrow: p.kind === "postcode"
      ? rules.narrow(p.place, input.postcodes[p.code] || []).map((m) => m[0]) : [],
  };
});
process.stdout.write(JSON.stringify(out));
"""


def python_results(spellings: list[str], entries, postcodes) -> list[dict]:
    out = []
    for s in spellings:
        p = parse(s)
        found = find(p["key"], entries, s) if p["kind"] == "name" else []
        out.append(
            {
                "fold": fold(s),
                "parse": p,
                "shard": shard_letter(p["key"]) if p["kind"] == "name" else None,
                "found": [f"{e[1]}|{e[2]}" for e in found],
                "exact": exact(p["key"], found) if p["kind"] == "name" else [],
                "narrow": [m[0] for m in narrow(p["place"], postcodes.get(p["code"], []))]
                if p["kind"] == "postcode"
                else [],
            }
        )
    return out


def spellings_of(names: list[str], postcodes: dict[str, list]) -> list[str]:
    """How people write the example places: umlauts spelt out or dropped, hyphens as
    spaces or left out, capitals, status words moved or dropped, names cut short while
    typing, postcodes with spaces, country prefixes and a place name."""
    plain = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U"})
    spelt = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe"})
    out: list[str] = []
    for name in names:
        variants = {
            name,
            name.upper(),
            name.lower(),
            name.translate(plain),
            name.translate(spelt),
            name.replace("-", " "),
            name.replace("-", ""),
            name.replace(" ", "-"),
            f"  {name}  ",
            name.removeprefix("Bad "),
            f"{name.removeprefix('Bad ')}, Bad" if name.startswith("Bad ") else name,
            name.replace("ß", "ss"),
        }
        for cut in (2, 3, 5):
            variants.add(name[:cut])
        for word in name.replace("-", " ").split():
            variants.add(word)
        out.extend(sorted(variants))
    for code, municipalities in sorted(postcodes.items()):
        out += [
            code,
            f"{code[:2]} {code[2:]}",
            f"D-{code}",
            f"DE {code}",
            f"{code} {municipalities[0][1]}",
            f"{municipalities[-1][1]} {code}",
            f"D-{code} {municipalities[-1][1].translate(spelt)}",
            code[:4],
            code + "1",
        ]
    out += ["St. Andreasberg", "St", "Sankt Pe", "", "  ", "-", "123", "Köln-Mülheim"]
    return out


@pytest.mark.slow
def test_parity_with_lookup_js():
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: Debian's nodejs runs the parity test")
    entries, postcodes, names = example_data()
    spellings = spellings_of(names, postcodes)
    assert len(spellings) >= 200
    expected = python_results(spellings, entries, postcodes)
    run = subprocess.run(
        [node, "-e", NODE_RUNNER, str(LOOKUP_JS)],
        input=json.dumps({"spellings": spellings, "entries": entries, "postcodes": postcodes}),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    got = json.loads(run.stdout)
    differ = [(s, e, g) for s, e, g in zip(spellings, expected, got, strict=True) if e != g]
    assert differ == [], differ[:5]
    # the spellings exercise every kind of input, and most names are found
    kinds = {r["parse"]["kind"] for r in expected}
    assert kinds == {"name", "postcode", "bad", "empty"}
    assert sum(bool(r["found"]) for r in expected) > 150


# --- parity of the resolution rule: who answers for a place, and whether it is offered ----

ANSWER_RUNNER = """
const rules = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = input.cases.map((c) => rules.answer(input.kinds[c[0]], c[1], c[2]));
process.stdout.write(JSON.stringify(out));
"""


@pytest.mark.slow
def test_resolution_parity_with_lookup_js():
    """Every place of the example gazetteer, for every example service and for made-up
    areas (state, district, municipality, several), answered by Python and by lookup.js
    from the lookup data the browser reads."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: Debian's nodejs runs the parity test")
    catalogue, _ = load_catalogue(REPO / "content", root=REPO, today=TODAY)
    data = lookup_files(catalogue)
    manifest = json.loads(data.files[data.manifest])
    base = data.manifest.rsplit("/", 1)[0] + "/"
    kinds = json.loads(data.files[base + manifest["offices"]])["kinds"]
    places = sorted(catalogue.gazetteer.municipalities)
    areas = [[a.ars for a in s.area] for s in catalogue.services]
    areas += [[], ["16"], ["03155"], ["160530000000"], ["03155", "16074"], ["09"]]
    # a kind no office has: the fallback answers wherever the service is offered
    every_kind = [*sorted(kinds), "kein-amt"]
    cases = [(k, area, ars) for k in every_kind for area in areas for ars in places]
    expected = []
    for kind, area, ars in cases:
        if not offered_at(area, ars):
            expected.append(None)
        else:
            expected.append([a.id for a in responsible_at(catalogue.authorities, kind, ars)])
    run = subprocess.run(
        [node, "-e", ANSWER_RUNNER, str(LOOKUP_JS)],
        input=json.dumps({"kinds": kinds, "cases": cases}),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    got = json.loads(run.stdout)
    differ = [(c, e, g) for c, e, g in zip(cases, expected, got, strict=True) if e != g]
    assert differ == [], differ[:5]
    # the cases exercise all three answers: not offered, offices, and the fallback (none)
    assert None in expected and [] in expected and any(expected)
