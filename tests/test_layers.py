"""The folders under generator/ are layers: each imports only from itself and those below,
no modules import each other in a circle, and no module grows past 600 lines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.layers import LAYERS, against_the_flow, circles, imports, modules, unplaced
from tests.project_fixture import REPO

PACKAGE = REPO / "generator"
MAX_LINES = 600


def _describe(found) -> str:
    return "\n".join(f"{i.importer} (line {i.line}) imports {i.imported}" for i in found)


def test_every_module_is_in_a_layer() -> None:
    assert unplaced(PACKAGE) == [], f"declare their layer in tests/layers.py: {LAYERS}"


def test_no_import_runs_against_the_layers() -> None:
    wrong = against_the_flow(imports(PACKAGE))
    assert not wrong, "imports against the layer order:\n" + _describe(wrong)


def test_no_modules_import_each_other_in_a_circle() -> None:
    assert circles(imports(PACKAGE)) == []


def test_no_module_is_over_600_lines() -> None:
    long = {
        name: n
        for name, path in modules(PACKAGE).items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_layers_are_the_folders_readers_see() -> None:
    """The declared order names real folders (a renamed folder must not slip out of it)."""
    folders = {
        p.stem for p in PACKAGE.iterdir() if p.name[0] not in "_." and p.suffix in {"", ".py"}
    }
    assert set(LAYERS) <= folders


#: the modules the planted imports touch, copied as they are (a whole copy took seconds)
PLANTED = (
    "__init__.py",
    "infra/__init__.py",
    "infra/clock.py",
    "commands/__init__.py",
    "commands/cli.py",
    "content/__init__.py",
    "content/routes.py",
    "content/pages.py",
)


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    copy = tmp_path / "generator"
    for name in PLANTED:
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PACKAGE / name, copy / name)
    assert against_the_flow(imports(copy)) == [] and circles(imports(copy)) == []
    return copy


def test_a_planted_import_against_the_flow_is_found(planted: Path) -> None:
    clock = planted / "infra" / "clock.py"
    # inside a function, where a late import would hide it from a reader
    clock.write_text(
        clock.read_text(encoding="utf-8")
        + "\n\ndef _late() -> None:\n    from generator.commands import cli  # noqa\n",
        encoding="utf-8",
    )
    wrong = against_the_flow(imports(planted))
    assert [(i.importer, i.imported) for i in wrong] == [
        ("generator.infra.clock", "generator.commands.cli")
    ]


def test_a_planted_circle_is_found(planted: Path) -> None:
    routes = planted / "content" / "routes.py"
    routes.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
        "    from generator.content import pages  # noqa\n" + routes.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    assert ["generator.content.pages", "generator.content.routes"] in circles(imports(planted))
