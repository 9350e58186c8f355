"""Property: whatever text an editor writes, it lands as text, escaped for where it lands.

Every text field of every kind of content file (service, translation, easy-language
variant, authority, rates table, ``site.yaml`` with its branding, a page's metadata and
body, glossary, synonyms, place names, and a service imported from XZuFi) gets a payload
of its own: a marker naming the field (``Zq017``), then ``"``, ``'``, ``<>``, ``&``, a
backtick, ``javascript:alert(1)`` and bidirectional controls in an order hypothesis draws,
with attribute break-outs (``" onmouseover="alert(1)``) and other fragments among them.
The small test project, grown until it holds every text field of the schema, is built
once with the payloads and once with the same words and none of those characters (the
clean build). Every page of the payload build must then have exactly the elements and
attribute names of the same page of the clean build, every address must pass the URL
check, every JSON block must parse, and every payload must appear as text (or as an
attribute's value), whole, wherever its marker appears. A field whose payload no page
shows must be one that is not published at all (:data:`NOT_SHOWN`, each with its
reason); a new text field in the schema fails the coverage check until it is here.

Each example is one build of the whole project (every field at once, mapped back by its
marker), so a few examples cover every field several times in a few minutes.
"""

from __future__ import annotations

import copy
import csv
import html
import io
import json
import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from generator.content import schema
from generator.content.dialect import needs_quotes
from generator.content.urls import url_problem
from generator.content.xzufi import import_files
from tests.helpers import TODAY, build_in_process
from tests.project_fixture import (
    ASSISTANCE,
    CONTENT,
    MONEY,
    WELFARE_OFFICE,
    small_project,
)

pytestmark = pytest.mark.tool

#: every payload holds each of these, in an order hypothesis draws
REQUIRED = ['"', "'", "<>", "&", "`", "javascript:alert(1)", "\u202e", "\u2066", "\u2069"]
#: and some of these: attribute break-outs, template and comment syntax, zero width
EXTRA = [
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    "{{ 7*7 }}",
    "-->",
    "]]>",
    "\u200b",
    "%s",
]
#: ends a payload now and then: a tag that opens at the end of a value (validation lets it
#: through, as no blank or ">" follows); not in XZuFi texts (see _xzufi)
TAG_AT_END = "<img"
MARKER = re.compile(r"Zq\d{3}")


def untagged(body: str) -> str:
    """``body`` without :data:`TAG_AT_END`, for values followed by more text."""
    return body.removesuffix(f" {TAG_AT_END}")


def clean(text: str) -> str:
    """The payload's words without any character a template must escape."""
    return re.sub(r"[^0-9A-Za-zÄÖÜäöüß]+", " ", text).strip()


# --- the project, grown until it holds every text field --------------------------------------

