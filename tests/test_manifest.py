"""The rebuild manifest (generator/writer/manifest.py) is written one service at a time,
a line each, and read back by position; what a build keeps of its services until then
is in a temporary file (generator/writer/rebuild.py: Records, Wanted)."""

from __future__ import annotations

import json
from pathlib import Path

from generator.site.pages import Alternate
from generator.writer.manifest import Entries, Manifest
from generator.writer.rebuild import Records, Wanted
from generator.writer.stream import PageRecord, ServiceOutput

ENTRIES = {
    "b-dienst": {
        "key": "k2",
        "files": ["b/index.html", "b/index.html.gz"],
        "stamps": [[120, 1], [80, 2]],
        "pages": [["b/", "de", True, [["en", "en/b/", "English", True]]]],
        "classes": 0,
    },
    "a-hilfe": {
        "key": "k1",
        "files": ["ä/index.html"],
        "stamps": [[99, 3]],
        "pages": [["ä/", "de", False, []]],
        "classes": 1,
    },
}


def _saved(tmp_path: Path, services: object, name: str = "m.json") -> Path:
    path = tmp_path / name
    Manifest("inputs", {"main.css": "main.ab12.css"}, services, [["md-x"], ["md-y"]]).save(path)  # type: ignore[arg-type]
    return path


def test_a_manifest_reads_back_as_it_was_made_from_entries_or_a_dict(tmp_path: Path):
    entries = Entries()
    for key, entry in ENTRIES.items():
        entries.add(key, entry)
    made = _saved(tmp_path, entries, "made.json")
    plain = _saved(tmp_path, dict(ENTRIES), "plain.json")
    assert made.read_bytes() == plain.read_bytes()
    loaded = Manifest.load(made)
    assert loaded is not None and loaded.inputs == "inputs"
    assert loaded.css == {"main.css": "main.ab12.css"}
    assert dict(loaded.services) == ENTRIES and dict(entries) == ENTRIES
    assert loaded.classes_of("a-hilfe") == ["md-y"]
    assert "b-dienst" in loaded.services and "c" not in loaded.services


def test_each_service_is_one_line_in_the_order_of_the_ids(tmp_path: Path):
    lines = _saved(tmp_path, dict(ENTRIES)).read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["inputs"] == "inputs"
    ids = [json.loads(line.split("\t", 1)[0]) for line in lines[1:]]
    assert ids == ["a-hilfe", "b-dienst"]
    assert json.loads(lines[1].split("\t", 1)[1]) == ENTRIES["a-hilfe"]
    loaded = Manifest.load(tmp_path / "m.json")
    assert loaded is not None and isinstance(loaded.services, Entries)
    assert list(loaded.services.each()) == sorted(ENTRIES.items())


def test_a_manifest_of_another_layout_or_cut_short_means_a_complete_build(tmp_path: Path):
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"version": 1, "inputs": "x", "services": {}}), encoding="utf-8")
    assert Manifest.load(old) is None
    cut = _saved(tmp_path, dict(ENTRIES))
    cut.write_bytes(cut.read_bytes()[:-5])
    assert Manifest.load(cut) is None
    assert Manifest.load(tmp_path / "missing.json") is None


def test_no_services_is_still_a_manifest(tmp_path: Path):
    Manifest("x", {}, Entries(), []).save(tmp_path / "m.json")
    loaded = Manifest.load(tmp_path / "m.json")
    assert loaded is not None and dict(loaded.services) == {} and loaded.inputs == "x"


def test_the_records_of_a_build_give_back_its_pages_files_and_classes(tmp_path: Path):
    records = Records()
    alternate = Alternate("en", "en/a/", "English", True)
    first = ServiceOutput(
        "a",
        "k1",
        ("a/index.html", "a/index.html.br"),
        (PageRecord("a/", "de", True, (alternate,)),),
        frozenset({"md-x", "md-y"}),
    )
    second = ServiceOutput("b", "k2", ("b/index.html",), (), frozenset({"md-x", "md-y"}))
    records.add("a", first, written=True)
    records.add("b", second)
    assert records.count == 1 and records.written == 1
    assert list(records.files()) == ["a/index.html", "a/index.html.br", "b/index.html"]
    assert list(records.pages()) == list(first.pages)
    assert records.used_classes() == {"md-x", "md-y"}
    (tmp_path / "a").mkdir()
    for name in ["a/index.html", "a/index.html.br", "b/index.html"]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(name, encoding="utf-8")
    manifest = records.manifest({}, tmp_path)
    assert manifest.services["a"]["stamps"][0][0] == len("a/index.html")
    assert manifest.class_sets == [["md-x", "md-y"]] and manifest.services["b"]["classes"] == 0


def test_wanted_files_are_found_and_no_other():
    wanted = Wanted()
    names = [f"leistungen/s-{i}/index.html" for i in range(5000)]
    wanted.update(names[:2500])
    wanted.update(names[2500:])
    assert all(name in wanted for name in names)
    assert not any(f"leistungen/t-{i}/index.html" in wanted for i in range(5000))
