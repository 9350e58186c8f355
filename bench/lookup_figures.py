"""Size of the lookup data and time from the last keystroke to the answer in Chromium.

Usage: ``.venv/bin/python bench/lookup_figures.py [path/to/shared/data/geo]``. Builds the
example site, and a Germany-sized one from the whole-country files (imported, never
committed), serves each on 127.0.0.1 and types into the lookup with Debian's Chromium.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import shutil
import statistics
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

sys.path.insert(0, str(REPO / "bench"))

from synthetic import build, copy_example  # noqa: E402

from generator.content.catalogue import load_catalogue  # noqa: E402
from generator.infra.clock import build_date  # noqa: E402
from generator.places.gazetteer import write_gazetteer  # noqa: E402
from generator.places.importers import build_gazetteer  # noqa: E402
from generator.site.lookup_data import lookup_files  # noqa: E402

GEO = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared/data/geo"


def kb(n: int) -> str:
    return f"{n / 1024:7.1f} KB"


def sizes(label: str, files: dict[str, str]) -> None:
    groups: dict[str, list[bytes]] = {}
    for path, text in files.items():
        kind = Path(path).name.split("-")[0].split(".")[0]
        groups.setdefault(kind, []).append(text.encode())
    print(f"\n{label}: {len(files)} files")
    print(f"  {'kind':<10}{'files':>6}{'total raw':>12}{'total gzip':>12}{'largest gzip':>14}")
    for kind, blobs in sorted(groups.items()):
        gz = [len(gzip.compress(b, 9)) for b in blobs]
        print(
            f"  {kind:<10}{len(blobs):>6}{kb(sum(map(len, blobs))):>12}{kb(sum(gz)):>12}"
            f"{kb(max(gz)):>14}"
        )
    total = sum(len(t.encode()) for t in files.values())
    total_gz = sum(len(gzip.compress(t.encode(), 9)) for t in files.values())
    print(f"  all: {kb(total)} raw, {kb(total_gz)} gzip")


def project(tmp: Path, germany: bool) -> Path:
    root = copy_example(tmp / ("germany" if germany else "example"))
    if germany:
        g = build_gazetteer(
            GEO / "destatis-gv-2020q4-grundeinkommensbuero/AuszugGV4QAktuell.csv",
            GEO / "pcvolkmer-ags-example/ags.csv",
        )
        write_gazetteer(g, root / "content/places")
    return root


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


KEYSTROKE = """async ([selector, text]) => {
    const input = document.querySelector(selector);
    const answer = document.querySelector('[data-sf-answer]');
    input.focus(); input.value = '';
    answer.textContent = '';
    const done = new Promise(resolve => new MutationObserver((_, obs) => {
        if (answer.textContent.includes('Zuständig')) { obs.disconnect(); resolve(); }
    }).observe(answer, {childList: true, subtree: true, characterData: true}));
    input.value = text;
    const start = performance.now();
    input.dispatchEvent(new Event('input', {bubbles: true}));
    await done;
    return performance.now() - start;
}"""


def timings(site: Path, label: str) -> None:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/leistungen/hilfe-zum-lebensunterhalt/"
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for case in ("37154", "07751"):
            cold, warm = [], []
            for _ in range(5):
                page = browser.new_page()
                page.goto(url)
                if case == "07751":  # a shared postcode: time until the question appears
                    js = KEYSTROKE.replace("includes('Zuständig')", "includes('mehreren')")
                else:
                    js = KEYSTROKE
                cold.append(page.evaluate(js, ["#sf-place-sozialamt", case]))
                warm.append(page.evaluate(js, ["#sf-place-sozialamt", case]))
                page.close()
            print(
                f"  {label} {case}: last keystroke -> answer {statistics.median(cold):6.1f} ms "
                f"first time (fetches data), {statistics.median(warm):5.1f} ms after"
            )
        browser.close()
    server.shutdown()


def main() -> None:
    catalogue, _ = load_catalogue(REPO / "content", root=REPO, today=build_date())
    sizes("example gazetteer", lookup_files(catalogue).files)
    with tempfile.TemporaryDirectory() as tmp:
        example = build(project(Path(tmp), germany=False))
        have_germany = GEO.is_dir()
        if have_germany:
            germany_root = project(Path(tmp), germany=True)
            germany_catalogue, _ = load_catalogue(
                germany_root / "content", root=germany_root, today=build_date()
            )
            sizes(
                "whole-country gazetteer (Destatis 2020 + postcode file)",
                lookup_files(germany_catalogue).files,
            )
            germany = build(germany_root)
        print("\ntime in Chromium (median of 5):")
        timings(example, "example")
        if have_germany:
            timings(germany, "germany")


if __name__ == "__main__":
    main()
