"""A rebuild writes only the files whose inputs changed, and removes what is no longer made.

"Written" is told by the file system: a rebuild starts from hard links to the previous
site, so a file it did not write keeps its inode; a written file is a new one.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.writer import rebuild, stream
from generator.writer.stream import write_pages
from tests.helpers import EPOCH, build_counted, run_cli, tree_digest
from tests.project_fixture import ASSISTANCE, MONEY, small_project

#: builds whole sites: make test only
pytestmark = pytest.mark.slow


def inodes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*") if p.is_file()}


def written(before: dict[str, int], after: dict[str, int]) -> set[str]:
    """Files that are new or were written anew between the two listings."""
    return {name for name, ino in after.items() if before.get(name) != ino}


def service_files(site: Path, service_id: str) -> set[str]:
    """Every file of the pages of ``service_id``, in every language and variant."""
    return {
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and f"/{service_id}/" in "/" + p.relative_to(site).as_posix()
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return small_project(tmp_path / "project")


def test_a_second_build_writes_no_file(project: Path):
    site = build_counted(project).site
    before = inodes(site)
    assert any(f"/{MONEY}/" in name for name in before)
    build_counted(project)  # in process: past the command line's early "nothing changed"
    assert written(before, inodes(site)) == set()


def test_the_command_line_stops_early_when_nothing_changed(project: Path):
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    assert run_cli(project, "build", env=env).returncode == 0
    before = inodes(project / "site")
    again = run_cli(project, "build", env=env)
    assert again.returncode == 0, again.stderr
    assert "nothing changed" in again.stdout
    assert written(before, inodes(project / "site")) == set()
    # a file only touched (a checkout) is no change; a changed byte is
    path = project / "content/services" / f"{MONEY}.yaml"
    os.utime(path)
    assert "nothing changed" in run_cli(project, "build", env=env).stdout
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert "nothing changed" not in run_cli(project, "build", env=env).stdout


def test_a_deleted_page_file_is_made_again(project: Path):
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    assert run_cli(project, "build", env=env).returncode == 0
    page = project / "site/leistungen" / MONEY / "index.html"
    page.unlink()
    again = run_cli(project, "build", env=env)
    assert "nothing changed" not in again.stdout
    assert page.is_file()


def test_a_page_changed_in_the_site_is_made_again(project: Path):
    site = build_counted(project).site
    page = site / "leistungen" / MONEY / "index.html"
    built = page.read_bytes()
    page.write_bytes(built.replace(b"Testgeld", b"Falschgeld"))
    build_counted(project)
    assert page.read_bytes() == built


def test_one_edited_service_writes_only_its_pages(project: Path):
    site = build_counted(project).site
    before = inodes(site)
    path = project / "content/services" / f"{MONEY}.yaml"
    text = path.read_text(encoding="utf-8")
    edited = text.replace("Testgeld ist eine erfundene Leistung.", "Testgeld ist neu erfunden.")
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    build_counted(project)
    changed = written(before, inodes(site))
    pages = {name for name in changed if name.endswith(".html")}
    own = {name for name in service_files(site, MONEY) if name.endswith(".html")}
    # the edited text shows on its pages, and the search pages link the new search index
    assert own and own <= pages
    others = pages - own
    assert all("suche/" in name or "search/" in name for name in others), sorted(others)
    assert not changed & service_files(site, ASSISTANCE)
    # what else was written holds the new text (the open-data exports) or its words (the
    # search index: stems), names a file that does (the server files list the hashed
    # files), or is a compressed copy of such a file
    names = {Path(name).name.encode() for name in changed}
    for name in changed - pages:
        if name.endswith((".gz", ".br")):
            assert name.rsplit(".", 1)[0] in changed
            continue
        data = (site / name).read_bytes()
        words = b"neu erfunden" in data or name.startswith("assets/search/")
        assert words or any(n in data for n in names), name


def test_a_deleted_service_leaves_no_file(project: Path):
    site = build_counted(project).site
    assert service_files(site, ASSISTANCE)
    for path in (project / "content/services").glob(f"{ASSISTANCE}*.yaml"):
        path.unlink()
    money = project / "content/services" / f"{MONEY}.yaml"
    text = money.read_text(encoding="utf-8")
    money.write_text(text.replace(f"related: [{ASSISTANCE}]\n", ""), encoding="utf-8")
    build_counted(project)
    assert service_files(site, ASSISTANCE) == set()
    assert service_files(site, MONEY)


def test_streamed_pages_equal_the_engine_s_own(project: Path, tmp_path: Path, monkeypatch):
    """The pages written outside MkDocs (the services', and the other pages outside the
    navigation) are byte for byte what MkDocs writes."""
    outside: list[str] = []

    def spied(theme, site, pages, workers):
        outside.extend(p.src_uri for p in pages)
        return write_pages(theme, site, pages, workers)

    monkeypatch.setattr(rebuild, "write_pages", spied)
    streamed = build_counted(project, site_dir=tmp_path / "streamed", use_cache=False).site
    # the lists' own pages and the English search page; the navigation's pages stay
    assert {"themen/behinderung/index.md", "en/search/index.md"} <= set(outside)
    assert "index.md" not in outside and "suche/index.md" not in outside
    from generator.commands.build import build_site
    from generator.pipeline import BuildOptions, Project, build_bundle, check_content
    from tests.helpers import TODAY, _source_date_epoch

    where = Project.at(project, use_cache=False)
    options = BuildOptions(strict=True)  # every page through MkDocs
    catalogue, _ = check_content(where, TODAY, options)
    bundle = build_bundle(where, TODAY, options, catalogue=catalogue)
    assert bundle.services is None
    with _source_date_epoch():
        build_site(where, bundle, tmp_path / "engine", strict=True)
    assert tree_digest(streamed) == tree_digest(tmp_path / "engine")


def test_pages_written_by_worker_processes(project: Path, tmp_path: Path, monkeypatch):
    """Past a few services the pages are written by forked workers: the same site."""
    alone = build_counted(project, site_dir=tmp_path / "alone", use_cache=False).site
    monkeypatch.setattr(stream, "PARALLEL_FROM", 1)
    together = build_counted(project, site_dir=tmp_path / "together", use_cache=False).site
    assert tree_digest(alone) == tree_digest(together)


def test_a_removed_site_is_built_whole(project: Path):
    site = build_counted(project).site
    expected = tree_digest(site)
    shutil.rmtree(site)
    build_counted(project)
    assert tree_digest(site) == expected


def test_page_records_from_the_workers_share_their_equal_parts():
    """What the build keeps of every page: equal class sets, language codes and names
    are one object each, and a service's pages share their language versions."""
    from generator.site.pages import Alternate
    from generator.writer.stream import PageRecord, ServiceOutput, _Shared

    def output(service_id: str) -> ServiceOutput:
        versions = tuple(
            Alternate("de" + "", f"/{lang}/{service_id}/", "Deutsch" + "", True)
            for lang in ("de", "en")
        )
        pages = tuple(PageRecord(f"/{lang}/{service_id}/", lang, True, versions) for lang in "ab")
        classes = frozenset(["md-typeset", "sf-" + "card"])
        return ServiceOutput(service_id, "key", ("a.html",), pages, classes)

    shared = _Shared()
    first, second = output("one"), output("two")
    kept = [shared.output(first), shared.output(second)]
    assert kept == [first, second]  # equal values
    assert kept[0].classes is kept[1].classes
    assert kept[0].pages[0].alternates is kept[0].pages[1].alternates
    assert kept[0].pages[0].alternates[0].label is kept[1].pages[0].alternates[0].label


