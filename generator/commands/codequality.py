"""Findings as a GitLab Code Quality report, so a merge request shows each one on its line.

GitLab reads a JSON array of issues (``description``, ``check_name``, ``fingerprint``,
``severity``, ``location.path``, ``location.lines.begin``) from the artifact named under
``artifacts:reports:codequality``; a plain artifact is only a download. The fingerprint
identifies a finding across pipelines, so GitLab can tell new ones from fixed ones: it
hashes file, field and message, not the line, which moves when text above is edited.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from generator.infra.errors import Problem

#: GitLab's severities: info, minor, major, critical, blocker
_SEVERITY = {"error": "major", "warning": "minor", "notice": "info"}


def gitlab_report(problems: Iterable[Problem]) -> str:
    issues = []
    seen: dict[str, int] = {}
    for p in problems:
        key = "\0".join((p.file, p.field, p.message))
        seen[key] = seen.get(key, 0) + 1  # the same finding twice in a file stays two issues
        issues.append(
            {
                "description": f"{p.field}: {p.message}" if p.field else p.message,
                "check_name": _check_name(p),
                "fingerprint": hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest(),
                "severity": _SEVERITY.get(p.severity, "info"),
                "location": {"path": p.file, "lines": {"begin": p.line}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2)


def _check_name(p: Problem) -> str:
    """The easy-language rule (``[negation] ...``) or the severity: GitLab groups by it."""
    if p.message.startswith("[") and "]" in p.message:
        return "servicefinder-easy-" + p.message[1 : p.message.index("]")]
    return f"servicefinder-{p.severity}"
