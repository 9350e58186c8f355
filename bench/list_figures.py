"""The list pages at catalogue scale: how many there are and how large the largest of each
kind is, for synthetic catalogues of 1,000, 5,000 and 10,000 services in all five languages
with their easy-language variants.

Usage: ``.venv/bin/python bench/list_figures.py [N ...]`` (default ``1000 5000 10000``).

The catalogue is made in memory from the example's services (:func:`large_catalogue`):
N copies with varied titles (the words of ``bench/synthetic.py``), each with the
example's translations into English, Ukrainian, Arabic and Turkish and its easy texts.
Only the pages that are not a service's own are rendered (as the preview's lists worker
does), so 10,000 services take a minute, not the half hour of a whole build. A page's
size is its content in the frame of the example site's built page (header, navigation,
footer), compressed as the build's precompressed copies are (brotli, quality 8).

Prints figures; asserts nothing (``tests/test_lists.py`` holds the 14 KB bound).
"""

from __future__ import annotations

import random
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.synthetic import NOUNS, VERBS  # noqa: E402
from generator.content.catalogue import load_catalogue  # noqa: E402
from generator.content.model import Catalogue  # noqa: E402
from generator.infra.precompress import compressed  # noqa: E402
from generator.site.pages import RenderedPage  # noqa: E402
from generator.site.render import Renderer  # noqa: E402

TODAY = date(2025, 11, 22)
#: 14 KB: what the first round trip of a new connection brings (ten packets)
ROUND_TRIP = 14 * 1024


def brotli_size(html: str) -> int:
    """The size of a page's precompressed copy, made as the build makes it
    (``generator/infra/precompress.py``)."""
    return len(compressed(Path("index.html"), html.encode())[1])


def example_catalogue() -> Catalogue:
    catalogue, _ = load_catalogue(REPO / "content", root=REPO, today=TODAY)
    return catalogue


def vocabulary(texts: list[str]) -> list[str]:
    """The distinct words of ``texts`` (three letters or more), sorted."""
    return sorted({w for text in texts for w in re.findall(r"\w{3,}", text)})


def large_catalogue(base: Catalogue, n: int, *, seed: int = 7) -> Catalogue:
    """``n`` services made from ``base``'s, each translated as its model is, the first ten
    named ``popular`` in the site file. Seeded: the same ``n`` gives the same catalogue.

    Titles vary as ``bench/synthetic.py`` varies them; summaries are 15 to 35 words drawn
    at random from the example's texts in the summary's language. Real summaries repeat
    phrases and compress better: the sizes measured here are on the safe side."""
    rng = random.Random(seed)
    models = base.services
    texts: dict[str, list[str]] = {base.site.language: [s.description + s.summary for s in models]}
    for (lang, _), tr in base.translations.items():
        texts.setdefault(lang, []).append(tr.description + tr.summary)
    words = {lang: vocabulary(found) for lang, found in texts.items()}

    def summary(lang: str) -> str:
        return " ".join(rng.choice(words[lang]) for _ in range(rng.randint(15, 35))) + "."

    services, translations = [], {}
    for i in range(n):
        model = models[i % len(models)]
        noun, other, verb = rng.choice(NOUNS), rng.choice(NOUNS), rng.choice(VERBS)
        sid = f"leistung-{i:05d}"
        services.append(
            model.model_copy(
                update={
                    "id": sid,
                    "title": f"{noun} {verb} ({other}, Nr. {i})",
                    "summary": summary(base.site.language),
                    "related": [],
                    "general_service": None,
                }
            )
        )
        for (lang, mid), tr in base.translations.items():
            if mid == model.id:
                title = " ".join(rng.choice(words[lang]) for _ in range(rng.randint(3, 7)))
                translations[(lang, sid)] = tr.model_copy(
                    update={"id": sid, "title": f"{title} ({i})", "summary": summary(lang)}
                )
    site = base.site.model_copy(update={"popular": [s.id for s in services[:10]]})
    return replace(
        base, site=site, services=tuple(services), translations=dict(sorted(translations.items()))
    )


def list_pages(catalogue: Catalogue) -> Iterator[RenderedPage]:
    """Every page but the services' own, as the preview's lists worker makes them."""
    renderer = Renderer(
        REPO / "templates", catalogue, TODAY, reuse={s.id: [] for s in catalogue.services}
    )
    return renderer.pages()


def kind_of(url: str) -> str:
    """The kind of list a page is, by its address."""
    parts = [p for p in url.split("/") if p]
    if "page-" in url or "seite-" in url:
        parts = parts[:-1]
    if not parts:
        return "home"
    if parts[0] in ("en", "uk", "ar", "tr"):
        rest = parts[1:]
        if not rest:
            return "language home"
        return {"topics": "topic", "easy-read": "easy list"}.get(rest[0], rest[0])
    return {
        "leistungen": "A-Z index",
        "a-z": "letter",
        "themen": "topics" if len(parts) == 1 else "topic",
        "leichte-sprache": "easy list",
        "meine-stellen": "my offices",
        "redaktion": "dashboard (editors)",
    }.get(parts[0], "office" if parts[0] == "behoerden" and len(parts) > 1 else parts[0])


def example_frame() -> tuple[str, str]:
    """The built example site's frame around a page's content (from a built A–Z page)."""
    from bench.synthetic import build, copy_example

    with tempfile.TemporaryDirectory() as tmp:
        site = build(copy_example(Path(tmp) / "example"))
        html = (site / "leistungen/index.html").read_text(encoding="utf-8")
    start = html.index('<div class="sf-page')
    end = html.index("</article>", start)
    return html[:start], html[end:]


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 5000, 10000]
    before, after = example_frame()
    frame = brotli_size(before + after)
    print(f"the example site's frame alone: {frame:,} B brotli")
    base = example_catalogue()
    for n in sizes:
        catalogue = large_catalogue(base, n)
        start = time.perf_counter()
        largest: dict[str, tuple[int, int, str]] = {}
        count = over = 0
        for page in list_pages(catalogue):
            full = before + page.html + after
            packed = brotli_size(full)
            count += 1
            over += packed > ROUND_TRIP and not page.url.startswith("redaktion")
            kind = kind_of(page.url)
            if packed > largest.get(kind, (0, 0, ""))[1]:
                largest[kind] = (len(full.encode()), packed, page.url)
        took = time.perf_counter() - start
        head = f"{n:,} services, 5 languages: {count:,} pages in {took:.1f} s"
        print(f"\n{head} ({over} list pages over 14 KB)")
        print(f"  {'kind':22} {'largest HTML':>13} {'brotli':>9}  page")
        for kind, (raw, packed, url) in sorted(largest.items()):
            print(f"  {kind:22} {raw:>11,} B {packed:>7,} B  /{url}")


if __name__ == "__main__":
    main()
