"""The browser editor's configuration against the content model, and the admin page's build.

The configuration is made from the models, so these tests compare it with them field by
field: every field of a model appears in its form, no form field names something the model
lacks, required is what the model requires, and each kind of value has its widget. The
build tests show that ``cms:`` adds the admin folder and changes no other file of the site.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml
from pydantic import BaseModel

from generator.content import schema as S
from generator.content.cms_config import FILE_MARK, decap_config
from generator.content.cms_fields import classify, model_fields
from generator.site.admin import SERVER_POLICY, admin_files, admin_policy, index_html
from tests.helpers import REPO, build_in_process, run_cli, tree_digest
from tests.project_fixture import small_project

CMS = {"backend": "gitlab", "repo": "landkreis/servicefinder", "app_id": "client-id"}


def example_site(**cms: Any) -> S.Site:
    data = yaml.safe_load((REPO / "content" / "site.yaml").read_text(encoding="utf-8"))
    data["cms"] = {**CMS, **cms}
    return S.Site.model_validate(data, strict=False)


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    return decap_config(example_site(local_backend=True), ["regelbedarf/stufe-1"])


def collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in config["collections"] if c["name"] == name)


def settings_file(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(f for f in collection(config, "settings")["files"] if f["name"] == name)


def compare(fields: list[dict[str, Any]], model: type[BaseModel], where: str, site: S.Site) -> int:
    """Assert that ``fields`` are exactly the model's; the number of fields compared."""
    shown = [f["name"] for f in fields]
    expected = [name for name, _ in model_fields(model)]
    if model.model_config.get("extra") == "allow":  # a label per further site language
        expected += [lang for lang in site.languages if lang not in expected]
    assert shown == expected, f"{where}: the form has {shown}, the model {expected}"
    count = 0
    for field in fields:
        info = model.model_fields.get(field["name"]) or next(
            (i for n, i in model.model_fields.items() if i.alias == field["name"]), None
        )
        count += 1
        if info is None:
            continue
        kind = classify(info.annotation, list(info.metadata))
        inner = _model_of(kind.base)
        if inner is not None and field["widget"] in ("object", "list") and "fields" in field:
            count += compare(field["fields"], inner, f"{where}.{field['name']}", site)
        elif field["widget"] == "object" and "fields" in field and inner is None:
            # dict of language -> model: one object per further site language
            value = _dict_value(kind.base)
            for sub in field["fields"]:
                count += compare(
                    sub["fields"], value, f"{where}.{field['name']}.{sub['name']}", site
                )
    return count


def _model_of(base: Any) -> type[BaseModel] | None:
    from typing import get_args, get_origin

    if get_origin(base) is list:
        base = classify(get_args(base)[0]).base
    return base if isinstance(base, type) and issubclass(base, BaseModel) else None


def _dict_value(base: Any) -> type[BaseModel]:
    from typing import get_args

    return get_args(base)[1]


def test_every_field_of_the_model_is_in_the_form_and_none_other(config: dict[str, Any]) -> None:
    site = example_site()
    compared = 0
    for name, model in (
        ("services", S.Service),
        ("offices", S.Authority),
        ("rates", S.RateTable),
    ):
        compared += compare(collection(config, name)["fields"], model, name, site)
    for lang in ("en", "uk", "ar", "tr"):
        fields = collection(config, f"services_{lang}")["fields"]
        compared += compare(fields, S.ServiceTranslation, f"services_{lang}", site)
    for name in ("site", "glossary", "synonyms"):
        compared += compare(settings_file(config, name)["fields"], S.MODELS[name], name, site)
    assert compared > 300  # the comparison walked every nested model


def test_the_comparison_fails_for_a_missing_and_an_invented_field(config: dict[str, Any]) -> None:
    site = example_site()
    fields = copy.deepcopy(collection(config, "services")["fields"])
    with pytest.raises(AssertionError, match="the model"):
        compare(fields[1:], S.Service, "services", site)
    with pytest.raises(AssertionError, match="the model"):
        compare([*fields, {"name": "invented", "widget": "string"}], S.Service, "services", site)


