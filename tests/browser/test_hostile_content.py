"""Hostile text in ``site.yaml``, a service and a page, opened in Chromium: in the preview
(``servicefinder serve``, which has no Content-Security-Policy, so escaping is all that
stands between the text and a script) and in the built site (under its meta policy).

Every value is one that passes validation: quotes that would end an attribute and open
an event handler (``Wappen" onload="alert(document.domain)``, as the attack report found in
the logo's text alternative), ``javascript:`` inside a sentence, bidirectional controls.
No page may open a dialog, violate the policy, or request anything from another host.
"""

from __future__ import annotations

import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import served
from tests.helpers import run_cli, start_preview
from tests.project_fixture import MONEY, MONEY_DE, SITE, WELFARE_OFFICE, small_project

pytestmark = pytest.mark.browser


def attack(n: int) -> str:
    """Text that opens event handlers if it ends its attribute; ``n`` names the field."""
    return f'Text{n}" onload="alert({n})" onerror="alert({n})" autofocus onfocus="alert({n})'


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'  # noqa: E501

HOSTILE_SITE = (
    SITE.replace("name: Servicefinder Testdaten", f"name: {_quoted(attack(1))}").replace(
        "description: Testdaten für die Tests von Servicefinder, keine echten Leistungen.",
        f"description: {_quoted(attack(2) + ' javascript:alert(2) ‮')}",
    )
    + f"""branding:
  logo:
    file: branding/logo.svg
    alt: {_quoted('Wappen" onload="alert(document.domain)')}
  footer_links:
    - label: {_quoted(attack(3))}
      url: https://example.org/
"""
)
HOSTILE_SERVICE = (
    MONEY_DE.replace("title: Testgeld beantragen", f"title: {_quoted(attack(4))}")
    .replace(
        "summary: Eine erfundene Geldleistung für Tests, ausgezahlt vom Sozialamt.",
        f"summary: {_quoted(attack(5) + ' <>')}",
    )
    .replace("  title: Testgeld vom Sozialamt", f"  title: {_quoted(attack(6))}")
)
HOSTILE_PAGE = (
    f"---\ntitle: {_quoted(attack(7))}\ndescription: {_quoted(attack(8))}\n---\n\n"
    "Ein Text mit javascript:alert(9) mitten im Satz.\n"
)
PAGES = [
    "",
    f"leistungen/{MONEY}/",
    f"leistungen/{MONEY}/leichte-sprache/",
    f"behoerden/{WELFARE_OFFICE}/",
    "hinweise/",
    "impressum/",
    "gibt-es-nicht/",
]
RECORD = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
    e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile));
"""


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = small_project(
        tmp_path_factory.mktemp("hostile-content") / "project",
        {
            "content/site.yaml": HOSTILE_SITE,
            "content/branding/logo.svg": LOGO,
            f"content/services/{MONEY}.yaml": HOSTILE_SERVICE,
            "content/pages/hinweise.md": HOSTILE_PAGE,
        },
    )
    result = run_cli(project, "build")
    assert result.returncode == 0, result.stderr
    return project


def visit(browser, base: str, *, policy: bool) -> None:
    """Every page of :data:`PAGES`: no dialog, no policy violation, nothing from elsewhere;
    the hostile texts are on the pages as text."""
    context = browser.new_context(bypass_csp=False)
    context.add_init_script(RECORD)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    found: dict[str, list[str]] = {}
    try:
        for path in PAGES:
            page.goto(base + path)
            page.wait_for_load_state("load")
            page.mouse.move(5, 5)  # over the header: the logo and the site's name
            page.mouse.move(200, 40)
            violations = page.evaluate("window.__violations")
            if violations:
                found[path] = violations
        page.goto(base)
        title = page.title()
        alt = page.locator("img.sf-header__logo").get_attribute("alt")
        meta = page.locator('meta[http-equiv="Content-Security-Policy"]').count()
        handlers = page.evaluate(
            "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
            ".filter(a => a.name.startsWith('on')).map(a => a.name)"
        )
    finally:
        context.close()
    assert dialogs == [], f"a script ran: {dialogs}"
    assert found == {}, found
    host = urlsplit(base).netloc
    assert [u for u in requests if urlsplit(u).netloc not in (host, "")] == []
    assert handlers == []
    assert alt == 'Wappen" onload="alert(document.domain)'
    assert attack(1) in title
    assert policy == bool(meta), meta


def test_the_built_site_shows_hostile_text_as_text(browser, hostile_project: Path):
    with served(hostile_project / "site") as base:
        visit(browser, base, policy=True)


@pytest.fixture
def preview(hostile_project: Path) -> Iterator[str]:
    proc, port = start_preview(hostile_project)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(base + f"leistungen/{MONEY}/", timeout=5) as r:
                    if b"Text4" in r.read():
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            assert proc.poll() is None, "the preview ended"
            time.sleep(0.5)
        else:
            raise AssertionError("the preview did not serve the service page")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_the_preview_shows_hostile_text_as_text(browser, preview: str):
    """The preview has no policy (MkDocs' reload script is inline): there, escaping alone
    kept the logo's text alternative from running its script."""
    visit(browser, preview, policy=False)
