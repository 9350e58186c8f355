"""A build that writes only what changed, into a staging folder swapped in when complete.

    previous site --hard links--> staging <-- changed services' pages (stream.py)
                                          <-- engine's pages and data, where they differ

1. The staging folder starts as hard links to the previous site's files (no bytes are
   copied; the live site is never written into: every file this build writes is a new
   file, :func:`generator.writer.stream.write_new`).
2. MkDocs builds everything but the service pages into a folder of its own (the lists,
   free pages, data files, theme assets: a few hundred files at any catalogue size) and
   hands over its theme (``mkdocs_adapter.build_frame``).
3. Services whose digest (``manifest.py``) is unchanged and whose files are all there
   are left alone; the others are rendered, wrapped and written by workers.
4. The theme's stylesheets are trimmed to what every page uses (the services' classes
   come from the workers and the manifest, not from reading pages) and named by their
   bytes; the pages were written linking the names the last build used (or, for a first
   build, those the first services' pages give), and are relinked only if that changed.
5. The engine's files go in where their bytes differ; files no page or data file is
   any longer made for are removed; the manifest is written after the swap.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from generator.infra.cache import digest
from generator.infra.precompress import MIN_BYTES, compressed, precompress
from generator.infra.workers import default_workers, run_parallel
from generator.pipeline import Bundle, Project
from generator.site.findability import write_sitemap
from generator.site.pages import RenderedPage
from generator.writer import mkdocs_adapter as engine
from generator.writer import swap
from generator.writer.manifest import Entries, Manifest, intact, manifest_path, stamp
from generator.writer.mkdocs_adapter.theme_pages import ThemePages
from generator.writer.stream import (
    PageRecord,
    ServiceOutput,
    write_new,
    write_pages,
    write_services,
)
from generator.writer.theme_css import _HREF, content_name, rename_by_content
from generator.writer.trim import page_classes, trim_site, trimmed_sheets, used_classes

#: services whose pages guess the trimmed stylesheets' names on a first build
PROBE = 4


@dataclass(frozen=True)
class RebuildStats:
    pages: int
    #: service pages written by this build; the others were left as they were
    written: int
    #: files of the previous site removed (services deleted, pages no longer made)
    removed: int


def rebuild(
    project: Project, bundle: Bundle, staging: Path, site_dir: Path, *, strict: bool
) -> tuple[RebuildStats, Manifest]:
    """Make the new site in ``staging`` (empty) from ``bundle`` and the previous
    ``site_dir``; returns what was done and the manifest to save once it is swapped in."""
    renderer = bundle.services
    assert renderer is not None  # BuildOptions(services_apart=True)
    path = manifest_path(project.cache_dir, site_dir)
    old = Manifest.load(path) if site_dir.is_dir() else None
    if old is not None:
        _link_tree(site_dir, staging)
    workers = default_workers()
    engine_dir = Path(tempfile.mkdtemp(prefix=swap.staging_prefix(site_dir), dir=site_dir.parent))
    try:
        _, theme, framed, later = engine.build_frame(project, bundle, engine_dir, strict=strict)
        # the pages MkDocs left out, as it would write them (build_frame says why)
        engine_pages: list[RenderedPage | PageRecord] = [
            *framed,
            *write_pages(theme, engine_dir, later, workers),
        ]
        del framed, later
        # the engine wrote the data files (search index, lookup data): none of them is held
        # while the workers that write the service pages fork from this process
        bundle.data_files.clear()
        scripts = sorted(engine_dir.glob("assets/*.js"))
        engine_used = used_classes(engine_dir, scripts)
        services = renderer.catalogue.services
        if old is not None and old.css:
            theme.css_names = dict(old.css)
        else:
            probe = [p for s in services[:PROBE] for p in renderer.pages_of(s)]
            theme.css_names = _sheet_names(engine_dir, engine_used, probe, theme)
        frame = theme.fingerprint()
        keys = {i: digest(k, frame) for i, k in renderer.service_keys().items()}
        kept: set[str] = set()
        todo: list[tuple[str, str]] = []
        for service_id in keys:  # the services' ids, in their order, none unpacked
            entry = old.services.get(service_id) if old else None
            if entry and entry["key"] == keys[service_id] and intact(staging, entry):
                kept.add(service_id)
                continue
            if entry:
                _remove(staging, entry["files"])
            todo.append((service_id, keys[service_id]))
        written = write_services(renderer, theme, staging, todo, workers)
        records = Records()
        for service_id in keys:  # in the order of todo, which is the workers' order
            if service_id in kept:
                records.add(service_id, _from_manifest(old, service_id))  # type: ignore[arg-type]
            else:
                output = next(written)
                assert output.id == service_id
                records.add(service_id, output, written=True)
        # run to its end, which stops the workers: a generator left open keeps them alive
        left = next(written, None)
        assert left is None
        trim_site(engine_dir, scripts, records.used_classes())
        renames = rename_by_content(engine_dir)
        stale = {theme.css_names.get(k, k): v for k, v in renames.items()}
        stale = {k: v for k, v in stale.items() if k != v}
        if stale:
            _relink(staging, [f for f in records.files() if f.endswith(".html")], stale)
        source = renderer.catalogue.site.language
        pages = chain(engine_pages, records.pages())
        write_sitemap(engine_dir, pages, theme.config.site_url, source)
        engine.finish_frame(theme, engine_dir)
        precompress(engine_dir, bundle.cache, workers)
        engine_files = _merge(engine_dir, staging)
    finally:
        shutil.rmtree(engine_dir, ignore_errors=True)
    # a first build fills an empty folder with wanted files only: nothing to look for
    # (at 10,000 services walking its 350,000 files took 9 s)
    removed = (
        _prune(staging, lambda name: name in engine_files or name in records.wanted)
        if old is not None
        else 0
    )
    manifest = records.manifest(renames, staging)
    stats = RebuildStats(len(engine_pages) + records.count, records.written, removed)
    return stats, manifest


class Records:
    """What the build keeps of every service's written pages, from the first service
    written to the manifest: the manifest's entries without their files' stamps, in a
    temporary file (:class:`~generator.writer.manifest.Entries`), and in memory only the
    few distinct sets of classes, counts, and a number for each file the site is to
    keep (:class:`Wanted`). At 10,000 services in five languages the records held as
    objects grew the build by 90 MB, and the workers forked after them by as much."""

    def __init__(self) -> None:
        self.entries = Entries()
        self.sets: dict[frozenset[str], int] = {}
        self.wanted = Wanted()
        #: pages of all services, and of those written by this build
        self.count = self.written = 0

    def add(self, service_id: str, output: ServiceOutput, *, written: bool = False) -> None:
        """Keep ``output``'s record under ``service_id``: the build's own string of the
        id, not the copy that came with the record (see ``manifest.Entries``)."""
        entry = {
            "key": output.key,
            "files": list(output.files),
            "pages": [p.to_json() for p in output.pages],
            "classes": self.sets.setdefault(output.classes, len(self.sets)),
        }
        self.entries.add(service_id, entry)
        self.wanted.update(output.files)
        self.count += len(output.pages)
        self.written += len(output.pages) if written else 0

    def used_classes(self) -> frozenset[str]:
        return frozenset().union(*self.sets)

    def files(self) -> Iterator[str]:
        for _, entry in self.entries.each():
            yield from entry["files"]

    def pages(self) -> Iterator[PageRecord]:
        for _, entry in self.entries.each():
            yield from map(PageRecord.from_json, entry["pages"])

    def manifest(self, css: dict[str, str], site: Path) -> Manifest:
        """The manifest of the site in ``site``, with each file's size and modification
        time as it is now: a file changed in the site after the build is made again."""
        services = Entries()
        for service_id, entry in self.entries.each():
            entry["stamps"] = [stamp(site / name) for name in entry["files"]]
            services.add(service_id, entry)
        class_sets = [sorted(s) for s, _ in sorted(self.sets.items(), key=lambda item: item[1])]
        return Manifest("", dict(css), services, class_sets)


class Wanted:
    """Site paths, kept as one machine word each (their hashes, sorted once complete):
    the files the site is to keep, asked for each file of the site when the rest is
    removed. At 10,000 services they are 300,000 paths: 2.4 MB so, 30 MB as a set of
    strings. Two paths of the same hash would keep a file that is no longer made; none
    is removed that should stay."""

    def __init__(self) -> None:
        self._hashes = array("q")
        self._sorted = True

    def update(self, names: Iterable[str]) -> None:
        self._hashes.extend(hash(name) for name in names)
        self._sorted = False

    def __contains__(self, name: object) -> bool:
        if not self._sorted:
            self._hashes = array("q", sorted(self._hashes))
            self._sorted = True
        value = hash(name)
        at = bisect_left(self._hashes, value)
        return at < len(self._hashes) and self._hashes[at] == value


def _sheet_names(
    engine_dir: Path, engine_used: set[str], probe: list, theme: ThemePages
) -> dict[str, str]:
    """The names the trimmed stylesheets get if the services' pages use what the first
    few do: a first build's guess, checked when every page is written."""
    used = set(engine_used)
    for page in probe:
        used |= page_classes(theme.html(page))
    return {
        path.name: content_name(path, text.encode("utf-8"))
        for path, text in trimmed_sheets(engine_dir, used).items()
    }


