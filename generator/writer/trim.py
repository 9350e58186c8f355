"""Ship only the parts of the theme the built pages use.

Material's stylesheet styles every feature it has (search dialog, tabs, code blocks,
sidebars, admonitions ...); Servicefinder's pages use a small part of it, and they run no
theme JavaScript at all. After a build this module

- drops every CSS rule whose selectors all need a class that no page and none of the
  site's own scripts use (a rule is kept if any selector *could* match: classes inside
  ``:not()``, ``:is()`` and the like are never required), or a colour palette the pages
  do not select (``[data-md-color-primary=red]`` when every page says ``custom``; the
  palette stylesheet holds every colour and the dark scheme), and
- drops every custom property (``--md-...: value``) that nothing reads: half of the
  theme's stylesheet declares properties (icons as SVG data, code colours) for features
  the pages do not have. A property counts as read when a kept rule, the site's own
  stylesheets, a page or a script names it with ``var()`` (scripts: any ``--name``), or
  when a property that is read names it, and so on;
- leaves the theme's scripts and source maps out of the site.

Parsing is tinycss2's (a maintained CSS Syntax Level 3 parser), so strings, escapes and
nested at-rules are handled as browsers handle them.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import tinycss2
from tinycss2.ast import (
    AtRule,
    Declaration,
    LiteralToken,
    Node,
    QualifiedRule,
    SquareBracketsBlock,
)

#: no \b before the names: a pattern that starts with text is searched for that text
#: (seven times faster over 4,000 pages); what else ends in class="..." only adds to the
#: over-estimate
_CLASS_ATTR = re.compile(r'class="([^"]*)"')
#: the theme's palette attributes on <body>; entries of ``used`` read ``name=value``
_PALETTE_ATTR = re.compile(r'(data-md-color-[a-z]+)="([^"]*)"')
_PALETTE_PREFIX = "data-md-color-"
_WORD = re.compile(r"[A-Za-z_][\w-]*")
#: a custom property read with var(); in scripts, any custom property name at all
_VAR_REF = re.compile(r"var\(\s*(--[\w-]+)")
_PROPERTY = re.compile(r"--[\w-]+")
#: at-rules whose block holds rules, which are trimmed in turn
_GROUPING = {"media", "supports", "layer", "container"}


def used_classes(site: Path, own_scripts: list[Path]) -> set[str]:
    """Every class in a page's markup, and every word of the site's own scripts (which
    may add classes at run time): an over-estimate, so no rule in use is ever dropped."""
    used = script_words(own_scripts)
    for page in site.rglob("*.html"):
        used |= page_classes(page.read_text(encoding="utf-8"))
    return used


def page_classes(html: str) -> set[str]:
    """What one page's markup may need of the theme's stylesheets: its classes, palette
    attributes and the custom properties its style attributes read."""
    used: set[str] = set()
    for value in _CLASS_ATTR.findall(html):
        used.update(value.split())
    used.update(f"{name}={value}" for name, value in _PALETTE_ATTR.findall(html))
    used.update(_VAR_REF.findall(html))  # style attributes and inline styles
    return used


def script_words(own_scripts: list[Path]) -> set[str]:
    """Every word and custom property name of the site's own scripts."""
    scripts = "".join(script.read_text(encoding="utf-8") for script in own_scripts)
    used = set(_WORD.findall(scripts)) | set(_PROPERTY.findall(scripts))
    if _PALETTE_PREFIX in scripts:  # a script may switch the palette: keep every one
        used.add(_PALETTE_PREFIX)
    return used


def trim_stylesheet(css: str, used: set[str]) -> str:
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return tinycss2.serialize(_trim_rules(rules, used))


def _trim_rules(rules: list[Node], used: set[str]) -> list[Node]:
    kept: list[Node] = []
    for rule in rules:
        if isinstance(rule, QualifiedRule):
            selectors = [s for s in _split_selectors(rule.prelude) if _may_match(s, used)]
            if selectors:
                rule.prelude = _join_selectors(selectors)
                kept.append(rule)
        elif isinstance(rule, AtRule) and rule.lower_at_keyword in _GROUPING and rule.content:
            inner = tinycss2.parse_blocks_contents(
                rule.content, skip_comments=True, skip_whitespace=True
            )
            if any(isinstance(n, QualifiedRule | AtRule) for n in inner):
                trimmed = _trim_rules(inner, used)
                if trimmed:
                    rule.content = trimmed
                    kept.append(rule)
            else:  # a block of declarations (for instance @layer name { ... } is not)
                kept.append(rule)
        elif isinstance(rule, QualifiedRule | AtRule):
            kept.append(rule)  # @font-face, @keyframes, @charset ...
    return kept


def _split_selectors(prelude: list[Node]) -> list[list[Node]]:
    """A selector list split at its top-level commas (commas inside functions stay)."""
    selectors: list[list[Node]] = [[]]
    for token in prelude:
        if isinstance(token, LiteralToken) and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return [s for s in selectors if any(t.type != "whitespace" for t in s)]


def _join_selectors(selectors: list[list[Node]]) -> list[Node]:
    joined: list[Node] = []
    for i, selector in enumerate(selectors):
        if i:
            joined.append(LiteralToken(0, 0, ","))
        joined.extend(selector)
    return joined


def _may_match(selector: list[Node], used: set[str]) -> bool:
    """False only if the selector needs, outside any function, a class nobody uses or a
    palette no page selects."""
    for token in selector:
        if isinstance(token, SquareBracketsBlock) and not _palette_used(token, used):
            return False
    for before, token in pairwise(selector):
        if (
            isinstance(before, LiteralToken)
            and before.value == "."
            and token.type == "ident"
            and token.value not in used
        ):
            return False
    return True


