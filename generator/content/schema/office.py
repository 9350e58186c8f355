"""An authority (office): address, contact, opening hours, access, and the area it serves."""

from __future__ import annotations

from generator.content.schema.fields import (
    _ADDRESS,
    Email,
    Phone,
    Postcode,
    Slug,
    Strict,
    Text,
    Url,
    doc,
)
from generator.content.schema.service import CONTACT_LINES, Area, ExampleBlock

# --- authorities ---------------------------------------------------------------------------


class Address(Strict):
    street: Text = doc(
        "Straße und Hausnummer", "Street and number", "Medenheimer Straße 6/8", "Löbdergraben 12"
    )
    postcode: Postcode = doc("Postleitzahl", "Postcode", "37154", "07743")
    city: Text = doc("Ort", "Town", "Northeim", "Jena")


class OpeningHours(Strict):
    days: Text = doc("Tage", "Days", "Montag bis Freitag", "Monday to Friday")
    hours: Text = doc("Uhrzeiten", "Hours", "8:30 bis 12:00 Uhr", "8:30 am to 12 noon")


class Accessibility(Strict):
    wheelchair_accessible: bool = doc("Stufenlos erreichbar", "Step-free access", True, False)
    accessible_toilet: bool = doc(
        "Barrierefreies WC", "Accessible toilet", True, False, default=False
    )
    hearing_loop: bool = doc("Induktive Höranlage", "Hearing loop", True, False, default=False)
    notes: Text | None = doc(
        "Weitere Hinweise",
        "Further notes",
        "Eingang über den Hof, mit Rampe",
        "Entrance through the courtyard, with a ramp",
        default=None,
    )


class Authority(Strict):
    id: Slug = doc(
        "Kennung, gleich dem Dateinamen",
        "Identifier, equals the file name",
        "landkreis-northeim-sozialamt",
    )
    name: Text = doc(
        "Name der Stelle",
        "Name of the office",
        "Landkreis Northeim",
        "Jobcenter Saale-Holzland-Kreis",
    )
    department: Text | None = doc(
        "Fachbereich",
        "Department",
        "Fachbereich Soziales",
        "Social services department",
        default=None,
    )
    kinds: list[Slug] = doc(
        "Arten (aus site.yaml), für die diese Stelle zuständig ist",
        "Kinds (from site.yaml) this office is",
        ["sozialamt"],
        ["sozialamt", "eingliederungshilfe"],
        min_length=1,
    )
    address: Address = doc("Besuchsadresse", "Visiting address", _ADDRESS)
    phone: Phone | None = doc("Telefon", "Phone", "05551 708-0", "+49 3641 49-0", default=None)
    email: Email | None = doc("E-Mail", "E-mail", "sozialamt@landkreis-northeim.de", default=None)
    website: Url | None = doc(
        "Webseite", "Website", "https://www.landkreis-northeim.de/", default=None
    )
    opening_hours: list[OpeningHours] = doc(
        "Öffnungszeiten",
        "Opening hours",
        [{"days": "Montag bis Freitag", "hours": "8:30 bis 12:00 Uhr"}],
        default_factory=list,
    )
    appointment_note: Text | None = doc(
        "Hinweis zu Terminen",
        "Note on appointments",
        "Bitte vereinbaren Sie vorher einen Termin.",
        "Please make an appointment first.",
        default=None,
    )
    accessibility: Accessibility | None = doc(
        "Barrierefreiheit des Gebäudes, nur aus einer Quelle; ohne Angabe sagt die Seite, "
        "dass nichts bekannt ist und wo man fragt",
        "Accessibility of the building, from a source only; without it the page says that "
        "nothing is known and where to ask",
        {"wheelchair_accessible": True, "accessible_toilet": True},
        default=None,
    )
    areas: list[Area] = doc(
        "Gebiete, für die die Stelle zuständig ist",
        "Areas this office serves",
        [{"ars": "03155", "name": "Landkreis Northeim"}],
        min_length=1,
    )
    example_data: bool | list[ExampleBlock] = doc(
        "Welche Angaben Beispieldaten sind (die Seite und die offenen Daten sagen es genau "
        "dort): 'contact' (Adresse, Telefon, E-Mail) oder einzeln 'address', 'phone', "
        "'email', dazu 'hours', 'appointment', 'accessibility'; true heißt 'contact'. Eine "
        "echte Adresse nie als Beispiel markieren: dann nur 'phone' und 'email'",
        "Which details are example data (the page and the open data say so exactly there): "
        "'contact' (address, phone, e-mail) or one by one 'address', 'phone', 'email', and "
        "'hours', 'appointment', 'accessibility'; true means 'contact'. Never mark a real "
        "address as an example: then only 'phone' and 'email'",
        ["contact"],
        ["phone", "email"],
        default=False,
    )

    def invented(self, block: str) -> bool:
        """Whether the block ``block`` of this office is example data. "contact" asks
        whether any line of the contact block (address, phone, e-mail) is; a line asks for
        itself, and is example data when it or the whole contact block is named."""
        named: set[str] = (
            {"contact", *CONTACT_LINES}
            if self.example_data is True
            else set(self.example_data or ())
        )
        if "contact" in named:
            named.update(CONTACT_LINES)
        if block == "contact":
            return any(line in named for line in CONTACT_LINES)
        return block in named

    def invented_lines(self) -> tuple[str, ...]:
        """The contact lines this office has that are example data, in page order."""
        given = {"address": True, "phone": self.phone is not None, "email": self.email is not None}
        return tuple(line for line in CONTACT_LINES if given[line] and self.invented(line))

    @property
    def contact_all_invented(self) -> bool:
        """Every contact line the office has is example data: one notice says so."""
        given = ["address"] + [n for n in ("phone", "email") if getattr(self, n) is not None]
        return all(self.invented(line) for line in given)

    @property
    def any_invented(self) -> bool:
        return bool(self.example_data)