def _from_manifest(old: Manifest, service_id: str) -> ServiceOutput:
    entry = old.services[service_id]
    return ServiceOutput(
        service_id,
        entry["key"],
        tuple(entry["files"]),
        tuple(PageRecord.from_json(p) for p in entry["pages"]),
        frozenset(old.class_sets[entry["classes"]]),
    )


def _link_tree(source: Path, target: Path) -> None:
    """``target`` holds hard links to every file below ``source`` (no bytes copied)."""
    for base, _dirs, names in os.walk(source):
        rel = os.path.relpath(base, source)
        folder = target if rel == "." else target / rel
        folder.mkdir(exist_ok=True)
        for name in names:
            os.link(os.path.join(base, name), folder / name)


def _remove(site: Path, files: list[str]) -> None:
    for name in files:
        (site / name).unlink(missing_ok=True)


def _merge(engine_dir: Path, staging: Path) -> Wanted:
    """Move the engine's files into ``staging`` where they differ; their paths.

    The engine's files grow with the catalogue (the search index's shards: 40,000 files
    with their compressed copies at 10,000 services): they are gone through as strings,
    one folder at a time, and kept as :class:`Wanted` hashes."""
    names = Wanted()
    top = str(engine_dir)
    for base, folders, files in os.walk(top):
        folders.sort()
        folder = base[len(top) + 1 :].replace(os.sep, "/")
        prefix = folder + "/" if folder else ""
        for file in sorted(files):
            name = prefix + file
            names.update([name])
            source, target = os.path.join(base, file), staging / name
            if _same_bytes(target, Path(source)):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)  # a new directory entry: a hard-linked old file stays
    return names