def field(fields: list[dict[str, Any]], path: str) -> dict[str, Any]:
    found: dict[str, Any] = {"fields": fields}
    for part in path.split("."):
        found = next(f for f in found["fields"] if f["name"] == part)
    return found


def test_each_kind_of_value_has_its_widget(config: dict[str, Any]) -> None:
    service = collection(config, "services")["fields"]
    office = collection(config, "offices")["fields"]
    assert field(service, "as_of").items() >= {"widget": "datetime", "format": "YYYY-MM-DD"}.items()
    assert field(service, "as_of")["time_format"] is False
    assert field(service, "id")["pattern"][0] == "^[a-z0-9]+(-[a-z0-9]+)*$"
    assert field(office, "address.postcode")["pattern"][0] == "^[0-9]{5}$"
    assert field(office, "areas.ars")["widget"] == "string"  # digits as text, never a number
    assert field(service, "description")["widget"] == "markdown"
    assert field(service, "summary")["widget"] == "text"
    assert field(service, "fees.amount_eur")["widget"] == "number"
    assert field(service, "forms.online")["widget"] == "boolean"
    assert field(service, "requirements")["widget"] == "list"
    assert field(service, "documents")["widget"] == "list"
    assert field(service, "documents")["default"] == []  # no empty document in a new file
    assert field(service, "process")["widget"] == "list"
    assert field(service, "more_sources")["widget"] == "list"
    assert field(service, "easy")["widget"] == "object"
    # references: what the form offers is what exists
    topics = field(service, "topics")
    assert topics["widget"] == "relation" and topics["value_field"] == "topics.*.id"
    assert topics["multiple"] is True and topics["min"] == 1
    assert field(service, "responsible.authority_kind")["value_field"] == "authority_kinds.*.id"
    assert field(office, "kinds")["value_field"] == "authority_kinds.*.id"
    assert field(service, "related")["collection"] == "services"
    assert field(service, "general_service")["collection"] == "services"
    assert field(service, "amounts.rates")["options"] == ["regelbedarf/stufe-1"]
    translation = collection(config, "services_en")["fields"]
    assert field(translation, "id")["collection"] == "services"
    marks = field(office, "example_data")
    assert marks["widget"] == "select" and marks["multiple"] is True
    assert marks["options"] == list(get_args(S.ExampleBlock))
    # required as the model says; nothing inside an optional object
    assert "required" not in field(service, "title")
    assert field(service, "leika")["required"] is False
    assert all(f["required"] is False for f in field(service, "eligibility")["fields"])


def test_collections_files_and_backends(config: dict[str, Any]) -> None:
    services = collection(config, "services")
    assert services["folder"] == "content/services" and services["extension"] == "yaml"
    assert services["filter"] == {"field": FILE_MARK, "value": "service"}
    english = collection(config, "services_en")
    assert english["extension"] == "en.yaml"  # <slug>.en.yaml beside a bare <slug>.yaml
    assert english["filter"] == {"field": FILE_MARK, "value": "service-translation"}
    assert not any(c["name"] == "services_de" for c in config["collections"])
    assert collection(config, "pages")["folder"] == "content/pages"
    wanted = {"name": "gitlab", "auth_type": "pkce", "app_id": "client-id"}
    assert config["backend"].items() >= wanted.items()
    assert config["publish_mode"] == "editorial_workflow"
    assert config["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1"}
    forgejo = decap_config(example_site(backend="forgejo", base_url="https://codeberg.org"), [])[
        "backend"
    ]
    assert forgejo["api_root"] == "https://codeberg.org/api/v1"
    github = decap_config(
        example_site(backend="github", base_url="https://oauth.example.org", app_id=None), []
    )
    assert github["backend"]["base_url"] == "https://oauth.example.org"
    assert "local_backend" not in github


