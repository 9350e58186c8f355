"""The words of the interface, in each language the site speaks, and how dates and money read.

Each language is one file, ``strings/<code>.yaml``, with the same keys as the source
language's ``de.yaml`` (``tests/test_i18n.py`` checks that): adding a language to the site is
that file, an entry in ``site.yaml``'s ``languages`` and translation files, and no code.
A file names the language in itself, its writing direction and how it writes dates and
euro amounts; its sections are read by the page templates (``labels``, ``shell``) and
handed to the scripts (``lookup``, ``search``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

STRINGS_DIR = Path(__file__).parent / "strings"
SECTIONS = ("language", "labels", "lookup", "search", "shell")


def _load() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(STRINGS_DIR.glob("*.yaml")):
        with path.open(encoding="utf-8") as f:
            out[path.stem] = yaml.safe_load(f)
    return out


#: language code -> its whole strings file
STRINGS: dict[str, dict[str, Any]] = _load()
LABELS: dict[str, dict[str, str]] = {k: v["labels"] for k, v in STRINGS.items()}
LOOKUP: dict[str, dict[str, str]] = {k: v["lookup"] for k, v in STRINGS.items()}
SEARCH: dict[str, dict[str, str]] = {k: v["search"] for k, v in STRINGS.items()}
SHELL: dict[str, dict[str, str]] = {k: v["shell"] for k, v in STRINGS.items()}
#: each language's name in that language, as the language switch shows it
LANGUAGE_NAMES: dict[str, str] = {k: v["language"]["name"] for k, v in STRINGS.items()}
#: writing direction, "ltr" or "rtl"
DIRECTION: dict[str, str] = {k: v["language"]["dir"] for k, v in STRINGS.items()}


def known(lang: str) -> bool:
    return lang in STRINGS


def format_date(value: date, lang: str) -> str:
    spec = STRINGS[lang]["language"]
    return spec["date"].format(
        d=value.day,
        dd=f"{value.day:02d}",
        mm=f"{value.month:02d}",
        month=spec["months"][value.month - 1],
        yyyy=value.year,
    )


def format_eur(value: float, lang: str) -> str:
    spec = STRINGS[lang]["language"]
    whole, _, cents = f"{value:,.2f}".partition(".")  # 10,000.00
    number = whole.replace(",", spec["thousands"]) + spec["decimal"] + cents
    return str(spec["eur"]).format(n=number)
