"""The content schema: what a service, an authority and the site file may hold.

Declarative and documented field by field (German / English), because the same models
validate the YAML, feed the JSON Schema that editors' tools use for completion, and are the
frozen model the renderer reads. Field names follow the German federal FIM building blocks
(Leistungsbeschreibung: Voraussetzungen, Unterlagen, Kosten, Fristen, Bearbeitungsdauer,
Verfahrensablauf, Formulare, Rechtsgrundlage, Rechtsbehelf, Hinweise).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

# --- field types with editor-facing rules --------------------------------------------------

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>|<\s*[a-zA-Z]+[\s/]")
_BAD_URL = re.compile(
    r"\]\(\s*(?:javascript|data|vbscript)\s*:|^\s*(?:javascript|data|vbscript):",
    re.IGNORECASE | re.MULTILINE,
)
_ARS = re.compile(r"\d{2}|\d{3}|\d{5}|\d{9}|\d{12}")
SLUG_MAX = 64


def _fail(message: str) -> PydanticCustomError:
    return PydanticCustomError("servicefinder", message)


def _slug(value: str) -> str:
    if len(value) > SLUG_MAX or not _SLUG.fullmatch(value):
        raise _fail(
            f"expected lowercase letters a-z, digits and single hyphens "
            f"(at most {SLUG_MAX} characters), got {value!r}"
        )
    if value in _RESERVED:
        raise _fail(f"{value!r} is a reserved file name on some systems; choose another")
    return value


#: what `servicefinder new` writes where an editor has to fill something in
PLACEHOLDER = "ERSETZEN:"


def _plain(value: str) -> str:
    if value.lstrip().startswith(PLACEHOLDER):
        raise _fail("this is still a placeholder from `servicefinder new`; replace it")
    if _TAG.search(value):
        raise _fail(
            "HTML is not allowed in content; write plain text (Markdown in fields that say so)"
        )
    if _BAD_URL.search(value):
        raise _fail("javascript:, data: and vbscript: links are not allowed")
    if not value.strip():
        raise _fail("expected text, got an empty value")
    return value.strip()


def _ars(value: str) -> str:
    if not _ARS.fullmatch(value):
        raise _fail(
            f"expected a regional key (ARS) of 2, 3, 5, 9 or 12 digits in quotes, got {value!r}"
        )
    return value


def _https(value: str) -> str:
    if not re.fullmatch(r"https://[^\s<>\"']+", value):
        raise _fail(f"expected a web address starting with https://, got {value!r}")
    return value


def _email(value: str) -> str:
    if not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.[a-z]{2,}", value, re.IGNORECASE):
        raise _fail(f"expected an e-mail address like name@example.org, got {value!r}")
    return value


def _phone(value: str) -> str:
    if not re.fullmatch(r"\+?[0-9][0-9 ()/-]{2,30}", value):
        raise _fail(f"expected a phone number of digits, spaces and + ( ) / -, got {value!r}")
    return value


Slug = Annotated[
    str,
    AfterValidator(_slug),
    Field(json_schema_extra={"pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": SLUG_MAX}),
]
Text = Annotated[str, AfterValidator(_plain), Field(max_length=2000)]
Markdown = Annotated[str, AfterValidator(_plain), Field(max_length=20000)]
Ars = Annotated[
    str,
    AfterValidator(_ars),
    Field(json_schema_extra={"pattern": "^([0-9]{2,3}|[0-9]{5}|[0-9]{9}|[0-9]{12})$"}),
]
Url = Annotated[str, AfterValidator(_https)]
Email = Annotated[str, AfterValidator(_email)]
Phone = Annotated[str, AfterValidator(_phone)]
Postcode = Annotated[str, Field(pattern=r"^\d{5}$")]


def doc(de: str, en: str, **extra: Any) -> Any:
    """A field documented in both languages editors work in."""
    return Field(description=f"{de} / {en}", **extra)


class Strict(BaseModel):
    """Base of every content model: unknown fields are errors, values are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- services ------------------------------------------------------------------------------


