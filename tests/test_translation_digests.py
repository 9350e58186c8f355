"""Translations know when their original changed: each records a checksum of every German
field it was made from (``servicefinder translations --renew`` writes them); a German field
changed since is reported for every translation of it, at its line, as a warning that
--strict refuses, and the translated page says so in its own language until renewed."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from generator.commands.cli import main
from generator.content.catalogue import load_catalogue
from generator.content.translations import (
    digests_for,
    field_digest,
    renewed_text,
    source_value,
    state,
)
from generator.site.i18n import SHELL
from generator.site.views import service_view
from tests.helpers import EPOCH, TODAY, build_in_process
from tests.project_fixture import MONEY, MONEY_DE, languages_project

TRANSLATED = ("en", "uk", "ar", "tr")
OLD = "Ihr Einkommen reicht nicht für das Nötigste."
NEW = "Ihr Einkommen und Ihr Vermögen reichen nicht für das Nötigste."


def translation_file(project: Path, lang: str) -> Path:
    return project / f"content/services/{MONEY}.{lang}.yaml"


def cli(project: Path, capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    """The command line in this process, on the tests' build date."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    code = main(["-C", str(project), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def renewed(tmp_path: Path, capsys, monkeypatch) -> Path:
    """The five-language project with every translation's checksums recorded."""
    project = languages_project(tmp_path / "p")
    files = [str(translation_file(project, lang)) for lang in TRANSLATED]
    code, out, err = cli(project, capsys, monkeypatch, "translations", "--renew", *files)
    assert code == 0, err
    assert out.count("renewed content/services/") == len(TRANSLATED)
    return project


@pytest.mark.slow
def test_a_changed_german_field_is_reported_for_each_translation_and_shown_on_its_page(
    renewed: Path, capsys, monkeypatch
):
    code, _, err = cli(renewed, capsys, monkeypatch, "validate", "--strict")
    assert code == 0, err  # renewed: nothing is outdated

    german = renewed / f"content/services/{MONEY}.yaml"
    assert OLD in MONEY_DE
    german.write_text(MONEY_DE.replace(OLD, NEW), encoding="utf-8")

    code, _, err = cli(renewed, capsys, monkeypatch, "validate")
    assert code == 0, err  # a warning: the preview and a plain build go on
    for lang in TRANSLATED:
        path = translation_file(renewed, lang)
        lines = path.read_text(encoding="utf-8").splitlines()
        line = next(i for i, text in enumerate(lines, 1) if text.startswith("requirements:"))
        shown = f"content/services/{MONEY}.{lang}.yaml:{line}:1: warning: requirements: "
        assert f"{shown}outdated translation ({lang})" in err, err
    assert err.count("outdated translation") == len(TRANSLATED)  # that field only

    code, _, err = cli(renewed, capsys, monkeypatch, "validate", "--strict")
    assert code == 1
    assert "4 warnings (fatal with --strict)" in err

    site = build_in_process(renewed, strict=False, use_cache=False)
    for lang in TRANSLATED:
        page = (site / f"{lang}/services/{MONEY}/index.html").read_text(encoding="utf-8")
        assert SHELL[lang]["outdated_translation"] in page, lang
        easy = (site / f"{lang}/services/{MONEY}/easy-read/index.html").read_text()
        assert SHELL[lang]["outdated_translation"] not in easy  # its easy text is current
    german_page = (site / f"leistungen/{MONEY}/index.html").read_text(encoding="utf-8")
    assert 'class="sf-review sf-outdated"' not in german_page


def test_renewing_one_translation_clears_it_and_no_other(renewed: Path, capsys, monkeypatch):
    german = renewed / f"content/services/{MONEY}.yaml"
    german.write_text(MONEY_DE.replace(OLD, NEW), encoding="utf-8")
    uk = str(translation_file(renewed, "uk"))
    code, out, _ = cli(renewed, capsys, monkeypatch, "translations", "--renew", uk)
    assert code == 0 and f"renewed content/services/{MONEY}.uk.yaml (uk)" in out

    code, out, err = cli(renewed, capsys, monkeypatch, "translations")
    assert code == 0, err
    assert f"{MONEY}.uk.yaml: current" in out
    assert f"{MONEY}.tr.yaml: outdated: requirements" in out
    code, _, err = cli(renewed, capsys, monkeypatch, "validate")
    assert "outdated translation (uk)" not in err
    assert "outdated translation (tr)" in err


