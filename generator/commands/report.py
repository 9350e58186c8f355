"""How the commands speak to people and to CI: the exit codes, and the findings report as
text (coloured on a terminal), JSON, GitHub annotations or a GitLab code-quality file.
"""

from __future__ import annotations

import json
import os
import sys
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


def report_findings(problems: list[Problem], fmt: str, *, strict: bool) -> None:
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
    for p in problems:  # sorted by file: one block per file, coloured on a terminal
        if previous is not None and p.file != previous:
            print(file=sys.stderr)
        previous = p.file
        print(_coloured(p) if colour else p.format(), file=sys.stderr)
    if strict or any(p.severity == "error" for p in problems):
        print(summary(problems, strict=strict), file=sys.stderr)


_COLOURS = {"error": "31", "warning": "33", "notice": "36"}


def _coloured(p: Problem) -> str:
    where = f"\033[1m{terminal_safe(p.file)}:{p.line}:{p.column}\033[0m"
    what = f"\033[{_COLOURS[p.severity]}m{p.severity}\033[0m"
    field = terminal_safe(p.field) + ": " if p.field else ""
    return f"{where}: {what}: {field}{terminal_safe(p.message)}"
