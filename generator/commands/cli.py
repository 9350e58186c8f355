"""``servicefinder``: the command line.

The only module that reads the command line; each command's work is in
:mod:`generator.commands.site_commands` (validate, build, serve, the site checks) or
:mod:`generator.commands.content_commands` (new, import, init, the editing form,
translations, schema). Content mistakes end in a report and exit 1, never in a traceback; a
machine that cannot do the work (disk full, no permission, port in use) gets one sentence and
its own code.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from generator.infra.clock import as_of, build_date, parse_day
from generator.infra.errors import (
    terminal_safe,
)

if TYPE_CHECKING:
    pass
from generator.commands import publish
from generator.commands.content_commands import (
    cmd_cms_config,
    cmd_import_places,
    cmd_import_xzufi,
    cmd_init,
    cmd_new,
    cmd_schema,
    cmd_translations,
)
from generator.commands.report import EXIT_CODES, EXIT_ENVIRONMENT, EXIT_INTERNAL, EXIT_INTERRUPTED
from generator.commands.site_commands import (
    cmd_build,
    cmd_check_links,
    cmd_check_pages,
    cmd_serve,
    cmd_validate,
)


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
    v.add_argument(
        "--verbose",
        dest="every",
        action="store_true",
        help="list every warning and notice; otherwise one kind found more than three times "
        "is one line with its count and first places (errors are always listed one by one; "
        "json, github and gitlab always hold every finding)",
    )
    _add_as_of(v)
    v.set_defaults(run=cmd_validate)

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
    b.set_defaults(run=cmd_build)

    s = sub.add_parser("serve", help="preview with live reload")
    s.add_argument(
        "-a",
        "--dev-addr",
        default=None,
        help="HOST:PORT to serve on (default 127.0.0.1:8000, or the next free port)",
    )
    _add_as_of(s)
    s.set_defaults(run=cmd_serve)

    n = sub.add_parser("new", help="write a commented file for a new service or authority")
    n.add_argument("kind", choices=["service", "authority"])
    n.add_argument("id", help="lowercase letters, digits and hyphens; becomes the file name")
    n.set_defaults(run=cmd_new)

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
    ip.set_defaults(run=cmd_import_places)

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
    ix.set_defaults(run=cmd_import_xzufi)

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
    it.set_defaults(run=cmd_init)

    lc = sub.add_parser("check-links", help="check every internal link and anchor of a built site")
    lc.add_argument("site", nargs="?", default="site")
    lc.set_defaults(run=cmd_check_links)

    cp = sub.add_parser(
        "check-pages",
        help="check every built page for what content can break in accessibility (no browser)",
    )
    cp.add_argument("site", nargs="?", default="site")
    cp.set_defaults(run=cmd_check_pages)

    cc = sub.add_parser(
        "cms-config",
        help="write the browser editor's configuration (Decap CMS, /admin/config.yml) from "
        "the content model and site.yaml's cms:",
    )
    cc.add_argument("-o", "--out", default="-", help="file to write (default: print it)")
    cc.set_defaults(run=cmd_cms_config)

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
    tr.set_defaults(run=cmd_translations)

    sc = sub.add_parser("schema", help="write the JSON Schemas for editors into schema/")
    sc.add_argument("-o", "--out", default="schema")
    sc.set_defaults(run=cmd_schema)

    publish.add_parser(sub)
    return p


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


if __name__ == "__main__":
    sys.exit(main())
