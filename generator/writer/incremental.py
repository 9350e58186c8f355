"""The live preview's rebuilds: after a save, make and hand over only what changed.

A full build at 1,000 services takes tens of seconds: every file is read and validated,
every page rendered, and the engine writes every page into its theme. The preview instead
keeps one :class:`PreviewSession` for as long as ``servicefinder serve`` runs and, after
each save, makes one of three kinds of build:

*quick*
    Only service files (or their translations) changed. The content is checked in full
    (cross-file checks must stay right in the banner), but files and easy-language texts
    whose bytes are unchanged come from memory (``generator.infra.memo``). Only the
    pages of the saved services, and of the services that show their titles as related
    services, are rendered again. The pages that list every service (A–Z, topics, the
    lists of each language, offices, authorities, dashboard) and the data files (search
    index, exports) are now stale: a lists build is due (:attr:`pending`).
*lists*
    The pages and data files that a quick build left stale, made while the editor
    pauses, in a second process (``generator.writer.lists_worker``); every service page
    stays as it is. A save while they are being made stops them: they would be stale
    already, and the save is not kept waiting; they are made again at the next pause.
*complete*
    Everything else (the first build, a change of site.yaml, an authority, the
    templates, places or rates, a file added or removed): the whole bundle is made, as
    ``servicefinder build`` makes it.

Each time the engine is handed only what differs from what it wrote before in this
session (:meth:`PreviewSession.rebuild` compares digests of each page and data file, and
the banner shown in it); the engine builds "dirty" (MkDocs' ``serve --dirty``), so the rest
of the served folder stays as it was. The lists are handed to the engine once they are
made (``generator.writer.mkdocs_adapter``), so a save never waits for them.

A broken save keeps the last good pages: the pages of the broken files' services and the
home page are handed again with the banner that says what is wrong.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path

import jinja2
import jinja2.bccache

from generator.content import routes
from generator.content.model import Catalogue
from generator.infra.cache import BuildCache, digest
from generator.infra.errors import ContentError, Problem
from generator.infra.memo import ContentMemo
from generator.pipeline import (
    BuildOptions,
    Bundle,
    Project,
    build_bundle,
    check_content,
    site_data_files,
)
from generator.site.pages import RenderedPage, source_uri
from generator.site.render import Renderer
from generator.writer import preview
from generator.writer.lists_worker import Lists, ListsWorker, make_lists

#: the folder of service files; a change anywhere else in content/ needs a complete build
SERVICES = "services"


@dataclass
class Handover:
    """What one preview build gives the engine to write."""

    #: src_uri -> page, only those that differ from what the engine wrote before
    pages: dict[str, RenderedPage]
    #: site path -> content, only those that differ
    data_files: dict[str, str | bytes]
    #: what the banner shows (errors, warnings; notices are folded away)
    problems: list[Problem]
    #: the banner above the handed pages ("" when nothing is to do)
    banner: str
    #: the bundle of a complete build (site settings, branding); None for the others
    bundle: Bundle | None = None
    #: site paths of pages and data files that no longer exist: to delete from the
    #: served folder, which a dirty build does not clean
    removed: list[str] = field(default_factory=list)
    kind: str = "complete"


class PreviewSession:
    """The preview's memory between two saves: the content memo, the last good catalogue
    and bundle, every page, and what the engine was handed."""

    def __init__(self, project: Project, *, beside: bool = False) -> None:
        self.project = project
        #: with ``beside``, the lists are made in a second process (:meth:`make_lists`),
        #: never in a rebuild; without, in the rebuild after a quick one
        self.worker = ListsWorker(project) if beside else None
        self.memo = ContentMemo()
        self.catalogue: Catalogue | None = None
        self.bundle: Bundle | None = None
        #: every page of the site as last made, by src_uri (quick builds replace a few)
        self.pages: dict[str, RenderedPage] = {}
        self.data_files: dict[str, str | bytes] = {}
        #: src_uri or data path -> digest of what the engine last wrote there
        self._written: dict[str, str] = {}
        #: src_uri -> the banner the engine last wrote into that page
        self._banner_of: dict[str, str] = {}
        #: fingerprint of every input besides the service files
        self._inputs = ""
        #: fingerprint of the engine's page shell (mkdocs.yml, theme overrides)
        self._shell = ""
        #: the pages that list services and the data files are stale: a lists build is due
        self.pending = False
        #: compiled Jinja templates, the page bodies' and the engine's theme's
        self.compiled = CompiledTemplates()
        #: counts the builds that changed pages; lists made from an older count are stale
        self._generation = 0
        #: lists made beside the engine, waiting to be handed over
        self._lists: Lists | None = None
        #: guards the fields the engine's thread and the lists' thread share; one set of
        #: lists is asked for at a time
        self._lock = threading.Lock()
        self._making = threading.Lock()

    # --- one rebuild ------------------------------------------------------------------------

    def rebuild(self, today: date, site_url: str | None) -> Handover:
        """Check the content and make what the last save changed.

        Raises :class:`ContentError` when the content is broken and there are no good
        pages to fall back to (the first build)."""
        # a new day changes what pages say about deadlines and freshness
        inputs = digest(inputs_fingerprint(self.project), today.isoformat())
        try:
            catalogue, _ = check_content(
                self.project,
                today,
                BuildOptions(workers=1),
                BuildCache(self.project.cache_dir),
                self.memo,
            )
        except ContentError as exc:
            # the files read afresh stay in memo.fresh: the next good build renders them,
            # whichever file's save then fixed the error
            if self.catalogue is None:
                raise
            return self._broken(exc.problems)
        fresh, self.memo.fresh = self.memo.fresh, set()
        changed = self._changed_services(catalogue, fresh, inputs)
        problems = list(catalogue.warnings)
        banner = preview.banner(problems)
        previous = self.catalogue
        self.catalogue = catalogue
        if changed is None or self.bundle is None or previous is None:
            return self._complete(catalogue, today, site_url, inputs, problems, banner)
        if changed:
            return self._quick(catalogue, today, changed, problems, banner)
        if self.pending:
            with self._lock:
                lists, self._lists = self._lists, None
            if lists is None or lists.generation != self._generation:
                lists = None if self.worker else self._lists_here(today, site_url)
            if lists is not None:
                return self._install_lists(lists, problems, banner)
        return self._hand(set(), banner, problems, kind="unchanged")

    def make_lists(self, today: date, site_url: str | None) -> bool:
        """Make the lists a quick build left stale, beside the engine; True when they are
        ready to be handed over (the next :meth:`rebuild` does), False when a save made
        them stale while they were being made, or none are due."""
        with self._making:
            with self._lock:
                if not self.pending:
                    return False
                generation = self._generation
            if self.worker is not None:
                lists = self.worker.make(today, site_url)
            else:
                lists = self._lists_here(today, site_url)
            with self._lock:
                if lists is None or generation != self._generation:
                    return False
                lists.generation = generation
                self._lists = lists
            return True

    def _lists_here(self, today: date, site_url: str | None) -> Lists:
        assert self.catalogue is not None
        lists = make_lists(self.project, self.catalogue, today, site_url)
        lists.generation = self._generation
        return lists

    def close(self) -> None:
        """End the second process, if there is one."""
        if self.worker is not None:
            self.worker.close()

    def _changed_services(
        self, catalogue: Catalogue, fresh: set[str], inputs: str
    ) -> set[str] | None:
        """The ids of the services whose files were saved; None when anything else
        changed, so only a complete build is right."""
        previous = self.catalogue
        if previous is None or inputs != self._inputs:
            return None
        if [s.id for s in previous.services] != [s.id for s in catalogue.services]:
            return None
        if set(previous.translations) != set(catalogue.translations):
            return None
        services = self.project.content_dir / SERVICES
        changed = set()
        for path in map(Path, fresh):
            if path.parent != services:
                return None
            changed.add(path.name.split(".", 1)[0])
        return changed

    def _quick(
        self,
        catalogue: Catalogue,
        today: date,
        changed: set[str],
        problems: list[Problem],
        banner: str,
    ) -> Handover:
        """The saved services' pages and those that show them as related services."""
        assert self.bundle is not None
        ids = [
            s.id
            for s in catalogue.services
            if s.id in changed or changed & {*s.related, s.general_service or ""}
        ]
        renderer = Renderer(
            self.project.template_dirs,
            catalogue,
            today,
            self.bundle.page_assets,
            cache=BuildCache(None),
            workers=1,
        )
        # Jinja's documented hook: compiled templates from memory (keyed by their source)
        renderer.env.bytecode_cache = self.compiled
        made = {page.src_uri: page for page in renderer.service_pages(ids)}
        with self._lock:
            self.pages.update(made)
            self.pending = True
            self._generation += 1
        if self.worker is not None:
            self.worker.cancel()  # lists being made now would be stale
        return self._hand(set(made), banner, problems, kind="quick")

    def _complete(
        self,
        catalogue: Catalogue,
        today: date,
        site_url: str | None,
        inputs: str,
        problems: list[Problem],
        banner: str,
    ) -> Handover:
        with self._lock:
            self._generation += 1
        if self.worker is not None:
            self.worker.cancel()
        cache = BuildCache(self.project.cache_dir)
        bundle = build_bundle(
            self.project, today, BuildOptions(workers=1), catalogue=catalogue, cache=cache
        )
        pages = {page.src_uri: page for page in bundle.pages}
        cache.flush()
        shell = shell_fingerprint(self.project)
        if shell != self._shell:  # every page's shell changes: hand over every page
            self._written, self._banner_of, self._shell = {}, {}, shell
        self._inputs = inputs
        before = self._files()
        with self._lock:
            self.pages, self.data_files = pages, site_data_files(bundle, site_url)
            self.bundle, self.pending = bundle, False
        handover = self._hand_files(set(pages), before, problems, banner, kind="complete")
        handover.bundle = bundle
        return handover

    def _install_lists(self, lists: Lists, problems: list[Problem], banner: str) -> Handover:
        """The lists made beside the engine become the session's; hand over what differs."""
        assert self.bundle is not None
        before = self._files()
        with self._lock:
            self.pages.update(lists.pages)
            self.data_files = lists.data_files
            # the search page links to the index by its new name
            self.bundle = replace(self.bundle, page_assets=lists.page_assets)
            self.pending = False
        return self._hand_files(set(lists.pages), before, problems, banner, kind="lists")

    def _files(self) -> list[str]:
        """The site paths of every page and data file the session has."""
        return [*(_page_file(uri) for uri in self.pages), *self.data_files]

    def _hand_files(
        self,
        candidates: set[str],
        before: list[str],
        problems: list[Problem],
        banner: str,
        *,
        kind: str,
    ) -> Handover:
        """The pages of ``candidates`` and the data files that differ from what the engine
        wrote, and the files of ``before`` that no longer exist."""
        # pages and files that no longer exist are forgotten (the served folder keeps them)
        self._written = {
            k: v for k, v in self._written.items() if k in self.pages or k in self.data_files
        }
        handover = self._hand(candidates, banner, problems, kind=kind)
        now = set(self._files())
        handover.removed = [path for path in before if path not in now]
        handover.data_files = {
            path: content
            for path, content in self.data_files.items()
            if self._record(path, _content_digest(content))
        }
        return handover

    def _broken(self, problems: list[Problem]) -> Handover:
        """The last good pages of the broken files' services and the home page, with the
        banner saying what is wrong."""
        assert self.catalogue is not None
        files = {p.file for p in problems if p.severity == "error"}
        ids = {
            service_id
            for service_id, file in self.catalogue.files.items()
            if file in files or any(f.startswith(file.removesuffix(".yaml") + ".") for f in files)
        }
        wanted = {source_uri(routes.HOME), source_uri(routes.services_index(self._source()))}
        wanted |= {
            uri
            for uri, page in self.pages.items()
            if any(f"/{service_id}/" in f"/{page.url}" for service_id in ids)
        }
        return self._hand(wanted, preview.banner(problems), problems, kind="broken")

    # --- what the engine gets ---------------------------------------------------------------

    def _hand(
        self, candidates: set[str], banner: str, problems: list[Problem], *, kind: str
    ) -> Handover:
        """Of ``candidates``, the pages that differ from what the engine wrote, and every
        page still showing an earlier error banner that no longer applies."""
        stale = {uri for uri, shown in self._banner_of.items() if shown and shown != banner}
        pages = {}
        for uri in sorted(candidates | stale):
            page = self.pages.get(uri)
            if page is None:
                continue
            new = self._record(uri, _page_digest(page))
            if new or self._banner_of.get(uri) != banner:
                pages[uri] = page
                self._banner_of[uri] = banner
        return Handover(pages, {}, problems, banner, kind=kind)

    def _record(self, key: str, value: str) -> bool:
        """Remember ``value`` as written under ``key``; True when it differs from before."""
        if self._written.get(key) == value:
            return False
        self._written[key] = value
        return True

    def _source(self) -> str:
        assert self.catalogue is not None
        return self.catalogue.site.language


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the session: compiling the service page's
    templates takes longer than rendering it. Jinja checks each entry against the
    template's source, so an edited template is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def shell_fingerprint(project: Project) -> str:
    """The files that shape the page shell the engine wraps around every page."""
    return _stat_digest([project.config_file], list(project.override_dirs))


