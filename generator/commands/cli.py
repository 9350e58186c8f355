"""``servicefinder``: validate, build, serve and export the schema.

The only module that reads the command line, prints for people and chooses exit codes.
Content mistakes end in a report and exit 1, never in a traceback; a machine that cannot
do the work (disk full, no permission, port in use) gets one sentence and its own code.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from generator.infra.clock import as_of, build_date, parse_day
from generator.infra.errors import (
    ContentError,
    Problem,
    github_data,
    github_property,
    in_report_order,
    summary,
    terminal_safe,
)

if TYPE_CHECKING:
    from generator.content.model import Catalogue

DEFAULT_DEV_ADDR = "127.0.0.1:8000"
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


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    args = _parser().parse_args(argv)
    # --as-of stands for "today" everywhere, also where MkDocs runs our plugin (serve)
    with as_of(getattr(args, "as_of", None)):
        return _main(args)


def _main(args: argparse.Namespace) -> int:
    _setup_logging(args.verbose)
    project = Path(args.project).resolve()
    args.today = build_date()  # "today" (or --as-of) is read once, here, and passed down
    try:
        return int(args.run(args, project) or 0)
    except KeyboardInterrupt:
        print("interrupted; the previous site is unchanged.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:
        print(f"error: {terminal_safe(_environment_sentence(exc))}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    except Exception as exc:
        from generator.infra.workers import WorkerFailure

        if isinstance(exc, WorkerFailure):
            print(f"error: {terminal_safe(str(exc))}", file=sys.stderr)
            return EXIT_ENVIRONMENT
        if args.verbose:
            import traceback

            traceback.print_exc()
        print(
            f"internal error: {terminal_safe(type(exc).__name__)}: "
            f"{terminal_safe(str(exc))}. Please report it; -v shows where it happened.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _environment_sentence(exc: OSError) -> str:
    """One sentence for a failure of the machine, not of the content."""
    import errno

    where = f" ({exc.filename})" if exc.filename else ""
    if exc.errno == errno.ENOSPC:
        what = "the disk is full"
    elif exc.errno == errno.EROFS:
        what = "the folder is read-only"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        what = "permission denied"
    elif exc.errno == errno.EADDRINUSE:
        return "the address is in use; stop the other server or choose --dev-addr"
    else:
        what = exc.strerror or str(exc)
    return f"{what}{where}; nothing was published, the previous site is unchanged"


def _day(text: str) -> date:
    """``--as-of``: a wrong date is a malformed command line, reported by argparse like
    an unknown option or a wrong --format, before any work starts."""
    try:
        return parse_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        type=_day,
        metavar="YYYY-MM-DD",
        help="the day the content is evaluated on: amounts in force, values due within 60 "
        "days, freshness (default: today, or the day of SOURCE_DATE_EPOCH)",
    )


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="servicefinder",
        description=__doc__.splitlines()[0],
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("-C", "--project", default=".", help="project folder (holds mkdocs.yml)")
    p.add_argument("-v", "--verbose", action="store_true", help="show MkDocs' progress")
    sub = p.add_subparsers(required=True, metavar="COMMAND")

    v = sub.add_parser("validate", help="check all content and report every problem")
    v.add_argument("--strict", action="store_true", help="treat warnings as errors")
    v.add_argument(
        "--format",
        choices=["human", "github", "gitlab", "json"],
        default="human",
        help="gitlab: a Code Quality report (JSON) for artifacts:reports:codequality",
    )
    _add_as_of(v)
    v.set_defaults(run=_validate)

    b = sub.add_parser("build", help="validate, then build the site atomically")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument("-d", "--site-dir", default="site", help="output folder (default: site)")
    b.add_argument(
        "--check-reproducible",
        action="store_true",
        help="build twice more into temporary folders, without the build cache, and fail "
        "if any file differs",
    )
    b.add_argument(
        "--no-cache",
        action="store_true",
        help="make every page afresh instead of reusing unchanged ones from .cache/",
    )
    _add_as_of(b)
    b.set_defaults(run=_build)

    s = sub.add_parser("serve", help="preview with live reload")
    s.add_argument(
        "-a",
        "--dev-addr",
        default=None,
        help="HOST:PORT to serve on (default 127.0.0.1:8000, or the next free port)",
    )
    _add_as_of(s)
    s.set_defaults(run=_serve)

    n = sub.add_parser("new", help="write a commented file for a new service or authority")
    n.add_argument("kind", choices=["service", "authority"])
    n.add_argument("id", help="lowercase letters, digits and hyphens; becomes the file name")
    n.set_defaults(run=_new)

    ip = sub.add_parser(
        "import-places",
        help="build the gazetteer in content/places/ from a municipality directory "
        "(Destatis CSV extract or GV100AD) and a postcode CSV",
    )
    ip.add_argument("--directory", required=True, help="Destatis CSV extract or GV100AD file")
    ip.add_argument("--postcodes", required=True, help="postcode-to-municipality CSV")
    ip.add_argument(
        "--area",
        action="append",
        default=[],
        help="keep postcodes touching this ARS prefix (repeatable), with every municipality "
        "they touch",
    )
    ip.add_argument("-o", "--out", default="content/places")
    ip.set_defaults(run=_import_places)

    ix = sub.add_parser(
        "import-xzufi",
        help="write service and authority files from XZuFi 2.2 files (FIM texts); a "
        "re-import keeps fields an editor changed",
    )
    ix.add_argument("files", nargs="+", metavar="FILE", help="XZuFi 2.2 XML files")
    ix.add_argument(
        "--area", help="keep only responsibilities within this regional key (ARS) prefix"
    )
    ix.add_argument("--topic", help="topic id for the imported services (default: the first)")
    ix.add_argument(
        "--release-date",
        metavar="YYYY-MM-DD",
        help="as_of of services whose file gives no release date (fachlichFreigegebenAm)",
    )
    ix.add_argument(
        "--allow-unmapped",
        action="store_true",
        help="import what has a place even if some parts have none (they are listed)",
    )
    ix.set_defaults(run=_import_xzufi)

    it = sub.add_parser(
        "init",
        help="make a new site repository: content and configuration, no copy of the tool",
    )
    it.add_argument("folder", help="the new site's folder (must not exist or be empty)")
    it.add_argument("--name", default="Servicefinder", help="the site's name (site.yaml)")
    it.add_argument(
        "--area",
        required=True,
        help="regional key (ARS) the site serves: 2 (state), 5 (district), 9 or 12 digits",
    )
    it.add_argument(
        "--directory", required=True, help="municipality directory (Destatis CSV or GV100AD)"
    )
    it.add_argument("--postcodes", required=True, help="postcode-to-municipality CSV")
    it.set_defaults(run=_init)

    lc = sub.add_parser("check-links", help="check every internal link and anchor of a built site")
    lc.add_argument("site", nargs="?", default="site")
    lc.set_defaults(run=_check_links)

    cp = sub.add_parser(
        "check-pages",
        help="check every built page for what content can break in accessibility (no browser)",
    )
    cp.add_argument("site", nargs="?", default="site")
    cp.set_defaults(run=_check_pages)

    cc = sub.add_parser(
        "cms-config",
        help="write the browser editor's configuration (Decap CMS, /admin/config.yml) from "
        "the content model and site.yaml's cms:",
    )
    cc.add_argument("-o", "--out", default="-", help="file to write (default: print it)")
    cc.set_defaults(run=_cms_config)

    tr = sub.add_parser(
        "translations",
        help="list which translations are current, outdated or not tracked; with --renew, "
        "record that a translation was renewed from the current German",
    )
    tr.add_argument(
        "--renew",
        nargs="+",
        metavar="FILE",
        default=[],
        help="translation files (content/services/<id>.<language>.yaml) made anew from the "
        "current German: record the checksums of the German fields they translate",
    )
    tr.set_defaults(run=_translations)

    sc = sub.add_parser("schema", help="write the JSON Schemas for editors into schema/")
    sc.add_argument("-o", "--out", default="schema")
    sc.set_defaults(run=_schema)
    return p


def _validate(args: argparse.Namespace, project: Path) -> int:
    catalogue = _checked_catalogue(args, project, args.format)
    if catalogue is None:
        return EXIT_CONTENT
    if args.format == "human":
        from generator.site.language_report import format_reports, language_reports

        print(format_reports(language_reports(catalogue)))
    return 0


def _checked_catalogue(args: argparse.Namespace, project: Path, fmt: str) -> Catalogue | None:
    """Load and check the content, report what was found; None when it has errors."""
    from generator.infra.cache import BuildCache
    from generator.infra.files import scan_tree
    from generator.pipeline import BuildOptions, Project, check_content
    from generator.writer.mkdocs_adapter.config_check import check_config

    config = check_config(project / "mkdocs.yml", project)
    if config.problems:
        _report(config.problems, fmt, strict=args.strict)
        return None
    published = [
        problem
        for folder in (config.templates_dir, config.custom_dir)
        if folder is not None
        for problem in scan_tree(folder, project)
    ]
    where = Project.at(
        project, use_cache=not getattr(args, "no_cache", False), pages_dir=config.docs_dir
    )
    cache = BuildCache(where.cache_dir)
    try:
        if published:
            raise ContentError(published)
        catalogue, warnings = check_content(
            where, args.today, BuildOptions(strict=args.strict), cache
        )
    except ContentError as exc:
        _report(exc.problems, fmt, strict=args.strict)
        return None
    cache.prune(["parsed"])  # every content file was read: keep exactly their entries
    _report(warnings, fmt, strict=False)
    if fmt == "human":
        print(
            f"ok: {len(catalogue.services)} services, {len(catalogue.authorities)} "
            f"authorities, {len(catalogue.translations)} translations"
        )
    return catalogue


def _build(args: argparse.Namespace, project: Path) -> int:
    from generator.commands.build import EngineError, build_site
    from generator.pipeline import BuildOptions, Project, build_bundle

    start = time.perf_counter()
    catalogue = _checked_catalogue(args, project, "human")
    checked = time.perf_counter() - start
    if catalogue is None:
        print("The site was not built; the previous site is unchanged.", file=sys.stderr)
        return EXIT_CONTENT
    site_dir = (
        (project / args.site_dir) if not Path(args.site_dir).is_absolute() else Path(args.site_dir)
    )
    where = Project.at(project, use_cache=not args.no_cache)
    options = BuildOptions(strict=args.strict)
    try:
        bundle = build_bundle(where, args.today, options, catalogue=catalogue)
        stats = build_site(where, bundle, site_dir, strict=args.strict)
    except EngineError as exc:
        print(f"error: {terminal_safe(str(exc))}\nThe previous site is unchanged.", file=sys.stderr)
        return EXIT_BUILD
    total = time.perf_counter() - start
    cache = bundle.cache
    print(
        f"built: {site_dir} ({stats.pages} pages; build cache: {cache.hits} results reused, "
        f"{cache.misses} made)"
    )
    print(
        f"time: {total:.2f} s: checking content {checked:.2f} s, Servicefinder "
        f"{stats.ours:.2f} s, MkDocs and Material {total - checked - stats.ours:.2f} s"
    )
    if not (site_dir / "sitemap.xml").is_file():
        from generator.writer.hosting import NO_SITE_URL

        print(NO_SITE_URL)
    if args.check_reproducible:
        return _check_reproducible(args, project, site_dir, catalogue)
    return 0


def _check_reproducible(
    args: argparse.Namespace, project: Path, site_dir: Path, catalogue: Catalogue
) -> int:
    """Build again twice, without the build cache, and compare every file's bytes."""
    import hashlib
    import tempfile

    from generator.commands.build import build_site
    from generator.pipeline import BuildOptions, Project, build_bundle

    def digest(folder: Path) -> dict[str, str]:
        return {
            p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }

    first = digest(site_dir)
    where = Project.at(project, use_cache=False)
    with tempfile.TemporaryDirectory(dir=site_dir.parent) as tmp:
        for run in ("again-1", "again-2"):
            other = Path(tmp) / run
            options = BuildOptions(strict=args.strict)
            bundle = build_bundle(where, args.today, options, catalogue=catalogue)
            build_site(where, bundle, other, strict=args.strict)
            again = digest(other)
            differing = sorted(
                k for k in first.keys() | again.keys() if first.get(k) != again.get(k)
            )
            if differing:
                print(
                    f"not reproducible: {len(differing)} files differ, e.g. "
                    f"{', '.join(differing[:5])}",
                    file=sys.stderr,
                )
                return EXIT_BUILD
    print(f"reproducible: 3 builds, {len(first)} files byte-identical")
    return 0


