"""Import from XZuFi 2.2: the fixture (written from the specification's element names: two
services, three organisation units, regional keys) becomes files that validate and build;
a second import keeps what an editor changed; a malformed file writes nothing. A second
fixture has one text module for every code of the published code list: each text must land
in its own field, and names that contradict the codes are refused."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.content.xzufi import TEXT_MODULES, Report, XzufiError, plan_import
from generator.content.xzufi.markup import html_to_items, html_to_markdown
from tests.helpers import TODAY, run_cli, service_yaml, tree_digest
from tests.project_fixture import MUNICIPALITIES, small_project

FIXTURE = Path(__file__).parent / "fixtures" / "xzufi" / "two-services.xml"
ALL_MODULES = Path(__file__).parent / "fixtures" / "xzufi" / "all-modules.xml"
HOUSING = "content/services/beispielhilfe-fuer-die-wohnung-beantragen.yaml"
DEBT = "content/services/beispielberatung-schulden.yaml"
NORTH = "content/authorities/beispielamt-nord-oe-1.yaml"


def _load(project: Path, rel: str) -> dict:
    return yaml.safe_load((project / rel).read_text(encoding="utf-8"))


# the area keys the XZuFi file names, so the import can name the areas from the gazetteer
PLACES = {
    "content/places/municipalities.csv": MUNICIPALITIES
    + "031550001001,Bad Gandersheim,03155,Landkreis Northeim,51.87057,10.02446\n"
}


#: the fixture has a module with no place and a leistung without release date
OPTIONS = ("--allow-unmapped", "--release-date", "2025-08-01")


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    project = small_project(tmp_path / "p", PLACES)
    result = run_cli(project, "import-xzufi", str(FIXTURE), *OPTIONS)
    assert result.returncode == 0, result.stderr
    return project


@pytest.mark.tool  # runs the command line as its own process
def test_import_writes_files_that_validate_and_build(imported: Path):
    services = _load(imported, HOUSING), _load(imported, DEBT)
    assert [s["leika"] for s in services] == ["99000000000001", "99000000000002"]
    authorities = sorted((imported / "content" / "authorities").glob("beispiel*.yaml"))
    assert len(authorities) == 3
    areas = {a.name: _load(imported, f"content/authorities/{a.name}")["areas"] for a in authorities}
    assert areas["beispielamt-nord-oe-1.yaml"] == [{"ars": "03155", "name": "Landkreis Northeim"}]
    assert areas["beispielberatungsstelle-sued-oe-3.yaml"] == [
        {"ars": "031550001001", "name": "Bad Gandersheim"}
    ]
    housing = services[0]
    assert housing["requirements"] == ["Sie wohnen im Gebiet.", "Ihr Einkommen ist gering."]
    assert [d["name"] for d in housing["documents"]] == ["Personalausweis", "Mietvertrag"]
    assert housing["fees"]["text"] == "Es fallen keine Gebühren an."
    assert housing["legal_basis"] == [{"law": "SGB XII", "section": "27a"}]
    assert housing["forms"]["online"] is True
    assert "[Beispielseite](https://www.example.org/hilfe)" in housing["description"]
    text = (imported / HOUSING).read_text(encoding="utf-8")
    assert "<" not in text and "alert" not in text  # HTML converted, script dropped
    # only the debt service's kind goes to the southern office (its own area key)
    south = _load(imported, "content/authorities/beispielberatungsstelle-sued-oe-3.yaml")
    assert south["kinds"] == ["beispielberatung-schulden"]

    result = run_cli(imported, "build", "--no-cache")
    assert result.returncode == 0, result.stderr
    page = imported / "site" / "leistungen" / "beispielhilfe-fuer-die-wohnung-beantragen"
    assert "Beispielamt Nord" in (page / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_what_has_no_place_stops_the_import_unless_allowed(tmp_path: Path):
    project = small_project(tmp_path / "p")
    before = tree_digest(project)
    refused = run_cli(project, "import-xzufi", str(FIXTURE), "--release-date", "2025-08-01")
    assert refused.returncode == 1
    assert "2 part(s) have no place in Servicefinder" in refused.stderr
    assert "leistung L-1001: modulBegriffImKontext (not imported)" in refused.stderr
    assert (
        "leistung L-1001: modulText 99 'Unbekanntes Modul' (not a code of "
        "urn:de:xzufi:codeliste:leistungstextmodulleika 20240216; not imported)"
    ) in refused.stderr
    assert tree_digest(project) == before
    result = run_cli(project, "import-xzufi", str(FIXTURE), *OPTIONS)
    assert result.returncode == 0, result.stderr
    assert "not mapped: two-services.xml: leistung L-1001: modulBegriffImKontext" in result.stdout
    assert "not mapped: two-services.xml: leistung L-1001: modulText 99" in result.stdout
    assert "script, table, td, tr" in result.stdout  # dropped markup: a note, text kept


@pytest.mark.tool  # runs the command line as its own process
def test_reimport_keeps_editors_changes_and_updates_the_rest(imported: Path, tmp_path: Path):
    path = imported / HOUSING
    data = _load(imported, HOUSING)
    data["title"] = "Wohnbeihilfe beantragen"  # an editor's own title
    data["keywords"] = ["Miete"]
    path.write_text(
        "# yaml-language-server: $schema=../../schema/service.schema.json\n"
        + yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    newer = tmp_path / "newer.xml"
    newer.write_text(
        FIXTURE.read_text(encoding="utf-8")
        .replace("Dies ist ein Beispieltext.", "Dies ist der neue Beispieltext.")
        .replace("Etwa vier Wochen", "Etwa sechs Wochen"),
        encoding="utf-8",
    )
    result = run_cli(imported, "import-xzufi", str(newer), *OPTIONS)
    assert result.returncode == 0, result.stderr
    after = _load(imported, HOUSING)
    assert after["title"] == "Wohnbeihilfe beantragen"  # kept
    assert after["keywords"] == ["Miete"]  # kept
    assert "der neue Beispieltext" in after["description"]  # updated
    assert after["processing_time"] == "Etwa sechs Wochen"  # updated
    assert f"{HOUSING.removeprefix('content/')}: title (changed by an editor, kept)" in (
        result.stdout
    )
    # a third import of the same file changes nothing the editor wrote either
    again = run_cli(imported, "import-xzufi", str(newer), *OPTIONS)
    assert again.returncode == 0 and _load(imported, HOUSING)["title"] == after["title"]
    assert run_cli(imported, "validate").returncode == 0


def test_malformed_file_gets_line_number_and_writes_nothing(tmp_path: Path):
    project = small_project(tmp_path / "p")
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    broken_line = next(i for i, line in enumerate(lines, 1) if "</xzufi:modulFrist>" in line)
    lines[broken_line - 1] = lines[broken_line - 1].replace("modulFrist>", "modulFristen>")
    bad = tmp_path / "bad.xml"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = tree_digest(project)
    # a good file first on the command line: nothing of it may be written either
    result = run_cli(project, "import-xzufi", str(FIXTURE), str(bad))
    assert result.returncode == 1
    assert f"{bad}:{broken_line}:9: malformed XML: mismatched tag" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(project) == before


def test_entity_expansion_is_refused(tmp_path: Path):
    project = small_project(tmp_path / "p")
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        '<x xmlns="http://xoev.de/schemata/xzufi/2_2_0">&b;</x>\n',
        encoding="utf-8",
    )
    before = tree_digest(project)
    result = run_cli(project, "import-xzufi", str(bomb))
    assert result.returncode == 1
    assert "refused" in result.stderr and "Traceback" not in result.stderr
    assert tree_digest(project) == before


def test_other_versions_are_refused(tmp_path: Path):
    project = small_project(tmp_path / "p")
    old = tmp_path / "old.xml"
    old.write_text(
        FIXTURE.read_text(encoding="utf-8").replace("xzufi/2_2_0", "xzufi/2_1_0"), encoding="utf-8"
    )
    result = run_cli(project, "import-xzufi", str(old))
    assert result.returncode == 1 and "expected XZuFi 2.2" in result.stderr


def test_html_becomes_the_allowed_markdown_subset():
    text, unmapped = html_to_markdown(
        '<p>Ein <strong>Wort</strong> und <a href="javascript:alert(1)">kein Link</a>.</p>'
        "<ul><li>eins</li><li>zwei</li></ul><h2>Titel</h2><p>a &lt;b&gt; c</p><iframe></iframe>"
    )
    assert text == ("Ein **Wort** und kein Link.\n\n- eins\n- zwei\n\n### Titel\n\na &lt;b> c")
    assert unmapped == {"iframe"}
    items, _ = html_to_items("<ol><li><b>Antrag</b> stellen</li><li>Warten</li></ol>")
    assert items == ["Antrag stellen", "Warten"]


@pytest.mark.slow
def test_leika_key_must_have_14_digits(tmp_path: Path):
    text = service_yaml().replace("title:", 'leika: "9905001"\ntitle:', 1)
    project = small_project(tmp_path / "p", {"content/services/test-leistung.yaml": text})
    result = run_cli(project, "validate")
    assert result.returncode == 1
    assert "leika" in result.stderr and "14 digits" in result.stderr


# --- the published text-module code list ----------------------------------------------------


def _plan(tmp_path: Path, text: str | None = None, **options: Any) -> tuple[dict, Report]:
    """The service file the import would write for ``all-modules.xml`` (or ``text``), and its
    report, without writing anything."""
    path = ALL_MODULES
    if text is not None:
        path = tmp_path / "leistung.xml"
        path.write_text(text, encoding="utf-8")
    planned = plan_import(
        [path], tmp_path / "content", today=TODAY, site_topics=["geld-zum-leben"], **options
    )
    (service,) = [data for p, data in planned.files.items() if p.parent.name == "services"]
    return service, planned.report


def _named(names: dict[str, str]) -> str:
    """``all-modules.xml`` with a ``name`` element after each of these codes."""
    text = ALL_MODULES.read_text(encoding="utf-8")
    for code, name in names.items():
        old = f"<code>{code}</code></xzufi:leikaTextmodul>"
        assert text.count(old) == 1
        text = text.replace(old, f"<code>{code}</code><name>{name}</name></xzufi:leikaTextmodul>")
    return text


def test_the_fixture_has_one_text_module_per_code_of_the_list():
    codes = re.findall(r"<code>(\d\d)</code></xzufi:leikaTextmodul>", ALL_MODULES.read_text())
    assert codes == sorted(TEXT_MODULES) and len(codes) == 16


def test_every_text_module_of_the_code_list_lands_in_its_field(tmp_path: Path):
    service, report = _plan(tmp_path)
    assert service["title"] == "Modulprobe beantragen"  # 03
    assert service["keywords"] == ["Modulprobe Bewilligung"]  # 02, the formal name
    assert service["summary"] == "Teaser aus Modul 24."  # 24
    assert service["description"] == "Kurztext aus Modul 05.\n\nVolltext aus Modul 06."
    assert service["legal_basis"] == [{"law": "SGB XII", "section": "27a"}]  # 07
    assert service["documents"] == [{"name": "Unterlage aus Modul 08"}]
    assert service["requirements"] == ["Voraussetzung aus Modul 09"]
    assert service["process"] == ["Schritt aus Modul 11"]
    assert service["forms"]["note"] == "Formularhinweis aus Modul 14"
    assert service["forms"]["links"] == [
        {"title": "Formular aus Modul 14", "url": "https://www.example.org/modul-14"}
    ]
    assert service["notes"] == (
        "Hinweis aus Modul 16\n\n"
        "Weiterführendes aus Modul 15\n\n"
        "- [Seite aus Modul 15](https://www.example.org/modul-15)\n\n"
        "Rechtsgrundlagen: Satzung aus Modul 07"  # 07, a line without § and law
    )
    assert service["source"] == {
        "name": "Urheber aus Modul 18; FIM-Leistungsbeschreibung, XZuFi-Leistung L-2001 "
        "(BEISPIEL), geändert 2025-09-16T10:00:00, fachlich freigegeben durch "
        "Beispielministerium",
        "date": date(2025, 9, 15),
    }
    assert service["as_of"] == date(2025, 9, 15)
    assert service["responsible"]["note"] == (
        "Zuständige Stelle aus Modul 22. Ansprechpunkt aus Modul 23."
    )
    assert service["appeal"] == "Widerspruch aus Modul 25"
    # the structured modules, read as structure
    assert service["fees"] == {
        "text": "25,50 EUR: Gebühr aus modulKosten. Zahlung aus modulKosten.",
        "amount_eur": 25.5,
    }
    assert service["deadlines"] == "3 Monate: nach dem Umzug"
    assert service["processing_time"] == "2 bis 4 Wochen. Dauer aus modulBearbeitungsdauer."
    assert not report.unmapped


def test_without_teaser_the_short_text_is_the_summary(tmp_path: Path):
    text = re.sub(
        r"<xzufi:modulText>\s*<xzufi:inhalt[^>]*>Teaser.*?</xzufi:modulText>",
        "",
        ALL_MODULES.read_text(encoding="utf-8"),
        flags=re.DOTALL,
    )
    service, _ = _plan(tmp_path, text)
    assert service["summary"] == "Kurztext aus Modul 05."
    assert service["description"] == "Volltext aus Modul 06."


def test_names_that_agree_with_the_codes_import_the_same(tmp_path: Path):
    names = {code: module.name for code, module in TEXT_MODULES.items()}
    names["07"] = "Rechtsgrundlage(n)/Handlungsgrundlagen"  # as public code spells it, too
    names["15"] = "Weiterfuehrende Informationen"  # umlaut spelled out
    assert _plan(tmp_path, _named(names))[0] == _plan(tmp_path, _named({}))[0]


def test_names_that_contradict_the_codes_are_refused_naming_both(tmp_path: Path):
    codes = sorted(TEXT_MODULES)
    # each code named as the next one of the list: what an import by position would read
    names = {code: TEXT_MODULES[codes[(i + 1) % len(codes)]].name for i, code in enumerate(codes)}
    with pytest.raises(XzufiError) as caught:
        _plan(tmp_path, _named(names))
    message = str(caught.value)
    assert message.count("\n  ") == 16  # every contradiction, one line each
    assert (
        "modulText code 05 is 'Kurztext' in urn:de:xzufi:codeliste:leistungstextmodulleika "
        "20240216, but its name is 'Volltext' (the list's name for code 06)"
    ) in message
    with pytest.raises(XzufiError, match="'Kosten' \\(a name the list does not have\\)"):
        _plan(tmp_path, _named({"06": "Kosten"}))


@pytest.mark.slow
def test_a_contradicting_name_stops_the_command_and_writes_nothing(tmp_path: Path):
    project = small_project(tmp_path / "p")
    bad = tmp_path / "bad.xml"
    bad.write_text(_named({"05": "Erforderliche Unterlagen"}), encoding="utf-8")
    before = tree_digest(project)
    result = run_cli(project, "import-xzufi", str(bad))
    assert result.returncode == 1
    assert "code 05 is 'Kurztext'" in result.stderr
    assert "'Erforderliche Unterlagen' (the list's name for code 08)" in result.stderr
    assert tree_digest(project) == before


def _structured(tmp_path: Path, module: str, xml: str) -> tuple[dict, Report]:
    """The service of ``all-modules.xml`` with ``module`` (e.g. ``modulFrist``) replaced."""
    text, count = re.subn(
        rf"<xzufi:{module}>.*?</xzufi:{module}>",
        f"<xzufi:{module}>{xml}</xzufi:{module}>",
        ALL_MODULES.read_text(encoding="utf-8"),
        flags=re.DOTALL,
    )
    assert count == 1
    return _plan(tmp_path, text, allow_unmapped=True)


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        ("<x:dauer>1</x:dauer><x:einheit><code>Woche</code></x:einheit>", "1 Woche"),
        ("<x:dauer>1,5</x:dauer><x:einheit>MON</x:einheit>", "1,5 Monate"),
        ("<x:dauer>10</x:dauer><x:einheit>Werktage</x:einheit>", "10 Werktage"),
        ("<x:dauer>P6W</x:dauer>", "6 Wochen"),
        ("<x:dauer>P1Y6M</x:dauer>", "1 Jahr und 6 Monate"),
        (
            "<x:dauer>3</x:dauer><x:einheit>Tag</x:einheit>"
            "<x:dauerBis>2</x:dauerBis><x:einheitBis>Woche</x:einheitBis>",
            "3 Tage bis 2 Wochen",
        ),
    ],
)
def test_durations_are_read_from_number_and_unit(tmp_path: Path, xml: str, expected: str):
    item = f"<xzufi:bearbeitungsdauer>{xml}</xzufi:bearbeitungsdauer>".replace("x:", "xzufi:")
    service, report = _structured(tmp_path, "modulBearbeitungsdauer", item)
    assert service["processing_time"] == expected
    assert not report.unmapped


def test_a_duration_that_cannot_be_read_is_reported_not_guessed(tmp_path: Path):
    service, report = _structured(
        tmp_path,
        "modulFrist",
        "<xzufi:frist><xzufi:dauer>3</xzufi:dauer><xzufi:einheit>Dekade</xzufi:einheit>"
        '<xzufi:beschreibung languageCode="de">nach Zugang</xzufi:beschreibung></xzufi:frist>'
        "<xzufi:frist><xzufi:fristStichtag><xzufi:datum>2026-01-31</xzufi:datum>"
        "</xzufi:fristStichtag></xzufi:frist>",
    )
    assert service["deadlines"] == "nach Zugang"
    assert report.unmapped == [
        "leistung.xml: leistung L-2001: modulFrist/frist/dauer '3' (not imported)",
        "leistung.xml: leistung L-2001: modulFrist/frist/einheit 'Dekade' (not imported)",
        "leistung.xml: leistung L-2001: modulFrist/frist/fristStichtag/datum '2026-01-31' "
        "(not imported)",
    ]


def test_costs_fill_the_amount_only_where_it_is_one_fixed_amount_in_euros(tmp_path: Path):
    free, _ = _structured(
        tmp_path, "modulKosten", "<xzufi:kosten><xzufi:betrag>0</xzufi:betrag></xzufi:kosten>"
    )
    assert free["fees"] == {"text": "kostenfrei", "amount_eur": 0.0}
    two, report = _structured(
        tmp_path,
        "modulKosten",
        "<xzufi:kosten><xzufi:betrag>10</xzufi:betrag><xzufi:waehrung>EUR</xzufi:waehrung>"
        '<xzufi:beschreibung languageCode="de">für Erwachsene</xzufi:beschreibung>'
        "</xzufi:kosten><xzufi:kosten><xzufi:betrag>5</xzufi:betrag>"
        "<xzufi:waehrung>EUR</xzufi:waehrung></xzufi:kosten>",
    )
    assert two["fees"] == {"text": "10,00 EUR: für Erwachsene. 5,00 EUR"}
    assert any("2 amounts; fees.amount_eur holds one fixed amount" in n for n in report.notes)
    francs, report = _structured(
        tmp_path,
        "modulKosten",
        "<xzufi:kosten><xzufi:betrag>20</xzufi:betrag>"
        "<xzufi:waehrung><code>CHF</code></xzufi:waehrung></xzufi:kosten>"
        "<xzufi:kosten><xzufi:vorkasse>true</xzufi:vorkasse></xzufi:kosten>",
    )
    assert francs["fees"] == {"text": "20,00 CHF"}
    assert report.unmapped == [
        "leistung.xml: leistung L-2001: modulKosten/kosten/vorkasse 'true' (not imported)"
    ]


def test_a_code_outside_the_list_stops_the_import_and_is_named(tmp_path: Path):
    project = small_project(tmp_path / "p")
    old = tmp_path / "old-codes.xml"
    # 04 was Volltext in the table this import used before; the published list has no 04
    old.write_text(
        ALL_MODULES.read_text(encoding="utf-8").replace(
            "<code>06</code></xzufi:leikaTextmodul>", "<code>04</code></xzufi:leikaTextmodul>"
        ),
        encoding="utf-8",
    )
    before = tree_digest(project)
    result = run_cli(project, "import-xzufi", str(old))
    assert result.returncode == 1
    assert "leistung L-2001: modulText 04 (not a code of urn:de:xzufi:codeliste" in result.stderr
    assert tree_digest(project) == before


def test_as_of_is_the_release_date_or_the_import_asks_for_one(tmp_path: Path):
    undated = re.sub(
        r"<xzufi:modulFachlicheFreigabe>.*?</xzufi:modulFachlicheFreigabe>",
        "",
        ALL_MODULES.read_text(encoding="utf-8"),
        flags=re.DOTALL,
    )
    with pytest.raises(XzufiError, match="--release-date YYYY-MM-DD") as caught:
        _plan(tmp_path, undated)
    assert "leistung.xml: leistung L-2001" in str(caught.value)  # which one has none
    service, _ = _plan(tmp_path, undated, release_date=date(2025, 6, 30))
    assert service["as_of"] == date(2025, 6, 30)
    assert "date" not in service["source"]  # the file gives none; the editor's date is as_of
    future = ALL_MODULES.read_text(encoding="utf-8").replace("2025-09-15", "2026-09-15")
    with pytest.raises(XzufiError, match="fachlichFreigegebenAm 2026-09-15 is after today"):
        _plan(tmp_path, future)


def test_the_release_date_option_is_checked(tmp_path: Path):
    project = small_project(tmp_path / "p")
    result = run_cli(project, "import-xzufi", str(ALL_MODULES), "--release-date", "15.09.2025")
    assert result.returncode == 1
    assert "--release-date expects a date as YYYY-MM-DD, got '15.09.2025'" in result.stderr


def test_links_are_kept_where_the_field_can_hold_them_and_reported_elsewhere(tmp_path: Path):
    link = (
        "<xzufi:weiterfuehrenderLink><xzufi:uri>https://www.example.org/unterlagen</xzufi:uri>"
        "</xzufi:weiterfuehrenderLink></xzufi:modulText>"
    )
    text = ALL_MODULES.read_text(encoding="utf-8")
    for code in ("06", "08"):
        text = text.replace(
            f"<code>{code}</code></xzufi:leikaTextmodul>\n      </xzufi:modulText>",
            f"<code>{code}</code></xzufi:leikaTextmodul>{link}",
        )
    service, report = _plan(tmp_path, text, allow_unmapped=True)
    assert service["description"].endswith(
        "\n\n- [https://www.example.org/unterlagen](https://www.example.org/unterlagen)"
    )
    assert report.unmapped == [
        "leistung.xml: leistung L-2001: modulText 08 (Erforderliche Unterlagen): link "
        "https://www.example.org/unterlagen (no place for it)"
    ]


def test_the_docs_list_every_code_of_the_list_with_its_name_and_field():
    docs = (Path(__file__).parent.parent / "docs" / "open-data" / "README.md").read_text()
    rows = {
        code: (name, field.replace("`", ""))
        for code, name, field in re.findall(r"^\| (\d\d) \| ([^|]+?) \| ([^|]+?) \|$", docs, re.M)
    }
    assert rows == {code: (m.name, m.field) for code, m in TEXT_MODULES.items()}


def test_imported_keys_and_texts_read_back_as_they_were_written(tmp_path: Path):
    """A regional key with an 8 or 9 after its leading zero (Baden-Württemberg, Bavaria)
    was written unquoted and read back as a number; a "<" in a plain field came out as
    "&lt;". The import writes both as the build reads them."""
    from generator.content.catalogue import load_catalogue
    from generator.content.xzufi import import_files
    from tests.helpers import TODAY

    project = small_project(tmp_path / "p")
    source = tmp_path / "bw.xml"
    source.write_text(
        '<x:xzufiObjekte xmlns:x="http://xoev.de/schemata/xzufi/2_2_0"><x:schreibe>'
        '<x:leistung><x:id>L-9</x:id><x:modulText><x:inhalt languageCode="de">'
        "Hilfe für Einkommen &amp;lt; 500 Euro</x:inhalt><x:leikaTextmodul><code>03</code>"
        "</x:leikaTextmodul></x:modulText></x:leistung>"
        '<x:organisationseinheit><x:id>OE-9</x:id><x:name><x:name languageCode="de">Amt'
        "</x:name></x:name><x:anschrift><x:postleitzahl>79098</x:postleitzahl><x:ort>Freiburg"
        "</x:ort></x:anschrift><x:zustaendigkeit><x:leistungID>L-9</x:leistungID>"
        "<x:gebietID>083110000000</x:gebietID></x:zustaendigkeit></x:organisationseinheit>"
        "</x:schreibe></x:xzufiObjekte>",
        encoding="utf-8",
    )
    import_files([source], project, today=TODAY, release_date=TODAY.isoformat())
    catalogue, _ = load_catalogue(project / "content", root=project, today=TODAY)
    office = next(a for a in catalogue.authorities if a.name == "Amt")
    assert [area.ars for area in office.areas] == ["08311"]
    service = next(s for s in catalogue.services if s.id.startswith("hilfe"))
    assert service.title == "Hilfe für Einkommen < 500 Euro"


def _refusal(path: Path) -> str:
    """The import's one-line refusal for ``path``, read in a thread: a file that makes
    the import wait (a named pipe) fails the test instead of hanging it."""
    import threading

    from generator.content.xzufi import XzufiError, read_file

    found: list[str] = []

    def read() -> None:
        try:
            read_file(path)
            found.append("read")
        except XzufiError as exc:
            found.append(str(exc))

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    thread.join(20)
    if thread.is_alive() and path.is_fifo():
        with open(path, "wb"):  # let the waiting reader go
            pass
    assert found, f"reading {path} did not end"
    return found[0]


def test_a_named_pipe_is_refused_at_once(tmp_path: Path):
    """import-xzufi on a FIFO waited for a writer for ever."""
    import os

    pipe = tmp_path / "leistungen.xml"
    os.mkfifo(pipe)
    assert _refusal(pipe) == f"{pipe}: is a named pipe (FIFO); give the XZuFi file itself"


def _leistung(volltext: str, kurztext: str = "Kurz.") -> str:
    return (
        '<x:xzufiObjekte xmlns:x="http://xoev.de/schemata/xzufi/2_2_0">\n<x:schreibe>\n'
        "<x:leistung><x:id>L-1</x:id>\n"
        '<x:modulText><x:inhalt languageCode="de">Titel</x:inhalt>'
        "<x:leikaTextmodul><code>02</code></x:leikaTextmodul></x:modulText>\n"
        f'<x:modulText><x:inhalt languageCode="de">{kurztext}</x:inhalt>'
        "<x:leikaTextmodul><code>05</code></x:leikaTextmodul></x:modulText>\n"
        f'<x:modulText><x:inhalt languageCode="de">{volltext}</x:inhalt>'
        "<x:leikaTextmodul><code>06</code></x:leikaTextmodul></x:modulText>\n"
        "</x:leistung>\n</x:schreibe>\n</x:xzufiObjekte>\n"
    )


@pytest.mark.parametrize(
    ("volltext", "kurztext", "message"),
    [
        # 50 MB took 53 s and 1 GB, then "at most 20000 ... not 52428948" without a place
        ("x " * 1_000_000, "Kurz.", ":6: modulText 06 (Volltext): the text has 1999999 characters"),
        ("Lang. " * 4_000, "Kurz.", ":6: description: the imported text has 23999 characters"),
        ("Voll.", "Kurz. " * 500, ":5: summary: the imported text has 2999 characters"),
    ],
)
def test_a_text_too_long_for_its_field_is_refused_at_its_line(
    tmp_path: Path, volltext: str, kurztext: str, message: str
):
    import time

    from generator.content.xzufi import XzufiError, import_files
    from tests.helpers import TODAY

    project = small_project(tmp_path / "p")
    source = tmp_path / "gross.xml"
    source.write_text(_leistung(volltext, kurztext), encoding="utf-8")
    before = tree_digest(project)
    start = time.perf_counter()
    with pytest.raises(XzufiError) as refused:
        import_files([source], project, today=TODAY, release_date=TODAY.isoformat())
    assert time.perf_counter() - start < 10
    assert str(refused.value).startswith(f"{source}{message}"), refused.value
    assert tree_digest(project) == before


@pytest.mark.tool  # runs the command line as its own process
def test_a_file_beyond_the_size_limit_is_refused_before_parsing(tmp_path: Path):
    project = small_project(tmp_path / "p")
    big = tmp_path / "gross.xml"
    big.write_text(_leistung("x" * (2 * 1024 * 1024)), encoding="utf-8")
    result = run_cli(project, "import-xzufi", str(big), env={"SERVICEFINDER_MAX_XZUFI_MB": "1"})
    assert result.returncode == 1, result.stderr
    assert f"{big}: has 2 MB; at most 1 MB are read (SERVICEFINDER_MAX_XZUFI_MB)" in result.stderr