def _same_bytes(a: Path, b: Path) -> bool:
    return a.is_file() and a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()


def _prune(staging: Path, wanted: Callable[[str], bool]) -> int:
    """Remove every file of ``staging`` not ``wanted``, and folders left empty."""
    removed = 0
    top = str(staging)
    for base, _dirs, names in os.walk(top, topdown=False):
        # the site path by string slicing: a Path for each of 350,000 files took seconds
        folder = base[len(top) + 1 :].replace(os.sep, "/")
        prefix = folder + "/" if folder else ""
        for name in names:
            if not wanted(prefix + name):
                os.unlink(os.path.join(base, name))
                removed += 1
        if base != top and not os.listdir(base):
            os.rmdir(base)
    return removed


def _relink(staging: Path, pages: list[str], names: dict[str, str]) -> None:
    """Point ``pages`` at the trimmed stylesheets' final names (and compress them anew)."""
    chunks = [(staging, pages[k : k + 64], names) for k in range(0, len(pages), 64)]
    run_parallel(_relink_chunk, chunks, default_workers(), what="relinking pages")


def _relink_chunk(chunk: tuple[Path, list[str], dict[str, str]]) -> None:
    staging, pages, names = chunk
    for name in pages:
        path = staging / name
        html = path.read_text(encoding="utf-8")

        def replace(match: object) -> str:
            m = match  # type: ignore[assignment]
            new = names.get(m["name"], m["name"])  # type: ignore[index]
            return f'href="{m["prefix"]}assets/stylesheets/{new}"'  # type: ignore[index]

        data = _HREF.sub(replace, html).encode("utf-8")
        write_new(path, data)
        if len(data) >= MIN_BYTES:
            gz, br = compressed(path, data)
            write_new(path.with_name(path.name + ".gz"), gz)
            write_new(path.with_name(path.name + ".br"), br)
