"""Catalogue to page HTML with the Jinja2 templates in ``templates/``.

Pure: takes the validated catalogue and the build date, returns pages. It writes nothing and
knows nothing of MkDocs; the plugin hands the pages to MkDocs. Each template receives one
typed context, so what a template may use is written down in one place.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.content import laws, routes
from generator.content.model import Catalogue, amount_in_force
from generator.content.schema import Authority, Service
from generator.content.shelf import pack_to_file, unpack_from_file
from generator.content.urls import checked_url
from generator.infra.cache import BuildCache, code_digest, digest, folder_digest
from generator.infra.spool import scratch_folder
from generator.infra.start_method import forks
from generator.infra.workers import iter_parallel
from generator.site import easy_words, i18n, kept_terms
from generator.site.compiled import TEMPLATES
from generator.site.dashboard import coverage_rows, service_rows
from generator.site.lists import ListPages
from generator.site.pages import (
    Alternate,
    PageContext,
    RenderedPage,
    published_languages,
    relative_url,
)
from generator.site.shell import shell_meta
from generator.site.structured import StructuredData
from generator.site.text import easy_to_html, markdown_to_html
from generator.site.views import (
    ServiceView,
    related_key,
    service_alternates,
    service_view,
)


class Renderer:
    """Holds the compiled templates; :meth:`pages` yields every page of the site."""

    def __init__(
        self,
        templates_dir: Path | Sequence[Path],
        catalogue: Catalogue,
        today: date,
        assets: dict[str, str] | None = None,
        *,
        cache: BuildCache | None = None,
        workers: int = 1,
        reuse: Mapping[str, list[RenderedPage]] | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.today = today
        #: the folders templates are looked up in, first match wins (a site's own first)
        self.template_dirs = (
            (templates_dir,) if isinstance(templates_dir, Path) else tuple(templates_dir)
        )
        #: site paths of generated data files: lookup manifest, search index and docs
        self.assets = {"lookup": "", **(assets or {})}
        self.cache = cache or BuildCache(None)
        #: the services' pages once :meth:`start` looked them up or set them rendering
        self._services: _ServiceStream | None = None
        #: processes that render service pages the cache does not hold
        self.workers = workers
        #: service id -> its pages, known to be current (the preview's): used as they are
        self.reuse = reuse or {}
        #: True: :meth:`pages` leaves the services out; the writer asks for them one by one
        self.services_apart = False
        #: the site's other languages with pages; computed once, as every page's shell
        #: and every service needs them and each call scans every service per language
        self.others = published_languages(catalogue)
        #: terms pages in other languages mark as the site's language (kept_terms.py)
        self.kept = kept_terms.site_terms(catalogue)
        #: the pages that list services, each bounded at any catalogue size (lists.py)
        self.lists = ListPages(catalogue, self.others, self._page)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(self.template_dirs),
            # one renderer per build: its templates do not change under it, and checking
            # each file's time on every page took 0.1 ms a template
            auto_reload=False,
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            bytecode_cache=TEMPLATES,  # compiled once a process (compiled.py)
        )
        # tojson writes letters as they are (UTF-8 pages), not as \u escapes: fewer bytes,
        # and the same words as the page's text for the compressor (<, >, &, ' stay escaped)
        self.env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
        # every address from content passes the one URL check where it is written
        self.env.filters.update(date=i18n.format_date, eur=i18n.format_eur, url=checked_url)
        self.env.tests["contains"] = lambda seq, item: item in seq
        self.env.globals.update(
            law_url=laws.law_url,
            law_title=laws.law_title,
            amount_in_force=amount_in_force,
            routes=routes,
            service_url=routes.service,
            authority_url=routes.authority,
            structured_data=StructuredData(catalogue),  # JSON-LD: generator/site/structured.py
        )

    def __reduce__(self) -> tuple[Callable[..., Renderer], tuple[Any, ...]]:
        """For a spawned worker process (``pickle``): what this renderer was made of, to
        make it again there, as its Jinja environment cannot be pickled. The worker only
        renders services, so the preview's pages (``reuse``) and the service stream stay
        behind. A forked worker gets a copy of this one instead."""
        made_of = (self.template_dirs, self.catalogue, self.today, self.assets)
        return _renderer, (*made_of, self.cache.folder)

    def pages(self) -> Iterator[RenderedPage]:
        """Every page: the source language's, then each other language's, then services
        and authorities."""
        c = self.catalogue
        source = c.site.language
        t = self._t(source)
        others = self.others

        def in_others(route: Callable[[str], str]) -> tuple[Alternate, ...]:
            return tuple(Alternate(lang, route(lang), i18n.LANGUAGE_NAMES[lang]) for lang in others)

        elsewhere = self._languages_elsewhere(others, [source, *others])
        yield self.lists.home(in_others(routes.home))
        # the other languages' lists are their home pages, which pair with the home page
        yield from self.lists.az(
            tuple(replace(a, same=False) for a in in_others(routes.services_index))
        )
        yield from self.lists.topics()
        yield self._page("authorities.html", routes.AUTHORITIES, t["authorities"], source)
        yield self.lists.my_offices()
        yield replace(
            self._page(
                "dashboard.html",
                routes.DASHBOARD,
                t["title_dashboard"],
                source,
                data={"rows": service_rows(c, self.today), "coverage": coverage_rows(c)},
            ),
            search=False,
        )
        yield self._search_page(source, in_others(routes.search))
        yield from self.lists.easy_index(source, in_others(routes.easy_index))
        yield self._page(
            "legal.html",
            routes.IMPRINT,
            t["title_imprint"],
            source,
            data={"body": c.site.imprint, "contact": c.site.operator},
        )
        yield self._page(
            "legal.html",
            routes.PRIVACY,
            t["title_privacy"],
            source,
            data={"body": c.site.privacy, "contact": None},
        )
        yield self._statement_page(source, in_others(routes.statement))
        for lang in others:
            if elsewhere is not None:
                yield from next(elsewhere)
            else:
                yield from self._language_pages(lang, [source, *others])
        if elsewhere is not None:
            next(elsewhere, None)  # run to its end: its workers stop now
        if not self.services_apart:  # else the writer renders them (generator/writer/stream.py)
            yield from self._all_service_pages()
        for authority in c.authorities:
            yield from self._authority_pages(authority)
        self.lists.forget()

    def _languages_elsewhere(
        self, others: list[str], languages: list[str]
    ) -> Iterator[Iterator[RenderedPage]] | None:
        """The other languages' pages made in worker processes, started now, while this
        process makes the source language's (each read from the file its worker wrote);
        None to make them here. Only with the services apart: then nothing else runs
        while the lists are made (at 10,000 services, 4,500 pages at about 10 ms each)."""
        few = len(self.catalogue.services) < LISTS_APART_FROM or len(others) < 2
        if few or not self.services_apart or self.workers < 2:
            return None
        self.cache.flush()  # no writer thread may hold a lock when the process forks
        self.lists.entries(self.catalogue.site.language)  # the workers share these
        folder = scratch_folder("servicefinder-lists-")
        jobs = [(lang, languages, folder) for lang in others]
        done = iter_parallel(
            _language_chunk, jobs, self.workers, what="lists", initializer=_start_worker,
            initargs=(self, {}),
        )  # fmt: skip
        return (unpack_from_file(path, ends) for path, ends in done)

    def _language_pages(self, lang: str, languages: list[str]) -> Iterator[RenderedPage]:
        """A translated language's own pages: its services, easy texts, search and
        accessibility statement, each linked to the same page in the site's other languages."""

        def elsewhere(route: Callable[[str], str]) -> tuple[Alternate, ...]:
            return tuple(
                Alternate(other, route(other), i18n.LANGUAGE_NAMES[other])
                for other in languages
                if other != lang
            )

        # a language's list of services is its home page: it pairs with the others' homes
        yield self.lists.language_home(lang, elsewhere(routes.home))
        yield from self.lists.language_topics(lang)
        yield from self.lists.easy_index(lang, elsewhere(routes.easy_index))
        yield self._search_page(lang, elsewhere(routes.search))
        yield self._statement_page(lang, elsewhere(routes.statement))

    # --- pages every language has ----------------------------------------------------------

    def _search_page(self, lang: str, alternates: tuple[Alternate, ...]) -> RenderedPage:
        return self._page(
            "search.html",
            routes.search(lang),
            self._t(lang)["title_search"],
            lang,
            # in the page's language (the site's description is in the source language)
            description=""
            if lang == self.catalogue.site.language
            else " ".join((i18n.SEARCH[lang]["label"], i18n.SEARCH[lang]["hint"])),
            alternates=alternates,
            all_assets=True,
        )

    def _statement_page(self, lang: str, alternates: tuple[Alternate, ...]) -> RenderedPage:
        return self._page(
            "statement.html",
            routes.statement(lang),
            self._t(lang)["title_statement"],
            lang,
            alternates=alternates,
        )

    # --- services --------------------------------------------------------------------------

    def start(self) -> None:
        """Look the services up in the cache and set the others rendering now, in worker
        processes when there are enough of them: they render while this process makes the
        search index (``pipeline.build_bundle``), which only the search pages need. Without
        this, :meth:`pages` does it when it reaches the services."""
        if self._services is None:
            self._services = self._service_stream()

    def _service_stream(self) -> _ServiceStream:
        services = self.catalogue.services
        unknown = any(s.id not in self.reuse for s in services)
        keys = self.service_keys() if self.cache.enabled and unknown else {}
        # a cached service's pages stay encoded until their turn (the bytes are a fraction
        # of the objects), the others are rendered and come back in the services' order
        cached: dict[str, bytes] = {}
        missing = []
        for service in services:
            if service.id in self.reuse:
                continue
            data = self.cache.get("render", keys[service.id]) if keys else None
            if data is None:
                missing.append(service.id)
            else:
                cached[service.id] = data
        return cached, self._render_services(missing, keys)

    def _all_service_pages(self) -> Iterator[RenderedPage]:
        """Each service's pages from the cache when its inputs are unchanged; the others
        rendered, in several processes when there are enough of them to pay for it."""
        cached, rendered = self._services or self._service_stream()
        self._services = None
        for service in self.catalogue.services:
            if service.id in self.reuse:
                yield from self.reuse[service.id]
            elif service.id in cached:
                yield from map(RenderedPage.from_json, json.loads(cached.pop(service.id)))
            else:
                rendered_id, pages = next(rendered)
                assert rendered_id == service.id
                yield from pages
        # run it to its end: the workers stop, and their pages are claimed in the cache
        for _ in rendered:
            raise AssertionError("a rendered service not in the catalogue")

    def pages_of(self, service: Service) -> list[RenderedPage]:
        """One service's pages, rendered here (the writer's workers call this)."""
        return list(self._service_pages(service))

    def service_pages(self, ids: list[str]) -> list[RenderedPage]:
        """The pages of the services ``ids`` only (the preview renders a saved service)."""
        return [page for _, pages in self._render_services(ids, {}) for page in pages]

    def _render_services(
        self, ids: list[str], keys: dict[str, str]
    ) -> Iterator[tuple[str, list[RenderedPage]]]:
        """The pages of the services ``ids``, in their order, each stored in the cache under
        ``keys``; made in several processes (started at once), and handed on as each run of
        them is done, or else in this process as they are asked for."""
        if self.workers < 2 or len(ids) < PARALLEL_FROM:
            return ((i, self._rendered(self.catalogue.service(i), keys)) for i in ids)
        self.cache.flush()  # no writer thread may hold a lock when the process forks
        if forks():
            for name in ("service.html", "service_easy.html"):  # compile once, before the fork
                self.env.get_template(name)
        # runs of neighbouring services: they come back in order, a few runs per worker
        size = -(-len(ids) // (self.workers * 8))
        chunks = [ids[k : k + size] for k in range(0, len(ids), size)]
        # a forked worker gets this renderer as it is; a spawned one a new one made from
        # what this one was made of (__reduce__)
        done = iter_parallel(
            _render_chunk,
            chunks,
            self.workers,
            what="rendering",
            initializer=_start_worker,
            initargs=(self, keys),
        )
        return self._claimed(done, ids, keys)

    def _claimed(
        self,
        done: Iterator[list[tuple[str, list[RenderedPage]]]],
        ids: list[str],
        keys: dict[str, str],
    ) -> Iterator[tuple[str, list[RenderedPage]]]:
        for chunk in done:
            yield from chunk
        # the workers stored their pages in the cache themselves
        for i in ids if keys else []:
            self.cache.claim("render", keys[i])

    def _rendered(self, service: Service, keys: dict[str, str]) -> list[RenderedPage]:
        """A service's pages, stored in the cache when it is on (``keys``)."""
        pages = list(self._service_pages(service))
        if keys:
            text = json.dumps([p.to_json() for p in pages], ensure_ascii=False)
            self.cache.put("render", keys[service.id], text.encode("utf-8"))
        return pages

    def service_keys(self) -> dict[str, str]:
        """What each service's pages are made of: the shared inputs (code, templates, site,
        authorities, glossary, build date, lookup data), the service and its translations,
        and the titles of the services it links to."""
        c = self.catalogue
        shared = digest(
            code_digest(),
            folder_digest(*self.template_dirs),
            c.site.model_dump_json(),
            c.glossary.model_dump_json(),
            *(a.model_dump_json() for a in c.authorities),
            self.today.isoformat(),
            self.assets["lookup"],
            *(self.assets.get(path, path) for path in routes.PAGE_SCRIPTS),
            *(v for k, v in sorted(self.assets.items()) if k.startswith(routes.WORDS_DIR)),
        )
        languages = sorted(c.site.languages)
        keys = {}
        for s in c.services:  # one service's texts at a time: at 10,000 they are 750 MB
            own = [s.model_dump_json()]
            for lang in languages:
                tr = c.translations.get((lang, s.id))
                if tr is not None:
                    own += [lang, tr.model_dump_json()]
            # a related service shows its titles and easy pages (views.related_key)
            related = [part for rid in s.related for part in related_key(c, rid)]
            keys[s.id] = digest(shared, *own, "related", *related)
        return keys

    def _service_pages(self, service: Service) -> Iterator[RenderedPage]:
        source = self.catalogue.site.language
        languages = [source, *self.others]
        views = {lang: self._view(service, lang) for lang in languages}
        for lang, view in views.items():
            if view is None:
                continue
            yield self._page(
                "service.html",
                routes.service(service.id, lang),
                view.title,
                lang,
                data={"s": view, "service": service},
                description=view.summary,
                alternates=service_alternates(service.id, lang, views, easy=False),
                crumbs=[(self._t(lang)["az"], routes.services_index(lang))]
                if lang == source
                else [],
            )
            easy = view.easy
            if easy is not None:
                yield self._page(
                    "service_easy.html",
                    routes.service(service.id, lang, easy=True),
                    easy.title,
                    lang,
                    data={"s": view, "service": service},
                    description=view.summary,
                    alternates=service_alternates(service.id, lang, views, easy=True),
                    crumbs=[
                        (self._t(lang)["easy"], routes.easy_index(lang)),
                        (view.title, routes.service(service.id, lang)),
                    ],
                )

    def _view(self, service: Service, lang: str) -> ServiceView | None:
        return service_view(self.catalogue, service, lang)

    # --- authorities -----------------------------------------------------------------------

    def _authority_pages(self, authority: Authority) -> Iterator[RenderedPage]:
        """An office's page, and where it lists only its first services, the pages of all."""
        title = authority.name + (f" – {authority.department}" if authority.department else "")
        listed, more = self.lists.office(authority)
        yield self._page(
            "authority.html",
            routes.authority(authority.id),
            title,
            "de",
            data={"a": authority, **listed},
            crumbs=[("Behörden", routes.AUTHORITIES)],
            description=f"{title}, {authority.address.city}",
        )
        yield from more

    # --- shared ----------------------------------------------------------------------------

    def _t(self, lang: str) -> dict[str, str]:
        return i18n.LABELS[lang]

    def _page(
        self,
        template: str,
        url: str,
        title: str,
        lang: str,
        *,
        data: dict[str, Any] | None = None,
        description: str = "",
        alternates: tuple[Alternate, ...] = (),
        crumbs: list[tuple[str, str]] | None = None,
        all_assets: bool = False,
    ) -> RenderedPage:
        """One page; only the search pages see the search files' (content-hashed) paths,
        so a change to any service does not change every other page."""
        t = easy_words.labels(lang, template)
        shell = easy_words.shell(lang, template)
        source = self.catalogue.site.language
        assets = self.assets if all_assets else {"lookup": self.assets["lookup"]}
        home = routes.home(lang)
        crumbs = [(t["home"], home), *(crumbs or [])] if url != home else []
        ctx = PageContext(
            url=url,
            lang=lang,
            title=title,
            site=self.catalogue.site,
            catalogue=self.catalogue,
            today=self.today,
            t=t,
            breadcrumbs=crumbs,
            alternates=alternates,
            data=data or {},
        )

        def link(target: str) -> str:
            return relative_url(target, url)

        def asset(path: str) -> str:
            """A stylesheet or script by its route, under its content-hashed name."""
            return link(self.assets.get(path) or path)

        def markdown(text: str, shift: int = 0) -> Markup:
            return markdown_to_html(text, shift_headings=shift, external_label=t["external"])

        glossary = getattr(self.catalogue.glossary, lang, [])

        def easy_text(text: str) -> Markup:
            return easy_to_html(text, external_label=t["external"], glossary=glossary)

        # the version switch's links to this page in other languages (lang/hreflang set)
        alternate_links = [
            {"href": link(a.url), "label": a.label, "lang": a.lang, "easy": False}
            for a in alternates
        ]
        html = self.env.get_template(template).render(
            alternate_links=alternate_links,
            assets={k: link(v) for k, v in assets.items()},
            asset=asset,
            lookup_words=easy_words.lookup_script_words(lang, template, source),
            precheck_words=lambda easy: easy_words.precheck_words(lang, template, easy),
            shell=shell,
            source_lang=source,
            source_dir=i18n.DIRECTION[source],
            directions=i18n.DIRECTION,
            language_names=i18n.LANGUAGE_NAMES,
            language_search={k: v["submit"] for k, v in i18n.SEARCH.items()},
            label_in=lambda label, want: want if getattr(label, want, None) else source,
            own_text=lambda obj, want: getattr(obj, want, None),
            search_words=i18n.SEARCH[lang],
            ctx=ctx,
            t=t,
            lang=lang,
            link=link,
            markdown=markdown,
            easy_text=easy_text,
            site=self.catalogue.site,
            catalogue=self.catalogue,
            **ctx.data,
        )
        if lang != source:
            html = kept_terms.mark_terms(
                html,
                self.kept,
                source,
                i18n.DIRECTION[source],
                isolate_dates=i18n.DIRECTION[lang] == "rtl",
            )
        return RenderedPage(
            url=url,
            title=title,
            html=html,
            lang=lang,
            description=description
            or (self.catalogue.site.description if lang == source else title),
            alternates=alternates,
            shell=shell_meta(self.catalogue, url, lang, alternates, self.others),
        )


#: pages in the cache by service id (encoded), and the rendering of the other services
_ServiceStream = tuple[dict[str, bytes], Iterator[tuple[str, list[RenderedPage]]]]
#: below this many services to render, starting processes costs more than it saves
PARALLEL_FROM = 40
#: below this many services, the other languages' lists are made in this process
LISTS_APART_FROM = 200
#: in a worker process: the renderer (a fork copies the compiled templates for free)
_WORKER: Renderer | None = None
#: in a worker process: the cache key of each service to render
_KEYS: dict[str, str] = {}


def _renderer(
    templates_dir: Path | Sequence[Path],
    catalogue: Catalogue,
    today: date,
    assets: dict[str, str],
    cache_folder: Path | None,
) -> Renderer:
    """A renderer made again in a spawned worker (see :meth:`Renderer.__reduce__`)."""
    return Renderer(templates_dir, catalogue, today, assets, cache=BuildCache(cache_folder))


def _start_worker(renderer: Renderer, keys: dict[str, str]) -> None:
    """In a worker, before its first chunk: keep what :func:`_render_chunk` needs."""
    global _WORKER, _KEYS
    _WORKER, _KEYS = renderer, keys


def _language_chunk(job: tuple[str, list[str], Path]) -> tuple[Path, array]:
    """In a worker: one language's own pages (:meth:`Renderer._language_pages`), each
    packed and written to a file in ``folder`` as it is made (``shelf.pack_to_file``).
    A language's lists grow with the catalogue (1,000 pages at 10,000 services): neither
    this worker nor the parent, where they wait for their turn, holds them."""
    assert _WORKER is not None
    lang, languages, folder = job
    path = folder / f"{lang}.pages"
    ends = pack_to_file(path, _WORKER._language_pages(lang, languages))
    _WORKER.lists.forget_language(lang)  # the worker's next language starts without them
    return path, ends


def _render_chunk(ids: list[str]) -> list[tuple[str, list[RenderedPage]]]:
    """In a worker: render the services ``ids`` and store their pages in the cache from
    here, so the parent neither encodes them nor holds the encoded copies until written."""
    assert _WORKER is not None
    pages = [(i, _WORKER._rendered(_WORKER.catalogue.service(i), _KEYS)) for i in ids]
    _WORKER.cache.flush()
    return pages


def render_site(
    templates_dir: Path | Sequence[Path],
    catalogue: Catalogue,
    today: date,
    assets: dict[str, str] | None = None,
    *,
    cache: BuildCache | None = None,
    workers: int = 1,
) -> list[RenderedPage]:
    """Every page of the site, in a stable order; ``assets`` holds generated files' paths."""
    renderer = Renderer(templates_dir, catalogue, today, assets, cache=cache, workers=workers)
    return list(renderer.pages())
