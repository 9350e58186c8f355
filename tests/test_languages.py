"""Languages beyond the source: fallbacks and outdated translations reported, links that
stay in the page's language, hreflang in head and sitemap, the search terms per language.

The tests that build use the small test project in five languages
(:func:`tests.project_fixture.languages_project`); the search-term test reads the
repository's own search.js and vendored lunr."""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.content import routes
from generator.content.catalogue import load_catalogue
from generator.site import search_lang
from generator.site.language_report import language_reports
from generator.site.views import service_view
from tests.helpers import REPO, TODAY, build_in_process, run_cli
from tests.project_fixture import (
    ASSISTANCE,
    FURTHER_LANGUAGES,
    MONEY,
    MONEY_TR,
    MONEY_UK,
    languages_project,
)

#: builds a whole site once for the module: make test only, not make check
pytestmark = pytest.mark.slow

LANGS = ("en", *FURTHER_LANGUAGES)
SITE_URL = "https://example.org/sf/"
#: the date MONEY_DE is of, which its translations say they were made from
AS_OF = "2025-06-01"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = languages_project(tmp_path_factory.mktemp("languages"))
    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text() + f"\nsite_url: {SITE_URL}\n")
    build_in_process(project, use_cache=False)
    return project


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.html: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.alternates: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.html = a
        elif tag == "a" and "href" in a:
            self.links.append(a)
        elif tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates.append((a["hreflang"], a["href"]))


def parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def _target(page: Path, site: Path, href: str) -> Path | None:
    href = href.split("#")[0].split("?")[0]
    if not href or re.match(r"^[a-z]+:", href):
        return None
    return (page.parent / href).resolve().relative_to(site.resolve())


def test_every_page_of_a_language_has_lang_dir_and_links_in_its_language(built: Path):
    site = built / "site"
    checked = {lang: 0 for lang in LANGS}
    left = {lang: 0 for lang in LANGS}
    for lang in LANGS:
        prefix = routes.segments(lang).prefix
        pages = sorted((site / prefix).rglob("index.html"))
        # start, search, easy read, accessibility, and the service with its easy read
        assert len(pages) >= 6, (lang, pages)
        for page in pages:
            p = parse(page)
            assert p.html.get("lang") == lang, page
            assert p.html.get("dir") == ("rtl" if lang == "ar" else "ltr"), page
            for a in p.links:
                target = _target(page, site, a["href"])
                if target is None or str(target).startswith("assets"):
                    continue
                in_lang = f"{target}/".startswith(prefix)
                # a link out of the language says where it goes: hreflang (and lang on
                # the switch and office names), and only to pages the language lacks
                if not in_lang:
                    assert a.get("hreflang"), (page, a)
                    other = a["hreflang"]
                    if other != lang:
                        left[lang] += 1
                        continue
                assert in_lang, (page, a)
                checked[lang] += 1
    # every language links within itself, and out of it to what it lacks (the
    # untranslated service, the offices, the German original)
    assert all(n > 50 for n in checked.values()), checked
    assert all(n > 0 for n in left.values()), left


def test_links_on_the_arabic_service_page_stay_in_arabic(built: Path):
    page = built / f"site/ar/services/{MONEY}/index.html"
    p = parse(page)
    site = built / "site"
    breadcrumb_home = [a for a in p.links if a["href"] == "../../"]
    assert breadcrumb_home, "breadcrumb and header lead to the Arabic start page"
    header_search = re.search(
        r'role="search" aria-label="([^"]+)" method="get" action="([^"]+)"', page.read_text()
    )
    assert header_search and header_search.group(2) == "../../search/"
    targets = {
        str(_target(page, site, a["href"])) for a in p.links if _target(page, site, a["href"])
    }
    assert "ar/easy-read" in targets and "ar/accessibility" in targets
    # the related service has no Arabic page: the link goes to German and says so
    related = [a for a in p.links if a["href"].endswith(f"/leistungen/{ASSISTANCE}/")]
    assert related and all(a.get("hreflang") == "de" for a in related), related


def test_hreflang_alternates_in_head_and_sitemap(built: Path):
    page = built / f"site/tr/services/{MONEY}/index.html"
    alternates = dict(parse(page).alternates)
    assert set(alternates) == {"de", "en", "uk", "ar", "tr", "x-default"}
    # absolute, as search engines need them (a site without site_url lists none)
    assert alternates["tr"] == f"{SITE_URL}tr/services/{MONEY}/"
    assert alternates["de"] == f"{SITE_URL}leistungen/{MONEY}/"
    # a service translated into English only has no alternates in the other languages
    untranslated = built / f"site/leistungen/{ASSISTANCE}/index.html"
    assert set(dict(parse(untranslated).alternates)) == {"de", "en", "x-default"}
    sitemap = (built / "site/sitemap.xml").read_text()
    assert (
        f'<xhtml:link rel="alternate" hreflang="ar" href="{SITE_URL}ar/services/{MONEY}/"/>'
        in sitemap
    )
    assert f"{SITE_URL}ar/services/{ASSISTANCE}/" not in sitemap


