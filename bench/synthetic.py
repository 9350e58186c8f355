"""Synthetic content of realistic size for benchmarks: N services made from the example
services (their text lengths, document lists and steps), with varied titles and words so
the search vocabulary grows as real content would. Seeded: the same N gives the same files.

Usage as a module: ``make_project(folder, n, english=True)``; from the command line:
``python bench/synthetic.py FOLDER N`` writes a project to build with ``servicefinder``.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
PARTS = ["mkdocs.yml", "content", "templates", "site_overrides"]

#: words of German administration, to vary titles, keywords and bodies
NOUNS = [
    "Antrag",
    "Bescheinigung",
    "Zuschuss",
    "Beihilfe",
    "Genehmigung",
    "Erlaubnis",
    "Anmeldung",
    "Abmeldung",
    "Ausweis",
    "Nachweis",
    "Förderung",
    "Beratung",
    "Unterstützung",
    "Erstattung",
    "Befreiung",
    "Ermäßigung",
    "Zulassung",
    "Registrierung",
    "Eintragung",
    "Auskunft",
    "Prüfung",
    "Hilfe",
    "Leistung",
    "Pass",
    "Karte",
    "Urkunde",
    "Bescheid",
    "Gebühr",
    "Wohngeld",
    "Elterngeld",
    "Kindergeld",
    "Pflegegeld",
    "Blindengeld",
    "Bildungspaket",
    "Schülerfahrkarte",
    "Hundesteuer",
    "Gewerbe",
    "Fischerei",
    "Jagdschein",
    "Baugenehmigung",
    "Führungszeugnis",
    "Meldebescheinigung",
    "Personalausweis",
    "Reisepass",
    "Führerschein",
    "Parkausweis",
    "Sondernutzung",
    "Veranstaltung",
    "Spielplatz",
    "Friedhof",
    "Grabstätte",
    "Schornstein",
    "Brandschutz",
    "Trinkwasser",
    "Abwasser",
    "Abfall",
    "Sperrmüll",
    "Wertstoff",
    "Kita",
    "Hort",
    "Ganztag",
    "Schulweg",
    "Ferienbetreuung",
    "Jugendhilfe",
    "Vormundschaft",
    "Unterhaltsvorschuss",
    "Pflegekasse",
    "Rente",
    "Grundsicherung",
    "Schwerbehinderung",
    "Parkerleichterung",
    "Rundfunkbeitrag",
    "Einbürgerung",
    "Aufenthalt",
    "Arbeitserlaubnis",
    "Integrationskurs",
    "Sprachkurs",
    "Anerkennung",
]
VERBS = [
    "beantragen",
    "anmelden",
    "abmelden",
    "verlängern",
    "ändern",
    "erhalten",
    "prüfen",
    "ersetzen",
    "kündigen",
    "melden",
]


class _Dumper(yaml.SafeDumper):
    """Quotes strings of digits and letters (translation digests such as "662e96157267"),
    which YAML 1.2 readers take for numbers when written bare."""


def _quoted_hex(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "'" if re.fullmatch(r"[0-9a-fA-F]+", value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _quoted_hex)


def _dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


def copy_example(folder: Path) -> Path:
    """The example project (configuration, content, templates, overrides) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        src = REPO / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, folder / part)
    return folder


def build(root: Path) -> Path:
    """``servicefinder build`` in ``root``, as a host runs it; returns the site folder."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "generator.commands.cli", "build"],
        cwd=root,
        check=True,
        env=env,
        capture_output=True,
    )
    return root / "site"


def make_project(
    folder: Path,
    n: int,
    *,
    english: bool = True,
    languages: tuple[str, ...] | None = None,
    seed: int = 7,
) -> Path:
    """Copy the example project to ``folder`` and replace its services by ``n`` synthetic
    ones, translated into ``languages`` (default: English if ``english``; the example
    has ``en``, ``uk``, ``ar`` and ``tr``)."""
    copy_example(folder)
    langs = languages if languages is not None else (("en",) if english else ())
    services = folder / "content/services"
    bases = sorted(p for p in services.glob("*.yaml") if p.name.count(".") == 1)
    base_data = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in bases]
    # a service the content has not translated makes synthetic ones without that language
    base_tr = {
        lang: [
            yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
            for path in (services / f"{p.stem}.{lang}.yaml" for p in bases)
        ]
        for lang in langs
    }
    for p in services.glob("*.yaml"):
        p.unlink()
    # the example's "not here" list names benefits the synthetic services are about
    # (Wohngeld, Kindergeld ...): the content check would rightly refuse both together
    (folder / "content/elsewhere.yaml").unlink(missing_ok=True)
    # the example's popular services are gone: the first synthetic ones stand in for them
    site = folder / "content/site.yaml"
    popular = ", ".join(f"leistung-{i:05d}" for i in range(min(n, 10)))
    site.write_text(
        re.sub(r"(?m)^popular: .*$", f"popular: [{popular}]", site.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    rng = random.Random(seed)
    for i in range(n):
        k = i % len(base_data)
        data = dict(base_data[k])
        noun, other, verb = rng.choice(NOUNS), rng.choice(NOUNS), rng.choice(VERBS)
        sid = f"leistung-{i:05d}"
        data["id"] = sid
        data["title"] = f"{noun} {verb} ({other}, Nr. {i})"
        data["summary"] = f"{noun} und {other}: {data['summary']}"
        data["keywords"] = [noun, other, *rng.sample(NOUNS, 4)]
        data["description"] = (
            f"### {noun}\n\n{data['description']}\n\n{' '.join(rng.sample(NOUNS, 25))}"
        )
        data["related"] = []
        # a general service must be among the related ones, which synthetic ones do not have
        data.pop("general_service", None)
        # the pre-check's outcomes name related services, which synthetic ones do not have
        data.pop("eligibility", None)
        data["easy"] = {"title": f"{noun} {verb}", "text": data["easy"]["text"]}
        (services / f"{sid}.yaml").write_text(_dump(data), encoding="utf-8")
        for lang in langs:
            if base_tr[lang][k] is None:
                continue
            tr = dict(base_tr[lang][k])
            tr["id"] = sid
            tr["title"] = f"{tr['title']} ({noun} {i})"
            tr.pop("eligibility", None)
            # the example's checksums of its German do not fit the synthetic German
            tr.pop("digests", None)
            (services / f"{sid}.{lang}.yaml").write_text(_dump(tr), encoding="utf-8")
    return folder


if __name__ == "__main__":
    make_project(Path(sys.argv[1]), int(sys.argv[2]))
