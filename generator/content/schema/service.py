"""A service description: what it is, who can get it, what to bring, what it costs, how to
apply. Field names follow the German federal FIM building blocks (Leistungsbeschreibung:
Voraussetzungen, Unterlagen, Kosten, Fristen, Bearbeitungsdauer, Verfahrensablauf,
Formulare, Rechtsgrundlage, Rechtsbehelf, Hinweise).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from generator.content.schema.fields import (
    _AMOUNT,
    _EASY_DE,
    _EASY_EN,
    _FORMS,
    _SOURCE,
    Ars,
    LeikaKey,
    Markdown,
    Slug,
    Strict,
    Text,
    Url,
    doc,
)
from generator.content.schema.precheck import Eligibility
from generator.content.schema.rates import Amount, LegalRef, Source

# --- services ------------------------------------------------------------------------------


class RequiredDocument(Strict):
    name: Text = doc(
        "Name des Nachweises",
        "Name of the document",
        "Personalausweis oder Reisepass",
        "Identity card or passport",
    )
    note: Text | None = doc(
        "Erläuterung, z. B. Beispiele",
        "Explanation, e.g. examples",
        "Zum Beispiel Kontoauszüge der letzten drei Monate",
        "For example bank statements of the last three months",
        default=None,
    )
    required: bool = doc(
        "Immer nötig (true) oder nur im Einzelfall (false)",
        "Always needed (true) or only in some cases (false)",
        True,
        False,
        default=True,
    )


class Fees(Strict):
    text: Text = doc(
        "Kosten in Worten",
        "Fees in words",
        "Es fallen keine Gebühren an.",
        "There are no fees.",
    )
    amount_eur: float | None = doc(
        "Betrag in Euro, falls fest", "Amount in euros, if fixed", 0, 12.5, default=None, ge=0
    )


class Link(Strict):
    title: Text = doc(
        "Linktext, der ohne Umgebung verständlich ist",
        "Link text that makes sense on its own",
        "Antrag auf Sozialhilfe (PDF)",
        "Application for social assistance (PDF)",
    )
    url: Url = doc(
        "Adresse (https://)", "Address (https://)", "https://www.landkreis-northeim.de/formulare"
    )


class Forms(Strict):
    available: bool = doc("Formulare vorhanden", "Forms available", True, False)
    online: bool = doc("Online-Verfahren möglich", "Online procedure possible", True, False)
    written_form_required: bool = doc(
        "Schriftform erforderlich", "Written form required", True, False
    )
    informal_application: bool = doc(
        "Formloser Antrag möglich", "Informal application possible", True, False
    )
    personal_appearance: bool = doc(
        "Persönliches Erscheinen nötig", "Personal appearance required", True, False
    )
    note: Text | None = doc(
        "Wo es die Formulare gibt",
        "Where to get the forms",
        "Die Formulare gibt es im Sozialamt und auf der Website des Landkreises.",
        "The forms are available at the social welfare office and on the district's website.",
        default=None,
    )
    varies: list[
        Literal[
            "available",
            "online",
            "written_form_required",
            "informal_application",
            "personal_appearance",
        ]
    ] = doc(
        "Merkmale, deren Antwort vom Ort oder vom Einzelfall abhängt; die Seite sagt dann "
        "'je nach Stelle und Fall' statt ja oder nein",
        "Flags whose answer depends on the place or the case; the page then says 'depends "
        "on the office and the case' instead of yes or no",
        ["personal_appearance"],
        ["online", "personal_appearance"],
        default_factory=list,
    )
    links: list[Link] = doc(
        "Formulare und Online-Dienste",
        "Forms and online services",
        [{"title": "Antrag auf Sozialhilfe (PDF)", "url": "https://www.landkreis-northeim.de/"}],
        default_factory=list,
    )


class Responsible(Strict):
    authority_kind: Slug = doc(
        "Art der zuständigen Stelle (aus site.yaml)",
        "Kind of responsible authority (from site.yaml)",
        "sozialamt",
        "jobcenter",
    )
    note: Text | None = doc(
        "Hinweis zur Zuständigkeit",
        "Note on responsibility",
        "Zuständig ist das Sozialamt Ihres Wohnorts.",
        "The social welfare office where you live is responsible.",
        default=None,
    )


class Easy(Strict):
    title: Text = doc(
        "Titel in Leichter Sprache", "Title in easy language", "Geld zum Leben", "Money to live on"
    )
    text: Markdown = doc(
        "Text in Leichter Sprache (Markdown): kurze Sätze, ein Satz je Zeile",
        "Easy-language text (Markdown): short sentences, one per line",
        _EASY_DE["text"],
        _EASY_EN["text"],
    )


#: the blocks of an office's details that can be marked as example data one by one;
#: "contact" is address, phone and e-mail together, each of which can also be named alone
ExampleBlock = Literal[
    "contact", "address", "phone", "email", "hours", "appointment", "accessibility"
]
#: the lines of the contact block, each markable on its own
CONTACT_LINES = ("address", "phone", "email")


class Area(Strict):
    ars: Ars = doc(
        "Regionalschlüssel (2 = Land, 5 = Kreis, 12 = Gemeinde)",
        "Regional key (2 = state, 5 = district, 12 = municipality)",
        "03155",
        "160530000000",
    )
    name: Text = doc(
        "Name des Gebiets", "Name of the area", "Landkreis Northeim", "Stadt Jena (City of Jena)"
    )


class FormerName(Strict):
    """A name that was in use until a law or an office changed it, so people who still use
    it find the page and are told what it is called now."""

    name: Text = doc("Früherer Name", "Former name", "Bürgergeld", "Hartz IV")
    changed: date = doc(
        "Tag, ab dem der neue Name gilt",
        "Day from which the new name applies",
        "2026-07-01",
    )


class Term(Strict):
    """A name the service's text uses that replaced an earlier one (a renamed benefit)."""

    name: Text = doc(
        "Der Name, wie er jetzt heißt und im Text steht",
        "The name as it is now and as the text uses it",
        "Grundsicherungsgeld",
    )
    former_names: list[FormerName] = doc(
        "Frühere Namen mit dem Tag der Änderung",
        "Former names with the day of the change",
        [{"name": "Bürgergeld", "changed": "2026-07-01"}],
        min_length=1,
    )


