"""The trimmed KERN stylesheet keeps only what the site uses: every KERN token it or the
branding declares is read by a rule, every token a rule reads is declared, and every
component class it styles is named by a template."""

from __future__ import annotations

import re

from tests.helpers import REPO

ASSETS = REPO / "site_overrides/assets"
KERN = (ASSETS / "kern.css").read_text(encoding="utf-8")
OWN = (ASSETS / "servicefinder.css").read_text(encoding="utf-8")
BRANDING = (REPO / "generator/site/branding.py").read_text(encoding="utf-8")
TEMPLATES = "".join(p.read_text(encoding="utf-8") for p in (REPO / "templates").glob("*.html"))


def test_every_kern_token_is_declared_and_read():
    declared = set(re.findall(r"(--kern-[a-z0-9-]+):", KERN))
    declared |= set(re.findall(r'"(--kern-[a-z0-9-]+)"', BRANDING))
    read = set(re.findall(r"var\((--kern-[a-z0-9-]+)", KERN + OWN))
    assert declared - read == set()
    assert read - declared == set()


def test_every_kern_component_class_is_used_by_a_template():
    styled = set(re.findall(r"\.(kern-[a-z0-9_-]+)", KERN))
    assert styled, "kern.css styles no component"
    assert {c for c in styled if c not in TEMPLATES} == set()


def test_the_licence_travels_with_the_stylesheet():
    assert KERN.startswith("/*! KERN UX-Standard") and "EUPL-1.2" in KERN.split("*/")[0]
    assert (
        (REPO / "generator/site/vendor/LICENSE.kern")
        .read_text(encoding="utf-8")
        .startswith("# EUROPÄISCHE UNION PUBLIC LICENCE v. 1.2")
    )
