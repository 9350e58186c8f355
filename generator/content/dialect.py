"""One YAML dialect for the build and the editor: plain values are read as YAML 1.2 reads them.

The build parses content with PyYAML, which follows YAML 1.1; editors' tools (the YAML
language server behind the ``# yaml-language-server: $schema=...`` line) read YAML 1.2 and
check the result against the JSON Schemas in ``schema/``. Where the two readings differ,
the underline in the editor and the build used to disagree: ``postcode: 07743`` was the
octal number 4067 to the build and 7743 to the editor; ``available: yes`` was true to the
build and the text "yes" (so an error) to the editor.

The choice made here: **the build reads such values the YAML 1.2 way**, so the schema and
the build agree on every value, and where the 1.2 reading is probably not what the editor
meant, the report says how to write it instead (:func:`reading`). ``postcode: 07743`` is
then the number 7743 in both, refused in both because a postcode is text, with the hint to
write ``"07743"``; ``available: yes`` is the text "yes" in both, refused where true or false
is expected, with the hint to write ``true``. ``tests/test_dialect.py`` checks both sides,
the editor's with the ``yaml`` package the language server uses and an independent JSON
Schema validator. Dates (``2025-01-01``) stay dates: the schema asks for the same text in
the ``date`` format, so both accept and refuse the same spellings.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

#: YAML 1.1 booleans that YAML 1.2 (core schema) reads as text
_BOOL_11_ONLY = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")
#: integers with a leading zero: octal in YAML 1.1, decimal in YAML 1.2
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9]+$")
#: 0o17: octal in YAML 1.2, text in YAML 1.1
_OCTAL_12 = re.compile(r"^0o[0-7]+$")
#: 0b101 (binary), 1:30 (base 60) and 1_000 (digit groups): numbers in YAML 1.1, text in 1.2
_NUMBER_11_ONLY = re.compile(
    r"^[-+]?(?:0b[01_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"
    r"|[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?|0x[0-9a-fA-F_]*_[0-9a-fA-F_]*)$"
)
#: 1e3: a number in YAML 1.2, text in YAML 1.1 (which needs a dot)
_EXPONENT_12 = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$")


def reading(node: yaml.Node) -> tuple[Any, str] | None:
    """The YAML 1.2 value of the plain scalar ``node`` and a hint for the report, when YAML
    1.1 (PyYAML) would read it differently; None when both read it alike."""
    if not isinstance(node, yaml.ScalarNode) or node.style:  # "" or None: plain (C, Python)
        return None
    value = node.value
    if _BOOL_11_ONLY.match(value):
        return value, (
            f"'{value}' is text in YAML 1.2, as editors' tools read it; "
            "write true or false where a yes/no answer is meant"
        )
    if _LEADING_ZERO.match(value):
        return int(value, 10), (
            f'a number with a leading zero loses it; write "{value}" in quotes '
            "(postcodes and regional keys are text)"
        )
    if _OCTAL_12.match(value):
        return int(value[2:], 8), f'write the number in decimal, or "{value}" in quotes'
    if _NUMBER_11_ONLY.match(value):
        return value, (
            f"'{value}' is text in YAML 1.2, as editors' tools read it; "
            "write a plain decimal number where a number is meant"
        )
    if _EXPONENT_12.match(value):
        return float(value), f'write the number out in decimal, or "{value}" in quotes'
    return None


def needs_quotes(value: str) -> bool:
    """True when the text ``value``, written plain, would be read back as a number by the
    build (YAML 1.2) although PyYAML's writer (YAML 1.1) sees no need to quote it:
    ``01999`` (a regional key with an 8 or 9 is no octal number to YAML 1.1), ``0o17``,
    ``1e3``. Writers of content files quote such values."""
    return bool(_LEADING_ZERO.match(value) or _OCTAL_12.match(value) or _EXPONENT_12.match(value))
