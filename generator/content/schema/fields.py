"""Field types with the rules editors meet, and the base every content model shares.

Declarative and documented field by field (German / English), because the same models
validate the YAML, feed the JSON Schema that editors' tools use for completion, and are the
frozen model the renderer reads. A type here carries its own check (a slug, a regional key,
an https address, text without markup), so every model that uses it checks the same way.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from generator.content.urls import url_problem

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
_LEIKA = re.compile(r"\d{14}")
SLUG_MAX = 64
HTTPS_ONLY = frozenset({"https"})


def _fail(message: str, found: str = "") -> PydanticCustomError:
    """A refusal in the editor's words; ``found`` is the offending text as it stands in the
    value, so the report can point at its own line inside a long text."""
    # pydantic puts context values into the template one key after the other and knows no
    # escape for braces ("{{" stayed doubled in the report): the whole message is the
    # last value put in, so braces in it (an editor's "{red}") are left as they are
    return PydanticCustomError("servicefinder", "{message}", {"found": found, "message": message})


#: characters that change how a text reads without being seen: bidirectional embeddings,
#: overrides and isolates (U+202E shows "gnp.exe" as "exe.png") and zero-width characters (a
#: hidden break inside a word or a name, two ids that look the same). The directional
#: marks U+200E, U+200F and U+061C are not among them: right-to-left texts need them
#: beside numbers and Latin words. Refused in ids and addresses, reported in text.
INVISIBLE = re.compile("[\u180e\u200b-\u200d\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def invisible_problem(value: str) -> tuple[int, str] | None:
    """Where ``value`` holds an :data:`INVISIBLE` character, and which one; else None."""
    found = INVISIBLE.search(value)
    if found is None:
        return None
    char = found.group()
    name = unicodedata.name(char, "a control character")
    return found.start(), f"the invisible character U+{ord(char):04X} ({name})"


def _slug(value: str) -> str:
    invisible = invisible_problem(value)
    if invisible:
        raise _fail(
            f"an id may not hold {invisible[1]}; write lowercase letters a-z, digits and hyphens"
        )
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


#: link destinations in every Markdown form: inline ``](x)``, reference ``[id]: x``, autolink
#: ``<x>``, and a bare line; checked after entities are decoded and blanks dropped, so
#: ``&#106;avascript:`` and ``java script:`` are caught like ``javascript:``
_LINK_SCHEME = re.compile(
    r"(?:\]\(|\]:|<|^)[\x00-\x20]*(?:javascript|data|vbscript):",
    re.IGNORECASE | re.MULTILINE,
)
_BLANKS_IN_WORD = re.compile(r"(?<=[a-zA-Z])[\x00-\x09\x0b-\x20]+(?=[a-zA-Z:])")


def markup_problem(value: str) -> tuple[int, str] | None:
    """Where ``value`` holds HTML or a script link, and what to say about it; else None.

    The one refusal for everything an editor writes: YAML text fields and Markdown pages.
    """
    if "<" not in value and ":" not in value and "&" not in value:
        return None  # no tag, no scheme, no entity that could spell one: most fields
    tag = _TAG.search(value)
    if tag:
        return tag.start(), (
            "HTML is not allowed in content; write plain text (Markdown in fields that say so)"
        )
    for line_start, line in _lines(value):
        decoded = _BLANKS_IN_WORD.sub("", html.unescape(line))
        if _BAD_URL.search(line) or _LINK_SCHEME.search(decoded):
            return line_start, "javascript:, data: and vbscript: links are not allowed"
    return None


def _lines(value: str) -> list[tuple[int, str]]:
    out, offset = [], 0
    for line in value.splitlines(keepends=True):
        out.append((offset, line))
        offset += len(line)
    return out


def _plain(value: str) -> str:
    if value.lstrip().startswith(PLACEHOLDER):
        raise _fail("this is still a placeholder from `servicefinder new`; replace it")
    found = markup_problem(value)
    if found:
        start = found[0]
        end = value.find("\n", start)
        raise _fail(found[1], value[start : end if end >= 0 else len(value)].rstrip())
    if not value.strip():
        raise _fail("expected text, got an empty value")
    return value.strip()


def _ars(value: str) -> str:
    if not _ARS.fullmatch(value):
        raise _fail(
            f"expected a regional key (ARS) of 2, 3, 5, 9 or 12 digits in quotes, got {value!r}"
        )
    return value


def _leika(value: str) -> str:
    if not _LEIKA.fullmatch(value):
        raise _fail(
            f"expected a LeiKa key of exactly 14 digits in quotes (as in the federal "
            f"service catalogue, e.g. from the FIM portal), got {value!r}"
        )
    return value


def _https(value: str) -> str:
    if not re.fullmatch(r"https://[^\s<>\"']+", value):
        raise _fail(f"expected a web address starting with https://, got {value!r}")
    problem = url_problem(value, schemes=HTTPS_ONLY)  # the check the templates make again
    if problem:
        raise _fail(f"{problem}, got {value!r}")
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
#: the longest text a field holds: one line of text, and Markdown
TEXT_MAX, MARKDOWN_MAX = 2000, 20000
Text = Annotated[str, AfterValidator(_plain), Field(max_length=TEXT_MAX)]
Markdown = Annotated[str, AfterValidator(_plain), Field(max_length=MARKDOWN_MAX)]
Ars = Annotated[
    str,
    AfterValidator(_ars),
    Field(json_schema_extra={"pattern": "^([0-9]{2,3}|[0-9]{5}|[0-9]{9}|[0-9]{12})$"}),
]
#: the 14-digit key of the federal service catalogue (Leistungskatalog, LeiKa / FIM)
LeikaKey = Annotated[
    str, AfterValidator(_leika), Field(json_schema_extra={"pattern": "^[0-9]{14}$"})
]
Url = Annotated[str, AfterValidator(_https)]
Email = Annotated[str, AfterValidator(_email)]
Phone = Annotated[str, AfterValidator(_phone)]
Postcode = Annotated[str, Field(pattern=r"^\d{5}$")]


def doc(de: str, en: str, *examples: Any, **extra: Any) -> Any:
    """A field documented in both languages editors work in, with examples (a German and
    an English one where the value is text): editors' tools show both on hover."""
    return Field(description=f"{de} / {en}", examples=list(examples) or None, **extra)


