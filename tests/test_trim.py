"""The theme stylesheet keeps every rule a page could use and loses the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
import tinycss2

from generator.writer.trim import (
    drop_unread_properties,
    read_properties,
    trim_stylesheet,
    used_classes,
)

CSS = (
    ".used{color:red}"
    ".unused{color:blue}"
    ".used .unused,.used>p{margin:0}"
    "p:not(.unused){padding:1px}"
    ":is(.unused,.used) b{font-weight:700}"
    "@media (min-width:40em){.unused{top:0}.used a{left:0}}"
    "@media print{.unused{top:0}}"
    "@font-face{font-family:x;src:local(x)}"
    "@keyframes spin{0%{opacity:0}to{opacity:1}}"
    "[data-md-color-scheme=default]{--x:1}"
    'a[href=".unused"]{color:green}'
)


def test_rules_needing_an_unused_class_go_and_all_others_stay():
    out = trim_stylesheet(CSS, {"used", "data-md-color-scheme=default"})
    assert ".used{color:red}" in out
    assert ".unused{color:blue}" not in out
    assert ".used>p{margin:0}" in out and ".used .unused" not in out  # one selector of two
    assert "p:not(.unused){padding:1px}" in out  # :not(.x) matches where .x is absent
    assert ":is(.unused,.used) b" in out  # functions are never required
    assert "@media (min-width:40em){.used a{left:0}}" in out
    assert "@media print" not in out  # nothing left inside
    assert "@font-face" in out and "@keyframes spin" in out
    assert "[data-md-color-scheme=default]" in out  # the palette the pages select
    assert 'a[href=".unused"]' in out  # a string is not a class


def test_used_classes_come_from_markup_and_own_scripts(tmp_path: Path):
    (tmp_path / "a.html").write_text('<p class="md-typeset  sf-x">', encoding="utf-8")
    script = tmp_path / "s.js"
    script.write_text('el("ul", {"class": "sf-added"});', encoding="utf-8")
    used = used_classes(tmp_path, [script])
    assert {"md-typeset", "sf-x", "sf-added"} <= used
    assert "md-search" not in used


@pytest.mark.slow
def test_the_built_site_ships_no_theme_script_and_a_smaller_stylesheet(tmp_path: Path):
    from tests.helpers import build_in_process
    from tests.project_fixture import MONEY, small_project

    site = build_in_process(small_project(tmp_path / "p"))
    assert not (site / "assets/javascripts").exists()
    assert not list(site.rglob("*.map"))
    page = (site / f"leistungen/{MONEY}/index.html").read_text(encoding="utf-8")
    assert "bundle." not in page and "__config" not in page
    import material

    theme = Path(material.__file__).parent / "templates/assets/stylesheets"
    (built,) = site.glob("assets/stylesheets/main.*.min.css")
    # renamed by its trimmed bytes (generator/writer/theme_css.py); Material ships one
    (shipped,) = theme.glob("main.*.min.css")
    assert built.name != shipped.name
    original = shipped.stat().st_size
    assert built.stat().st_size < original / 2


def test_palettes_no_page_selects_are_dropped():
    css = (
        "[data-md-color-primary=red]{--c:red}"
        '[data-md-color-primary="custom"]{--c:blue}'
        "[data-md-color-scheme=slate] .x{--d:0}"
        "[data-other=y]{--e:1}"
    )
    used = {"data-md-color-primary=custom", "x"}
    trimmed = trim_stylesheet(css, used)
    assert "--c:red" not in trimmed and "--d:0" not in trimmed
    assert "--c:blue" in trimmed and "--e:1" in trimmed
    # a script that may switch palettes keeps them all
    assert "--c:red" in trim_stylesheet(css, used | {"data-md-color-"})


def _properties_kept(css: str, outside: set[str]) -> str:
    sheet = tinycss2.parse_stylesheet(css, skip_whitespace=True)
    read = read_properties([sheet], outside)
    return tinycss2.serialize(drop_unread_properties(sheet, read))


def test_custom_properties_nobody_reads_are_dropped_and_chains_are_followed():
    css = (
        ":root{--icon:url(x.svg);--fg:var(--base);--base:#123;--unused:red;--page:1px}"
        "@media screen{:root{--only-here:0}}"
        ".a{color:var(--fg)}"
    )
    kept = _properties_kept(css, {"--page"})
    assert "--fg:" in kept and "--base:" in kept  # read by .a, and through --fg
    assert "--page:" in kept  # read outside this sheet (a page, a script, own CSS)
    assert "--icon" not in kept and "--unused" not in kept and "--only-here" not in kept
    assert ".a{color:var(--fg)}" in kept
    assert "@media" not in kept  # left empty


def test_a_property_read_only_by_an_unread_one_goes_too():
    kept = _properties_kept(":root{--a:var(--b);--b:1px}.x{margin:0 !important}", set())
    assert "--a" not in kept and "--b" not in kept
    assert kept == ".x{margin:0 !important}"
