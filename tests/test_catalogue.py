"""Checks across files: ids, references, translations. All problems come in one report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.content.catalogue import load_catalogue
from generator.infra.errors import ContentError
from tests import project_fixture as fixture
from tests.helpers import TODAY, service_yaml
from tests.project_fixture import small_project


def report(tmp_path: Path, files: dict[str, str | None]) -> list[str]:
    project = small_project(tmp_path, files)
    with pytest.raises(ContentError) as caught:
        load_catalogue(project / "content", root=project, today=TODAY)
    # freshness notices depend on today's date; they have their own test
    lines = caught.value.report().splitlines()
    return [re.sub(r", \d+ notices?$", "", line) for line in lines if ": notice: " not in line]


def test_example_content_is_valid():
    """The shipped example content, read where it is."""
    from tests.helpers import REPO

    catalogue, findings = load_catalogue(REPO / "content", root=REPO, today=TODAY)
    assert [f for f in findings if f.severity != "notice"] == []
    assert [s.id for s in catalogue.services] == sorted(s.id for s in catalogue.services)
    assert len(catalogue.services) >= 4


def test_dangling_references_and_duplicates_are_all_reported_at_once(tmp_path: Path):
    lines = report(
        tmp_path,
        {
            "content/services/test-leistung.yaml": service_yaml(
                responsible="{authority_kind: sozialamtt}",
                related="[gibt-es-nicht]",
                topics="[geld-zum-leben, unbekannt]",
            ),
            "content/services/zweite.yaml": service_yaml("test-leistung"),
        },
    )
    assert lines == [
        "content/services/test-leistung.yaml:4:26: topics[1]: unknown topic 'unbekannt'; "
        "expected one of ['behinderung', 'geld-zum-leben']; "
        "if it is new, declare it under 'topics:' in content/site.yaml",
        "content/services/test-leistung.yaml:10:31: responsible.authority_kind: unknown "
        "authority kind 'sozialamtt'; did you mean 'sozialamt'?; if it is new, declare it "
        "under 'authority_kinds:' in content/site.yaml",
        "content/services/test-leistung.yaml:12:11: related[0]: unknown service "
        "'gibt-es-nicht'; expected one of ['test-leistung', 'testassistenz', 'testgeld']",
        "content/services/zweite.yaml:1:5: id: duplicate id 'test-leistung': already used in "
        "content/services/test-leistung.yaml:1",
        "content/services/zweite.yaml:1:5: id: id 'test-leistung' must equal the file name "
        "'zweite', so every page has one obvious source",
        "5 errors in 2 files",
    ]


def test_errors_in_several_files_are_counted(tmp_path: Path):
    office = fixture.WELFARE_OFFICE
    lines = report(
        tmp_path,
        {
            "content/services/a.yaml": service_yaml("a", fees="{text: x, amount_eur: zehn}"),
            f"content/authorities/{office}.yaml": f"id: {office}\nname: [x\n",
        },
    )
    # plus a warning: with the broken office unread, no authority is of kind 'sozialamt'
    assert lines[-1] == "2 errors in 2 files, 1 warning"
    assert any("warning: responsible.authority_kind: no authority is of kind" in x for x in lines)
    assert lines[0].startswith(f"content/authorities/{office}.yaml:3:1: invalid YAML")
    assert (
        lines[1] == "content/services/a.yaml:8:29: fees.amount_eur: expected a number, got 'zehn'"
    )


def test_translation_needs_its_main_file(tmp_path: Path):
    lines = report(
        tmp_path,
        {
            "content/services/waise.en.yaml": "id: waise\ntitle: T\nsummary: S\ndescription: D\n",
        },
    )
    assert lines[0] == (
        "content/services/waise.en.yaml:1:5: id: there is no content/services/waise.yaml "
        "for this translation; expected one of ['testassistenz', 'testgeld'] "
        "(a translation needs its main file: rename this file to <service id>.<language>.yaml)"
    )


def test_unknown_law_without_url(tmp_path: Path):
    lines = report(
        tmp_path,
        {
            "content/services/test-leistung.yaml": service_yaml(
                legal_basis="[{law: SGB XIII, section: '1'}]"
            ),
        },
    )
    assert lines[0] == (
        "content/services/test-leistung.yaml:12:21: legal_basis[0].law: "
        "unknown law 'SGB XIII'; did you mean 'SGB XII'?; Servicefinder links only these "
        "federal laws by itself: for any other law give the link to its text as 'url' in "
        "legal_basis[0] (url: https://...)"
    )


def test_kind_without_authority_is_a_warning_and_strict_makes_it_fail(tmp_path: Path):
    kinds = "authority_kinds:\n"
    assert kinds in fixture.SITE
    site = fixture.SITE.replace(
        kinds, kinds + "  - {id: pflegekasse, de: Pflegekasse, en: Care fund}\n"
    )
    project = small_project(
        tmp_path,
        {
            "content/site.yaml": site,
            "content/services/test-leistung.yaml": service_yaml(
                responsible="{authority_kind: pflegekasse}"
            ),
        },
    )
    _catalogue, warnings = load_catalogue(project / "content", root=project, today=TODAY)
    assert [w.format() for w in warnings if w.severity == "warning"] == [
        "content/services/test-leistung.yaml:10:31: warning: responsible.authority_kind: "
        "no authority is of kind 'pflegekasse'; the fallback contact will be shown"
    ]
    with pytest.raises(ContentError):
        load_catalogue(project / "content", root=project, today=TODAY, strict=True)


def test_glossary_forms_must_be_unique_and_explanations_easy(tmp_path: Path):
    glossary = (
        "de:\n"
        "  - {term: Antrag, explanation: Ein Antrag ist ein Brief.}\n"
        "  - {term: Anträge, forms: [Antrag], explanation: Das wird vom Amt nicht geprüft.}\n"
    )
    lines = report(tmp_path, {"content/glossary.yaml": glossary})
    assert (
        "content/glossary.yaml:3:12: de[1].term: 'Antrag' is already explained by entry 1" in lines
    )
    assert (
        "content/glossary.yaml:3:1: warning: de[1].explanation: [passive] passive voice; "
        "say who does what"
    ) in lines
    assert lines[-1].startswith("1 error in 1 file, 2 warnings")


def test_freshness_notices_never_stop_a_build(tmp_path: Path):
    from datetime import date

    project = small_project(
        tmp_path,
        {
            "content/services/test-leistung.yaml": service_yaml(
                as_of="2020-01-01",
                legal_basis="[{law: SGB XII}]",
                amounts="[{id: satz, name: Satz, values: [{from: 2021-01-01, eur: 1.0}]}]",
            ),
        },
    )
    catalogue, findings = load_catalogue(
        project / "content", root=project, strict=True, today=date(2025, 1, 1)
    )
    mine = sorted(f.format() for f in findings if f.file.endswith("test-leistung.yaml"))
    assert mine == [
        "content/services/test-leistung.yaml:12:15: notice: legal_basis[0]: SGB XII without a "
        "section; name the section so the link leads to it",
        "content/services/test-leistung.yaml:13:42: notice: amounts[0].values: newest value is "
        "from 2021-01-01, over 365 days ago; is there a newer one? (the page flags it)",
        "content/services/test-leistung.yaml:5:8: notice: as_of: checked 1827 days ago; the "
        "site asks for a review every 365 days (the page says so)",
    ]
    assert catalogue.notices and all(n.severity == "notice" for n in catalogue.notices)


def _wohngeld_project(tmp_path: Path, area: str | None) -> Path:
    """The small project plus a district-only kind: one office, in Landkreis Testland
    only, and a service of that kind with ``area`` (None: offered everywhere)."""
    site = fixture.SITE.replace(
        "authority_kinds:\n",
        "authority_kinds:\n"
        "  - {id: wohngeldstelle, de: Wohngeldstelle, en: Housing benefit office}\n",
    )
    return small_project(
        tmp_path,
        {
            "content/site.yaml": site,
            "content/authorities/test-wohngeldstelle.yaml": (
                "id: test-wohngeldstelle\nname: Testamt\nkinds: [wohngeldstelle]\n"
                "address: {street: Teststraße 1, postcode: '00102', city: Testdorf}\n"
                "areas:\n  - {ars: '01999', name: Landkreis Testland}\nexample_data: true\n"
            ),
            "content/services/test-leistung.yaml": service_yaml(
                responsible="{authority_kind: wohngeldstelle}", area=area
            ),
        },
    )


def test_a_district_only_service_passes_strict_with_offices_only_in_its_area(tmp_path: Path):
    project = _wohngeld_project(tmp_path, "[{ars: '01999', name: Landkreis Testland}]")
    catalogue, problems = load_catalogue(
        project / "content", root=project, today=TODAY, strict=True
    )
    assert [p.format() for p in problems if p.severity == "warning"] == []
    assert catalogue.service("test-leistung").area[0].ars == "01999"


def test_the_same_service_offered_everywhere_fails_strict_for_places_without_office(
    tmp_path: Path,
):
    project = _wohngeld_project(tmp_path, None)
    _catalogue, problems = load_catalogue(project / "content", root=project, today=TODAY)
    warned = [p.format() for p in problems if p.severity == "warning"]
    assert len(warned) == 1 and "have no authority of kind 'wohngeldstelle'" in warned[0]
    with pytest.raises(ContentError):
        load_catalogue(project / "content", root=project, today=TODAY, strict=True)


def test_coverage_inside_an_area_is_still_checked(tmp_path: Path):
    # Teststadt has no Wohngeld office in this project: a service offered there is reported
    project = _wohngeld_project(tmp_path, "[{ars: '01998', name: Stadt Teststadt}]")
    _catalogue, problems = load_catalogue(project / "content", root=project, today=TODAY)
    warned = [p.format() for p in problems if p.severity == "warning"]
    assert len(warned) == 1
    assert "places in the service's area have no authority of kind 'wohngeldstelle'" in warned[0]
    assert "Teststadt (019980000000)" in warned[0]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            {"general_service": fixture.ASSISTANCE},
            "general_service: a general service is named for places outside the service's 'area'",
        ),
        (
            {
                "general_service": fixture.ASSISTANCE,
                "area": "[{ars: '01998', name: Stadt Teststadt}]",
            },
            f"general_service: '{fixture.ASSISTANCE}' is not among the service's related "
            "services []",
        ),
    ],
)
def test_general_service_needs_an_area_and_must_be_related(tmp_path: Path, extra, message):
    lines = report(tmp_path, {"content/services/test-leistung.yaml": service_yaml(**extra)})
    assert any(message in line for line in lines), lines


@pytest.mark.parametrize(
    ("policy", "plain", "strict"),
    [("notice", True, True), ("warning", True, False), ("error", False, False)],
)
def test_the_stale_content_policy_decides_what_a_stale_text_stops(
    tmp_path: Path, policy: str, plain: bool, strict: bool
):
    site = fixture.SITE.replace(
        "review_interval_days: 365", f"review_interval_days: 100\nstale_content: {policy}"
    )
    project = small_project(
        tmp_path,
        {"content/site.yaml": site, "content/services/test-leistung.yaml": service_yaml()},
    )
    for is_strict, passes in ((False, plain), (True, strict)):
        try:
            _c, problems = load_catalogue(
                project / "content", root=project, today=TODAY, strict=is_strict
            )
        except ContentError as caught:
            assert not passes
            assert re.search(
                r"test-leistung\.yaml:\d+:\d+: (\w+: )?as_of: checked 325 days ago", caught.report()
            )
            continue
        assert passes
        stale = [p for p in problems if "checked 325 days ago" in p.format()]
        assert len(stale) == 1 and stale[0].severity == policy


@pytest.mark.tool  # starts worker processes
def test_a_check_in_worker_processes_reports_exactly_what_one_process_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Enough files for the parse to go to worker processes (``PARALLEL_FROM``), with a
    syntax error, a wrong type and a translation among them: the same problems, in the
    same order, and the cache counts every file as made once."""
    from generator.content import catalogue
    from generator.content.catalogue import PARALLEL_FROM
    from generator.infra.cache import BuildCache

    batches: list[int] = []

    def counted(func, items, workers, **kwargs):
        batches.append(sum(len(paths) for _, _, paths in items))
        return iter_parallel(func, items, workers, **kwargs)

    iter_parallel = catalogue.iter_parallel
    monkeypatch.setattr(catalogue, "iter_parallel", counted)

    files: dict[str, str | None] = {
        f"content/services/s{n:03d}.yaml": service_yaml(f"s{n:03d}")
        for n in range(PARALLEL_FROM + 10)
    }
    files["content/services/s007.yaml"] = service_yaml("s007", fees="{text: x, amount_eur: zehn}")
    files["content/services/s100.yaml"] = "id: s100\ntitle: [x\n"
    files["content/services/s042.en.yaml"] = "id: s042\ntitle: Test service\n"
    project = small_project(tmp_path, files)

    def check(workers: int) -> tuple[list[str], int]:
        cache = BuildCache(tmp_path / f"cache-{workers}")
        with pytest.raises(ContentError) as caught:
            load_catalogue(
                project / "content", root=project, today=TODAY, cache=cache, workers=workers
            )
        return caught.value.report().splitlines(), cache.misses

    one, made_by_one = check(1)
    assert batches == []
    two, made_by_two = check(2)
    # every service file went to the workers (the small project brings four more)
    assert batches == [len(list((project / "content/services").glob("*.yaml")))]
    assert two == one
    assert made_by_two == made_by_one >= PARALLEL_FROM
    assert any("s100.yaml:3:1: invalid YAML" in line for line in two)
    assert any("s007.yaml:8:29: fees.amount_eur" in line for line in two)
    # with the cache full, the workers read the files and parse none of them
    warm, made_warm = check(2)
    assert warm == one
    assert made_warm == 0
    assert batches == [batches[0]] * 2


