"""What the branding in ``site.yaml`` adds to the site: a generated stylesheet with the
colours as CSS custom properties, the logo and icons copied in, and the few values the
page shell's templates read.

The stylesheet is a file, not a ``<style>`` element, because the site's
Content-Security-Policy allows no inline styles. Images are copied byte for byte (an SVG
only after :mod:`generator.content.svg` accepted it) under fixed names, so the markup
never depends on how an editor named the files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content.branding import image_fields, read_image
from generator.content.contrast import palette
from generator.content.schema import Site

STYLESHEET = "assets/branding.css"
IMAGES_DIR = "assets/branding"
_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


@dataclass(frozen=True)
class BrandingFiles:
    """The branding's part of the site: text files, binary files and template values."""

    text_files: dict[str, str]
    binary_files: dict[str, bytes]
    #: read by the page shell as ``config.extra.branding`` (logo, icons, footer links)
    template: dict[str, Any] = field(default_factory=dict)


def branding_files(site: Site, content_dir: Path) -> BrandingFiles:
    """The generated stylesheet, the copied images and what the templates need to show
    them. The branding was checked with the content, so every image here is usable."""
    binary: dict[str, bytes] = {}
    template: dict[str, Any] = {"logo": None, "icons": [], "footer_links": []}
    for path, rel in image_fields(site):
        image, problems = read_image(content_dir, rel, content_dir.parent)
        if image is None:  # checked before: only a file changed since then lands here
            raise ValueError(f"{rel}: {problems}")
        role = "logo" if path[1] == "logo" else "favicon"
        target = f"{IMAGES_DIR}/{role}.{image.kind}"
        binary[target] = image.data
        if role == "logo":
            assert site.branding.logo is not None
            template["logo"] = {
                "src": target,
                "alt": site.branding.logo.alt,
                "width": image.width,
                "height": image.height,
            }
        else:
            sizes = "any" if image.kind == "svg" else f"{image.width}x{image.height}"
            template["icons"].append({"href": target, "type": _TYPES[image.kind], "sizes": sizes})
    template["footer_links"] = [
        {"label": link.label, "url": link.url} for link in site.branding.footer_links
    ]
    return BrandingFiles({STYLESHEET: stylesheet(site)}, binary, template)


def stylesheet(site: Site) -> str:
    """The colours as the custom properties Material, KERN (kern.css) and
    servicefinder.css read: the chosen colours become KERN's action colour, its text,
    muted-text and tinted-background tokens take the checked palette's values."""
    colours = palette(site.branding.colors.primary, site.branding.colors.accent)
    properties = {
        "--md-primary-fg-color": colours["primary"],
        "--md-primary-fg-color--light": colours["primary"],
        "--md-primary-fg-color--dark": colours["accent"],
        "--md-primary-bg-color": colours["white"],
        "--md-accent-fg-color": colours["accent"],
        "--md-typeset-a-color": colours["primary"],
        "--sf-tint": colours["tint"],
        "--sf-ink": colours["ink"],
        "--sf-focus": colours["focus"],
        "--sf-example": colours["example"],
        "--kern-color-action-default": colours["primary"],
        "--kern-color-action-on-default": colours["white"],
        "--kern-color-layout-text-default": colours["ink"],
        "--kern-color-layout-text-muted": colours["grey"],
        "--kern-color-layout-background-hued": colours["tint"],
        "--kern-color-feedback-info": colours["primary"],
        "--kern-color-feedback-info-background": colours["tint"],
        "--kern-color-feedback-warning-background": colours["example"],
    }
    lines = "".join(f"  {name}: {value};\n" for name, value in properties.items())
    return (
        "/* Generated from branding.colors in content/site.yaml by `servicefinder build`;\n"
        "   edit that file, not this one. Every pair of these colours was checked for\n"
        "   WCAG 2.2 AA contrast (generator/content/contrast.py). */\n"
        ':root,\n[data-md-color-scheme="default"] {\n' + lines + "}\n"
    )
