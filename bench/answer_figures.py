"""Where each service page answers "what does it cost, what do I bring, where do I go",
measured in Chromium at 360 x 640 px (a small phone).

Usage: ``.venv/bin/python bench/answer_figures.py [SITE_DIR]`` (default ``site/``, as
``make site`` builds it). Serves the built site on 127.0.0.1, opens every service page and
every easy-language page and prints where each answer starts, in screens from the top
(1.0 = one full screen down). Asserts nothing; the browser test
``tests/browser/test_answers.py`` holds the limit.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser.answers import ANSWERS, PHONE, answer_screens, service_pages  # noqa: E402
from tests.browser.conftest import CHROMIUM_ARGS, chromium_path  # noqa: E402


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "site"
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    from playwright.sync_api import sync_playwright

    pages = service_pages(site)
    worst = dict.fromkeys(ANSWERS, 0.0)
    print(f"answer start in screens at {PHONE['width']} x {PHONE['height']} px "
          f"({len(pages)} pages)")  # fmt: skip
    print(f"{'page':70} " + " ".join(f"{k:>9}" for k in ANSWERS))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        for path in pages:
            page.goto(base + path)
            screens = answer_screens(page)
            cells = []
            for key in ANSWERS:
                value = screens[key]
                cells.append(f"{'-' if value is None else f'{value:.2f}':>9}")
                if value is not None:
                    worst[key] = max(worst[key], value)
            print(f"{path:70} " + " ".join(cells))
        browser.close()
    server.shutdown()
    print(f"{'latest start':70} " + " ".join(f"{worst[k]:9.2f}" for k in ANSWERS))


if __name__ == "__main__":
    main()
