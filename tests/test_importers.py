"""Both directory formats and the postcode CSV, on small files in the real formats, and the
real whole-country files from ../shared where they are present."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.places.gazetteer import read_gazetteer, write_gazetteer
from generator.places.importers import ImportError_, build_gazetteer, read_directory, read_postcodes
from tests.helpers import REPO, run_cli
from tests.project_fixture import small_project

DESTATIS_CSV = (
    "\ufeffsatzart,textkennzeichen,land,rb,kreis,vb,gemeinde,gemeindename,flaeche,bevoelkerung,"
    "maennlich,weiblich,jekm2,postleitzahl,laengengrad,breitengrad,schluessel,bezeichnung,"
    "verstaedterungschluessel,verstaedterungbezeichnung\n"
    "40,44,03,1,55,,,Northeim,,,,,,,,,,,,\n"
    '60,63,03,1,55,0011,011,"Northeim, Stadt", 145.85, 29 098, 14 193, 14 905,  200,37154,'
    '"10,000406","51,705681",G10,Weserbergland,02,mittlere Besiedlungsdichte\n'
    '40,41,16,0,53,,,"Jena, Stadt",,,,,,,,,,,,\n'
    '60,61,16,0,53,0000,000,"Jena, Stadt", 114.77, 111 191, 55 000, 56 191,  969,07743,'
    '"11,586111","50,927222",E24,x,01,dicht besiedelt\n'
    "40,43,16,0,74,,,Saale-Holzland-Kreis,,,,,,,,,,,,\n"
    '60,64,16,0,74,5011,008,Bucha, 19.0, 700, 350, 350,  37,07751,"11,52","50,89",x,x,03,x\n'
)


def gv100ad_line(kind: str, key: str, association: str, name: str, tk: str = "") -> str:
    """A record laid out as Destatis' GV100AD description says (columns 1-based)."""
    line = kind + "20201231" + key.ljust(8) + association.ljust(4) + name.ljust(50)
    line = line.ljust(122) + tk.ljust(2)
    return line.ljust(220)


GV100AD = (
    "\n".join(
        [
            gv100ad_line("40", "03155", "", "Northeim", "44"),
            gv100ad_line("60", "03155011", "0011", "Northeim, Stadt", "63"),
            gv100ad_line("40", "16053", "", "Jena, Stadt", "41"),
            gv100ad_line("60", "16053000", "0000", "Jena, Stadt", "61"),
            gv100ad_line("40", "16074", "", "Saale-Holzland-Kreis", "43"),
            gv100ad_line("60", "16074008", "5011", "Bucha", "64"),
        ]
    )
    + "\n"
)

POSTCODES = (
    "ags,plz,ort,kreis,bundesland,lat,lon,lat_kreis,lon_kreis,deprecated,einwohner,prim_plz\n"
    "03155011,37154,Northeim,Northeim,Niedersachsen,51.7,10.0,51.7,9.9,0,29000,1\n"
    "16053000,07743,Jena,,Thüringen,50.92,11.58,50.92,11.58,0,110000,1\n"
    "16053000,07751,Jena,,Thüringen,50.92,11.58,50.92,11.58,0,110000,0\n"
    "16074008,07751,Bucha,Saale-Holzland-Kreis,Thüringen,50.89,11.52,50.9,11.7,0,700,0\n"
    "16074999,07751,Alt,Saale-Holzland-Kreis,Thüringen,50.8,11.5,50.9,11.7,1,0,0\n"
)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, text in {
        "gv.csv": DESTATIS_CSV,
        "gv100ad.txt": GV100AD,
        "plz.csv": POSTCODES,
    }.items():
        out[name] = tmp_path / name
        out[name].write_text(text, encoding="utf-8")
    return out


@pytest.mark.parametrize("directory", ["gv.csv", "gv100ad.txt"])
def test_both_directory_formats_give_keys_names_and_districts(files, directory):
    entries, districts = read_directory(files[directory])
    assert [(e.ars, e.ags, e.name) for e in entries] == [
        ("031550011011", "03155011", "Northeim"),
        ("160530000000", "16053000", "Jena"),
        ("160745011008", "16074008", "Bucha"),
    ]
    assert districts == {
        "03155": "Landkreis Northeim",
        "16053": "Stadt Jena",
        "16074": "Saale-Holzland-Kreis",
    }