class Service(Strict):
    id: Slug = doc(
        "Kennung, zugleich Teil der Adresse; gleich dem Dateinamen",
        "Identifier, also part of the address; equals the file name",
        "hilfe-zum-lebensunterhalt",
    )
    leika: LeikaKey | None = doc(
        "LeiKa-Schlüssel (14 Ziffern) aus dem Leistungskatalog (FIM); das Beispiel zeigt "
        "nur das Format",
        "LeiKa key (14 digits) of the federal service catalogue (FIM); the example shows "
        "the format only",
        "99000000000000",
        default=None,
    )
    title: Text = doc(
        "Name der Leistung",
        "Name of the service",
        "Hilfe zum Lebensunterhalt",
        "Help with living costs",
    )
    summary: Text = doc(
        "Ein bis zwei Sätze: was, für wen",
        "One or two sentences: what, for whom",
        "Geld zum Leben für Menschen, die vorübergehend nicht arbeiten können.",
        "Money to live on for people who cannot work for a while.",
    )
    topics: list[Slug] = doc(
        "Lebenslagen (Kennungen aus site.yaml)",
        "Life situations (ids from site.yaml)",
        ["geld-zum-leben"],
        ["behinderung", "wohnen"],
        min_length=1,
    )
    keywords: list[Text] = doc(
        "Suchbegriffe und Synonyme",
        "Search terms and synonyms",
        ["Sozialhilfe", "Grundsicherung"],
        ["social assistance", "welfare"],
        default_factory=list,
    )
    former_names: list[FormerName] = doc(
        "Frühere Namen der Leistung mit dem Tag der Änderung: die Seite zeigt 'früher: ...', "
        "die Suche findet die Leistung auch unter dem alten Namen",
        "Former names of the service with the day of the change: the page says 'formerly: "
        "...', search finds the service by its old name too",
        [{"name": "Arbeitslosengeld II beantragen", "changed": "2023-01-01"}],
        default_factory=list,
    )
    terms: list[Term] = doc(
        "Umbenannte Begriffe, die der Text verwendet (z. B. eine Leistung mit neuem Namen): "
        "die Seite nennt den früheren Namen, die Suche findet die Leistung auch unter ihm",
        "Renamed terms the text uses (such as a benefit with a new name): the page names the "
        "former name, search finds the service by it too",
        [
            {
                "name": "Grundsicherungsgeld",
                "former_names": [{"name": "Bürgergeld", "changed": "2026-07-01"}],
            }
        ],
        default_factory=list,
    )
    as_of: date = doc(
        "Stand: wann der Text zuletzt geprüft wurde", "When the text was checked", "2025-11-01"
    )
    source: Source = doc("Quelle", "Source", _SOURCE)
    more_sources: list[Source] = doc(
        "Weitere Quellen, je mit Name, Link und Datum",
        "Further sources, each with name, link and date",
        [{"name": "BayernPortal", "url": "https://www.freistaat.bayern/", "date": "2025-01-22"}],
        [{"name": "Stadt Jena", "url": "https://www.jena.de/"}],
        default_factory=list,
    )
    description: Markdown = doc(
        "Leistungsbeschreibung (Markdown)",
        "Full description (Markdown)",
        "Die Hilfe zum Lebensunterhalt sichert das Nötige zum Leben: Essen, Kleidung, Wohnung.",
        "Help with living costs covers what you need to live: food, clothes, a home.",
    )
    requirements: list[Text] = doc(
        "Voraussetzungen",
        "Requirements",
        [
            "Sie wohnen im Landkreis Northeim.",
            "Sie können Ihren Lebensunterhalt nicht selbst bestreiten.",
        ],
        ["You live in the district of Northeim.", "You cannot pay for your living yourself."],
        default_factory=list,
    )
    documents: list[RequiredDocument] = doc(
        "Erforderliche Unterlagen",
        "Required documents",
        [{"name": "Personalausweis oder Reisepass"}, {"name": "Mietvertrag", "required": False}],
        [{"name": "Identity card or passport"}, {"name": "Tenancy agreement", "required": False}],
        default_factory=list,
    )
    fees: Fees = doc(
        "Kosten", "Fees", {"text": "Es fallen keine Gebühren an."}, {"text": "There are no fees."}
    )
    deadlines: Text | None = doc(
        "Fristen",
        "Deadlines",
        "Hilfe gibt es ab dem Tag, an dem das Amt von Ihrer Notlage erfährt.",
        "Help starts on the day the office learns of your need.",
        default=None,
    )
    processing_time: Text | None = doc(
        "Bearbeitungsdauer",
        "Processing time",
        "In der Regel zwei bis vier Wochen",
        "Usually two to four weeks",
        default=None,
    )
    process: list[Text] = doc(
        "Verfahrensablauf, Schritt für Schritt",
        "Process steps",
        ["Sie stellen den Antrag.", "Das Sozialamt prüft ihn und schickt Ihnen einen Bescheid."],
        ["You apply.", "The social welfare office checks it and sends you a decision."],
        default_factory=list,
    )
    forms: Forms = doc("Formulare und Verfahrensmerkmale", "Forms and procedure flags", _FORMS)
    legal_basis: list[LegalRef] = doc(
        "Rechtsgrundlagen",
        "Legal basis",
        [{"law": "SGB XII", "section": "27"}, {"law": "SGB XII", "section": "27a"}],
        default_factory=list,
    )
    appeal: Text | None = doc(
        "Rechtsbehelf",
        "How to appeal",
        "Widerspruch innerhalb eines Monats nach Erhalt des Bescheids",
        "An objection within one month of receiving the decision",
        default=None,
    )
    notes: Markdown | None = doc(
        "Was sollte ich noch wissen? (Markdown)",
        "What else should I know? (Markdown)",
        "Auch Ihr Vermögen wird berücksichtigt.",
        "Your savings are taken into account as well.",
        default=None,
    )
    amounts: list[Amount] = doc(
        "Beträge mit Datum", "Dated amounts", [_AMOUNT], default_factory=list
    )
    related: list[Slug] = doc(
        "Verwandte Leistungen (Kennungen)",
        "Related services (ids)",
        ["kommunale-eingliederungsleistungen"],
        default_factory=list,
    )
    responsible: Responsible = doc(
        "Zuständigkeit", "Responsibility", {"authority_kind": "sozialamt"}
    )
    area: list[Area] = doc(
        "Gebiet, in dem die Leistung angeboten wird (Regionalschlüssel-Anfänge wie bei den "
        "Stellen); leer heißt: überall. Außerhalb des Gebiets sagt die Seite, dass es die "
        "Leistung dort nicht gibt",
        "Area where the service is offered (regional-key prefixes, as for authorities); empty "
        "means everywhere. Outside the area the page says the service is not offered there",
        [{"ars": "16053", "name": "Stadt Jena"}],
        [{"ars": "03155", "name": "Landkreis Northeim"}],
        default_factory=list,
    )
    general_service: Slug | None = doc(
        "Allgemeine Leistung für Orte außerhalb des Gebiets (Kennung, eine der verwandten "
        "Leistungen); nur mit 'area'",
        "General service for places outside the area (id, one of the related services); "
        "only with 'area'",
        "eingliederungshilfe",
        "hilfe-zum-lebensunterhalt",
        default=None,
    )
    easy: Easy = doc("Fassung in Leichter Sprache", "Easy-language variant", _EASY_DE, _EASY_EN)
    eligibility: Eligibility | None = doc(
        "Vorab-Prüfung: die Voraussetzungen als Fragen (optional)",
        "Pre-check: the requirements as questions (optional)",
        {
            "start": "grundsicherungsgeld",
            "questions": [
                {
                    "id": "grundsicherungsgeld",
                    "text": "Bekommen Sie Grundsicherungsgeld?",
                    "if_yes": {"next": "passt"},
                    "if_no": {"next": "passt-nicht"},
                }
            ],
            "outcomes": [
                {"id": "passt", "result": "likely", "text": "Die Hilfe kann für Sie passen."},
                {
                    "id": "passt-nicht",
                    "result": "unlikely",
                    "text": "Die Hilfe ist für Menschen mit Grundsicherungsgeld.",
                },
            ],
        },
        {
            "start": "grundsicherungsgeld",
            "questions": [
                {
                    "id": "grundsicherungsgeld",
                    "text": "Do you receive basic income support?",
                    "if_yes": {"next": "passt"},
                    "if_no": {"next": "passt-nicht"},
                }
            ],
            "outcomes": [
                {"id": "passt", "result": "likely", "text": "This help may be for you."},
                {
                    "id": "passt-nicht",
                    "result": "unlikely",
                    "text": "This help is for people who receive basic income support.",
                },
            ],
        },
        default=None,
    )
