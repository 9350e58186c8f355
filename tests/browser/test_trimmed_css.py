"""Trimming the theme's stylesheet changes nothing a reader sees: every element of the key
pages has the same computed style with the trimmed file as with Material's full one."""

from __future__ import annotations

import json
from pathlib import Path

import material
import pytest

pytestmark = pytest.mark.browser

THEME_CSS = Path(material.__file__).parent / "templates/assets/stylesheets"
PAGES = [
    "",
    "leistungen/hilfe-zum-lebensunterhalt/",
    "leistungen/hilfe-zum-lebensunterhalt/leichte-sprache/",
    "en/services/eingliederungshilfe/",
    "behoerden/landkreis-northeim-eingliederungshilfe/",
    "leistungen/",
    "suche/?q=Schulden",  # an answer, and a service that only mentions the word
    "meine-stellen/",
    "redaktion/",
    "barrierefreiheit/",
]
STYLES = """() => Array.from(document.querySelectorAll('*'), (e) => {
  const s = getComputedStyle(e);
  const props = {};
  // custom properties (--x) are left out: they keep their source text, which the
  // serializer may quote differently; every property that uses one is compared
  for (const p of s) if (!p.startsWith('--')) props[p] = s.getPropertyValue(p);
  return [e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className, JSON.stringify(props)];
})"""


def styles(page, url: str, *, full: bool) -> list:
    page.unroute("**/*")
    if full:

        def original(route):
            # the trimmed file is named by its own bytes: Material's file of the same stem
            stem = route.request.url.rsplit("/", 1)[1].split(".")[0]
            (shipped,) = THEME_CSS.glob(f"{stem}.*.min.css")
            route.fulfill(path=shipped, content_type="text/css")

        page.route("**/assets/stylesheets/*.css", original)
    page.goto(url)
    if "?q=" in url:  # the results arrive after the index has loaded
        page.wait_for_selector("[data-sf-results] a")
    return page.evaluate(STYLES)


@pytest.mark.parametrize("width", [1280, 320])
def test_every_element_looks_the_same_as_with_the_full_theme(page, base_url: str, width: int):
    page.set_viewport_size({"width": width, "height": 900})
    for path in PAGES:
        trimmed = styles(page, base_url + path, full=False)
        full = styles(page, base_url + path, full=True)
        assert len(trimmed) == len(full) > 50, path
        for (name, a), (_, b) in zip(trimmed, full, strict=True):
            if a != b:
                a, b = json.loads(a), json.loads(b)
                diff = {k: (a.get(k), b.get(k)) for k in a | b if a.get(k) != b.get(k)}
                raise AssertionError(f"{path}: {name}: {str(diff)[:500]}")
