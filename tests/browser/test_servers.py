"""The shipped hosting configurations, on real nginx, Apache and Caddy from Debian's packages.

For every server: each kind of response (page, hashed and unhashed asset, JSON data,
directory without slash, missing page) is requested with ``Accept-Encoding`` br, gzip and
identity, and its status, headers and decoded body are checked against the policy in
``generator/infra/security.py``. Then Chromium loads a service page, types a postcode into
the lookup and searches, through the server, with no CSP violation; and the same under the
sub-path ``/servicefinder/`` (built with ``site_url``, and without it via ``base_path``),
the 404 page's styles and links included.
"""

from __future__ import annotations

import gzip
import http.client
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import brotli
import pytest

from generator.infra.security import CACHE_OTHER, HEADERS, cache_control
from tests.browser.servers import STARTERS, Server, server_version
from tests.helpers import REPO, run_cli
from tests.project_fixture import MONEY, small_project

pytestmark = pytest.mark.browser

PREFIX = "/servicefinder/"
SERVICE = f"leistungen/{MONEY}/"
RECORD = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
    e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile));
"""
TYPES = {".html": "text/html", ".css": "text/css", ".json": "application/json"}
JS_TYPES = ("text/javascript", "application/javascript")
NAMES = list(STARTERS)
IDS = [f"{name}-{server_version(name)}" for name in NAMES]


def _build(tmp: Path, mkdocs_edit: tuple[str, str] | None = None) -> Path:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if mkdocs_edit:
        assert mkdocs_edit[0] in config
        config = config.replace(*mkdocs_edit)
    project = small_project(tmp, {"mkdocs.yml": config})
    result = run_cli(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def prefixed_sites(tmp_path_factory) -> dict[str, Path]:
    """The example site for /servicefinder/: once with site_url, once with base_path."""
    url = "site_dir: site\n"
    return {
        "site_url": _build(
            tmp_path_factory.mktemp("with-site-url"),
            (url, url + "site_url: https://servicefinder.example.org/servicefinder/\n"),
        ),
        "base_path": _build(
            tmp_path_factory.mktemp("with-base-path"),
            ("base_path: /\n", f"base_path: {PREFIX}\n"),
        ),
    }


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory) -> Path:
    """The small test project's site, served at the root."""
    return _build(tmp_path_factory.mktemp("plain"))


@pytest.fixture(scope="module", params=NAMES, ids=IDS)
def server(request, plain_site: Path) -> Iterator[Server]:
    started = STARTERS[request.param](plain_site, "/")
    print(f"\n{started.name} {started.version} at {started.url}")
    yield started
    started.stop()


VARIANTS = [(n, v) for n in NAMES for v in ("site_url", "base_path")]


@pytest.fixture(
    scope="module", params=VARIANTS, ids=[f"{n}-{server_version(n)}-{v}" for n, v in VARIANTS]
)
def prefixed(request, prefixed_sites: dict[str, Path]) -> Iterator[Server]:
    name, variant = request.param
    started = STARTERS[name](prefixed_sites[variant], PREFIX)
    print(f"\n{started.name} {started.version} at {started.url} (built with {variant})")
    yield started
    started.stop()


def get(url: str, encoding: str) -> http.client.HTTPResponse:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", parts.path, headers={"Accept-Encoding": encoding})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def decoded(response: http.client.HTTPResponse) -> bytes:
    encoding = response.getheader("Content-Encoding")
    if encoding == "br":
        return brotli.decompress(response.body)
    if encoding == "gzip":
        return gzip.decompress(response.body)
    assert encoding is None, encoding
    return response.body


def response_types(site: Path) -> dict[str, tuple[str, int, Path | None]]:
    """Kind of response -> (URL path, status, file whose bytes the body must be)."""
    css = next(site.glob("assets/stylesheets/main.*.min.css"))
    data = max(
        (p for p in site.glob("assets/**/*.json") if p.with_name(p.name + ".br").is_file()),
        key=lambda p: p.stat().st_size,
    )
    return {
        "page": (SERVICE, 200, site / SERVICE / "index.html"),
        "hashed asset": (css.relative_to(site).as_posix(), 200, css),
        "unhashed asset": ("data/servicefinder.json", 200, site / "data/servicefinder.json"),
        "JSON data": (data.relative_to(site).as_posix(), 200, data),
        "directory without slash": ("leistungen", 301, None),
        "missing page": ("gibt-es-nicht/auch-nicht/", 404, site / "404.html"),
    }


