"""A look at a layout that does not fit: the pages as drawn at the smallest size, the overflow marked.

`brochure build --overflow-preview` writes this beside where the handout would go, as
`<length>-<paper>-overflow.pdf`, so a person shortening text or designing a layout sees which
frame ran out of room and by how much. Every page says NOT FOR PRINT across its top; the file is
never finished, tagged or checked like a handout, and the build still fails.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from brochure.render.engines.fixed import boxes

if TYPE_CHECKING:
    from brochure.render.context import RenderContext
    from brochure.render.engines.fixed import Overflow

RED = Color(0.8, 0.05, 0.1)
BANNER = "NOT FOR PRINT: this layout does not fit. Red boxes mark the frames whose text did not fit."


def preview(pdf: bytes, ctx: RenderContext, overflows: list[Overflow]) -> bytes:
    """`pdf` (the fixed layout drawn at its smallest size) with a banner and each overflowing frame outlined."""
    import pikepdf

    g = ctx.geometry
    marks = io.BytesIO()
    canv = Canvas(marks, pagesize=ctx.sheet.media, invariant=1)
    shift = ctx.sheet.margin  # the sheet's bleed and slug: trim coordinates start here
    for page in ctx.layout.pages:
        canv.translate(shift, shift)
        canv.setFillColor(RED)
        canv.rect(0, g.height - 16, g.width, 16, stroke=0, fill=1)
        canv.setFillColor(Color(1, 1, 1))
        canv.setFont("Helvetica-Bold", 9)  # a proof mark, not part of the handout: no font of the brand's needed
        canv.drawString(8, g.height - 11.5, BANNER)
        placed = {b.spec.id: b for b in boxes(page, ctx.paper, g.width, g.height)}
        for o in overflows:
            b = placed.get(o.frame)
            if o.page != page.name or b is None:
                continue
            canv.setStrokeColor(RED)
            canv.setLineWidth(2)
            canv.rect(b.x + 1, b.y + 1, b.w - 2, b.h - 2, stroke=1, fill=0)
            canv.setFillColor(RED)
            canv.setFont("Helvetica-Bold", 8)
            canv.drawString(b.x + 6, b.y + 6, f"frame {o.frame}: about {max(o.height / 72, 0.1):.1f} in did not fit")
        canv.showPage()
    canv.save()
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf)) as doc, pikepdf.open(io.BytesIO(marks.getvalue())) as over:
        for sheet, mark in zip(doc.pages, over.pages, strict=False):
            sheet.add_overlay(mark, pikepdf.Rectangle(*(float(v) for v in sheet.mediabox)))  # the same size
        doc.save(out)
    return out.getvalue()