#: path -> data added to (or replacing parts of) the fixture's content files
ELIGIBILITY = {
    "start": "einkommen",
    "questions": [
        {
            "id": "einkommen",
            "text": "x",
            "easy": "x",
            "hint": "x",
            "if_yes": {"next": "wohnort", "reason": "x", "easy_reason": "x"},
            "if_no": {"next": "eher-nicht", "reason": "x", "easy_reason": "x"},
        },
        {
            "id": "wohnort",
            "text": "x",
            "easy": "x",
            "choices": [
                {"label": "x", "easy_label": "x", "next": "eher-ja", "reason": "x",
                 "easy_reason": "x"},
                {"label": "x", "easy_label": "x", "next": "fragen", "reason": "x",
                 "easy_reason": "x"},
            ],
        },
    ],
    "outcomes": [
        {"id": "eher-ja", "result": "likely", "text": "x", "easy": "x"},
        {"id": "eher-nicht", "result": "unlikely", "text": "x", "easy": "x"},
        {"id": "fragen", "result": "ask", "text": "x", "easy": "x"},
    ],
}  # fmt: skip
ELIGIBILITY_TEXT = {
    "questions": [
        {
            "id": "einkommen",
            "text": "x",
            "easy": "x",
            "hint": "x",
            "if_yes": {"reason": "x", "easy_reason": "x"},
            "if_no": {"reason": "x", "easy_reason": "x"},
        },
        {
            "id": "wohnort",
            "text": "x",
            "easy": "x",
            "choices": [
                {"label": "x", "easy_label": "x", "reason": "x", "easy_reason": "x"},
                {"label": "x", "easy_label": "x", "reason": "x", "easy_reason": "x"},
            ],
        },
    ],
    "outcomes": [
        {"id": "eher-ja", "text": "x", "easy": "x"},
        {"id": "eher-nicht", "text": "x", "easy": "x"},
        {"id": "fragen", "text": "x", "easy": "x"},
    ],
}
RATES = {
    "id": "testsatz",
    "name": "x",
    "law": "x",
    "source": {"name": "x"},
    "series": [
        {
            "id": "stufe-1",
            "name": "x",
            "complete": True,
            "values": [{"from": date(2024, 1, 1), "eur": 1}],
        }
    ],
}
STATEMENT = {"status": "x", "method": "x", "limitations": ["x"], "enforcement": "x"}

GROWN: dict[str, dict[str, Any]] = {
    f"content/services/{MONEY}.yaml": {
        "more_sources": [{"name": "x"}],
        "forms": {"links": [{"title": "x", "url": "https://example.org/antrag"}]},
        # the second law stays a known law (see KEPT): its section becomes part of a URL
        "legal_basis": [
            {"law": "x", "section": "x", "url": "https://example.org/gesetz"},
            {"law": "SGB XII", "section": "x"},
        ],
        "responsible": {"authority_kind": "sozialamt", "note": "x"},
        "area": [{"ars": "01", "name": "x"}],
        "amounts": [{"id": "testsatz", "name": "x", "period": "x", "rates": "testsatz/stufe-1"}],
        "eligibility": ELIGIBILITY,
        "former_names": [{"name": "x", "changed": date(2020, 1, 1)}],
        "terms": [{"name": "x", "former_names": [{"name": "x", "changed": date(2020, 1, 1)}]}],
    },
    f"content/services/{MONEY}.en.yaml": {
        "documents": [{"name": "x", "note": "x"}],
        "fees": {"text": "x"},
        "deadlines": "x",
        "processing_time": "x",
        "appeal": "x",
        "notes": "x",
        "responsible_note": "x",
        "amounts": [{"id": "testsatz", "name": "x", "period": "x"}],
        "eligibility": ELIGIBILITY_TEXT,
    },
    # a law the tool does not know needs its own address
    f"content/services/{ASSISTANCE}.yaml": {
        "legal_basis": [{"law": "x", "section": "x", "url": "https://example.org/gesetz"}]
    },
    f"content/authorities/{WELFARE_OFFICE}.yaml": {
        "appointment_note": "x",
        "accessibility": {"wheelchair_accessible": True, "notes": "x"},
    },
    "content/site.yaml": {
        "operator": {"text": "x"},
        "fallback": {"address": {"street": "x", "postcode": "00101", "city": "x"}},
        "accessibility": {"translations": {"en": STATEMENT}},
        "branding": {
            "logo": {"file": "branding/logo.svg", "alt": "x"},
            "footer_links": [{"label": "x", "url": "https://example.org/"}],
        },
    },
    # the first entry is matched in an easy text (see KEPT and SUFFIX), so its explanation
    # is shown; the others are payloads through and through, and match nothing
    "content/glossary.yaml": {"en": [{"term": "x", "forms": ["x"], "explanation": "x"}]},
    "content/rates/testsatz.yaml": RATES,
}
#: values that stay as they are: a known law, so its section is put into an address; the
#: glossary term an easy text contains, so its explanation is shown
KEPT = {
    (f"content/services/{MONEY}.yaml", ("legal_basis", 1, "law")),
    ("content/glossary.yaml", ("de", 0, "term")),
    ("content/glossary.yaml", ("de", 0, "forms", 0)),
}
#: a line after the payload, in both builds: the kept glossary term
SUFFIX = {(f"content/services/{MONEY}.yaml", ("easy", "text")): "\nSie stellen einen Antrag."}

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'  # noqa: E501
MODELS: dict[str, type[BaseModel]] = {
    "content/site.yaml": schema.Site,
    "content/glossary.yaml": schema.Glossary,
    "content/synonyms.yaml": schema.Synonyms,
}


