"""The site file (content/site.yaml): name, languages, branding, contact, the accessibility
statement, easy-language rules and the editing form's settings.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field, model_validator

from generator.content.schema.fields import (
    _ADDRESS,
    _CONTACT,
    _LABEL,
    _SOURCE,
    Email,
    Markdown,
    Phone,
    Slug,
    Strict,
    Text,
    Url,
    _fail,
    doc,
)
from generator.content.schema.office import Address
from generator.content.schema.rates import Source

# --- the site ------------------------------------------------------------------------------


class Label(Strict):
    """A label in the source language and English, and in any further language of the site
    under its code (``uk: ...``): a new language needs no change here."""

    model_config = ConfigDict(extra="allow", strict=True, frozen=True)
    __pydantic_extra__: dict[str, Text]  # type: ignore[assignment]

    id: Slug = doc("Kennung", "Identifier", "geld-zum-leben", "sozialamt")
    de: Text = doc("Deutsche Bezeichnung", "German label", "Geld zum Leben", "Sozialamt")
    en: Text = doc(
        "Englische Bezeichnung", "English label", "Money to live on", "Social welfare office"
    )


class Contact(Strict):
    name: Text = doc("Name", "Name", "Behördennummer 115", "Public service number 115")
    address: Address | None = doc("Adresse", "Address", _ADDRESS, default=None)
    phone: Phone | None = doc("Telefon", "Phone", "115", "05551 708-0", default=None)
    email: Email | None = doc("E-Mail", "E-mail", "info@landkreis-northeim.de", default=None)
    text: Text | None = doc(
        "Hinweis",
        "Note",
        "Die 115 sagt Ihnen, welche Stelle zuständig ist.",
        "The 115 tells you which office is responsible.",
        default=None,
    )
    example_data: bool = doc("Beispieldaten", "Example data", True, False, default=False)


class StatementText(Strict):
    """The statement's own words in another language of the site."""

    status: Text = doc(
        "Stand der Vereinbarkeit",
        "Conformance status",
        "This website is partially compliant with BITV 2.0.",
        "Цей вебсайт частково відповідає BITV 2.0.",
    )
    method: Text = doc(
        "Wie geprüft wurde",
        "How it was checked",
        "Self-assessment with automated checks",
        "Самооцінка з автоматичними перевірками",
    )
    limitations: list[Text] = doc(
        "Bekannte Einschränkungen",
        "Known limitations",
        ["The offices' PDF forms are not accessible."],
        ["PDF-формуляри установ недоступні."],
        default_factory=list,
    )
    enforcement: Markdown = doc(
        "Durchsetzungsverfahren (Markdown)",
        "Enforcement procedure (Markdown)",
        "You can contact the conciliation body under section 16 BGG.",
        "Ви можете звернутися до органу примирення згідно з § 16 BGG.",
    )


class AccessibilityStatement(Strict):
    status: Text = doc(
        "Vereinbarkeit mit BITV 2.0 / WCAG",
        "Conformance status",
        "Diese Website ist mit der BITV 2.0 teilweise vereinbar.",
        "This website is partially compliant with BITV 2.0.",
    )
    prepared: date = doc("Erstellt am", "Prepared on", "2025-11-22")
    method: Text = doc(
        "Wie geprüft wurde",
        "How it was checked",
        "Selbstbewertung mit automatischen Prüfungen und Tests mit Tastatur und Screenreader",
        "Self-assessment with automated checks and tests with keyboard and screen reader",
    )
    limitations: list[Text] = doc(
        "Bekannte Einschränkungen",
        "Known limitations",
        ["Die PDF-Formulare der Behörden sind nicht barrierefrei."],
        ["The offices' PDF forms are not accessible."],
        default_factory=list,
    )
    enforcement: Markdown = doc(
        "Durchsetzungsverfahren (Markdown)",
        "Enforcement procedure (Markdown)",
        "Sie können sich an die Schlichtungsstelle nach § 16 BGG wenden.",
        "You can contact the conciliation body under section 16 BGG.",
    )
    translations: dict[Annotated[str, Field(pattern=r"^[a-z]{2}$")], StatementText] = doc(
        "Die Erklärung in den anderen Sprachen der Website, je Sprachkürzel",
        "The statement in the site's other languages, by language code",
        {"en": {"status": "...", "method": "...", "enforcement": "..."}},
        default_factory=dict,
    )


