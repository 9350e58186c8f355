"""What an import would write: services and offices keyed by their ids, responsibilities
narrowed to the site's area, regional keys normalised, every file checked against the
schema before anything is written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.content.schema import Authority, Service
from generator.content.xzufi.codes import _STATES, Report, XzufiError, _Leistung, _Unit, local, slug
from generator.content.xzufi.read import _objects, _parse_leistung, read_file
from generator.content.xzufi.structured import _parse_online, _parse_unit

# --- mapping ---------------------------------------------------------------------------------


def _area_name(ars: str, gazetteer_names: dict[str, str]) -> str:
    if ars in gazetteer_names:
        return gazetteer_names[ars]
    if len(ars) == 2 and ars in _STATES:
        return _STATES[ars]
    return f"Gebiet mit Regionalschlüssel {ars}"


def _normalise_ars(raw: str) -> str | None:
    """XZuFi area ids are regional keys; a 12-digit key of a whole district or state ends
    in zeros and is shortened to the prefix Servicefinder uses (5 or 2 digits)."""
    if not re.fullmatch(r"\d{2}|\d{3}|\d{5}|\d{9}|\d{12}", raw):
        return None
    if len(raw) == 12 and raw.endswith("0000000"):
        return raw[:5] if raw[2:5] != "000" else raw[:2]
    return raw


@dataclass
class Planned:
    """The files an import would write, built and checked before any is written."""

    files: dict[Path, dict[str, Any]]
    kinds: dict[str, str]  # kind id -> German label, to add to site.yaml
    report: Report


def plan_import(
    paths: list[Path],
    content: Path,
    *,
    area: str | None = None,
    topic: str | None = None,
    today: date,
    gazetteer_names: dict[str, str] | None = None,
    site_topics: list[str] | None = None,
    release_date: date | None = None,
    allow_unmapped: bool = False,
) -> Planned:
    """Read and map ``paths`` into the files an import would write, checked, or raise.

    Nothing is left out quietly: whatever cannot be placed is listed in the report, and
    unless ``allow_unmapped`` the import stops on it, since a municipality that publishes
    the state's texts must know which of them it does not publish. A ``leistung`` without
    ``fachlichFreigegebenAm`` stops the import too, unless ``release_date`` gives its date.
    """
    report = Report()
    names = gazetteer_names or {}
    leistungen: dict[str, _Leistung] = {}
    units: list[_Unit] = []
    online: list[tuple[set[str], dict[str, str] | None]] = []
    for path in paths:
        root = read_file(path)
        for obj in _objects(root, path):
            kind = local(obj.tag)
            if kind == "leistung":
                leistung = _parse_leistung(
                    obj, path, report, today=today, release_date=release_date
                )
                leistungen[leistung.xid] = leistung
            elif kind == "organisationseinheit":
                units.append(_parse_unit(obj, path, report))
            elif kind == "onlinedienst":
                online.append(_parse_online(obj))
            else:
                report.unmapped.append(f"{path.name}: {kind} (not imported)")
    if not leistungen:
        raise XzufiError(f"{', '.join(map(str, paths))}: no <leistung> found; nothing written")
    undated = [lst.where for lst in leistungen.values() if "as_of" not in lst.data]
    if undated:
        raise XzufiError(
            "no release date (modulFachlicheFreigabe/fachlichFreigegebenAm), so no as_of, "
            "for:\n  " + "\n  ".join(undated) + "\nGive the date the texts were released "
            "with --release-date YYYY-MM-DD; nothing written"
        )
    topic = topic or (site_topics[0] if site_topics else None)
    if topic is None:
        raise XzufiError("site.yaml lists no topics; give --topic")
    report.notes.append(
        f"every imported service has topic {topic!r} and no easy-language text; "
        "please review topics, the forms flags and write the easy-language variant"
    )
    files: dict[Path, dict[str, Any]] = {}
    kinds: dict[str, str] = {}
    service_kind: dict[str, str] = {}
    used: set[str] = set()
    for xid, leistung in sorted(leistungen.items()):
        sid = slug(leistung.data["title"])
        while sid in used:
            sid = f"{sid}-{len(used)}"
        used.add(sid)
        kind = sid[:64]
        service_kind[xid] = kind
        kinds[kind] = f"Zuständig: {leistung.data['title']}"
        links = [link for services, link in online if xid in services and link]
        data = dict(leistung.data)
        if links:
            data["forms"] = {
                **data["forms"],
                "available": True,
                "online": True,
                "links": [*data["forms"]["links"], *links],
            }
        body = {"id": sid, **data}
        body["topics"] = [topic]
        body["keywords"] = data.get("keywords", [])
        body["source"] = leistung.source
        body["responsible"] = {
            "authority_kind": kind,
            **({"note": leistung.responsible_note} if leistung.responsible_note else {}),
        }
        body["easy"] = {
            "title": data["title"][:2000],
            "text": data["summary"],
        }
        files[content / "services" / f"{sid}.yaml"] = body
    for unit in units:
        served = sorted(service_kind[s] for s in unit.services if s in service_kind)
        areas = [a for a in (_normalise_ars(g) for g in unit.areas) if a]
        bad = [g for g in unit.areas if not _normalise_ars(g)]
        if bad:
            report.notes.append(f"{unit.source}: {unit.xid}: area ids not regional keys: {bad}")
        if area:
            areas = [a for a in areas if a.startswith(area) or area.startswith(a)]
        if not served or not areas:
            report.notes.append(
                f"{unit.source}: organisationseinheit {unit.xid} skipped: "
                + ("no imported service" if not served else f"no area within {area}")
            )
            continue
        aid = slug(unit.data["name"] + "-" + unit.xid)
        files[content / "authorities" / f"{aid}.yaml"] = {
            "id": aid,
            **unit.data,
            "kinds": served,
            "accessibility": {"wheelchair_accessible": False},
            "areas": [{"ars": a, "name": _area_name(a, names)} for a in areas],
        }
        report.notes.append(
            f"{aid}: building accessibility is not in XZuFi; wheelchair_accessible is false "
            "until an editor checks it"
        )
    if report.unmapped and not allow_unmapped:
        raise XzufiError(
            f"{len(report.unmapped)} part(s) have no place in Servicefinder and would be left "
            "out; nothing written. Each is listed below; import the rest with "
            "--allow-unmapped (the list is repeated then), or ask the publisher:\n  "
            + "\n  ".join(report.unmapped)
        )
    _check(files)
    return Planned(files, kinds, report)


def _check(files: dict[Path, dict[str, Any]]) -> None:
    """Every planned file must pass the content schema, or nothing is written."""
    problems = []
    for path, data in files.items():
        model = Service if path.parent.name == "services" else Authority
        try:
            model.model_validate(json.loads(json.dumps(data, default=str)), strict=False)
        except ValidationError as exc:
            for err in exc.errors():
                where = ".".join(str(p) for p in err["loc"])
                problems.append(f"{path.name}: {where}: {err['msg']}")
    if problems:
        raise XzufiError(
            "the imported data would not pass validation; nothing written:\n  "
            + "\n  ".join(problems)
        )