def check_response(server: Server, site: Path, kind: str, encoding: str) -> None:
    path, status, source = response_types(site)[kind]
    response = get(server.url + path, encoding)
    where = f"{server.name} {kind} /{path} ({encoding})"
    headers = response.headers
    if status == 301:  # nginx and Apache answer 301, Caddy 308: both keep the method
        assert response.status in (301, 308), where
        assert urljoin(server.url + path, headers["Location"]) == server.url + path + "/"
    else:
        assert response.status == status, where
    for name, value in HEADERS.items():
        assert headers.get_all(name) == [value], f"{where}: {name}"
    expected = CACHE_OTHER if source is None or status == 404 else cache_control(path)
    assert headers["Cache-Control"] == expected, where
    assert headers["Content-Language"] is None, where  # Debian's Apache: .br is Breton
    if source is None:
        return
    assert decoded(response) == source.read_bytes(), f"{where}: body"
    suffix = source.suffix
    content_type = headers["Content-Type"] or ""
    if suffix == ".js":
        assert content_type.startswith(JS_TYPES), where
    else:
        assert content_type.startswith(TYPES[suffix]), f"{where}: {content_type}"
    wanted = {"br": "br", "gzip": "gzip", "identity": None}[encoding]
    if source.with_name(source.name + ".gz").is_file():
        assert headers["Content-Encoding"] == wanted, where
        varies = [v for v in headers.get_all("Vary") or [] if "accept-encoding" in v.lower()]
        assert len(varies) == 1, f"{where}: Vary {headers.get_all('Vary')}"


@pytest.mark.parametrize("encoding", ["br", "gzip", "identity"])
@pytest.mark.parametrize(
    "kind",
    [
        "page",
        "hashed asset",
        "unhashed asset",
        "JSON data",
        "directory without slash",
        "missing page",
    ],
)
def test_every_response_type(server: Server, plain_site: Path, kind: str, encoding: str):
    check_response(server, plain_site, kind, encoding)


@pytest.mark.parametrize(
    ("accept", "allowed"),
    [
        ("br;q=0, gzip", {"gzip", None}),
        ("gzip;q=0", {None}),
        ("gzip;q=0, br;q=0", {None}),
        ("br; q=0.0, gzip; q=0", {None}),
        ("GZIP;Q=0, identity", {None}),
        ("br;q=0.5, gzip;q=0", {"br", None}),
    ],
)
def test_an_encoding_with_q_0_is_never_sent(
    server: Server, plain_site: Path, accept: str, allowed: set[str | None]
):
    """q=0 means "not acceptable" (RFC 9110, 12.5.3): Apache sent br for "br;q=0, gzip"
    and gzip for "gzip;q=0"."""
    for path in (SERVICE, "data/servicefinder.json"):
        response = get(server.url + path, accept)
        where = f"{server.name} /{path} ({accept})"
        assert response.status == 200, where
        assert response.getheader("Content-Encoding") in allowed, where
        source = plain_site / (path + "index.html" if path.endswith("/") else path)
        assert decoded(response) == source.read_bytes(), where


@pytest.mark.parametrize(
    "path",
    [
        "assets/stylesheets/main.0123456789abcdef.min.css",
        "assets/gibt-es-nicht.0123456789.js",
        "assets/lookup/pc-99.0123456789.json",
    ],
)
def test_no_404_is_kept_for_good(server: Server, path: str):
    """Caddy sent "immutable, max-age=31536000" with the 404 for a missing hashed name:
    had the next deploy published that name, browsers would have kept the 404 a year."""
    for encoding in ("br", "gzip", "identity"):
        response = get(server.url + path, encoding)
        where = f"{server.name} /{path} ({encoding})"
        assert response.status == 404, where
        assert response.headers.get_all("Cache-Control") == [CACHE_OTHER], where
        for name, value in HEADERS.items():
            assert response.headers.get_all(name) == [value], f"{where}: {name}"


@pytest.mark.parametrize("path", ["assets/", "assets/stylesheets/", "data/", "assets/lookup/"])
def test_no_folder_is_listed(server: Server, plain_site: Path, path: str):
    """With Debian's "Options Indexes" (tests/browser/servers.py sets it, as Debian does for
    /var/www), Apache listed every folder without index.html."""
    assert (plain_site / path).is_dir() and not (plain_site / path / "index.html").exists()
    response = get(server.url + path, "identity")
    where = f"{server.name} /{path}"
    assert response.status in (403, 404), where
    body = decoded(response).decode("utf-8", "replace")
    assert "Index of" not in body, where
    listed = [p.name for p in (plain_site / path).iterdir()]
    assert not any(f'href="{name}' in body for name in listed), where


