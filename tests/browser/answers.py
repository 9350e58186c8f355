"""Where a service page answers the citizen's first questions, measured in the browser.

Shared by the browser test (every service and easy page, within 1.5 screens at 360 x 640)
and ``bench/answer_figures.py`` (prints the figures). A page marks each answer with
``data-sf-card="<key>"`` (the answer card); a page without the card is measured at the
section that holds the answer, so the figure before the card exists is comparable.
"""

from __future__ import annotations

from pathlib import Path

#: answer -> where it is found on a page without an answer card (section headings)
ANSWERS = {
    "cost": "#kosten",
    "documents": "#unterlagen",
    "where": "#zustaendig, #wer-hilft",
}
PHONE = {"width": 360, "height": 640}


def service_pages(site: Path) -> list[str]:
    """Every service page and easy page of a built site, site-root-relative, sorted."""
    pages = []
    for index in sorted(site.rglob("index.html")):
        html = index.read_text(encoding="utf-8")
        # the responsible-office section: id="zustaendig" (full page), "wer-hilft" (easy)
        if 'h2 id="zustaendig"' in html or 'h2 id="wer-hilft"' in html:
            pages.append(index.parent.relative_to(site).as_posix() + "/")
    return pages


def answer_screens(page) -> dict[str, float | None]:
    """Where each answer starts, in screens from the top of the page (0 = first line of
    the first screen); None where the page does not give that answer."""
    return page.evaluate(
        """(answers) => {
        const out = {}, h = window.innerHeight;
        for (const [key, fallback] of Object.entries(answers)) {
            const el = document.querySelector('[data-sf-card="' + key + '"]') ||
                       document.querySelector(fallback);
            if (!el || !el.getClientRects().length) { out[key] = null; continue; }
            const top = el.getBoundingClientRect().top + window.scrollY;
            out[key] = Math.round(top / h * 100) / 100;
        }
        return out;
    }""",
        ANSWERS,
    )