class RequiredDocument(Strict):
    name: Text = doc(
        "Name des Nachweises", "Name of the document", examples=["Personalausweis oder Reisepass"]
    )
    note: Text | None = doc(
        "Erläuterung, z. B. Beispiele", "Explanation, e.g. examples", default=None
    )
    required: bool = doc(
        "Immer nötig (true) oder nur im Einzelfall (false)",
        "Always needed (true) or only in some cases (false)",
        default=True,
    )


class Fees(Strict):
    text: Text = doc("Kosten in Worten", "Fees in words", examples=["Es fallen keine Gebühren an."])
    amount_eur: float | None = doc(
        "Betrag in Euro, falls fest", "Amount in euros, if fixed", default=None, ge=0
    )


class Link(Strict):
    title: Text = doc(
        "Linktext, der ohne Umgebung verständlich ist", "Link text that makes sense on its own"
    )
    url: Url = doc("Adresse (https://)", "Address (https://)")


class Forms(Strict):
    available: bool = doc("Formulare vorhanden", "Forms available")
    online: bool = doc("Online-Verfahren möglich", "Online procedure possible")
    written_form_required: bool = doc("Schriftform erforderlich", "Written form required")
    informal_application: bool = doc("Formloser Antrag möglich", "Informal application possible")
    personal_appearance: bool = doc("Persönliches Erscheinen nötig", "Personal appearance required")
    note: Text | None = doc("Wo es die Formulare gibt", "Where to get the forms", default=None)
    links: list[Link] = doc(
        "Formulare und Online-Dienste", "Forms and online services", default_factory=list
    )


class LegalRef(Strict):
    law: Text = doc("Abkürzung des Gesetzes", "Abbreviation of the law", examples=["SGB XII"])
    section: Text | None = doc(
        "Paragraf ohne §-Zeichen", "Section without the § sign", default=None, examples=["27a"]
    )
    url: Url | None = doc(
        "Link zum Gesetzestext, falls das Gesetz nicht bekannt ist",
        "Link to the text, for laws not known to Servicefinder",
        default=None,
    )


class AmountValue(Strict):
    from_: date = Field(alias="from", description="Gültig ab / Valid from")
    eur: float = doc("Betrag in Euro", "Amount in euros", ge=0)


class Amount(Strict):
    id: Slug = doc("Kennung, eindeutig in der Leistung", "Identifier, unique in the service")
    name: Text = doc("Bezeichnung", "Name", examples=["Regelbedarf für Erwachsene"])
    period: Text | None = doc(
        "Zeitraum, z. B. 'im Monat'", "Period, e.g. 'per month'", default=None
    )
    values: list[AmountValue] = doc(
        "Beträge mit Gültigkeitsbeginn, älteste zuerst",
        "Amounts with start date, oldest first",
        min_length=1,
    )


class Responsible(Strict):
    authority_kind: Slug = doc(
        "Art der zuständigen Stelle (aus site.yaml)",
        "Kind of responsible authority (from site.yaml)",
        examples=["sozialamt"],
    )
    note: Text | None = doc("Hinweis zur Zuständigkeit", "Note on responsibility", default=None)


class Easy(Strict):
    title: Text = doc("Titel in Leichter Sprache", "Title in easy language")
    text: Markdown = doc(
        "Text in Leichter Sprache (Markdown): kurze Sätze, ein Satz je Zeile",
        "Easy-language text (Markdown): short sentences, one per line",
    )


class Source(Strict):
    name: Text = doc("Herkunft des Textes", "Where the text comes from")
    url: Url | None = doc("Link zur Quelle", "Link to the source", default=None)


