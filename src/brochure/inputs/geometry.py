"""Is a layout's geometry possible? Sizes positive, frames and panels on the sheet, safe zones not negative.

The models accept any number a length can be; a negative safe zone or a frame
half off the page would then draw text nobody can read, or that a cutter
trims, without a word. Each problem points at the key in the layout file.
"""

from __future__ import annotations

from brochure.errors import Problem
from brochure.inputs.models import Layout
from brochure.inputs.yamlread import Document
from brochure.media.units import resolve

_MM = 72.0 / 2.54 * 0.1  # ReportLab's `units.mm`, to the same float: A4 and A5 are ReportLab's sizes exactly
LETTER, A4, A5 = (8.5 * 72.0, 11 * 72.0), (210 * _MM, 297 * _MM), (148 * _MM, 210 * _MM)
PAPER_SIZES = {"letter": LETTER, "a4": A4, "half-letter": (5.5 * 72, 8.5 * 72), "a5": A5}  # points, portrait
MAX_SIDE = 200 * 72.0  # PDF's own limit for a page side (14,400 pt)
MIN_ROOM = 72.0  # points between the margins: less cannot hold a line of text and a page number
TOLERANCE = 0.5  # points: percentages and panel sums round


def sheet_size(layout: Layout, paper: str) -> tuple[float, float]:
    """The page's width and height in points: the paper (or the layout's trim), turned for landscape."""
    w, h = (layout.trim or {}).get(paper) or PAPER_SIZES[paper]
    return (max(w, h), min(w, h)) if layout.orientation == "landscape" else (w, h)


def problems(layout: Layout, doc: Document) -> list[Problem]:
    """Every impossible size or position, each at its file:line."""
    out: list[Problem] = []

    def bad(key: tuple, message: str, fix: str) -> None:
        out.append(Problem(message, doc.value_at(key), ".".join(str(k) for k in key), fix=fix, rule="layout.geometry"))

    if layout.safe_zone < 0:
        bad(
            ("safe_zone",),
            f"`safe_zone` is {layout.safe_zone:g} pt; it cannot be negative",
            "use 0 or more, e.g. 0.25in",
        )
    for paper, size in (layout.trim or {}).items():
        if not all(0 < side <= MAX_SIDE for side in size):
            bad(("trim", paper), f"trim size {size[0]:g} × {size[1]:g} pt is not a page", "use two positive sizes")
            return out
    for paper in layout.papers:
        width, height = sheet_size(layout, paper)
        m = layout.for_paper(paper).margins
        own = (layout.per_paper or {}).get(paper)
        where = ("per_paper", paper, "margins") if own is not None and own.margins is not None else ("margins",)
        for side in ("top", "bottom", "inner", "outer"):
            if getattr(m, side) < 0:
                bad(
                    (*where, side),
                    f"margin `{side}` is {getattr(m, side):g} pt; it cannot be negative",
                    "use 0 or more",
                )
        tall, wide = m.top + m.bottom > height - MIN_ROOM, m.inner + m.outer > width - MIN_ROOM
        if layout.kind == "booklet" and (tall or wide):  # a fixed layout places frames, not margins
            bad(
                (*where, "top" if tall else "inner"),
                f"the margins leave less than 1 in for text on {paper} ({width:g} × {height:g} pt)",
                "make the margins smaller",
            )
        for pi, page in enumerate(layout.pages):
            panels = (page.panels or {}).get(paper) or []
            for k, pw in enumerate(panels):
                if pw <= 0:
                    bad(("pages", pi, "panels", paper, k), f"panel width {pw:g} pt is not positive", "use a width > 0")
            if sum(panels) > width + TOLERANCE:
                bad(
                    ("pages", pi, "panels", paper),
                    f"the panels add up to {sum(panels):g} pt, wider than the {paper} page ({width:g} pt)",
                    "make the panel widths add up to the page width",
                )
            for fi, f in enumerate(page.frames):
                _frame(bad, ("pages", pi, "frames", fi), f, panels, width, height, paper)
    return out


def _frame(bad, key: tuple, f, panels: list[float], width: float, height: float, paper: str) -> None:
    if f.panel is not None:
        if f.panel >= len(panels):
            bad((*key, "panel"), f"panel {f.panel} does not exist on {paper} ({len(panels)} panels)", "use 0 to 2")
            return
        x, w = sum(panels[: f.panel]), panels[f.panel]
    else:
        x, w = resolve(f.x, width), resolve(f.w, width)
    y, h = resolve(f.y, height), resolve(f.h, height)
    for name, size in (("w", w), ("h", h)):
        if size <= 0:
            bad((*key, name), f"frame `{f.id}` has {name} = {size:g} pt; sizes must be positive", "use a size > 0")
            return
    across = x < -TOLERANCE or x + w > width + TOLERANCE
    if across or y < -TOLERANCE or y + h > height + TOLERANCE:
        bad(
            (*key, ("panel" if f.panel is not None else "x") if across else "y"),
            f"frame `{f.id}` ({x:g}, {y:g}, {w:g} × {h:g} pt) is not inside the {paper} page "
            f"({width:g} × {height:g} pt)",
            "keep x + w within the width and y + h within the height (x, y from the top left)",
        )