def _serve(args: argparse.Namespace, project: Path) -> int:
    from generator.pipeline import Project
    from generator.writer.mkdocs_adapter import EngineError, serve

    args.strict = False
    if _checked_catalogue(args, project, "human") is None:
        print("The preview was not started; fix the content first.", file=sys.stderr)
        return EXIT_CONTENT
    from generator.writer.preview import choose_address

    try:
        address, note = choose_address(
            args.dev_addr or DEFAULT_DEV_ADDR, explicit=args.dev_addr is not None
        )
    except (OSError, ValueError) as exc:
        print(f"error: --dev-addr {args.dev_addr}: {exc}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    if address is None:
        print(f"error: {note}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    if note:
        print(note, file=sys.stderr)
    shown = f"as of {args.as_of.isoformat()}; " if args.as_of else ""
    print(f"Preview: http://{address}/ ({shown}reloads on every save; Ctrl-C stops it)", flush=True)
    try:
        serve(Project.at(project), address)
    except EngineError as exc:
        print(f"error: {terminal_safe(str(exc))}", file=sys.stderr)
        return EXIT_BUILD
    return 0


def _new(args: argparse.Namespace, project: Path) -> int:
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


def _import_places(args: argparse.Namespace, project: Path) -> int:
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


def _import_xzufi(args: argparse.Namespace, project: Path) -> int:
    from generator.content.xzufi import XzufiError, import_files
    from generator.infra.clock import build_date

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


def _built_site(args: argparse.Namespace, project: Path) -> Path | None:
    """The built site the checks read, or None (said once) where there is none yet."""
    site = project / args.site
    if (site / "index.html").is_file():
        return site
    print(f"error: {site} holds no built site; run `servicefinder build` first", file=sys.stderr)
    return None


def _check_links(args: argparse.Namespace, project: Path) -> int:
    from generator.commands.linkcheck import check_links

    site = _built_site(args, project)
    if site is None:
        return EXIT_CONTENT
    report = check_links(site)
    for line in report.broken:
        print(line, file=sys.stderr)
    print(
        f"{report.pages} pages, {report.links} links, {len(report.broken)} broken, "
        f"{len(report.external)} external (listed, not fetched):"
    )
    for url in sorted(report.external):
        print(f"  {url}")
    return EXIT_CONTENT if report.broken else 0


def _check_pages(args: argparse.Namespace, project: Path) -> int:
    from generator.commands.pagecheck import check_pages

    site = _built_site(args, project)
    if site is None:
        return EXIT_CONTENT
    report = check_pages(site)
    for finding in report.findings:
        print(terminal_safe(finding.format()), file=sys.stderr)
    print(f"{report.pages} pages checked, {len(report.findings)} problems")
    return EXIT_CONTENT if report.findings else 0


def _init(args: argparse.Namespace, project: Path) -> int:
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


def _cms_config(args: argparse.Namespace, project: Path) -> int:
    """The configuration the build puts into /admin/, for a look or another host."""
    from generator.site.admin import config_text

    args.strict = False
    catalogue = _checked_catalogue(args, project, "human")
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


def _translations(args: argparse.Namespace, project: Path) -> int:
    """Without --renew: each translation's state. With it: the checksums of the German
    fields each named file translates, written into the file (translations.renewed_text)."""
    from generator.content.catalogue import load_catalogue
    from generator.content.translations import digests_for, renewed_text, state

    try:
        catalogue, _ = load_catalogue(project / "content", root=project, today=args.today)
    except ContentError as exc:
        _report(exc.problems, "human", strict=False)
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


def _schema(args: argparse.Namespace, project: Path) -> int:
    from generator.content.schema_export import write_schemas

    out = project / args.out
    for path in write_schemas(out):
        print(f"wrote {path.relative_to(project)}")
    return 0


def _report(problems: list[Problem], fmt: str, *, strict: bool) -> None:
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


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


if __name__ == "__main__":
    sys.exit(main())
