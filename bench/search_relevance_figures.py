"""Relevance of the site search, measured in Chromium, beside Pagefind over the same site.

Usage: ``.venv/bin/python bench/search_relevance_figures.py`` (after ``npm ci`` in
``bench/``, which installs Pagefind with its binary). Builds the example site, serves it on
127.0.0.1 and types every query of ``tests/search_relevance_questions.yaml`` (issue 32:
questions as typed, five languages, misspellings, benefits the site does not describe)
into the real search page of its language, then runs Pagefind's own browser search over
an index Pagefind built of the same site. Prints a table per engine and language, the
queries each engine missed, and the figures of the two earlier sets
(``tests/search_relevance.yaml``, ``tests/search_relevance_everyday.yaml``) for the site
search. Asserts nothing.

What is counted, for both engines alike:

- *first*, *top 3*: of the queries a service answers, those whose first (first three)
  services listed as the answer include an expected one. For Pagefind only service pages
  count (its other results, topic and office pages, are skipped), which favours it.
- *empty*: of the queries a service answers (every one has a content word on the site),
  those whose result page showed nothing at all: no answer, no "mentioned in", no "not
  here" note.
- *presented*: of the queries for benefits the site does not describe, those for which a
  service was presented as the answer (for Pagefind: any service page among its results).
- *not here*: of those, how many got the "not here, but there" answer (Pagefind has none).
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from synthetic import build, copy_example  # noqa: E402

from generator.site import routes  # noqa: E402
from tests.browser.conftest import CHROMIUM_ARGS, chromium_path  # noqa: E402
from tests.browser.relevance import evaluate, load_cases  # noqa: E402

QUESTIONS = REPO / "tests/search_relevance_questions.yaml"
PAGEFIND = REPO / "bench/node_modules/.bin/pagefind"
LANGS = ("de", "en", "uk", "ar", "tr")

#: what the site search shows for the query typed into the open search page
OURS = """async (q) => {
  const input = document.querySelector('#sf-q');
  document.querySelector('[data-sf-count]').textContent = '';
  input.value = q;
  input.form.requestSubmit();
  const ids = (sel) => Array.from(document.querySelectorAll(sel)).map(a => a.href);
  const shown = (sel) => !!document.querySelector(sel) && !document.querySelector(sel).hidden;
  return {answers: ids('[data-sf-results] a'),
          mentions: shown('[data-sf-mentioned]') ? ids('[data-sf-mentioned] a') : [],
          away: shown('[data-sf-elsewhere]')};
}"""

#: Pagefind's own search API in a page of the query's language (Pagefind picks the index
#: of the page's <html lang>)
PAGEFIND_PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<title>Pagefind</title></head><body><script type="module">
window.pagefind = await import("/pagefind/pagefind.js");
await window.pagefind.init();
window.ready = true;
</script></body></html>"""
PAGEFIND_QUERY = """async (q) => {
  const search = await window.pagefind.search(q);
  const data = await Promise.all(search.results.slice(0, 20).map(r => r.data()));
  return data.map(d => d.url);
}"""


@dataclass
class Tally:
    queries: int = 0
    answerable: int = 0
    first: int = 0
    top3: int = 0
    empty: int = 0
    away_queries: int = 0
    presented: int = 0
    not_here: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("queries", "answerable", "first", "top3", "empty"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("away_queries", "presented", "not_here"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses

    def row(self, label: str) -> str:
        first = self.first / self.answerable if self.answerable else 0
        top3 = self.top3 / self.answerable if self.answerable else 0
        return (
            f"| {label:<14} | {self.queries:>3} | {first:5.3f} ({self.first}/{self.answerable})"
            f" | {top3:5.3f} ({self.top3}/{self.answerable}) | {self.empty:>3} | "
            f"{self.presented}/{self.away_queries} | {self.not_here}/{self.away_queries} |"
        )


HEADER = (
    "| engine, lang   |   n | right service first | in the top 3 | empty | presented "
    "(out of scope) | not here shown |\n|---|---|---|---|---|---|---|"
)


def service_pages() -> dict[str, str]:
    """Site path of every service page (full text and easy variant, every language) ->
    its service id."""
    ids = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))["services"].values()
    pages = {}
    for sid in ids:
        for lang in LANGS:
            pages[routes.service(sid, lang)] = sid
            pages[routes.service(sid, lang, easy=True)] = sid
    return pages


def service_ids(urls: list[str], base: str, pages: dict[str, str]) -> list[str]:
    out = []
    for url in urls:
        path = url.removeprefix(base).lstrip("/").split("?")[0].split("#")[0]
        sid = pages.get(path)
        if sid and sid not in out:
            out.append(sid)
    return out


