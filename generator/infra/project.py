"""Where a project keeps its parts: a light module, so a command can find them (and a
rebuild with nothing changed can stop) before the build's machinery is imported."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.infra.cache import DEFAULT_FOLDER
from generator.infra.resources import layers


@dataclass(frozen=True)
class Project:
    """Where a project keeps its parts; every path is absolute."""

    root: Path
    content_dir: Path
    templates_dir: Path
    overrides_dir: Path
    config_file: Path
    #: build results kept by content digest; None switches the cache off
    cache_dir: Path | None
    #: free Markdown pages editors may add (the engine publishes them as they are)
    pages_dir: Path | None = None

    @property
    def template_dirs(self) -> tuple[Path, ...]:
        """The page templates: the site's own overrides (if any) before the tool's."""
        return layers(self.templates_dir, "templates")

    @property
    def override_dirs(self) -> tuple[Path, ...]:
        """The theme overrides and the site's own assets: the site's before the tool's."""
        return layers(self.overrides_dir, "site_overrides")

    @classmethod
    def at(cls, root: Path, *, use_cache: bool = True, pages_dir: Path | None = None) -> Project:
        root = root.resolve()
        return cls(
            root=root,
            content_dir=root / "content",
            templates_dir=root / "templates",
            overrides_dir=root / "site_overrides",
            config_file=root / "mkdocs.yml",
            cache_dir=root / DEFAULT_FOLDER if use_cache else None,
            pages_dir=pages_dir or root / "content" / "pages",
        )
