"""Responsibility: the most specific area wins, ties list all, nothing matches -> fallback."""

from __future__ import annotations

from generator.content.schema import Authority
from generator.places.resolve import responsible_at


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
