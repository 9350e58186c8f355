"""Trimming the theme's stylesheet changes nothing a reader sees: every element of the key
pages (and every pseudo-element and text the browser lays out) has the same computed style
with the trimmed file as with Material's full one. The styles of what is laid out come from
one layout snapshot of the browser's (DOMSnapshot), a fifth of the work of reading them
property by property from a script; those of elements not laid out are read so."""

from __future__ import annotations

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
#: every property a style has (custom properties, --x, are left out: they keep their
#: source text, which the serializer may quote differently; every property that uses one
#: is compared)
PROPERTIES = "[...getComputedStyle(document.documentElement)].filter(p => !p.startsWith('--'))"
#: the elements the browser does not lay out (display: none, or inside such an element),
#: which a layout snapshot leaves out: their styles, read one by one
UNRENDERED = """(props) => Array.from(document.querySelectorAll('*'), (e) => {
  if (e.checkVisibility()) return null;
  const s = getComputedStyle(e);
  return [e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className,
          props.map(p => s.getPropertyValue(p)).join('; ')];
}).filter(Boolean)"""


def styles(page, url: str, *, full: bool) -> dict[str, list]:
    """Every laid-out node's computed style (pseudo-elements and text included), from one
    layout snapshot of the browser's, and every element's that is not laid out."""
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
    props = page.evaluate(PROPERTIES)
    cdp = page.context.new_cdp_session(page)
    try:
        snap = cdp.send("DOMSnapshot.captureSnapshot", {"computedStyles": props})
    finally:
        cdp.detach()
    strings, doc = snap["strings"], snap["documents"][0]
    names, layout = doc["nodes"]["nodeName"], doc["layout"]
    laid_out = [
        # the document itself is laid out without a style of its own
        (strings[names[node]], dict(zip(props, (strings[v] for v in style), strict=bool(style))))
        for node, style in zip(layout["nodeIndex"], layout["styles"], strict=True)
    ]
    return {"laid out": laid_out, "not laid out": page.evaluate(UNRENDERED, props)}


@pytest.mark.parametrize("width", [1280, 320])
def test_every_element_looks_the_same_as_with_the_full_theme(page, base_url: str, width: int):
    page.set_viewport_size({"width": width, "height": 900})
    for path in PAGES:
        trimmed = styles(page, base_url + path, full=False)
        full = styles(page, base_url + path, full=True)
        assert len(trimmed["laid out"]) == len(full["laid out"]) > 50, path
        for (name, a), (_, b) in zip(trimmed["laid out"], full["laid out"], strict=True):
            if a != b:
                diff = {k: (a.get(k), b.get(k)) for k in a | b if a.get(k) != b.get(k)}
                raise AssertionError(f"{path}: {name}: {str(diff)[:500]}")
        assert len(trimmed["not laid out"]) == len(full["not laid out"]), path
        for (name, a), (_, b) in zip(trimmed["not laid out"], full["not laid out"], strict=True):
            assert a == b, f"{path}: {name} (not laid out)"
