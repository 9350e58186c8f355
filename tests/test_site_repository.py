"""A site repository: content and configuration only, the tool's templates and theme
overrides found in the tool, a site's own file replacing one of them; ``init`` and its
refusals; ``check-pages`` on pages that break each of its rules."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
import yaml

from generator.commands.pagecheck import check_page, check_pages
from generator.commands.starter import InitError, Starter, init_site
from generator.infra.resources import layers, tool_folder
from tests.helpers import TODAY, build_in_process, small_project
from tests.project_fixture import REPO


def _content_only(root: Path) -> Path:
    """The small project as a site repository has it: no templates/, no site_overrides/,
    and a mkdocs.yml that names no custom_dir."""
    project = small_project(root)
    shutil.rmtree(project / "templates")
    shutil.rmtree(project / "site_overrides")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "\n".join(line for line in config.splitlines() if "custom_dir" not in line),
        encoding="utf-8",
    )
    return project


@pytest.mark.slow
def test_a_site_without_templates_builds_the_same_pages_as_with_copies(tmp_path: Path) -> None:
    copies = build_in_process(small_project(tmp_path / "copies"))
    own = build_in_process(_content_only(tmp_path / "own"))
    pages = sorted(p.relative_to(copies) for p in copies.rglob("*.html"))
    assert pages == sorted(p.relative_to(own) for p in own.rglob("*.html"))
    for page in pages:
        assert (copies / page).read_bytes() == (own / page).read_bytes(), page


@pytest.mark.slow
def test_a_sites_own_template_and_partial_replace_only_the_tools_file(tmp_path: Path) -> None:
    project = _content_only(tmp_path / "p")
    footer = "partials/sf-footer-links.html"
    (project / "overrides" / "partials").mkdir(parents=True)
    (project / "overrides" / footer).write_text(
        '<p class="own-footer">Eigener Fuß</p>', encoding="utf-8"
    )
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    (project / "templates").mkdir()
    az = (tool_folder("templates") / "az.html").read_text(encoding="utf-8")
    (project / "templates" / "az.html").write_text(
        az.replace("{% block content %}", '{% block content %}<p class="own-az">A bis Z</p>', 1),
        encoding="utf-8",
    )
    site = build_in_process(project)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'class="own-footer"' in home
    assert "servicefinder" in home.lower()  # the rest of the shell is still the tool's
    assert 'class="own-az"' in (site / "leistungen" / "index.html").read_text(encoding="utf-8")
    assert 'class="own-az"' not in home


def test_layers_put_the_sites_folder_first_and_skip_what_is_missing(tmp_path: Path) -> None:
    tool = tool_folder("templates")
    assert layers(tmp_path / "none", "templates") == (tool,)
    (tmp_path / "templates").mkdir()
    assert layers(tmp_path / "templates", "templates") == (tmp_path / "templates", tool)
    assert layers(tool, "templates") == (tool,)
    with pytest.raises(ValueError):
        tool_folder("content")


# -- init ----------------------------------------------------------------------------------


def _starter(tmp_path: Path, **changes: object) -> Starter:
    from tests.test_importers import DESTATIS_CSV, POSTCODES

    directory, postcodes = tmp_path / "directory.csv", tmp_path / "postcodes.csv"
    directory.write_text(DESTATIS_CSV, encoding="utf-8")
    postcodes.write_text(POSTCODES, encoding="utf-8")
    fields: dict[str, object] = {
        "folder": tmp_path / "site",
        "name": 'Servicefinder "Nord" & *Co* [1]',
        "area": "03155",
        "directory": directory,
        "postcodes": postcodes,
        "today": TODAY,
    }
    return Starter(**{**fields, **changes})  # type: ignore[arg-type]


def test_init_writes_content_and_configuration_and_no_copy_of_the_tool(tmp_path: Path) -> None:
    written = init_site(_starter(tmp_path))
    site = tmp_path / "site"
    names = {p.relative_to(site).as_posix() for p in written}
    assert {"mkdocs.yml", "content/site.yaml", "README.md", ".gitlab-ci.yml",
            ".github/workflows/pull-request.yml", ".github/workflows/publish.yml",
            ".vscode/settings.json", ".pre-commit-config.yaml", "requirements.txt",
            "content/places/municipalities.csv", "content/places/postcodes.csv",
            "schema/service.schema.json"} <= names  # fmt: skip
    assert not any(n.startswith(("templates/", "site_overrides/", "generator/")) for n in names)
    # the name lands in YAML and Markdown as the text it is
    site_yaml = yaml.safe_load((site / "content/site.yaml").read_text(encoding="utf-8"))
    assert site_yaml["name"] == 'Servicefinder "Nord" & *Co* [1]'
    assert "\\*Co\\* \\[1\\]" in site_yaml["imprint"]
    office = yaml.safe_load(
        (site / "content/authorities/sozialamt.yaml").read_text(encoding="utf-8")
    )
    assert office["areas"] == [{"ars": "03155", "name": "Landkreis Northeim"}]
    towns = (site / "content/places/municipalities.csv").read_text(encoding="utf-8")
    assert "Northeim" in towns and "Jena" not in towns
    for path in written:  # LF on every system, no marker left
        data = path.read_bytes()
        assert b"\r\n" not in data and b"__NAME" not in data and b"__ARS__" not in data, path
    publish = yaml.safe_load((site / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    assert publish[True]["schedule"], "the site is rebuilt every day"  # YAML reads on: as True


@pytest.mark.slow
def test_the_initialised_site_passes_its_own_checks(tmp_path: Path) -> None:
    init_site(_starter(tmp_path))
    site = build_in_process(tmp_path / "site")
    report = check_pages(site)
    assert report.pages > 10 and report.findings == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"area": "3155"}, r"expected a regional key \(ARS\) of 2, 5, 9 or 12 digits"),
        ({"name": "<b>Amt</b>"}, "--name: "),
        ({"area": "09162"}, "no municipality of the directory has this regional key"),
        ({"name": "  "}, "expected the site's name"),
        ({"name": "Amt\u202eNord"}, "control and invisible formatting characters"),
    ],
)
def test_init_refuses_and_writes_nothing(
    tmp_path: Path, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(InitError, match=message):
        init_site(_starter(tmp_path, **changes))
    assert not (tmp_path / "site").exists()


def test_init_never_writes_into_a_folder_that_holds_something(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InitError, match="not empty"):
        init_site(_starter(tmp_path))
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["notes.txt"]


# -- check-pages -----------------------------------------------------------------------------

GOOD = """<!doctype html><html lang="de"><head><title>Seite</title></head><body>
<a href="#inhalt">Zum Inhalt</a>
<main id="inhalt"><h1>Titel</h1><h2>Teil</h2><h3>Unterteil</h3><h2>Zweiter Teil</h2>
<p lang="en">English words</p>
<a href="/x/"><img src="logo.svg" alt="Wappen"></a>
<label for="ort">Ort</label><input id="ort" type="text">
<label>PLZ <input type="text"></label>
<button aria-label="Suchen"><svg></svg></button>
<input type="search" aria-labelledby="ort">
<img src="deko.svg" alt="">
</main></body></html>"""


def test_a_correct_page_has_no_findings() -> None:
    assert check_page(GOOD) == []


@pytest.mark.parametrize(
    ("old", "new", "rule"),
    [
        ('<html lang="de">', "<html>", "lang"),
        ('<p lang="en">', '<p lang="english words">', "lang"),
        ("<title>Seite</title>", "<title> </title>", "title"),
        ("<main ", "<div ", "main"),
        ("<h1>Titel</h1>", "<h1>Titel</h1><h1>Noch einer</h1>", "h1"),
        ("<h3>Unterteil</h3>", "<h4>Unterteil</h4>", "heading-order"),
        ('alt="Wappen"', "", "image-alt"),
        ('<img src="logo.svg" alt="Wappen">', "", "link-name"),
        ('aria-label="Suchen"', "", "button-name"),
        ('<label for="ort">Ort</label>', "", "field-label"),
        ('aria-labelledby="ort"', 'aria-labelledby="nirgends"', "reference"),
        ("<h2>Teil</h2>", '<h2 id="ort">Teil</h2>', "duplicate-id"),
        ('<a href="#inhalt">', '<a href="#fehlt">', "skip-link"),
    ],
)
def test_each_rule_finds_what_breaks_it(old: str, new: str, rule: str) -> None:
    assert old in GOOD
    found = [r for r, _ in check_page(GOOD.replace(old, new, 1))]
    assert rule in found, found


@pytest.mark.slow
def test_a_markdown_page_that_skips_a_heading_level_is_named_with_its_line(
    tmp_path: Path,
) -> None:
    project = small_project(
        tmp_path / "p", {"content/pages/hinweise.md": "# Hinweise\n\n#### Zu tief\n\nText.\n"}
    )
    site = build_in_process(project)
    findings = [f.format() for f in check_pages(site).findings]
    assert len(findings) == 1, findings
    assert findings[0].startswith("hinweise/index.html: heading-order: line ")
    assert "h4 follows h1" in findings[0]


@pytest.mark.slow
def test_every_text_file_the_tool_writes_has_lf_line_ends() -> None:
    """``Path.write_text`` without ``newline`` writes CRLF on Windows: pages, data files and
    the files ``init`` and ``new`` write would then differ between systems."""
    missing = []
    for path in sorted((REPO / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "write_text"
                and not any(k.arg == "newline" for k in node.keywords)
            ):
                missing.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert missing == []
