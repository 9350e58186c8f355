"""Import from XZuFi 2.2: the fixture (written from the specification's element names: two
services, three organisation units, regional keys) becomes files that validate and build;
a second import keeps what an editor changed; a malformed file writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.content.xzufi_html import html_to_items, html_to_markdown
from tests.helpers import run_cli, service_yaml, tree_digest
from tests.project_fixture import MUNICIPALITIES, small_project

FIXTURE = Path(__file__).parent / "fixtures" / "xzufi" / "two-services.xml"
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


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    project = small_project(tmp_path / "p", PLACES)
    result = run_cli(project, "import-xzufi", str(FIXTURE))
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


def test_import_reports_what_it_did_not_map(tmp_path: Path):
    project = small_project(tmp_path / "p")
    result = run_cli(project, "import-xzufi", str(FIXTURE))
    assert "modulBegriffImKontext (not imported)" in result.stdout
    assert "modulText 99 (not imported)" in result.stdout
    assert "script, table, td, tr" in result.stdout


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
    result = run_cli(imported, "import-xzufi", str(newer))
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
    again = run_cli(imported, "import-xzufi", str(newer))
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


def test_leika_key_must_have_14_digits(tmp_path: Path):
    text = service_yaml().replace("title:", 'leika: "9905001"\ntitle:', 1)
    project = small_project(tmp_path / "p", {"content/services/test-leistung.yaml": text})
    result = run_cli(project, "validate")
    assert result.returncode == 1
    assert "leika" in result.stderr and "14 digits" in result.stderr


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
    import_files([source], project, today=TODAY)
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
        "<x:leikaTextmodul><code>15</code></x:leikaTextmodul></x:modulText>\n"
        f'<x:modulText><x:inhalt languageCode="de">{volltext}</x:inhalt>'
        "<x:leikaTextmodul><code>04</code></x:leikaTextmodul></x:modulText>\n"
        "</x:leistung>\n</x:schreibe>\n</x:xzufiObjekte>\n"
    )


@pytest.mark.parametrize(
    ("volltext", "kurztext", "message"),
    [
        # 50 MB took 53 s and 1 GB, then "at most 20000 ... not 52428948" without a place
        ("x " * 1_000_000, "Kurz.", ":6: volltext: the text has 1999999 characters"),
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
        import_files([source], project, today=TODAY)
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