def test_an_easy_text_change_marks_the_easy_page_only(renewed: Path):
    german = renewed / f"content/services/{MONEY}.yaml"
    changed = MONEY_DE.replace("Dann hilft das Sozialamt.", "Dann hilft Ihnen das Sozialamt.")
    assert changed != MONEY_DE
    german.write_text(changed, encoding="utf-8")
    catalogue, _ = load_catalogue(renewed / "content", root=renewed, today=TODAY)
    view = service_view(catalogue, catalogue.service(MONEY), "ar")
    assert view is not None and view.outdated == ("easy",)
    assert view.outdated_here(easy=True) and not view.outdated_here(easy=False)


def test_a_translation_without_checksums_is_not_tracked(tmp_path: Path, capsys, monkeypatch):
    project = languages_project(tmp_path / "p")
    german = project / f"content/services/{MONEY}.yaml"
    german.write_text(MONEY_DE.replace(OLD, NEW), encoding="utf-8")
    code, _, err = cli(project, capsys, monkeypatch, "validate", "--strict")
    assert code == 0, err
    code, out, _ = cli(project, capsys, monkeypatch, "translations")
    assert f"{MONEY}.uk.yaml: not tracked" in out


def test_a_field_translated_after_the_renewal_asks_for_one(renewed: Path):
    path = translation_file(renewed, "en")
    text = path.read_text(encoding="utf-8")
    assert "\nappeal:" not in text
    path.write_text(text + "appeal: You can object within one month.\n", encoding="utf-8")
    _, problems = load_catalogue(renewed / "content", root=renewed, today=TODAY)
    found = [p for p in problems if p.file.endswith(f"{MONEY}.en.yaml")]
    assert [(p.field, p.severity) for p in found] == [("appeal", "warning")]
    assert "no checksum of the German 'appeal'" in found[0].message


def test_renew_refuses_a_file_that_is_no_translation(renewed: Path, capsys, monkeypatch):
    before = (renewed / f"content/services/{MONEY}.yaml").read_text()
    code, _, err = cli(
        renewed, capsys, monkeypatch, "translations", "--renew", f"content/services/{MONEY}.yaml"
    )
    assert code == 1 and "is not a translation file" in err
    assert (renewed / f"content/services/{MONEY}.yaml").read_text() == before


def test_renewed_text_rewrites_only_its_own_lines():
    text = (
        "# a comment that stays\n"
        "id: x\n"
        "review: machine-translated\n"
        "translated_from: 2020-01-01\n"
        "digests:\n"
        '  title: "000000000000"\n'
        '  summary: "111111111111"\n'
        "title: Ein Titel  # stays too\n"
        "summary: >-\n"
        "  two lines\n"
        "  of text\n"
    )
    out = renewed_text(
        text, {"summary": "0123456789ab", "title": "123456789012"}, date(2026, 12, 6)
    )
    assert out == (
        "# a comment that stays\n"
        "id: x\n"
        "review: machine-translated\n"
        "translated_from: 2026-12-06\n"
        "digests:\n"
        '  title: "123456789012"\n'  # quoted: all digits would read as a number
        '  summary: "0123456789ab"\n'
        "title: Ein Titel  # stays too\n"
        "summary: >-\n"
        "  two lines\n"
        "  of text\n"
    )
    assert (
        renewed_text(out, {"summary": "0123456789ab", "title": "123456789012"}, date(2026, 12, 6))
        == out
    )


def test_checksums_count_what_a_translation_translates(tmp_path: Path):
    project = languages_project(tmp_path / "p")
    catalogue, _ = load_catalogue(project / "content", root=project, today=TODAY)
    service = catalogue.service(MONEY)
    en = catalogue.translation("en", MONEY)
    assert en is not None
    recorded = digests_for(service, en)
    # only the fields English translates; the others are shown in German
    assert "notes" not in recorded and {"title", "requirements", "easy", "amounts"} <= set(recorded)
    assert all(re.fullmatch(r"[0-9a-f]{12}", d) for d in recorded.values())
    # an amount's figures are the same in every language: a new figure changes no translation
    newer = service.model_copy(
        update={"amounts": [a.model_copy(update={"values": []}) for a in service.amounts]}
    )
    assert field_digest(source_value(newer, "amounts")) == recorded["amounts"]
    tracked = en.model_copy(update={"digests": recorded})
    assert state(service, tracked).current
