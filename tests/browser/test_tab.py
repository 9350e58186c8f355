"""The tab the browser tests share (tests/browser/conftest.py): what one test leaves in
it, the next does not find."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP

pytestmark = pytest.mark.browser

SERVICE = "leistungen/hilfe-zum-lebensunterhalt/"


def test_a_tab_is_emptied_between_tests(tab, base_url: str):
    page = tab.fresh()
    page.goto(base_url + SERVICE)
    page.evaluate("localStorage.setItem('sf-left', '1'); sessionStorage.setItem('sf-left', '1')")
    page.route("**/*.css", lambda route: route.abort())
    page.emulate_media(media="print", color_scheme="dark", forced_colors="active")
    page.set_viewport_size({"width": 320, "height": 500})
    page.context.grant_permissions(["geolocation"])
    page = tab.fresh()
    assert page.url == "about:blank"
    assert page.viewport_size == DESKTOP
    page.goto(base_url + SERVICE)
    assert page.evaluate("[localStorage.length, sessionStorage.length]") == [0, 0]
    assert page.evaluate(
        "matchMedia('screen').matches && matchMedia('(prefers-color-scheme: light)').matches"
    )
    assert page.evaluate("matchMedia('(forced-colors: none)').matches")
    # the style sheets load again: no route of the earlier test is left
    assert page.evaluate("document.styleSheets.length") > 0
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != ""
    state = page.evaluate("navigator.permissions.query({name: 'geolocation'}).then(p => p.state)")
    assert state == "prompt"


def test_a_closed_tab_is_opened_again(tab):
    tab.fresh().close()
    page = tab.fresh()
    assert not page.is_closed() and page.url == "about:blank"
