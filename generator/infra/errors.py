"""Problems found in content, reported as ``file:line:col: field: message``.

Every stage collects problems instead of raising on the first one, so an editor sees all
mistakes of a pull request in one run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

#: characters a terminal acts on (C0 and C1 controls, DEL, bidirectional overrides); a
#: file name or value holding them must not move the cursor, recolour or reorder a report
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``, ``\\n``)."""
    return _UNSAFE.sub(_escape_char, text)


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char) or (
        f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    )


def github_data(text: str) -> str:
    """The message part of a GitHub workflow command (``::error ...::message``)."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return terminal_safe(escaped)


def github_property(text: str) -> str:
    """A property value (``file=...``): ``:`` and ``,`` would end it early."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True, order=True)
class Problem:
    """One finding in one place. ``severity``: ``error`` (stops the build), ``warning``
    (stops it with --strict) or ``notice`` (freshness: reported, never stops a build)."""

    file: str
    line: int
    column: int
    field: str
    message: str
    severity: str = "error"

    def format(self) -> str:
        """The line an editor reads: ``path:line:col: field: message``."""
        where = f"{terminal_safe(self.file)}:{self.line}:{self.column}"
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        field = f"{terminal_safe(self.field)}: " if self.field else ""
        return f"{where}: {prefix}{field}{terminal_safe(self.message)}"


class ContentError(Exception):
    """Raised once, after every check ran, when the content has errors."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = in_report_order(problems)
        super().__init__(summary(self.problems))

    def report(self) -> str:
        return "\n".join([*(p.format() for p in self.problems), summary(self.problems)])


_RANK = {"error": 0, "warning": 1, "notice": 2}


def in_report_order(problems: Iterable[Problem]) -> list[Problem]:
    """Errors first, then warnings (fatal with --strict), then notices; each group in file
    order. The first line an editor reads is then always one that stops the build."""
    return sorted(problems, key=lambda p: (_RANK.get(p.severity, 3), p))


def summary(problems: list[Problem], *, strict: bool = False) -> str:
    """``3 errors in 2 files`` (plus warnings), the closing line of a report."""
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    files = {p.file for p in errors}
    parts = [f"{_plural(len(errors), 'error')} in {_plural(len(files), 'file')}"]
    if warnings:
        parts.append(
            _plural(len(warnings), "warning") + (" (fatal with --strict)" if strict else "")
        )
    notices = [p for p in problems if p.severity == "notice"]
    if notices:
        parts.append(_plural(len(notices), "notice"))
    return ", ".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def display_path(path: Path, root: Path) -> str:
    """The path as the editor knows it: relative to the project when it lies inside."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