class Strict(BaseModel):
    """Base of every content model: unknown fields are errors, values are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


# --- examples shared by several fields ----------------------------------------------------

_SOURCE = {
    "name": "Landkreis Northeim, Fachbereich Soziales",
    "url": "https://www.landkreis-northeim.de/",
}
_ADDRESS = {"street": "Medenheimer Straße 6/8", "postcode": "37154", "city": "Northeim"}
_FORMS = {
    "available": True,
    "online": False,
    "written_form_required": True,
    "informal_application": True,
    "personal_appearance": False,
}
_AMOUNT = {
    "id": "regelbedarf-erwachsene",
    "name": "Regelbedarf für Erwachsene",
    "period": "im Monat",
    "values": [{"from": "2024-01-01", "eur": 563}, {"from": "2025-01-01", "eur": 563}],
}
_EASY_DE = {
    "title": "Geld zum Leben",
    "text": "Sie haben wenig Geld.\nDann bekommen Sie vielleicht Hilfe vom Amt.",
}
_EASY_EN = {"title": "Money to live on", "text": "You have little money.\nThe office can help."}
_CONTACT = {
    "name": "Behördennummer 115",
    "phone": "115",
    "text": "Die 115 sagt Ihnen, welche Stelle zuständig ist.",
}
_LABEL = {"id": "geld-zum-leben", "de": "Geld zum Leben", "en": "Money to live on"}
_TERM_DE = {
    "term": "Antrag",
    "forms": ["Anträge", "Antrags"],
    "explanation": "Ein Antrag ist ein Brief an das Amt.",
}
_TERM_EN = {
    "term": "application",
    "forms": ["applications"],
    "explanation": "An application is a letter to the office.",
}
