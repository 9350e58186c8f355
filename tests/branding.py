"""The second example branding (the fictional district of Musterhausen, in
``tests/branding_example/``) applied to the small test project."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.helpers import REPO
from tests.project_fixture import SITE, small_project

EXAMPLE = REPO / "tests" / "branding_example"
IMAGES = {"logo.svg", "favicon.svg", "favicon-32.png"}
#: top-level fields of site.yaml the example replaces
_REPLACED = ("name", "description", "branding")


def branded_site_yaml(extra: str = "", base: str | None = None) -> str:
    """content/site.yaml with the example's name, description and branding in place of the
    original ones; ``extra`` replaces text in the example's fields first."""
    text = base if base is not None else SITE
    for key in _REPLACED:  # a top-level field runs until the next line that is not indented
        text = re.sub(rf"^{key}:.*\n(?:(?:[ #].*)?\n)*", "", text, flags=re.M)
    example = (EXAMPLE / "site-branding.yaml").read_text("utf-8")
    if extra:
        old, new = extra.split("=>")
        assert old.strip() in example, old
        example = example.replace(old.strip(), new.strip())
    return text.rstrip("\n") + "\n" + example


def make_branded_project(root: Path, *, replace: str = "", svg: str | None = None) -> Path:
    """The small test project with the Musterhausen branding; ``replace`` ("old => new")
    changes its site.yaml fields, ``svg`` replaces the logo's text."""
    project = small_project(root, {"content/site.yaml": branded_site_yaml(replace)})
    images = project / "content" / "branding"
    images.mkdir(exist_ok=True)
    for name in sorted(IMAGES):
        shutil.copy2(EXAMPLE / name, images / name)
    if svg is not None:
        (images / "logo.svg").write_text(svg, encoding="utf-8")
    return project
