"""Render one handout to PDF bytes in memory, then check it before anyone writes it."""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from brochure._version import __version__
from brochure.errors import BrochureError, Location, Problem
from brochure.media import _reportlab, fonts
from brochure.pdf import inks, press, tagging
from brochure.pdf.finish import blend_space, dated, drop_null_unicode, finish, right_to_left
from brochure.pdf.press import canvas_class
from brochure.render.context import RenderContext
from brochure.render.engines.fixed import render_fixed
from brochure.render.pages import paged_canvas
from brochure.text.inline import plain
from brochure.text.paragraph import fallbacks

if TYPE_CHECKING:
    from brochure.render.engines.fixed import Overflow

# The booklet engine and the overflow preview are imported where they are used: a flyer or a
# tri-fold never loads the booklet's engine, padding pages and back cover (issue 21: cold start).

_reportlab.binary_streams()  # ASCII85 only makes files ~17 % bigger; every reader handles binary


class DoesNotFitError(BrochureError):
    """A fixed layout's content does not fit; `preview()` gives the pages as drawn, the overflow marked."""

    def __init__(self, problems: list[Problem], preview: Callable[[], bytes]) -> None:
        super().__init__(problems)
        self.preview = preview


@dataclass
class Rendered:
    pdf: bytes
    pages: int


def render(ctx: RenderContext) -> Rendered:
    lang = ctx.handout.language.code
    no_break = tuple(ctx.handout.language.no_break)
    source = ctx.handout.manifest.source_language
    latin = source if ctx.script.code != "Latn" and lang != source else ""
    direction = "rtl" if ctx.rtl else "ltr"
    with fallbacks([f.key for f in ctx.fallback], direction, no_break, lang, latin, tagging.foreign_words):
        return _render(ctx)


def _render(ctx: RenderContext) -> Rendered:
    fonts.register(ctx.brand.body)
    fonts.register(ctx.brand.heading)
    for family in ctx.fallback:  # validation read them with fontTools only; `prepare` registers them too
        fonts.register(family)
    meta = dict(
        title=plain(ctx.text.title),
        author=ctx.brand.brand.name,
        subject=plain(ctx.text.main_message),
        creator=f"brochure {__version__}",
        producer=f"brochure {__version__} (ReportLab)",
        lang=ctx.handout.language.code,
        initialFontName=ctx.brand.body.font_name("Regular"),
    )
    if ctx.layout.kind == "fixed":
        pdf, pages, overflows, tagger = render_fixed(ctx, meta)
        if overflows:
            raise DoesNotFitError([overflow_problem(ctx, o) for o in overflows], lambda: _preview(pdf, ctx, overflows))
        return Rendered(_finish(pdf, ctx, tagger), pages)
    from brochure.render.engines.booklet import Booklet

    engine = Booklet(ctx)
    buf = io.BytesIO()
    doc = engine.doc(buf, displayDocTitle=1, invariant=1, **meta)
    tagger = tagging.Tagger(ctx.handout.language.code, links=ctx.output.links)
    maker = canvas_class(paged_canvas(engine.furniture), ctx.sheet)

    def tagged_canvas(*args, **kwargs):
        return tagger.attach(maker(*args, **kwargs))

    doc.build(engine.story(), canvasmaker=tagged_canvas)
    return Rendered(_finish(buf.getvalue(), ctx, tagger), doc.page)


def _preview(pdf: bytes, ctx: RenderContext, overflows: list[Overflow]) -> bytes:
    from brochure.render.overflow import preview  # only with --overflow-preview, once a layout overflowed

    return preview(pdf, ctx, overflows)


def _finish(pdf: bytes, ctx: RenderContext, tagger: tagging.Tagger) -> bytes:
    return finish(pdf, ctx, finishing_steps(ctx, tagger), version=ctx.output.pdf_version)


def finishing_steps(ctx: RenderContext, tagger: tagging.Tagger | None = None) -> list:
    """What `finish` adds to this handout after ReportLab has drawn it, in order."""
    steps: list = []
    if tagger is not None:  # the structure tree first: later steps may add artifacts, never content
        steps.append(tagger.finish_step())
    steps.append(dated(ctx.handout.manifest.review.updated))  # the content's date, not ReportLab's 2000-01-01
    steps.append(drop_null_unicode)  # no ToUnicode entry maps an undrawn code to U+0000 (PDF/UA-1)
    steps.append(blend_space)  # pages with a soft-masked logo say which colour space they blend in
    steps.append(inks.finish_step)  # small text in one ink and black overprint (press); grey in black toner (office)
    if ctx.output.pdfx:
        steps.append(press.finish_step)
    if ctx.rtl:
        steps.append(right_to_left)
    return steps


def overflow_problem(ctx: RenderContext, o: Overflow) -> Problem:
    """Say which frame overflowed, by how much, and what to shorten."""
    body = ctx.styles["body"]
    lines = max(1, math.ceil(o.height / body.leading))
    words = round(lines * 7)  # a narrow panel holds ~7 words a line at body size
    names = [f"section `{sid}` ({parts.replace('+', ', ')})" for sid, parts in o.sections]
    names += [f"the `{slot}` block" for slot in o.slots]
    culprit = o.sections[0][0] if o.sections else o.after_section
    doc = ctx.handout.docs.get(culprit) if culprit else None
    where = doc.where(("key_points",)) if doc else Location(ctx.layout_shown)
    fix = f"shorten the summaries or key points shown there by about {words} words"
    if not o.sections and "title" in o.slots:  # the handout's title itself is too long for its frame
        translated = ctx.handout.language.handout is not None
        title_doc = ctx.handout.docs.get("language" if translated else "manifest")
        if title_doc is not None:
            where = title_doc.where(("handout", "title") if translated else ("title",))
        fix = "shorten the title or the subtitle"
    if not names:  # pieces split off a block carry no tag; say where they were
        names = [f"the end of what frame `{o.frame}` holds"]
    if o.slots and o.after_section:
        names[-1] += f", which follows section `{o.after_section}`"
    return Problem(
        f"the {ctx.layout.name} ({ctx.paper}) does not fit: frame `{o.frame}` on page `{o.page}` needs about "
        f"{max(o.height / 72, 0.1):.1f} in more (≈ {lines} line{'s' * (lines != 1)} at the smallest allowed body size, "
        f"{ctx.layout.type.min_body:g} pt). Did not fit: {', '.join(names)}",
        where,
        fix=f"{fix}, or print the booklet, which has room for everything",
    )
