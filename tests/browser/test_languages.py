"""Every language in real Chromium: <html lang dir>, no text of another language without
its lang, the first 20 Tab stops in the page's language, the lookup answering in the
page's language, Arabic right to left and reflowing at 320 px. The first two, and the
reflow, are checked on every page in test_every_page.py with :data:`IDENTIFY` from here.

Which language a text is in is checked twice: at the source (every interface string comes
from the page language's strings file, every passage of other content carries lang, see
components.html) and here, by a small identifier run on every text node of four words or
more: its script (Cyrillic, Arabic) or, for Latin script, the function words of German,
English and Turkish it contains. A node it identifies must sit inside an element whose
lang is that language.
"""

from __future__ import annotations

import pytest

from generator.content import routes
from generator.site import i18n
from tests.browser.a11y_checks import reflow_problems
from tests.browser.test_lookup import ANSWER, INPUT, tab_to

pytestmark = pytest.mark.browser

LANGS = ("en", "uk", "ar", "tr")
SERVICE = "hilfe-zum-lebensunterhalt"
SITE_NAME = "Servicefinder Soziales"

IDENTIFY = """() => {
  const STOP = {
    de: ('der die das und ist sie mit für den dem zum zur nicht oder wenn ein eine auf von bei '
         + 'wird können').split(' '),
    en: 'the and is you your of for to with or if an on in are can this that'.split(' '),
    tr: 've bir bu için ile veya da de olarak size sizin ne değil her daha'.split(' '),
  };
  function identify(text) {
    const letters = text.match(/\\p{L}/gu) || [];
    const cyr = (text.match(/\\p{Script=Cyrillic}/gu) || []).length;
    const arab = (text.match(/\\p{Script=Arabic}/gu) || []).length;
    if (cyr > letters.length / 2) return 'uk';
    if (arab > letters.length / 2) return 'ar';
    const words = text.toLowerCase().match(/\\p{L}+/gu) || [];
    const score = {};
    for (const lang in STOP) score[lang] = words.filter(w => STOP[lang].includes(w)).length;
    const ranked = Object.entries(score).sort((a, b) => b[1] - a[1]);
    if (ranked[0][1] >= 2 && ranked[0][1] > ranked[1][1]) return ranked[0][0];
    return null;
  }
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('script, style, noscript')) continue;
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if ((text.match(/\\p{L}+/gu) || []).length < 4) continue;
    const found = identify(text);
    const marked = (el.closest('[lang]') || document.documentElement).lang.slice(0, 2);
    if (found && found !== marked)
      out.push(found + ' text in lang=' + marked + ': ' + text.slice(0, 70));
  }
  return out;
}"""


def test_source_language_pages_mark_every_other_language(page, base_url: str):
    for url in ("", "leistungen/hilfe-zum-lebensunterhalt/", "suche/", "barrierefreiheit/"):
        page.goto(base_url + url)
        assert page.evaluate(IDENTIFY) == [], url


def test_the_identifier_finds_unmarked_text(page, base_url: str):
    page.goto(base_url + f"tr/services/{SERVICE}/")
    page.evaluate("""() => {
        const p = document.createElement('p');
        p.textContent = 'Die Formulare bekommen Sie bei Ihrem Sozialamt und nicht online.';
        document.querySelector('#inhalt').appendChild(p);
    }""")
    assert len(page.evaluate(IDENTIFY)) == 1


@pytest.mark.parametrize("lang", LANGS)
def test_first_twenty_tab_stops_are_in_the_pages_language(page, base_url: str, lang: str):
    page.goto(base_url + routes.service(SERVICE, lang))
    stops = []
    for _ in range(20):
        page.keyboard.press("Tab")
        stops.append(
            page.evaluate("""() => {
                const el = document.activeElement;
                const text = el.innerText || el.value || el.getAttribute('aria-label') || '';
                return {text: text.trim(),
                        lang: (el.closest('[lang]') || document.documentElement).lang,
                        hreflang: el.getAttribute('hreflang'),
                        switch: !!el.closest('.sf-languages, .sf-variants')};
            }""")
        )
    assert stops[0]["text"] == i18n.SHELL[lang]["skip"]
    for stop in stops:
        # language switch entries name each language in itself, marked with its lang
        if stop["switch"] and stop["hreflang"]:
            assert stop["lang"] == stop["hreflang"], stop
        elif stop["text"] == SITE_NAME:
            # the site's name is a German proper name, marked as German for every voice
            assert stop["lang"] == "de", stop
        else:
            assert stop["lang"] == lang, stop
    texts = [s["text"] for s in stops]
    assert i18n.SHELL[lang]["search_button"] in texts or i18n.LABELS[lang]["home"] in texts


@pytest.mark.parametrize("lang", LANGS)
def test_lookup_answers_in_the_pages_language(page, base_url: str, lang: str):
    page.goto(base_url + routes.service(SERVICE, lang))
    tab_to(page, INPUT)
    page.keyboard.type("37154")
    page.wait_for_function(
        "(s) => document.querySelector(s).textContent.trim().length > 0", arg=ANSWER
    )
    text = page.inner_text(ANSWER)
    assert i18n.LOOKUP[lang]["responsible_for"].split("{place}")[0].strip() in text
    assert page.evaluate(IDENTIFY) == []
    address_lang = page.evaluate(f"document.querySelector('{ANSWER} .sf-address').lang")
    assert address_lang == "de"  # office data is German, and says so
    page.fill(INPUT, "99999")
    page.press(INPUT, "Enter")
    page.wait_for_function(
        "(t) => document.querySelector('[data-sf-answer]').textContent.includes(t)",
        arg=i18n.SHELL[lang]["fallback_text"][:20],
    )


@pytest.mark.parametrize("width", [320, 1280])
def test_arabic_reflows_right_to_left(tab, base_url: str, width: int):
    """Right to left at both widths; that every Arabic page reflows without being cut off
    is checked with every other page (test_every_page.py)."""
    page = tab.fresh({"width": width, "height": 800})
    page.goto(base_url + routes.service(SERVICE, "ar"))
    assert reflow_problems(page) == []
    # the content starts at the right edge: the h1's right side is near the viewport's
    box = page.locator("h1").bounding_box()
    assert box and width - (box["x"] + box["width"]) < width * 0.3
    # phone numbers and amounts read left to right inside the Arabic text
    assert (
        page.evaluate("getComputedStyle(document.querySelector('a[href^=\"tel:\"]')).direction")
        == "ltr"
    )
