"""The build and the editor's tools read every value alike, and accept and refuse the same.

The editor's side is what the YAML language server does: the ``yaml`` package (YAML 1.2,
the parser the language server uses) turns the file into JSON, and an independent JSON
Schema validator (``jsonschema``) checks it against ``schema/``. The build's side is
``parse_text`` and the pydantic models. For each spelling YAML 1.1 and 1.2 read
differently, both sides must agree, and a refusal must say how to write the value.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import jsonschema
import pytest

from generator.content.load import parse_text
from generator.content.schema import Authority, Service
from generator.content.validate import validate_document
from tests.helpers import REPO, service_yaml
from tests.project_fixture import WELFARE_OFFICE_YAML

YAML_JS = REPO / "node_modules" / "yaml"
pytestmark = pytest.mark.skipif(
    not YAML_JS.is_dir() or shutil.which("node") is None,
    reason="run `make node_modules/.installed` for the yaml package",
)

_READ_12 = (
    "const YAML = require(process.argv[1]);"
    "let s = '';process.stdin.on('data', d => s += d);"
    "process.stdin.on('end', () => process.stdout.write(JSON.stringify(YAML.parse(s))));"
)


_READ_MANY = (
    "const YAML = require(process.argv[1]);"
    "let s = '';process.stdin.on('data', d => s += d);"
    "process.stdin.on('end', () => process.stdout.write("
    "JSON.stringify(JSON.parse(s).map(t => YAML.parse(t)))));"
)


def editor_reading(text: str) -> object:
    done = subprocess.run(
        ["node", "-e", _READ_12, str(YAML_JS)],
        input=text,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(done.stdout)


def editor_readings(texts: list[str]) -> list[object]:
    """Several files read by one node process, in order."""
    done = subprocess.run(
        ["node", "-e", _READ_MANY, str(YAML_JS)],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(done.stdout)


def editor_accepts(text: str, schema: str) -> bool:
    validator = jsonschema.Draft202012Validator(
        json.loads((REPO / "schema" / schema).read_text(encoding="utf-8")),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    return not list(validator.iter_errors(editor_reading(text)))


def build_reading(text: str, model) -> tuple[object, list[str]]:
    doc, problems = parse_text(text, "x.yaml")
    assert doc is not None, problems
    _, problems = validate_document(doc, model)
    return doc.data, [p.message for p in problems]


#: an authority file as editors write them, with a schema comment like the shipped ones
AUTHORITY = (
    "# yaml-language-server: $schema=../../schema/authority.schema.json\n" + WELFARE_OFFICE_YAML
)


@pytest.mark.parametrize(
    ("old", "new", "hint"),
    [
        ('postcode: "00102"', "postcode: 07743", 'write "07743" in quotes'),
        ('ars: "01999"', "ars: 03155", 'write "03155" in quotes'),
        ('postcode: "00102"', "postcode: 0o777", 'or "0o777" in quotes'),
        ('postcode: "00102"', "postcode: 1e3", 'or "1e3" in quotes'),
        ("wheelchair_accessible: true", "wheelchair_accessible: yes", "write true or false"),
        ("wheelchair_accessible: true", "wheelchair_accessible: on", "write true or false"),
        ("wheelchair_accessible: true", "wheelchair_accessible: 1:30", "plain decimal number"),
    ],
)
def test_ambiguous_values_are_refused_by_both_with_a_hint(old: str, new: str, hint: str):
    assert old in AUTHORITY
    text = AUTHORITY.replace(old, new)
    assert editor_accepts(AUTHORITY, "authority.schema.json")
    assert not editor_accepts(text, "authority.schema.json")
    _, messages = build_reading(text, Authority)
    assert len(messages) == 1 and hint in messages[0], messages


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Teststraße 2", "yes"),  # text that looks like a yes/no answer stays text
        ("Teststraße 2", "8:00"),  # a time stays text (YAML 1.1: the number 480)
        ("Teststraße 2", "1_000"),  # YAML 1.1: the number 1000
        ("Teststraße 2", "no"),
    ],
)
def test_text_that_yaml_11_read_as_a_value_is_text_for_both(old: str, new: str):
    text = AUTHORITY.replace(old, new)
    assert editor_accepts(text, "authority.schema.json")
    data, messages = build_reading(text, Authority)
    assert messages == []
    assert data["address"]["street"] == editor_reading(text)["address"]["street"] == new


def test_every_value_of_the_example_content_reads_the_same_in_both():
    paths = sorted((REPO / "content").glob("*/*.yaml"))
    texts = [path.read_text(encoding="utf-8") for path in paths]
    for path, text, editor in zip(paths, texts, editor_readings(texts), strict=True):
        doc, problems = parse_text(text, path.name)
        assert doc is not None and problems == []
        assert json.loads(json.dumps(doc.data, default=str)) == editor, path


def test_a_quoted_value_is_text_to_both():
    text = service_yaml(summary='"07743"')
    assert editor_reading(text)["summary"] == "07743"
    data, messages = build_reading(text, Service)
    assert data["summary"] == "07743" and messages == []
