"""Parts of municipalities (content/places/parts.csv) and the country's postcodes
(content/places/postcodes-de.txt): read and checked at their lines, and in the lookup's data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.content.catalogue import load_catalogue
from generator.places.gazetteer import Gazetteer, Municipality, national_text, write_gazetteer
from generator.places.parts import read_national, read_parts
from generator.site.lookup_data import lookup_files
from tests.helpers import REPO, TODAY

JENA = Municipality("160530000000", "Jena", "16053", "Stadt Jena", 50.9, 11.6)


def gazetteer() -> Gazetteer:
    return Gazetteer(municipalities={JENA.ars: JENA}, postcodes={"07743": {JENA.ars: ["Jena"]}})


def test_a_part_of_an_unknown_municipality_is_reported_at_its_line(tmp_path: Path):
    (tmp_path / "parts.csv").write_text(
        "name,ars,part\nLobeda,160530000000,Lobeda\nWinzerla,169990000000,Winzerla\n"
        "Lobeda,160530000000,Lobeda\n,160530000000,x\n",
        encoding="utf-8",
    )
    g = gazetteer()
    problems = [p.format() for p in read_parts(tmp_path, tmp_path, g)]
    assert problems == [
        "parts.csv:3:10: ars: unknown municipality '169990000000'; it must be in "
        "municipalities.csv",
        "parts.csv:4:1: name: 'Lobeda' is listed twice (first on line 2)",
        "parts.csv:5:1: name: a part needs its name",
    ]
    assert g.parts == {JENA.ars: ["Lobeda"]}


def test_a_parts_file_without_its_columns_is_one_problem(tmp_path: Path):
    (tmp_path / "parts.csv").write_text("Ortsteil;AGS\nLobeda;16053000\n", encoding="utf-8")
    problems = [p.format() for p in read_parts(tmp_path, tmp_path, gazetteer())]
    assert len(problems) == 1 and problems[0].startswith("parts.csv:1:1: missing columns")


def test_the_country_s_postcodes_round_trip_and_a_bad_line_is_reported(tmp_path: Path):
    codes = {"10115", "10117", "37154", "07743"}
    text = national_text(codes)
    assert text == "07:743\n10:115117\n37:154\n"
    (tmp_path / "postcodes-de.txt").write_text(text + "1x:12\n", encoding="utf-8")
    g = gazetteer()
    problems = [p.format() for p in read_national(tmp_path, tmp_path, g)]
    assert g.national == codes
    assert problems == [
        "postcodes-de.txt:4:1: expected two digits, a colon and 3 digits a postcode, got '1x:12'"
    ]
    g.national = codes
    written = write_gazetteer(g, tmp_path / "out")
    assert (tmp_path / "out/postcodes-de.txt").read_text(encoding="utf-8") == text
    assert len(written) == 3


def test_the_lookup_finds_parts_by_their_name_and_with_their_town():
    catalogue, _ = load_catalogue(REPO / "content", root=REPO, today=TODAY)
    files = lookup_files(catalogue)
    entries = [
        e for path, text in files.files.items() if "/names-" in path for e in json.loads(text)
    ]
    by_key = {e[0]: e for e in entries}
    assert by_key["lobeda"][1:3] == ["Lobeda (Jena)", JENA.ars]
    # matched only in full: "Jenal" or "Je" are no start of "Jena Laasan"
    assert by_key["jena lobeda ="][1:3] == ["Lobeda (Jena)", JENA.ars]
    assert "jena jena nord =" not in by_key  # a part named after its town is not doubled
    # this example holds no list of the country's postcodes: the lookup goes by postal region
    assert not [p for p in files.files if "/de-" in p]
    assert "national" not in json.loads(files.files[files.manifest])


@pytest.mark.slow
def test_a_list_of_the_countrys_postcodes_is_shipped_by_first_digit():
    catalogue, _ = load_catalogue(REPO / "content", root=REPO, today=TODAY)
    catalogue.gazetteer.national.update({"10115", "10117", "99998"})
    files = lookup_files(catalogue)
    national = {p: json.loads(t) for p, t in files.files.items() if "/de-" in p}
    assert sorted(v for page in national.values() for v in page.items()) == [
        ("10", "115117"),
        ("99", "998"),
    ]
    assert sorted(json.loads(files.files[files.manifest])["national"]) == ["1", "9"]
