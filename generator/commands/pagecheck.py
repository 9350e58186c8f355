"""``servicefinder check-pages``: the accessibility rules a site's content can break,
checked on every built page without a browser.

A site repository's pull request must pass in a minute on any runner, with nothing but the
tool installed. The page shell and templates are the tool's and are checked in a real
browser with axe-core and the Nu HTML checker by the tool's own test suite; what varies
between sites is content, which reaches a page as text and Markdown. So this check reads
the built HTML with the standard library's parser and applies the WCAG rules that content
can break and that need no rendering (colour contrast and focus visibility do, and are
fixed by the tool's stylesheet): a language on every page and every passage, one title and
one h1, headings without skipped levels, a text alternative for every image, a name for
every link, button and form field, references that resolve, ids used once, a skip link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from generator.site.admin import is_admin_page

#: a BCP 47 tag as pages use them: language, optional script and region
_LANG = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?$")
_HEADING = re.compile(r"^h([1-6])$")
_NAMED_BY_CONTENT = {"a", "button"}
_FIELDS = {"input", "select", "textarea"}
_NO_LABEL_INPUTS = {"hidden", "submit", "reset", "button", "image"}
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


@dataclass
class PageFinding:
    page: str
    rule: str
    detail: str

    def format(self) -> str:
        return f"{self.page}: {self.rule}: {self.detail}"


@dataclass
class PageReport:
    pages: int = 0
    findings: list[PageFinding] = field(default_factory=list)


@dataclass
class _Open:
    """An element whose accessible name is its text: collected until it closes."""

    tag: str
    attrs: dict[str, str]
    line: int
    text: list[str] = field(default_factory=list)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[tuple[str, str]] = []
        self.ids: dict[str, int] = {}
        self.references: list[tuple[str, str, int]] = []  # (attribute, id, line)
        self.label_for: set[str] = set()
        self.fields: list[tuple[dict[str, str], int, bool]] = []  # attrs, line, in a label
        self.headings: list[tuple[int, int]] = []  # level, line
        self.html_lang: str | None = None
        self.title: list[str] = []
        self.in_title = False
        self.mains = 0
        self.named: list[_Open] = []
        self.labels = 0
        self.first_link: dict[str, str] | None = None
        self.skip_ignored = 0  # inside <script>, <style>, <template>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        line = self.getpos()[0]
        if tag in ("script", "style", "template"):
            self.skip_ignored += 1
        if "id" in a:
            if a["id"] in self.ids:
                self.problems.append(("duplicate-id", f"line {line}: id {a['id']!r} is used twice"))
            self.ids.setdefault(a["id"], line)
        for attribute in ("aria-labelledby", "aria-describedby", "aria-controls"):
            for ref in a.get(attribute, "").split():
                self.references.append((attribute, ref, line))
        if "lang" in a and not _LANG.match(a["lang"]):
            self.problems.append(("lang", f"line {line}: lang={a['lang']!r} is not a language tag"))
        if tag == "html":
            self.html_lang = a.get("lang", "")
        elif tag == "title":
            self.in_title = True
        elif tag == "main":
            self.mains += 1
        elif tag == "label":
            self.labels += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        elif tag == "img" and "alt" not in a and a.get("role") not in ("presentation", "none"):
            self.problems.append(
                ("image-alt", f"line {line}: image {a.get('src', '')!r} has no alt attribute")
            )
        elif (
            tag in _FIELDS
            and a.get("type", "text") not in _NO_LABEL_INPUTS
            and not ("md-toggle" in a.get("class", "").split() or "hidden" in a)
        ):  # the theme's state checkboxes are hidden by its stylesheet, never shown
            self.fields.append((a, line, self.labels > 0))
        if (m := _HEADING.match(tag)) and not self.skip_ignored:
            self.headings.append((int(m.group(1)), line))
        if tag == "a" and "href" in a and self.first_link is None:
            self.first_link = a
        if tag in _NAMED_BY_CONTENT and not (tag == "a" and "href" not in a):
            self.named.append(_Open(tag, a, line))
        if tag == "img" and self.named:  # an image's alt names the link around it
            self.named[-1].text.append(a.get("alt", ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self.skip_ignored:
            self.skip_ignored -= 1
        elif tag == "title":
            self.in_title = False
        elif tag == "label" and self.labels:
            self.labels -= 1
        elif tag in _NAMED_BY_CONTENT and self.named and self.named[-1].tag == tag:
            element = self.named.pop()
            if not _has_name(element.attrs, "".join(element.text)):
                what = "link" if tag == "a" else "button"
                self.problems.append(
                    (f"{what}-name", f"line {element.line}: {what} has no text or label")
                )
            if self.named:  # a name inside counts for the element around it too
                self.named[-1].text.extend(element.text)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if self.named and not self.skip_ignored:
            self.named[-1].text.append(data)

    def finish(self) -> list[tuple[str, str]]:
        if not self.html_lang:
            self.problems.append(("lang", "the page has no lang attribute on <html>"))
        if not "".join(self.title).strip():
            self.problems.append(("title", "the page has no title"))
        if self.mains != 1:
            self.problems.append(("main", f"expected one <main> landmark, found {self.mains}"))
        h1 = [line for level, line in self.headings if level == 1]
        if len(h1) != 1:
            self.problems.append(("h1", f"expected one h1, found {len(h1)}"))
        previous = 0
        for level, line in self.headings:
            if previous and level > previous + 1:
                self.problems.append(
                    ("heading-order", f"line {line}: h{level} follows h{previous}; "
                     f"use h{previous + 1} (a heading level was skipped)")
                )  # fmt: skip
            previous = level
        for attribute, ref, line in self.references:
            if ref not in self.ids:
                self.problems.append(
                    ("reference", f"line {line}: {attribute} names {ref!r}, which no element has")
                )
        for attrs, line, in_label in self.fields:
            labelled = (
                in_label
                or attrs.get("id", "\0") in self.label_for
                or _has_name(attrs, "")
                or attrs.get("title", "").strip()
            )
            if not labelled:
                self.problems.append(("field-label", f"line {line}: form field has no label"))
        link = self.first_link
        skip = link is not None and link.get("href", "").startswith("#")
        if not skip or (link is not None and link["href"][1:] not in self.ids):
            self.problems.append(
                ("skip-link", "the first link does not lead to an element of the page")
            )
        return self.problems


def _has_name(attrs: dict[str, str], text: str) -> bool:
    return bool(
        " ".join(text.split())
        or attrs.get("aria-label", "").strip()
        or attrs.get("aria-labelledby", "").strip()
    )


def check_page(html: str) -> list[tuple[str, str]]:
    """(rule, detail) for every problem of one page."""
    page = _Page()
    page.feed(html)
    page.close()
    return page.finish()


def check_pages(site: Path) -> PageReport:
    """Every HTML page of the built ``site``, checked."""
    report = PageReport()
    for path in sorted(site.rglob("*.html")):
        shown = path.relative_to(site).as_posix()
        text = path.read_text(encoding="utf-8")
        if is_admin_page(shown, text):  # the editor's shell: the CMS makes its content
            continue
        report.pages += 1
        for rule, detail in check_page(text):
            report.findings.append(PageFinding(shown, rule, detail))
    return report
