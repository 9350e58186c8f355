"""The example server configurations send exactly the headers of generator/engine/security.py."""

from __future__ import annotations

import pytest

from generator.engine.security import HEADERS
from tests.helpers import REPO


@pytest.mark.parametrize("name", ["nginx.conf", "apache.htaccess", "Caddyfile"])
def test_config_sends_every_security_header(name: str):
    text = (REPO / "docs/hosting" / name).read_text(encoding="utf-8")
    for header, value in HEADERS.items():
        assert f'{header} "{value}"' in text, f"{name}: {header} missing or different"
    assert "immutable" in text  # hashed assets cached for good
    assert "gzip" in text  # precompressed files served
