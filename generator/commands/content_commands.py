"""The commands that write content and project files: new, import-places, import-xzufi, init,
cms-config, translations, schema.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from generator.infra.clock import build_date
from generator.infra.errors import (
    ContentError,
    terminal_safe,
)

if TYPE_CHECKING:
    pass
from generator.commands.report import EXIT_CONTENT, report_findings
from generator.commands.site_commands import checked_catalogue


def cmd_new(args: argparse.Namespace, project: Path) -> int:
    from pydantic import TypeAdapter, ValidationError

    from generator.content.scaffold import scaffold
    from generator.content.schema import Slug

    try:
        TypeAdapter(Slug).validate_python(args.id)
    except ValidationError as exc:
        print(f"error: id: {exc.errors()[0]['msg']}", file=sys.stderr)
        return EXIT_CONTENT
    folder = project / "content" / ("services" if args.kind == "service" else "authorities")
    path = folder / f"{args.id}.yaml"
    if path.exists():
        print(
            f"error: {path.relative_to(project)} exists already; nothing was written",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(scaffold(args.kind, args.id, args.today), encoding="utf-8", newline="\n")
    print(
        f"wrote {path.relative_to(project)}: replace every 'ERSETZEN:', then run "
        f"`{_self_command(project)} validate --strict`"
    )
    return 0


def _self_command(project: Path) -> str:
    """How the editor runs this program: ``servicefinder`` when that is on the PATH,
    else the path that was used (``.venv/bin/servicefinder`` after ``make site``)."""
    import shutil

    used = Path(sys.argv[0]).resolve()
    found = shutil.which("servicefinder")
    if found and Path(found).resolve() == used:
        return "servicefinder"
    try:
        return used.relative_to(project.resolve()).as_posix()
    except ValueError:
        return "servicefinder"


def cmd_import_places(args: argparse.Namespace, project: Path) -> int:
    from generator.places.gazetteer import write_gazetteer
    from generator.places.importers import ImportError_, build_gazetteer

    try:
        gazetteer = build_gazetteer(Path(args.directory), Path(args.postcodes), args.area)
    except (ImportError_, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    for path in write_gazetteer(gazetteer, project / args.out):
        print(f"wrote {path.relative_to(project)}")
    shared = sum(len(v) > 1 for v in gazetteer.postcodes.values())
    print(
        f"{len(gazetteer.municipalities)} municipalities, {len(gazetteer.postcodes)} "
        f"postcodes, {shared} of them shared by several municipalities"
    )
    return 0


def cmd_import_xzufi(args: argparse.Namespace, project: Path) -> int:
    from generator.content.xzufi import XzufiError, import_files

    try:
        report = import_files(
            [Path(f) for f in args.files],
            project,
            area=args.area,
            topic=args.topic,
            today=build_date(),
            release_date=args.release_date,
            allow_unmapped=args.allow_unmapped,
        )
    except XzufiError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    for line in report.written:
        print(f"wrote {line}")
    for line in report.kept:
        print(f"kept: {line}")
    for line in report.unmapped:
        print(f"not mapped: {line}")
    for line in report.notes:
        print(f"note: {line}")
    print("next: `servicefinder validate`, then review the imported files")
    return 0


def cmd_init(args: argparse.Namespace, project: Path) -> int:
    from generator.commands.starter import InitError, Starter, init_site
    from generator.places.importers import ImportError_

    folder = Path(args.folder)
    starter = Starter(
        folder=folder if folder.is_absolute() else project / folder,
        name=args.name,
        area=args.area,
        directory=Path(args.directory),
        postcodes=Path(args.postcodes),
        today=args.today,
    )
    try:
        written = init_site(starter)
    except (InitError, ImportError_) as exc:
        print(f"error: {terminal_safe(str(exc))}; nothing was written", file=sys.stderr)
        return EXIT_CONTENT
    print(f"wrote {len(written)} files into {starter.folder}")
    print(
        "next: cd into it, then `servicefinder serve` to see the site, "
        "`servicefinder validate --strict` to check it (README.md says more)"
    )
    return 0


def cmd_cms_config(args: argparse.Namespace, project: Path) -> int:
    """The configuration the build puts into /admin/, for a look or another host."""
    from generator.site.admin import config_text

    args.strict = False
    catalogue = checked_catalogue(args, project, "human")
    if catalogue is None:
        return EXIT_CONTENT
    if catalogue.site.cms is None:
        print(
            "error: site.yaml has no cms:; add it to edit in the browser "
            "(docs/editor-guide.md, 'Editing in the browser')",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    text = config_text(catalogue.site, project / "content")
    if args.out == "-":
        sys.stdout.write(text)
        return 0
    out = Path(args.out) if Path(args.out).is_absolute() else project / args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def cmd_translations(args: argparse.Namespace, project: Path) -> int:
    """Without --renew: each translation's state. With it: the checksums of the German
    fields each named file translates, written into the file (translations.renewed_text)."""
    from generator.content.catalogue import load_catalogue
    from generator.content.translations import digests_for, renewed_text, state

    try:
        catalogue, _ = load_catalogue(project / "content", root=project, today=args.today)
    except ContentError as exc:
        report_findings(exc.problems, "human", strict=False)
        print("Fix the content first; nothing was written.", file=sys.stderr)
        return EXIT_CONTENT
    services = project / "content" / "services"
    targets = []
    for name in args.renew:
        path = Path(name) if Path(name).is_absolute() else Path.cwd() / name
        if not path.is_file() and not Path(name).is_absolute():
            path = project / name
        stem, _, lang = path.name.removesuffix(".yaml").partition(".")
        key = (lang, stem)
        if path.resolve().parent != services.resolve() or key not in catalogue.translations:
            print(
                f"error: {terminal_safe(name)} is not a translation file of this project "
                "(content/services/<service id>.<language>.yaml); nothing was written",
                file=sys.stderr,
            )
            return EXIT_CONTENT
        targets.append((path, key))
    for path, (lang, stem) in targets:
        service = catalogue.service(stem)
        digests = digests_for(service, catalogue.translations[(lang, stem)])
        text = path.read_text(encoding="utf-8")
        path.write_text(renewed_text(text, digests, service.as_of), encoding="utf-8", newline="\n")
        shown = path.resolve().relative_to(project.resolve()).as_posix()
        print(
            f"renewed {shown} ({lang}): the German of {len(digests)} fields, as of "
            f"{service.as_of.isoformat()}"
        )
    if targets:
        return 0
    for (lang, stem), tr in sorted(catalogue.translations.items()):
        found = state(catalogue.service(stem), tr)
        shown = f"content/services/{stem}.{lang}.yaml"
        if not found.tracked:
            print(f"{shown}: not tracked (no checksums; run --renew once it matches the German)")
        elif found.current:
            print(f"{shown}: current")
        else:
            parts = [*found.outdated, *(f"{f} (no checksum)" for f in found.unrecorded)]
            print(f"{shown}: outdated: {', '.join(parts)}")
    return 0


def cmd_schema(args: argparse.Namespace, project: Path) -> int:
    from generator.content.schema_export import write_schemas

    out = project / args.out
    for path in write_schemas(out):
        print(f"wrote {path.relative_to(project)}")
    return 0
