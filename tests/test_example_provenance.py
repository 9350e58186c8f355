"""Example data is never published as fact: in HSDS every record holding a value an office
marks as example data carries the example-data attribute (a value HSDS cannot mark is left
out), schema.org JSON-LD leaves such values out, and the page labels exactly the lines that
are made up, while a real address keeps no label."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from generator.content.catalogue import load_catalogue
from generator.content.model import Catalogue
from generator.site import hsds
from generator.site.exports import export_files
from generator.site.i18n import LABELS
from generator.site.render import render_site
from tests.helpers import TODAY
from tests.project_fixture import (
    ASSISTANCE_OFFICE,
    REPO,
    WELFARE_OFFICE,
    WELFARE_OFFICE_YAML,
    small_project,
)
from tests.test_open_data import errors, hsds_validator, needs_hsds

#: the welfare office of the small project with a real address and everything else made up
PARTLY_INVENTED = WELFARE_OFFICE_YAML.replace(
    "example_data: true",
    "appointment_note: Termine nur nach Vereinbarung (Testdaten).\n"
    "example_data: [phone, email, hours, appointment, accessibility]",
).replace(
    "  wheelchair_accessible: true\n",
    "  wheelchair_accessible: true\n  notes: Eingang über den Hof (Testdaten).\n",
)
REAL_STREET = "Teststraße 2"


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    assert "example_data: [phone" in PARTLY_INVENTED and "notes: Eingang" in PARTLY_INVENTED
    project = small_project(
        tmp_path_factory.mktemp("p"),
        {f"content/authorities/{WELFARE_OFFICE}.yaml": PARTLY_INVENTED},
    )
    catalogue, _ = load_catalogue(project / "content", root=project, today=TODAY)
    return catalogue


def invented_values(catalogue: Catalogue) -> dict[str, str]:
    """Every value the content marks as example data, with the block it belongs to."""
    out: dict[str, str] = {}
    for a in catalogue.authorities:
        if a.invented("address"):
            out[a.address.street] = "address"
        if a.phone and a.invented("phone"):
            out[a.phone] = "phone"
        if a.email and a.invented("email"):
            out[a.email] = "email"
        if a.invented("hours"):
            out.update({h.hours: "hours" for h in a.opening_hours})
        if a.appointment_note and a.invented("appointment"):
            out[a.appointment_note] = "appointment"
        if a.accessibility and a.accessibility.notes and a.invented("accessibility"):
            out[a.accessibility.notes] = "accessibility"
    return out


def _marked(record: dict[str, Any]) -> bool:
    return any(
        (attr.get("taxonomy_term") or {}).get("code") == "example_data"
        and attr.get("taxonomy_term_id") == hsds.EXAMPLE_TERM["id"]
        and attr.get("link_id") == record.get("id")
        for attr in record.get("attributes", [])
    )


def _strings_in(data: Any, record: dict[str, Any] | None = None):
    """Each string of ``data`` with the innermost object (record) that holds it."""
    if isinstance(data, dict):
        for value in data.values():
            yield from _strings_in(value, data)
    elif isinstance(data, list):
        for item in data:
            yield from _strings_in(item, record)
    elif isinstance(data, str):
        yield data, record


def test_the_fixture_marks_some_lines_and_keeps_a_real_address(catalogue: Catalogue):
    office = catalogue.authority(WELFARE_OFFICE)
    assert not office.invented("address") and office.invented("phone")
    assert office.invented("contact") and not office.contact_all_invented
    assert office.invented_lines() == ("phone", "email")
    assert catalogue.authority(ASSISTANCE_OFFICE).contact_all_invented
    assert set(invented_values(catalogue).values()) == {
        "address",
        "phone",
        "email",
        "hours",
        "appointment",
        "accessibility",
    }


def test_hsds_marks_every_example_value_or_leaves_it_out(catalogue: Catalogue):
    files = export_files(catalogue, TODAY, "https://example.invalid/")
    invented = invented_values(catalogue)
    seen: set[str] = set()
    for path in (hsds.ORGANIZATIONS, hsds.SERVICES):
        for text, record in _strings_in(json.loads(files[path])):
            for value, block in invented.items():
                if value in text:
                    seen.add(block)
                    assert record is not None and _marked(record), (path, value, record)
    # what HSDS can mark is there, marked; what it cannot is left out
    assert seen == {"address", "phone", "hours", "accessibility"}
    organizations = json.loads(files[hsds.ORGANIZATIONS])
    welfare = next(o for o in organizations if o["name"].startswith("Landkreis Testland"))
    assert "email" not in welfare and _marked(welfare)
    address = welfare["locations"][0]["addresses"][0]
    assert address["address_1"] == REAL_STREET and "attributes" not in address
    schedule = welfare["locations"][0]["schedules"][0]
    assert "notes" not in schedule  # the made-up appointment note: no way to mark it alone


def test_json_ld_carries_no_example_value(catalogue: Catalogue):
    invented = invented_values(catalogue)
    blocks = []
    for page in render_site(REPO / "templates", catalogue, TODAY):
        blocks += re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', page.html, re.DOTALL
        )
    assert blocks
    data = json.dumps([json.loads(b) for b in blocks], ensure_ascii=False)
    for value in invented:
        assert value not in data, value
    assert REAL_STREET in data  # the real address is published


def test_the_page_labels_each_made_up_line_and_not_the_real_address(catalogue: Catalogue):
    t = LABELS["de"]
    pages = {p.url: p.html for p in render_site(REPO / "templates", catalogue, TODAY)}
    html = pages[f"behoerden/{WELFARE_OFFICE}/"]
    contact = html[html.index('id="kontakt"') : html.index("</section>")]
    assert contact.count(f"({t['example_value']})") == 2  # phone and e-mail
    assert t["example_data"] not in contact and t["example_address"] not in contact
    assert REAL_STREET in contact
    other = pages[f"behoerden/{ASSISTANCE_OFFICE}/"]
    assert t["example_data"] in other and t["example_value"] not in other


@pytest.mark.parametrize("given", ["true", "[contact]", "[address, phone, email]"])
def test_contact_names_the_three_lines_at_once(tmp_path: Path, given: str):
    project = small_project(
        tmp_path,
        {
            f"content/authorities/{WELFARE_OFFICE}.yaml": WELFARE_OFFICE_YAML.replace(
                "example_data: true", f"example_data: {given}"
            )
        },
    )
    catalogue, _ = load_catalogue(project / "content", root=project, today=TODAY)
    office = catalogue.authority(WELFARE_OFFICE)
    assert office.contact_all_invented and office.invented_lines() == ("address", "phone", "email")
    assert not office.invented("hours")


@needs_hsds
def test_marked_hsds_still_validates_against_the_official_schemas(catalogue: Catalogue):
    files = export_files(catalogue, TODAY, "https://example.invalid/")
    for item in json.loads(files[hsds.ORGANIZATIONS]):
        assert errors(hsds_validator("organization.json"), item) == [], item["name"]
    for item in json.loads(files[hsds.SERVICES]):
        assert errors(hsds_validator("service.json"), item) == [], item["name"]