class Service(Strict):
    id: Slug = doc(
        "Kennung, zugleich Teil der Adresse; gleich dem Dateinamen",
        "Identifier, also part of the address; equals the file name",
        examples=["hilfe-zum-lebensunterhalt"],
    )
    title: Text = doc("Name der Leistung", "Name of the service")
    summary: Text = doc("Ein bis zwei Sätze: was, für wen", "One or two sentences: what, for whom")
    topics: list[Slug] = doc(
        "Lebenslagen (Kennungen aus site.yaml)",
        "Life situations (ids from site.yaml)",
        min_length=1,
    )
    keywords: list[Text] = doc(
        "Suchbegriffe und Synonyme", "Search terms and synonyms", default_factory=list
    )
    as_of: date = doc("Stand: wann der Text zuletzt geprüft wurde", "When the text was checked")
    source: Source = doc("Quelle", "Source")
    description: Markdown = doc("Leistungsbeschreibung (Markdown)", "Full description (Markdown)")
    requirements: list[Text] = doc("Voraussetzungen", "Requirements", default_factory=list)
    documents: list[RequiredDocument] = doc(
        "Erforderliche Unterlagen", "Required documents", default_factory=list
    )
    fees: Fees = doc("Kosten", "Fees")
    deadlines: Text | None = doc("Fristen", "Deadlines", default=None)
    processing_time: Text | None = doc("Bearbeitungsdauer", "Processing time", default=None)
    process: list[Text] = doc(
        "Verfahrensablauf, Schritt für Schritt", "Process steps", default_factory=list
    )
    forms: Forms = doc("Formulare und Verfahrensmerkmale", "Forms and procedure flags")
    legal_basis: list[LegalRef] = doc("Rechtsgrundlagen", "Legal basis", default_factory=list)
    appeal: Text | None = doc("Rechtsbehelf", "How to appeal", default=None)
    notes: Markdown | None = doc(
        "Was sollte ich noch wissen? (Markdown)",
        "What else should I know? (Markdown)",
        default=None,
    )
    amounts: list[Amount] = doc("Beträge mit Datum", "Dated amounts", default_factory=list)
    related: list[Slug] = doc(
        "Verwandte Leistungen (Kennungen)", "Related services (ids)", default_factory=list
    )
    responsible: Responsible = doc("Zuständigkeit", "Responsibility")
    easy: Easy = doc("Fassung in Leichter Sprache", "Easy-language variant")


class AmountName(Strict):
    id: Slug = doc("Kennung des Betrags in der deutschen Fassung", "Id of the amount")
    name: Text = doc("Übersetzte Bezeichnung", "Translated name")
    period: Text | None = doc("Übersetzter Zeitraum", "Translated period", default=None)


class ServiceTranslation(Strict):
    """The translatable fields of a service; everything else comes from the main file."""

    id: Slug = doc("Kennung der übersetzten Leistung", "Id of the translated service")
    title: Text = doc("Titel", "Title")
    summary: Text = doc("Zusammenfassung", "Summary")
    keywords: list[Text] = doc("Suchbegriffe", "Search terms", default_factory=list)
    description: Markdown = doc("Beschreibung (Markdown)", "Description (Markdown)")
    requirements: list[Text] | None = doc("Voraussetzungen", "Requirements", default=None)
    documents: list[RequiredDocument] | None = doc("Unterlagen", "Documents", default=None)
    fees: Fees | None = doc("Kosten", "Fees", default=None)
    deadlines: Text | None = doc("Fristen", "Deadlines", default=None)
    processing_time: Text | None = doc("Bearbeitungsdauer", "Processing time", default=None)
    process: list[Text] | None = doc("Ablauf", "Process steps", default=None)
    forms_note: Text | None = doc("Hinweis zu Formularen", "Note on forms", default=None)
    appeal: Text | None = doc("Rechtsbehelf", "Appeal", default=None)
    notes: Markdown | None = doc("Hinweise (Markdown)", "Notes (Markdown)", default=None)
    amounts: list[AmountName] = doc(
        "Übersetzte Bezeichnungen der Beträge",
        "Translated names of the amounts",
        default_factory=list,
    )
    responsible_note: Text | None = doc(
        "Hinweis zur Zuständigkeit", "Note on responsibility", default=None
    )
    easy: Easy | None = doc("Easy-read-Fassung", "Easy-read variant", default=None)


# --- authorities ---------------------------------------------------------------------------


class Address(Strict):
    street: Text = doc("Straße und Hausnummer", "Street and number")
    postcode: Postcode = doc("Postleitzahl", "Postcode", examples=["37154"])
    city: Text = doc("Ort", "Town")


