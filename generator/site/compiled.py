"""Compiled templates kept for the life of the process.

Every build makes new Jinja environments (MkDocs its theme's, the renderer its own), and each
compiles its templates again: Material's frame and the page templates are a third of a small
site's build, and of every rebuild the preview makes. Jinja's bytecode caches keep the
compiled code by template and source; this one keeps it in memory, and adds to the key
everything of the environment that changes the code Jinja writes (delimiters, whitespace
rules, extensions, escaping as decided for that template, ``finalize``, and how each filter
and test is called), so two environments that would compile a template differently never
share it.
"""

from __future__ import annotations

import hashlib
from types import CodeType
from typing import Any

import jinja2
from jinja2.bccache import Bucket


class ProcessTemplates(jinja2.BytecodeCache):
    """An in-memory bytecode cache keyed by template, source and the environment's
    compile-time settings (:func:`compile_settings`)."""

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, Any]] = {}

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        # by name and source, not by file: a second project's copy of a template (the same
        # bytes in another folder) is the same code, given the file's name below
        key = f"{self.get_cache_key(name)}|{compile_settings(environment, name)}"
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        if bucket.code is not None and filename and bucket.code.co_filename != filename:
            bucket.code = _placed(bucket.code, filename)  # errors name this file
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self._code.get(bucket.key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = (bucket.checksum, bucket.code)

    def clear(self) -> None:
        self._code.clear()


def _placed(code: CodeType, filename: str) -> CodeType:
    """``code`` and the code of every block and macro in it, as compiled from ``filename``."""
    consts = tuple(_placed(c, filename) if isinstance(c, CodeType) else c for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


def _callable_name(value: Any) -> tuple[str, str, str] | None:
    if value is None:
        return None
    return (
        getattr(value, "__module__", "") or "",
        getattr(value, "__qualname__", type(value).__qualname__),
        str(getattr(value, "jinja_pass_arg", "")),
    )


def compile_settings(env: jinja2.Environment, name: str) -> str:
    """A digest of what in ``env`` shapes the code Jinja compiles ``name`` to."""
    autoescape = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    parts = (
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        env.is_async,
        bool(autoescape),
        tuple(sorted(env.extensions)),
        getattr(env, "newstyle_gettext", None),
        _callable_name(env.finalize),
        tuple(sorted((k, str(getattr(v, "jinja_pass_arg", ""))) for k, v in env.filters.items())),
        tuple(sorted((k, str(getattr(v, "jinja_pass_arg", ""))) for k, v in env.tests.items())),
        f"{env.code_generator_class.__module__}.{env.code_generator_class.__qualname__}",
        f"{env.context_class.__module__}.{env.context_class.__qualname__}",
        jinja2.__version__,
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


#: the process's compiled templates, shared by every environment a build makes
TEMPLATES = ProcessTemplates()
