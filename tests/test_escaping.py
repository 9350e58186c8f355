"""Every value is escaped where it lands: the page shell's templates (``site_overrides/``,
rendered by MkDocs' own Jinja environment) escape like the page bodies' do, and every
address passes the one URL check (``generator/content/urls.py``).

The property test over every text field of every content file is
``tests/test_escaping_property.py`` (tool tier); these are the quick cases of the
attack report: a logo's text alternative that opened an attribute of its own in every
page, and quotes in the site's name and description that ended the meta tags' content.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest

from generator.content.urls import UnsafeUrl, checked_url, url_problem
from generator.writer.mkdocs_adapter import escaping_theme
from tests.branding import make_branded_project
from tests.helpers import build_in_process

#: builds a whole site once for the module: make test only, not make check
pytestmark = pytest.mark.slow

ALT = 'Wappen" onload="alert(document.domain)'
NAME = "Servicefinder \"Muster' <> & `Land`"
DESCRIPTION = 'Beschreibung" x="1'
LABEL = "Website\" onclick='x()'"
PAGE_TITLE = 'Hinweise <> & "Fragen" &amp;'


class _Elements(HTMLParser):
    """Every element with its attributes, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _parsed(path: Path) -> _Elements:
    parser = _Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _yaml(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_branded_project(
        tmp_path_factory.mktemp("escaping"),
        replace=f"alt: Wappen des Landkreises Musterhausen (Beispiel) => alt: {_yaml(ALT)}",
    )
    site_yaml = project / "content" / "site.yaml"
    text = site_yaml.read_text(encoding="utf-8")
    text = text.replace("name: Servicefinder Musterhausen (Beispiel)", f"name: {_yaml(NAME)}")
    text = text.replace(
        "- label: Website des Landkreises Musterhausen (Beispiel)", f"- label: {_yaml(LABEL)}"
    )
    start = text.index("description: >-")
    end = text.index("branding:", start)
    text = text[:start] + f"description: {_yaml(DESCRIPTION)}\n" + text[end:]
    site_yaml.write_text(text, encoding="utf-8")
    (project / "content" / "pages" / "hinweise.md").write_text(
        f"---\ntitle: {_yaml(PAGE_TITLE)}\n---\n\nText.\n", encoding="utf-8"
    )
    (project / "content" / "pages" / "ueberschrift.md").write_text(
        "# Fragen & Antworten <>\n\nText.\n", encoding="utf-8"
    )
    return build_in_process(project)


@pytest.mark.parametrize("page", ["index.html", "404.html", "leistungen/testgeld/index.html"])
def test_the_shell_escapes_what_site_yaml_says(hostile_site: Path, page: str):
    parsed = _parsed(hostile_site / page)
    logos = [
        a for tag, a in parsed.elements if tag == "img" and a.get("class") == "sf-header__logo"
    ]
    assert len(logos) == 1
    assert set(logos[0]) == {"class", "src", "alt", "width", "height"}
    assert logos[0]["alt"] == ALT
    metas = {
        a.get("name") or a.get("property"): a.get("content")
        for tag, a in parsed.elements
        if tag == "meta"
    }
    if page != "404.html":  # the 404 page has no Open Graph tags
        assert metas.get("og:site_name") == NAME
    assert all(
        set(a) <= {"name", "property", "content", "charset", "http-equiv"}
        for tag, a in parsed.elements
        if tag == "meta"
    )
    assert NAME in parsed.title
    footer = [
        a for tag, a in parsed.elements if tag == "a" and a.get("href", "").startswith("https")
    ]
    assert any(set(a) == {"href"} for a in footer)
    assert not any(name.startswith("on") for _, a in parsed.elements for name in a)


def test_the_home_page_describes_itself_with_the_quote(hostile_site: Path):
    metas = [a for tag, a in _parsed(hostile_site / "index.html").elements if tag == "meta"]
    described = [a["content"] for a in metas if a.get("name") == "description"]
    assert described == [DESCRIPTION]


def _theme_env() -> jinja2.Environment:
    env = jinja2.Environment()
    env.filters["url"] = jinja2.pass_context(lambda context, value: f"normalised:{value}")
    return escaping_theme(env)


def test_the_theme_environment_escapes_and_checks_addresses():
    env = _theme_env()
    template = env.from_string('<a href="{{ u | url }}" title="{{ t }}">{{ t }}</a>')
    assert template.render(u="https://example.org/", t='"<x>') == (
        '<a href="normalised:https://example.org/" title="&#34;&lt;x&gt;">&#34;&lt;x&gt;</a>'
    )
    for address in ("javascript:alert(1)", " javascript:x", "java\tscript:x", "data:text/html,x"):
        with pytest.raises(UnsafeUrl):
            template.render(u=address, t="")


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("https://example.org/a?b=c#d", None),
        ("../leistungen/", None),
        ("#inhalt", None),
        ("mailto:a@example.org", None),
        ("tel:+4930", None),
        ("JavaScript:alert(1)", "the scheme javascript: is not allowed"),
        ("vbscript:x", "the scheme vbscript: is not allowed"),
        ("//outside.example/x", "leads to another host"),
        ("https://example.org/\u202eexe.pdf", "U+202E"),
        ('https://example.org/"x', "'\"'"),
        ("java\nscript:x", "U+000A"),
    ],
)
def test_one_url_check(address: str, problem: str | None):
    found = url_problem(address)
    if problem is None:
        assert found is None and checked_url(address) == address
    else:
        assert found is not None and problem in found
        with pytest.raises(UnsafeUrl):
            checked_url(address)


def test_a_page_title_is_text_and_a_heading_title_loses_only_its_markup(hostile_site: Path):
    """striptags took "<>" out of a title from metadata and decoded its "&amp;"; it is
    for titles MkDocs takes from a Markdown heading (HTML) only."""
    parsed = _parsed(hostile_site / "hinweise" / "index.html")
    assert parsed.title.startswith(f"{PAGE_TITLE} – ")
    og = [a["content"] for tag, a in parsed.elements if a.get("property") == "og:title"]
    assert og == [PAGE_TITLE]
    heading = _parsed(hostile_site / "ueberschrift" / "index.html")
    assert heading.title.startswith("Fragen & Antworten <> – ")


def test_a_law_section_stays_inside_its_address():
    from generator.content.laws import law_url

    assert law_url("SGB XII", "27a") == "https://www.gesetze-im-internet.de/sgb_12/__27a.html"
    address = law_url("SGB XII", '27a" onclick="x \u202e')
    assert address is not None and url_problem(address) is None
    assert address.endswith("__27a%22onclick%3D%22x%E2%80%AE.html")
