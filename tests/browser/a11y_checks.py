"""Accessibility checks that axe does not make, run in the browser on a loaded page.

Each returns a list of problems (empty = fine), so the same function checks every page of
the site and, in the tests, a deliberately broken page where it must find something.
"""

from __future__ import annotations

import itertools
import re

VAGUE_LINKS = {
    "hier",
    "mehr",
    "weiter",
    "link",
    "klicken sie hier",
    "here",
    "more",
    "click here",
    "read more",
    "details",
    "info",
}


def reflow_problems(page) -> list[str]:
    """No horizontal scrolling and no visible text box outside the viewport (WCAG 1.4.10);
    a data table may scroll inside its own labelled region (.sf-table-wrap)."""
    return page.evaluate("""() => {
        const out = [], width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth > width + 1)
            out.push('page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + width);
        for (const el of document.querySelectorAll('p, li, a, h1, h2, h3, h4, td, th, label, button, input, address, legend')) {
            const r = el.getBoundingClientRect(), s = getComputedStyle(el);
            // data tables may scroll inside their own region (WCAG 1.4.10 exception)
            if (!r.width || s.visibility === 'hidden' || el.closest('[hidden], .sf-visually-hidden, .sf-skip, .sf-table-wrap')) continue;
            if (r.right > width + 1 || r.left < -1)
                out.push(el.tagName + ' "' + el.textContent.trim().slice(0, 40) + '" is cut off (' + Math.round(r.left) + '..' + Math.round(r.right) + ')');
        }
        return out;
    }""")


def outline_problems(page) -> list[str]:
    """Headings from the accessibility tree: exactly one level 1, no level skipped."""
    tree = page.locator("body").aria_snapshot()
    # a name with a colon is quoted by the YAML snapshot: - 'heading "A: B" [level=1]'
    levels = [int(m) for m in re.findall(r"^\s*- '?heading\b.*\[level=(\d)\]", tree, re.M)]
    problems = []
    if levels.count(1) != 1:
        problems.append(f"{levels.count(1)} headings of level 1")
    for before, after in itertools.pairwise(levels):
        if after > before + 1:
            problems.append(f"heading level {before} followed by {after}")
    return problems


def semantics_problems(page) -> list[str]:
    """Landmarks, lists, tables, link texts and languages as assistive technology meets them."""
    return page.evaluate(
        """(vague) => {
        const out = [];
        const count = sel => document.querySelectorAll(sel).length;
        if (count('main, [role=main]') !== 1) out.push('not exactly one main landmark');
        if (count('header.md-header, [role=banner]') < 1) out.push('no banner landmark');
        if (count('footer, [role=contentinfo]') < 1) out.push('no contentinfo landmark');
        for (const nav of document.querySelectorAll('nav')) {
            if (!nav.getAttribute('aria-label') && !nav.getAttribute('aria-labelledby'))
                out.push('navigation without a name: ' + nav.className);
        }
        for (const li of document.querySelectorAll('li')) {
            if (!li.closest('ul, ol, menu')) out.push('list item outside a list');
        }
        for (const table of document.querySelectorAll('table')) {
            if (!table.querySelector('th')) out.push('table without header cells');
        }
        for (const a of document.querySelectorAll('a[href]')) {
            if (!a.getClientRects().length) continue;
            const name = (a.getAttribute('aria-label') || a.textContent).replace(/\\s+/g, ' ').trim().toLowerCase();
            if (!name) out.push('link without text: ' + a.getAttribute('href'));
            else if (vague.includes(name)) out.push('link text says nothing on its own: ' + name);
        }
        const lang = document.documentElement.lang;
        if (!/^[a-z]{2}(-[A-Za-z]{2})?$/.test(lang)) out.push('html lang missing or invalid');
        for (const el of document.querySelectorAll('[lang]')) {
            if (!/^[a-z]{2}(-[A-Za-z]{2})?$/.test(el.lang)) out.push('invalid lang ' + el.lang);
        }
        return out;
    }""",
        sorted(VAGUE_LINKS),
    )


def focus_problems(page, limit: int = 400) -> list[str]:
    """Tab through the page: focus always visible, never stuck, comes round again."""
    # start from the top of the page (Chromium would go on from a blurred element)
    page.evaluate("window.scrollTo(0, 0)")
    page.keyboard.press("Escape")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    seen: list[str] = []
    problems: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => {
            const el = document.activeElement;
            if (!el || el === document.body) return null;
            if (!el.dataset.sfKey) el.dataset.sfKey = Math.random().toString(36).slice(2);
            const s = getComputedStyle(el);
            const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) ||
                            (s.boxShadow && s.boxShadow !== 'none');
            return [el.dataset.sfKey, visible, el.outerHTML.slice(0, 70)];
        }""")
        if info is None:
            return problems  # focus went round to the browser: nothing traps it
        key, visible, html = info
        if not visible:
            problems.append(f"focus not visible on {html}")
        if seen and key == seen[-1]:
            problems.append(f"focus stuck on {html}")
            return problems
        if key in seen:
            return problems  # came round: no trap
        seen.append(key)
    problems.append(f"focus never came round after {limit} presses of Tab")
    return problems


def print_problems(page) -> list[str]:
    """In print, a service page is a checklist: no navigation chrome, the essentials kept."""
    page.emulate_media(media="print")
    try:
        return page.evaluate("""() => {
            const out = [];
            const shown = el => el && el.getClientRects().length > 0 &&
                                getComputedStyle(el).visibility !== 'hidden';
            for (const sel of ['.md-header', '.sf-footer', '.sf-breadcrumbs', '.sf-toc', '.sf-variants'])
                if (shown(document.querySelector(sel))) out.push('printed: ' + sel);
            for (const sel of ['h1', '#unterlagen', '#ablauf', '#zustaendig', '.sf-authority'])
                if (!shown(document.querySelector(sel))) out.push('missing in print: ' + sel);
            return out;
        }""")
    finally:
        page.emulate_media(media="screen")
