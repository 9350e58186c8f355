"""The open-data exports validate against their schemas, checked by an independent
validator (jsonschema): HSDS 3.0 against the official Open Referral schemas, the JSON feed
against its own published schema. The official HSDS examples are checked first, so a
validator that accepts everything cannot pass these tests.

The exports are tested on the small test project (tests/project_fixture.py), whose services
and offices the tests name; the example project's exports are checked to validate too,
whatever services it holds."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from generator.content.catalogue import load_catalogue
from generator.content.model import Catalogue
from generator.content.resolve import responsible_for
from generator.site import hsds
from generator.site.exports import FEED, FEED_SCHEMA, dump, export_files, feed_schema
from tests import project_fixture as fixture
from tests.helpers import REPO, TODAY

#: the official HSDS 3.0 schemas (read only, never copied into the project: SOURCE.md)
HSDS_DIR = REPO.parent / "shared" / "data" / "hsds"
BASE = "https://hsds.invalid/schema/"
needs_hsds = pytest.mark.skipif(
    not (HSDS_DIR / "service.json").is_file(),
    reason=f"the official HSDS 3.0 schemas are not at {HSDS_DIR} (see its SOURCE.md)",
)


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory) -> Catalogue:
    """The small test project's catalogue."""
    project = fixture.small_project(tmp_path_factory.mktemp("open-data") / "p")
    catalogue, _ = load_catalogue(project / "content", root=project, today=TODAY)
    return catalogue


@pytest.fixture(scope="module")
def files(catalogue: Catalogue) -> dict[str, str]:
    return export_files(catalogue, date(2025, 11, 22), "https://servicefinder.example.org/")


@pytest.fixture(scope="module")
def example_catalogue() -> Catalogue:
    """The example project's catalogue, read where it is."""
    catalogue, _ = load_catalogue(REPO / "content", root=REPO, today=TODAY)
    return catalogue


def hsds_validator(name: str) -> Draft202012Validator:
    """A validator for one HSDS object; its relative ``$ref``s resolve to the sibling files."""
    resources = []
    for path in sorted(HSDS_DIR.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        schema["$id"] = BASE + path.name
        resources.append((BASE + path.name, Resource(schema, DRAFT202012)))
    registry = Registry().with_resources(resources)
    root = registry.contents(BASE + name)
    return Draft202012Validator(root, registry=registry, format_checker=FormatChecker())


def errors(validator: Draft202012Validator, instance: object) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(instance)
    ]


@needs_hsds
@pytest.mark.parametrize(
    ("example", "schema"),
    [
        ("service_full.json", "service.json"),
        ("organization_full.json", "organization.json"),
        ("service_at_location_full.json", "service_at_location.json"),
    ],
)
def test_official_hsds_examples_validate(example: str, schema: str):
    instance = json.loads((HSDS_DIR / "examples" / example).read_text(encoding="utf-8"))
    assert errors(hsds_validator(schema), instance) == []


@needs_hsds
def test_validator_rejects_a_broken_hsds_service():
    """The validator does check: the official example without a required field fails."""
    example = json.loads((HSDS_DIR / "examples" / "service_full.json").read_text())
    broken = copy.deepcopy(example)
    del broken["status"]
    broken["service_areas"][0]["id"] = "not-a-uuid"
    found = errors(hsds_validator("service.json"), broken)
    assert any("'status' is a required property" in e for e in found)
    assert any("service_areas/0/id" in e for e in found)


def hsds_errors(files: dict[str, str], catalogue: Catalogue) -> list[str]:
    """Every HSDS service and organisation checked; one of each per service and office."""
    services = json.loads(files[hsds.SERVICES])
    organizations = json.loads(files[hsds.ORGANIZATIONS])
    assert [s["name"] for s in services] == [s.title for s in catalogue.services]
    assert len(organizations) == len(catalogue.authorities)
    found = [
        f"{item['name']}: {e}"
        for item in services
        for e in errors(hsds_validator("service.json"), item)
    ]
    found += [
        f"{item['name']}: {e}"
        for item in organizations
        for e in errors(hsds_validator("organization.json"), item)
    ]
    return found


@needs_hsds
def test_hsds_export_validates_against_the_official_schemas(
    files: dict[str, str], catalogue: Catalogue
):
    assert len(json.loads(files[hsds.SERVICES])) == len(fixture.SERVICES)
    assert len(json.loads(files[hsds.ORGANIZATIONS])) == len(fixture.AUTHORITIES)
    assert hsds_errors(files, catalogue) == []


@needs_hsds
def test_example_project_hsds_export_validates_against_the_official_schemas(
    example_catalogue: Catalogue,
):
    files = export_files(example_catalogue, TODAY, "https://servicefinder.example.org/")
    assert hsds_errors(files, example_catalogue) == []


