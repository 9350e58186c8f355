"""The second example branding (fictional Musterhausen: green, a logo, tab icons, footer
links) in real Chromium: axe finds nothing on the key page types, in normal and forced
colours, the Nu checker finds nothing, and the chosen colours are what the browser paints."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.branding import make_branded_project
from tests.browser.conftest import describe, run_axe, served
from tests.helpers import run_cli
from tests.project_fixture import ASSISTANCE_OFFICE, MONEY
from tests.test_html_validity import vnu

pytestmark = pytest.mark.browser

KEY_PAGES = {
    "home": "",
    "service": f"leistungen/{MONEY}/",
    "easy": f"leistungen/{MONEY}/leichte-sprache/",
    "search": "suche/",
    "authority": f"behoerden/{ASSISTANCE_OFFICE}/",
}
GREEN = "rgb(30, 107, 58)"  # #1e6b3a, the example's primary colour


@pytest.fixture(scope="module")
def branded_site(tmp_path_factory) -> Path:
    project = make_branded_project(tmp_path_factory.mktemp("branded") / "project")
    result = run_cli(project, "build", "--strict", "--no-cache")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def branded_url(branded_site: Path) -> Iterator[str]:
    with served(branded_site) as url:
        yield url


@pytest.mark.parametrize("mode", ["light", "forced-colors"])
def test_key_pages_have_no_axe_violations(browser, branded_url: str, mode: str):
    options = {"forced_colors": "active"} if mode == "forced-colors" else {}
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
    page = context.new_page()
    try:
        failures = {}
        for url in KEY_PAGES.values():
            page.goto(branded_url + url)
            violations = run_axe(page)
            if violations:
                failures[url] = violations
        assert failures == {}, describe(failures)
    finally:
        context.close()


def test_key_pages_are_valid_html(branded_site: Path):
    pages = [branded_site / url / "index.html" for url in KEY_PAGES.values()]
    result = vnu(branded_site)
    assert all(p.is_file() for p in pages)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""


def test_the_browser_paints_the_chosen_colours_and_logo(browser, branded_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(branded_url + KEY_PAGES["service"])
        header = page.evaluate(
            "getComputedStyle(document.querySelector('.md-header')).backgroundColor"
        )
        link = page.evaluate("getComputedStyle(document.querySelector('.sf-breadcrumbs a')).color")
        assert header == GREEN and link == GREEN
        logo = page.locator("img.sf-header__logo")
        assert logo.get_attribute("alt") == "Wappen des Landkreises Musterhausen (Beispiel)"
        assert page.evaluate("document.querySelector('img.sf-header__logo').naturalWidth") == 40
        name = page.get_by_role("link", name="Servicefinder Musterhausen (Beispiel)")
        assert name.count() == 1  # the home link is named by its logo and the site's name
        icons = page.evaluate("[...document.querySelectorAll('link[rel=icon]')].map(l => l.href)")
        for icon in icons:
            assert page.request.get(icon).status == 200
        assert len(icons) == 2
        footer = page.locator("footer").get_by_role("link", name="Website des Landkreises")
        assert footer.get_attribute("href") == "https://musterhausen.example/"
        assert all(r.startswith(branded_url) for r in requests), requests
    finally:
        context.close()
