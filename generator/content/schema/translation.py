"""A service's translation into another language, with the checksums of the German fields it
translates, so a change of the German shows which translations fell behind.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from generator.content.schema.fields import _EASY_DE, _EASY_EN, Markdown, Slug, Strict, Text, doc
from generator.content.schema.precheck import EligibilityTranslation
from generator.content.schema.service import Easy, Fees, RequiredDocument

#: the fields of a service a translation translates, each with its own checksum
TranslatedField = Literal[
    "title",
    "summary",
    "keywords",
    "description",
    "requirements",
    "documents",
    "fees",
    "deadlines",
    "processing_time",
    "process",
    "forms_note",
    "appeal",
    "notes",
    "amounts",
    "responsible_note",
    "easy",
    "eligibility",
]
#: a checksum of a German field: the first 12 hex digits of its SHA-256
Digest = Annotated[str, Field(pattern=r"^[0-9a-f]{12}$")]


class AmountName(Strict):
    id: Slug = doc(
        "Kennung des Betrags in der deutschen Fassung", "Id of the amount", "regelbedarf-erwachsene"
    )
    name: Text = doc(
        "Übersetzte Bezeichnung",
        "Translated name",
        "Standard rate for adults",
        "Regelbedarf für Erwachsene",
    )
    period: Text | None = doc(
        "Übersetzter Zeitraum", "Translated period", "per month", "im Monat", default=None
    )


class ServiceTranslation(Strict):
    """The translatable fields of a service; everything else comes from the main file."""

    id: Slug = doc(
        "Kennung der übersetzten Leistung",
        "Id of the translated service",
        "hilfe-zum-lebensunterhalt",
    )
    title: Text = doc("Titel", "Title", "Help with living costs", "Hilfe zum Lebensunterhalt")
    summary: Text = doc(
        "Zusammenfassung",
        "Summary",
        "Money to live on for people who cannot work for a while.",
        "Geld zum Leben für Menschen, die vorübergehend nicht arbeiten können.",
    )
    keywords: list[Text] = doc(
        "Suchbegriffe",
        "Search terms",
        ["social assistance", "welfare"],
        ["Sozialhilfe"],
        default_factory=list,
    )
    description: Markdown = doc(
        "Beschreibung (Markdown)",
        "Description (Markdown)",
        "Help with living costs covers what you need to live: food, clothes, a home.",
        "Die Hilfe zum Lebensunterhalt sichert das Nötige zum Leben.",
    )
    requirements: list[Text] | None = doc(
        "Voraussetzungen",
        "Requirements",
        ["You live in the district of Northeim."],
        ["Sie wohnen im Landkreis Northeim."],
        default=None,
    )
    documents: list[RequiredDocument] | None = doc(
        "Unterlagen",
        "Documents",
        [{"name": "Identity card or passport"}],
        [{"name": "Personalausweis oder Reisepass"}],
        default=None,
    )
    fees: Fees | None = doc(
        "Kosten",
        "Fees",
        {"text": "There are no fees."},
        {"text": "Es fallen keine Gebühren an."},
        default=None,
    )
    deadlines: Text | None = doc(
        "Fristen",
        "Deadlines",
        "Help starts on the day the office learns of your need.",
        "Hilfe gibt es ab dem Tag, an dem das Amt von Ihrer Notlage erfährt.",
        default=None,
    )
    processing_time: Text | None = doc(
        "Bearbeitungsdauer",
        "Processing time",
        "Usually two to four weeks",
        "In der Regel zwei bis vier Wochen",
        default=None,
    )
    process: list[Text] | None = doc(
        "Ablauf",
        "Process steps",
        ["You apply.", "The office sends you a decision."],
        ["Sie stellen den Antrag.", "Das Amt schickt Ihnen einen Bescheid."],
        default=None,
    )
    forms_note: Text | None = doc(
        "Hinweis zu Formularen",
        "Note on forms",
        "The forms are available at the social welfare office.",
        "Die Formulare gibt es im Sozialamt.",
        default=None,
    )
    appeal: Text | None = doc(
        "Rechtsbehelf",
        "Appeal",
        "An objection within one month of receiving the decision",
        "Widerspruch innerhalb eines Monats nach Erhalt des Bescheids",
        default=None,
    )
    notes: Markdown | None = doc(
        "Hinweise (Markdown)",
        "Notes (Markdown)",
        "Your savings are taken into account as well.",
        "Auch Ihr Vermögen wird berücksichtigt.",
        default=None,
    )
    amounts: list[AmountName] = doc(
        "Übersetzte Bezeichnungen der Beträge",
        "Translated names of the amounts",
        [
            {
                "id": "regelbedarf-erwachsene",
                "name": "Standard rate for adults",
                "period": "per month",
            }
        ],
        default_factory=list,
    )
    responsible_note: Text | None = doc(
        "Hinweis zur Zuständigkeit",
        "Note on responsibility",
        "The social welfare office where you live is responsible.",
        "Zuständig ist das Sozialamt Ihres Wohnorts.",
        default=None,
    )
    easy: Easy | None = doc(
        "Easy-read-Fassung", "Easy-read variant", _EASY_EN, _EASY_DE, default=None
    )
    eligibility: EligibilityTranslation | None = doc(
        "Wortlaut der Vorab-Prüfung",
        "Wording of the pre-check",
        {
            "questions": [
                {"id": "grundsicherungsgeld", "text": "Do you receive basic income support?"}
            ],
            "outcomes": [{"id": "passt", "text": "This help may be for you."}],
        },
        {
            "questions": [
                {"id": "grundsicherungsgeld", "text": "Bekommen Sie Grundsicherungsgeld?"}
            ],
            "outcomes": [{"id": "passt", "text": "Die Hilfe kann für Sie passen."}],
        },
        default=None,
    )
    review: Literal["machine-translated"] | None = doc(
        "Maschinell übersetzt und noch nicht geprüft (wird auf der Seite gezeigt); "
        "nach der Prüfung entfernen",
        "Machine translated and not yet reviewed (shown on the page); remove after review",
        "machine-translated",
        default=None,
    )
    translated_from: date | None = doc(
        "Stand (as_of) der deutschen Fassung, die übersetzt wurde (zur Information; ob die "
        "Übersetzung veraltet ist, sagen die Prüfsummen in 'digests')",
        "as_of of the German text that was translated (for information; whether the "
        "translation is outdated is told by the checksums in 'digests')",
        "2025-01-22",
        default=None,
    )
    digests: dict[TranslatedField, Digest] = doc(
        "Prüfsumme jedes deutschen Felds, aus dem übersetzt wurde. Ändert sich ein "
        "deutsches Feld, meldet die Prüfung seine Übersetzung als veraltet und die Seite "
        "sagt es. Nicht von Hand schreiben: `servicefinder translations --renew <Datei>` "
        "trägt sie ein, wenn die Übersetzung erneuert ist",
        "Checksum of each German field the translation was made from. When a German field "
        "changes, the check reports its translation as outdated and the page says so. Not "
        "written by hand: `servicefinder translations --renew <file>` records them once the "
        "translation is renewed",
        {"title": "3f2a9c0b1d4e", "easy": "a81c44e09b2f"},
        default_factory=dict,
    )
