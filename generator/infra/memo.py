"""What the preview remembers between two checks of the content, so a save re-reads one file.

``servicefinder serve`` checks the whole content after every save, because cross-file
checks (references, coverage, freshness) must still be right in the preview's banner. The
expensive parts are per file: parsing and validating a file against the schema, and the
easy-language check of its text. Both are pure functions of the file's bytes (and of the
site's easy-language rules), so :class:`ContentMemo` keeps their results in memory, keyed
by the bytes themselves: a file whose bytes are unchanged gives back the very same objects
as before, and only the saved file is parsed and validated again.

A file is first read plainly and compared with the bytes remembered for it; only when they
differ (or the file is new) is it read again with every safety check
(``generator.infra.files.read_regular``) and parsed. Identical bytes give identical
results, so the memo can be missed but never be wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class ContentMemo:
    """Results of reading files and of checking easy-language texts, kept in memory."""

    def __init__(self) -> None:
        #: (path, what it was read as) -> (the bytes read, the result)
        self._files: dict[tuple[str, str], tuple[bytes, Any]] = {}
        #: (text, language, rules) -> findings
        self._easy: dict[tuple[str, str, str], Any] = {}
        #: what the current check used: the rest is dropped when it ends
        self._files_seen: set[tuple[str, str]] = set()
        self._easy_seen: set[tuple[str, str, str]] = set()
        #: paths read afresh (new or changed bytes) since the caller last cleared it
        self.fresh: set[str] = set()
        self.reads = 0
        self.reused = 0

    def read(self, path: Path, kind: str, load: Callable[[], T]) -> T:
        """``load()``'s result for ``path`` read as ``kind``, remembered while its bytes
        stay the same."""
        self.reads += 1
        key = (str(path), kind)
        self._files_seen.add(key)
        try:
            raw = path.read_bytes()
        except OSError:
            raw = None
        known = self._files.get(key)
        if raw is not None and known is not None and known[0] == raw:
            self.reused += 1
            return known[1]  # type: ignore[no-any-return]
        result = load()
        self.fresh.add(str(path))
        if raw is None:
            self._files.pop(key, None)
        else:
            self._files[key] = (raw, result)
        return result

    def easy(self, text: str, lang: str, rules: str, check: Callable[[], T]) -> T:
        """``check()``'s findings for an easy-language ``text``; ``rules`` is the site's
        rule settings, serialised, so a change of the rules checks every text again."""
        key = (text, lang, rules)
        self._easy_seen.add(key)
        if key not in self._easy:
            self._easy[key] = check()
        return self._easy[key]  # type: ignore[no-any-return]

    def forget_unused(self) -> None:
        """Drop what the check that just ended did not use (removed files, old versions of
        texts), so a long preview session does not keep every version of every file."""
        self._files = {k: v for k, v in self._files.items() if k in self._files_seen}
        self._easy = {k: v for k, v in self._easy.items() if k in self._easy_seen}
        self._files_seen, self._easy_seen = set(), set()
