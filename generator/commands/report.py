"""How the commands speak to people and to CI: the exit codes, and the findings report as
text (coloured on a terminal), JSON, GitHub annotations or a GitLab code-quality file.

The text report lists every error: each one stops the build, and an editor fixes them one
by one. Warnings and notices of one kind found more than :data:`GROUP_ABOVE` times (the
outdated translations of a whole catalogue, thousands of stale texts) are said in one
line with their count and first places (:func:`grouped`); ``--verbose`` lists each, and
the machine formats (JSON, GitHub, GitLab) always hold every finding in full.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from generator.infra.errors import (
    Problem,
    github_data,
    github_property,
    in_report_order,
    summary,
    terminal_safe,
)

if TYPE_CHECKING:
    pass


EXIT_CONTENT = 1
EXIT_BUILD = 2
EXIT_ENVIRONMENT = 3
EXIT_INTERNAL = 4
EXIT_INTERRUPTED = 130

EXIT_CODES = f"""exit codes:
  0    success
  {EXIT_CONTENT}    the content has errors (each reported as file:line:column)
  {EXIT_BUILD}    MkDocs could not build the site (reported), or it is not reproducible;
       also a malformed command line (e.g. --as-of 2027-13-01), shown with the usage
  {EXIT_ENVIRONMENT}    the machine cannot do the work: disk full, no permission, read-only
       folder, port in use, a worker process that died
  {EXIT_INTERNAL}    an error in Servicefinder itself (please report it; -v shows details)
  {EXIT_INTERRUPTED}  interrupted (Ctrl-C)
In every case but 0 the previous site/ is left as it was."""


#: a kind of warning or notice found more often than this is reported in one line
GROUP_ABOVE = 3
#: the files that line names (the first place in each)
FIRST_FILES = 3
#: what differs between findings of one kind: quoted names, commands, numbers and dates
_VALUES = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`|„[^“]*“|\d+(?:[.,:/-]\d+)*")


def kind_of(problem: Problem) -> tuple[str, str]:
    """What makes findings the same kind: their severity and their message without the
    values it names ("the German '…' changed", "checked … days ago")."""
    return problem.severity, _VALUES.sub(_masked, problem.message)


def _masked(match: re.Match[str]) -> str:
    text = match.group()
    return f"{text[0]}…{text[-1]}" if not text[0].isdigit() else "…"


def grouped(problems: list[Problem]) -> Iterator[Problem | list[Problem]]:
    """``problems`` (in report order) as they are reported: each error, and each warning
    or notice of a kind found at most :data:`GROUP_ABOVE` times, alone; the others as one
    list per kind, where the first of them stands."""
    kinds: dict[tuple[str, str], list[Problem]] = {}
    for p in problems:
        if p.severity != "error":
            kinds.setdefault(kind_of(p), []).append(p)
    for p in problems:
        same = kinds.get(kind_of(p), []) if p.severity != "error" else []
        if len(same) <= GROUP_ABOVE:
            yield p
        elif same[0] is p:
            yield same


def group_line(same: list[Problem]) -> str:
    """One line for findings of one kind: how many, in how many files, the first files
    (at the first place in each)."""
    first_in: dict[str, Problem] = {}
    for p in same:
        first_in.setdefault(p.file, p)
    places = ", ".join(
        f"{terminal_safe(p.file)}:{p.line}:{p.column}"
        for p in list(first_in.values())[:FIRST_FILES]
    )
    files = len(first_in)
    more = f" and {files - FIRST_FILES} more" if files > FIRST_FILES else ""
    return (
        f"{same[0].severity}: {len(same)} times in {files} file{'s' if files > 1 else ''}: "
        f"{terminal_safe(kind_of(same[0])[1])} (in {places}{more}; --verbose lists each)"
    )


def report_findings(
    problems: list[Problem], fmt: str, *, strict: bool, verbose: bool = False
) -> None:
    """Every finding in ``fmt``; as text, repeated warnings and notices grouped by kind
    unless ``verbose``."""
    problems = in_report_order(problems)
    if fmt == "json":
        print(json.dumps([p.__dict__ for p in problems], ensure_ascii=False, indent=2))
        return
    if fmt == "gitlab":
        from generator.commands.codequality import gitlab_report

        print(gitlab_report(problems))
        return
    if fmt == "github":
        for p in problems:
            level = p.severity  # GitHub knows error, warning and notice
            print(
                f"::{level} file={github_property(p.file)},line={p.line},col={p.column},"
                f"title={github_property(p.field or 'content')}::{github_data(p.message)}"
            )
        return
    colour = sys.stderr.isatty() and not os.environ.get("NO_COLOR")
    previous = None
    for item in problems if verbose else grouped(problems):
        if isinstance(item, list):  # a kind found many times: a line of its own
            print(file=sys.stderr)
            line = group_line(item)
            print(_coloured_kind(item[0].severity, line) if colour else line, file=sys.stderr)
            previous = ""
            continue
        p = item  # sorted by file: one block per file, coloured on a terminal
        if previous is not None and p.file != previous:
            print(file=sys.stderr)
        previous = p.file
        print(_coloured(p) if colour else p.format(), file=sys.stderr)
    if strict or any(p.severity == "error" for p in problems):
        print(summary(problems, strict=strict), file=sys.stderr)


_COLOURS = {"error": "31", "warning": "33", "notice": "36"}


def _coloured_kind(severity: str, line: str) -> str:
    rest = line.removeprefix(severity)
    return f"\033[{_COLOURS[severity]}m{severity}\033[0m{rest}"


def _coloured(p: Problem) -> str:
    where = f"\033[1m{terminal_safe(p.file)}:{p.line}:{p.column}\033[0m"
    what = f"\033[{_COLOURS[p.severity]}m{p.severity}\033[0m"
    field = terminal_safe(p.field) + ": " if p.field else ""
    return f"{where}: {what}: {field}{terminal_safe(p.message)}"