def _model(rel: str) -> type[BaseModel]:
    if rel in MODELS:
        return MODELS[rel]
    if rel.startswith("content/services/"):
        return schema.ServiceTranslation if rel.count(".") == 2 else schema.Service
    if rel.startswith("content/authorities/"):
        return schema.Authority
    return schema.RateTable


class _Dumper(yaml.SafeDumper):
    """Block lists indented under their key, as editors write them (the XZuFi import adds
    authority kinds as indented lines), and keys such as "01999" in quotes."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = '"' if needs_quotes(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(data: Any) -> str:
    """YAML with every value on one line (a folded line could start with a scheme)."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1 << 20)


def _merge(base: Any, grown: Any) -> Any:
    if isinstance(base, dict) and isinstance(grown, dict):
        return {**base, **{k: _merge(base.get(k), v) for k, v in grown.items()}}
    return grown


def grown_content() -> dict[str, Any]:
    """The fixture's YAML content files as data, with :data:`GROWN` merged in."""
    out = {}
    for rel, text in CONTENT.items():
        if rel.endswith(".yaml"):
            out[rel] = _merge(yaml.safe_load(text), GROWN.get(rel, {}))
    for rel, data in GROWN.items():
        out.setdefault(rel, data)
    return out


# --- which values are text ---------------------------------------------------------------------


def _is_text(metadata: list[Any]) -> bool:
    return any(getattr(m, "func", None) is schema._plain for m in metadata)


def _field_type(model: type[BaseModel], key: str) -> Any:
    for name, info in model.model_fields.items():
        if key in (name, info.alias):
            return (
                typing.Annotated[(info.annotation, *info.metadata)]
                if info.metadata
                else (info.annotation)
            )
    extra = model.__annotations__.get("__pydantic_extra__")
    if extra is not None and model.model_config.get("extra") == "allow":
        return schema.Markdown if "Markdown" in str(extra) else schema.Text
    raise KeyError(f"{model.__name__} has no field {key!r}")


