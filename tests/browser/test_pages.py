"""The built site in real Chromium: accessibility per axe-core, keyboard use, privacy.
(axe on every page runs in test_every_page.py, with the other checks of a visit.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import run_axe

pytestmark = pytest.mark.browser

KEY_PAGES = {
    "home": "",
    "service": "leistungen/hilfe-zum-lebensunterhalt/",
    "easy": "leistungen/hilfe-zum-lebensunterhalt/leichte-sprache/",
    "english": "en/services/eingliederungshilfe/",
    "authority": "behoerden/landkreis-northeim-eingliederungshilfe/",
    "a-z": "leistungen/",
}


def all_pages(site: Path) -> list[str]:
    return sorted(
        p.parent.relative_to(site).as_posix().removeprefix(".") + "/"
        for p in site.rglob("index.html")
    )


def test_axe_harness_reports_planted_faults(page, base_url: str):
    """The accessibility check can fail: faults planted into a real page are found."""
    page.goto(base_url + KEY_PAGES["service"])
    page.evaluate("""() => {
        document.querySelector('h1').insertAdjacentHTML('afterend',
          '<img src="x.svg"><p style="color:#aaa;background:#fff">blass</p><h4>Sprung</h4>');
    }""")
    found = {v["id"] for v in run_axe(page)}
    assert {"image-alt", "color-contrast", "heading-order"} <= found


def test_skip_link_is_first_and_moves_focus_to_the_content(page, base_url: str):
    page.goto(base_url + KEY_PAGES["service"])
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Zum Inhalt springen"
    assert page.evaluate("getComputedStyle(document.activeElement).top") != "-200px"
    page.keyboard.press("Enter")
    assert page.url.endswith("#inhalt")
    page.keyboard.press("Tab")
    # the first stop in the content is the switch to easy language
    assert page.evaluate("document.activeElement.textContent.trim()") == (
        "Diese Seite in Leichter Sprache"
    )
    assert page.evaluate("document.activeElement.closest('#inhalt') !== null")


def test_every_visible_link_is_reachable_by_keyboard_with_visible_focus(page, base_url):
    page.goto(base_url + KEY_PAGES["service"])
    expected = page.evaluate("""() => {
        const links = [...document.querySelectorAll('a[href], button, input')]
          .filter(a => a.getClientRects().length && getComputedStyle(a).visibility !== 'hidden');
        links.forEach((a, i) => a.dataset.sfProbe = i);
        return links.length;
    }""")
    assert expected > 40
    reached: set[str] = set()
    invisible_focus = []
    for _ in range(expected + 20):
        page.keyboard.press("Tab")
        probe = page.evaluate("""() => {
            const el = document.activeElement;
            const s = getComputedStyle(el);
            const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
                            || s.boxShadow !== 'none';
            return [el.dataset.sfProbe || null, visible, el.outerHTML.slice(0, 80)];
        }""")
        if probe[0] is not None:
            reached.add(probe[0])
            if not probe[1]:
                invisible_focus.append(probe[2])
    assert len(reached) == expected, f"reached {len(reached)} of {expected}"
    assert invisible_focus == []
    assert (
        page.evaluate(
            "[...document.querySelectorAll('[tabindex]')].filter(e => e.tabIndex > 0).length"
        )
        == 0
    )


def test_service_to_easy_variant_and_back_by_keyboard(page, base_url: str):
    page.goto(base_url + KEY_PAGES["service"] + "#inhalt")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/leichte-sprache/")
    assert page.inner_text("h1") == "Geld zum Leben vom Sozialamt"
    page.goto(page.url + "#inhalt")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Ausführliche Fassung"
    page.keyboard.press("Enter")
    page.wait_for_url("**/hilfe-zum-lebensunterhalt/")
    assert page.inner_text("h1") == "Hilfe zum Lebensunterhalt beantragen"


def test_easy_pages_carry_their_language(page, base_url: str):
    for url, lang in [
        ("leistungen/hilfe-zum-lebensunterhalt/leichte-sprache/", "de"),
        ("leichte-sprache/", "de"),
        ("en/services/hilfe-zum-lebensunterhalt/easy-read/", "en"),
        ("en/easy-read/", "en"),
    ]:
        page.goto(base_url + url)
        assert page.get_attribute("html", "lang") == lang
        content_lang = page.evaluate("document.querySelector('#inhalt').closest('[lang]').lang")
        assert content_lang == lang, url
        # the easy variant's type is larger than the standard page's 0.85rem body text
        size = page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('.sf-easy')).fontSize)"
        )
        assert size >= 19, (url, size)


def test_english_content_is_announced_in_english(page, base_url: str):
    page.goto(base_url + KEY_PAGES["english"])
    assert page.get_attribute("html", "lang") == "en"
    assert page.get_attribute("#inhalt", "lang") is None  # the page's language, from <html>
    h1_lang = page.evaluate("document.querySelector('h1').closest('[lang]').lang")
    assert h1_lang == "en"


def test_small_screen_has_no_horizontal_scrolling(tab, base_url: str):
    page = tab.fresh({"width": 320, "height": 640})
    for url in KEY_PAGES.values():
        page.goto(base_url + url)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at 320px"
    # the header search stays usable at 320 px: in the open menu, visible, not cut off
    page.click(".sf-menu__button")
    box = page.locator("#sf-header-q").bounding_box()
    assert box and box["width"] >= 60 and box["x"] + box["width"] <= 320
