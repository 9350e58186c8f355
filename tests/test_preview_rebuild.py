"""The running preview after a save: the saved page, the pages that list it, a broken save.

Each test starts ``servicefinder serve`` on the small test project, edits a content file
as an editor's text editor would (a new version of the file) and reads the pages over
HTTP, as the browser does.
"""

from __future__ import annotations

import os
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.helpers import start_preview
from tests.project_fixture import MONEY_DE, small_project

SERVICE = "content/services/testgeld.yaml"
PAGE = "leistungen/testgeld/"
A_TO_Z = "leistungen/"


@contextmanager
def serving(project: Path) -> Iterator[str]:
    """``servicefinder serve`` on a free port; yields the site's address."""
    log = (project / "serve.log").open("w")
    proc, port = start_preview(project, stderr=log)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def served(url: str, wanted: str, limit: float = 60) -> str:
    """The page at ``url`` once it contains ``wanted``; fails after ``limit`` seconds."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        html = fetch(url)
        if wanted in html:
            return html
        time.sleep(0.1)
    raise AssertionError(f"{url} never showed {wanted!r}; it shows:\n{fetch(url)[:2000]}")


def save(project: Path, text: str) -> None:
    """Write the service file the way editors save: a new file renamed over the old."""
    target = project / SERVICE
    tmp = target.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)


@pytest.mark.tool  # starts the preview as its own process
def test_a_saved_service_shows_on_its_page_and_in_the_lists_that_name_it(tmp_path: Path):
    project = small_project(tmp_path)
    with serving(project) as site:
        before = served(site + A_TO_Z, "Testgeld beantragen")
        assert "Probegeld beantragen" not in before
        save(project, MONEY_DE.replace("title: Testgeld beantragen", "title: Probegeld beantragen"))
        page = served(site + PAGE, "<h1>Probegeld beantragen")
        assert "Testgeld beantragen</h1>" not in page
        # the A-Z list shows every title: it follows once the editor pauses
        listed = served(site + A_TO_Z, "Probegeld beantragen")
        assert "Testgeld beantragen" not in listed
        # and a second save is seen as well
        save(project, MONEY_DE.replace("title: Testgeld beantragen", "title: Drittgeld beantragen"))
        served(site + PAGE, "<h1>Drittgeld beantragen")
        served(site + A_TO_Z, "Drittgeld beantragen")


@pytest.mark.tool  # starts the preview as its own process
def test_a_broken_save_shows_what_is_wrong_above_the_last_good_page(tmp_path: Path):
    project = small_project(tmp_path)
    with serving(project) as site:
        served(site + PAGE, "<h1>Testgeld beantragen")
        save(project, MONEY_DE.replace("title: Testgeld beantragen", "title: [Testgeld"))
        page = served(site + PAGE, "sf-build-errors")
        assert "content/services/testgeld.yaml:" in page
        assert "<h1>Testgeld beantragen" in page  # the last good content, under the banner
        # fixed: the banner goes, the change shows
        save(project, MONEY_DE.replace("title: Testgeld beantragen", "title: Gutgeld beantragen"))
        page = served(site + PAGE, "<h1>Gutgeld beantragen")
        assert "sf-build-errors" not in page


@pytest.mark.slow
def test_a_session_renders_the_saved_service_first_and_the_lists_in_the_next_build(
    tmp_path: Path,
):
    from generator.pipeline import Project
    from generator.writer.incremental import PreviewSession
    from tests.helpers import TODAY

    project = small_project(tmp_path)
    session = PreviewSession(Project.at(project))
    first = session.rebuild(TODAY, None)
    assert first.kind == "complete" and f"{A_TO_Z}index.md" in first.pages

    save(project, MONEY_DE.replace("title: Testgeld beantragen", "title: Probegeld beantragen"))
    quick = session.rebuild(TODAY, None)
    assert quick.kind == "quick" and session.pending
    # the German page changed, and the service that lists it as related; the English page
    # shows its own title, the easy-language page its easy title
    assert set(quick.pages) == {f"{PAGE}index.md", "leistungen/testassistenz/index.md"}
    assert "Probegeld beantragen" in quick.pages["leistungen/testassistenz/index.md"].html
    assert "Probegeld beantragen" in quick.pages[f"{PAGE}index.md"].html

    lists = session.rebuild(TODAY, None)
    assert lists.kind == "lists" and not session.pending
    assert f"{A_TO_Z}index.md" in lists.pages
    assert "Probegeld beantragen" in lists.pages[f"{A_TO_Z}index.md"].html
    assert f"{PAGE}index.md" not in lists.pages  # written already
    assert any(path.startswith("assets/search/") for path in lists.data_files)
    # the service pages were taken as they were, not made again
    assert session.pages[f"{PAGE}index.md"] is quick.pages[f"{PAGE}index.md"]

    nothing = session.rebuild(TODAY, None)
    assert nothing.kind == "unchanged" and not nothing.pages and not nothing.data_files


@pytest.mark.slow
def test_lists_made_while_the_editor_pauses_are_dropped_when_a_save_follows(tmp_path: Path):
    from generator.pipeline import Project
    from generator.writer.incremental import PreviewSession
    from tests.helpers import TODAY

    project = small_project(tmp_path)
    session = PreviewSession(Project.at(project))
    session.rebuild(TODAY, None)
    assert not session.make_lists(TODAY, None)  # none are due
    save(project, MONEY_DE.replace("title: Testgeld beantragen", "title: Probegeld beantragen"))
    session.rebuild(TODAY, None)
    assert session.make_lists(TODAY, None)  # made beside the engine, ready to hand over
    # the editor saves again before the engine took them: they name the old title
    save(project, MONEY_DE.replace("title: Testgeld beantragen", "title: Drittgeld beantragen"))
    assert session.rebuild(TODAY, None).kind == "quick"
    lists = session.rebuild(TODAY, None)
    assert lists.kind == "lists" and not session.pending
    listed = lists.pages[f"{A_TO_Z}index.md"].html
    assert "Drittgeld beantragen" in listed and "Probegeld beantragen" not in listed
    # lists made while nothing else is saved are the ones handed over
    save(project, MONEY_DE.replace("title: Testgeld beantragen", "title: Viertgeld beantragen"))
    session.rebuild(TODAY, None)
    assert session.make_lists(TODAY, None)
    ready = session.rebuild(TODAY, None)
    assert ready.kind == "lists" and "Viertgeld" in ready.pages[f"{A_TO_Z}index.md"].html


@pytest.mark.slow
def test_a_session_checks_every_file_again_and_reports_errors_across_files(tmp_path: Path):
    """A saved file that breaks a reference in another file is reported, though only the
    saved file was read again."""
    from generator.pipeline import Project
    from generator.writer.incremental import PreviewSession
    from tests.helpers import TODAY

    project = small_project(tmp_path)
    session = PreviewSession(Project.at(project))
    session.rebuild(TODAY, None)
    save(project, MONEY_DE.replace("id: testgeld", "id: anderes-geld"))
    broken = session.rebuild(TODAY, None)
    assert broken.kind == "broken"
    assert any(p.file == SERVICE for p in broken.problems)
    assert "sf-build-errors" in broken.banner
    assert f"{PAGE}index.md" in broken.pages  # the last good page, with the banner
    assert session.memo.reused > 0


@pytest.mark.tool  # starts the preview's second process
def test_the_preview_makes_the_lists_in_a_second_process(tmp_path: Path):
    from generator.pipeline import Project
    from generator.writer.incremental import PreviewSession
    from tests.helpers import TODAY

    project = small_project(tmp_path)
    session = PreviewSession(Project.at(project), beside=True)
    try:
        session.rebuild(TODAY, None)
        save(project, MONEY_DE.replace("title: Testgeld beantragen", "title: Probegeld beantragen"))
        assert session.rebuild(TODAY, None).kind == "quick"
        # the rebuild never makes them itself: the engine's next build stays quick
        assert session.rebuild(TODAY, None).kind == "unchanged" and session.pending
        assert session.make_lists(TODAY, None)
        lists = session.rebuild(TODAY, None)
        assert lists.kind == "lists" and not session.pending
        assert "Probegeld beantragen" in lists.pages[f"{A_TO_Z}index.md"].html
        assert all(not uri.startswith(PAGE) for uri in lists.pages)  # no service page
    finally:
        session.close()


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


@pytest.mark.tool  # starts the preview as its own process
def test_a_preview_stopped_by_sigterm_takes_its_second_process_with_it(tmp_path: Path):
    project = small_project(tmp_path)
    proc, port = start_preview(project)
    try:
        site = f"http://127.0.0.1:{port}/"
        served(site + PAGE, "<h1>Testgeld beantragen")
        save(project, MONEY_DE.replace("title: Testgeld beantragen", "title: Probegeld beantragen"))
        served(site + A_TO_Z, "Probegeld beantragen")  # made by the second process
        children = _children(proc.pid)
        assert children, "the lists were made without a second process"
    finally:
        proc.terminate()
        assert proc.wait(timeout=30) == 0
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(Path(f"/proc/{c}").exists() for c in children):
        time.sleep(0.1)
    assert not [c for c in children if Path(f"/proc/{c}").exists()]
