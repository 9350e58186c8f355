"""The pipeline's seams: MkDocs stays behind one adapter, and a bundle is made without it."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO
from tests.project_fixture import MONEY, small_project

ENGINE_PACKAGES = {"mkdocs", "material"}
ADAPTER = "generator/writer/mkdocs_adapter/"


def _imported_packages(path: Path) -> set[str]:
    """Top-level packages a module imports, wherever in the module the import stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_only_the_adapter_imports_mkdocs_or_material():
    importers = sorted(
        path.relative_to(REPO).as_posix()
        for path in (REPO / "generator").rglob("*.py")
        if _imported_packages(path) & ENGINE_PACKAGES
    )
    assert importers, "the adapter imports MkDocs: the check must see it"
    assert [p for p in importers if not p.startswith(ADAPTER)] == []


def test_the_import_check_sees_imports_inside_functions(tmp_path: Path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from mkdocs.config import load_config\n")
    assert _imported_packages(module) == {"mkdocs"}


BUILD_WITHOUT_ENGINE = """
import json, sys
from datetime import date
from pathlib import Path
from generator.pipeline import BuildOptions, Project, build_bundle
bundle = build_bundle(Project.at(Path(sys.argv[1]), use_cache=False), date(2025, 11, 22),
                      BuildOptions(workers=1))
first = next(bundle.pages)
pages = [first, *bundle.pages]
print(json.dumps({
    "loaded": sorted(m for m in sys.modules if m.split(".")[0] in {"mkdocs", "material"}),
    "urls": [p.url for p in pages],
    "first_html": first.html[:2000],
    "data_files": sorted(bundle.data_files),
}))
"""


@pytest.mark.slow
def test_a_bundle_is_built_without_importing_the_engine(tmp_path: Path):
    """The small test project: every page and data file, and no MkDocs."""
    project = small_project(tmp_path / "p")
    result = subprocess.run(
        [sys.executable, "-c", BUILD_WITHOUT_ENGINE, str(project)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["loaded"] == []
    urls = out["urls"]
    assert urls[0] == "" and len(urls) == len(set(urls))
    assert f"leistungen/{MONEY}/" in urls
    assert f"en/services/{MONEY}/easy-read/" in urls
    assert "<h1" in out["first_html"]
    assert any(f.startswith("assets/search/search-de.") for f in out["data_files"])
    assert any(f.startswith("assets/lookup/manifest.") for f in out["data_files"])
    assert any(re.fullmatch(r"assets/search/lunr\.[0-9a-f]{10}\.js", f) for f in out["data_files"])
