"""Checks of what a page looks like in states the page-load audit never sees: after a lookup,
with forced colours, with the text-spacing overrides of WCAG 1.4.12, while typing a search.

Each returns a list of problems (empty = fine), so the tests run it on the real page and
on a page broken on purpose, where it must find something.
"""

from __future__ import annotations

from tests.browser.a11y_checks import reflow_problems

#: WCAG 1.4.12 (text spacing): the values a user's style sheet may set
TEXT_SPACING_CSS = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""

#: elements whose own text a reader reads or a control shows
TEXT_ELEMENTS = "p, li, dt, dd, a, label, button, input, select, summary, td, th, legend, address"


def small_text_problems(page, minimum: float = 16.0) -> list[str]:
    """Every visible text and control at least ``minimum`` CSS px (the site's floor)."""
    return page.evaluate(
        """([sel, minimum]) => {
        const out = [];
        for (const el of document.querySelectorAll(sel)) {
            if (!el.getClientRects().length) continue;
            const away = '[hidden], .sf-visually-hidden, .sf-skip:not(:focus), noscript';
            if (el.closest(away)) continue;
            if (el.type === 'checkbox' || el.type === 'radio') continue;  // a box, no text
            const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
            if (!own && !['INPUT', 'SELECT', 'BUTTON'].includes(el.tagName)) continue;
            const size = parseFloat(getComputedStyle(el).fontSize);
            if (size < minimum - 0.01)
                out.push(el.tagName + ' "' + (el.textContent || el.value || '').trim().slice(0, 30)
                         + '" is ' + size + ' px');
        }
        return out;
    }""",
        [TEXT_ELEMENTS, minimum],
    )


def skip_link_problems(page, minimum: float = 16.0) -> list[str]:
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.sf-skip')).fontSize)"
    )
    return [] if size >= minimum else [f"skip link is {size} px"]


def text_spacing_problems(page) -> list[str]:
    """With the WCAG 1.4.12 overrides applied, nothing scrolls sideways or is cut off."""
    page.add_style_tag(content=TEXT_SPACING_CSS)
    return reflow_problems(page)


def selected_option_problems(page, listbox: str) -> list[str]:
    """The selected option of an open listbox looks different from the others in the
    current colour mode (run it with forced colours emulated)."""
    return page.evaluate(
        """(listbox) => {
        const options = [...document.querySelectorAll(listbox + ' [role=option]')];
        const selected = options.filter(o => o.getAttribute('aria-selected') === 'true');
        const others = options.filter(o => o.getAttribute('aria-selected') !== 'true');
        if (selected.length !== 1 || !others.length) return ['need one selected option and others'];
        const look = el => { const s = getComputedStyle(el);
            return [s.backgroundColor, s.color, s.outlineStyle, s.outlineWidth,
                    s.borderStyle].join('|'); };
        const same = look(selected[0]) === look(others[0]);
        return same ? ['the selected option looks like the others'] : [];
    }""",
        listbox,
    )


def disclosure_marker_problems(page) -> list[str]:
    """Every disclosure shows a visible text marker that says open or closed, and the two
    states differ (forced colours remove background images and masks)."""
    return page.evaluate("""() => {
        const out = [];
        for (const d of document.querySelectorAll('.sf-page details')) {
            const summary = d.querySelector(':scope > summary');
            if (!summary || !summary.getClientRects().length) continue;
            const marker = getComputedStyle(summary, '::before');
            const text = marker.content.replace(/^"|"$/g, '');
            const visible = text && marker.content !== 'none' && marker.display !== 'none' &&
                            marker.color !== 'rgba(0, 0, 0, 0)' && marker.visibility !== 'hidden';
            const name = summary.textContent.trim().slice(0, 40);
            if (!visible) out.push('no visible marker on "' + name + '"');
            d.open = !d.open;
            const other = getComputedStyle(summary, '::before').content;
            d.open = !d.open;
            if (visible && other === marker.content) out.push('marker does not change: ' + text);
        }
        return out;
    }""")


def watch_live_regions(page) -> None:
    """Start counting the changes of every live region's text (see live_region_changes)."""
    page.evaluate("""() => {
        window.__sfLive = [];
        for (const region of document.querySelectorAll('[aria-live], [role=status]')) {
            let last = region.textContent;
            new MutationObserver(() => {
                const now = region.textContent;
                if (now !== last && now.trim()) window.__sfLive.push(now.trim());
                last = now;
            }).observe(region, {childList: true, characterData: true, subtree: true});
        }
    }""")


def live_region_changes(page) -> list[str]:
    return page.evaluate("window.__sfLive")
