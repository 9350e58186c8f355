"""Publishing to object storage, end to end: the small project built and published into a
bucket of moto's S3-compatible server (``moto[server]``, started on a loopback port), one
service changed, rebuilt and published again, and the pages opened in Chromium from the
bucket's HTTP endpoint.

Uploads are counted in the server's own access log (its PUT requests), not only in what
the command reports. The bucket's REST endpoint has no index documents (a CDN or the
store's website endpoint maps ``leistungen/testgeld/`` to its ``index.html``; see
docs/hosting/README.md), so Chromium opens the ``index.html`` keys.
"""

from __future__ import annotations

import gzip
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.infra.security import CACHE_HASHED, CACHE_OTHER
from generator.writer.publish import MANIFEST, site_objects
from tests.helpers import build_in_process, run_cli
from tests.project_fixture import MONEY, MONEY_DE, small_project
from tests.publish_fixture import ENV, S3Server, public_bucket, s3_server

pytestmark = pytest.mark.browser

BUCKET = "servicefinder-test"
SERVICE_PAGE = f"leistungen/{MONEY}/index.html"
RECORD = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
    e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile));
"""


@dataclass
class Published:
    project: Path
    site: Path
    server: S3Server
    #: what the first publish printed, and the writes the server logged for it
    first: subprocess.CompletedProcess
    first_writes: list[tuple[str, str]]

    @property
    def bucket_url(self) -> str:
        return f"{self.server.url}/{BUCKET}/"


def publish(project: Path, server: S3Server) -> subprocess.CompletedProcess:
    result = run_cli(
        project, "-v", "publish", f"s3://{BUCKET}", "--endpoint-url", server.url, env=ENV
    )
    assert result.returncode == 0, result.stderr
    return result


def uploaded(result: subprocess.CompletedProcess) -> list[str]:
    return [
        line.removeprefix("uploaded ")
        for line in result.stdout.splitlines()
        if line.startswith("uploaded ")
    ]


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Iterator[Published]:
    """The small project built and published once into a public bucket."""
    project = small_project(tmp_path_factory.mktemp("publish") / "project")
    site = build_in_process(project)
    with s3_server(tmp_path_factory.mktemp("moto")) as server:
        public_bucket(server.client(), BUCKET)
        mark = server.mark()
        first = publish(project, server)
        yield Published(project, site, server, first, server.writes(mark))


def test_the_first_publish_stores_every_object_with_its_headers(published: Published):
    objects = {obj.key: obj for obj in site_objects(published.site)}
    assert sorted(uploaded(published.first)) == sorted(objects)
    assert sorted(published.first_writes) == sorted(
        [("PUT", f"{BUCKET}/{key}") for key in objects] + [("PUT", f"{BUCKET}/{MANIFEST}")]
    )
    client = published.server.client()

    page = client.get_object(Bucket=BUCKET, Key=SERVICE_PAGE)
    assert page["ContentType"] == "text/html; charset=utf-8"
    assert page["ContentEncoding"] == "gzip"
    assert page["CacheControl"] == CACHE_OTHER
    assert gzip.decompress(page["Body"].read()) == (published.site / SERVICE_PAGE).read_bytes()

    stylesheets = [key for key in objects if key.endswith(".css")]
    assert stylesheets
    encoded = []
    for key in stylesheets:  # every stylesheet is named by its hash
        head = client.head_object(Bucket=BUCKET, Key=key)
        assert head["CacheControl"] == CACHE_HASHED, key
        assert head["ContentType"] == "text/css; charset=utf-8", key
        copy = (published.site / (key + ".gz")).is_file()  # over 1 KB: precompressed
        assert head.get("ContentEncoding") == ("gzip" if copy else None), key
        encoded += [key] if copy else []
    assert encoded, "the theme's stylesheet at least is precompressed"

    robots = client.head_object(Bucket=BUCKET, Key="robots.txt")  # under 1 KB: no copies
    assert "ContentEncoding" not in robots
    assert robots["ContentType"] == "text/plain; charset=utf-8"
    keys = {o["Key"] for o in client.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert not [k for k in keys if k.endswith((".br", ".gz", ".htaccess", "_headers"))]


def test_a_changed_service_uploads_only_the_objects_that_changed(published: Published):
    project, server = published.project, published.server
    mark = server.mark()
    assert uploaded(publish(project, server)) == []
    assert server.writes(mark) == [], "nothing changed: nothing written"

    before = {obj.key: obj.md5 for obj in site_objects(published.site)}
    service = project / f"content/services/{MONEY}.yaml"
    old = "Testgeld ist eine erfundene Leistung."
    assert old in MONEY_DE
    service.write_text(
        MONEY_DE.replace(old, "Testgeld ist eine erfundene Leistung, geändert."), encoding="utf-8"
    )
    build_in_process(project)
    after = {obj.key: obj.md5 for obj in site_objects(published.site)}
    changed = sorted(key for key, md5 in after.items() if before.get(key) != md5)
    assert SERVICE_PAGE in changed
    assert len(changed) < len(after) / 2, f"one service edit changed {changed}"

    mark = server.mark()
    result = publish(project, server)
    assert sorted(uploaded(result)) == changed
    assert sorted(server.writes(mark)) == sorted(
        [("PUT", f"{BUCKET}/{key}") for key in changed] + [("PUT", f"{BUCKET}/{MANIFEST}")]
    )
    gone = sorted(set(before) - set(after))  # e.g. the search index under its old hash
    if gone:
        assert f"kept {len(gone)} under s3://{BUCKET}/ that the site no longer has" in result.stdout
    body = server.client().get_object(Bucket=BUCKET, Key=SERVICE_PAGE)["Body"].read()
    assert "geändert" in gzip.decompress(body).decode("utf-8")


def test_chromium_shows_the_pages_from_the_bucket(browser, published: Published):
    """A service page, its lookup and the search, from the bucket under the site's own
    policy (the page's meta element): gzip as stored, styles applied, nothing refused."""
    base = published.bucket_url
    context = browser.new_context(bypass_csp=False)
    context.add_init_script(RECORD)
    page = context.new_page()
    foreign: list[str] = []
    page.on("request", lambda r: r.url.startswith(published.server.url) or foreign.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    encodings: dict[str, str | None] = {}
    page.on("response", lambda r: encodings.update({r.url: r.headers.get("content-encoding")}))
    try:
        response = page.goto(base + SERVICE_PAGE)
        assert response.status == 200
        assert response.headers["content-encoding"] == "gzip"
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert "Testgeld beantragen" in page.locator("h1").inner_text()
        assert page.locator("h1").is_visible()
        styled = page.evaluate(
            "[...document.styleSheets].filter(s => s.href && s.cssRules.length).length"
        )
        assert styled >= 2, "the theme's and the site's stylesheets"
        css = [url.removeprefix(base) for url in encodings if url.endswith(".css")]
        assert css, encodings
        for key in css:  # as stored: gzip where the build made a copy
            copy = (published.site / (key + ".gz")).is_file()
            assert encodings[base + key] == ("gzip" if copy else None), key

        field = page.locator("#sf-place-sozialamt")
        field.click()
        field.press_sequentially("00102")
        page.wait_for_selector("[data-sf-answer] h3", timeout=10_000)
        assert page.locator("[data-sf-answer]").inner_text().strip()
        violations = page.evaluate("window.__violations")

        page.goto(base + "suche/index.html?q=Regelsatz")
        page.wait_for_selector("[data-sf-results] a", timeout=10_000)
        violations += page.evaluate("window.__violations")
        assert violations == [], violations
        assert errors == [], errors
        assert foreign == [], foreign
    finally:
        context.close()
