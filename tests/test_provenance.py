"""Provenance per block: an office's page labels exactly the details that are example
data, says where to ask where nothing is known, and lists of offices carry the label."""

from __future__ import annotations

from dataclasses import replace

import pytest

from generator.content.catalogue import load_catalogue
from generator.content.schema import Accessibility, OpeningHours
from generator.site.i18n import LABELS
from generator.site.render import render_site
from tests.helpers import REPO, TODAY

T = LABELS["de"]


def pages_with(office_id: str, **update) -> dict[str, str]:
    catalogue, _ = load_catalogue(REPO / "content", root=REPO, today=TODAY)
    offices = tuple(
        a.model_copy(update=update) if a.id == office_id else a for a in catalogue.authorities
    )
    catalogue = replace(catalogue, authorities=offices)
    return {p.url: p.html for p in render_site(REPO / "templates", catalogue, TODAY)}


def section(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    return html[start : html.index("</section>", start)]


@pytest.mark.slow
def test_example_project_an_example_field_carries_its_label_and_a_real_one_does_not():
    hours = [OpeningHours(days="Montag", hours="9 bis 12 Uhr")]
    pages = pages_with("stadt-jena-sozialamt", opening_hours=hours, example_data=["hours"])
    html = pages["behoerden/stadt-jena-sozialamt/"]
    assert T["example_hours"] in section(html, "oeffnungszeiten")
    assert T["example_data"] not in section(html, "kontakt")  # contact given as real here

    pages = pages_with("stadt-jena-sozialamt", opening_hours=hours, example_data=["contact"])
    html = pages["behoerden/stadt-jena-sozialamt/"]
    assert T["example_hours"] not in html
    assert T["example_data"] in section(html, "kontakt")


@pytest.mark.slow
def test_example_project_unknown_hours_and_access_show_nothing_invented_and_where_to_ask():
    pages = pages_with("stadt-jena-sozialamt")
    html = pages["behoerden/stadt-jena-sozialamt/"]
    assert T["hours_unknown"] in section(html, "oeffnungszeiten")
    assert T["accessibility_unknown"] in section(html, "barrierefreiheit")
    assert T["wheelchair_yes"] not in html and T["wheelchair_no"] not in html

    access = Accessibility(wheelchair_accessible=True)
    pages = pages_with("stadt-jena-sozialamt", accessibility=access, example_data=True)
    html = pages["behoerden/stadt-jena-sozialamt/"]
    assert T["wheelchair_yes"] in section(html, "barrierefreiheit")
    assert T["accessibility_unknown"] not in html
    assert T["example_accessibility"] not in html  # true means the contact block only


@pytest.mark.slow
def test_example_project_the_offices_list_labels_offices_with_example_data():
    pages = pages_with("stadt-jena-sozialamt", example_data=False)
    html = pages["behoerden/"]
    items = html.split("<li>")[1:]
    jena = next(i for i in items if "Hilfe zum Lebensunterhalt" in i and "Stadt Jena" in i)
    northeim = next(i for i in items if "Sozialhilfe" in i and "Northeim" in i)
    assert T["example_in_list"] not in jena
    assert T["example_in_list"] in northeim


@pytest.mark.slow
def test_example_project_example_offices_invent_no_hours_access_or_appointments():
    """Where an office's contact is example data, no source gave more: nothing else about
    it is made up. An office added with its real details is not concerned."""
    catalogue, _ = load_catalogue(REPO / "content", root=REPO, today=TODAY)
    examples = [office for office in catalogue.authorities if office.invented("contact")]
    assert examples
    for office in examples:
        assert office.opening_hours == [] and office.accessibility is None, office.id
        assert office.appointment_note is None, office.id