def inputs_fingerprint(project: Project) -> str:
    """Every input file besides the service files, by path, size and modification time:
    site.yaml, authorities, rates, places, glossary, templates, theme overrides."""
    folders = [project.content_dir, *project.template_dirs, *project.override_dirs]
    return _stat_digest([project.config_file], folders, skip=project.content_dir / SERVICES)


def _stat_digest(files: list[Path], folders: list[Path], skip: Path | None = None) -> str:
    """Path, size and modification time of ``files`` and of every file below ``folders``
    (but not directly in ``skip``): cheap, and changed by every save."""
    paths = [str(f) for f in files]
    for folder in folders:
        for base, dirs, names in os.walk(folder):
            dirs.sort()
            if Path(base) != skip:
                paths += [os.path.join(base, name) for name in sorted(names)]
    parts: list[str] = []
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            continue
        parts.append(f"{path}\0{info.st_size}\0{info.st_mtime_ns}")
    return digest(*parts)


def _page_file(src_uri: str) -> str:
    """Where the engine writes a page (every page's source is a folder's index.md)."""
    return src_uri.removesuffix(".md") + ".html"


def _page_digest(page: RenderedPage) -> str:
    """Every field of the page (not through ``to_json``: copying 4,000 pages' shells into
    new dictionaries took most of a complete preview build at 1,000 services)."""
    return digest(
        *(
            json.dumps(getattr(page, f.name), ensure_ascii=False, sort_keys=True, default=repr)
            for f in fields(page)
        )
    )


