"""Pictograms: Lucide's icons (ISC licence, shipped in the `lucide` package) as vector drawings.

Lucide draws every icon as 2-unit strokes on a 24-unit grid, which stay crisp
from a 14 pt heading mark to a 1.5 in cover emblem. svglib turns the SVG into a
ReportLab Drawing; the colour is then set on the drawing's shapes from the
palette, so a press PDF gets the brand's CMYK and never an RGB stroke.
Names are the ones on lucide.dev/icons ("brain", "shield-alert").
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # svglib (lxml) is imported on first use: `brochure check` never draws one
    from reportlab.graphics.shapes import Drawing

GRID = 24.0  # Lucide's viewBox: 0 0 24 24


@lru_cache(maxsize=1)
def _zip() -> zipfile.ZipFile:
    """The package's zip of SVG files, opened once; its directory is read, not its 1,700 icons."""
    return zipfile.ZipFile(io.BytesIO(resources.files("lucide").joinpath("lucide.zip").read_bytes()))


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    return frozenset(n.removesuffix(".svg") for n in _zip().namelist() if n.endswith(".svg"))


def known(name: str) -> bool:
    return name in _names()


def names() -> list[str]:
    return sorted(_names())


@lru_cache(maxsize=64)
def _parsed(name: str) -> Drawing:
    from svglib.svglib import svg2rlg

    # Lucide strokes in `currentColor`, which svglib leaves unset; black is replaced by the palette's colour
    svg = _zip().read(f"{name}.svg").replace(b"currentColor", b"#000000")
    drawing = svg2rlg(io.BytesIO(svg))
    if drawing is None:  # svglib logs and returns None on an SVG it cannot read
        raise ValueError(f"the icon {name!r} could not be read")
    return drawing


def pictogram(name: str, size: float, color: object, stroke: float | None = None) -> Drawing:
    """The icon `name`, `size` points square, stroked in `color` (a ReportLab colour).

    `stroke`: the line width in points (default Lucide's own, 2/24 of the size); a large
    emblem reads better with a thinner line than the scaled-up default.
    """
    from reportlab.graphics.shapes import Drawing, Group

    if not known(name):
        raise KeyError(name)
    base = _parsed(name)
    art = copy.deepcopy(base)
    scale = size / GRID
    width = (stroke / scale) if stroke else None
    for shape in shapes(art):
        if getattr(shape, "strokeColor", None) is not None:
            shape.strokeColor = color
            if width is not None:
                shape.strokeWidth = width
        if getattr(shape, "fillColor", None) is not None:
            shape.fillColor = color
    group = Group(*art.contents)
    factor = size / float(base.width)  # svglib sizes it from the SVG's width (24 px = 18 pt)
    group.scale(factor, factor)
    out = Drawing(size, size)
    out.add(group)
    return out


def shapes(node: object) -> Iterator[Any]:  # ReportLab shapes (untyped)
    for child in getattr(node, "contents", []) or []:
        yield child
        yield from shapes(child)
