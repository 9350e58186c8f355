"""The site's own words on easy-language pages, in easy language.

The fixed texts of the interface (the lookup's hints, the accessibility labels, the
fallback question) are written for the full pages; on easy pages the same rules apply to
them as to editors' texts: no negation, no passive, no abbreviation, short words. This
module holds the easy wording of every text that breaks a rule, and the words a page gets
are the plain ones with these laid over them (``tests/test_easy_words.py`` checks every
fixed text on the built easy pages with the easy-language checker).
"""

from __future__ import annotations

from generator.site import i18n

#: page templates that are easy-language pages
EASY_TEMPLATES = frozenset({"service_easy.html", "easy_index.html"})

_EXAMPLE = {
    "de": "Beispiel-Daten: Diese Kontakt-Daten sind nur ein Beispiel.",
    "en": "Example data: these contact details are only an example.",
}

EASY_LABELS: dict[str, dict[str, str]] = {
    "de": {
        "fallback": "Sie suchen eine andere Stelle?",
        "wheelchair_no": "Mit Stufen",
        "toilet": "Toilette für Roll-Stühle",
        "accessibility": "Zugang zum Haus",
        "example_data": _EXAMPLE["de"],
        "no_authority": "Für diese Hilfe fehlt noch eine Stelle.",
        "pc_print_as_of": "Stand der Texte",
    },
    "en": {
        "fallback": "Looking for another office?",
        "wheelchair_no": "With steps",
        "accessibility": "Getting into the building",
        "example_data": _EXAMPLE["en"],
        "no_authority": "The office for this help is still missing.",
        "pc_unlikely": "Unlikely",
        "pc_office_unknown": "You find the office responsible in the section",
        "pc_example": _EXAMPLE["en"],
        "pc_checklist_cleared": "All ticks are gone.",
    },
}

EASY_LOOKUP: dict[str, dict[str, str]] = {
    "de": {
        "locate_hint": "Ihr Browser fragt Sie vorher. Ihr Standort bleibt bei Ihnen.",
        "unknown_postcode": "Die Postleitzahl {code} fehlt in unserer Liste.",
        "unknown_name": "Der Ort „{q}“ fehlt in unserer Liste.",
        "no_office": "Für diesen Ort fehlt uns eine Stelle. Hier bekommen Sie Hilfe:",
        "forgotten": "Wir haben den Ort gelöscht.",
        "locating": "Wir suchen Ihren Standort …",
        "no_position": "Ihr Standort fehlt. Bitte geben Sie Ihren Ort ein.",
        "no_place_near": "In Ihrer Nähe fehlt uns ein Ort. Bitte geben Sie Ihren Ort ein.",
        "example": _EXAMPLE["de"],
    },
    "en": {
        "locate_hint": "Your browser asks you first. Your location stays with you.",
        "choose_postcode": "Postcode {code} covers several towns. Where do you live?",
        "unknown_postcode": "The postcode {code} is missing from our list.",
        "unknown_name": "The place “{q}” is missing from our list.",
        "no_office": "For this place, you can get help here:",
        "forgotten": "We deleted the saved place.",
        "no_position": "Your location is missing. Please type your place.",
        "no_place_near": "Your place is missing from our map. Please type your place.",
        "example": _EXAMPLE["en"],
    },
}


def labels(lang: str, template: str) -> dict[str, str]:
    """The interface words for a page made from ``template``."""
    plain = i18n.LABELS[lang]
    if template not in EASY_TEMPLATES:
        return plain
    return {**plain, **EASY_LABELS.get(lang, {})}


def lookup_words(lang: str, template: str) -> dict[str, str]:
    plain = i18n.LOOKUP[lang]
    if template not in EASY_TEMPLATES:
        return plain
    return {**plain, **EASY_LOOKUP.get(lang, {})}