def test_fallback_is_marked_and_the_review_notice_shown(built: Path):
    ar = (built / f"site/ar/services/{MONEY}/index.html").read_text()
    assert 'class="sf-review"' in ar and "ترجمة آلية" in ar
    # office data is German and says so, left to right inside the Arabic page
    assert re.search(r'<li lang="de" dir="ltr">[^<]*Uhr</li>', ar)
    assert 'class="sf-address" lang="de" dir="ltr"' in ar
    # the three translations are complete: nothing falls back to German
    for lang in FURTHER_LANGUAGES:
        page = (built / f"site/{lang}/services/{MONEY}/index.html").read_text()
        assert "sf-untranslated" not in page, lang
    # the English one is not machine translated, and leaves fields out (fees, notes, ...):
    # no review notice, and each German passage marked as German
    en = (built / f"site/en/services/{MONEY}/index.html").read_text()
    assert "sf-review" not in en
    assert '<div class="sf-untranslated" lang="de" dir="ltr">' in en


def test_a_field_missing_in_a_translation_falls_back_with_its_language(tmp_path: Path):
    without_notes = re.sub(r"\nnotes: \|\n(  .*\n|\n)+", "\n", MONEY_TR)
    assert without_notes != MONEY_TR and "\nnotes:" not in without_notes
    project = languages_project(tmp_path, {f"content/services/{MONEY}.tr.yaml": without_notes})
    catalogue, _ = load_catalogue(project / "content", root=project, strict=False, today=TODAY)
    view = service_view(catalogue, catalogue.service(MONEY), "tr")
    assert view is not None and view.fallbacks == {"notes": "de"}
    build_in_process(project, use_cache=False)
    html = (project / f"site/tr/services/{MONEY}/index.html").read_text()
    assert '<div class="sf-untranslated" lang="de" dir="ltr">' in html
    assert "Henüz çevrilmedi" in html
    assert "Sagen Sie dem Sozialamt, wenn sich Ihr Einkommen ändert." in html


def test_report_names_fallbacks_and_outdated_translations(tmp_path: Path):
    older = MONEY_UK.replace(f"translated_from: {AS_OF}", "translated_from: 2024-06-01")
    assert older != MONEY_UK
    project = languages_project(tmp_path, {f"content/services/{MONEY}.uk.yaml": older})
    catalogue, _ = load_catalogue(project / "content", root=project, strict=False, today=TODAY)
    reports = {r.lang: r for r in language_reports(catalogue)}
    assert reports["uk"].outdated == {MONEY: ("2024-06-01", AS_OF)}
    assert reports["tr"].outdated == {}
    assert reports["ar"].machine_translated == [MONEY]
    assert reports["ar"].untranslated == [ASSISTANCE]
    assert reports["en"].machine_translated == [] and "notes" in reports["en"].fallbacks[MONEY]
    result = run_cli(project, "validate")
    assert f"translation of 2024-06-01 is older than the original of {AS_OF}" in result.stdout


SAMPLES = {
    "tr": ["Sosyal", "YARDIM", "yardımı", "geçim", "masrafları", "başvurunuzu", "DAİRESİ",
           "çocukların", "borçlarının", "kira"],
    "ar": ["المساعدة", "الاجتماعية", "والتدفئة", "الإيجار", "بالمستندات", "الأطفال", "مُساعَدة",
           "الديون", "شهريًا", "للعيش"],
    "uk": ["Допомога", "допомоги", "соціальної", "оренди", "сім’я", "житла", "борги",
           "опалення", "вагітність", "ДОКУМЕНТИ"],
}  # fmt: skip


def test_browser_and_index_cut_words_alike():
    """search.js's folding and stemming (the real file, in Node, with lunr.tr.js) gives the
    terms search_lang.py stored in the index."""
    script = (REPO / "site_overrides/assets/search.js").read_text()
    langs = re.search(r"  var LANGS = \{.*?\n  \};\n", script, re.S)
    assert langs
    vendor = REPO / "generator/site/vendor"
    node = f"""
    const lunr = require({json.dumps(str(vendor / "lunr.min.js"))});
    require({json.dumps(str(vendor / "lunr.stemmer.support.js"))})(lunr);
    require({json.dumps(str(vendor / "lunr.tr.js"))})(lunr);
    {langs.group(0)}
    const samples = {json.dumps(SAMPLES, ensure_ascii=False)};
    const out = {{}};
    for (const lang in samples) out[lang] = samples[lang].map(
      w => LANGS[lang].stem(LANGS[lang].fold(w).match(/[\\p{{L}}\\p{{N}}]+/gu)[0]));
    console.log(JSON.stringify(out));
    """
    result = subprocess.run(["node", "-e", node], capture_output=True, text=True, check=True)
    browser = json.loads(result.stdout)
    for lang, words in SAMPLES.items():
        python = [search_lang.stem(search_lang.words(w, lang)[0], lang) for w in words]
        assert browser[lang] == python, lang
    assert search_lang.stem("допомоги", "uk") == search_lang.stem("допомогу", "uk")
    assert search_lang.stem("الاجتماعية", "ar") == search_lang.stem("اجتماعي", "ar")
