"""The "not here" list (content/elsewhere.yaml) and what the search index makes of it and of
untranslated services (issue 32), without a browser: the checks an editor meets, and the
data search.js reads (its browser behaviour: tests/browser/test_search_rules.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.catalogue import load_catalogue
from generator.infra.errors import ContentError
from generator.site import search_lang
from generator.site.search_index import elsewhere_data, search_files, stem, terms
from generator.site.search_shards import read_back
from tests.helpers import TODAY
from tests.project_fixture import ASSISTANCE, MONEY, languages_project, small_project

ELSEWHERE = """\
entries:
  - id: testwohngeld
    name: {de: Testwohngeld, en: Test housing benefit}
    words:
      de: [Testwohngeld, Mietzuschuss]
      uk: [тестова субсидія]
    handled_by: {de: die Testwohngeldstelle}
    phone: "115"
"""


def load(project: Path):
    return load_catalogue(project / "content", root=project, today=TODAY, strict=True)


def messages(project: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(project)
    return [p.format() for p in caught.value.problems if p.severity == "error"]


def test_the_example_lists_benefits_it_does_not_describe():
    repo = Path(__file__).resolve().parent.parent
    catalogue, _ = load_catalogue(repo / "content", root=repo, today=TODAY)
    ids = {e.id for e in catalogue.elsewhere}
    assert {"wohngeld", "kindergeld", "ausweis", "rente"} <= ids
    assert all(e.handled_by.de for e in catalogue.elsewhere)


def test_a_word_a_service_is_about_cannot_be_not_here(tmp_path: Path):
    listed = ELSEWHERE.replace("[Testwohngeld, Mietzuschuss]", "[Testwohngeld, Regelsatz]")
    found = messages(small_project(tmp_path, {"content/elsewhere.yaml": listed}))
    assert any("'Regelsatz' is listed as not described here, but service" in m for m in found)


def test_a_synonym_cannot_be_not_here(tmp_path: Path):
    listed = ELSEWHERE.replace("[Testwohngeld, Mietzuschuss]", "[Testwohngeld, Probegeld]")
    found = messages(small_project(tmp_path, {"content/elsewhere.yaml": listed}))
    assert any("but content/synonyms.yaml has it" in m for m in found)


def test_ids_words_and_languages_are_checked(tmp_path: Path):
    twice = ELSEWHERE + ELSEWHERE.removeprefix("entries:\n").replace("Mietzuschuss", "Probe")
    found = messages(small_project(tmp_path / "a", {"content/elsewhere.yaml": twice}))
    assert any("id 'testwohngeld' is used twice" in m for m in found)
    # the small project has German and English only
    found = messages(small_project(tmp_path / "b", {"content/elsewhere.yaml": ELSEWHERE}))
    assert any("language 'uk' is not one of the site's" in m for m in found)


def test_each_language_gets_its_phrases_stemmed_as_its_queries_are(tmp_path: Path):
    catalogue, _ = load(languages_project(tmp_path, {"content/elsewhere.yaml": ELSEWHERE}))
    [de] = elsewhere_data(catalogue, "de")
    assert [stem("testwohngeld", "de")] in de[0] and [stem("mietzuschuss", "de")] in de[0]
    assert de[1:] == ["Testwohngeld", "", "die Testwohngeldstelle", "", "115"]
    [uk] = elsewhere_data(catalogue, "uk")
    assert terms("тестова субсидія", "uk") in uk[0]
    # no Ukrainian text: the German one, said to be German
    assert uk[1:] == ["Testwohngeld", "de", "die Testwohngeldstelle", "de", "115"]
    # the English page reads English and German words, not Ukrainian ones
    [en] = elsewhere_data(catalogue, "en")
    assert terms("тестова субсидія", "en") not in en[0]


def test_an_untranslated_service_is_in_every_index_as_its_german_page(tmp_path: Path):
    catalogue, _ = load(languages_project(tmp_path))
    files = search_files(catalogue)

    def pages(docs: list[list], sid: str) -> list[list]:
        return [d for d in docs if f"/{sid}/" in f"/{d[2]}"]

    for lang in ("uk", "ar", "tr"):
        _, _, docs = read_back(files.files, files.index[lang])
        german = pages(docs, ASSISTANCE)
        assert [d[2] for d in german] == [f"leistungen/{ASSISTANCE}/"], lang
        assert german[0][3] == "de"  # labelled: its text is German
        assert {d[3] for d in pages(docs, MONEY)} == {""}  # translated: the page's own
    _, _, en = read_back(files.files, files.index["en"])
    assert all(d[3] == "" for d in en)  # everything is translated into English


def test_question_words_are_no_terms():
    assert terms("wie bekomme ich Hilfe bei Schulden", "de") == terms("Hilfe Schulden", "de")
    assert terms("how do I get help with debts", "en") == terms("help debts", "en")
    assert search_lang.words("як отримати допомогу", "uk") == ["допомогу"]
    assert search_lang.words("كيف أحصل على مساعدة", "ar") == ["مساعده"]
    assert search_lang.words("yardım nasıl alınır", "tr") == ["yardım"]


def test_latin_words_on_ukrainian_and_arabic_pages_are_stemmed_as_german():
    for lang in ("uk", "ar"):
        behinderung = search_lang.stem("behinderung", lang)
        assert behinderung == stem("behinderung", "de")
        assert behinderung != search_lang.stem("behindertenausweis", lang)
