"""``mkdocs.yml`` checked like content: one message at file:line, never a traceback.

MkDocs reports a broken configuration through its log and an ``Abort``, or lets a YAML
error escape; ``validate`` must say the same things ``build`` would, before anything is
built. The folders the configuration names (``docs_dir``, the theme's ``custom_dir``) are
returned, so they are checked as content too.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.infra.errors import Problem
from generator.infra.files import RefusedFile, read_regular, shown_path

#: a configuration is a few KB
MAX_CONFIG_BYTES = 256 * 1024


@dataclass
class CheckedConfig:
    problems: list[Problem] = field(default_factory=list)
    #: MkDocs' docs_dir, published file by file
    docs_dir: Path | None = None
    #: the theme's custom_dir: its static files are published too
    custom_dir: Path | None = None
    #: the page templates the plugin renders with
    templates_dir: Path | None = None


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def check_config(config_file: Path, root: Path) -> CheckedConfig:
    """Read and validate ``config_file`` the way a build does; report what fails."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    shown = shown_path(config_file, root)
    result = CheckedConfig()

    def fail(message: str, line: int = 1, col: int = 1) -> CheckedConfig:
        result.problems.append(Problem(shown, line, col, "", message))
        return result

    try:
        raw = read_regular(config_file, root, MAX_CONFIG_BYTES)
        raw.decode("utf-8")
    except RefusedFile as exc:
        return fail(str(exc))
    except UnicodeDecodeError as exc:
        return fail(f"not valid UTF-8 (byte {exc.start}); save the file as UTF-8")
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        config = load_config(config_file=str(config_file))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(str(s) for s in (exc.context, exc.problem) if s)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return fail(f"invalid YAML: {what}", line, col)
    except yaml.YAMLError as exc:
        return fail(f"invalid YAML: {exc}")
    except RecursionError:
        return fail("values are nested too deeply")
    except (MkDocsException, SystemExit) as exc:
        reasons = collect.messages or [str(exc)]
        for reason in reasons:
            fail(reason)
        return result
    except Exception as exc:  # a plugin or theme refusing the configuration in its own way
        return fail(f"MkDocs cannot use this configuration: {type(exc).__name__}: {exc}")
    finally:
        logger.removeHandler(collect)
    result.docs_dir = Path(os.path.abspath(config.docs_dir))
    custom = getattr(config.theme, "custom_dir", None)
    result.custom_dir = Path(os.path.abspath(custom)) if custom else None
    plugin = config.plugins.get("servicefinder")
    if plugin is not None:
        result.templates_dir = Path(os.path.abspath(root / plugin.config.templates_dir))
    for name, folder in (
        ("docs_dir", result.docs_dir),
        ("theme.custom_dir", result.custom_dir),
        ("templates_dir", result.templates_dir),
    ):
        if folder is not None and not _inside(folder, root):
            fail(f"{name} {folder} lies outside the project; keep published files inside it")
    return result


def _inside(path: Path, root: Path) -> bool:
    try:
        Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
    except ValueError:
        return False
    return True
