"""The whole site under the strict Content-Security-Policy, as the example hosts send it."""

from __future__ import annotations

import http.server
from pathlib import Path

import pytest

from generator.infra.security import CONTENT_SECURITY_POLICY, HEADERS
from tests.browser.conftest import served
from tests.browser.test_pages import all_pages

pytestmark = pytest.mark.browser

RECORD = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
    e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile));
"""


class _Secure(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        for name, value in HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def secure_url(site_dir: Path):
    with served(site_dir, _Secure) as url:
        yield url


def test_every_page_works_under_the_policy(browser, secure_url: str, site_dir: Path):
    context = browser.new_context(bypass_csp=False)
    context.add_init_script(RECORD)
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
    try:
        response = page.goto(secure_url)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        found = {}
        for url in all_pages(site_dir):
            # everything a page references loads before its load event, where goto returns;
            # what a script fetches on use is covered by the interactive part below
            page.goto(secure_url + url.lstrip("/"))
            violations = page.evaluate("window.__violations")
            if violations:
                found[url] = violations
        # the interactive parts too: lookup answering, search answering
        page.goto(secure_url + "leistungen/hilfe-zum-lebensunterhalt/")
        page.fill("#sf-place-sozialamt", "37154")
        page.wait_for_selector("[data-sf-answer] h3")
        page.goto(secure_url + "suche/?q=Sozialhilfe")
        page.wait_for_selector("[data-sf-results] a")
        found["interactive"] = page.evaluate("window.__violations")
        assert {k: v for k, v in found.items() if v} == {}
        assert refused == []
    finally:
        context.close()


def test_an_inline_script_would_be_reported(browser, secure_url: str):
    """The check can fail: a page with an inline handler is refused and recorded."""
    context = browser.new_context(bypass_csp=False)
    context.add_init_script(RECORD)
    page = context.new_page()
    try:
        page.goto(secure_url)
        page.evaluate("""() => {
            const s = document.createElement('script');
            s.textContent = 'window.__ran = true';
            document.body.appendChild(s);
        }""")
        page.wait_for_timeout(100)
        assert page.evaluate("window.__ran") is None
        assert any(v.startswith("script-src") for v in page.evaluate("window.__violations"))
    finally:
        context.close()