class EasyLanguageRules(Strict):
    max_sentence_words: int = doc(
        "Höchstens so viele Wörter je Satz",
        "At most this many words per sentence",
        12,
        15,
        default=12,
        gt=0,
    )
    max_word_syllables: int = doc(
        "Höchstens so viele Silben je Wort(teil)",
        "At most this many syllables per word (part)",
        4,
        5,
        default=4,
        gt=0,
    )
    max_wiener: float = doc(
        "Höchstwert der Wiener Sachtextformel (Deutsch)",
        "Highest Wiener Sachtextformel score (German)",
        6.0,
        default=6.0,
    )
    min_flesch: float = doc(
        "Mindestwert Flesch-Lesbarkeit (Englisch)",
        "Lowest Flesch reading ease (English)",
        70.0,
        default=70.0,
    )


class EasyIntro(Strict):
    """The easy-language entry text per language; further languages under their code."""

    model_config = ConfigDict(extra="allow", strict=True, frozen=True)
    __pydantic_extra__: dict[str, Markdown]  # type: ignore[assignment]

    de: Markdown = doc(
        "Einstieg in Leichter Sprache: Was ist diese Website, wie nutze ich sie?",
        "Entry text in German easy language: what the site is, how to use it",
        "Auf dieser Internet-Seite finden Sie Hilfe vom Amt.",
    )
    en: Markdown = doc(
        "Einstieg in einfachem Englisch",
        "Entry text in English easy read",
        "On this website you find help from the offices.",
    )


_HEX = re.compile(r"#[0-9a-fA-F]{6}")
_ASSET = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)*\.(?:svg|png)")


def _hex(value: str) -> str:
    if not _HEX.fullmatch(value):
        raise _fail(f'expected a colour as # and six hex digits, like "#0b4f8a", got {value!r}')
    return value.lower()


def _asset(value: str) -> str:
    if not _ASSET.fullmatch(value) or ".." in value.split("/"):
        raise _fail(
            "expected a path inside the content folder to an .svg or .png file, like "
            f"branding/logo.svg (letters, digits, . _ - and /; no ..), got {value!r}"
        )
    return value


HexColour = Annotated[
    str, AfterValidator(_hex), Field(json_schema_extra={"pattern": "^#[0-9a-fA-F]{6}$"})
]
#: an image file below content/, copied into the site by the build
AssetPath = Annotated[
    str,
    AfterValidator(_asset),
    Field(json_schema_extra={"pattern": r"^[A-Za-z0-9_/.-]+\.(svg|png)$"}),
]


class Logo(Strict):
    file: AssetPath = doc(
        "Logo oder Wappen als SVG oder PNG, Pfad relativ zum Ordner content/",
        "Logo or coat of arms as SVG or PNG, path relative to the content folder",
        "branding/logo.svg",
        "branding/wappen.png",
    )
    alt: Text = doc(
        "Textalternative: was das Bild zeigt oder wofür es steht",
        "Text alternative: what the image shows or stands for",
        "Wappen des Landkreises Northeim",
        "Coat of arms of Northeim district",
    )


class Favicon(Strict):
    svg: AssetPath | None = doc(
        "Symbol im Browser-Tab als SVG (für alle Größen)",
        "Browser tab icon as SVG (for every size)",
        "branding/favicon.svg",
        default=None,
    )
    png: AssetPath | None = doc(
        "Symbol als quadratisches PNG (mindestens 32 × 32 Pixel) für ältere Browser",
        "Icon as a square PNG (at least 32 × 32 pixels) for older browsers",
        "branding/favicon-32.png",
        default=None,
    )


class Colours(Strict):
    primary: HexColour = doc(
        "Hauptfarbe: Kopfzeile, Links, Schaltflächen (wird beim Bau auf Kontrast geprüft)",
        "Primary colour: header, links, buttons (contrast is checked at build time)",
        "#0b4f8a",
        "#7a1f2b",
        default="#0b4f8a",
    )
    accent: HexColour = doc(
        "Akzentfarbe: Links unter dem Mauszeiger oder mit Fokus (wird geprüft)",
        "Accent colour: links under the pointer or with focus (checked too)",
        "#083a66",
        "#5a1520",
        default="#083a66",
    )


class FooterLink(Strict):
    label: Text = doc(
        "Linktext, der ohne Umgebung verständlich ist",
        "Link text that makes sense on its own",
        "Website des Landkreises",
        "District website",
    )
    url: Url = doc("Adresse (https://)", "Address (https://)", "https://www.landkreis-northeim.de/")


