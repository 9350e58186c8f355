"""Amounts that cannot mislead: a series with gaps says so under its history, a complete
one does not; rates tables fill every service that names them; a yearly update that
confirmed the same figure keeps the date the figure first applied."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from generator.content.catalogue import load_catalogue
from generator.content.model import amount_in_force
from generator.infra.errors import ContentError
from generator.site.render import render_site
from tests.helpers import REPO, TODAY, service_yaml
from tests.project_fixture import small_project

#: Test data: a rates file of two made-up stages, in the shape of content/rates/
RATES = """\
id: regelbedarf
name: Teststufen (Testdaten)
law: Testgesetz
source: {name: Testdaten der Testsuite, date: 2025-01-01}
series:
  - {id: stufe-1, name: Teststufe 1, complete: true, values: [{from: 2024-01-01, eur: 10.0}]}
  - {id: stufe-2, name: Teststufe 2, complete: true, values: [{from: 2024-01-01, eur: 20.0}]}
"""

NOT_RECORDED = "Werte zwischen den genannten Daten sind hier nicht verzeichnet."


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_project(tmp_path_factory.mktemp("amounts") / "project")


def amounts_html(project: Path, amounts: str, on: date = TODAY) -> str:
    """The amounts section of the small project's first service with ``amounts``."""
    catalogue, _ = load_catalogue(project / "content", root=project, today=TODAY)
    import yaml

    from generator.content.schema import Amount

    parsed = [Amount.model_validate(a) for a in yaml.safe_load(amounts)]
    service = catalogue.services[0].model_copy(update={"amounts": parsed})
    catalogue = replace(catalogue, services=(service, *catalogue.services[1:]))
    pages = render_site(project / "templates", catalogue, on)
    page = next(p for p in pages if p.url == f"leistungen/{service.id}/")
    section = page.html[page.html.index('id="betraege"') :]
    return section[: section.index("</section>")]


def test_a_series_with_a_gap_says_values_between_are_not_recorded(project: Path):
    html = amounts_html(
        project,
        "[{id: a, name: Lücke, values: [{from: 2019-01-01, eur: 424.0},"
        " {from: 2024-01-01, eur: 563.0}]},"
        " {id: b, name: Vollständig, complete: true, values: [{from: 2019-01-01, eur: 1.0},"
        " {from: 2020-01-01, eur: 2.0}]}]",
    )
    rows = html.split('<li class="sf-amount">')[1:]
    assert len(rows) == 2
    assert NOT_RECORDED in rows[0] and "424,00" in rows[0]
    assert NOT_RECORDED not in rows[1]


def test_an_old_newest_value_is_flagged_next_to_the_amount(project: Path):
    html = amounts_html(project, "[{id: a, name: Alt, values: [{from: 2023-01-01, eur: 5.0}]}]")
    assert "Neuester bekannter Wert vom 01.01.2023; aktuelle Werte beim Amt erfragen." in html
    fresh = amounts_html(project, "[{id: a, name: Neu, values: [{from: 2025-01-01, eur: 5.0}]}]")
    assert "Neuester bekannter Wert" not in fresh


def test_example_project_standard_rates_come_from_one_file_complete_2019_to_2026():
    catalogue, _ = load_catalogue(REPO / "content", root=REPO, today=date(2026, 11, 23))
    service = catalogue.service("hilfe-zum-lebensunterhalt")
    by_id = {a.id: a for a in service.amounts}
    table = {
        "regelbedarf-erwachsene": [424, 432, 446, 449, 502, 563],
        "regelbedarf-partner": [382, 389, 401, 404, 451, 506],
        "regelbedarf-einrichtung": [339, 345, 357, 360, 402, 451],
        "regelbedarf-jugendliche": [322, 328, 373, 376, 420, 471],
        "regelbedarf-kinder-6-bis-13": [302, 308, 309, 311, 348, 390],
        "regelbedarf-kinder-unter-6": [245, 250, 283, 285, 318, 357],
    }
    for amount_id, figures in table.items():
        amount = by_id[amount_id]
        assert amount.complete and amount.rates is not None
        years = {v.from_.year: v.eur for v in amount.values}
        assert [years[y] for y in range(2019, 2025)] == figures
        assert years[2025] == years[2026] == figures[-1]  # unchanged, and checked
        now = amount_in_force(amount, date(2026, 11, 23))
        assert now.current.from_ == date(2024, 1, 1)  # "since 2024", not "since 2026"
        assert [v.from_.year for v in now.earlier] == [2019, 2020, 2021, 2022, 2023]
    assets = by_id["schonvermoegen"]
    assert assets.values[0].from_ == date(2017, 4, 1) and assets.values[0].eur == 5000
    threshold = next(
        a
        for a in catalogue.service("eingliederungshilfe").amounts
        if a.id == "einkommensgrenze-rente"
    )
    assert amount_in_force(threshold, date(2026, 11, 23)).current.eur == 28476


def refused(tmp_path: Path, amounts: str) -> str:
    """The report for a service with ``amounts`` beside the test rates file."""
    project = small_project(
        tmp_path,
        {
            "content/rates/regelbedarf.yaml": RATES,
            "content/services/test-leistung.yaml": service_yaml(amounts=amounts),
        },
    )
    with pytest.raises(ContentError) as caught:
        load_catalogue(project / "content", root=project, today=TODAY)
    return caught.value.report()


def test_an_unknown_rates_series_is_one_precise_error(tmp_path: Path):
    report = refused(tmp_path, "[{id: satz, name: Satz, rates: regelbedarf/stufe-7}]")
    assert re.search(
        r"test-leistung\.yaml:\d+:\d+: amounts\[0\]\.rates: unknown rates series "
        r"'regelbedarf/stufe-7'; did you mean 'regelbedarf/stufe-\d'\?",
        report,
    ), report


def test_values_and_rates_exclude_each_other(tmp_path: Path):
    report = refused(
        tmp_path,
        "[{id: satz, name: Satz, rates: regelbedarf/stufe-1,"
        " values: [{from: 2024-01-01, eur: 1.0}]}]",
    )
    assert "leave out 'values' and 'complete'" in report
