"""QR codes as one filled path, the module matrix computed once per link.

ReportLab's QrCodeWidget rebuilds the code for every document and draws it
as hundreds of validated Rect shapes; the same link appears on every handout
of a brand, and a single path of row runs draws the same marks in a fraction
of the time and bytes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from reportlab.lib.units import cm, inch
from reportlab.platypus import Flowable

if TYPE_CHECKING:
    from reportlab.lib.colors import Color

QUIET_ZONE = 4  # modules of white border the QR specification asks for
MIN_SYMBOL = 2 * cm  # the least width of the dark modules on paper, in every length (issue 15)
SMALLEST = 21  # modules across the smallest code (version 1); a longer link only widens the symbol's share
SIDE = 1.1 * inch  # every QR code's side, quiet zone included: a version-1 symbol is then 57.4 pt >= 2 cm


def symbol_width(count: int, side: float = SIDE) -> float:
    """Width of the dark modules of a `count`-module code drawn `side` wide (the quiet zone is white paper)."""
    return side * count / (count + 2 * QUIET_ZONE)


@lru_cache(maxsize=16)
def modules(url: str, level: str = "M") -> tuple[tuple[bool, ...], ...]:
    """The dark/light module matrix for the text (error correction M survives a crease or smudge)."""
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, level))
    code.addData(url)
    code.make()
    return tuple(tuple(bool(m) for m in row) for row in code.modules)


def runs(row: tuple[bool, ...]) -> list[tuple[int, int]]:
    """(start, length) of each run of dark modules in a row."""
    out, start = [], None
    for i, dark in enumerate((*row, False)):
        if dark and start is None:
            start = i
        elif not dark and start is not None:
            out.append((start, i - start))
            start = None
    return out


class QrCode(Flowable):
    """A square QR code `SIDE` points wide, quiet zone included: one size in every length."""

    def __init__(self, url: str, color: Color | None = None) -> None:
        super().__init__()
        self.url = url
        self.size = SIDE
        self.color = color
        self.width = self.height = SIDE

    @property
    def quiet_zone(self) -> float:
        """Width of the white border around the modules: text set beside the code lines up with the modules."""
        return self.size * QUIET_ZONE / (len(modules(self.url)) + 2 * QUIET_ZONE)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        matrix = modules(self.url)
        count = len(matrix)
        box = self.size / (count + 2 * QUIET_ZONE)
        canv = self.canv
        if self.color is not None:
            canv.setFillColor(self.color)
        path = canv.beginPath()
        for r, row in enumerate(matrix):
            y = self.size - (r + QUIET_ZONE + 1) * box
            for start, length in runs(row):
                path.rect((start + QUIET_ZONE) * box, y, length * box, box)
        canv.drawPath(path, stroke=0, fill=1)
