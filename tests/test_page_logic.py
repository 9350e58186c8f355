"""Page logic: each fact once, flags that depend on place or case worded so, and the 115
contact a fallback under found offices but the answer where none is listed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from generator.content.catalogue import load_catalogue
from generator.site.i18n import LABELS
from generator.site.render import render_site
from tests.helpers import REPO, TODAY

T = LABELS["de"]


def pages(catalogue=None) -> dict[str, str]:
    if catalogue is None:
        catalogue, _ = load_catalogue(REPO / "content", root=REPO, today=TODAY)
    return {p.url: p.html for p in render_site(REPO / "templates", catalogue, TODAY)}


@pytest.mark.slow
def test_example_project_flags_appear_once_and_a_varying_flag_says_so():
    html = pages()["leistungen/hilfe-zum-lebensunterhalt/"]
    assert html.count('class="sf-flags"') == 1
    assert f"{T['flag_personal']}: <strong>{T['flag_varies']}</strong>" in html
    assert f"{T['flag_personal']}: <strong>{T['yes']}</strong>" not in html
    assert f"{T['flag_online']}: <strong>{T['no']}</strong>" in html


@pytest.mark.slow
def test_example_project_115_is_a_fallback_under_offices_and_the_answer_where_none():
    catalogue, _ = load_catalogue(REPO / "content", root=REPO, today=TODAY)
    html = pages(catalogue)["leistungen/hilfe-zum-lebensunterhalt/"]
    assert f"<h3>{T['fallback']}</h3>" in html and f"<h3>{T['fallback_answer']}</h3>" not in html
    assert "Wir konnten keine zuständige Stelle finden" not in html
    none = replace(catalogue, authorities=())
    html = pages(none)["leistungen/hilfe-zum-lebensunterhalt/"]
    assert f"<h3>{T['fallback_answer']}</h3>" in html and f"<h3>{T['fallback']}</h3>" not in html
    assert T["no_authority"] in html
