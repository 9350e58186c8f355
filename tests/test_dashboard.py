"""The editors' dashboard counts each service's freshness notices (generator/site/dashboard.py)."""

from __future__ import annotations

from dataclasses import replace

from bench.list_figures import example_catalogue
from generator.infra.errors import Problem
from generator.site.dashboard import service_rows
from tests.helpers import TODAY


def test_each_service_row_counts_the_notices_of_its_own_file():
    catalogue = example_catalogue()
    first, second = catalogue.services[0].id, catalogue.services[1].id
    file_of = catalogue.files
    notices = (
        *(Problem(file_of[first], 1, 1, "as_of", "old", "notice") for _ in range(3)),
        Problem(file_of[second], 2, 1, "amounts", "changes", "notice"),
        Problem("content/authorities/x.yaml", 1, 1, "", "elsewhere", "notice"),
    )
    rows = {row.id: row.notices for row in service_rows(replace(catalogue, notices=notices), TODAY)}
    assert rows[first] == 3 and rows[second] == 1
    assert sum(rows.values()) == 4
