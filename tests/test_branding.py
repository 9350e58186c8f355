"""Branding from site.yaml: one source for the site's name, contrast checked at build
time, logos refused when they could run code or load anything."""

from __future__ import annotations

import colorsys
import re
from pathlib import Path

import pytest
import yaml

from generator.content.contrast import PAIRS, check, nearest_passing, palette, ratio, shown
from generator.content.svg import check_svg
from tests.branding import EXAMPLE, make_branded_project
from tests.helpers import REPO, run_cli
from tests.project_fixture import small_project

LIGHT_BLUE = "#6fa8dc"  # a typical "corporate blue": 2.5:1 against white


# --- one source of truth -------------------------------------------------------------------


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [str(k), *_strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [str(value)] if isinstance(value, str) else []


def _normal(text: str) -> str:
    return " ".join(text.split())


def test_mkdocs_yml_repeats_nothing_that_site_yaml_says():
    engine = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    site = yaml.safe_load((REPO / "content/site.yaml").read_text(encoding="utf-8"))
    assert not {"site_description", "site_author", "copyright"} & engine.keys()
    assert engine["site_name"] == "(name from content/site.yaml)"  # MkDocs requires one
    assert "language" not in engine["theme"]
    said = {
        _normal(site["name"]),
        _normal(site["description"]),
        _normal(site["operator"]["name"]),
        *site["branding"]["colors"].values(),
    }
    engine_strings = {_normal(s) for s in _strings(engine)}
    assert said & engine_strings == set()
    # the comparison can fail: a duplicated name is found
    engine["nav"].append({site["name"]: "index.md"})
    assert said & {_normal(s) for s in _strings(engine)} == {site["name"]}


@pytest.mark.tool  # runs the command line as its own process
def test_the_site_is_named_and_described_by_site_yaml(tmp_path: Path):
    project = small_project(tmp_path)
    site_yaml = project / "content/site.yaml"
    site_yaml.write_text(
        site_yaml.read_text(encoding="utf-8").replace(
            "name: Servicefinder Testdaten", "name: Sozialwegweiser Testhausen"
        ),
        encoding="utf-8",
    )
    result = run_cli(project, "build", "--no-cache")
    assert result.returncode == 0, result.stderr
    html = (project / "site/leistungen/index.html").read_text(encoding="utf-8")
    assert "– Sozialwegweiser Testhausen</title>" in html
    assert "Servicefinder Soziales" not in html
    home = (project / "site/index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Testdaten für die Tests von Servicefinder' in home


# --- contrast --------------------------------------------------------------------------------


def test_ratios_follow_wcag():
    assert ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert ratio("#767676", "#ffffff") == ratio("#ffffff", "#767676")
    assert shown(ratio("#767676", "#ffffff")) == "4.54:1"  # the well-known lightest AA grey
    assert shown(ratio("#777777", "#ffffff")) == "4.47:1"
    assert shown(4.4999) == "4.49:1"  # rounded down: a failing ratio never reads as 4.50


def test_default_and_example_colours_pass_every_pair():
    assert check("#0b4f8a", "#083a66") == []
    example = yaml.safe_load((EXAMPLE / "site-branding.yaml").read_text(encoding="utf-8"))
    assert check(**example["branding"]["colors"]) == []


def test_every_colour_of_the_theme_is_in_a_pair():
    colours = palette("#0b4f8a", "#083a66")
    used = {p.fg for p in PAIRS} | {p.bg for p in PAIRS}
    assert used == colours.keys()


def test_a_light_primary_fails_with_the_nearest_passing_shade():
    failures = check(LIGHT_BLUE, "#083a66")
    names = {f.pair.name for f in failures}
    assert "white text on primary: header, buttons, selected options" in names
    assert "focus ring (yellow halo) against the primary header" in names
    suggestion = failures[0].suggestion
    assert suggestion and all(f.suggestion == suggestion for f in failures)
    assert check(suggestion, "#083a66") == []
    # nearest: one step of lightness back towards the chosen colour fails again
    hue, light, sat = colorsys.rgb_to_hls(
        *(int(suggestion[i : i + 2], 16) / 255 for i in (1, 3, 5))
    )
    closer = colorsys.hls_to_rgb(hue, light + 0.004, sat)
    closer_hex = "#" + "".join(f"{round(c * 255):02x}" for c in closer)
    assert check(closer_hex, "#083a66") != []
    # the tightest pair only just passes
    colours = palette(suggestion, "#083a66")
    margins = [ratio(colours[p.fg], colours[p.bg]) / p.minimum for p in PAIRS]
    assert 1 <= min(margins) < 1.02


def test_white_as_primary_gets_a_grey_suggested():
    """White has no hue: the nearest passing shade is a grey dark enough for white text."""
    shade = nearest_passing({"primary": "#ffffff", "accent": "#083a66"}, "primary")
    assert shade and shade[1:3] == shade[3:5] == shade[5:7]
    assert check(shade, "#083a66") == [] and ratio("#ffffff", shade) >= 4.5


@pytest.mark.slow
def test_a_failing_colour_stops_the_build_at_its_line(tmp_path: Path):
    project = make_branded_project(
        tmp_path / "p", replace=f'primary: "#1e6b3a" => primary: "{LIGHT_BLUE}"'
    )
    (project / "site").mkdir()
    (project / "site/index.html").write_text("previous", encoding="utf-8")
    result = run_cli(project, "build")
    assert result.returncode == 1
    lines = (project / "content/site.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, x in enumerate(lines, 1) if LIGHT_BLUE in x)
    expected = (
        f"content/site.yaml:{line}:14: branding.colors.primary: white text on primary: "
        f"header, buttons, selected options: #ffffff on {LIGHT_BLUE} has a contrast of "
        '2.52:1, WCAG 2.2 AA needs at least 4.5:1; the nearest shade that passes is "#2b72b2"'
    )
    assert expected in result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert (project / "site/index.html").read_text(encoding="utf-8") == "previous"


@pytest.mark.slow
def test_a_failing_accent_is_named(tmp_path: Path):
    project = make_branded_project(tmp_path, replace='accent: "#134a27" => accent: "#4caf50"')
    result = run_cli(project, "validate")
    assert result.returncode == 1
    found = [x for x in result.stderr.splitlines() if "branding.colors.accent" in x]
    assert found and all("accent on" in x and "nearest shade" in x for x in found)
    assert re.search(r"has a contrast of 2\.\d\d:1", found[0])


# --- images ----------------------------------------------------------------------------------

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">\n{}\n</svg>'  # noqa: E501

REFUSED = {
    "script": ("<script>alert(1)</script>", "<script> is not allowed"),
    "namespaced script": (
        '<s:script xmlns:s="http://www.w3.org/2000/svg">x</s:script>',
        "<script> is not allowed",
    ),
    "event handler": ('<rect onload="x()" width="1" height="1"/>', "event handler attribute"),
    "foreignObject": ("<foreignObject><p>x</p></foreignObject>", "<foreignObject>"),
    "external image": ('<image href="https://example.org/a.png"/>', "external reference"),
    "xlink": ('<use xlink:href="other.svg#a"/>', "external reference 'other.svg#a'"),
    "data uri": ('<image href="data:image/png;base64,AAAA"/>', "external reference"),
    "url in style attribute": ('<rect style="fill:url(http://x.example/p)"/>', "url()"),
    "url in style element": ("<style>rect{fill:url(a.svg#p)}</style>", "url()"),
    "import": ("<style>@import 'a.css';</style>", "@import"),
    "animated link": ('<a href="#a"><set attributeName="href" to="x"/></a>', "may not change"),
    "javascript": ('<a href="#a"><rect fill="javascript:x"/></a>', "javascript:"),
    "stylesheet": ("", "processing instruction"),
    # escapes are decoded before the check (each of these passed the pattern match)
    "escaped url": (r"<style>rect{fill:u\72l(https://x.example/p)}</style>", "url()"),
    "escaped url in style attribute": (
        r'<rect style="fill:\75rl(https://x.example/p)"/>',
        "external reference 'https://x.example/p' in url() in style on <rect>",
    ),
    "escaped import": (r'<style>@\69mport "https://x.example/a.css";</style>', "@import"),
    "image-set": (
        '<style>rect{fill:image-set("https://x.example/a.png" 1x)}</style>',
        "image-set() in <style> loads an image",
    ),
    "image-set in attribute": (
        "<rect style='fill:image-set(\"https://x.example/a.png\" 1x)'/>",
        "image-set() in style on <rect>",
    ),
    "font-face": (
        "<style>@font-face{font-family:x}</style>",
        "the at-rule @font-face in <style> is not allowed",
    ),
    "url in media": (
        "<style>@media (min-width: 1px){rect{fill:url('https://x.example/p')}}</style>",
        "external reference 'https://x.example/p' in url() in <style>",
    ),
    "import in media": ("<style>@media print{@import 'a.css';}</style>", "@import"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_unsafe_svgs_are_refused_at_their_line(name: str):
    markup, message = REFUSED[name]
    svg = SVG.format(markup)
    if name == "stylesheet":
        svg = '<?xml-stylesheet href="a.css"?>\n' + svg.replace("\n\n", "\n")
    size, findings = check_svg(svg.encode())
    assert size is None
    assert any(message in f.message for f in findings), findings
    assert findings[0].line == (1 if name == "stylesheet" else 2)


def test_safe_svgs_pass_with_their_size():
    inner = (
        '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="4" height="4"/>'
        '<use href="#g"/><style>rect{fill:url(#g)} circle{fill:URL("#g")}\n'
        "@media (prefers-color-scheme: dark) { rect { fill: #fff } }</style>"
        '<rect style="fill:u\\72l(#g); stroke: red"/>'
    )
    size, findings = check_svg(SVG.format(inner).encode())
    assert findings == [] and (size.width, size.height) == (10, 10)
    example, findings = check_svg((EXAMPLE / "logo.svg").read_bytes())
    assert findings == [] and (example.width, example.height) == (40, 48)


def test_entities_and_doctypes_are_refused():
    bomb = b'<!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><svg>&b;</svg>'
    size, findings = check_svg(bomb)
    assert size is None and "DOCTYPE" in findings[0].message
    size, findings = check_svg(b"<svg xmlns='http://www.w3.org/2000/svg'><g></svg>")
    assert size is None and findings[0].message.startswith("not well-formed XML")
    size, findings = check_svg(b"<html xmlns='http://www.w3.org/1999/xhtml'/>")
    assert size is None and "expected an <svg> element" in findings[0].message


@pytest.mark.parametrize(
    ("logo", "line", "message"),
    [
        ("<script>fetch('/x')</script>", 2, "<script> is not allowed"),
        ('<image href="https://cdn.example/logo.png"/>', 2, "external reference"),
    ],
)
@pytest.mark.tool  # several whole builds: make test
def test_a_logo_with_a_script_or_external_reference_stops_the_build(
    tmp_path: Path, logo: str, line: int, message: str
):
    project = make_branded_project(tmp_path, svg=SVG.format(logo))
    result = run_cli(project, "build")
    assert result.returncode == 1
    assert re.search(
        rf"^content/branding/logo\.svg:{line}:1: branding\.logo\.file: .*{message}",
        result.stderr,
        re.M,
    ), result.stderr
    assert not (project / "site").exists()


@pytest.mark.slow
def test_image_problems_point_at_the_field(tmp_path: Path):
    project = make_branded_project(
        tmp_path, replace="svg: branding/favicon.svg => svg: branding/fehlt.svg"
    )
    (project / "content/branding/favicon-32.png").write_bytes(b"GIF89a not a png")
    result = run_cli(project, "validate")
    assert result.returncode == 1
    lines = (project / "content/site.yaml").read_text(encoding="utf-8").splitlines()
    svg_line = next(i for i, x in enumerate(lines, 1) if "fehlt.svg" in x)
    png_line = next(i for i, x in enumerate(lines, 1) if "favicon-32.png" in x)
    assert (
        f"content/site.yaml:{svg_line}:10: branding.favicon.svg: "
        "the file content/branding/fehlt.svg does not exist"
    ) in result.stderr
    assert f"content/site.yaml:{png_line}:10: branding.favicon.png: " in result.stderr
    assert "is not a PNG image" in result.stderr


@pytest.mark.slow
def test_paths_outside_the_content_folder_are_refused(tmp_path: Path):
    project = make_branded_project(
        tmp_path, replace="file: branding/logo.svg => file: ../mkdocs.yml.svg"
    )
    result = run_cli(project, "validate")
    assert result.returncode == 1
    assert "branding.logo.file: expected a path inside the content folder" in result.stderr


@pytest.mark.tool  # runs the command line as its own process
def test_the_example_branding_builds_with_its_files(tmp_path: Path):
    project = make_branded_project(tmp_path)
    result = run_cli(project, "build", "--strict", "--no-cache")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    (branding_css,) = site.glob("assets/branding.*.css")  # named by its content hash
    css = branding_css.read_text(encoding="utf-8")
    assert "--md-primary-fg-color:#1e6b3a;" in css and "--md-accent-fg-color:#134a27;" in css
    for name, copied in [("logo.svg", "logo.svg"), ("favicon-32.png", "favicon.png")]:
        assert (site / "assets/branding" / copied).read_bytes() == (EXAMPLE / name).read_bytes()
    html = (site / "leistungen/index.html").read_text(encoding="utf-8")
    assert (
        '<img class="sf-header__logo" src="../assets/branding/logo.svg" '
        'alt="Wappen des Landkreises Musterhausen (Beispiel)" width="40" height="48">'
    ) in html
    assert (
        '<link rel="icon" href="../assets/branding/favicon.png" type="image/png" sizes="32x32">'
        in html
    )
    assert '<li><a href="https://musterhausen.example/">Website des Landkreises' in html
    assert "– Servicefinder Musterhausen (Beispiel)</title>" in html
    assert html.index("assets/servicefinder.") < html.index(f"assets/{branding_css.name}")


def test_a_finding_in_a_stylesheet_names_its_own_line():
    svg = SVG.format(
        "<style>\nrect { fill: red }\ncircle { fill: u\\72l(https://x.example/p) }\n</style>"
    )
    size, findings = check_svg(svg.encode())
    assert size is None
    assert [(f.line, f.column) for f in findings] == [(4, 16)]
    assert "'https://x.example/p'" in findings[0].message
