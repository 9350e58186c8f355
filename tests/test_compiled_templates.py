"""Templates compiled once a process (generator/site/compiled.py): a second environment
with the same settings reuses the code, one that would compile differently never does, and
an error in a copy of a template names the copy."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator.site.compiled import ProcessTemplates

TEMPLATE = (
    "{{ value }}|{{ value | shout }}\n{% macro fail() %}{{ missing.attribute }}{% endmacro %}"
)


def _env(folder: Path, cache: ProcessTemplates, **settings) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        bytecode_cache=cache,
        undefined=jinja2.StrictUndefined,
        **settings,
    )
    env.filters["shout"] = lambda v: str(v).upper()
    return env


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    first, copy = tmp_path / "first", tmp_path / "copy"
    for folder in (first, copy):
        folder.mkdir()
        (folder / "page.html").write_text(TEMPLATE, encoding="utf-8")
    return first, copy


def _compiles(monkeypatch) -> list[str]:
    seen: list[str] = []
    compile_ = jinja2.Environment.compile

    def counted(self, source, name=None, filename=None, *args, **kwargs):
        seen.append(name)
        return compile_(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return seen


def test_the_same_settings_compile_once(folders, monkeypatch):
    first, copy = folders
    cache = ProcessTemplates()
    seen = _compiles(monkeypatch)
    for folder in (first, copy, first):
        out = _env(folder, cache, autoescape=True).get_template("page.html").render(value="<b>")
        assert out.startswith("&lt;b&gt;|&lt;B&gt;")
    assert seen == ["page.html"]


def test_settings_that_change_the_code_are_never_shared(folders, monkeypatch):
    first, _ = folders
    cache = ProcessTemplates()
    seen = _compiles(monkeypatch)
    escaped = _env(first, cache, autoescape=True).get_template("page.html").render(value="<b>")
    raw = _env(first, cache, autoescape=False).get_template("page.html").render(value="<b>")
    trimmed = _env(first, cache, autoescape=False, trim_blocks=True).get_template("page.html")
    assert escaped.startswith("&lt;b&gt;") and raw.startswith("<b>|<B>")
    assert trimmed.render(value="x").startswith("x|X")
    assert seen == ["page.html"] * 3


def test_a_changed_source_is_compiled_again(folders, monkeypatch):
    first, _ = folders
    cache = ProcessTemplates()
    seen = _compiles(monkeypatch)
    _env(first, cache).get_template("page.html").render(value="a")
    (first / "page.html").write_text("new {{ value }}", encoding="utf-8")
    assert _env(first, cache).get_template("page.html").render(value="a") == "new a"
    assert seen == ["page.html", "page.html"]


def test_an_error_in_a_copy_names_the_copy(folders):
    first, copy = folders
    cache = ProcessTemplates()
    _env(first, cache).get_template("page.html").render(value="a")
    template = _env(copy, cache).get_template("page.html")
    assert template.filename == str(copy / "page.html")
    with pytest.raises(jinja2.UndefinedError) as caught:
        template.module.fail()
    frames = [entry.path for entry in caught.traceback]
    assert str(copy / "page.html") in map(str, frames)
    assert str(first / "page.html") not in map(str, frames)
