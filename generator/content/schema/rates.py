"""Amounts that change by date (standard rates, limits) and the sources of every figure.

A service names an amount or a series of a rates file; the page shows the figure in force on
the build date with its date and source, so a figure never stands without either.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, Field, model_validator

from generator.content.schema.fields import (
    _AMOUNT,
    _SOURCE,
    Slug,
    Strict,
    Text,
    Url,
    _fail,
    _slug,
    doc,
)


class LegalRef(Strict):
    law: Text = doc("Abkürzung des Gesetzes", "Abbreviation of the law", "SGB XII", "SGB IX")
    section: Text | None = doc(
        "Paragraf ohne §-Zeichen", "Section without the § sign", "27a", "99", default=None
    )
    url: Url | None = doc(
        "Link zum Gesetzestext, falls das Gesetz nicht bekannt ist",
        "Link to the text, for laws not known to Servicefinder",
        "https://www.gesetze-im-internet.de/sgb_12/__27a.html",
        default=None,
    )


def _rate_ref(value: str) -> str:
    file, _, series = value.partition("/")
    if not (file and series and _slug(file) == file and _slug(series) == series):
        raise _fail("expected 'file/series', e.g. 'regelbedarf/stufe-1'")
    return value


RateRef = Annotated[str, AfterValidator(_rate_ref)]


class AmountValue(Strict):
    from_: date = Field(alias="from", description="Gültig ab / Valid from", examples=["2025-01-01"])
    eur: float = doc("Betrag in Euro", "Amount in euros", 563, 10000, ge=0)


class Amount(Strict):
    id: Slug = doc(
        "Kennung, eindeutig in der Leistung",
        "Identifier, unique in the service",
        "regelbedarf-erwachsene",
    )
    name: Text = doc(
        "Bezeichnung", "Name", "Regelbedarf für Erwachsene", "Standard rate for adults"
    )
    period: Text | None = doc(
        "Zeitraum, z. B. 'im Monat'",
        "Period, e.g. 'per month'",
        "im Monat",
        "per month",
        default=None,
    )
    values: list[AmountValue] = doc(
        "Beträge mit Gültigkeitsbeginn, älteste zuerst; leer, wo 'rates' sie liefert",
        "Amounts with start date, oldest first; empty where 'rates' gives them",
        _AMOUNT["values"],
        default_factory=list,
    )
    complete: bool = doc(
        "Die Reihe nennt jeden Wert seit dem ersten Datum; sonst sagt die Seite, dass Werte "
        "zwischen den Daten nicht verzeichnet sind",
        "The series lists every value since its first date; otherwise the page says that "
        "values between the dates are not recorded",
        True,
        False,
        default=False,
    )
    rates: RateRef | None = doc(
        "Werte aus einer Tabelle in content/rates/ (Datei/Reihe), z. B. zur jährlichen "
        "Fortschreibung der Regelbedarfe; dann ohne 'values' und 'complete'",
        "Values from a table in content/rates/ (file/series), e.g. the yearly update of the "
        "standard rates; then without 'values' and 'complete'",
        "regelbedarf/stufe-1",
        "regelbedarf/stufe-3",
        default=None,
    )

    @model_validator(mode="after")
    def _values_or_rates(self) -> Amount:
        if self.rates is None and not self.values:
            raise _fail("give the amount's 'values', or 'rates' naming a rates table series")
        if self.rates is not None and (self.values or self.complete):
            raise _fail(
                "'rates' gives the values and says whether they are complete; "
                "leave out 'values' and 'complete'"
            )
        return self


class RateSeries(Strict):
    id: Slug = doc("Kennung der Reihe", "Id of the series", "stufe-1", "stufe-3")
    name: Text = doc("Bezeichnung", "Name", "Regelbedarfsstufe 1", "Standard rate level 1")
    values: list[AmountValue] = doc(
        "Beträge mit Gültigkeitsbeginn, älteste zuerst",
        "Amounts with start date, oldest first",
        _AMOUNT["values"],
        min_length=1,
    )
    complete: bool = doc(
        "Die Reihe nennt jeden Wert seit dem ersten Datum",
        "The series lists every value since its first date",
        True,
        False,
        default=False,
    )


class RateTable(Strict):
    """Values a law updates for everyone at once (such as the standard rates each 1
    January): one file, read by every service that shows them."""

    id: Slug = doc("Kennung, gleich dem Dateinamen", "Id, equals the file name", "regelbedarf")
    name: Text = doc(
        "Name der Tabelle", "Name of the table", "Regelbedarfsstufen", "Standard rate levels"
    )
    law: Text = doc(
        "Rechtsgrundlage der Fortschreibung",
        "Legal basis of the update",
        "Anlage zu § 28 SGB XII",
        "Annex to section 28 SGB XII",
    )
    source: Source = doc("Quelle", "Source", _SOURCE)
    series: list[RateSeries] = doc(
        "Die Reihen der Tabelle",
        "The table's series",
        [{"id": "stufe-1", "name": "Regelbedarfsstufe 1", "values": _AMOUNT["values"]}],
        min_length=1,
    )


class Source(Strict):
    name: Text = doc(
        "Herkunft des Textes",
        "Where the text comes from",
        "Landkreis Northeim, Fachbereich Soziales",
        "Northeim district, social services department",
    )
    url: Url | None = doc(
        "Link zur Quelle", "Link to the source", "https://www.landkreis-northeim.de/", default=None
    )
    dated: date | None = doc(
        "Stand der Quelle (wie auf der Quelle angegeben); leer, wo die Quelle kein Datum nennt",
        "Date of the source (as the source states it); empty where the source gives none",
        "2025-01-22",
        "2025-10-29",
        default=None,
        alias="date",
    )
