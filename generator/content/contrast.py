"""The theme's colours, derived from the two a host chooses, and their contrast, checked
against WCAG 2.2 AA before anything is built.

A municipality sets ``branding.colors.primary`` and ``accent`` in ``content/site.yaml``;
:func:`palette` derives every other colour the stylesheet uses from them, and
:data:`PAIRS` lists every text/background (and focus-ring/background) pair the theme
paints, with the ratio WCAG asks for: 4.5:1 for text (success criterion 1.4.3), 3:1 for
focus indicators and the borders of controls (1.4.11). A pair whose 4.5:1 holds also
meets 3:1, so a border drawn in the same colours as text is not listed twice.

Links are not coloured differently once visited (the stylesheet sets no ``:visited``
colour), so the pair for links covers visited ones too. In forced-colours mode (Windows
high contrast) the browser replaces every one of these colours with the user's system
colours, so no pair depends on the branding there; the browser tests run axe in that
mode.

Ratios follow WCAG 2.2's definitions of relative luminance and contrast ratio. A failing
colour comes with the nearest shade of the same hue and saturation that passes every
pair it takes part in, found by changing only its HSL lightness.
"""

from __future__ import annotations

import colorsys
import math
from dataclasses import dataclass

WHITE = "#ffffff"
#: the text colour of headings and notices (near-black, as the stylesheet's --sf-ink)
INK = "#0b0c0c"
#: the grey of notes and secondary text (the stylesheet's --md-default-fg-color--light)
GREY = "#4a4a4a"
#: the yellow halo of the focus ring, drawn around a black outline on every element
FOCUS = "#ffdd00"
#: background of example-data notes and overdue rows (a fixed light yellow)
EXAMPLE = "#fff4d6"
#: how much of the primary colour tints the notice boxes (the rest is white)
TINT_SHARE = 0.08

TEXT = 4.5
NON_TEXT = 3.0


@dataclass(frozen=True)
class Pair:
    """One combination the theme paints: ``fg`` on ``bg``, names from :func:`palette`."""

    name: str
    fg: str
    bg: str
    minimum: float
    #: the chosen colour (a field of branding.colors) this pair depends on
    field: str


PAIRS: tuple[Pair, ...] = (
    Pair(
        "links (visited or not), outlined buttons in primary on white",
        "primary",
        "white",
        TEXT,
        "primary",
    ),
    Pair(
        "white text on primary: header, buttons, selected options",
        "white",
        "primary",
        TEXT,
        "primary",
    ),
    Pair("links in primary on the tinted notice boxes", "primary", "tint", TEXT, "primary"),
    Pair(
        "links in primary on the yellow example-data notes", "primary", "example", TEXT, "primary"
    ),
    Pair("text on the tinted notice boxes", "ink", "tint", TEXT, "primary"),
    Pair("grey notes on the tinted notice boxes", "grey", "tint", TEXT, "primary"),
    Pair(
        "focus ring (yellow halo) against the primary header",
        "focus",
        "primary",
        NON_TEXT,
        "primary",
    ),
    Pair("hovered and focused links in accent on white", "accent", "white", TEXT, "accent"),
    Pair(
        "hovered and focused links in accent on the tinted notice boxes",
        "accent",
        "tint",
        TEXT,
        "accent",
    ),
)


def palette(primary: str, accent: str) -> dict[str, str]:
    """Every colour of the theme, from the two chosen ones (lower-case ``#rrggbb``)."""
    return {
        "primary": primary.lower(),
        "accent": accent.lower(),
        "tint": mix(primary, WHITE, TINT_SHARE),
        "white": WHITE,
        "ink": INK,
        "grey": GREY,
        "focus": FOCUS,
        "example": EXAMPLE,
    }


def luminance(colour: str) -> float:
    """Relative luminance of an sRGB colour (WCAG 2.2, "relative luminance")."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = _rgb(colour)
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def ratio(a: str, b: str) -> float:
    """Contrast ratio of two colours, from 1 to 21 (WCAG 2.2, "contrast ratio")."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def shown(value: float) -> str:
    """A ratio as people read it, rounded down so 4.496 never shows as a passing 4.50."""
    return f"{math.floor(value * 100) / 100:.2f}:1"


def mix(colour: str, other: str, share: float) -> str:
    """``share`` of ``colour`` over ``other``, per sRGB channel (as CSS color-mix in srgb)."""
    a, b = _rgb(colour), _rgb(other)
    return _hex(tuple(round(share * x + (1 - share) * y) for x, y in zip(a, b, strict=True)))


@dataclass(frozen=True)
class Failure:
    pair: Pair
    fg: str
    bg: str
    ratio: float
    #: the nearest shade of the failing field's colour that passes all its pairs, if any
    suggestion: str | None

    def message(self) -> str:
        needed = f"{self.pair.minimum:g}:1"
        text = (
            f"{self.pair.name}: {self.fg} on {self.bg} has a contrast of {shown(self.ratio)}, "
            f"WCAG 2.2 AA needs at least {needed}"
        )
        if self.suggestion:
            return f'{text}; the nearest shade that passes is "{self.suggestion}"'
        return f"{text}; no shade of this hue passes, choose another colour"


def check(primary: str, accent: str) -> list[Failure]:
    """Every pair of the theme that fails, with a suggested shade for its colour."""
    chosen = {"primary": primary.lower(), "accent": accent.lower()}
    failures: list[Failure] = []
    suggestions: dict[str, str | None] = {}
    colours = palette(**chosen)
    for pair in PAIRS:
        fg, bg = colours[pair.fg], colours[pair.bg]
        value = ratio(fg, bg)
        if value >= pair.minimum:
            continue
        if pair.field not in suggestions:
            suggestions[pair.field] = nearest_passing(chosen, pair.field)
        failures.append(Failure(pair, fg, bg, value, suggestions[pair.field]))
    return failures


def passes(chosen: dict[str, str], field: str) -> bool:
    """Whether every pair that depends on ``field`` passes with these chosen colours."""
    colours = palette(**chosen)
    return all(ratio(colours[p.fg], colours[p.bg]) >= p.minimum for p in PAIRS if p.field == field)


def nearest_passing(chosen: dict[str, str], field: str, step: float = 0.002) -> str | None:
    """The shade of ``chosen[field]`` closest in HSL lightness with which all of the
    field's pairs pass; hue and saturation stay, so the colour stays recognisably "theirs"."""
    r, g, b = (c / 255 for c in _rgb(chosen[field]))
    hue, lightness, saturation = colorsys.rgb_to_hls(r, g, b)
    for k in range(1, int(1 / step) + 1):
        for candidate in (lightness - k * step, lightness + k * step):
            if not 0 <= candidate <= 1:
                continue
            rgb = colorsys.hls_to_rgb(hue, candidate, saturation)
            shade = _hex(tuple(round(c * 255) for c in rgb))
            if passes({**chosen, field: shade}, field):
                return shade
    return None


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _hex(rgb: tuple[int, ...]) -> str:
    return "#" + "".join(f"{c:02x}" for c in rgb)