def test_postcode_csv_columns_by_name_and_retired_rows_skipped(files):
    rows = read_postcodes(files["plz.csv"])
    assert [(r.postcode, r.ags, r.place) for r in rows] == [
        ("37154", "03155011", "Northeim"),
        ("07743", "16053000", "Jena"),
        ("07751", "16053000", "Jena"),
        ("07751", "16074008", "Bucha"),
    ]


@pytest.mark.parametrize("directory", ["gv.csv", "gv100ad.txt"])
def test_gazetteer_joins_and_cuts_to_areas_with_neighbours(files, directory, tmp_path):
    g = build_gazetteer(files[directory], files["plz.csv"], ["16053"])
    # 07751 reaches from Jena into the Saale-Holzland-Kreis: the neighbour comes along
    assert sorted(g.postcodes) == ["07743", "07751"]
    assert [m.name for m in g.municipalities_of("07751")] == ["Jena", "Bucha"]
    assert "031550011011" not in g.municipalities
    bucha = g.municipalities["160745011008"]
    assert (bucha.lat, bucha.lon) == (50.89, 11.52)  # from either file
    write_gazetteer(g, tmp_path / "places")
    again, problems = read_gazetteer(tmp_path / "places", tmp_path)
    assert problems == [] and again.postcodes == g.postcodes


def test_wrong_file_gets_a_message(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("hello world\n")
    with pytest.raises(ImportError_, match=r"bad\.txt:1: not a GV100AD record"):
        read_directory(bad)
    bad.write_text("a,b\n1,2\n")
    with pytest.raises(ImportError_, match=r"bad\.txt:1: no column for \['postcode', 'ags'\]"):
        read_postcodes(bad)


def test_import_command_writes_content_places(files, tmp_path):
    project = small_project(tmp_path / "p")
    result = run_cli(
        project,
        "import-places",
        "--directory",
        str(files["gv.csv"]),
        "--postcodes",
        str(files["plz.csv"]),
        "--area",
        "03155",
    )
    assert result.returncode == 0, result.stderr
    assert "1 municipalities, 1 postcodes" in result.stdout
    text = (project / "content/places/postcodes.csv").read_text()
    assert text == "postcode,ars,places\n37154,031550011011,Northeim\n"
    broken = run_cli(
        project,
        "import-places",
        "--directory",
        str(files["plz.csv"]),
        "--postcodes",
        str(files["plz.csv"]),
    )
    assert broken.returncode == 1 and "Traceback" not in broken.stderr


SHARED = REPO.parent / "shared" / "data" / "geo"


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared whole-country files are not here")
def test_whole_country_files():
    g = build_gazetteer(
        SHARED / "destatis-gv-2020q4-grundeinkommensbuero" / "AuszugGV4QAktuell.csv",
        SHARED / "pcvolkmer-ags-example" / "ags.csv",
    )
    shared = [c for c, e in g.postcodes.items() if len(e) > 1]
    across = [c for c, e in g.postcodes.items() if len({a[:5] for a in e}) > 1]
    assert len(g.municipalities) > 10_000 and len(g.postcodes) > 8_000
    assert 1_300 < len(shared) < 1_500 and 140 < len(across) < 200
    assert "07751" in across
    # every municipality has a centroid but two uninhabited areas (a condominium, sea)
    assert len([m for m in g.municipalities.values() if m.lat is None]) == 2


def test_a_second_row_for_a_regional_key_is_an_error_at_its_line(tmp_path):
    """It silently replaced the first: Jena was renamed by a row further down."""
    places = tmp_path / "content" / "places"
    places.mkdir(parents=True)
    (places / "municipalities.csv").write_text(
        "ars,name,district_ars,district,lat,lon\n"
        "160530000000,Jena,16053,Stadt Jena,50.92,11.58\n"
        "160530000000,Umbenannt,16053,Stadt Jena,50.92,11.58\n",
        encoding="utf-8",
    )
    (places / "postcodes.csv").write_text(
        "postcode,ars,places\n07743,160530000000,Jena\n07743,160530000000,Jena|Lobeda\n",
        encoding="utf-8",
    )
    gazetteer, problems = read_gazetteer(places, tmp_path)
    assert [p.format() for p in problems] == [
        "content/places/municipalities.csv:3:1: ars: the municipality 160530000000 appears "
        "twice (first on line 2); keep one row for it",
        "content/places/postcodes.csv:3:1: ars: postcode 07743 and municipality 160530000000 "
        "appear together twice (first on line 2); keep one row and list every place in it",
    ]
    assert gazetteer.municipalities["160530000000"].name == "Jena"