def _branches(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return [a for a in typing.get_args(annotation) if a is not type(None)]
    return [annotation]


def text_paths(annotation: Any, value: Any, path: tuple = (), name: str = "") -> Iterator:
    """``(path, field)`` of every text value (a ``Text`` or ``Markdown`` field) in
    ``value``; ``field`` is the path as :func:`schema_fields` writes it."""
    for branch in _branches(annotation):
        if typing.get_origin(branch) is typing.Annotated:
            base, *meta = typing.get_args(branch)
            if _is_text(meta) and isinstance(value, str):
                yield path, name
                return
            yield from text_paths(base, value, path, name)
            return
        origin = typing.get_origin(branch)
        if origin is list and isinstance(value, list):
            for i, item in enumerate(value):
                yield from text_paths(typing.get_args(branch)[0], item, (*path, i), name + "[]")
            return
        if origin is dict and isinstance(value, dict):
            for key, item in value.items():
                yield from text_paths(typing.get_args(branch)[1], item, (*path, key), name + "{}")
            return
        if isinstance(branch, type) and issubclass(branch, BaseModel) and isinstance(value, dict):
            for key, item in value.items():
                inner = f"{name}.{key}" if name else key
                yield from text_paths(_field_type(branch, key), item, (*path, key), inner)
            return


def schema_fields(annotation: Any, prefix: str = "") -> Iterator[str]:
    """Every text field the schema declares, as ``a.b[].c`` (``{}`` for a mapping)."""
    for branch in _branches(annotation):
        if typing.get_origin(branch) is typing.Annotated:
            base, *meta = typing.get_args(branch)
            if _is_text(meta):
                yield prefix
            else:
                yield from schema_fields(base, prefix)
        elif typing.get_origin(branch) is list:
            yield from schema_fields(typing.get_args(branch)[0], prefix + "[]")
        elif typing.get_origin(branch) is dict:
            yield from schema_fields(typing.get_args(branch)[1], prefix + "{}")
        elif isinstance(branch, type) and issubclass(branch, BaseModel):
            for name, info in branch.model_fields.items():
                key = f"{prefix}.{info.alias or name}" if prefix else (info.alias or name)
                yield from schema_fields(_field_type(branch, info.alias or name), key)


def _set(data: Any, path: tuple, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


# --- one example: a payload for every text field ------------------------------------------------


@dataclass
class Payloads:
    """The payload of every field in one example, by marker."""

    #: marker -> (where: file and field, the payload, the same words without escapes)
    fields: dict[str, tuple[str, str, str]] = field(default_factory=dict)

    def add(self, where: str, body: str) -> tuple[str, str]:
        marker = f"Zq{len(self.fields):03d}"
        hostile = f"{marker} {body}"
        self.fields[marker] = (where, hostile, clean(hostile))
        return hostile, clean(hostile)


payload_bodies = st.builds(
    lambda required, extra, end: " ".join(required + extra) + (f" {TAG_AT_END}" if end else ""),
    st.permutations(REQUIRED),
    st.lists(st.sampled_from(EXTRA), max_size=3, unique=True),
    st.booleans(),
)


@dataclass
class Project:
    """The content files of one build, hostile or clean."""

    files: dict[str, str] = field(default_factory=dict)
    xzufi: str = ""


def projects(bodies: Iterator[str], payloads: Payloads) -> tuple[Project, Project]:
    """The hostile and the clean project of one example: every text field of every file
    gets the next payload body."""
    hostile, tame = Project(), Project()
    for rel, data in grown_content().items():
        model = _model(rel)
        bad, good = copy.deepcopy(data), copy.deepcopy(data)
        for path, name in list(text_paths(model, data)):
            if (rel, path) in KEPT:
                continue
            suffix = SUFFIX.get((rel, path), "")
            body = untagged(next(bodies)) if suffix else next(bodies)
            dirty, plain = payloads.add(f"{rel}: {name}", body)
            _set(bad, path, dirty + suffix)
            _set(good, path, plain + suffix)
        for project, content in ((hostile, bad), (tame, good)):
            project.files[rel] = dump(content)
    for project in (hostile, tame):
        project.files["content/branding/logo.svg"] = LOGO
    _pages(hostile, tame, bodies, payloads)
    _places(hostile, tame, bodies, payloads)
    _xzufi(hostile, tame, bodies, payloads)
    return hostile, tame


def _pages(hostile: Project, tame: Project, bodies: Iterator[str], payloads: Payloads) -> None:
    """A page with metadata (title, description) and one whose title is its heading."""
    # the page is checked for HTML as a whole: a "<img" at the end of its title would meet
    # the ">" of a later "<>", which validation refuses as a tag
    texts = [payloads.add(f"content/pages/{w}", untagged(next(bodies))) for w in PAGE_FIELDS]
    for project, i in ((hostile, 0), (tame, 1)):
        title, description, body, heading, rest = (t[i] for t in texts)
        meta = dump({"title": title, "description": description})
        project.files["content/pages/hinweise.md"] = f"---\n{meta}---\n\n{body}\n"
        project.files["content/pages/ohne-titel.md"] = f"# {heading}\n\n{rest}\n"


PAGE_FIELDS = (
    "hinweise.md: title",
    "hinweise.md: description",
    "hinweise.md: body",
    "ohne-titel.md: heading",
    "ohne-titel.md: body",
)


def _places(hostile: Project, tame: Project, bodies: Iterator[str], payloads: Payloads) -> None:
    """Place names in both places files: the lookup's data, and the areas the XZuFi import
    names from them."""
    rows = list(csv.reader(io.StringIO(CONTENT["content/places/municipalities.csv"])))
    codes = list(csv.reader(io.StringIO(CONTENT["content/places/postcodes.csv"])))
    out: dict[int, tuple[list[list[str]], list[list[str]]]] = {0: ([], []), 1: ([], [])}
    for i in (0, 1):
        out[i][0].append(rows[0])
        out[i][1].append(codes[0])
    districts: dict[str, tuple[str, str]] = {}
    for row in rows[1:]:
        name = payloads.add(f"municipalities.csv: name of {row[0]}", next(bodies))
        if row[2] not in districts:
            districts[row[2]] = payloads.add(f"municipalities.csv: district {row[2]}", next(bodies))
        for i in (0, 1):
            out[i][0].append([row[0], name[i], row[2], districts[row[2]][i], row[4], row[5]])
    for row in codes[1:]:
        places = payloads.add(f"postcodes.csv: places of {row[0]} in {row[1]}", next(bodies))
        for i in (0, 1):
            out[i][1].append([row[0], row[1], places[i]])
    for project, i in ((hostile, 0), (tame, 1)):
        for rel, table in (("municipalities", out[i][0]), ("postcodes", out[i][1])):
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerows(table)
            project.files[f"content/places/{rel}.csv"] = buffer.getvalue()


#: the words an imported service's id and an office's id are made of (the first 60
#: characters' worth): the same in both builds, so their pages have the same address
STABLE = "Beispielhilfe Import aus dem Leistungskatalog des Landes Testland"
XZUFI_MODULES = {  # text module code (leistungstextmodulleika) -> how its text is written
    "03": "{}",
    "05": "<p>{}</p>",
    "06": "<p>{}</p><p>{}</p>",
    "09": "<ul><li>{}</li><li>{}</li></ul>",
    "08": "<ul><li>{}</li></ul>",
    "11": "<ol><li>{}</li></ol>",
    "25": "<p>{}</p>",
    "14": "{}",
    "16": "<p>{}</p>",
    "18": "<p>{}</p>",
}


def _xzufi(hostile: Project, tame: Project, bodies: Iterator[str], payloads: Payloads) -> None:
    """An XZuFi file whose every imported text is a payload (written as the HTML text of a
    module, so the importer's HTML conversion is part of the way)."""

    def text(where: str, *, stable: bool = False) -> tuple[str, str]:
        body = untagged(next(bodies))
        return payloads.add(f"XZuFi: {where}", f"{STABLE} {body}" if stable else body)

    modules = []
    for code, shape in XZUFI_MODULES.items():
        parts = [text(f"module {code}", stable=code == "03") for _ in range(shape.count("{}"))]
        modules.append((code, shape, parts))
    described = [(name, text(name)) for name in ("modulKosten", "modulFrist")]
    unit = {k: text(f"organisationseinheit {k}", stable=k == "name") for k in ("name", "ort")}
    online = text("onlinedienst bezeichnung")
    for project, i in ((hostile, 0), (tame, 1)):
        body = "".join(
            f'<x:modulText><x:inhalt languageCode="de">'
            f"{xml_escape(shape.format(*(html.escape(p[i], quote=False) for p in parts)))}"
            f"</x:inhalt><x:leikaTextmodul><code>{code}</code></x:leikaTextmodul></x:modulText>"
            for code, shape, parts in modules
        )
        body += "".join(
            f'<x:{name}><x:beschreibung languageCode="de">'
            f"{xml_escape(html.escape(value[i], quote=False))}</x:beschreibung></x:{name}>"
            for name, value in described
        )
        project.xzufi = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<x:xzufiObjekte xmlns:x="http://xoev.de/schemata/xzufi/2_2_0"><x:schreibe>'
            f"<x:leistung><x:id>L-1</x:id>{body}</x:leistung>"
            "<x:organisationseinheit><x:id>OE-1</x:id>"
            f'<x:name><x:name languageCode="de">{xml_escape(unit["name"][i])}</x:name></x:name>'
            "<x:anschrift><x:strasse>Probeweg</x:strasse><x:postleitzahl>00101</x:postleitzahl>"
            f"<x:ort>{xml_escape(unit['ort'][i])}</x:ort></x:anschrift>"
            "<x:zustaendigkeit><x:leistungID>L-1</x:leistungID><x:gebietID>01999</x:gebietID>"
            "</x:zustaendigkeit></x:organisationseinheit>"
            f'<x:onlinedienst><x:id>OD-1</x:id><x:bezeichnung languageCode="de">'
            f"{xml_escape(online[i])}</x:bezeichnung>"
            "<x:link><x:link>https://example.org/online</x:link></x:link>"
            "<x:zustaendigkeit><x:leistungID>L-1</x:leistungID></x:zustaendigkeit>"
            "</x:onlinedienst></x:schreibe></x:xzufiObjekte>\n"
        )


def build(root: Path, project: Project) -> Path:
    """Write the small project with ``project``'s files, import its XZuFi file, build."""
    small_project(root, project.files)
    source = root / "import.xml"
    source.write_text(project.xzufi, encoding="utf-8")
    # what has no field is not this test's subject (tests/test_xzufi.py reports it)
    import_files([source], root, today=TODAY, release_date=TODAY.isoformat(), allow_unmapped=True)
    return build_in_process(root, strict=False, use_cache=False)


# --- reading the pages as a browser would ----------------------------------------------------


class _Page(HTMLParser):
    """Elements with their attribute names, and every text and attribute value."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shape: list[tuple[str, tuple[str, ...]]] = []
        self.texts: list[str] = []
        self.values: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.json_blocks: list[str] = []
        self._json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.shape.append((tag, tuple(name for name, _ in attrs)))
        for name, value in attrs:
            self.values.append((tag, name, value or ""))
        self._json = tag == "script" and "json" in (dict(attrs).get("type") or "")
        if self._json:
            self.json_blocks.append("")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._json = False

    def handle_endtag(self, tag: str) -> None:
        self.shape.append((f"/{tag}", ()))
        self._json = False

    def handle_data(self, data: str) -> None:
        if self._json:
            self.json_blocks[-1] += data
        else:
            self.texts.append(data)

    def handle_comment(self, data: str) -> None:
        self.shape.append(("<!--", ()))


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def json_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from json_strings(key)
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


#: fields no page shows, and why; every other field's payload must appear in a page
NOT_SHOWN = {
    "content/site.yaml: operator.text": "the imprint shows the operator's address only",
    "content/site.yaml: authority_kinds[].en": "the list of offices is a German page",
    "content/synonyms.yaml: groups[][]": "search words: the search index holds their stems",
    "content/rates/testsatz.yaml: name": "a rates table's names are for editors",
    "content/rates/testsatz.yaml: law": "a rates table's names are for editors",
    "content/rates/testsatz.yaml: series[].name": "a rates table's names are for editors",
    "content/rates/testsatz.yaml: source.name": "an amount names the service's sources",
    # matched in easy-language texts only, and a payload matches no text
    "content/glossary.yaml: de[].term": "a term is shown where a text contains it",
    "content/glossary.yaml: de[].forms[]": "a term is shown where a text contains it",
    "content/glossary.yaml: de[].explanation": "shown with its term",
    "content/glossary.yaml: en[].term": "a term is shown where a text contains it",
    "content/glossary.yaml: en[].forms[]": "a term is shown where a text contains it",
    "content/glossary.yaml: en[].explanation": "shown with its term",
}


def test_every_text_field_of_the_schema_gets_a_payload():
    """The grown project holds every text field the schema declares: a field added to the
    schema fails here until the project above holds it."""
    covered = {
        (_model(rel).__name__, name)
        for rel, data in grown_content().items()
        for _, name in text_paths(_model(rel), data)
    }
    declared = {
        (model.__name__, name)
        for model in schema.MODELS.values()
        # the "not here" list reaches pages only through the search script, which writes
        # its texts with textContent (tests/browser/test_search_rules.py)
        if model is not schema.Elsewhere
        for name in schema_fields(model)
    }
    assert declared - covered == set()


@dataclass
class Site:
    root: Path
    pages: dict[str, _Page]
    data: list[str]  # every string of every JSON file


def read_site(site: Path) -> Site:
    pages = {p.relative_to(site).as_posix(): parse(p) for p in sorted(site.rglob("*.html"))}
    strings: list[str] = []
    for path in sorted(site.rglob("*.json")):
        strings += json_strings(json.loads(path.read_text(encoding="utf-8")))
    return Site(site, pages, strings)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("escaping")


EXAMPLES = settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: every step is a whole build
    # one payload per text field: the smallest example is as large as the schema is wide
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.large_base_example,
    ],
)
_builds = iter(range(1000))


@EXAMPLES
@given(st.data())
def test_every_payload_lands_as_text(workspace: Path, data: st.DataObject):
    payloads = Payloads()
    bodies = iter(lambda: data.draw(payload_bodies), None)
    hostile, tame = projects(bodies, payloads)
    n = next(_builds)
    dirty = read_site(build(workspace / f"hostile-{n}", hostile))
    plain = read_site(build(workspace / f"clean-{n}", tame))
    findings = compare(dirty, plain, payloads)
    assert not findings, "\n".join(findings[:40])


def page_texts(page: _Page) -> Iterator[str]:
    """What the page shows or says as text: its text, its attribute values (the strings
    of those that hold JSON), not its addresses (percent-encoded; checked on their own)."""
    yield from page.texts
    for _, attr, value in page.values:
        if attr in ("href", "src", "action"):
            continue
        if value[:1] in "[{":
            try:
                yield from json_strings(json.loads(value))
                continue
            except ValueError:
                pass
        yield value


def compare(dirty: Site, plain: Site, payloads: Payloads) -> list[str]:
    """Every way the payload build differs from the clean one but in its words."""
    findings: list[str] = []
    assert dirty.pages.keys() == plain.pages.keys()
    shown: set[str] = set()
    for name, page in dirty.pages.items():
        other = plain.pages[name]
        if page.shape != other.shape:
            findings.append(f"{name}: {_first_difference(page.shape, other.shape)}")
        for tag, attr, value in page.values:
            if attr in ("href", "src", "action") and url_problem(value):
                findings.append(f"{name}: <{tag} {attr}={value[:80]!r}>: {url_problem(value)}")
        for block in page.json_blocks:
            try:
                json.loads(block)
            except ValueError:
                findings.append(f"{name}: a JSON block no longer parses: {block[:120]!r}")
        for text in page_texts(page):
            for found in MARKER.finditer(text):
                marker = found.group()
                where, expected, _ = payloads.fields[marker]
                rest = text[found.start() :]
                if rest.startswith(expected):
                    shown.add(marker)
                elif not expected.startswith(rest):
                    findings.append(f"{name}: {where}: shown as {rest[:100]!r}")
    for text in dirty.data:
        for found in MARKER.finditer(text):
            if text[found.start() :].startswith(payloads.fields[found.group()][1]):
                shown.add(found.group())
    for marker, (where, _, _) in payloads.fields.items():
        if marker not in shown and where not in NOT_SHOWN:
            findings.append(f"{where}: the payload appears nowhere whole")
    return findings


def _first_difference(a: list, b: list) -> str:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return f"element {i}: {x} where the clean build has {y}"
    return f"{len(a)} elements where the clean build has {len(b)}"
