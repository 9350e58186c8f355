"""Every file the shipped hosting configurations cache for a year is named by its bytes.

``generator/infra/security.py`` (``is_hashed``) decides what nginx, Apache, Caddy and the
emitted ``_headers``/``.htaccess`` serve as immutable. These tests walk a real build: each
such file's name carries the hash of the bytes served under it, each file the pages load
from the site's own assets has such a name, and a change to the content that reaches the
trimmed theme stylesheet gives it a new name.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from generator.infra.security import ENCODINGS, cache_control, is_hashed
from generator.site.assets import asset_files, hashed_path
from tests.helpers import build_in_process
from tests.project_fixture import small_project

#: builds a whole site once for the module: make test only, not make check
pytestmark = pytest.mark.slow

_HASH = re.compile(r"\.([0-9a-f]{8,64})(?:\.min)?\.[a-z0-9]+$")
#: what a page loads: stylesheets, scripts, and the script and words a part of the page
#: fetches when it is first used (onuse.js, lookup.js)
_LOADED = re.compile(
    r'(?:<link rel="stylesheet" href|<script src|\bdata-sf-on-use|\bdata-words)="([^"]+)"'
)
REPO = Path(__file__).resolve().parent.parent
#: the legal pages' template with a link styled as the theme's button, a class no page
#: of the test project uses (content pages may not carry HTML, so a template adds it)
LEGAL = (REPO / "templates/legal.html").read_text(encoding="utf-8")
#: Material styles its button only inside its typeset, which the site's pages do not use
BUTTON = (
    '{{ markdown(body) }}\n<div class="md-typeset"><p>'
    '<a class="md-button" href="{{ link(\'\') }}">Start</a></p></div>'
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = small_project(tmp_path_factory.mktemp("hashed") / "project")
    return build_in_process(project, strict=False, use_cache=False)


def _served_bytes(path: Path) -> bytes:
    """The file a precompressed copy stands for, or the file itself."""
    for suffix in ENCODINGS:
        if path.name.endswith(suffix):
            return path.with_name(path.name.removesuffix(suffix)).read_bytes()
    return path.read_bytes()


def test_every_immutable_file_is_named_by_its_bytes(built: Path):
    immutable = [p for p in sorted(built.rglob("*")) if p.is_file() and is_hashed(p.name)]
    assert len(immutable) > 20  # stylesheets, scripts, search and lookup data, copies
    for path in immutable:
        match = _HASH.search(path.name.removesuffix(".br").removesuffix(".gz"))
        assert match, path
        digest = hashlib.sha256(_served_bytes(path)).hexdigest()
        assert digest.startswith(match[1]), f"{path.relative_to(built)}: hash is not of its bytes"


def test_pages_load_only_hashed_stylesheets_and_scripts(built: Path):
    pages = sorted(built.rglob("*.html"))
    loaded: set[str] = set()
    for page in pages:
        for ref in _LOADED.findall(page.read_text(encoding="utf-8")):
            target = (page.parent / ref).resolve() if not ref.startswith("/") else built / ref[1:]
            assert target.is_file(), f"{page.relative_to(built)} loads {ref}, which is missing"
            assert is_hashed(ref), f"{page.relative_to(built)} loads unhashed {ref}"
            assert cache_control(ref).endswith("immutable")
            loaded.add(target.relative_to(built.resolve()).as_posix())
    names = {Path(p).name.split(".")[0] for p in loaded}
    assert {"main", "palette", "servicefinder", "branding", "lookup", "search", "lunr"} <= names
    # the sources' own names are not published: nothing could link them by mistake
    for unhashed in ("assets/lookup.js", "assets/search.js", "assets/servicefinder.css"):
        assert not (built / unhashed).exists()
    for never in ("index.html", "robots.txt", "404.html", "sitemap.xml"):
        assert not cache_control(never).endswith("immutable")


def test_a_page_using_a_new_theme_class_renames_the_trimmed_stylesheet(built: Path, tmp_path: Path):
    (before,) = built.glob("assets/stylesheets/main.*.min.css")
    assert "{{ markdown(body) }}" in LEGAL
    legal = LEGAL.replace("{{ markdown(body) }}", BUTTON)
    project = small_project(tmp_path / "project", {"templates/legal.html": legal})
    site = build_in_process(project, strict=False, use_cache=False)
    (after,) = site.glob("assets/stylesheets/main.*.min.css")
    assert ".md-button" in after.read_text() and ".md-button" not in before.read_text()
    assert after.name != before.name
    assert f"assets/stylesheets/{after.name}" in (site / "impressum/index.html").read_text()
    assert f"assets/stylesheets/{after.name}" in (site / "index.html").read_text()
    assert not (site / "assets/stylesheets" / before.name).exists()


def test_one_changed_byte_of_a_script_changes_its_name():
    one = asset_files({"assets/x.js": "var a = 1;\n"})
    other = asset_files({"assets/x.js": "var a = 2;\n"})
    assert one.names["assets/x.js"] != other.names["assets/x.js"]
    assert is_hashed(one.names["assets/x.js"])
    assert hashed_path("assets/x.js", b"a") == (
        f"assets/x.{hashlib.sha256(b'a').hexdigest()[:10]}.js"
    )
    # comments and whitespace are not served, so they do not rename the file
    assert asset_files({"assets/x.js": "/* note */ var a = 1;"}).names == one.names
