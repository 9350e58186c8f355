"""Read one YAML file into plain data, remembering where every value stood.

PyYAML's node marks are the only source of line and column numbers, so the file is composed
into nodes first and then turned into plain data; each value's position is kept by its path
(``("documents", 2, "name")``). Aliases are refused: content files never need them, and
they are how YAML "billion laughs" bombs are built.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from generator.content import dialect
from generator.infra.errors import Problem
from generator.infra.files import RefusedFile, read_regular

Path_ = tuple[str | int, ...]

#: Larger files are refused before parsing: a service description is a few KB. A site
#: with unusually long texts raises it with SERVICEFINDER_MAX_FILE_KB.
MAX_FILE_BYTES = int(os.environ.get("SERVICEFINDER_MAX_FILE_KB", "512")) * 1024


@dataclass(slots=True)
class Document:
    """A YAML file as plain data plus the position of each value and key."""

    file: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: values written as literal blocks (``|``): their lines map 1:1 to file lines
    block_scalars: set[Path_] = field(default_factory=set)
    #: paths the loader already reported; validation does not report them again
    reported: set[Path_] = field(default_factory=set)
    #: the file's text and each value's character span in it, so a finding inside a long
    #: text (HTML on its 46th line) is reported where the offending characters stand
    source: str = ""
    #: how to write a value that YAML 1.1 and 1.2 read differently (see dialect.py)
    hints: dict[Path_, str] = field(default_factory=dict)
    spans: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: set by :meth:`lean`: parses the file again when a position is asked for
    reload: Callable[[], Document | None] | None = field(default=None, repr=False, compare=False)

    def lean(self, reload: Callable[[], Document | None]) -> Document:
        """This document without its data, text and positions, which ``reload`` gives back
        when a later check reports on the file.

        A file's text, positions and plain data take several times the memory of the
        object validated from it, and a national catalogue checks tens of thousands of
        files: kept for every file until the checks across files end, they would make the
        check's peak, and the heap every page-writing process starts from, grow by
        gigabytes. Findings after the per-file checks concern few files, so parsing those
        again costs little."""
        # one set of empty tables for every lean document (none is written to, and one
        # written to would fail): each with tables of its own, the 50,000 files of
        # 10,000 services in five languages took 40 MB more of the check's memory
        return Document(
            self.file,
            _NONE,
            _NONE,  # type: ignore[arg-type]
            _NONE,  # type: ignore[arg-type]
            _NO_PATHS,  # type: ignore[arg-type]
            self.reported or _NO_PATHS,  # type: ignore[arg-type]
            hints=_NONE,  # type: ignore[arg-type]
            spans=_NONE,  # type: ignore[arg-type]
            reload=reload,
        )

    def _full(self) -> Document:
        """The document with its positions: parsed again for a lean one (not kept, so the
        memory stays lean), or without positions when the file changed since."""
        assert self.reload is not None
        return self.reload() or Document(self.file, self.data, reported=self.reported)

    def locate(self, path: Path_, needle: str) -> tuple[int, int]:
        """Line and column of the first ``needle`` inside the value at ``path`` as written
        in the file; the value's own position when it cannot be found there (an escape
        sequence, a folded line break)."""
        if self.reload is not None:
            return self._full().locate(path, needle)
        span = self.spans.get(tuple(path))
        if span is not None and needle:
            at = self.source.find(needle, span[0], span[1])
            if at < 0:  # folded or escaped: try the needle's first line, then its first word
                first = needle.strip().splitlines()[0] if needle.strip() else ""
                at = self.source.find(first, span[0], span[1]) if first else -1
            if at >= 0:
                return _text_position(self.source, at)
        return self.where(path)

    def text_line(self, path: Path_, line_in_text: int) -> int:
        """The file line of line ``line_in_text`` (1-based) of the text value at ``path``."""
        if self.reload is not None:
            return self._full().text_line(path, line_in_text)
        start = self.where(path)[0]
        return start + line_in_text if path in self.block_scalars else start

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column of ``path``, or of its nearest ancestor that has one."""
        if self.reload is not None:
            return self._full().where(path, key=key)
        table = self.key_marks if key else self.marks
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if not key and probe in self.key_marks:
                return self.key_marks[probe]
            probe = probe[:-1]
        return self.marks.get((), (1, 1))


#: the tables of a lean document (:meth:`Document.lean`): empty, and read only
_NONE: Mapping[Any, Any] = MappingProxyType({})
_NO_PATHS: frozenset[Path_] = frozenset()