@pytest.mark.parametrize(
    ("cms", "message"),
    [
        ({"backend": "gitea", "base_url": "https://git.example.org"}, "editorial_workflow"),
        ({"backend": "forgejo"}, "base_url"),
        ({"app_id": None}, "app_id"),
        ({"backend": "github", "app_id": None}, "OAuth helper"),
        ({"repo": "no-slash"}, "pattern"),
    ],
)
def test_settings_that_cannot_work_are_refused(cms: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        example_site(**cms)


def test_the_admin_page_loads_nothing_from_another_host() -> None:
    site = example_site()
    page = index_html(site)
    assert '<meta name="robots" content="noindex, nofollow">' in page
    # the only address in the page is the git host's, in its policy
    assert set(re.findall(r"https?://[^\s\"';&]+", page)) == {"https://gitlab.com"}
    assert "connect-src 'self' https://gitlab.com" in admin_policy(site)
    assert "'unsafe-inline'" not in SERVER_POLICY.split("script-src")[1].split(";")[0]
    files = admin_files(site, REPO, REPO / "content")
    for path, content in files.items():
        if path.endswith(".js") and not path.startswith("admin/yaml/"):
            text = content.decode() if isinstance(content, bytes) else content
            assert "import(" not in text or "http" not in text.split("import(")[1][:20], path
    assert {"admin/index.html", "admin/config.yml", "admin/decap-cms.js", "admin/cms.js"} <= {
        *files
    }
    assert admin_files(example_site().model_copy(update={"cms": None}), REPO, REPO) == {}


@pytest.mark.slow
def test_citizens_pages_are_byte_identical_with_and_without_cms(tmp_path: Path) -> None:
    plain = small_project(tmp_path / "plain")
    with_cms = small_project(tmp_path / "cms")
    for project in (plain, with_cms):
        config = project / "mkdocs.yml"
        config.write_text(
            config.read_text(encoding="utf-8") + "site_url: https://sf.example.org/\n",
            encoding="utf-8",
        )
    site_yaml = with_cms / "content" / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text(encoding="utf-8")
        + "cms:\n  backend: gitlab\n  repo: land/sf\n  app_id: abc\n",
        encoding="utf-8",
    )
    before = tree_digest(build_in_process(plain, use_cache=False))
    after = tree_digest(build_in_process(with_cms, use_cache=False))
    admin = {p for p in after if p.startswith("admin/")}
    assert "admin/index.html" in admin and not any(p.startswith("admin/") for p in before)
    assert {p: d for p, d in after.items() if p not in admin} == before
    sitemap = (with_cms / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "/admin" not in sitemap
    for data in ("search", "open", "data"):
        for path in (with_cms / "site").rglob(f"*{data}*.json"):
            assert "admin/" not in path.read_text(encoding="utf-8"), path
    result = run_cli(with_cms, "check-pages")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_cms_config_command_writes_what_the_build_serves(tmp_path: Path) -> None:
    project = small_project(tmp_path / "p")
    result = run_cli(project, "cms-config")
    assert result.returncode == 1 and "no cms:" in result.stderr
    site_yaml = project / "content" / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text(encoding="utf-8")
        + "cms:\n  backend: gitlab\n  repo: land/sf\n  app_id: abc\n",
        encoding="utf-8",
    )
    result = run_cli(project, "cms-config", "-o", "cms/config.yml")
    assert result.returncode == 0, result.stderr
    written = yaml.safe_load((project / "cms" / "config.yml").read_text(encoding="utf-8"))
    assert written["backend"]["repo"] == "land/sf"
    assert [c["name"] for c in written["collections"]] == [
        "services",
        "services_en",
        "offices",
        "rates",
        "pages",
        "settings",
    ]
    json.dumps(written)  # plain data only
