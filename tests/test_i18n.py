"""Every language is whole: its strings file has every key of the source language's, with
the same placeholders, and every language the example site names has one."""

from __future__ import annotations

import re
from datetime import date

import pytest
import yaml

from generator.site import i18n
from tests.helpers import REPO

SOURCE = "de"


def _keys(data: dict, prefix: str = "") -> set[str]:
    """Every key path; the optional ``easy`` section (easy wording) is not required."""
    out = set()
    for k, v in data.items():
        if not prefix and k == "easy":
            continue
        out |= _keys(v, f"{prefix}{k}.") if isinstance(v, dict) else {prefix + k}
    return out


@pytest.mark.parametrize("lang", sorted(set(i18n.STRINGS) - {SOURCE}))
def test_every_language_has_every_key_and_placeholder(lang: str):
    source, own = i18n.STRINGS[SOURCE], i18n.STRINGS[lang]
    assert _keys(own) == _keys(source)
    for section in ("labels", "lookup", "search", "shell"):
        for key, text in source[section].items():
            want = set(re.findall(r"\{\w+\}", text))
            assert set(re.findall(r"\{\w+\}", own[section][key])) == want, (section, key)
    assert len(own["language"]["months"]) == 12
    assert own["language"]["dir"] in ("ltr", "rtl")


def test_a_missing_key_is_found():
    broken = yaml.safe_load((i18n.STRINGS_DIR / "tr.yaml").read_text(encoding="utf-8"))
    del broken["shell"]["skip"]
    assert _keys(broken) != _keys(i18n.STRINGS[SOURCE])


def test_every_site_language_has_strings():
    site = yaml.safe_load((REPO / "content/site.yaml").read_text(encoding="utf-8"))
    assert set(site["languages"]) >= {"de", "en", "uk", "ar", "tr"}
    assert all(i18n.known(lang) for lang in site["languages"])
    assert i18n.DIRECTION["ar"] == "rtl"


def test_dates_and_amounts_per_language():
    day = date(2024, 1, 5)
    assert i18n.format_date(day, "de") == "05.01.2024"
    assert i18n.format_date(day, "en") == "5 January 2024"
    assert i18n.format_date(day, "uk") == "5 січня 2024 р."
    assert i18n.format_eur(10000, "de") == "10.000,00\u00a0€"
    assert i18n.format_eur(10000, "uk") == "10\u00a0000,00\u00a0€"
    assert i18n.format_eur(563, "en") == "€563.00"


@pytest.mark.parametrize("lang", sorted(i18n.STRINGS))
def test_easy_wording_replaces_only_known_texts(lang: str):
    easy = i18n.STRINGS[lang].get("easy") or {}
    for section, words in easy.items():
        assert section in ("labels", "lookup", "shell")
        assert set(words) <= set(i18n.STRINGS[lang][section]), (lang, section)
