"""A rendered page as the writer takes it, and the links between pages.

Kept apart from the renderer so the page shell, the pipeline and the writer can name a page
without importing the machinery that makes one.
"""

from __future__ import annotations

import posixpath
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

from generator.content.model import Catalogue
from generator.site import i18n


@dataclass(frozen=True)
class Alternate:
    lang: str
    url: str
    label: str
    #: False where that language has no such page and this is its nearest one (the language
    #: switch leads there, but it is no hreflang alternate: those must be reciprocal)
    same: bool = True


@dataclass
class PageContext:
    """What every template may use; page-specific values go into ``data``."""

    url: str
    lang: str
    title: str
    site: Any
    catalogue: Catalogue
    today: date
    t: dict[str, str]
    breadcrumbs: list[tuple[str, str]] = field(default_factory=list)
    alternates: tuple[Alternate, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)


def source_uri(url: str) -> str:
    """The engine's source path of the page at ``url``: every page is a folder's index."""
    return f"{url}index.md"


@dataclass(frozen=True)
class RenderedPage:
    """One page for MkDocs: where it goes, its title and its finished content HTML."""

    url: str
    title: str
    html: str
    lang: str
    description: str = ""
    alternates: tuple[Alternate, ...] = ()
    search: bool = True
    #: the page shell's words and links in the page's language (see shell.py)
    shell: dict[str, Any] = field(default_factory=dict)

    @property
    def src_uri(self) -> str:
        return source_uri(self.url)

    def to_json(self) -> dict[str, Any]:
        """The page as JSON-ready data. Not ``dataclasses.asdict``: it deep-copies every
        shell, a millisecond a page (4 s of CPU at 1,000 services with English); the shell
        holds only plain data, which ``json.dumps`` refuses loudly should that change."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["alternates"] = [asdict(a) for a in self.alternates]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RenderedPage:
        alternates = tuple(Alternate(**a) for a in data.pop("alternates"))
        return cls(**data, alternates=alternates)


def relative_url(target: str, current: str) -> str:
    """A link from the page at ``current`` to ``target``, both site-root-relative."""
    path, _, anchor = target.partition("#")
    rel = _relpath(path, current)
    folder = path == "" or path.endswith("/")
    rel = "./" if rel == "." else rel + ("/" if folder else "")
    return rel + (f"#{anchor}" if anchor else "")


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for two site-root-relative paths. That one makes both absolute
    with the working directory, a system call for each of the 20 to 40 links of a page."""
    to = [part for part in posixpath.normpath("/" + path).split("/") if part]
    here = [part for part in posixpath.normpath("/" + start).split("/") if part]
    common = len(posixpath.commonprefix([to, here]))
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def published_languages(catalogue: Catalogue) -> list[str]:
    """The site's languages besides the source language that have pages: those with
    interface strings and at least one translated service."""
    source = catalogue.site.language
    return [
        lang
        for lang in catalogue.site.languages
        if lang != source and i18n.known(lang) and any(t == lang for t, _ in catalogue.translations)
    ]
