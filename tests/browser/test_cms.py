"""The browser editor against a real backend: decap-server (npm, the CMS's local backend,
in git mode) on a copy of the example project, /admin/ opened in Chromium with the admin
page's own policy enforced, every request on this machine.

An editor creates a service through the form (title, summary, requirement, document, fee,
legal basis), and its English translation; each save is a branch of its own (the editorial
workflow: what a merge request is on the git host), merged here as a maintainer would.
The copy then passes ``servicefinder validate --strict``, and the new files are in the
project's YAML format. An edit of an existing service's summary changes only those lines
of only that language's file.
"""

from __future__ import annotations

import difflib
import http.server
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from generator.content.format import render
from generator.site.admin import SERVER_POLICY
from tests.browser.conftest import served
from tests.helpers import REPO, run_cli

pytestmark = pytest.mark.browser

DECAP_SERVER = REPO / "node_modules" / "decap-server" / "dist" / "index.js"
NEW = "wohngeld-test"
EXISTING = "hilfe-zum-lebensunterhalt"
SUMMARY = "Geld zum Leben vom Sozialamt, wenn Einkommen und Vermögen nicht reichen."


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def git(project: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=Redaktion", "-c", "user.email=redaktion@example.org", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the example project with cms: set, as a git repository, built."""
    root = tmp_path_factory.mktemp("cms") / "project"
    root.mkdir()
    for part in ("content", "templates", "site_overrides", "schema", "mkdocs.yml"):
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, root / part)
        else:
            shutil.copy(source, root / part)
    port = free_port()
    with (root / "content" / "site.yaml").open("a", encoding="utf-8") as out:
        out.write(
            "cms:\n  backend: gitlab\n  repo: landkreis/servicefinder\n  app_id: test-client\n"
            f"  local_backend: true\n  local_port: {port}\n"
        )
    (root / ".gitignore").write_text("site/\n.cache/\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Example project")
    result = run_cli(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    root.joinpath(".port").write_text(str(port))
    return root


@pytest.fixture(scope="module")
def backend(project: Path) -> Iterator[int]:
    """decap-server in git mode on the copy, on loopback only."""
    if not DECAP_SERVER.is_file():
        pytest.fail("decap-server is missing: `make test` installs it with npm ci")
    port = int(project.joinpath(".port").read_text())
    env = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "MODE": "git",
        "GIT_REPO_DIRECTORY": str(project),
        "LOG_LEVEL": "warn",
        "GIT_AUTHOR_NAME": "Redaktion",
        "GIT_AUTHOR_EMAIL": "redaktion@example.org",
        "GIT_COMMITTER_NAME": "Redaktion",
        "GIT_COMMITTER_EMAIL": "redaktion@example.org",
    }
    proc = subprocess.Popen(
        ["node", str(DECAP_SERVER)],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert proc.poll() is None, "decap-server stopped"
            time.sleep(0.2)
        else:
            pytest.fail("decap-server did not start")
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


class _AdminPolicy(http.server.SimpleHTTPRequestHandler):
    """Sends for /admin/ the policy the shipped server configurations send."""

    def end_headers(self) -> None:
        if self.path.startswith("/admin/"):
            self.send_header("Content-Security-Policy", SERVER_POLICY)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def admin(project: Path, backend: int) -> Iterator[str]:
    with served(project / "site", _AdminPolicy) as url:
        yield url + "admin/"


@pytest.fixture
def editor(browser, admin: str, backend: int):
    """A logged-in CMS page with the page's own policy in force; afterwards every request
    must have stayed on this machine and no script may have failed."""
    context = browser.new_context(viewport={"width": 1280, "height": 1800}, bypass_csp=False)
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    violations: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(admin)
    page.get_by_role("button", name="Login").click()
    page.wait_for_selector("text=Leistungen / Services")
    page.admin = admin
    try:
        yield page
    finally:
        context.close()
    hosts = {urlparse(u).netloc for u in requests if not u.startswith(("data:", "blob:"))}
    assert hosts <= {urlparse(admin).netloc, f"127.0.0.1:{backend}"}, hosts
    assert violations == [], violations
    assert errors == [], errors


def choose(page, field: str, text: str, nth: int = 0) -> None:
    """Pick ``text`` in a relation or select field (react-select)."""
    box = page.locator(f'input[id^="{field}-field-"]').nth(nth)
    box.click()
    box.type(text)
    page.wait_for_selector(f"[class*='option']:has-text('{text}')")
    box.press("Enter")


def save(page) -> None:
    page.get_by_role("button", name="Speichern").first.click()
    page.wait_for_selector("text=Änderungen gespeichert", timeout=30000)
    # the CMS reads the saved entry back (decap-server checks its branch out for that):
    # only when the page is quiet does the repository stay on main
    page.wait_for_load_state("networkidle")


def settled(project: Path) -> None:
    """Wait until decap-server has checked main out again after its last request."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        lock = (project / ".git" / "index.lock").exists()
        if not lock and git(project, "branch", "--show-current").strip() == "main":
            time.sleep(0.5)
            if git(project, "branch", "--show-current").strip() == "main":
                return
        time.sleep(0.2)
    pytest.fail("decap-server left the repository on another branch")


def merge(project: Path, branch: str) -> None:
    """What the maintainer's merge of the merge request does on the git host (which then
    deletes the source branch, as the CMS's own "publish" does)."""
    assert branch in git(project, "branch", "--list", branch), git(project, "branch")
    settled(project)
    git(project, "merge", "-q", "--no-edit", branch)
    git(project, "branch", "-q", "-d", branch)


def test_a_new_service_and_its_translation_through_the_form(editor, project: Path) -> None:
    page = editor
    page.goto(page.admin + "#/collections/services/new")
    page.wait_for_selector('input[id^="id-field-"]')
    page.locator('input[id^="id-field-"]').first.fill(NEW)
    page.locator('input[id^="title-field-"]').first.fill("Wohngeld beantragen")
    page.locator('textarea[id^="summary-field-"]').fill(
        "Einen Zuschuss zur Miete für Menschen mit wenig Einkommen."
    )
    choose(page, "topics", "Wohnen")
    page.locator('input[id^="as_of-field-"]').fill("2025-11-20")
    page.locator('input[id^="name-field-"]').first.fill("Wohngeldstelle (Testdaten)")
    editors = page.locator('[contenteditable="true"]')
    editors.nth(0).click()
    page.keyboard.type("Wohngeld ist ein Zuschuss zur Miete.")
    page.get_by_role("button", name="requirements hinzufügen").click()
    page.locator('textarea[id^="item-field-"]').first.fill("Sie wohnen zur Miete.")
    page.get_by_role("button", name="required documents hinzufügen").click()
    page.locator('input[id^="name-field-"]').nth(1).fill("Mietvertrag")
    page.locator('textarea[id^="text-field-"]').first.fill("Der Antrag ist kostenlos.")
    page.get_by_role("button", name="legal basis hinzufügen").click()
    page.locator('input[id^="law-field-"]').first.fill("SGB XII")
    page.locator('input[id^="section-field-"]').first.fill("27")
    choose(page, "authority_kind", "Sozialamt")
    page.locator('input[id^="title-field-"]').nth(1).fill("Geld für die Miete")
    editors.nth(2).click()
    page.keyboard.type("Sie haben wenig Geld. Dann hilft das Amt bei der Miete.")
    save(page)
    merge(project, f"cms/services/{NEW}")

    page.goto(page.admin + "#/collections/services_en/new")
    page.reload()  # the CMS reads the merged branch afresh
    page.wait_for_selector('input[id^="id-field-"]')
    choose(page, "id", "Wohngeld beantragen")
    page.locator('input[id^="title-field-"]').first.fill("Apply for housing benefit")
    page.locator('textarea[id^="summary-field-"]').fill(
        "A rent subsidy for people on a low income."
    )
    page.locator('[contenteditable="true"]').nth(0).click()
    page.keyboard.type("Housing benefit is a subsidy towards your rent.")
    save(page)
    merge(project, f"cms/services_en/{NEW}")

    result = run_cli(project, "validate", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    for name, kind in ((f"{NEW}.yaml", "service"), (f"{NEW}.en.yaml", "service-translation")):
        text = (project / "content" / "services" / name).read_text(encoding="utf-8")
        assert text == render(kind, yaml.safe_load(text)), text  # the project's format
    main = (project / "content" / "services" / f"{NEW}.yaml").read_text(encoding="utf-8")
    assert "\nas_of: 2025-11-20\n" in main  # an ISO date, unquoted
    assert 'section: "27"' in main  # digits stay text
    assert main.index("\ntitle:") < main.index("\nsummary:") < main.index("\ntopics:")


def test_an_edit_changes_only_the_edited_field_of_the_edited_language(
    editor, project: Path
) -> None:
    page = editor
    path = project / "content" / "services" / f"{EXISTING}.yaml"
    before = path.read_text(encoding="utf-8")
    page.goto(page.admin + f"#/collections/services/entries/{EXISTING}")
    summary = page.locator('textarea[id^="summary-field-"]')
    summary.wait_for()
    summary.fill(SUMMARY)
    save(page)
    branch = f"cms/services/{EXISTING}"
    changed = git(project, "diff", "--name-only", f"main...{branch}").split()
    assert changed == [f"content/services/{EXISTING}.yaml"]  # not the translations
    after = git(project, "show", f"{branch}:content/services/{EXISTING}.yaml")
    lines = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert lines[-1] == f"+  {SUMMARY}" or lines[-1] == f"+summary: {SUMMARY}", lines
    assert all(line.startswith("-") for line in lines[:-1]), lines
    assert len(lines) <= 4, lines
    assert yaml.safe_load(after)["summary"] == SUMMARY
    assert [ln for ln in after.splitlines() if ln.startswith("#")] == [
        ln for ln in before.splitlines() if ln.startswith("#")
    ]


@pytest.mark.parametrize("name", ["nginx", "apache", "caddy"])
def test_the_shipped_servers_give_the_admin_page_its_policy_and_no_other_page(
    project: Path, name: str
) -> None:
    """The configurations of docs/hosting/, run by the real servers: /admin/ gets the
    CMS's policy and noindex, instead of (not beside) the citizens' policy, which every
    other page keeps."""
    import urllib.request

    from generator.infra.security import CONTENT_SECURITY_POLICY
    from tests.browser.servers import start_apache, start_caddy, start_nginx

    start = {"nginx": start_nginx, "apache": start_apache, "caddy": start_caddy}[name]
    server = start(project / "site")
    try:
        for path, policy in (
            ("admin/", SERVER_POLICY),
            ("admin/decap-cms.js", SERVER_POLICY),
            ("", CONTENT_SECURITY_POLICY),
            (f"leistungen/{EXISTING}/", CONTENT_SECURITY_POLICY),
        ):
            with urllib.request.urlopen(server.url + path) as response:
                assert response.headers.get_all("Content-Security-Policy") == [policy], path
                noindex = response.headers.get("X-Robots-Tag")
                assert (noindex == "noindex, nofollow") is path.startswith("admin/"), path
    finally:
        server.stop()
