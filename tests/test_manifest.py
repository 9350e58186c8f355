"""The rebuild manifest (generator/writer/manifest.py) is written one service at a time,
as the text one dump of it all gives, and reads back as it was made."""

from __future__ import annotations

import json
from pathlib import Path

from generator.writer.manifest import VERSION, Entries, Manifest

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


def _whole(manifest: Manifest) -> str:
    data = {
        "version": VERSION,
        "inputs": manifest.inputs,
        "css": manifest.css,
        "services": dict(manifest.services),
        "class_sets": manifest.class_sets,
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def test_a_manifest_is_saved_as_one_dump_of_it_would_be(tmp_path: Path):
    entries = Entries()
    for key, entry in ENTRIES.items():
        entries.add(key, entry)
    made = Manifest("inputs", {"main.css": "main.ab12.css"}, entries, [["md-x"], ["md-y"]])
    plain = Manifest("inputs", {"main.css": "main.ab12.css"}, dict(ENTRIES), [["md-x"], ["md-y"]])
    made.save(tmp_path / "made.json")
    plain.save(tmp_path / "plain.json")
    text = (tmp_path / "made.json").read_text(encoding="utf-8")
    assert text == _whole(plain) == (tmp_path / "plain.json").read_text(encoding="utf-8")
    loaded = Manifest.load(tmp_path / "made.json")
    assert loaded is not None and loaded.services == ENTRIES and loaded.css == made.css
    assert loaded.classes_of("a-hilfe") == ["md-y"] and dict(entries) == ENTRIES


def test_no_services_is_still_a_manifest(tmp_path: Path):
    Manifest("x", {}, Entries(), []).save(tmp_path / "m.json")
    loaded = Manifest.load(tmp_path / "m.json")
    assert loaded is not None and loaded.services == {} and loaded.inputs == "x"