class OpeningHours(Strict):
    days: Text = doc("Tage", "Days", examples=["Montag bis Freitag"])
    hours: Text = doc("Uhrzeiten", "Hours", examples=["8:30 bis 12:00 Uhr"])


class Accessibility(Strict):
    wheelchair_accessible: bool = doc("Stufenlos erreichbar", "Step-free access")
    accessible_toilet: bool = doc("Barrierefreies WC", "Accessible toilet", default=False)
    hearing_loop: bool = doc("Induktive Höranlage", "Hearing loop", default=False)
    notes: Text | None = doc("Weitere Hinweise", "Further notes", default=None)


class Area(Strict):
    ars: Ars = doc(
        "Regionalschlüssel (2 = Land, 5 = Kreis, 12 = Gemeinde)",
        "Regional key (2 = state, 5 = district, 12 = municipality)",
        examples=["03155"],
    )
    name: Text = doc("Name des Gebiets", "Name of the area", examples=["Landkreis Northeim"])


class Authority(Strict):
    id: Slug = doc("Kennung, gleich dem Dateinamen", "Identifier, equals the file name")
    name: Text = doc("Name der Stelle", "Name of the office")
    department: Text | None = doc("Fachbereich", "Department", default=None)
    kinds: list[Slug] = doc(
        "Arten (aus site.yaml), für die diese Stelle zuständig ist",
        "Kinds (from site.yaml) this office is",
        min_length=1,
    )
    address: Address = doc("Besuchsadresse", "Visiting address")
    phone: Phone | None = doc("Telefon", "Phone", default=None)
    email: Email | None = doc("E-Mail", "E-mail", default=None)
    website: Url | None = doc("Webseite", "Website", default=None)
    opening_hours: list[OpeningHours] = doc("Öffnungszeiten", "Opening hours", default_factory=list)
    appointment_note: Text | None = doc("Hinweis zu Terminen", "Note on appointments", default=None)
    accessibility: Accessibility = doc(
        "Barrierefreiheit des Gebäudes", "Accessibility of the building"
    )
    areas: list[Area] = doc(
        "Gebiete, für die die Stelle zuständig ist", "Areas this office serves", min_length=1
    )
    example_data: bool = doc(
        "Kontaktdaten sind Beispieldaten (wird auf der Seite gezeigt)",
        "Contact data are examples (shown on the page)",
        default=False,
    )


# --- the site ------------------------------------------------------------------------------


class Label(Strict):
    id: Slug = doc("Kennung", "Identifier")
    de: Text = doc("Deutsche Bezeichnung", "German label")
    en: Text = doc("Englische Bezeichnung", "English label")


class Contact(Strict):
    name: Text = doc("Name", "Name")
    address: Address | None = doc("Adresse", "Address", default=None)
    phone: Phone | None = doc("Telefon", "Phone", default=None)
    email: Email | None = doc("E-Mail", "E-mail", default=None)
    text: Text | None = doc("Hinweis", "Note", default=None)
    example_data: bool = doc("Beispieldaten", "Example data", default=False)


class AccessibilityStatement(Strict):
    status: Text = doc("Vereinbarkeit mit BITV 2.0 / WCAG", "Conformance status")
    prepared: date = doc("Erstellt am", "Prepared on")
    method: Text = doc("Wie geprüft wurde", "How it was checked")
    limitations: list[Text] = doc(
        "Bekannte Einschränkungen", "Known limitations", default_factory=list
    )
    enforcement: Markdown = doc(
        "Durchsetzungsverfahren (Markdown)", "Enforcement procedure (Markdown)"
    )


class EasyLanguageRules(Strict):
    max_sentence_words: int = doc(
        "Höchstens so viele Wörter je Satz",
        "At most this many words per sentence",
        default=12,
        gt=0,
    )
    max_word_syllables: int = doc(
        "Höchstens so viele Silben je Wort(teil)",
        "At most this many syllables per word (part)",
        default=4,
        gt=0,
    )
    max_wiener: float = doc(
        "Höchstwert der Wiener Sachtextformel (Deutsch)",
        "Highest Wiener Sachtextformel score (German)",
        default=6.0,
    )
    min_flesch: float = doc(
        "Mindestwert Flesch-Lesbarkeit (Englisch)",
        "Lowest Flesch reading ease (English)",
        default=70.0,
    )