class Branding(Strict):
    logo: Logo | None = doc(
        "Logo in der Kopfzeile jeder Seite",
        "Logo in the header of every page",
        {"file": "branding/logo.svg", "alt": "Wappen des Landkreises Northeim"},
        default=None,
    )
    favicon: Favicon | None = doc(
        "Symbole im Browser-Tab",
        "Browser tab icons",
        {"svg": "branding/favicon.svg", "png": "branding/favicon-32.png"},
        default=None,
    )
    colors: Colours = doc(
        "Farben der Website",
        "Colours of the site",
        {"primary": "#0b4f8a", "accent": "#083a66"},
        default_factory=Colours,
    )
    footer_links: list[FooterLink] = doc(
        "Weitere Links in der Fußzeile jeder Seite",
        "More links in the footer of every page",
        [{"label": "Website des Landkreises", "url": "https://www.landkreis-northeim.de/"}],
        default_factory=list,
    )


class CmsSettings(Strict):
    """The browser editor at /admin/ (Decap CMS): which git host it saves to. Only the
    admin page reads it; no citizen's page changes with it (generator/content/cms_config.py)."""

    backend: Literal["gitlab", "gitea", "forgejo", "github"] = doc(
        "Git-Dienst des Repositorys", "Git host of the repository", "gitlab", "forgejo"
    )
    repo: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$")] = doc(
        "Pfad des Repositorys (Gruppe/Projekt)",
        "Path of the repository (group/project)",
        "landkreis-northeim/servicefinder",
    )
    branch: Annotated[str, Field(pattern=r"^[A-Za-z0-9_./-]+$")] = doc(
        "Zweig, in den die Änderungen kommen", "Branch the changes go to", "main", default="main"
    )
    base_url: Url | None = doc(
        "Adresse des Git-Dienstes (GitLab, Gitea, Forgejo) oder, bei GitHub, des OAuth-Helfers",
        "Address of the git host (GitLab, Gitea, Forgejo) or, for GitHub, of the OAuth helper",
        "https://gitlab.opencode.de",
        default=None,
    )
    app_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,200}$")] | None = doc(
        "Client-ID der OAuth-Anwendung (PKCE, ohne Geheimnis)",
        "Client id of the OAuth application (PKCE, no secret)",
        "4f1c2b9e7d",
        default=None,
    )
    editorial_workflow: bool = doc(
        "Jede Änderung als Merge-Request statt direkt in den Zweig",
        "Every change as a merge request instead of straight into the branch",
        True,
        default=True,
    )
    local_backend: bool = doc(
        "Vorschau mit decap-server auf 127.0.0.1:8081 erlauben",
        "Allow previews with decap-server on 127.0.0.1:8081",
        True,
        default=False,
    )
    local_port: int = doc(
        "Port von decap-server für die lokale Vorschau",
        "Port of decap-server for the local preview",
        8081,
        default=8081,
        ge=1024,
        le=65535,
    )

    @model_validator(mode="after")
    def _usable(self) -> CmsSettings:
        if self.backend == "gitea" and self.editorial_workflow:
            raise _fail(
                "Decap CMS's gitea backend saves straight into the branch; set "
                "editorial_workflow: false (and protect the branch), or use backend: forgejo"
            )
        if self.backend != "github" and not self.app_id:
            raise _fail(f"{self.backend}: give app_id, the client id of the OAuth application")
        if self.backend in ("gitea", "forgejo") and not self.base_url:
            raise _fail(f"{self.backend}: give base_url, the address of the git host")
        if self.backend == "github" and not self.base_url:
            raise _fail("github: give base_url, the address of the OAuth helper")
        return self


