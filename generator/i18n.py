"""The words of the interface, in each language the site speaks, and how dates and money read."""

from __future__ import annotations

from datetime import date

LABELS: dict[str, dict[str, str]] = {
    "de": {
        "home": "Startseite", "az": "Leistungen A–Z", "topics": "Lebenslagen",
        "authorities": "Behörden", "easy": "Leichte Sprache", "standard": "Ausführliche Fassung",
        "english": "English", "german": "Deutsch", "breadcrumb": "Sie sind hier",
        "on_this_page": "Auf dieser Seite", "at_a_glance": "Auf einen Blick",
        "versions": "Diese Seite in anderen Fassungen",
        "description": "Beschreibung", "responsible": "Zuständige Stelle",
        "requirements": "Voraussetzungen", "documents": "Unterlagen", "fees": "Kosten",
        "amounts": "Beträge", "deadlines": "Fristen", "processing_time": "Bearbeitungsdauer",
        "process": "Ablauf", "forms": "Formulare und Online-Dienste", "appeal": "Rechtsbehelf",
        "notes": "Was sollte ich noch wissen?", "legal_basis": "Rechtsgrundlagen",
        "related": "Verwandte Leistungen", "as_of": "Stand", "source": "Quelle",
        "yes": "ja", "no": "nein",
        "flag_available": "Formulare vorhanden", "flag_online": "Online-Verfahren möglich",
        "flag_written": "Schriftform erforderlich",
        "flag_informal": "Formloser Antrag möglich",
        "flag_personal": "Persönliches Erscheinen nötig",
        "optional_document": "nur im Einzelfall",
        "since": "seit", "from": "ab", "earlier_values": "Frühere Beträge",
        "valid_from": "gültig ab", "amount": "Betrag",
        "no_value_yet": "noch kein Betrag in Kraft",
        "example_data": "Beispieldaten: Diese Kontaktdaten sind erfunden. "
                        "Bitte nutzen Sie sie nicht.",
        "phone": "Telefon", "email": "E-Mail", "website": "Webseite",
        "opening_hours": "Öffnungszeiten", "accessibility": "Barrierefreiheit des Gebäudes",
        "wheelchair_yes": "Stufenlos erreichbar", "wheelchair_no": "Nicht stufenlos erreichbar",
        "toilet": "Barrierefreies WC", "hearing_loop": "Induktive Höranlage",
        "areas": "Zuständig für", "services_here": "Leistungen dieser Stelle",
        "to_authority": "Mehr über diese Stelle", "fallback": "Keine passende Stelle dabei?",
        "external": "externer Link", "section": "§",
        "no_authority": "Für diese Leistung ist noch keine Stelle eingetragen.",
        "more_in_easy": "Diese Seite gibt es auch in Leichter Sprache",
        "legal_notice": "Impressum", "privacy": "Datenschutz",
        "a11y_statement": "Erklärung zur Barrierefreiheit",
        "all_services": "Alle Leistungen", "letter_nav": "Anfangsbuchstaben",
        "services_in_topic": "Leistungen", "kinds": "Art der Stelle",
        "easy_intro": "Hier finden Sie Texte in Leichter Sprache.",
        "en_intro": "Services in English.", "data_sources": "Quellen der Daten",
        "feedback": "Barrieren melden", "status": "Stand der Vereinbarkeit",
        "limitations": "Nicht barrierefreie Inhalte", "method": "Wie wir prüfen",
        "enforcement": "Durchsetzungsverfahren", "prepared": "Erstellt am",
        "per": "", "read_easy": "Leichte Sprache", "read_standard": "Ausführliche Fassung",
        "contact": "Kontakt", "address": "Adresse",
    },
    "en": {
        "home": "Home", "az": "Services A–Z", "topics": "Life situations",
        "authorities": "Authorities", "easy": "Easy read", "standard": "Full version",
        "english": "English", "german": "Deutsch", "breadcrumb": "You are here",
        "on_this_page": "On this page", "at_a_glance": "At a glance",
        "versions": "This page in other versions",
        "description": "Description", "responsible": "Responsible office",
        "requirements": "Requirements", "documents": "Documents", "fees": "Fees",
        "amounts": "Amounts", "deadlines": "Deadlines", "processing_time": "Processing time",
        "process": "Process", "forms": "Forms and online services", "appeal": "How to appeal",
        "notes": "What else should I know?", "legal_basis": "Legal basis",
        "related": "Related services", "as_of": "As of", "source": "Source",
        "yes": "yes", "no": "no",
        "flag_available": "Forms available", "flag_online": "Online procedure possible",
        "flag_written": "Written form required",
        "flag_informal": "Informal application possible",
        "flag_personal": "Personal appearance required",
        "optional_document": "only in some cases",
        "since": "since", "from": "from", "earlier_values": "Earlier amounts",
        "valid_from": "valid from", "amount": "Amount",
        "no_value_yet": "no amount in force yet",
        "example_data": "Example data: these contact details are made up. "
                        "Please do not use them.",
        "phone": "Phone", "email": "E-mail", "website": "Website",
        "opening_hours": "Opening hours", "accessibility": "Accessibility of the building",
        "wheelchair_yes": "Step-free access", "wheelchair_no": "No step-free access",
        "toilet": "Accessible toilet", "hearing_loop": "Hearing loop",
        "areas": "Responsible for", "services_here": "Services of this office",
        "to_authority": "More about this office", "fallback": "No suitable office listed?",
        "external": "external link", "section": "Section",
        "no_authority": "No office has been entered for this service yet.",
        "more_in_easy": "This page is also available in easy read",
        "legal_notice": "Legal notice", "privacy": "Privacy",
        "a11y_statement": "Accessibility statement",
        "all_services": "All services", "letter_nav": "First letters",
        "services_in_topic": "Services", "kinds": "Kind of office",
        "easy_intro": "Easy-read texts.",
        "en_intro": "These services are described in English. Forms and offices usually "
                    "work in German.", "data_sources": "Data sources",
        "feedback": "Report a barrier", "status": "Compliance status",
        "limitations": "Content that is not accessible", "method": "How we check",
        "enforcement": "Enforcement procedure", "prepared": "Prepared on",
        "per": "", "read_easy": "Easy read", "read_standard": "Full version",
        "contact": "Contact", "address": "Address",
    },
}

_MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]


def format_date(value: date, lang: str) -> str:
    if lang == "en":
        return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"
    return f"{value.day:02d}.{value.month:02d}.{value.year}"


def format_eur(value: float, lang: str) -> str:
    whole = f"{value:,.2f}"  # 10,000.00
    if lang == "en":
        return f"€{whole}"
    return whole.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".") + "\u00a0€"
