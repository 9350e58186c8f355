"""Responsibility: the most specific area wins, ties list all, nothing matches -> fallback."""

from __future__ import annotations

import pytest

from generator.content.resolve import responsible_at
from generator.content.schema import Authority


def office(office_id: str, kind: str, *prefixes: str) -> Authority:
    return Authority.model_validate(
        {
            "id": office_id,
            "name": office_id,
            "kinds": [kind],
            "address": {"street": "S 1", "postcode": "12345", "city": "X"},
            "accessibility": {"wheelchair_accessible": True},
            "areas": [{"ars": p, "name": p} for p in prefixes],
        }
    )


STATE = office("land", "sozialamt", "03")
DISTRICT = office("kreis", "sozialamt", "03155")
TOWN = office("stadt", "sozialamt", "031550011011")
OTHER_KIND = office("jobcenter", "jobcenter", "03155")


def ids(offices) -> list[str]:
    return [o.id for o in offices]


def test_most_specific_area_wins():
    offices = (STATE, DISTRICT, TOWN, OTHER_KIND)
    assert ids(responsible_at(offices, "sozialamt", "031550011011")) == ["stadt"]
    assert ids(responsible_at(offices, "sozialamt", "031550013013")) == ["kreis"]
    assert ids(responsible_at(offices, "sozialamt", "031510001001")) == ["land"]


def test_kind_must_match_and_no_match_means_fallback():
    assert ids(responsible_at((OTHER_KIND,), "sozialamt", "031550011011")) == []
    assert ids(responsible_at((STATE,), "sozialamt", "160530000000")) == []


def test_equal_areas_list_every_office():
    twin = office("kreis-2", "sozialamt", "03155")
    assert ids(responsible_at((twin, DISTRICT), "sozialamt", "031550011011")) == [
        "kreis",
        "kreis-2",
    ]


# --- where a service is offered -------------------------------------------------------------

from generator.content.catalogue import load_catalogue  # noqa: E402
from generator.content.resolve import (  # noqa: E402
    answer_at,
    offered_at,
    offers,
    overlaps,
    responsible_for,
    services_of,
)
from tests.helpers import REPO, TODAY  # noqa: E402

JENA_ONLY = "sozialraumorientierte-eingliederungshilfe-jena"


def test_offered_at_matches_prefixes_and_no_area_means_everywhere():
    assert offered_at((), "031550011011")
    assert offered_at(("16053",), "160530000000")
    assert not offered_at(("16053",), "031550011011")
    assert offered_at(("03155", "16053"), "031550011011")


def test_overlap_works_both_ways():
    assert overlaps(("16053",), "16")  # a state office serves the Jena-only service too
    assert overlaps(("16",), "16053")
    assert not overlaps(("16053",), "03155")
    assert overlaps((), "03155")


def example():
    catalogue, problems = load_catalogue(REPO / "content", root=REPO, today=TODAY)
    assert not [p for p in problems if p.severity == "error"]
    return catalogue


@pytest.mark.slow
def test_example_project_a_jena_only_service_has_no_office_in_northeim():
    c = example()
    service = c.service(JENA_ONLY)
    northeim = "031550011011"
    # the kind has an office in Northeim, but the service is not offered there
    assert ids(responsible_at(c.authorities, service.responsible.authority_kind, northeim))
    assert answer_at(c.authorities, service, northeim) is None
    assert ids(answer_at(c.authorities, service, "160530000000")) == [
        "stadt-jena-eingliederungshilfe"
    ]
    listed = {r.authority.id for r in responsible_for(c, service)}
    assert listed == {"stadt-jena-eingliederungshilfe"}
    general = c.service("eingliederungshilfe")
    assert len({r.authority.id for r in responsible_for(c, general)}) > 1


def test_example_project_office_pages_list_only_services_offered_in_their_area():
    c = example()
    by_id = {a.id: a for a in c.authorities}
    offered = offers(c)
    jena = services_of(offered, by_id["stadt-jena-eingliederungshilfe"])
    northeim = services_of(offered, by_id["landkreis-northeim-eingliederungshilfe"])
    assert JENA_ONLY in jena and "eingliederungshilfe" in jena
    assert JENA_ONLY not in northeim and "eingliederungshilfe" in northeim
