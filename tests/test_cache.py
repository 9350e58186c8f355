"""The build cache reuses unchanged pages and never serves a stale one.

Each edit below is one an editor or a developer makes; after it, the rebuild that used the
cache must be byte-identical to a build that made every page afresh (``--no-cache``), and
the pages it reused must be exactly the pages whose bytes did not change.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers import make_project, run_cli, tree_digest

SERVICE = "content/services/eingliederungshilfe.yaml"
PAGE = "leistungen/eingliederungshilfe/index.html"


def build(project: Path, *args: str) -> tuple[int, int]:
    """Build; returns how many results the build cache gave and how many were made."""
    result = run_cli(project, "build", "--strict", *args)
    assert result.returncode == 0, result.stderr
    found = re.search(r"build cache: (\d+) results reused, (\d+) made", result.stdout)
    assert found, result.stdout
    return int(found[1]), int(found[2])


def pages(site: Path) -> dict[str, str]:
    return {k: v for k, v in tree_digest(site).items() if k.endswith("index.html")}


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_service_body(p: Path) -> str:
    replace_in(
        p / SERVICE,
        "  Eingliederungshilfe ist",
        "  Geänderter Einleitungssatz. Eingliederungshilfe ist",
    )
    return "Geänderter Einleitungssatz."


def edit_authority(p: Path) -> str:
    path = p / "content/authorities/landkreis-northeim-eingliederungshilfe.yaml"
    replace_in(path, "name: Landkreis Northeim", "name: Landkreis Nordheim-Neu")
    return "Landkreis Nordheim-Neu"


def edit_template(p: Path) -> str:
    path = p / "templates/service.html"
    replace_in(path, "{% block content %}", "{% block content %}<p>Vorlage neu</p>")
    return "Vorlage neu"


def edit_theme(p: Path) -> str:
    path = p / "site_overrides/partials/footer.html"
    replace_in(path, "</footer>", "<p>Fuß neu</p></footer>")
    return "Fuß neu"


def test_unchanged_results_come_from_the_cache_and_edits_are_never_stale(tmp_path: Path):
    project = make_project(tmp_path / "project")
    reused, made = build(project)
    assert reused == 0 and made > 0  # a first build has nothing to reuse
    first = tree_digest(project / "site")
    reused, made = build(project)
    assert made == 0 and reused > 0  # nothing changed: everything reused
    assert tree_digest(project / "site") == first
    # the site is plain files: hosts and editors may copy or edit it without touching the
    # cache, and a web server running as another user can read every one
    site_files = [p for p in (project / "site").rglob("*") if p.is_file()]
    assert [p for p in site_files if p.stat().st_nlink > 1] == []
    assert [p for p in site_files if not p.stat().st_mode & 0o004] == []

    for edit in (edit_service_body, edit_authority, edit_template, edit_theme):
        needle = edit(project)
        build(project)
        assert needle in (project / "site" / PAGE).read_text(encoding="utf-8"), edit.__name__
        build(project, "--no-cache", "-d", str(tmp_path / f"fresh-{edit.__name__}"))
        fresh = tree_digest(tmp_path / f"fresh-{edit.__name__}")
        assert tree_digest(project / "site") == fresh, edit.__name__


def test_a_body_edit_remakes_only_what_shows_it(tmp_path: Path):
    project = make_project(tmp_path / "project")
    build(project)
    before = tree_digest(project / "site")
    edit_service_body(project)
    reused, made = build(project)
    after = tree_digest(project / "site")
    changed = sorted(k for k in after if before.get(k) != after[k])
    changed_pages = [k for k in changed if k.endswith("index.html")]
    # the service page itself and the German search page (its index file has a new name);
    # the easy-language and English pages of the same service are unchanged
    assert changed_pages == [PAGE, "suche/index.html"]
    compressed = [k for k in changed if f"{k}.gz" in after]
    # made: that service's pages, the German index, and both compressed copies of every
    # changed file (pages, search files, open-data exports); nothing else
    assert made == 1 + 1 + 2 * len(compressed), (made, compressed)
    assert reused > 5 * made


def test_the_cache_keeps_only_what_the_last_build_used(tmp_path: Path):
    project = make_project(tmp_path / "project")
    build(project)
    cache = project / ".cache/servicefinder/render"
    count = len(list(cache.glob("*/*")))
    edit_service_body(project)
    build(project)
    assert len(list(cache.glob("*/*"))) == count  # the old service's entry is gone


def test_precompressed_copies_follow_an_edit(tmp_path: Path):
    import gzip

    import brotli

    project = make_project(tmp_path / "project")
    build(project)
    edit_service_body(project)
    build(project)
    page = project / "site" / PAGE
    assert gzip.decompress(page.with_name("index.html.gz").read_bytes()) == page.read_bytes()
    assert brotli.decompress(page.with_name("index.html.br").read_bytes()) == page.read_bytes()


def test_parsed_files_are_reused_with_their_positions_and_never_stale(tmp_path: Path):
    project = make_project(tmp_path / "project")
    first = run_cli(project, "validate")
    assert first.returncode == 0
    assert list((project / ".cache/servicefinder/parsed").glob("*/*"))
    again = run_cli(project, "validate")  # from the cache: the same report, line for line
    assert (again.returncode, again.stdout, again.stderr) == (0, first.stdout, first.stderr)

    path = project / SERVICE
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("as_of: ", "as_of: kaputt-", 1), encoding="utf-8")
    broken = run_cli(project, "validate")
    assert broken.returncode == 1 and "eingliederungshilfe.yaml:" in broken.stderr
    path.write_text(good, encoding="utf-8")  # back to bytes parsed before
    fixed = run_cli(project, "validate")
    assert (fixed.returncode, fixed.stdout, fixed.stderr) == (0, first.stdout, first.stderr)
