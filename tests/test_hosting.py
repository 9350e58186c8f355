"""The hosting policy itself: the hash predicate, the generated files, the build's output.

The servers themselves are tested for real in tests/browser/test_servers.py.
"""

from __future__ import annotations

import re

import pytest

from generator.infra.security import (
    CACHE_HASHED,
    CACHE_OTHER,
    CONTENT_SECURITY_POLICY,
    META_CONTENT_SECURITY_POLICY,
    NOT_IN_META,
    cache_control,
    is_hashed,
)
from generator.writer.hosting import NO_SITE_URL, HostingError, served_under
from generator.writer.server_configs import apache, documented
from tests.helpers import REPO, run_cli
from tests.project_fixture import small_project


@pytest.mark.parametrize(
    "path",
    [
        "assets/stylesheets/main.57a0d79d.min.css",
        "assets/stylesheets/main.57a0d79d.min.css.br",
        "assets/lookup/pc-37.8ba94d7327.json.gz",
        "assets/lookup/geo-51_10.4584728012.json",
        "/assets/app.0123456789abcdef0123456789abcdef.js",
    ],
)
def test_hashed_names(path: str):
    assert is_hashed(path)
    assert cache_control(path) == CACHE_HASHED


@pytest.mark.parametrize(
    "path",
    [
        "assets/lookup.js",
        "assets/lookup.js.gz",
        "index.html",
        "leistungen/",
        "assets/stylesheets/main.57a0d7.min.css",  # too short for a hash
        "assets/stylesheets/main.57a0d79g.min.css",  # not hex
        "assets/57a0d79d.css",  # no name before the hash
        "assets/main.57a0d79d/x.css",  # the hash names a folder
    ],
)
def test_unhashed_names(path: str):
    assert not is_hashed(path)
    assert cache_control(path) == CACHE_OTHER


def test_meta_policy_is_the_header_policy_minus_what_meta_cannot_carry():
    header = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    meta = dict(d.split(" ", 1) for d in META_CONTENT_SECURITY_POLICY.split("; "))
    assert "frame-ancestors" in header and not set(meta) & NOT_IN_META
    assert meta == {k: v for k, v in header.items() if k not in NOT_IN_META}


@pytest.mark.parametrize("name", sorted(documented()))
def test_documented_configurations_are_generated(name: str):
    """docs/hosting/ is what the code writes: regenerate with
    `python -m generator.writer.server_configs docs/hosting`."""
    text = (REPO / "docs/hosting" / name).read_text(encoding="utf-8")
    assert text == documented()[name], f"docs/hosting/{name} is stale"


def test_prefix_moves_only_the_404_line_and_the_admin_pages_condition():
    lines = {*apache().splitlines()} ^ {*apache("/servicefinder").splitlines()}
    assert lines == {
        "ErrorDocument 404 /404.html",
        "ErrorDocument 404 /servicefinder/404.html",
        '<If "%{REQUEST_URI} =~ m#^/admin/#">',
        '<If "%{REQUEST_URI} =~ m#^/servicefinder/admin/#">',
    }


def test_served_under():
    assert served_under(None, "/") == "/"
    assert served_under(None, "/servicefinder") == "/servicefinder/"
    assert served_under("https://example.org/sf/", "/") == "/sf/"
    assert served_under("https://example.org", "/") == "/"


def test_base_path_must_agree_with_site_url():
    with pytest.raises(HostingError, match="differs from the path of site_url"):
        served_under("https://example.org/sf/", "/other/")
    with pytest.raises(HostingError, match="starting with '/'"):
        served_under(None, "servicefinder/")


@pytest.mark.tool  # runs the command line as its own process
def test_build_writes_server_files_meta_policy_and_says_why_no_sitemap(tmp_path):
    project = small_project(tmp_path)
    result = run_cli(project, "build")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert (site / ".htaccess").read_text() == (REPO / "docs/hosting/apache.htaccess").read_text()
    headers = (site / "_headers").read_text()
    assert f"Content-Security-Policy: {CONTENT_SECURITY_POLICY}" in headers
    css = next(site.glob("assets/stylesheets/main.*.min.css")).relative_to(site).as_posix()
    assert f"/{css}\n  Cache-Control: {CACHE_HASHED}" in headers
    assert "/robots.txt" not in headers and "/index.html" not in headers
    meta = f'<meta http-equiv="Content-Security-Policy" content="{META_CONTENT_SECURITY_POLICY}">'
    for page in ("index.html", "404.html", "leistungen/index.html"):
        html = (site / page).read_text()
        assert meta in html and html.index(meta) < html.index("<link"), page
    assert not (site / "sitemap.xml").exists()
    assert NO_SITE_URL in result.stdout


@pytest.mark.tool  # runs the command line as its own process
def test_sitemap_written_with_site_url(tmp_path):
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("site_dir: site\n", "site_dir: site\nsite_url: https://x.example/sf/\n")
    project = small_project(tmp_path, {"mkdocs.yml": config})
    result = run_cli(project, "build")
    assert result.returncode == 0, result.stderr
    sitemap = (project / "site/sitemap.xml").read_text()
    assert "<loc>https://x.example/sf/leistungen/</loc>" in sitemap
    assert NO_SITE_URL not in result.stdout
    not_found = (project / "site/404.html").read_text()
    assert re.search(r'href="/sf/assets/servicefinder\.[0-9a-f]{10}\.css"', not_found)
    assert "ErrorDocument 404 /sf/404.html" in (project / "site/.htaccess").read_text()
