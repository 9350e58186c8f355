"""Where the official text of a law lives, so legal-basis entries become links.

The federal laws are published at gesetze-im-internet.de under a fixed scheme
(``/<code>/__<section>.html``); a law not listed here needs an explicit ``url``.
"""

from __future__ import annotations

from urllib.parse import quote

_BASE = "https://www.gesetze-im-internet.de"

#: abbreviation -> (path code at gesetze-im-internet.de, full German title)
FEDERAL: dict[str, tuple[str, str]] = {
    "SGB I": ("sgb_1", "Erstes Buch Sozialgesetzbuch"),
    "SGB II": (
        "sgb_2",
        "Zweites Buch Sozialgesetzbuch – Grundsicherung für Arbeitsuchende",
    ),
    "SGB IX": ("sgb_9_2018", "Neuntes Buch Sozialgesetzbuch – Rehabilitation und Teilhabe"),
    "SGB X": ("sgb_10", "Zehntes Buch Sozialgesetzbuch – Sozialverwaltungsverfahren"),
    "SGB XII": ("sgb_12", "Zwölftes Buch Sozialgesetzbuch – Sozialhilfe"),
    "SGG": ("sgg", "Sozialgerichtsgesetz"),
    "VwVfG": ("vwvfg", "Verwaltungsverfahrensgesetz"),
}


def is_known(law: str) -> bool:
    return law in FEDERAL


def law_title(law: str) -> str | None:
    entry = FEDERAL.get(law)
    return entry[1] if entry else None


def law_url(law: str, section: str | None) -> str | None:
    """The official page of ``law`` (and its ``section``), or None for unknown laws."""
    entry = FEDERAL.get(law)
    if entry is None:
        return None
    code = entry[0]
    if section:  # the section is the editor's text: percent-encoded, it stays in its path
        return f"{_BASE}/{code}/__{quote(section.replace(' ', ''), safe='')}.html"
    return f"{_BASE}/{code}/"
