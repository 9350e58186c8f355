"""The build cache reuses unchanged pages and never serves a stale one.

Each edit below is one an editor or a developer makes; after it, the rebuild that used the
cache must be byte-identical to a build that made every page afresh (no cache), and the
pages it reused must be exactly the pages whose bytes did not change. The builds run in
this process, on the small test project.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.infra.cache import BuildCache
from generator.infra.errors import ContentError
from generator.pipeline import BuildOptions, Project, check_content
from tests.helpers import TODAY, BuildResult, build_counted, tree_digest
from tests.project_fixture import MONEY, WELFARE_OFFICE, small_project

#: builds a whole site once for the module: make test only, not make check
pytestmark = pytest.mark.slow

SERVICE = f"content/services/{MONEY}.yaml"
PAGE = f"leistungen/{MONEY}/index.html"


def build(project: Path, **options) -> tuple[int, int]:
    """Build; returns how many results the build cache gave and how many were made."""
    result = build_counted(project, strict=True, **options)
    return result.reused, result.made


def pages(site: Path) -> dict[str, str]:
    return {k: v for k, v in tree_digest(site).items() if k.endswith("index.html")}


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_service_body(p: Path) -> str:
    replace_in(p / SERVICE, "  Testgeld ist", "  Geänderter Einleitungssatz. Testgeld ist")
    return "Geänderter Einleitungssatz."


def edit_authority(p: Path) -> str:
    path = p / f"content/authorities/{WELFARE_OFFICE}.yaml"
    replace_in(path, "name: Landkreis Testland", "name: Landkreis Testland-Neu")
    return "Landkreis Testland-Neu"


def edit_template(p: Path) -> str:
    path = p / "templates/service.html"
    replace_in(path, "{% block content %}", "{% block content %}<p>Vorlage neu</p>")
    return "Vorlage neu"


def edit_theme(p: Path) -> str:
    path = p / "site_overrides/partials/footer.html"
    replace_in(path, "</footer>", "<p>Fuß neu</p></footer>")
    return "Fuß neu"


@pytest.mark.tool  # several whole builds: make test
def test_unchanged_results_come_from_the_cache_and_edits_are_never_stale(tmp_path: Path):
    project = small_project(tmp_path / "project")
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
        fresh = tmp_path / f"fresh-{edit.__name__}"
        build(project, use_cache=False, site_dir=fresh)
        assert tree_digest(project / "site") == tree_digest(fresh), edit.__name__


@dataclass(frozen=True)
class BodyEdit:
    """A build, an edit of one service's description, and the rebuild with the cache."""

    project: Path
    first: BuildResult
    before: dict[str, str]
    cached_before: int
    again: BuildResult
    after: dict[str, str]
    cached_after: int


def render_entries(project: Path) -> int:
    return len(list((project / ".cache/servicefinder/render").glob("*/*")))


@pytest.fixture(scope="module")
def body_edit(tmp_path_factory) -> BodyEdit:
    """Shared by the tests below, which only read it."""
    project = small_project(tmp_path_factory.mktemp("body-edit"))
    first = build_counted(project, stream=False)
    before, cached_before = tree_digest(project / "site"), render_entries(project)
    edit_service_body(project)
    again = build_counted(project, stream=False)
    return BodyEdit(
        project,
        first,
        before,
        cached_before,
        again,
        tree_digest(project / "site"),
        render_entries(project),
    )


def test_a_body_edit_remakes_only_what_shows_it(body_edit: BodyEdit):
    before, after = body_edit.before, body_edit.after
    changed = sorted(
        k
        for k in before.keys() | after.keys()
        if before.get(k) != after.get(k) and not k.endswith((".gz", ".br"))
    )
    # the service page itself, the German search page and its index file (a new name,
    # which the host's header file lists), and the data exports that carry the text; the
    # easy-language and English pages of the same service are unchanged
    assert [k for k in changed if not k.startswith("assets/search/")] == [
        "_headers",
        "data/hsds/services.json",
        "data/servicefinder.json",
        PAGE,
        "suche/index.html",
    ]
    assert any(k.startswith("assets/search/") for k in changed)
    # made: the pages of this service (the service that lists it as related shows only its
    # title, which did not change), the German search data, and the compressed copies
    # (.gz and .br in one entry) of the six changed files big enough to compress (not
    # _headers; the sharded search index adds one); everything else came from the cache
    made = body_edit.again.made
    assert made == 1 + 1 + 6, made
    assert body_edit.again.reused == body_edit.first.made - made


