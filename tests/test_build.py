"""The whole pipeline on the small test project: the pages and files a build makes, in this
process, and the command line where its exit codes, messages and signals are the subject."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests import project_fixture as fixture
from tests.helpers import EPOCH, build_in_process, run_cli, service_yaml, tree_digest
from tests.project_fixture import ASSISTANCE, MONEY, small_project

#: builds a whole site once for the module: make test only, not make check
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = small_project(tmp_path_factory.mktemp("small"))
    build_in_process(project, strict=True)
    return project


def test_every_page_is_built(built: Path):
    site = built / "site"
    services = sorted(
        p.stem for p in (built / "content/services").glob("*.yaml") if "." not in p.stem
    )
    assert services == sorted(fixture.SERVICES)
    for sid in services:
        assert (site / f"leistungen/{sid}/index.html").is_file()
        assert (site / f"leistungen/{sid}/leichte-sprache/index.html").is_file()
        assert (site / f"en/services/{sid}/index.html").is_file()
        assert (site / f"en/services/{sid}/easy-read/index.html").is_file()
    authorities = sorted(p.stem for p in (built / "content/authorities").glob("*.yaml"))
    assert authorities == sorted(fixture.AUTHORITIES)
    for auth in authorities:
        assert (site / f"behoerden/{auth}/index.html").is_file()
    for index in [
        "index.html",
        "leistungen/index.html",
        "themen/index.html",
        "behoerden/index.html",
        "leichte-sprache/index.html",
        "en/index.html",
        "impressum/index.html",
        "datenschutz/index.html",
        "barrierefreiheit/index.html",
        "suche/index.html",
        "en/search/index.html",
    ]:
        assert (site / index).is_file(), index


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.html_lang = ""
        self.langs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang", "")
        if re.fullmatch(r"h[1-6]", tag) and "md-search" not in (attrs.get("class") or ""):
            self.headings.append(int(tag[1]))
        if tag == "div" and attrs.get("id") == "inhalt" and "lang" in attrs:
            self.langs.append(attrs["lang"])


def outline(path: Path) -> _Outline:
    parser = _Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_service_page_structure(built: Path):
    page = built / f"site/leistungen/{MONEY}/index.html"
    o = outline(page)
    assert o.html_lang == "de"
    assert o.headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(o.headings, o.headings[1:], strict=False))
    html = page.read_text()
    order = [
        html.index(f'id="{s}"')
        for s in [
            "beschreibung",
            "zustaendig",
            "voraussetzungen",
            "unterlagen",
            "kosten",
            "betraege",
            "ablauf",
            "formulare",
            "rechtsgrundlagen",
        ]
    ]
    assert order == sorted(order)
    # the amount in force on the build date (2025-11-22) and since when
    flat = re.sub(r"[ \n]+", " ", html)
    assert "500,00\u00a0€</bdi></strong> <span>im Monat</span> (seit <bdi>01.01.2024</bdi>)" in flat
    assert "01.01.2019" in flat and "400,00\u00a0€" in flat  # the earlier value, as history
    assert 'href="https://www.gesetze-im-internet.de/sgb_12/__27a.html"' in html
    assert "Beispieldaten" in html
    assert "Behördennummer 115" in html


def test_english_pages_mark_their_language(built: Path):
    o = outline(built / f"site/en/services/{ASSISTANCE}/index.html")
    assert o.html_lang == "en"
    html = (built / f"site/leistungen/{ASSISTANCE}/index.html").read_text()
    # one way to the English page: the header's language switch, named in English
    english = f'<a href="../../en/services/{ASSISTANCE}/" lang="en" hreflang="en">English</a>'
    assert html.count(english) == 1
    # without site_url the head lists no hreflang alternates: relative ones are not valid
    assert 'rel="alternate" hreflang' not in html


def test_no_external_resources_and_no_cookies(built: Path):
    for page in (built / "site").rglob("*.html"):
        html = page.read_text()
        for m in re.finditer(r'<(?:script|link|img|iframe)\b[^>]*(?:src|href)="([^"]+)"', html):
            url = m.group(1)
            if m.group(0).startswith("<link") and 'rel="alternate"' in m.group(0):
                continue
            assert not re.match(r"(https?:)?//", url), f"{page}: {url}"
        assert "document.cookie" not in html


@pytest.mark.tool  # runs the command line as its own process
def test_broken_content_keeps_the_previous_site(tmp_path: Path):
    project = small_project(tmp_path)
    build_in_process(project, strict=False)
    before = tree_digest(project / "site")
    (project / "content/services/kaputt.yaml").write_text(
        service_yaml("kaputt", fees="{text: x, amount_eur: zehn}", related="[fehlt]")
    )
    (project / f"content/authorities/{fixture.WELFARE_OFFICE}.yaml").write_text(
        f"id: {fixture.WELFARE_OFFICE}\nname: [\n"
    )
    result = run_cli(project, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert (
        "content/services/kaputt.yaml:8:29: fees.amount_eur: expected a number, got 'zehn'" in lines
    )
    assert any(
        line.startswith(f"content/authorities/{fixture.WELFARE_OFFICE}.yaml:3:1: invalid YAML")
        for line in lines
    )
    # the broken service's other fields are still checked, in the same run
    assert any("related[0]: unknown service 'fehlt'" in line for line in lines)
    assert any(line.startswith("3 errors in 2 files") for line in lines)
    assert tree_digest(project / "site") == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []


def test_mkdocs_build_alone_also_refuses_broken_content(tmp_path: Path):
    import subprocess
    import sys

    project = small_project(tmp_path, {f"content/services/{MONEY}.yaml": "id: [\n"})
    (project / "site").mkdir()
    (project / "site/keep.html").write_text("previous")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert f"content/services/{MONEY}.yaml:2:1: invalid YAML" in result.stderr
    assert "Traceback" not in result.stderr
    assert (project / "site/keep.html").read_text() == "previous"


@pytest.mark.tool  # several whole builds: make test
def test_two_builds_are_byte_identical(tmp_path: Path):
    """Two processes, each with its own string hashing and no cache: any output that
    depends on the order of a set or on the process would differ."""
    project = small_project(tmp_path)
    for name, seed in (("one", "1"), ("two", "2")):
        result = run_cli(project, "build", "--no-cache", "-d", name, env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
    one, two = tree_digest(project / "one"), tree_digest(project / "two")
    assert one.keys() == two.keys() and len(one) > 30
    assert one == two


@pytest.mark.tool  # runs the command line as its own process
def test_validate_formats(tmp_path: Path):
    project = small_project(
        tmp_path / "broken",
        {
            "content/services/kaputt.yaml": service_yaml("kaputt", tittle="x"),
        },
    )
    result = run_cli(project, "validate", "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line for line in lines if line.startswith("::error")] == [
        "::error file=content/services/kaputt.yaml,line=12,col=1,title=tittle::unknown field "
        "'tittle'; did you mean 'title'?"
    ]
    # freshness: a rate whose newest value is older than a year is a notice, not an error
    assert (
        f"::notice file=content/services/{MONEY}.yaml,line=48,col=13,"
        "title=amounts[0].values::newest value is from 2024-01-01, over 365 days ago; "
        "is there a newer one? (the page flags it)"
    ) in lines
    as_json = run_cli(project, "validate", "--format", "json")
    found = json.loads(as_json.stdout)
    assert {p["severity"] for p in found} == {"error", "notice"}
    assert all({"file", "line", "column", "field", "message"} <= p.keys() for p in found)
    ok = run_cli(small_project(tmp_path / "ok"), "validate")
    assert ok.returncode == 0 and ok.stdout.startswith("ok: 2 services, 2 authorities")


@pytest.mark.tool  # runs the command line as its own process
def test_strict_makes_warnings_fatal_on_the_command_line(tmp_path: Path):
    easy = "{title: Test, text: Der Antrag wird vom Amt geprüft.}"  # passive voice
    project = small_project(
        tmp_path, {"content/services/test-leistung.yaml": service_yaml(easy=easy)}
    )
    lenient = run_cli(project, "validate")
    assert lenient.returncode == 0 and lenient.stdout.startswith("ok: 3 services")
    assert "test-leistung.yaml:11:1: warning: easy.text: [passive]" in lenient.stderr
    strict = run_cli(project, "validate", "--strict")
    assert strict.returncode == 1 and "ok:" not in strict.stdout
    assert strict.stderr.splitlines()[-1] == (
        "0 errors in 0 files, 1 warning (fatal with --strict), 1 notice"
    )
    build = run_cli(project, "build", "--strict")
    assert build.returncode == 1 and not (project / "site").exists()
    assert "The site was not built; the previous site is unchanged." in build.stderr


@pytest.mark.tool  # several whole builds: make test
def test_a_build_killed_midway_leaves_the_previous_site(tmp_path: Path):
    import os
    import signal
    import subprocess
    import sys
    import time

    # more services than the fixture's two, so the build is long enough to be caught
    extra = {f"content/services/test-{i}.yaml": service_yaml(f"test-{i}") for i in range(40)}
    project = small_project(tmp_path / "p", extra)
    build_in_process(project, strict=False)
    before = tree_digest(project / "site")
    source = project / f"content/services/{MONEY}.yaml"
    source.write_text(source.read_text().replace("title: Testgeld", "title: Geändertes Testgeld"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator.commands.cli", "build"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        staging = [p for p in project.iterdir() if p.name.startswith(".site.building-")]
        if staging and any(staging[0].rglob("*.html")):
            break
        time.sleep(0.005)
    else:
        proc.kill()
        raise AssertionError("the build never wrote a page into its staging folder")
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    assert proc.returncode != 0
    assert tree_digest(project / "site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_search_index_covers_the_content(built: Path):
    from generator.site.search_shards import read_back

    search = built / "site/assets/search"
    files = {f"assets/search/{p.name}": p.read_text() for p in search.glob("*.json")}
    [directory] = [p for p in files if p.startswith("assets/search/search-de.")]
    _, index, docs = read_back(files, directory)
    # a keyword, a word of the description, a synonym only synonyms.yaml names (stemmed)
    assert {"sozialhilf", "testgeld", "kleidung", "probegeld"} <= set(index)
    assert "hartz" not in index  # a word of the example content, not of this project
    by_url = {d[2]: d for d in docs}
    assert by_url[f"leistungen/{MONEY}/"][0] == "Testgeld beantragen"
    assert f"leistungen/{MONEY}/leichte-sprache/" in by_url
    assert sorted(p.name.split(".")[0] for p in search.glob("search-*.json")) == [
        f"search-{lang}" for lang in ("de", "en")
    ]
    # named by its content hash
    (lunr,) = [p for p in search.glob("lunr.*.js") if re.fullmatch(r"lunr\.\w{10}\.js", p.name)]
    assert "lunr - http://lunrjs.com" in lunr.read_text()  # the vendored release
    assert "2.3.9" in lunr.read_text().splitlines()[1]


def test_easy_entry_pages_explain_the_site_and_link_each_other(built: Path):
    de = (built / "site/leichte-sprache/index.html").read_text()
    en = (built / "site/en/easy-read/index.html").read_text()
    assert "So finden Sie eine Hilfe" in de and "How to find help" in en
    assert '<a href="../en/easy-read/" hreflang="en" lang="en">English</a>' in de
    assert '<a href="../../leichte-sprache/" hreflang="de" lang="de">Deutsch</a>' in en
    for sid in fixture.SERVICES:
        assert f'href="../leistungen/{sid}/leichte-sprache/"' in de
        assert f'href="../services/{sid}/easy-read/"' in en
    easy = built / f"site/leistungen/{MONEY}/leichte-sprache/index.html"
    html = easy.read_text()
    assert '<strong class="sf-term">Bescheid</strong>' in html
    assert '<p class="sf-explain">Ein Bescheid ist ein Brief vom Amt.' in html


def test_link_checker_passes_on_the_built_site(built: Path):
    result = run_cli(built, "check-links")
    assert result.returncode == 0, result.stderr
    summary, *external = result.stdout.splitlines()
    assert summary.endswith("0 broken, 2 external (listed, not fetched):")
    # the one external address each service's legal basis links to, listed, not fetched
    assert external == [
        "  https://www.gesetze-im-internet.de/sgb_12/__27a.html",
        "  https://www.gesetze-im-internet.de/sgb_9_2018/__113.html",
    ]


def test_link_checker_finds_missing_pages_and_anchors(tmp_path: Path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#da">ok</a><a href="b/">gone</a>'
        '<a href="a/#weg">no anchor</a><a href="#oben">own anchor</a><p id="oben"></p>'
        '<a href="https://example.org/">external</a><a href="mailto:x@example.org">mail</a>'
    )
    (site / "a/index.html").write_text('<h2 id="da">Da</h2><img src="../bild.svg" alt="">')
    result = run_cli(tmp_path, "check-links")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "a/index.html: ../bild.svg (no file bild.svg)",
        "index.html: b/ (no file b/index.html)",
        "index.html: a/#weg (no id 'weg')",
    ]
    assert "https://example.org/" in result.stdout


@pytest.mark.tool  # several whole builds: make test
def test_build_check_reproducible(tmp_path: Path):
    project = small_project(tmp_path)
    result = run_cli(project, "build", "--check-reproducible")
    assert result.returncode == 0, result.stderr
    assert re.search(r"reproducible: 3 builds, \d+ files byte-identical", result.stdout)


@pytest.mark.tool  # runs the command line as its own process
def test_file_size_limit_is_configurable(tmp_path: Path):
    project = small_project(tmp_path)
    size = (project / f"content/services/{MONEY}.yaml").stat().st_size
    assert 1024 < size < 3072  # over the limit below, under the next whole kilobyte
    result = run_cli(project, "validate", env={"SERVICEFINDER_MAX_FILE_KB": "1"})
    assert result.returncode == 1
    assert f"content/services/{MONEY}.yaml:1:1: file is {size} bytes" in result.stderr
    assert "at most 1024 are allowed (SERVICEFINDER_MAX_FILE_KB)" in result.stderr
    assert f"content/services/{ASSISTANCE}.en.yaml" not in result.stderr  # a small file
    assert run_cli(project, "validate", env={"SERVICEFINDER_MAX_FILE_KB": "3"}).returncode == 0


def test_precompressed_copies_match_their_originals(built: Path):
    import gzip

    import brotli

    site = built / "site"
    originals = [
        p
        for p in site.rglob("*")
        if p.suffix in {".html", ".css", ".js", ".json"} and p.stat().st_size >= 1024
    ]
    assert {p.suffix for p in originals} == {".html", ".css", ".js", ".json"}
    assert len(originals) > 20
    for original in originals:
        data = original.read_bytes()
        assert gzip.decompress(original.with_name(original.name + ".gz").read_bytes()) == data
        assert brotli.decompress(original.with_name(original.name + ".br").read_bytes()) == data
    small = [p for p in site.rglob("*.json") if p.stat().st_size < 1024]
    assert small and not any(p.with_name(p.name + ".gz").exists() for p in small)
