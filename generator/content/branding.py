"""Check ``branding`` in ``site.yaml`` before anything is built: the colours meet WCAG 2.2
AA in every pair the theme paints, and the logo and icons exist, are what their names say
and (for SVG) can neither run code nor load anything.

Every problem points at the line of ``site.yaml`` that names the colour or file, or, for
a refused SVG, at the line of the SVG itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.content.contrast import check
from generator.content.load import Document
from generator.content.schema import Site
from generator.content.svg import check_svg
from generator.infra.errors import Problem, display_path

#: a logo or icon larger than this is a mistake (an unscaled photo, an embedded font)
MAX_IMAGE_BYTES = 512 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: the smallest PNG icon browsers show sharply in a tab
MIN_ICON_PX = 32


@dataclass(frozen=True)
class Image:
    """A checked image file: where it is, its bytes and its intrinsic size."""

    path: Path
    data: bytes
    kind: str  # "svg" or "png"
    width: int
    height: int


def check_branding(site: Site, doc: Document, content_dir: Path, root: Path) -> list[Problem]:
    """Every problem of ``site.branding``; an empty list when it can be built."""
    problems: list[Problem] = []
    colours = site.branding.colors
    for failure in check(colours.primary, colours.accent):
        colour = ("branding", "colors", failure.pair.field)
        # a colour left at its default has no line of its own: where() gives its block's
        line, col = doc.where(colour)
        problems.append(Problem(doc.file, line, col, ".".join(colour), failure.message()))
    for path, rel in image_fields(site):
        field = ".".join(path)
        image, found = read_image(content_dir, rel, root)
        if image and path[1] == "favicon" and image.kind == "png":
            found = _icon_size_problems(image)
        for in_image, col, message in found:
            if in_image is None:  # about the file as a whole: point at the field naming it
                line, col = doc.where(path)
                problems.append(Problem(doc.file, line, col, field, message))
            else:
                shown = display_path(content_dir / rel, root)
                problems.append(Problem(shown, in_image, col, field, message))
    return problems


def _icon_size_problems(image: Image) -> list[tuple[int | None, int, str]]:
    if image.width != image.height or image.width < MIN_ICON_PX:
        return [
            (
                None,
                1,
                f"a PNG icon must be square and at least {MIN_ICON_PX} × {MIN_ICON_PX} "
                f"pixels; this one is {image.width} × {image.height}",
            )
        ]
    return []


def image_fields(site: Site) -> list[tuple[tuple[str, ...], str]]:
    """(path in site.yaml, file relative to content/) of every image the branding names."""
    branding = site.branding
    fields: list[tuple[tuple[str, ...], str]] = []
    if branding.logo:
        fields.append((("branding", "logo", "file"), branding.logo.file))
    if branding.favicon:
        for kind in ("svg", "png"):
            rel = getattr(branding.favicon, kind)
            if rel:
                fields.append((("branding", "favicon", kind), rel))
    return fields


def read_image(
    content_dir: Path, rel: str, root: Path
) -> tuple[Image | None, list[tuple[int | None, int, str]]]:
    """The image at ``content_dir/rel`` if it is usable, else problems as (line in the
    image or None for the site.yaml field, column, message)."""
    path = content_dir / rel
    if not path.is_file():
        return None, [(None, 1, f"the file {display_path(path, root)} does not exist")]
    if not path.resolve().is_relative_to(content_dir.resolve()):
        return None, [(None, 1, f"{rel} leads outside the content folder (a symbolic link)")]
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        limit = MAX_IMAGE_BYTES // 1024
        return None, [(None, 1, f"{rel} has {size // 1024} KB; at most {limit} KB, scale it down")]
    data = path.read_bytes()
    if rel.lower().endswith(".svg"):
        svg, findings = check_svg(data)
        if svg is None:
            return None, [(f.line, f.column, f.message) for f in findings]
        return Image(path, data, "svg", svg.width, svg.height), []
    dimensions = png_size(data)
    if dimensions is None:
        return None, [(None, 1, f"{rel} is not a PNG image (its first bytes say otherwise)")]
    return Image(path, data, "png", *dimensions), []


def png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG's header chunk, or None when ``data`` is no PNG."""
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR" or len(data) < 24:
        return None
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return (width, height) if width and height else None
