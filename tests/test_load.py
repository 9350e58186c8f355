"""The loader: every way a file can be broken gets one message with its position."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.catalogue import _Reader
from generator.content.load import load_document, parse_text, value_at
from generator.content.schema import Service
from generator.infra.cache import BuildCache
from tests.project_fixture import MONEY, small_project


def messages(text: str) -> list[str]:
    _, problems = parse_text(text, "x.yaml")
    return [p.format() for p in problems]


def test_positions_of_nested_values_are_kept():
    doc, problems = parse_text("a:\n  b:\n    - 1\n    - name: x\n", "x.yaml")
    assert problems == []
    assert doc.where(("a", "b", 1, "name")) == (4, 13)
    assert doc.where(("a", "b", 0)) == (3, 7)


def test_syntax_error_names_line_and_column():
    assert messages("title: x\nlist: [1, 2\nnext: 3\n") == [
        "x.yaml:3:5: invalid YAML: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence on line 2)"
    ]


def test_duplicate_field_is_reported_with_the_first_line():
    assert messages("title: a\nsummary: b\ntitle: c\n") == [
        "x.yaml:3:1: title: field 'title' appears twice (first on line 1)"
    ]


def test_aliases_are_refused_so_expansion_bombs_cannot_be_written():
    text = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]\n'
    [message] = messages(text)
    assert message.startswith("x.yaml:2:8: YAML aliases (*name) are not allowed")


def test_top_level_must_be_a_mapping():
    assert messages("- a\n- b\n") == [
        "x.yaml:1:1: expected a mapping of field: value lines at the top of the file"
    ]


def test_empty_file():
    assert messages("") == ["x.yaml:1:1: the file is empty; expected field: value lines"]


def test_impossible_date_is_reported_once():
    assert messages("as_of: 2025-02-30\n") == [
        "x.yaml:1:8: as_of: expected a real date like 2025-01-22, got '2025-02-30' "
        "(day is out of range for month)"
    ]


def test_invalid_utf8_names_the_position(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"title: ok\nsummary: caf\xe9\n")
    doc, problems = load_document(path, "bad.yaml")
    assert doc is None
    assert [p.format() for p in problems] == [
        "bad.yaml:2:13: not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    ]


def test_oversized_file_is_refused_before_parsing(tmp_path: Path):
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 600_000)
    doc, problems = load_document(path, "big.yaml")
    assert doc is None
    assert "at most 524288 are allowed (SERVICEFINDER_MAX_FILE_KB)" in problems[0].message


def test_a_merge_key_is_a_content_error_at_its_line():
    """``<<:`` ended in "internal error: ConstructorError" (exit 4) with no file named."""
    assert messages("title: a\n<<: {summary: b}\n") == [
        "x.yaml:2:1: <<: YAML merge keys (<<:) are not allowed in content files; "
        "write the fields out"
    ]
    nested = messages("forms:\n  online: true\n  <<: {note: x}\n")
    assert nested == [
        "x.yaml:3:3: forms.<<: YAML merge keys (<<:) are not allowed in content files; "
        "write the fields out"
    ]


def test_a_field_name_with_a_tag_yaml_cannot_construct_is_reported():
    [message] = messages("title: a\n!!python/name:os.system : 1\n")
    assert message.startswith("x.yaml:2:1: a field name YAML cannot read: ")


LONG = (
    "id: a\ntitle: Antrag\nsteps:\n  - name: Eins\n"
    "    text: |\n      erste Zeile\n      zweite Zeile\n"
)


def test_a_lean_document_finds_its_positions_again():
    full, _ = parse_text(LONG, "a.yaml")
    assert full is not None
    loads: list[int] = []

    def reload():
        loads.append(1)
        return parse_text(LONG, "a.yaml")[0]

    path = ("steps", 0, "text")
    lean = full.lean(reload)
    assert value_at(full.data, path) == "erste Zeile\nzweite Zeile\n"
    assert value_at(lean.data, path) is None  # a lean document holds no values
    assert lean.marks == {} and lean.source == ""
    assert loads == []  # nothing parsed until a position is asked for
    assert lean.where(path) == full.where(path) == (5, 11)
    assert lean.where(("title",), key=True) == full.where(("title",), key=True)
    assert lean.text_line(path, 2) == full.text_line(path, 2)
    assert lean.locate(path, "zweite") == full.locate(path, "zweite") == (7, 7)
    assert len(loads) == 4 and lean.marks == {}  # parsed for each, kept by none
    # every lean document shares one set of empty tables: none may be written to
    with pytest.raises(TypeError):
        lean.marks[("title",)] = (1, 1)
    assert full.lean(reload).marks is lean.marks


def test_a_lean_document_of_a_file_changed_since_says_line_one():
    full, _ = parse_text(LONG, "a.yaml")
    assert full is not None
    lean = full.lean(lambda: None)
    assert lean.where(("steps", 0, "text")) == (1, 1)
    assert lean.text_line(("steps", 0, "text"), 2) == 1


@pytest.mark.parametrize("cached", [False, True])
def test_files_that_pass_are_kept_lean_and_read_again_for_a_finding_across_files(
    tmp_path: Path, cached: bool
):
    """The checks across files report positions of files the per-file checks passed,
    read again from the parse cache or the file; never those of bytes it did not check."""
    project = small_project(tmp_path / "p")
    path = project / f"content/services/{MONEY}.yaml"
    cache = BuildCache(tmp_path / "cache" if cached else None)

    def read():
        loaded = _Reader(project, [], cache).read_with_doc(path, Service, lean=True)
        assert loaded is not None
        return loaded[1]

    doc = read()
    assert doc.reload is not None and doc.marks == {} and doc.source == ""
    text = path.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("title:"))
    assert doc.where(("title",))[0] == line
    assert doc.where(("title",), key=True)[0] == line
    doc = read()
    path.write_text(text.replace("title:", "\ntitle:"), encoding="utf-8")
    assert doc.where(("title",)) == (1, 1)  # changed since: not a line of other bytes
