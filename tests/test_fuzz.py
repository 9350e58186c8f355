"""Property-based tests: whatever a service file holds, the tool answers with problems,
never with an exception; a file that passes validation always renders; no page ever
carries markup a file smuggled in. Fixed seed and bounded examples, so CI is repeatable."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser

import jinja2
import jinja2.bccache
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.catalogue import load_catalogue
from generator.content.load import parse_text
from generator.content.schema import Service
from generator.content.validate import validate_document
from generator.site.render import Renderer
from tests.helpers import REPO, TODAY

CATALOGUE, _ = load_catalogue(REPO / "content", root=REPO, today=TODAY)
TOPICS = [t.id for t in CATALOGUE.site.topics]
SETTINGS = settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](data:text/html,<b>)",
    '<a href="#" onclick="x()">a</a>',
    "\x00\x01",
    "{{ 7*7 }}",
    "{% raw %}",
    "*" * 3000,
    "ä" * 50,
    "</div></main>",
    "<!-- x -->",
    "&lt;script&gt;",
    "\u202e\u2066",
    "a\nb\n- c",
    "# Überschrift",
    "| a | b |",
    "<svg/onload=alert(1)>",
]
plain = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_characters="<>\x00", exclude_categories=["Cs", "Cc"]
    ),
    min_size=1,
    max_size=80,
).filter(lambda s: s.strip())
slug = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)


@st.composite
def services(draw) -> dict:
    return {
        "id": draw(slug),
        "title": draw(plain),
        "summary": draw(plain),
        "topics": draw(st.lists(st.sampled_from(TOPICS), min_size=1, max_size=3, unique=True)),
        "keywords": draw(st.lists(plain, max_size=3)),
        "as_of": draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))),
        "source": {"name": draw(plain)},
        "description": draw(plain),
        "requirements": draw(st.lists(plain, max_size=3)),
        "documents": [{"name": n} for n in draw(st.lists(plain, max_size=3))],
        "fees": {"text": draw(plain)},
        "process": draw(st.lists(plain, max_size=3)),
        "forms": {
            k: draw(st.booleans())
            for k in (
                "available",
                "online",
                "written_form_required",
                "informal_application",
                "personal_appearance",
            )
        },
        "amounts": [
            {
                "id": "betrag",
                "name": draw(plain),
                "values": [{"from": draw(st.dates()), "eur": draw(st.floats(0, 1e6))}],
            }
        ],
        "responsible": {"authority_kind": "sozialamt"},
        "easy": {"title": draw(plain), "text": draw(plain)},
    }


def anything():
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True),
        st.sampled_from(HOSTILE),
        st.lists(st.sampled_from(HOSTILE), max_size=2),
        st.dictionaries(
            st.sampled_from(["a", "name", "text"]), st.sampled_from(HOSTILE), max_size=2
        ),
    )


@st.composite
def mutated(draw) -> str:
    data = draw(services())
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from(sorted(data)))
        action = draw(st.sampled_from(["replace", "delete", "unknown", "nest"]))
        if action == "replace":
            data[key] = draw(anything())
        elif action == "delete":
            data.pop(key, None)
        elif action == "unknown":
            data[draw(st.sampled_from(["titel", "Title", "x-extra", "über"]))] = draw(anything())
        elif isinstance(data.get(key), dict) and data[key]:
            inner = draw(st.sampled_from(sorted(data[key])))
            data[key][inner] = draw(anything())
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if draw(st.booleans()):  # damage the text itself
        at = draw(st.integers(0, len(text)))
        text = (
            text[:at]
            + draw(st.sampled_from(["\t", ":", "- ", "&a", "*a", "[", "'", "\n  x"]))
            + text[at:]
        )
    return text


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory and shared by every example's renderer: each
    example needs a renderer of its own catalogue, but not a fresh compile of the same
    template sources (Jinja keys the entries by each template's source)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


COMPILED = _CompiledTemplates()


def render(service: Service) -> str:
    catalogue = replace(CATALOGUE, services=(service, *CATALOGUE.services))
    renderer = Renderer(REPO / "templates", catalogue, TODAY)
    renderer.env.bytecode_cache = COMPILED
    return "".join(p.html for p in renderer._service_pages(service))


class _Tags(HTMLParser):
    """What a browser would act on: real elements and attributes, not escaped text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        #: the text of each JSON-LD block: data for search engines, never run
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = dict(attrs)
        if tag == "script" and given.get("type") in {"application/ld+json", "application/json"}:
            self._in_json_ld = True  # a data block: parsed as JSON below, never run
            self.json_ld.append("")
        elif tag == "script" and _own_script(given):
            pass
        elif tag in {"script", "iframe", "object", "embed", "img", "svg", "style", "form"}:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "formaction"}:
                self.found.append(f"{tag}[{name}]")
            if name in {"href", "src"} and re.match(
                r"\s*(javascript|data|vbscript):", value or "", re.IGNORECASE
            ):
                self.found.append(f"{tag}[{name}={value}]")

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld[-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_json_ld = False


def _own_script(attrs: dict[str, str | None]) -> bool:
    """The site's own deferred scripts from assets/ (no inline code)."""
    src = attrs.get("src") or ""
    return bool(re.fullmatch(r"(\.\./)*assets/[a-z.-]+\.js", src)) and "defer" in attrs


_DATA_BLOCK = re.compile(r'<script type="application/(?:ld\+)?json"[^>]*>(.*?)</script>', re.S)


def assert_inert(html: str) -> None:
    # a data block's text must not be able to end its element or open another
    assert all("<" not in block for block in _DATA_BLOCK.findall(html))
    parser = _Tags()
    parser.feed(html)
    # the lookup's own form is part of the template, not of the content
    assert [f for f in parser.found if f != "<form>"] == []
    # structured data stays data: each block is whole JSON, so no text closed it early
    for block in parser.json_ld:
        json.loads(block)


@SETTINGS
@given(services())
@pytest.mark.slow
def test_a_valid_file_always_validates_and_renders(data: dict):
    doc, problems = parse_text(yaml.safe_dump(data, allow_unicode=True), "x.yaml")
    assert problems == []
    service, problems = validate_document(doc, Service)
    assert problems == [], [p.format() for p in problems]
    assert_inert(render(service))


@SETTINGS
@given(mutated())
def test_any_file_gets_problems_with_positions_never_an_exception(text: str):
    doc, problems = parse_text(text, "x.yaml")
    if doc is not None and not problems:
        service, problems = validate_document(doc, Service)
    else:
        service = None
    for p in problems:
        assert p.file == "x.yaml" and p.line >= 1 and p.column >= 1
        assert p.message and "Traceback" not in p.message
    if service is not None and not problems:
        assert_inert(render(service))


markup = st.one_of(
    st.sampled_from(HOSTILE),
    st.builds(
        lambda tag, attr, value: f"<{tag} {attr}={value!r}>x</{tag}>",
        st.sampled_from(["a", "img", "div", "iframe", "script", "svg", "object", "p"]),
        st.sampled_from(["href", "src", "onclick", "onload", "style", "formaction"]),
        st.sampled_from(["javascript:alert(1)", "data:text/html,x", "alert(1)", "#"]),
    ),
)


@SETTINGS
@given(
    st.lists(markup, min_size=1, max_size=4),
    st.sampled_from(["title", "summary", "description", "notes", "requirements", "easy"]),
)
@pytest.mark.slow
def test_markup_that_bypassed_validation_never_reaches_a_page(fragments, field):
    """The renderer's own wall: even text no validator saw is escaped or sanitised."""
    base = CATALOGUE.services[0]
    text = "\n\n".join(fragments)
    value = {
        "requirements": [text],
        "easy": base.easy.model_copy(update={"text": text, "title": text}),
    }
    service = base.model_copy(update={field: value.get(field, text)})
    assert_inert(render(service))
