"""What people type into the location lookup, reduced to one comparable form.

These are the rules the browser applies too: ``site_overrides/assets/lookup.js`` holds the
same functions (``placeRules``), line for line, and ``tests/test_place_rules.py`` runs
both on hundreds of spellings and requires identical results. Change one, change both.

The rules, in order:

* **Folding** (:func:`fold`): lower case; ß as ss; accents and umlauts dropped (ä -> a),
  and the umlaut spellings ae/oe/ue read as a/o/u, so "Nörten", "Noerten" and "Norten"
  are one key; every run of anything but letters and digits (hyphen, dot, comma, slash,
  brackets) is one space, so "Nörten-Hardenberg" and "Nörten Hardenberg" are one key;
  the abbreviations "St." and "Skt." read as "Sankt" when another word follows (alone,
  "St" is the start of "Stade" or "Stuttgart" being typed).
* **Postcodes** (:func:`parse`): five digits, also written with spaces ("37 154"), after
  a country prefix ("D-37154", "DE 37154"), or together with a place name before or
  after them ("37154 Northeim"); the name then narrows a postcode shared by several
  municipalities (:func:`narrow`).
* **Names** (:func:`rank`): a name matches exactly, or without status words such as
  "Bad", "Sankt" or "Hansestadt" ("Gandersheim" is "Bad Gandersheim"), or as the start
  of the whole name ("Nörten Hard"), or word by word, each typed word starting a word
  of the name in any order ("Hardenberg", "Lindau"). A word glued to a prefix such as
  "Groß" or "Ober" is also a word without it ("Pürschütz" finds "Großpürschütz").
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

#: abbreviations read as the word they stand for
ABBREVIATIONS = {"st": "sankt", "skt": "sankt"}
#: status words in front of (or, in official lists, after) a place's own name
OPTIONAL = frozenset(
    "bad sankt stadt hansestadt lutherstadt markt flecken gemeinde kurort seebad ostseebad".split()  # noqa: SIM905
)
#: prefixes glued to a name ("Großpürschütz"); the rest is indexed as a word of its own
GLUED = ("gross", "klein", "ober", "unter", "nieder", "mittel")
#: a glued prefix is split off only if at least this many letters remain
GLUED_REST = 4
#: suggestions shown at most
LIMIT = 8

_UMLAUT_SPELLINGS = (("ae", "a"), ("oe", "o"), ("ue", "u"))
_COUNTRY_FIRST = re.compile(r"(?:(?:d|de|deu) ?)?([0-9](?: ?[0-9])*)(?: ?([^0-9]+))?")
_NAME_FIRST = re.compile(r"([^0-9]+?) ?([0-9](?: ?[0-9])*)")


def fold(text: str) -> str:
    """The comparable form of a place name or of what was typed (see the module text)."""
    text = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss"))
    out = []
    for c in text:
        category = unicodedata.category(c)
        if category[0] == "M":  # the accent or umlaut dots NFKD split off
            continue
        out.append(c if category[0] in "LN" else " ")
    text = "".join(out)
    for spelt, plain in _UMLAUT_SPELLINGS:
        text = text.replace(spelt, plain)
    ws = text.split()
    return " ".join(ABBREVIATIONS.get(w, w) if i < len(ws) - 1 else w for i, w in enumerate(ws))


def parse(text: str) -> dict[str, str]:
    """What the input is: ``{"kind": "postcode", "code", "place"}``, ``{"kind": "name",
    "key"}``, ``{"kind": "empty"}`` or ``{"kind": "bad"}`` (digits, but not five)."""
    key = fold(text)
    if not key:
        return {"kind": "empty"}
    if not re.search(r"[0-9]", key):
        return {"kind": "name", "key": key}
    m = _COUNTRY_FIRST.fullmatch(key)
    if m:
        digits, place = m.group(1), m.group(2) or ""
    else:
        m = _NAME_FIRST.fullmatch(key)
        if not m:
            return {"kind": "bad"}
        place, digits = m.group(1), m.group(2)
    digits = digits.replace(" ", "")
    if len(digits) != 5:
        return {"kind": "bad"}
    return {"kind": "postcode", "code": digits, "place": place.strip()}


def words(key: str) -> list[str]:
    """The words of a folded name, each glued-prefix word also without its prefix."""
    out: list[str] = []
    for w in key.split(" "):
        if not w:
            continue
        out.append(w)
        for prefix in GLUED:
            if w.startswith(prefix) and len(w) - len(prefix) >= GLUED_REST:
                out.append(w[len(prefix) :])
    return out


def core(key: str) -> str:
    """The name without status words ("bad gandersheim" -> "gandersheim")."""
    kept = [w for w in key.split(" ") if w and w not in OPTIONAL]
    return " ".join(kept) if kept else key


def shard_letter(key: str) -> str:
    """Which names file holds every name a query could match: the first letter of its
    first word that is not a status word (names are filed under every word's letter)."""
    ws = key.split(" ")
    kept = [w for w in ws if w and w not in OPTIONAL]
    first = kept[0] if kept else ws[0]
    return first[:1] or "_"


def shard_letters(key: str) -> list[str]:
    """Every names file a name goes into: one per distinct first letter of its words."""
    return sorted({w[0] for w in words(key)}) or ["_"]


#: the end of a key that matches only when typed in full ("jena lobeda =": a part with its
#: town's name in front, which would otherwise answer "Jenal" or "Je")
WHOLE = " ="


def rank(query: str, key: str) -> int | None:
    """How well the folded ``query`` matches the folded name ``key``: 0 exactly, 1 without
    status words, 2 as the start of the name, 3 word by word; None if not at all."""
    if not query or not key:
        return None
    if key.endswith(WHOLE):
        return 0 if query.replace(" ", "") == key[: -len(WHOLE)].replace(" ", "") else None
    q, k = query.replace(" ", ""), key.replace(" ", "")
    if q == k:
        return 0
    if core(query).replace(" ", "") == core(key).replace(" ", ""):
        return 1
    if k.startswith(q):
        return 2
    name_words = words(key)
    typed = [w for w in query.split(" ") if w]
    if all(any(n.startswith(t) for n in name_words) for t in typed):
        return 3
    return None


def spelled(text: str) -> str:
    """A name as it is spelled, umlauts written out ("Nörten" -> "noerten"), letters and
    digits only: what a typed start is compared with before folding blurs "oe" and "o"."""
    text = unicodedata.normalize("NFC", text.lower().replace("ß", "ss"))
    for umlaut, written in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        text = text.replace(umlaut, written)
    return "".join(c for c in text if unicodedata.category(c)[0] in "LN")


def find(query: str, entries: list[list[Any]], typed: str = "") -> list[list[Any]]:
    """The suggestions for the folded ``query`` among names-file ``entries`` ([key,
    label, ars, ...]): best match first; among equals, a name that starts with what was
    ``typed`` as spelled ("Noer" is "Nörten-Hardenberg" before "Northeim"), then shorter
    names, then by label; at most ``LIMIT``, each label and municipality once."""
    start = spelled(typed)
    scored = []
    for entry in entries:
        r = rank(query, entry[0])
        if r is not None:
            prefix = 0 if start and spelled(entry[1]).startswith(start) else 1
            scored.append((r, prefix, len(entry[0].replace(" ", "")), entry[1], entry[2], entry))
    scored.sort(key=lambda s: s[:5])
    seen: set[tuple[str, str]] = set()
    out = []
    for *_, entry in scored:
        if (entry[1], entry[2]) in seen:
            continue
        seen.add((entry[1], entry[2]))
        out.append(entry)
        if len(out) == LIMIT:
            break
    return out


def exact(query: str, found: list[list[Any]]) -> list[str]:
    """The municipalities (ars) whose name the query gives in full (rank 0 or 1), in the
    order found; several mean the citizen must choose."""
    out: list[str] = []
    for entry in found:
        r = rank(query, entry[0])
        if r is not None and r <= 1 and entry[2] not in out:
            out.append(entry[2])
    return out


def narrow(place: str, municipalities: list[list[Any]]) -> list[list[Any]]:
    """The municipalities of one postcode ([ars, name, district, [places]]) that the
    place name typed with it matches; all of them if it matches none or is empty."""
    if not place:
        return municipalities
    hits = [
        m
        for m in municipalities
        if any(rank(place, fold(name)) is not None for name in [m[1], *m[3]])
    ]
    return hits or municipalities
