"""Render one handout to PDF bytes in memory, then check it before anyone writes it."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab import rl_config

from brochure import __version__, fonts
from brochure.booklet import Booklet
from brochure.context import RenderContext
from brochure.inline import plain

rl_config.useA85 = 0  # ASCII85 only makes files ~17 % bigger; every reader handles binary


@dataclass
class Rendered:
    pdf: bytes
    pages: int


LAYOUT_KINDS = {"booklet": Booklet}


def render(ctx: RenderContext) -> Rendered:
    fonts.register(ctx.brand.body)
    fonts.register(ctx.brand.heading)
    engine = LAYOUT_KINDS[ctx.layout.kind](ctx)
    buf = io.BytesIO()
    doc = engine.doc(
        buf,
        title=plain(ctx.text.title),
        author=ctx.brand.brand.name,
        subject=plain(ctx.text.main_message),
        creator=f"brochure {__version__}",
        producer=f"brochure {__version__} (ReportLab)",
        lang=ctx.handout.language.code,
        displayDocTitle=1,
        invariant=1,
        initialFontName=ctx.brand.body.font_name("Regular"),
    )
    from brochure.pages import paged_canvas

    doc.build(engine.story(), canvasmaker=paged_canvas(engine.furniture))
    return Rendered(buf.getvalue(), doc.page)