@pytest.mark.parametrize("most", [0, 1_000_000])
def test_writing_pages_keeps_mkdocs_address_cache_small(project: Path, monkeypatch, most: int):
    """MkDocs caches the parts of every address it makes relative, one entry for every
    page: the pages written outside its build empty that cache once it passes the bound
    (here none at all: emptied after every page)."""
    import mkdocs.utils

    from generator.writer.mkdocs_adapter import theme_pages

    monkeypatch.setattr(theme_pages, "URL_CACHE_MOST", most)
    mkdocs.utils._norm_parts.cache_clear()
    site = build_counted(project, use_cache=False).site
    held = mkdocs.utils._norm_parts.cache_info().currsize
    if most == 0:
        assert held == 0
    else:  # the same build without the bound: an entry for every service page at least
        assert held >= len(list((site / "leistungen").rglob("index.html"))) > 0


def test_streamed_data_files_are_written_beside_mkdocs(project: Path, tmp_path: Path, monkeypatch):
    """The search index of a large site comes from worker processes as streamed files:
    the frame writes them itself, none as a MkDocs file (a kilobyte each, kept to the end
    of MkDocs' build), and the site is the same as when MkDocs writes them."""
    from generator import pipeline
    from generator.site import search_index
    from generator.writer.mkdocs_adapter import ServicefinderPlugin

    through_mkdocs = build_counted(project, site_dir=tmp_path / "mkdocs", use_cache=False).site
    monkeypatch.setattr(search_index, "PARALLEL_FROM", 0)
    made = pipeline.search_files
    monkeypatch.setattr(pipeline, "search_files", lambda *a, **k: made(*a, **{**k, "workers": 2}))
    files: list[str] = []
    data_file = ServicefinderPlugin._data_file

    def spied(self, config, path, content):
        files.append(path)
        return data_file(self, config, path, content)

    monkeypatch.setattr(ServicefinderPlugin, "_data_file", spied)
    apart = build_counted(project, site_dir=tmp_path / "apart", use_cache=False).site
    assert files and not [
        f for f in files if f.startswith("assets/search/") and f.endswith(".json")
    ]
    assert list((apart / "assets/search").glob("t-de.*.json"))
    assert tree_digest(apart) == tree_digest(through_mkdocs)


def test_a_streamed_data_file_may_not_be_shadowed_either():
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    from generator.writer.mkdocs_adapter.published import refuse_shadowed

    own = [SimpleNamespace(src_uri="x.json", dest_uri="assets/search/x.json", generated_by=None)]
    refuse_shadowed(own, [], ["assets/search/y.json"])  # no clash
    with pytest.raises(PluginError, match=r"x\.json: is written where a page the build makes is"):
        refuse_shadowed(own, [], ["assets/search/x.json"])