def test_hsds_export_carries_every_part(files: dict[str, str], catalogue: Catalogue):
    """Areas, locations, documents, costs, contacts, phones and schedules are all there."""
    services = {s["name"]: s for s in json.loads(files[hsds.SERVICES])}
    example = catalogue.service(fixture.MONEY)
    out = services[example.title]
    areas = {r.area.ars for r in responsible_for(catalogue, example)}
    assert len(areas) >= 2
    assert {a["description"].rsplit(" ", 1)[1] for a in out["service_areas"]} == areas
    assert len(out["service_at_locations"]) == len(out["service_areas"])
    assert [d["document"].split(" (")[0] for d in out["required_documents"]][:1] == [
        example.documents[0].name
    ]
    assert out["cost_options"][0]["option"] == example.fees.text
    assert out["contacts"][0]["phones"][0]["number"] == "115"
    assert out["url"] == f"https://servicefinder.example.org/leistungen/{fixture.MONEY}/"
    organizations = json.loads(files[hsds.ORGANIZATIONS])
    locations = {loc["id"]: loc for org in organizations for loc in org["locations"]}
    for link in out["service_at_locations"]:  # every link names a published location
        assert locations[link["location_id"]]["addresses"][0]["country"] == "DE"
    # schedules only where hours are known (one office of the fixture gives them)
    hours = {a.id: len(a.opening_hours) for a in catalogue.authorities}
    assert sorted(hours.values()) == [0, 1]
    published = {
        org["id"]: sum(len(loc.get("schedules", [])) for loc in org["locations"])
        for org in organizations
    }
    assert sorted(published.values()) == sorted(hours.values())


def test_feed_schema_is_a_valid_schema():
    Draft202012Validator.check_schema(feed_schema())


def test_feed_validates_against_its_published_schema(files: dict[str, str]):
    schema = json.loads(files[FEED_SCHEMA])
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    data = json.loads(files[FEED])
    assert errors(validator, data) == []
    assert [s["id"] for s in data["services"]] == sorted(fixture.SERVICES)
    assert [a["id"] for a in data["authorities"]] == sorted(fixture.AUTHORITIES)
    service = next(s for s in data["services"] if s["id"] == fixture.MONEY)
    assert service["translations"]["en"]["title"] == "Apply for test money"
    assert {
        "ars": "01998",
        "area": "Stadt Teststadt",
        "authority": fixture.WELFARE_OFFICE,
    } in service["responsible_authorities"]
    # and the schema does reject what it should
    broken = copy.deepcopy(data)
    broken["services"][0]["as_of"] = "yesterday"
    broken["authorities"][0]["surprise"] = True
    del broken["services"][1]["title"]
    found = errors(validator, broken)
    assert any("services/0/as_of" in e for e in found)
    assert any("authorities/0" in e and "surprise" in e for e in found)
    assert any("services/1" in e and "'title'" in e for e in found)


def test_exports_are_deterministic(catalogue: Catalogue, files: dict[str, str]):
    again = export_files(catalogue, date(2025, 11, 22), "https://servicefinder.example.org/")
    assert again == files


def test_without_site_url_addresses_are_relative(catalogue: Catalogue):
    out = export_files(catalogue, date(2025, 11, 22), None)
    data = json.loads(out[FEED])
    assert data["authorities"][0]["url"].startswith("behoerden/")
    assert all("url" not in s for s in json.loads(out[hsds.SERVICES]))


def test_hsds_ids_are_stable_uuids():
    assert hsds.uid("service", "x") == hsds.uid("service", "x") != hsds.uid("service", "y")


@pytest.mark.tool  # runs the command line as its own process
def test_built_site_holds_the_exports(tmp_path: Path):
    """The build writes every export into site/data/ (and robots.txt at the root)."""
    from tests.helpers import run_cli
    from tests.project_fixture import small_project

    project = small_project(tmp_path / "p")
    result = run_cli(project, "build", "--no-cache")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    for path in (FEED, FEED_SCHEMA, hsds.SERVICES, hsds.ORGANIZATIONS):
        assert (site / path).is_file(), path
    # the files that hold every service are written piece by piece: the same bytes as
    # dumping each whole, and as the exports the preview hands over
    catalogue, _ = load_catalogue(project / "content", root=project, today=TODAY)
    made = export_files(catalogue, TODAY, None)  # the build's SOURCE_DATE_EPOCH
    for path in (FEED, hsds.SERVICES):
        written = (site / path).read_text(encoding="utf-8")
        assert written == made[path]
        assert written == dump(json.loads(written)), path
        services = json.loads(written)
        assert len(services["services"] if path == FEED else services) == len(catalogue.services)
    assert "Disallow: /redaktion/" in (site / "robots.txt").read_text()
    assert not (site / "sitemap.xml").exists()
    assert "site_url is not set in mkdocs.yml, so no sitemap.xml was written" in result.stdout
