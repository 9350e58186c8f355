"""The commands that check, build, preview and inspect the site: validate, build, serve,
check-links, check-pages.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from generator.infra.errors import (
    ContentError,
    terminal_safe,
)

if TYPE_CHECKING:
    from generator.content.model import Catalogue
from generator.commands.report import EXIT_BUILD, EXIT_CONTENT, EXIT_ENVIRONMENT, report_findings

DEFAULT_DEV_ADDR = "127.0.0.1:8000"


def cmd_validate(args: argparse.Namespace, project: Path) -> int:
    catalogue = checked_catalogue(args, project, args.format)
    if catalogue is None:
        return EXIT_CONTENT
    if args.format == "human":
        from generator.site.language_report import format_reports, language_reports

        every = bool(getattr(args, "every", False) or args.verbose)
        print(format_reports(language_reports(catalogue), every))
    return 0


def checked_catalogue(args: argparse.Namespace, project: Path, fmt: str) -> Catalogue | None:
    """Load and check the content, report what was found; None when it has errors."""
    from generator.infra.cache import BuildCache
    from generator.infra.files import scan_tree
    from generator.pipeline import BuildOptions, Project, check_content
    from generator.writer.mkdocs_adapter.config_check import check_config

    # every finding, not repeated ones grouped: `validate --verbose`, or -v before any command
    every = bool(getattr(args, "every", False) or args.verbose)
    config = check_config(project / "mkdocs.yml", project)
    if config.problems:
        report_findings(config.problems, fmt, strict=args.strict, verbose=every)
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
        report_findings(exc.problems, fmt, strict=args.strict, verbose=every)
        return None
    cache.prune(["parsed"])  # every content file was read: keep exactly their entries
    report_findings(warnings, fmt, strict=False, verbose=every)
    if fmt == "human":
        print(
            f"ok: {len(catalogue.services)} services, {len(catalogue.authorities)} "
            f"authorities, {len(catalogue.translations)} translations"
        )
    return catalogue


def cmd_build(args: argparse.Namespace, project: Path) -> int:
    from generator.infra.project import Project
    from generator.writer.manifest import unchanged

    start = time.perf_counter()
    site_dir = (
        (project / args.site_dir) if not Path(args.site_dir).is_absolute() else Path(args.site_dir)
    )
    # before anything heavy is imported: a rebuild with nothing changed stops here
    where = Project.at(project, use_cache=not args.no_cache)
    if not args.check_reproducible and unchanged(
        where, site_dir.resolve(), args.today.isoformat(), args.strict
    ):
        total = time.perf_counter() - start
        print(f"built: {site_dir} (nothing changed since its last build: no file written)")
        print(f"time: {total:.2f} s")
        return 0
    from generator.commands.build import EngineError, build_site
    from generator.pipeline import BuildOptions, build_bundle

    catalogue = checked_catalogue(args, project, "human")
    checked = time.perf_counter() - start
    if catalogue is None:
        print("The site was not built; the previous site is unchanged.", file=sys.stderr)
        return EXIT_CONTENT
    options = BuildOptions(strict=args.strict, services_apart=True)
    try:
        bundle = build_bundle(where, args.today, options, catalogue=catalogue)
        stats = build_site(where, bundle, site_dir, strict=args.strict)
    except EngineError as exc:
        print(f"error: {terminal_safe(str(exc))}\nThe previous site is unchanged.", file=sys.stderr)
        return EXIT_BUILD
    total = time.perf_counter() - start
    cache = bundle.cache
    written = "" if stats.written is None else f"{stats.written} service pages written, "
    removed = f", {stats.removed} files removed" if stats.removed else ""
    print(
        f"built: {site_dir} ({stats.pages} pages, {written}build cache: {cache.hits} results "
        f"reused, {cache.misses} made{removed})"
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


def cmd_serve(args: argparse.Namespace, project: Path) -> int:
    from generator.pipeline import Project
    from generator.writer.mkdocs_adapter import EngineError, serve

    args.strict = False
    if checked_catalogue(args, project, "human") is None:
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


def _built_site(args: argparse.Namespace, project: Path) -> Path | None:
    """The built site the checks read, or None (said once) where there is none yet."""
    site = project / args.site
    if (site / "index.html").is_file():
        return site
    print(f"error: {site} holds no built site; run `servicefinder build` first", file=sys.stderr)
    return None


def cmd_check_links(args: argparse.Namespace, project: Path) -> int:
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


def cmd_check_pages(args: argparse.Namespace, project: Path) -> int:
    from generator.commands.pagecheck import check_pages

    site = _built_site(args, project)
    if site is None:
        return EXIT_CONTENT
    report = check_pages(site)
    for finding in report.findings:
        print(terminal_safe(finding.format()), file=sys.stderr)
    print(f"{report.pages} pages checked, {len(report.findings)} problems")
    return EXIT_CONTENT if report.findings else 0