def test_a_file_a_worker_could_not_read_is_parsed_here_without_waiting_for_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A file the parse workers could not read (it changed between their read and this
    one) is read and parsed by the check itself, and its absence from the workers' runs
    does not make the check take every run still to come into memory first."""
    import os

    from generator.content import catalogue
    from generator.content.catalogue import PARALLEL_FROM
    from generator.infra.start_method import start_method

    if start_method() != "fork":
        pytest.skip("a worker that cannot read the file needs this test's patch, by fork")

    files: dict[str, str | None] = {
        f"content/services/s{n:03d}.yaml": service_yaml(f"s{n:03d}")
        for n in range(PARALLEL_FROM * 4)
    }
    project = small_project(tmp_path, files)
    parent = os.getpid()
    real = catalogue.read_regular

    def flaky(path: Path, root: Path, limit: int) -> bytes:
        if os.getpid() != parent and path.name == "s005.yaml":
            raise catalogue.RefusedFile("cannot be read (busy)")
        return real(path, root, limit)

    monkeypatch.setattr(catalogue, "read_regular", flaky)
    held: list[int] = []
    taken = catalogue._Reader._prefetched

    def counted(self, path, key):
        made = taken(self, path, key)
        held.append(len(self.prefetched))
        return made

    monkeypatch.setattr(catalogue._Reader, "_prefetched", counted)
    loaded, _ = load_catalogue(project / "content", root=project, today=TODAY, workers=2)
    assert loaded.service("s005").id == "s005"
    count = len(list((project / "content/services").glob("*.yaml")))
    assert len(held) >= count
    # the runs given out ahead (two per worker) and the one being taken at most, never
    # the rest of the catalogue
    run = min(catalogue.PARSE_RUN, -(-count // 8))
    assert max(held) <= 5 * run < count - 10