def value_at(data: Any, path: Path_) -> Any:
    """The value at ``path`` in plain data; None where there is none."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


class _Refused(yaml.MarkedYAMLError):
    pass


#: deeper structures are refused: content files need a handful of levels, and the parsers
#: recurse once per level (libyaml crashes the process, PyYAML raises RecursionError)
MAX_DEPTH = 64


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases, so expansion bombs cannot be expressed, and
    structures nested deeper than :data:`MAX_DEPTH`."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused(
                problem="YAML aliases (*name) are not allowed in content files; "
                "write the value out",
                problem_mark=event.start_mark,
            )
        if self.depth >= MAX_DEPTH:
            raise _Refused(
                problem=f"values are nested more than {MAX_DEPTH} levels deep; "
                "content files need only a few levels",
                problem_mark=self.peek_event().start_mark,
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def load_document(
    path: Path, shown_as: str, root: Path | None = None
) -> tuple[Document | None, list[Problem]]:
    """Parse ``path``; on failure return no document and the problems that explain why.

    Only a regular file inside ``root`` (default: the file's folder) is read, and at most
    :data:`MAX_FILE_BYTES` of it (see :mod:`generator.infra.files`).
    """
    try:
        raw = read_regular(path, root or path.parent, MAX_FILE_BYTES)
    except RefusedFile as exc:
        return None, [
            _problem(
                shown_as,
                1,
                1,
                f"{exc} (SERVICEFINDER_MAX_FILE_KB)" if "bytes; at most" in str(exc) else str(exc),
            )
        ]
    return parse_bytes(raw, shown_as)


def parse_bytes(raw: bytes, shown_as: str) -> tuple[Document | None, list[Problem]]:
    """Decode and parse a file's bytes (their size already checked)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position(raw, exc.start)
        return None, [
            _problem(
                shown_as,
                line,
                col,
                f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
            )
        ]
    return parse_text(text, shown_as)


#: anything that may be a YAML anchor or alias; such files take the exact (Python) loader
_ANCHOR_LIKE = re.compile(r"(?:^|[\s\[{,:])[&*][\w-]", re.MULTILINE)
_FAST = getattr(yaml, "CSafeLoader", None)


def parse_text(text: str, shown_as: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text into a :class:`Document`, or explain in one problem why not.

    libyaml (PyYAML's C parser) reads the ordinary file ten times faster; a file that may
    hold an anchor or alias, or that fails to parse, is read by the Python parser, whose
    alias refusal and messages are the ones editors see.
    """
    text = text.lstrip("\ufeff")
    bad = _NON_PRINTABLE.search(text)
    if bad is not None:
        line, col = _text_position(text, bad.start())
        return None, [
            _problem(
                shown_as,
                line,
                col,
                f"control character U+{ord(bad.group()):04X} is not allowed in content "
                "files; remove it",
            )
        ]
    if _FAST is not None and not _ANCHOR_LIKE.search(text) and _shallow(text):
        fast = _FAST(text)
        try:
            root = fast.get_single_node()
        except yaml.YAMLError:
            pass  # explained below, in the Python parser's words
        else:
            return _document(fast, root, shown_as, text)
        finally:
            fast.dispose()
    loader = None
    try:
        loader = _Loader(text)
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        line, col, what = _yaml_error(exc)
        prefix = "" if isinstance(exc, _Refused) else "invalid YAML: "
        return None, [_problem(shown_as, line, col, prefix + what)]
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        return None, [_problem(shown_as, 1, 1, f"invalid YAML: {exc}")]
    except RecursionError:
        return None, [_problem(shown_as, 1, 1, "values are nested too deeply")]
    finally:
        if loader is not None:
            loader.dispose()
    return _document(loader, root, shown_as, text)


def _yaml_error(exc: yaml.MarkedYAMLError) -> tuple[int, int, str]:
    """Where the offending text starts, and what to say about it.

    A scanner error that carries a context ("while scanning a quoted scalar", "while
    scanning a simple key") was noticed far from its cause: the problem mark of an unclosed
    quote is wherever the next quote or the end of the file happens to be. Its context mark
    is where the offending token starts, so that is the position reported, and the place the
    scanner gave up is named in the message. Parser errors ("expected <block end>") are
    the other way round: the problem mark is the offending line.
    """
    problem, context = exc.problem_mark, exc.context_mark
    scanning = isinstance(exc, yaml.scanner.ScannerError) and context is not None
    mark = context if scanning or problem is None else problem
    if mark is None:
        return 1, 1, " ".join(str(s) for s in (exc.context, exc.problem) if s)
    what = str(exc.problem or exc.context or "")
    if scanning and context is not None:
        what = f"{exc.context}: {exc.problem}"
        if problem is not None and problem.line != context.line:
            what += f" (the parser gave up on line {problem.line + 1})"
        if "quoted scalar" in str(exc.context):
            what += "; close the quote on the same value, or remove it"
        elif "simple key" in str(exc.context):
            what += "; write field: value on one line"
    elif exc.context and context is not None and problem is not None:
        what = f"{exc.problem} ({exc.context} on line {context.line + 1})"
    hint = _YAML_HINTS.get(str(exc.problem or ""))
    if hint and hint not in what:
        what += hint
    return mark.line + 1, mark.column + 1, what


_YAML_HINTS = {
    "mapping values are not allowed here": "; a value containing ': ' must be quoted",
    "found character '\\t' that cannot start any token": "; indent with spaces, not tabs",
}


#: what YAML forbids in a stream (PyYAML's reader refuses the same set)
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_FLOW_OPEN = re.compile(r"[\[{]")
_INDENT = re.compile(r"^[ \t?:-]*", re.MULTILINE)


def _shallow(text: str) -> bool:
    """True when ``text`` cannot nest deeper than :data:`MAX_DEPTH` levels.

    Counted generously (every bracket opens a level, every column of indentation or "- "
    may), so a False only sends the file to the Python parser, which counts exactly; the C
    parser is never handed a structure deep enough to exhaust its stack.
    """
    flow = len(_FLOW_OPEN.findall(text))
    if flow > MAX_DEPTH // 2:
        depth = flow = 0
        for ch in text:
            if ch in "[{":
                depth += 1
                flow = max(flow, depth)
            elif ch in "]}":
                depth = max(0, depth - 1)
    indent = max(map(len, _INDENT.findall(text)), default=0)
    return flow + indent <= MAX_DEPTH // 2


def _document(
    loader: Any, root: Any, shown_as: str, text: str = ""
) -> tuple[Document | None, list[Problem]]:
    if root is None:
        return None, [_problem(shown_as, 1, 1, "the file is empty; expected field: value lines")]
    doc = Document(shown_as, None)
    problems: list[Problem] = []
    if not isinstance(root, yaml.MappingNode):
        line, col = root.start_mark.line + 1, root.start_mark.column + 1
        return None, [
            _problem(
                shown_as,
                line,
                col,
                "expected a mapping of field: value lines at the top of the file",
            )
        ]
    doc.source = text
    doc.data = _build(loader, root, (), doc, problems)
    return doc, problems


_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"


def _constructed(loader: Any, node: yaml.Node, doc: Document, problems: list[Problem]) -> Any:
    """A field name's value, or None with a problem when YAML cannot make one (a tag no
    constructor knows, such as ``!!python/name``): a content mistake, never a crash."""
    try:
        return loader.construct_object(node)
    except (ValueError, yaml.YAMLError) as exc:
        what = getattr(exc, "problem", None) or str(exc)
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        problems.append(_problem(doc.file, line, col, f"a field name YAML cannot read: {what}"))
        return None


def _build(
    loader: Any, node: yaml.Node, path: Path_, doc: Document, problems: list[Problem]
) -> Any:
    doc.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    doc.spans[path] = (node.start_mark.index, node.end_mark.index)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(_problem(doc.file, *key_pos, "a field name must be plain text"))
                continue
            if key_node.tag == _MERGE:  # "<<:": copies fields from elsewhere, like an alias
                problems.append(
                    _problem(
                        doc.file,
                        *key_pos,
                        "YAML merge keys (<<:) are not allowed in content files; write the "
                        "fields out",
                        dotted((*path, "<<")),
                    )
                )
                continue
            if key_node.tag != _STR and not isinstance(
                _constructed(loader, key_node, doc, problems), (str, int, float, bool)
            ):
                continue
            key = str(loader.construct_object(key_node))
            if key in result:
                first = doc.key_marks[(*path, key)]
                problems.append(
                    _problem(
                        doc.file,
                        *key_pos,
                        f"field '{key}' appears twice (first on line {first[0]})",
                        dotted((*path, key)),
                    )
                )
                continue
            doc.key_marks[(*path, key)] = key_pos
            result[key] = _build(loader, value_node, (*path, key), doc, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(loader, item, (*path, i), doc, problems) for i, item in enumerate(node.value)
        ]
    if getattr(node, "style", None) == "|":
        doc.block_scalars.add(path)
    read_12 = dialect.reading(node)
    if read_12 is not None:  # read as editors' tools read it; the hint goes with any error
        doc.hints[path] = read_12[1]
        return read_12[0]
    if node.tag == _STR:
        return node.value  # what the constructor returns for a string, without its detour
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, yaml.YAMLError) as exc:
        what = "a real date like 2025-01-22" if node.tag.endswith("timestamp") else "a valid value"
        problems.append(
            _problem(
                doc.file,
                *doc.marks[path],
                f"expected {what}, got {node.value!r} ({exc})",
                dotted(path),
            )
        )
        doc.reported.add(path)
        return None


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _problem(file: str, line: int, col: int, message: str, field_: str = "") -> Problem:
    return Problem(file, line, col, field_, message)


def _text_position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col
