"""What the live preview says to the editor: its address, a busy port, and a banner with
what is wrong, most urgent first.

The banner lists errors (the page shows the last good content), then warnings that fail
``--strict`` (so ``make site`` and the pull request check refuse them), and the freshness
notices last, folded away: eleven notices before the one real error hid it.
"""

from __future__ import annotations

import errno
import socket
from collections.abc import Callable, Iterable
from typing import Any

from markupsafe import escape

from generator.infra.errors import Problem, in_report_order

_HEADINGS = {
    "error": (
        "Die letzte Änderung enthält Fehler",
        "Die Vorschau zeigt den letzten fehlerfreien Stand. Bitte korrigieren Sie:",
    ),
    "warning": (
        "Warnungen: make site und die Prüfung im Pull-Request lehnen sie ab (--strict)",
        "Die Vorschau zeigt die Änderung. Bitte korrigieren Sie vor dem Veröffentlichen:",
    ),
}


def banner(problems: list[Problem]) -> str:
    """The block shown above every page of the preview; empty when nothing is to do."""
    ordered = in_report_order(problems)
    parts = []
    for severity, (heading, intro) in _HEADINGS.items():
        found = [p for p in ordered if p.severity == severity]
        if found:
            parts.append(f"<h2>{heading}</h2><p>{intro}</p>{_items(found)}")
    notices = [p for p in ordered if p.severity == "notice"]
    if notices:
        parts.append(
            f"<details><summary>{len(notices)} Hinweise zur Aktualität (halten den Bau "
            f"nicht auf)</summary>{_items(notices)}</details>"
        )
    if not any(p.severity in _HEADINGS for p in problems):
        return ""
    role = "alert" if any(p.severity == "error" for p in problems) else "status"
    return f'<div class="sf-build-errors" role="{role}">{"".join(parts)}</div>'


def _items(problems: list[Problem]) -> str:
    return (
        "<ul>" + "".join(f"<li><code>{escape(p.format())}</code></li>" for p in problems) + "</ul>"
    )


def split_address(dev_addr: str) -> tuple[str, int]:
    host, _, port = dev_addr.rpartition(":")
    return host or "127.0.0.1", int(port)


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        try:
            s.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return False
            raise
    return True


def choose_address(dev_addr: str, *, explicit: bool, tries: int = 20) -> tuple[str | None, str]:
    """The address to serve on, and what to tell the editor about it.

    The default port, when busy (another preview still running), gives way to the next free
    one; a port the editor chose is not changed behind their back: the message says it is
    busy and how to choose another."""
    host, port = split_address(dev_addr)
    if port_is_free(host, port):
        return dev_addr, ""
    if explicit:
        return None, (
            f"port {port} on {host} is busy: the address is in use by another preview or "
            f"server; stop it, or choose another port: --dev-addr {host}:{port + 1}"
        )
    for candidate in range(port + 1, port + 1 + tries):
        if port_is_free(host, candidate):
            return f"{host}:{candidate}", f"port {port} is busy; using port {candidate}"
    return None, (
        f"ports {port} to {port + tries} on {host} are all busy; "
        "choose a free one with --dev-addr HOST:PORT"
    )


WSGIApp = Callable[[dict[str, Any], Any], Iterable[bytes]]


def refusing_bad_addresses(app: WSGIApp) -> WSGIApp:
    """The preview's server application, answering an address no file can have (a NUL,
    as in ``GET /%00``) with 400 instead of letting the file lookup fail with a 500 and a
    traceback in the editor's terminal."""

    def serve(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        if "\x00" in environ.get("PATH_INFO", ""):
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"400 Bad Request: the address holds a NUL character\n"]
        return app(environ, start_response)

    return serve