def _content_digest(content: str | bytes) -> str:
    return digest(content)


class RefreshTimer:
    """Makes the due lists once the editor pauses, and has the engine hand them over.

    ``delay`` seconds after the last quick build, ``work`` runs in this timer's thread;
    when it says the lists are ready, this writes a marker file that the engine's file
    watcher watches, and the engine's rebuild hands them over. A save before then starts
    the wait again; a save while they are made stops them (:meth:`PreviewSession.make_lists`).
    """

    def __init__(self, work: Callable[[], bool], delay: float = 1.0) -> None:
        self.work = work
        self.delay = delay
        self.folder = Path(tempfile.mkdtemp(prefix="servicefinder-preview-"))
        self.marker = self.folder / "refresh"
        self.marker.write_text("0", encoding="utf-8", newline="\n")
        self._timer: threading.Timer | None = None
        self._fired = 0

    def schedule(self) -> None:
        self.cancel()
        self._timer = threading.Timer(self.delay, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        if not self.work():
            return
        self._fired += 1
        with contextlib.suppress(OSError):  # the session is ending
            self.marker.write_text(str(self._fired), encoding="utf-8", newline="\n")

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def close(self) -> None:
        self.cancel()
        shutil.rmtree(self.folder, ignore_errors=True)


def remove_files(site: Path, paths: list[str]) -> None:
    """Delete ``paths`` (site paths) from the served folder, and folders left empty."""
    root = site.resolve()
    for path in paths:
        target = (root / path).resolve()
        if root not in target.parents:
            continue
        target.unlink(missing_ok=True)
        folder = target.parent
        while folder != root and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
