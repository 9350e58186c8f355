"""One YAML dialect: plain values that YAML 1.1 and YAML 1.2 read differently are refused.

The build reads content with PyYAML, which follows YAML 1.1; editors' tools (the YAML
language server behind the ``# yaml-language-server: $schema=...`` line) read YAML 1.2 and
check it against the JSON Schemas in ``schema/``. Where the two readings differ, the
underline in the editor and the build disagree: ``postcode: 07743`` is the number 4067 (an
octal number) to YAML 1.1 and 7743 to YAML 1.2, ``required: yes`` is true to one and the
text "yes" to the other.

The choice made here: such values are **refused** with a hint to quote them (or to write
``true``/``false``). Every value the build accepts then means the same to both readers, and
the JSON Schemas, which ask for text or true/false, reject the same spellings in the
editor (tested in ``tests/test_dialect.py`` with an independent JSON Schema validator).
Only unquoted (plain) scalars are affected; a quoted ``"07743"`` is text to everyone.
"""

from __future__ import annotations

import re

import yaml

#: YAML 1.1 booleans that YAML 1.2 (core schema) reads as text
_BOOL_11_ONLY = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")
#: integers with a leading zero: octal in YAML 1.1, decimal in YAML 1.2
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9_]+$")
#: 0o17 is octal in YAML 1.2 and text in YAML 1.1; 0x1F is a number in both, but not one an
#: editor means in a content file (and JSON Schema validators read it differently again)
_RADIX = re.compile(r"^[-+]?0(?:o[0-7_]+|x[0-9a-fA-F_]+|b[01_]+)$")
#: base 60 (1:30 is 90 in YAML 1.1, text in YAML 1.2)
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
#: digit groups (1_000 is 1000 in YAML 1.1, text in YAML 1.2)
_UNDERSCORE_NUMBER = re.compile(r"^[-+]?[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?$")
#: exponent without a dot (1e3 is text in YAML 1.1, a number in YAML 1.2)
_BARE_EXPONENT = re.compile(r"^[-+]?[0-9]+[eE][-+]?[0-9]+$")


def ambiguity(node: yaml.Node) -> str | None:
    """Why the plain scalar ``node`` means different things in YAML 1.1 and 1.2, with the
    fix; None when it means the same (or is quoted, or not a scalar)."""
    if not isinstance(node, yaml.ScalarNode) or node.style is not None:
        return None
    value = node.value
    if _BOOL_11_ONLY.match(value):
        return (
            f"'{value}' is true or false to some YAML readers and text to others; "
            f'write true or false, or "{value}" in quotes if you mean the text'
        )
    if _LEADING_ZERO.match(value):
        return (
            f"{value} has a leading zero, which YAML reads as an octal number "
            f"({_as_octal(value)}) or as {_as_decimal(value)} depending on the reader; "
            f'write "{value}" in quotes (postcodes and keys are text)'
        )
    if _RADIX.match(value):
        return (
            f"{value} is a number in another base, which YAML readers disagree about; "
            f'write the number in decimal, or "{value}" in quotes if you mean the text'
        )
    if _SEXAGESIMAL.match(value):
        return (
            f"{value} is a base-60 number to some YAML readers and text to others; "
            f'write "{value}" in quotes (times and ratios are text)'
        )
    if _UNDERSCORE_NUMBER.match(value):
        return (
            f"{value} is a number to some YAML readers and text to others; "
            f"write it without underscores ({value.replace('_', '')}), "
            f'or "{value}" in quotes'
        )
    if _BARE_EXPONENT.match(value):
        return (
            f"{value} is a number to some YAML readers and text to others; "
            f'write it out in decimal, or "{value}" in quotes'
        )
    return None


def _as_octal(value: str) -> str:
    digits = value.lstrip("+-").replace("_", "")
    try:
        return str(int(digits, 8))
    except ValueError:  # 08, 09: not octal either; YAML 1.1 then reads text or a float
        return "not a number"


def _as_decimal(value: str) -> str:
    return str(int(value.lstrip("+-").replace("_", "")))