def _palette_used(block: SquareBracketsBlock, used: set[str]) -> bool:
    """``[data-md-color-primary=red]`` is used if a page carries that value (or a script
    may set one); any other attribute selector may match."""
    parts = [t for t in block.content if t.type != "whitespace"]
    if len(parts) != 3 or parts[0].type != "ident" or _PALETTE_PREFIX in used:
        return True
    name, op, value = parts
    if not name.value.startswith(_PALETTE_PREFIX) or not (
        isinstance(op, LiteralToken) and op.value == "="
    ):
        return True
    if value.type not in ("ident", "string"):
        return True
    return f"{name.value}={value.value}" in used


def _declarations(rules: list[Node]) -> list[Declaration]:
    """Every declaration of ``rules``, inside grouping at-rules too."""
    found: list[Declaration] = []
    for rule in rules:
        if isinstance(rule, QualifiedRule | AtRule) and rule.content is not None:
            inner = tinycss2.parse_blocks_contents(
                rule.content, skip_comments=True, skip_whitespace=True
            )
            found.extend(n for n in inner if isinstance(n, Declaration))
            found.extend(_declarations([n for n in inner if not isinstance(n, Declaration)]))
    return found


def read_properties(sheets: list[list[Node]], read: set[str]) -> set[str]:
    """The custom properties something reads: ``read`` (names from outside these sheets),
    every one a declaration of an ordinary property reads, and those the read ones read."""
    read = set(read)
    defined: dict[str, list[str]] = {}
    for rules in sheets:
        for decl in _declarations(rules):
            value = tinycss2.serialize(decl.value)
            if decl.name.startswith("--"):
                defined.setdefault(decl.name, []).append(value)
            else:
                read.update(_VAR_REF.findall(value))
    queue = list(read)
    while queue:
        for value in defined.get(queue.pop(), []):
            for name in _VAR_REF.findall(value):
                if name not in read:
                    read.add(name)
                    queue.append(name)
    return read


def drop_unread_properties(rules: list[Node], read: set[str]) -> list[Node]:
    """``rules`` without the declarations of custom properties nobody reads, and without
    rules left empty by that."""
    kept: list[Node] = []
    for rule in rules:
        if not isinstance(rule, QualifiedRule | AtRule) or rule.content is None:
            kept.append(rule)
            continue
        inner = tinycss2.parse_blocks_contents(
            rule.content, skip_comments=True, skip_whitespace=True
        )
        if any(isinstance(n, QualifiedRule | AtRule) for n in inner):
            nested = drop_unread_properties(inner, read)
            if nested or (isinstance(rule, AtRule) and rule.lower_at_keyword not in _GROUPING):
                rule.content = nested
                kept.append(rule)
            continue
        decls = [
            n
            for n in inner
            if not (isinstance(n, Declaration) and n.name.startswith("--") and n.name not in read)
        ]
        if decls or (isinstance(rule, AtRule) and rule.lower_at_keyword not in _GROUPING):
            rule.content = _declaration_block(decls) if decls != inner else rule.content
            kept.append(rule)
    return kept


def _declaration_block(decls: list[Node]) -> list[Node]:
    """Declarations serialised as a block's content (each ends with a semicolon)."""
    text = ";".join(tinycss2.serialize([d]) for d in decls if isinstance(d, Declaration))
    return tinycss2.parse_component_value_list(text)


def trim_site(
    site: Path, own_scripts: list[Path], elsewhere: frozenset[str] = frozenset()
) -> tuple[int, int]:
    """Trim the theme's stylesheets in ``site``; returns their bytes before and after.
    ``elsewhere``: what pages not (yet) in ``site`` use (``generator/writer/stream.py``)."""
    trimmed = trimmed_sheets(site, used_classes(site, own_scripts) | elsewhere)
    before = after = 0
    for path, text in trimmed.items():
        before += path.stat().st_size
        path.write_text(text, encoding="utf-8", newline="\n")
        after += len(text.encode())
    return before, after


def trimmed_sheets(site: Path, used: set[str] | frozenset[str]) -> dict[Path, str]:
    """Each of the theme's stylesheets in ``site`` as it is when trimmed to ``used``."""
    paths = sorted((site / "assets/stylesheets").glob("*.css"))
    originals = tuple(path.read_text(encoding="utf-8") for path in paths)
    # the site's own stylesheets (assets/*.css, branding included) read the theme's too
    own_css = "".join(p.read_text(encoding="utf-8") for p in sorted(site.glob("assets/*.css")))
    key = (originals, frozenset(used), own_css)
    if key not in _TRIMMED:
        while len(_TRIMMED) >= _TRIMMED_KEPT:
            del _TRIMMED[next(iter(_TRIMMED))]  # the oldest first
        _TRIMMED[key] = _trim_all(originals, frozenset(used), own_css)
    return dict(zip(paths, _TRIMMED[key], strict=True))


#: this process's last trimmed stylesheets, by their inputs: a preview or a second build
#: in one process usually uses the same classes, and parsing the theme's CSS is a quarter
#: of a small site's build
_TRIMMED: dict[tuple[tuple[str, ...], frozenset[str], str], tuple[str, ...]] = {}
_TRIMMED_KEPT = 4


def _trim_all(originals: tuple[str, ...], used: frozenset[str], own_css: str) -> tuple[str, ...]:
    # trimmed, then parsed afresh: the trimmed at-rules hold rule nodes, not tokens
    sheets = [
        tinycss2.parse_stylesheet(trim_stylesheet(css, set(used)), skip_whitespace=True)
        for css in originals
    ]
    outside = {u for u in used if u.startswith("--")} | set(_VAR_REF.findall(own_css))
    read = read_properties(sheets, outside)
    return tuple(tinycss2.serialize(drop_unread_properties(rules, read)) for rules in sheets)
