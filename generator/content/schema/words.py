"""The words the site knows beyond its services: glossary, synonyms for search, free pages'
front matter, interface words per language and the list of what this site does not offer.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from generator.content.schema.fields import _TERM_DE, _TERM_EN, Phone, Slug, Strict, Text, doc

# --- glossary ------------------------------------------------------------------------------


class GlossaryEntry(Strict):
    term: Text = doc(
        "Begriff, wie er im Text steht", "The term as it appears in texts", "Antrag", "application"
    )
    forms: list[Text] = doc(
        "Weitere Wortformen, die auch erklärt werden",
        "Other word forms that are explained too",
        ["Anträge", "Antrags"],
        ["applications"],
        default_factory=list,
    )
    explanation: Text = doc(
        "Erklärung in Leichter Sprache, direkt beim ersten Vorkommen",
        "Easy-language explanation, shown at the first occurrence",
        "Ein Antrag ist ein Brief an das Amt.",
        "An application is a letter to the office.",
    )


#: a word or a few words, as written in texts: letters, digits, spaces and hyphens only, so
#: finding it in a page's text can never touch markup
KeptTerm = Annotated[str, Field(pattern=r"^\w[\w -]*$", max_length=80)]


class Glossary(Strict):
    """Terms explained in easy-language texts, once per page, wherever they first appear;
    and the site language's terms that translations keep as they are."""

    de: list[GlossaryEntry] = doc(
        "Begriffe in deutschen Texten", "Terms in German texts", [_TERM_DE], default_factory=list
    )
    en: list[GlossaryEntry] = doc(
        "Begriffe in englischen Texten", "Terms in English texts", [_TERM_EN], default_factory=list
    )
    kept: list[KeptTerm] = doc(
        "Deutsche Begriffe, die Übersetzungen unverändert übernehmen (Namen von Ämtern und "
        "Leistungen); Seiten in anderen Sprachen markieren jedes Vorkommen als Deutsch "
        '(lang="de"), damit ein Screenreader es deutsch vorliest',
        "Terms in the site's language that translations keep as they are (names of offices "
        "and benefits); pages in other languages mark each occurrence with that language "
        '(lang="de"), so a screen reader reads it by that language\'s rules',
        ["Sozialamt", "Bürgergeld", "Hilfe zum Lebensunterhalt"],
        default_factory=list,
    )


class Synonyms(Strict):
    """Words citizens use for the same thing; a search for one finds pages with any."""

    groups: list[Annotated[list[Text], Field(min_length=2)]] = doc(
        "Gruppen gleichbedeutender Suchwörter",
        "Groups of search words meaning the same",
        [["Grundsicherungsgeld", "Bürgergeld", "Hartz IV"]],
        [["social assistance", "welfare"]],
    )


class PageMeta(Strict):
    """What the metadata of a free page in ``content/pages`` may set: MkDocs reads it from
    the page's first lines (a ``---`` block, or ``key: value`` lines) and hands it to the
    page shell's templates, which write title and description into the head. No other
    key: ``template`` would make MkDocs look for any file as the page's template."""

    title: Text | None = doc(
        "Titel der Seite (Browser-Tab, Suchmaschinen)",
        "Title of the page (browser tab, search engines)",
        "Hinweise zur Barrierefreiheit",
        "About accessibility",
        default=None,
    )
    description: Text | None = doc(
        "Kurzbeschreibung für Suchmaschinen und Link-Vorschauen",
        "Short description for search engines and link previews",
        "Wie Sie diese Website mit Hilfsmitteln nutzen.",
        "How to use this site with assistive technology.",
        default=None,
    )
    robots: Literal["noindex"] | None = doc(
        "noindex: die Seite erscheint nicht in Suchmaschinen",
        "noindex: the page stays out of search engines",
        "noindex",
        default=None,
    )


class LanguageWords(Strict):
    """Search words in the source language and English, and in any further language of the
    site under its code (``uk: [...]``), as :class:`Label` has them."""

    model_config = ConfigDict(extra="allow", strict=True, frozen=True)
    __pydantic_extra__: dict[str, list[Text]]  # type: ignore[assignment]

    de: list[Text] = doc(
        "Suchwörter auf Deutsch", "Search words in German", ["Wohngeld", "Mietzuschuss"]
    )
    en: list[Text] = doc(
        "Suchwörter auf Englisch",
        "Search words in English",
        ["housing benefit"],
        default_factory=list,
    )

    def by_language(self) -> dict[str, list[str]]:
        """Every language's words, the site language's first (what the search indexes)."""
        out = {"de": list(self.de), "en": list(self.en)}
        out.update({k: list(v) for k, v in (self.__pydantic_extra__ or {}).items()})
        return {k: v for k, v in out.items() if v}


class LanguageText(Strict):
    """A text in the source language, and optionally in English and any further language
    of the site under its code; a language without it shows the German text, marked so."""

    model_config = ConfigDict(extra="allow", strict=True, frozen=True)
    __pydantic_extra__: dict[str, Text]  # type: ignore[assignment]

    de: Text = doc("Auf Deutsch", "In German", "Wohngeld", "Wohngeld")
    en: Text | None = doc("Auf Englisch", "In English", "Housing benefit", default=None)

    def by_language(self) -> dict[str, str]:
        """Every language's text; languages without one are left out."""
        out = {"de": self.de, "en": self.en, **(self.__pydantic_extra__ or {})}
        return {k: v for k, v in out.items() if v}

    def get(self, lang: str) -> tuple[str, str]:
        """The text in ``lang`` and the language it is in: German where ``lang`` has none."""
        text = self.by_language().get(lang)
        return (text, lang) if text else (self.de, "de")


class ElsewhereEntry(Strict):
    """A benefit or service people look for on this site that it does not describe."""

    id: Slug = doc("Kennung", "Identifier", "wohngeld", "housing-benefit")
    name: LanguageText = doc(
        "Name der Leistung",
        "Name of the benefit",
        {"de": "Wohngeld", "en": "Housing benefit"},
    )
    words: LanguageWords = doc(
        "Wörter, mit denen Menschen danach suchen (der Name zählt schon dazu)",
        "Words people search for it with (the name already counts)",
        {"de": ["Mietzuschuss", "Lastenzuschuss"], "en": ["housing benefit"]},
    )
    handled_by: LanguageText = doc(
        "Wer zuständig ist: die Art der Stelle, ergänzt zu „Zuständig ist …“",
        "Who handles it: the kind of office, completing “It is handled by …”",
        {"de": "die Wohngeldstelle Ihrer Stadt oder Ihres Landkreises"},
        {
            "de": "die Familienkasse der Bundesagentur für Arbeit",
            "en": "the family benefits office",
        },
    )
    phone: Phone | None = doc(
        "Telefonnummer, die bundesweit weiterhilft (etwa 115)",
        "Phone number that helps nationwide (such as 115)",
        "115",
        "0800 4 5555 30",
        default=None,
    )


class Elsewhere(Strict):
    """Benefits the site does not describe, and who handles them: a search for one says so
    ("not here, but there") before any result, instead of offering the page that happens to
    mention the word."""

    entries: list[ElsewhereEntry] = doc(
        "Leistungen, die diese Website nicht beschreibt",
        "Benefits this website does not describe",
        [
            {
                "id": "wohngeld",
                "name": {"de": "Wohngeld"},
                "words": {"de": ["Mietzuschuss"]},
                "handled_by": {"de": "die Wohngeldstelle Ihrer Stadt oder Ihres Landkreises"},
                "phone": "115",
            }
        ],
    )
