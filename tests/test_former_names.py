"""Renamed services and benefits: a service names its own former names and those of the
renamed terms its text uses, with the day of the change; its pages say "früher: ..." in
their language, and the search index finds it by the old word in every language."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.catalogue import load_catalogue
from generator.content.model import Catalogue
from generator.infra.errors import ContentError
from generator.site.i18n import LABELS
from generator.site.render import render_site
from generator.site.search_index import search_files, terms
from generator.site.search_shards import read_back
from tests.helpers import TODAY
from tests.project_fixture import ASSISTANCE, MONEY, MONEY_DE, REPO, small_project

RENAMED = MONEY_DE.replace(
    "as_of: 2025-06-01\n",
    "former_names:\n"
    "  - {name: Probegeld beantragen, changed: 2024-01-01}\n"
    "terms:\n"
    "  - name: Testgeld\n"
    "    former_names: [{name: Altgeldleistung, changed: 2025-07-01}]\n"
    "as_of: 2025-06-01\n",
)


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    assert RENAMED != MONEY_DE
    project = small_project(
        tmp_path_factory.mktemp("p"), {f"content/services/{MONEY}.yaml": RENAMED}
    )
    catalogue, _ = load_catalogue(project / "content", root=project, strict=True, today=TODAY)
    return catalogue


def test_the_pages_name_the_former_names_with_the_day_of_the_change(catalogue: Catalogue):
    pages = {p.url: p.html for p in render_site(REPO / "templates", catalogue, TODAY)}
    german = pages[f"leistungen/{MONEY}/"]
    assert f"{LABELS['de']['formerly']}: <span>Probegeld beantragen</span>" in german
    assert "umbenannt zum 01.01.2024" in german
    assert "<strong>Testgeld</strong>, früher: <span>Altgeldleistung</span>" in german
    assert "umbenannt zum 01.07.2025" in german
    english = pages[f"en/services/{MONEY}/"]
    assert 'formerly: <span lang="de" dir="ltr">Altgeldleistung</span>' in english
    assert "renamed on 1 July 2025" in english
    # the renamed term after the description, out of the way of the answers at the top
    description = german[german.index('id="beschreibung"') :]
    assert "Altgeldleistung" in description[: description.index("</section>")]
    assert german.index("Probegeld beantragen") < german.index('id="beschreibung"')
    easy = pages[f"leistungen/{MONEY}/leichte-sprache/"]
    assert easy.index("sf-easy__text") < easy.index("Altgeldleistung")
    assert "früher" not in pages[f"leistungen/{ASSISTANCE}/"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_search_finds_the_service_by_a_former_name(catalogue: Catalogue, lang: str):
    found = search_files(catalogue)
    _, index, docs = read_back(found.files, found.index[lang])
    for word in ("Altgeldleistung", "Probegeld"):
        (stem,) = terms(word, lang)
        refs = set(index.get(stem, {}).get("keywords", {}))
        # [title, summary, url, language]: every such page is the money's
        assert refs and all(f"/{MONEY}/" in f"/{docs[r][2]}" for r in refs), (lang, word)


def test_a_former_name_needs_its_day(tmp_path: Path):
    broken = RENAMED.replace("changed: 2025-07-01", "changed: sometime")
    project = small_project(tmp_path, {f"content/services/{MONEY}.yaml": broken})
    with pytest.raises(ContentError) as exc:
        load_catalogue(project / "content", root=project, today=TODAY)
    assert [p.format() for p in exc.value.problems] == [
        f"content/services/{MONEY}.yaml:10:53: terms[0].former_names[0].changed: "
        "expected a date like 2025-01-22, got 'sometime'"
    ]
