"""Real-browser fixtures: the example site, built once, served over local HTTP and opened in
Debian's headless Chromium, with every request recorded so a test can prove that nothing
left the machine."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import json
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.helpers import REPO, run_cli

AXE = REPO / "node_modules/axe-core/axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: WCAG 2.0, 2.1 and 2.2, levels A and AA, plus axe's best practices
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail("Chromium is missing: `make test` installs Debian's chromium package")
    return path


def made_once(tmp_path_factory, name: str, make: Callable[[Path], str]) -> tuple[Path, str]:
    """``make(folder)`` run once for all test workers of this run (the first to ask makes
    it, the others wait for it); the folder and what ``make`` returned. What is made so is
    read, never changed, by the tests."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, said = root / name, root / f"{name}.said"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not said.exists():
            shutil.rmtree(folder, ignore_errors=True)
            said.write_text(make(folder), encoding="utf-8")
    return folder, said.read_text(encoding="utf-8")


def _build_example(*args: str, env: dict[str, str] | None = None) -> Callable[[Path], str]:
    def make(site: Path) -> str:
        result = run_cli(REPO, "build", "--no-cache", *args, "-d", str(site), env=env)
        assert result.returncode == 0, result.stderr
        return result.stderr

    return make


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The example project, built where it is (nothing copied) into a temporary folder,
    once for all workers."""
    return made_once(tmp_path_factory, "example-site", _build_example("--strict"))[0]


#: 2028-01-01: every example text is past its review date, so every page carries the stale
#: notice above the card (the longest top a page can have)
LATER = "1830297600"


@pytest.fixture(scope="session")
def stale_build(tmp_path_factory, request) -> Iterator[tuple[Path, str, str]]:
    """The example project built as on :data:`LATER`, once for every test that needs a
    stale site: (site folder, its URL, what the build printed)."""
    site, said = made_once(
        tmp_path_factory, "stale-site", _build_example(env={"SOURCE_DATE_EPOCH": LATER})
    )
    with served(site) as url:
        yield site, url, said


#: where the tests' own servers also serve axe-core, so a page loads it as a file the
#: browser caches, compiled once, instead of 550 KB of inline script on every page
AXE_ROUTE = "/__tests__/axe.min.js"
#: the origins (``http://127.0.0.1:PORT``) of the servers that serve :data:`AXE_ROUTE`
_AXE_ORIGINS: set[str] = set()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """The folder's files, axe-core at :data:`AXE_ROUTE` (a name no site uses), no log."""

    def translate_path(self, path: str) -> str:
        if urlparse(path).path == AXE_ROUTE:
            return str(AXE)
        return super().translate_path(path)

    def handle(self) -> None:
        with contextlib.suppress(ConnectionError):  # the browser left before the answer
            super().handle()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(folder: Path, handler_class: type = _QuietHandler) -> Iterator[str]:
    """``folder`` served over HTTP on a free loopback port; its base URL."""
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    if issubclass(handler_class, _QuietHandler):
        _AXE_ORIGINS.add(origin)
    try:
        yield origin + "/"
    finally:
        _AXE_ORIGINS.discard(origin)
        server.shutdown()


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    with served(site_dir) as url:
        yield url


class _Browser:
    """Chromium for the tests. Every page carries the site's policy as a meta element, which
    would stop the tests' own injected scripts (axe, checks): contexts bypass it unless a
    test asks for the policy (``bypass_csp=False``), as the CSP and server tests do."""

    def __init__(self, browser) -> None:
        self._browser = browser

    def new_context(self, **options):
        options.setdefault("bypass_csp", True)
        return self._browser.new_context(**options)

    def __getattr__(self, name: str):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield _Browser(browser)
        browser.close()


#: the window every test page starts with (a desktop)
DESKTOP = {"width": 1280, "height": 900}


@contextmanager
def local_page(browser, base_url: str):
    """A fresh page; afterwards, every request it made must have gone to ``base_url``'s
    host, and no script may have failed."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        with watched(page, base_url):
            yield page
    finally:
        context.close()


@contextmanager
def watched(page, base_url: str):
    """Record what ``page`` requests and which scripts fail while the block runs; then
    every request must have gone to ``base_url``'s host, and no script may have failed."""
    requests: list[str] = []
    errors: list[str] = []

    def on_request(request) -> None:
        requests.append(request.url)

    def on_error(error) -> None:
        errors.append(str(error))

    page.on("request", on_request)
    page.on("pageerror", on_error)
    page.requests = requests
    try:
        yield page
    finally:
        if not page.is_closed():
            page.remove_listener("request", on_request)
            page.remove_listener("pageerror", on_error)
    local = urlparse(base_url).netloc
    foreign = [u for u in requests if urlparse(u).netloc not in (local, "")]
    assert foreign == [], f"requests left the local host: {foreign}"
    assert errors == [], f"script errors: {errors}"