class EasyIntro(Strict):
    de: Markdown = doc(
        "Einstieg in Leichter Sprache: Was ist diese Website, wie nutze ich sie?",
        "Entry text in German easy language: what the site is, how to use it",
    )
    en: Markdown = doc("Einstieg in einfachem Englisch", "Entry text in English easy read")


class Site(Strict):
    name: Text = doc("Name der Website", "Name of the site")
    operator: Contact = doc("Betreiber (für das Impressum)", "Operator (for the legal notice)")
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")] = doc(
        "Hauptsprache", "Main language", default="de"
    )
    languages: list[Annotated[str, Field(pattern=r"^[a-z]{2}$")]] = doc(
        "Sprachen der Website", "Languages of the site", default_factory=lambda: ["de"]
    )
    description: Text = doc("Kurzbeschreibung der Website", "Short description of the site")
    fallback: Contact = doc(
        "Ansprechstelle, wenn keine Behörde gefunden wird",
        "Contact shown when no authority is found",
    )
    topics: list[Label] = doc("Lebenslagen", "Life situations", min_length=1)
    authority_kinds: list[Label] = doc("Arten von Behörden", "Kinds of authority", min_length=1)
    review_interval_days: int = doc(
        "Nach wie vielen Tagen ein Text geprüft werden soll",
        "Days after which a text is due for review",
        default=365,
        gt=0,
    )
    easy_language: EasyLanguageRules = doc(
        "Grenzwerte der Prüfung für Leichte Sprache",
        "Thresholds of the easy-language check",
        default_factory=EasyLanguageRules,
    )
    easy_intro: EasyIntro = doc(
        "Texte der Einstiegsseiten in Leichter Sprache (BITV 2.0 § 4)",
        "Texts of the easy-language entry pages (BITV 2.0 § 4)",
    )
    imprint: Markdown = doc("Impressum (Markdown)", "Legal notice (Markdown)")
    privacy: Markdown = doc("Datenschutzerklärung (Markdown)", "Privacy notice (Markdown)")
    accessibility: AccessibilityStatement = doc(
        "Erklärung zur Barrierefreiheit", "Accessibility statement"
    )
    data_sources: list[Source] = doc("Quellen der Daten", "Sources of data", default_factory=list)


# --- glossary ------------------------------------------------------------------------------


class GlossaryEntry(Strict):
    term: Text = doc(
        "Begriff, wie er im Text steht", "The term as it appears in texts", examples=["Antrag"]
    )
    forms: list[Text] = doc(
        "Weitere Wortformen, die auch erklärt werden",
        "Other word forms that are explained too",
        default_factory=list,
        examples=[["Anträge", "Antrags"]],
    )
    explanation: Text = doc(
        "Erklärung in Leichter Sprache, direkt beim ersten Vorkommen",
        "Easy-language explanation, shown at the first occurrence",
        examples=["Ein Antrag ist ein Brief an das Amt."],
    )


class Glossary(Strict):
    """Terms explained in easy-language texts, once per page, wherever they first appear."""

    de: list[GlossaryEntry] = doc(
        "Begriffe in deutschen Texten", "Terms in German texts", default_factory=list
    )
    en: list[GlossaryEntry] = doc(
        "Begriffe in englischen Texten", "Terms in English texts", default_factory=list
    )


class Synonyms(Strict):
    """Words citizens use for the same thing; a search for one finds pages with any."""

    groups: list[Annotated[list[Text], Field(min_length=2)]] = doc(
        "Gruppen gleichbedeutender Suchwörter",
        "Groups of search words meaning the same",
        examples=[[["Bürgergeld", "Hartz IV", "Arbeitslosengeld II"]]],
    )


MODELS: dict[str, type[Strict]] = {
    "service": Service,
    "service-translation": ServiceTranslation,
    "authority": Authority,
    "site": Site,
    "glossary": Glossary,
    "synonyms": Synonyms,
}
