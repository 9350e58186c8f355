"""The project's YAML format in Python and in the admin page's format.js: the same bytes
for every example file, and a save from the form changes only what the form changed.

format.js runs under node (installed for the test tools) from a folder laid out as the
admin page lays it out (generator/site/admin.py): beside it the yaml package's browser
modules from node_modules.
"""

from __future__ import annotations

import copy
import difflib
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.content.cms_config import layout
from generator.content.format import SCHEMA_PATHS, plain_ok, render
from tests.helpers import REPO

#: builds a whole site once for the module: make test only, not make check
pytestmark = pytest.mark.slow

HARNESS = REPO / "tests" / "cms" / "format_harness.mjs"
ADMIN = REPO / "generator" / "site" / "admin"
YAML_DIST = REPO / "node_modules" / "yaml" / "browser" / "dist"


def kind_of(path: Path) -> str:
    parent = path.parent.name
    if parent == "services":
        return "service-translation" if path.name.count(".") > 1 else "service"
    return {"authorities": "authority", "rates": "rates"}.get(parent, path.stem)


#: every example file of a kind the form edits (content/elsewhere.yaml is edited by hand)
EXAMPLES = sorted(p for p in (REPO / "content").rglob("*.yaml") if kind_of(p) in SCHEMA_PATHS)


@pytest.fixture(scope="module")
def admin_folder(tmp_path_factory) -> Path:
    if shutil.which("node") is None or not YAML_DIST.is_dir():
        pytest.fail("node and node_modules are needed: `make check` installs them (npm ci)")
    folder = tmp_path_factory.mktemp("admin")
    shutil.copy(ADMIN / "format.js", folder / "format.js")
    shutil.copytree(YAML_DIST, folder / "yaml")
    return folder


def run_js(folder: Path, cases: list[dict[str, Any]]) -> list[str]:
    payload = json.dumps({"layout": layout(), "cases": cases}, default=_json, ensure_ascii=False)
    result = subprocess.run(
        ["node", str(HARNESS), str(folder)],
        input=payload,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _json(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value))


def as_json(data: Any) -> Any:
    """Data as the form holds it: dates as ISO text."""
    return json.loads(json.dumps(data, default=_json))


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_python_and_javascript_write_every_example_file_alike(admin_folder: Path) -> None:
    cases = []
    expected = []
    for path in EXAMPLES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        cases.append({"kind": kind_of(path), "data": as_json(data)})
        expected.append(render(kind_of(path), data))
    written = run_js(admin_folder, cases)
    for path, python, javascript in zip(EXAMPLES, expected, written, strict=True):
        assert javascript == python, f"{path.name}: format.js and format.py differ"
        # and what they write reads back as the same data (defaults left out)
        back = yaml.safe_load(python)
        source = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key, value in back.items():
            assert source[key] == value, (path.name, key)


def test_an_unchanged_save_leaves_every_example_file_byte_identical(admin_folder: Path) -> None:
    sources = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    written = run_js(
        admin_folder,
        [{"kind": kind_of(p), "source": s} for p, s in zip(EXAMPLES, sources, strict=True)],
    )
    for path, before, after in zip(EXAMPLES, sources, written, strict=True):
        assert after == before, f"{path.name}: {changed_lines(before, after)[:6]}"


SERVICE = REPO / "content" / "services" / "hilfe-zum-lebensunterhalt.yaml"
OFFICE = REPO / "content" / "authorities" / "stadt-jena-sozialamt.yaml"


def _edit(data: dict[str, Any], change: str) -> dict[str, Any]:
    data = copy.deepcopy(data)
    if change == "summary":
        data["summary"] = "Geld zum Leben vom Sozialamt, wenn Einkommen und Vermögen nicht reichen."
    elif change == "add document":
        data["documents"].append({"name": "Meldebescheinigung", "required": False})
    elif change == "remove notes":
        del data["notes"]
    elif change == "section in brackets":
        data["legal_basis"][1]["section"] = "27c"
    elif change == "new field":
        data["leika"] = "99000000000000"
    elif change == "new topic":
        data["topics"] = [*data["topics"], "beratung"]
    elif change == "long requirement":
        data["requirements"][0] = ("Sie wohnen im Landkreis. " * 6).strip()
    elif change == "first process step removed":
        data["process"] = data["process"][1:]
    elif change == "office postcode":
        data["address"]["postcode"] = "07745"
    elif change == "office hours added":
        data["opening_hours"] = [{"days": "Montag", "hours": "8 bis 12 Uhr"}]
    return data


EDITS = [
    (SERVICE, "summary", 4),
    (SERVICE, "add document", 2),
    (SERVICE, "remove notes", 20),
    (SERVICE, "section in brackets", 2),  # and keeps its quotes
    (SERVICE, "new field", 1),
    (SERVICE, "new topic", 2),
    (SERVICE, "long requirement", 6),
    (SERVICE, "first process step removed", 3),
    (OFFICE, "office postcode", 2),
    (OFFICE, "office hours added", 3),
]


@pytest.fixture(scope="module")
def saved(admin_folder: Path) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """Each edit saved through format.js (one node process for all): before, after, wanted."""
    cases, wanted = [], []
    for path, change, _ in EDITS:
        before = path.read_text(encoding="utf-8")
        data = yaml.safe_load(before)
        edited = _edit(data, change)
        form = as_json(edited)
        if data.get("example_data") is True:  # the form shows it as the marks it means
            form["example_data"] = ["contact"]
        cases.append({"kind": kind_of(path), "source": before, "data": form})
        wanted.append((before, edited))
    written = run_js(admin_folder, cases)
    return {
        change: (before, after, edited)
        for (_, change, _), (before, edited), after in zip(EDITS, wanted, written, strict=True)
    }


@pytest.mark.parametrize(("change", "most"), [(change, most) for _, change, most in EDITS])
def test_a_save_changes_only_what_the_form_changed(
    saved: dict[str, tuple[str, str, dict[str, Any]]], change: str, most: int
) -> None:
    before, after, wanted = saved[change]
    diff = changed_lines(before, after)
    assert 0 < len(diff) <= most, "\n".join(diff)
    assert as_json(yaml.safe_load(after)) == as_json(wanted), "\n".join(diff)
    # every comment of the file is still there
    comments = [line.strip() for line in before.splitlines() if line.strip().startswith("#")]
    kept = [line.strip() for line in after.splitlines() if line.strip().startswith("#")]
    assert kept == comments
    if change == "section in brackets":
        assert '  - {law: SGB XII, section: "27c"}' in after.splitlines()
    if change == "long requirement":
        assert after.count("  - >-\n    Sie wohnen im Landkreis.") == 1


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("Sozialamt", True),
        ("07743", False),
        ("27", False),
        ("27a", True),
        ("yes", False),
        ("on", False),
        ("2025-01-22", False),
        ("1:20", False),
        ("0x1f", False),
        (".inf", False),
        ("a: b", False),
        ("a #b", False),
        ("#a", False),
        ("- a", False),
        (" a", False),
        ("+49 3641 0000-200", True),
        ("Hartz IV", True),
        ("", False),
    ],
)
def test_texts_that_yaml_would_read_as_something_else_are_quoted(text: str, plain: bool) -> None:
    assert plain_ok(text) is plain
    if plain:
        assert yaml.safe_load(f"k: {text}")["k"] == text