class Site(Strict):
    name: Text = doc(
        "Name der Website", "Name of the site", "Servicefinder Soziales", "Social services finder"
    )
    operator: Contact = doc(
        "Betreiber (für das Impressum)",
        "Operator (for the legal notice)",
        {"name": "Landkreis Northeim", "address": _ADDRESS, "email": "info@landkreis-northeim.de"},
    )
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")] = doc(
        "Hauptsprache", "Main language", "de", default="de"
    )
    languages: list[Annotated[str, Field(pattern=r"^[a-z]{2}$")]] = doc(
        "Sprachen der Website",
        "Languages of the site",
        ["de", "en"],
        default_factory=lambda: ["de"],
    )
    description: Text = doc(
        "Kurzbeschreibung der Website",
        "Short description of the site",
        "Welche Stelle hilft mir, was muss ich mitbringen, was kostet es?",
        "Which office helps me, what do I bring, what does it cost?",
    )
    fallback: Contact = doc(
        "Ansprechstelle, wenn keine Behörde gefunden wird",
        "Contact shown when no authority is found",
        _CONTACT,
    )
    topics: list[Label] = doc("Lebenslagen", "Life situations", [_LABEL], min_length=1)
    popular: list[Slug] = doc(
        "Die meistgebrauchten Leistungen, die meistgebrauchte zuerst (Kennungen): die "
        "Startseite und die Übersichten zeigen sie vor allen anderen, die dann nach dem "
        "Alphabet folgen",
        "The most used services, the most used first (ids): the home page and the overviews "
        "show them before all others, which then follow in alphabetical order",
        ["hilfe-zum-lebensunterhalt", "eingliederungshilfe"],
        default_factory=list,
    )
    authority_kinds: list[Label] = doc(
        "Arten von Behörden",
        "Kinds of authority",
        [{"id": "sozialamt", "de": "Sozialamt", "en": "Social welfare office"}],
        min_length=1,
    )
    review_interval_days: int = doc(
        "Nach wie vielen Tagen ein Text geprüft werden soll",
        "Days after which a text is due for review",
        365,
        180,
        default=365,
        gt=0,
    )
    amount_max_age_days: int = doc(
        "Nach wie vielen Tagen der neueste Wert eines Betrags als veraltet gilt; die Seite "
        "sagt es dann beim Betrag",
        "Days after which the newest value of an amount counts as old; the page then says so "
        "next to the amount",
        365,
        400,
        default=365,
        gt=0,
    )
    stale_content: Literal["notice", "warning", "error"] = doc(
        "Wie der Build veraltete Inhalte meldet: 'notice' (nur Hinweis), 'warning' "
        "(mit --strict ein Fehler) oder 'error' (immer ein Fehler). Die Seite sagt es immer",
        "How the build reports stale content: 'notice' (a note only), 'warning' (an error "
        "with --strict) or 'error' (always an error). The page always says so",
        "warning",
        "notice",
        default="notice",
    )
    easy_language: EasyLanguageRules = doc(
        "Grenzwerte der Prüfung für Leichte Sprache",
        "Thresholds of the easy-language check",
        {"max_sentence_words": 12, "max_word_syllables": 4},
        default_factory=EasyLanguageRules,
    )
    easy_intro: EasyIntro = doc(
        "Texte der Einstiegsseiten in Leichter Sprache (BITV 2.0 § 4)",
        "Texts of the easy-language entry pages (BITV 2.0 § 4)",
        {
            "de": "Auf dieser Internet-Seite finden Sie Hilfe vom Amt.",
            "en": "On this website you find help from the offices.",
        },
    )
    imprint: Markdown = doc(
        "Impressum (Markdown)",
        "Legal notice (Markdown)",
        "Landkreis Northeim, vertreten durch die Landrätin",
        "Northeim district, represented by the district administrator",
    )
    privacy: Markdown = doc(
        "Datenschutzerklärung (Markdown)",
        "Privacy notice (Markdown)",
        "Diese Website setzt keine Cookies.",
        "This website sets no cookies.",
    )
    accessibility: AccessibilityStatement = doc(
        "Erklärung zur Barrierefreiheit",
        "Accessibility statement",
        {
            "status": "Diese Website ist mit der BITV 2.0 teilweise vereinbar.",
            "prepared": "2025-11-22",
            "method": "Selbstbewertung",
            "enforcement": "Schlichtungsstelle nach § 16 BGG",
        },
    )
    data_sources: list[Source] = doc(
        "Quellen der Daten", "Sources of data", [_SOURCE], default_factory=list
    )
    branding: Branding = doc(
        "Erscheinungsbild: Logo, Symbole, Farben, Links in der Fußzeile",
        "Look: logo, icons, colours, footer links",
        {"colors": {"primary": "#0b4f8a", "accent": "#083a66"}},
        default_factory=Branding,
    )
    cms: CmsSettings | None = doc(
        "Redaktion im Browser unter /admin/ (Decap CMS); ohne diesen Eintrag gibt es die "
        "Seite nicht",
        "Editing in the browser at /admin/ (Decap CMS); without this entry there is no such page",
        {"backend": "gitlab", "repo": "landkreis-northeim/servicefinder", "app_id": "4f1c2b9e7d"},
        default=None,
    )