class Tab:
    """One browser tab a worker's tests take turns on. A new context and page cost a
    browser about three page loads (a renderer process started, its engine set up), more
    than most tests do with them; between tests the tab is emptied instead: a blank
    document, no routes, the desktop window and screen media, and the site's storage, the
    browser cache and permissions cleared, so no test sees what an earlier one left."""

    def __init__(self, browser) -> None:
        self._browser = browser
        self.context = None
        self.page = None
        self._origins: set[str] = set()

    def fresh(self, viewport: dict[str, int] = DESKTOP):
        """The tab, emptied, with a blank document at ``viewport``."""
        if self.page is None or self.page.is_closed():
            self.close()
            self.context = self._browser.new_context(viewport=DESKTOP)
            self.page = self.context.new_page()
            self._cdp = self.context.new_cdp_session(self.page)
            self.page.on("request", self._note_origin)
        page = self.page
        page.unroute_all(behavior="ignoreErrors")
        # a tab keeps its session storage across documents (the site keeps nothing there;
        # a test's own entries on the page it ends on are removed all the same)
        if page.url.startswith("http"):
            with contextlib.suppress(PlaywrightError):
                page.evaluate("sessionStorage.clear()")
        page.goto("about:blank")
        for origin in sorted(self._origins):
            self._cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        self._origins.clear()
        self._cdp.send("Network.clearBrowserCache")
        self.context.clear_cookies()
        self.context.clear_permissions()
        page.emulate_media(
            media="null",
            color_scheme="light",
            reduced_motion="no-preference",
            forced_colors="none",
            contrast="no-preference",
        )
        page.set_viewport_size(viewport)
        return page

    def _note_origin(self, request) -> None:
        """Every site a test opened, whose storage the next test must not find."""
        parts = urlparse(request.url)
        if parts.scheme in ("http", "https"):
            self._origins.add(f"{parts.scheme}://{parts.netloc}")

    def close(self) -> None:
        if self.context is not None:
            self.context.close()
        self.context = self.page = None


@pytest.fixture(scope="session")
def tab(browser) -> Iterator[Tab]:
    """The worker's one tab (see :class:`Tab`)."""
    shared = Tab(browser)
    yield shared
    shared.close()


@pytest.fixture
def page(tab: Tab, base_url: str):
    """The worker's tab, emptied, at the desktop window size; afterwards every request must
    have gone to the local site and no script may have failed (:func:`watched`)."""
    with watched(tab.fresh(), base_url) as page:
        yield page


def axe_results(page, context: str = "document") -> dict:
    """Inject axe-core and run it once: the violations as compact dicts, and the ids of the
    rules that passed or need review. ``resultTypes`` keeps axe from collecting every node
    of the passes, which took most of its time; their ids come back all the same. From a
    server of :func:`served`, axe is loaded by address (cached and compiled once: a third
    of a second less a page), from any other inline."""
    if not AXE.is_file():
        pytest.fail("axe-core is missing: `make test` installs it with npm ci")
    address = urlparse(page.url)
    origin = f"{address.scheme}://{address.netloc}"
    if origin in _AXE_ORIGINS:
        page.add_script_tag(url=origin + AXE_ROUTE)
    else:
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        f"""async ([context, tags]) => {{
            const r = await axe.run({context}, {{runOnly: {{type: 'tag', values: tags}},
                                          resultTypes: ['violations']}});
            return {{violations: r.violations.map(v => ({{id: v.id, impact: v.impact,
                        help: v.help, nodes: v.nodes.slice(0, 5).map(n =>
                            n.target.join(' ') + ' :: ' + n.failureSummary)}})),
                    passes: r.passes.map(p => p.id),
                    incomplete: r.incomplete.map(p => p.id)}};
        }}""",
        [context, AXE_TAGS],
    )


def run_axe(page, context: str = "document") -> list[dict]:
    """Inject axe-core and return its violations as compact dicts."""
    return axe_results(page, context)["violations"]


def describe(violations: list[dict]) -> str:
    return json.dumps(violations, ensure_ascii=False, indent=1)