@pytest.mark.parametrize("path", [".htaccess", "_headers"])
def test_the_server_files_are_not_served(server: Server, plain_site: Path, path: str):
    """The files the build writes for the host (``server_files``) were served as files."""
    assert (plain_site / path).is_file()
    response = get(server.url + path, "identity")
    assert response.status == 404, f"{server.name} /{path}"
    assert decoded(response) == (plain_site / "404.html").read_bytes()


@pytest.mark.parametrize("kind", ["page", "directory without slash", "missing page"])
def test_every_response_type_under_a_prefix(prefixed: Server, kind: str):
    site = prefixed.folder / "www" / PREFIX.strip("/")
    for encoding in ("br", "gzip", "identity"):
        check_response(prefixed, site, kind, encoding)


def styled(page) -> int:
    """How many of the page's stylesheets arrived with rules (empty when served wrong)."""
    return page.evaluate(
        "[...document.styleSheets].filter(s => s.href && s.cssRules.length).length"
    )


def browse(browser, server: Server) -> None:
    """A service page, the lookup (a postcode typed) and a search, under the policy."""
    context = browser.new_context(bypass_csp=False)
    context.add_init_script(RECORD)
    page = context.new_page()
    foreign: list[str] = []
    page.on("request", lambda r: r.url.startswith(server.url) or foreign.append(r.url))
    refused: list[str] = []
    page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
    try:
        response = page.goto(server.url + SERVICE)
        assert response.status == 200
        assert response.headers["content-security-policy"] == HEADERS["Content-Security-Policy"]
        assert page.locator("h1").inner_text().strip(), "empty page"
        assert styled(page) >= 2, "the theme's and the site's stylesheets"
        field = page.locator("#sf-place-sozialamt")
        field.click()
        field.press_sequentially("00102")
        page.wait_for_selector("[data-sf-answer] h3", timeout=10_000)
        assert page.locator("[data-sf-answer]").inner_text().strip()
        violations = page.evaluate("window.__violations")
        page.goto(server.url + "suche/?q=Regelsatz")
        page.wait_for_selector("[data-sf-results] a", timeout=10_000)
        violations += page.evaluate("window.__violations")
        assert violations == [], violations
        assert refused == [], refused
        assert foreign == [], foreign
    finally:
        context.close()


def test_browser_through_the_server(browser, server: Server):
    browse(browser, server)


def test_browser_under_a_prefix(browser, prefixed: Server):
    browse(browser, prefixed)


def test_404_page_under_a_prefix_has_its_styles_and_links(browser, prefixed: Server):
    context = browser.new_context(bypass_csp=False)
    context.add_init_script(RECORD)
    page = context.new_page()
    failed: list[str] = []
    page.on(
        "response",
        lambda r: (
            r.status >= 400 and r.request.resource_type != "document" and failed.append(r.url)
        ),
    )
    try:
        response = page.goto(prefixed.url + "gibt-es-nicht/tief/unten/")
        assert response.status == 404
        page.wait_for_load_state("networkidle")
        assert failed == [], f"404 page could not load {failed}"
        assert styled(page) >= 2, "the theme's and the site's stylesheets"
        links = page.evaluate(
            "[...document.querySelectorAll('a[href]:not([href^=\"#\"])')].map(a => a.href)"
        )
        origin = "http://" + urlsplit(prefixed.url).netloc + "/"
        internal = {u.split("#")[0] for u in links if u.startswith(origin)}
        assert internal and all(u.startswith(prefixed.url) for u in internal), internal
        for url in sorted(internal):
            assert get(url, "identity").status == 200, url
        page.fill("#sf-404-de-q", "Regelsatz")
        page.press("#sf-404-de-q", "Enter")
        page.wait_for_selector("[data-sf-results] a", timeout=10_000)
        assert page.url.startswith(prefixed.url + "suche/")
        assert page.evaluate("window.__violations") == []
    finally:
        context.close()


def test_meta_policy_protects_a_host_without_headers(browser, base_url: str):
    """A plain file server (no headers at all): the pages work under their own <meta>
    policy, and an injected inline script is refused by it."""
    context = browser.new_context(bypass_csp=False)
    context.add_init_script(RECORD)
    page = context.new_page()
    try:
        # the example site of the browser suite (tests/browser/conftest.py)
        response = page.goto(base_url + "leistungen/hilfe-zum-lebensunterhalt/")
        assert "content-security-policy" not in response.headers
        page.locator("#sf-place-sozialamt").press_sequentially("37154")
        page.wait_for_selector("[data-sf-answer] h3", timeout=10_000)
        assert page.evaluate("window.__violations") == []
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
