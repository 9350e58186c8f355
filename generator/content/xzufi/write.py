"""Writing an import, keeping what editors changed since the last one: each imported field's
checksum is remembered, and a field whose file text no longer matches it is left alone.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from generator.content.dialect import needs_quotes
from generator.content.xzufi.codes import SCHEMA_LINE, STATE_FILE, Report, XzufiError
from generator.content.xzufi.mapping import Planned, plan_import
from generator.content.xzufi.structured import _date

# --- writing with editors' changes kept ---------------------------------------------------------


def digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        """Content files may not use YAML aliases, so a value used twice (the release date
        as ``as_of`` and as the source's date) is written out twice."""
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    """Multi-line texts as literal blocks; keys such as ``08111000`` in quotes, which the
    build (YAML 1.2) would otherwise read as a number (``dialect.needs_quotes``)."""
    style = "|" if "\n" in value else ('"' if needs_quotes(value) else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def write_import(planned: Planned, content: Path, root: Path) -> Report:
    """Write the planned files, keeping every field an editor changed since the last
    import, and add the new authority kinds to site.yaml."""
    report = planned.report
    state_path = content / STATE_FILE
    state = json.loads(state_path.read_text(encoding="utf-8")) if state_path.is_file() else {}
    outputs: dict[Path, str] = {}
    for path, imported in planned.files.items():
        rel = path.relative_to(content).as_posix()
        last = state.get(rel, {})
        merged = dict(imported)
        if path.is_file():
            current = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for key, value in current.items():
                if key not in imported:
                    merged[key] = value  # a field the editor added
                elif key in last and digest(value) != last[key]:
                    merged[key] = value
                    if digest(value) != digest(imported[key]):
                        report.kept.append(f"{rel}: {key} (changed by an editor, kept)")
                elif key not in last and digest(value) != digest(imported[key]):
                    merged[key] = value  # written by hand before any import
                    report.kept.append(f"{rel}: {key} (not from an earlier import, kept)")
        state[rel] = {key: digest(value) for key, value in imported.items()}
        schema = "service" if path.parent.name == "services" else "authority"
        outputs[path] = SCHEMA_LINE.format(schema) + yaml.dump(
            merged, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100
        )
    site_path = content / "site.yaml"
    site_text = _with_kinds(site_path.read_text(encoding="utf-8"), planned.kinds, site_path)
    for path, text in outputs.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        report.written.append(path.relative_to(root).as_posix())
    if site_text is not None:
        site_path.write_text(site_text, encoding="utf-8", newline="\n")
        report.written.append(site_path.relative_to(root).as_posix())
    state_path.write_text(
        json.dumps(state, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
        encoding="utf-8",
        newline="\n",
    )
    return report


def _with_kinds(text: str, kinds: dict[str, str], path: Path) -> str | None:
    """site.yaml with the missing authority kinds added under ``authority_kinds:`` (as
    one-line entries, so the editor's comments and layout stay); None if none is missing."""
    data = yaml.safe_load(text) or {}
    have = {k.get("id") for k in data.get("authority_kinds", [])}
    missing = {k: label for k, label in sorted(kinds.items()) if k not in have}
    if not missing:
        return None
    match = re.search(r"^authority_kinds:[ \t]*\n", text, re.MULTILINE)
    if match is None:
        raise XzufiError(
            f"{path}: authority_kinds must be a block list (one '- ' entry per line) so the "
            "import can add kinds; nothing written"
        )
    lines = "".join(
        f"  - {{id: {k}, de: {json.dumps(label, ensure_ascii=False)}, "
        f"en: {json.dumps(label, ensure_ascii=False)}}}\n"
        for k, label in missing.items()
    )
    return text[: match.end()] + lines + text[match.end() :]


def import_files(
    paths: list[Path],
    project: Path,
    *,
    area: str | None = None,
    topic: str | None = None,
    today: date,
    release_date: str | None = None,
    allow_unmapped: bool = False,
) -> Report:
    """Read, map and check everything first; write only when all of it is good."""
    content = project / "content"
    site = yaml.safe_load((content / "site.yaml").read_text(encoding="utf-8")) or {}
    topics = [t.get("id") for t in site.get("topics", [])]
    if topic is not None and topic not in topics:
        raise XzufiError(f"--topic {topic!r} is not a topic in content/site.yaml: {topics}")
    if area is not None and not re.fullmatch(r"\d{2,12}", area):
        raise XzufiError(f"--area expects the digits of a regional key (ARS), got {area!r}")
    released = _date(release_date) if release_date else None
    if release_date and (released is None or len(release_date) != 10):
        raise XzufiError(f"--release-date expects a date as YYYY-MM-DD, got {release_date!r}")
    planned = plan_import(
        paths,
        content,
        area=area,
        topic=topic,
        today=today,
        gazetteer_names=_gazetteer_names(content / "places" / "municipalities.csv"),
        site_topics=topics,
        release_date=released,
        allow_unmapped=allow_unmapped,
    )
    return write_import(planned, content, project)


def _gazetteer_names(path: Path) -> dict[str, str]:
    """Regional key -> name of municipalities and districts, from the gazetteer."""
    import csv

    names: dict[str, str] = {}
    if path.is_file():
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                names[row["ars"]] = row["name"]
                names[row["district_ars"]] = row["district"]
    return names
