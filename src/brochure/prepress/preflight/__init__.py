"""Preflight any PDF (ours or not) against a print profile: read, measure, judge. Draws nothing.

A clinic gets PDFs from many places — ours, a designer's, a hospital's — and
needs to know before printing whether fonts are embedded, colour is right for
the printer, pictures are sharp enough and nothing sits so close to the trim
(or a fold) that a cutter or a fold eats it. This module only reads:
`inspect(path, profile)` returns a `Report` (plain data, JSON-ready); the CLI
prints it.

How it reads:
- pikepdf walks every page's resources and content stream (and the form
  XObjects and tiling patterns they call), keeping the graphics state stack
  (q/Q, cm) so each image's *placed* size is known (→ effective ppi), and the
  colour space in force when something is actually painted (fill, stroke,
  text, image, shading) — a colour set and never used does not count.
- pypdfium2 gives each character's box and font size, which needs the font's
  glyph widths; pdfium already knows them for any font.

Profiles (the thresholds are named constants below):
- office: fonts embedded; images ≥ 150 ppi; body text (the most used size)
  ≥ 10 pt, nothing under 6 pt (warning); text ≥ 0.125 in inside the trim
  (TrimBox, else MediaBox) and, when the layout is known, away from folds.
- press: all of that, and TrimBox + BleedBox on every page with
  MediaBox ⊇ BleedBox ⊇ TrimBox, no RGB anywhere (DeviceRGB, CalRGB, ICCBased
  with 3 components, in content, images, shadings, transparency groups),
  images ≥ 300 ppi, a PDF/X OutputIntent (GTS_PDFX) whose profile is CMYK
  (a PDF/A or sRGB intent describes a screen, not a press).

The package: `model` (the report's data and thresholds), `read` (measure), `rules` (judge),
`gate` (what a build runs before writing), `text` (the report for people).
"""

from __future__ import annotations

from .gate import BUILD_WARNS, gate
from .model import Finding, OutputIntentInfo, Report, TooLargeError, UnreadableError
from .read import read
from .rules import RULES, folds_for, inspect, judge
from .text import format_text

__all__ = [
    "BUILD_WARNS",
    "RULES",
    "Finding",
    "OutputIntentInfo",
    "Report",
    "TooLargeError",
    "UnreadableError",
    "format_text",
    "gate",
    "inspect",
    "folds_for",
    "judge",
    "read",
]