def test_the_cache_keeps_only_what_the_last_build_used(body_edit: BodyEdit):
    assert body_edit.cached_before > 0
    # two entries were made again; the ones they replace are gone
    assert body_edit.cached_after == body_edit.cached_before


def test_precompressed_copies_follow_an_edit(body_edit: BodyEdit):
    import gzip

    import brotli

    page = body_edit.project / "site" / PAGE
    assert b"Einleitungssatz" in page.read_bytes()
    assert gzip.decompress(page.with_name("index.html.gz").read_bytes()) == page.read_bytes()
    assert brotli.decompress(page.with_name("index.html.br").read_bytes()) == page.read_bytes()


def check(project: Path) -> tuple[list[str], int]:
    """Check the content with the project's cache: every problem reported, and how many
    parsed files came from the cache."""
    where = Project.at(project)
    cache = BuildCache(where.cache_dir)
    try:
        _, problems = check_content(where, TODAY, BuildOptions(strict=True), cache)
    except ContentError as exc:
        problems = exc.problems
    return [p.format() for p in problems], cache.hits


def test_parsed_files_are_reused_with_their_positions_and_never_stale(tmp_path: Path):
    project = small_project(tmp_path / "project")
    first, hits = check(project)
    assert hits == 0 and first  # the fixture's freshness notice, at its line
    assert list((project / ".cache/servicefinder/parsed").glob("*/*"))
    again, hits = check(project)  # from the cache: the same report, line for line
    assert again == first and hits > 0

    path = project / SERVICE
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("as_of: ", "as_of: kaputt-", 1), encoding="utf-8")
    broken, _ = check(project)
    assert any(line.startswith(f"{SERVICE}:6:8: as_of: expected a date") for line in broken)
    path.write_text(good, encoding="utf-8")  # back to bytes parsed before
    fixed, _ = check(project)
    assert fixed == first


def test_the_in_process_build_reports_content_errors(tmp_path: Path):
    """The helper the build tests rely on fails on bad content instead of building."""
    project = small_project(tmp_path, {SERVICE: "id: [\n"})
    with pytest.raises(ContentError):
        build(project)
    assert not (project / "site").exists()


def test_services_rendered_in_worker_processes_are_reused_by_the_next_build(tmp_path: Path):
    from generator.pipeline import build_bundle
    from generator.site.render import PARALLEL_FROM
    from tests.helpers import service_yaml

    project = small_project(tmp_path)
    for i in range(PARALLEL_FROM):  # enough services to render them in two processes
        path = project / f"content/services/extra-{i:02d}.yaml"
        path.write_text(service_yaml(f"extra-{i:02d}"), encoding="utf-8")
    where = Project.at(project)

    def pages_made() -> int:
        """Build the pages as a build does, prune the cache after it; what it made."""
        cache = BuildCache(where.cache_dir)
        bundle = build_bundle(where, TODAY, BuildOptions(workers=2), cache=cache)
        assert len(list(bundle.pages)) > PARALLEL_FROM
        cache.prune(["render"])
        return cache.misses

    assert pages_made() > 0
    assert pages_made() == 0, "the workers' pages were dropped from the cache after the build"


@pytest.mark.tool  # starts worker processes
def test_services_render_while_the_search_index_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The worker processes are at work before the search index starts, and the pages
    they make are the pages one process makes."""
    import multiprocessing

    from generator import pipeline
    from generator.pipeline import build_bundle
    from generator.site.render import PARALLEL_FROM
    from tests.helpers import service_yaml

    project = small_project(tmp_path)
    for i in range(PARALLEL_FROM):
        path = project / f"content/services/extra-{i:02d}.yaml"
        path.write_text(service_yaml(f"extra-{i:02d}"), encoding="utf-8")
    where = Project.at(project, use_cache=False)
    workers_during_search: list[int] = []

    def search_files(*args, **kwargs):
        workers_during_search.append(len(multiprocessing.active_children()))
        return make_search_files(*args, **kwargs)

    make_search_files = pipeline.search_files
    monkeypatch.setattr(pipeline, "search_files", search_files)

    def pages(workers: int) -> list[tuple[str, str]]:
        bundle = build_bundle(where, TODAY, BuildOptions(workers=workers))
        return [(page.url, page.html) for page in bundle.pages]

    alone = pages(1)
    assert workers_during_search == [0]
    assert pages(2) == alone
    assert workers_during_search[1] == 2
    assert multiprocessing.active_children() == []
