"""The free pages of ``content/pages``: what MkDocs would do with them silently is an
error at the page's line (each case once passed validation; see issue 34)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.content.pages import check_metadata, check_pages


def _problems(tmp_path: Path, files: dict[str, str], languages=("de", "en")) -> list[str]:
    folder = tmp_path / "content" / "pages"
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    return [p.format() for p in check_pages(folder, tmp_path, languages)]


def test_a_page_cannot_choose_its_template(tmp_path: Path):
    """``template: ../../etc/passwd`` validated, then the build failed with exit 3."""
    page = "---\ntitle: Hinweise\ntemplate: ../../../../../etc/passwd\n---\n\nText.\n"
    assert _problems(tmp_path, {"hinweise.md": page}) == [
        "content/pages/hinweise.md:3:1: template: a page cannot choose its template (MkDocs "
        "would look for '../../../../../etc/passwd' among the theme's files); remove the line"
    ]


def test_metadata_lines_without_a_yaml_block_are_read_as_mkdocs_reads_them():
    found = [p.format() for p in check_metadata("Template: main.html\n\nText.\n", "x.md")]
    assert found and found[0].startswith("x.md:1:1: template: a page cannot choose")
    [unknown] = [p.format() for p in check_metadata("Hinweis: heute zu\n\nText.\n", "x.md")]
    assert "unknown field 'hinweis'" in unknown and "as its metadata, not as text" in unknown


def test_title_and_description_are_text_fields():
    page = "---\ntitle: 'A \"quoted\" title'\ndescription: x\nrobots: noindex\n---\n\nText.\n"
    assert check_metadata(page, "x.md") == []
    [bad] = [p.format() for p in check_metadata("---\nrobots: index\n---\n", "x.md")]
    assert bad.startswith("x.md:2:9: robots: ")


@pytest.mark.parametrize(
    ("rel", "address"),
    [
        ("index.md", None),
        ("README.md", None),
        ("leistungen.md", "/leistungen"),
        ("leistungen/extra.md", "/leistungen/extra"),
        ("en/index.md", "/en"),
        ("impressum/index.md", "/impressum"),
        ("robots.txt", "/robots.txt"),
    ],
)
def test_a_page_at_an_address_of_the_site_is_refused(tmp_path: Path, rel: str, address):
    """content/pages/index.md and pages shadowing a generated page were dropped silently."""
    [problem] = _problems(tmp_path, {rel: "# Seite\n\nText.\n"})
    assert problem.startswith(f"content/pages/{rel}:1:1: ")
    if address is None:
        assert "would replace the home page" in problem
    else:
        assert f"its address {address} is the site's own" in problem


def test_pages_beside_the_generated_ones_pass(tmp_path: Path):
    assert _problems(tmp_path, {"hinweise.md": "# Hinweise\n", "mehr/seite.md": "# X\n"}) == []


def test_a_hard_link_is_refused(tmp_path: Path):
    """A hard link to a file outside the project was published as a page."""
    outside = tmp_path / "outside.md"
    outside.write_text("# Geheim\n", encoding="utf-8")
    folder = tmp_path / "project" / "content" / "pages"
    folder.mkdir(parents=True)
    os.link(outside, folder / "geheim.md")
    [problem] = [p.format() for p in check_pages(folder, tmp_path / "project")]
    assert problem.startswith("content/pages/geheim.md:1:1: is a hard link (one file with 2 names")


@pytest.mark.parametrize(
    "markdown",
    [
        "# A\n\n![Bild](https://outside.example/t.png)\n",
        "# A\n\n![Bild][b]\n\n[b]: //outside.example/t.png\n",
        '# A\n\n![Bild](HTTPS://outside.example/t.png "Titel")\n',
    ],
)
def test_an_image_from_another_host_is_an_error_at_its_line(tmp_path: Path, markdown: str):
    """It built with a warning only; the site promises no request to another host."""
    [problem] = _problems(tmp_path, {"bild.md": markdown})
    line = markdown[: markdown.lower().index("outside.example")].count("\n") + 1
    assert problem.startswith(f"content/pages/bild.md:{line}:")
    assert "would be loaded from another host" in problem


def test_own_images_and_outside_links_pass(tmp_path: Path):
    page = "# A\n\n![Bild](bild.png)\n\n[Mehr](https://example.org/)\n"
    assert _problems(tmp_path, {"a.md": page}) == []
