"""Check the built site's links: every internal link and anchor must resolve.

Reads the HTML files of a built site, collects each page's ids and every href/src, and
resolves relative targets against the page (a folder means its index.html). External
links are listed, never fetched: the build and its checks use no network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


@dataclass
class LinkReport:
    pages: int = 0
    links: int = 0
    broken: list[str] = field(default_factory=list)
    external: set[str] = field(default_factory=set)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name"):
            if values.get(name):
                self.ids.add(values[name] or "")
        for name in ("href", "src"):
            target = values.get(name)
            if target and not (tag == "link" and values.get("rel") in ("alternate",)):
                self.targets.append(target)


def check_links(site: Path) -> LinkReport:
    report = LinkReport()
    pages: dict[str, _Collector] = {}
    for path in sorted(site.rglob("*.html")):
        collector = _Collector()
        collector.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = collector
    report.pages = len(pages)
    for page, collector in pages.items():
        base = f"file:///{page}"
        for target in collector.targets:
            report.links += 1
            scheme = urlsplit(target).scheme
            if scheme in ("http", "https"):
                report.external.add(target)
                continue
            if scheme in ("mailto", "tel", "data"):
                continue
            resolved = urlsplit(urljoin(base, target))
            rel = unquote(resolved.path).lstrip("/")
            file = site / rel
            if rel == "" or rel.endswith("/") or file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                report.broken.append(f"{page}: {target} (no file {file.relative_to(site)})")
                continue
            anchor = unquote(resolved.fragment)
            if anchor and file.suffix == ".html":
                ids = pages[file.relative_to(site).as_posix()].ids
                if anchor not in ids:
                    report.broken.append(f"{page}: {target} (no id {anchor!r})")
    return report
