"""WCAG 2 contrast ratios: a checkable proxy for legible colour choices."""

from __future__ import annotations

from typing import Protocol

from brochure.errors import Location, Problem

BODY_MIN = 4.5  # WCAG 1.4.3, normal text
LARGE_MIN = 3.0  # large text (headings)


def _channel(c: float) -> float:
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_color: str) -> float:
    r, g, b = (int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def ratio(fg: str, bg: str) -> float:
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


# (foreground, background, minimum, what it is) -- every pairing the layouts draw
PAIRS = (
    ("text", "background", BODY_MIN, "body text on the page"),
    ("text", "callout_background", BODY_MIN, "body text in callouts"),
    ("text", "crisis_background", BODY_MIN, "body text in the crisis box"),
    ("primary", "background", LARGE_MIN, "headings on the page"),
    ("on_primary", "primary", BODY_MIN, "text on the coloured cover band"),
    ("crisis_accent", "crisis_background", LARGE_MIN, "the crisis box title"),
)


class Colored(Protocol):
    """What check_brand reads of a brand (an inputs.models.Brand; media sits below inputs, so by shape)."""

    @property
    def colors(self) -> object: ...


class Located(Protocol):
    """Where a key is in a file (an inputs.yamlread.Document)."""

    def where(self, key: tuple[str | int, ...] = ()) -> Location: ...


def check_brand(brand: Colored, doc: Located) -> list[Problem]:
    problems = []
    for fg, bg, minimum, what in PAIRS:
        f, b = getattr(brand.colors, fg), getattr(brand.colors, bg)
        r = ratio(f, b)
        if r < minimum:
            problems.append(
                Problem(
                    f"contrast of {what} is {r:.2f}:1 ({fg} {f} on {bg} {b}); it must be at least {minimum}:1",
                    doc.where(("colors", fg)),
                    f"colors.{fg}",
                    fix=f"darken `{fg}` or lighten `{bg}` (check at webaim.org/resources/contrastchecker)",
                    rule="brand.contrast",
                )
            )
    return problems