def tally(case: dict, answers: list[str], shown_anything: bool, away: bool) -> Tally:
    t = Tally(queries=1)
    expect = case["expect"]
    if not expect:
        t.away_queries = 1
        t.presented = int(bool(answers))
        t.not_here = int(away)
        if answers:
            t.misses.append(f"{case['q']!r} ({case['lang']}): presented {answers[:3]}")
        return t
    t.answerable = 1
    t.first = int(bool(answers) and answers[0] in expect)
    t.top3 = int(any(a in expect for a in answers[:3]))
    t.empty = int(not shown_anything)
    if not t.first:
        t.misses.append(f"{case['q']!r} ({case['lang']}): {answers[:3] or 'nothing'}")
    return t


def cases() -> list[dict]:
    data = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    short = data["services"]
    out = []
    for case in data["queries"]:
        out.append(
            {**case, "lang": case.get("lang", "de"), "expect": [short[e] for e in case["expect"]]}
        )
    return out


def run_ours(page, base: str, queries: list[dict]) -> dict[str, Tally]:
    pages = service_pages()
    result = {lang: Tally() for lang in LANGS}
    for lang in LANGS:
        page.goto(base + routes.search(lang))
        page.wait_for_selector(".sf-search--ready")
        for case in (c for c in queries if c["lang"] == lang):
            shown = page.evaluate(OURS, case["q"])
            answers = service_ids(shown["answers"], base, pages)
            mentions = service_ids(shown["mentions"], base, pages)
            anything = bool(answers or mentions or shown["away"])
            result[lang].add(tally(case, answers, anything, shown["away"]))
    return result


def run_pagefind(page, base: str, site: Path, queries: list[dict]) -> dict[str, Tally]:
    pages = service_pages()
    result = {lang: Tally() for lang in LANGS}
    for lang in LANGS:
        (site / f"pagefind-{lang}.html").write_text(
            PAGEFIND_PAGE.format(lang=lang), encoding="utf-8"
        )
        page.goto(base + f"pagefind-{lang}.html")
        page.wait_for_function("window.ready === true")
        for case in (c for c in queries if c["lang"] == lang):
            urls = page.evaluate(PAGEFIND_QUERY, case["q"])
            answers = service_ids([base + u.lstrip("/") for u in urls], base, pages)
            result[lang].add(tally(case, answers, bool(urls), False))
    return result


def table(name: str, per_lang: dict[str, Tally]) -> str:
    total = Tally()
    rows = []
    for lang, t in per_lang.items():
        total.add(t)
        rows.append(t.row(f"{name}, {lang}"))
    return "\n".join([*rows, total.row(f"{name}, all")]), total


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    from playwright.sync_api import sync_playwright

    if not PAGEFIND.exists():
        sys.exit("Pagefind is missing: run `npm ci` in bench/")
    version = subprocess.run(
        [str(PAGEFIND), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    queries = cases()
    first = load_cases(REPO / "tests/search_relevance.yaml")
    for case in first:  # the first set names one service per query
        case["expect"] = [case["expect"]]
    with tempfile.TemporaryDirectory() as tmp:
        site = build(copy_example(Path(tmp) / "example"))
        indexed = subprocess.run(
            [str(PAGEFIND), "--site", str(site)], capture_output=True, text=True
        )
        if indexed.returncode != 0:
            sys.exit(indexed.stdout + indexed.stderr)
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site))
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = browser.new_page()
            ours = run_ours(page, base, queries)
            theirs = run_pagefind(page, base, site, queries)
            n = len(queries)
            print(
                f"{QUESTIONS.relative_to(REPO)}: {n} queries, "
                f"{sum(c['lang'] == 'de' for c in queries)} German, "
                f"{sum(bool(c.get('question')) for c in queries)} questions or phrases, "
                f"{sum(bool(c.get('typo')) for c in queries)} misspelt, "
                f"{sum(not c['expect'] for c in queries)} out of scope\n"
            )
            print(HEADER)
            rows_ours, total_ours = table("site search", ours)
            rows_theirs, total_theirs = table(version, theirs)
            print(rows_ours)
            print(rows_theirs)
            for label, total in (("site search", total_ours), (version, total_theirs)):
                print(f"\n{label}: {len(total.misses)} misses")
                for miss in total.misses:
                    print(f"  {miss}")
            print()
            sets = {
                "first set (tests/search_relevance.yaml)": first,
                "everyday set (tests/search_relevance_everyday.yaml)": load_cases(
                    REPO / "tests/search_relevance_everyday.yaml"
                ),
            }
            for label, cases_ in sets.items():
                figures = evaluate(page, base, cases_)
                print(f"site search, {label}\n  {figures.report()}")
                for query, found in figures.misses:
                    print(f"  missed: {query!r} -> {found}")
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
