"""A fixed layout as a right-to-left reader's sheet: every frame and panel in its mirror position.

An Arabic or Persian tri-fold opens from the left, like a book bound on the right: the front cover is the
left panel of the outside, the fold-in flap (the narrow panel) moves to the other edge, and the inside
reads from the right-hand panel. Mirroring the whole sheet does all of that at once, and keeps what the
layout says about each frame (its slots, background, height); the folds, fold marks and the preflight's
fold checks follow, because they are computed from the mirrored panels.
"""

from __future__ import annotations

from brochure.inputs.models import FrameSpec, Layout, PageSpec
from brochure.media.units import resolve


def sheet(layout: Layout, paper: str, width: float) -> Layout:
    """`layout` (fixed) with its panels reversed and every frame at the mirror image of its place."""
    if layout.kind != "fixed" or not layout.pages:
        return layout
    return layout.model_copy(update={"pages": [_page(p, paper, width) for p in layout.pages]})


def _page(page: PageSpec, paper: str, width: float) -> PageSpec:
    panels = dict(page.panels or {})
    count = len(panels.get(paper, []))
    if paper in panels:
        panels[paper] = list(reversed(panels[paper]))
    frames = [_frame(f, count, width) for f in page.frames]
    return page.model_copy(update={"panels": panels or page.panels, "frames": frames})


def _frame(f: FrameSpec, panels: int, width: float) -> FrameSpec:
    if f.panel is not None:
        return f.model_copy(update={"panel": panels - 1 - f.panel})
    assert f.x is not None and f.w is not None  # FrameSpec._placed: a frame without a panel has both
    x, w = resolve(f.x, width), resolve(f.w, width)
    return f.model_copy(update={"x": round(width - x - w, 6), "w": w})  # 612 - 330.48 - 281.52 is 1e-13, not 0
