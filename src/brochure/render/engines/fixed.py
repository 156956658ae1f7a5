"""Fixed-length layouts (flyer, tri-fold, custom cards): frames on a set number of pages.

The layout file places slots in frames; content that does not fit a frame
flows into the frame that `continues` it. Whatever is left after the last
frame is an overflow: the build fails with the frame, the section and how
much did not fit. Type may shrink to fit, never below the layout's min_body.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field, replace

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import ActionFlowable, Flowable, Frame, KeepTogether, Paragraph

from brochure.checks import printed
from brochure.errors import Location, Problem
from brochure.inputs.models import FrameSpec, Layout, OptionalSlotKey, PageSpec
from brochure.media import _reportlab
from brochure.media.units import resolve
from brochure.pdf import tagging
from brochure.pdf.press import canvas_class, extend_to_bleed
from brochure.render import slots, story
from brochure.render.context import RenderContext
from brochure.render.fit import smallest_fitting_step
from brochure.render.notice import draw_notice_band, notice_height, notice_lift, notice_text
from brochure.render.plan import Geometry
from brochure.text.paragraph import draw_text


@dataclass
class Overflow:
    frame: str
    page: str
    height: float  # points of content that did not fit
    sections: list[tuple[str, str]] = field(default_factory=list)  # (section id, parts shown)
    slots: list[str] = field(default_factory=list)  # other slots that did not fit, e.g. "questions"
    after_section: str | None = None  # the last section in that region: often what pushed it over
    # the region's last optional block that still prints something: its "frame-id:slot" and its items' heights
    optional: tuple[str, list[float]] | None = None


@dataclass
class Box:
    spec: FrameSpec
    x: float
    y: float  # bottom, PDF coordinates
    w: float
    h: float


def boxes(page: PageSpec, paper: str, width: float, height: float) -> list[Box]:
    panels = page.panels.get(paper, []) if page.panels else []
    out = []
    for f in page.frames:
        if f.panel is not None:
            x, w = sum(panels[: f.panel]), panels[f.panel]
        else:
            assert f.x is not None and f.w is not None  # FrameSpec._placed: a frame without a panel has both
            x, w = resolve(f.x, width), resolve(f.w, width)
        top = resolve(f.y, height)
        h = resolve(f.h, height)
        out.append(Box(f, x, height - top - h, w, h))
    return out


def fill(frame: Frame, flowables: list, canv: Canvas, *, draw: bool = True) -> None:
    """Add flowables until the frame is full, splitting one across the edge as a document would.

    With draw=False the frame places each flowable without drawing it: the
    layout (and so any overflow) is the same, at about half the cost.
    """
    while flowables:
        head = flowables[0]
        if _reportlab.is_frame_break(head):  # KeepTogether asks for the next frame
            flowables.pop(0)
            return
        if isinstance(head, ActionFlowable):
            flowables.pop(0)
            continue
        if isinstance(head, KeepTogether):
            # ReportLab's KeepTogether.split needs a doc template; decide here instead:
            # place its parts if they all fit (or nothing else would), else move on.
            width, room = _reportlab.frame_width(frame), _reportlab.frame_room(frame)
            if keep_height(head, width, canv) <= room or _reportlab.frame_at_top(frame):
                flowables[0:1] = list(_reportlab.grouped(head) or [])
                continue
            return
        if _add(frame, head, canv, draw):
            flowables.pop(0)
            bookmark(head, canv)
            continue
        parts = frame.split(head, canv)
        if not parts:
            return
        flowables[0:1] = parts
        if not isinstance(parts[0], ActionFlowable) and not _add(frame, parts[0], canv, draw):
            return
        if not isinstance(parts[0], ActionFlowable):
            bookmark(flowables.pop(0), canv)


def _add(frame: Frame, flowable: Flowable, canv: Canvas, draw: bool) -> bool:
    if draw:
        return frame.add(flowable, canv, trySplit=0)
    flowable.drawOn = _skip_drawing  # shadows the method on this one object while the frame places it
    try:
        return frame.add(flowable, canv, trySplit=0)
    finally:
        del flowable.drawOn


def _skip_drawing(*args: object, **kwargs: object) -> None:
    pass


def bookmark(flowable: Flowable, canv: Canvas) -> None:
    """Outline entries for headings placed by hand (no doc template calls afterFlowable here)."""
    outline = getattr(flowable, "outline", None)
    if outline:
        key, title, level = outline
        canv.bookmarkPage(key)
        canv.addOutlineEntry(title, key, level=level, closed=False)
    for inner in _reportlab.grouped(flowable) or []:
        bookmark(inner, canv)


def natural_height(f: Flowable, width: float, canv: Canvas) -> float:
    """Height a flowable needs with unlimited room (KeepTogether reports 'infinite' when it does not fit)."""
    inner = _reportlab.grouped(f)
    if inner is not None:
        return sum(natural_height(c, width, canv) for c in inner)
    _, h = f.wrapOn(canv, width, 100_000)
    return h + f.getSpaceBefore() + f.getSpaceAfter()


def keep_height(kt: KeepTogether, width: float, canv: Canvas) -> float:
    """Room a keep-together group needs here: a heading needs two lines of its paragraph (all of a short one)."""
    if isinstance(kt, story.KeepWithText):
        return kt.needed(width)
    items = list(_reportlab.grouped(kt) or [])
    if len(items) == 2 and isinstance(items[1], Paragraph):
        nxt = items[1]
        _, whole = nxt.wrap(width, 100_000)
        first = story.first_lines(nxt, whole, 2 * nxt.style.leading)
        return natural_height(items[0], width, canv) + nxt.getSpaceBefore() + first
    return natural_height(kt, width, canv)


class Fixed:
    def __init__(self, ctx: RenderContext) -> None:
        self.ctx = ctx
        self._notice_read = False  # the notice is read once, first; its other copies are artifacts
        self.notice_width = 0.0  # set per draw: the narrowest bottom panel's text width

    def draw(self, canv: Canvas, *, draw: bool = True) -> list[Overflow]:
        """Lay out every page; with draw=False only find what fits where (for size trials)."""
        ctx = self.ctx
        g = ctx.geometry
        claimed = printed.claimed(ctx.layout)
        overflows: list[Overflow] = []
        ranks = reading_ranks(ctx.layout)
        # every copy of the notice wraps at the narrowest bottom panel, so all copies break into the
        # same lines: a checker (and a reader) sees one repeated footer, not prose marked as artifact
        bottoms = [
            b for p in ctx.layout.pages for b in boxes(p, ctx.paper, g.width, g.height) if self._has_notice(b, g)
        ]
        self.notice_width = min((b.w - 2 * ctx.layout.safe_zone for b in bottoms), default=g.width)
        for page in ctx.layout.pages:
            placed = boxes(page, ctx.paper, g.width, g.height)
            for b in placed:
                self.background(canv, b)
            for region in regions(page, placed):
                over = self.region(canv, region, page.name, claimed, ranks[region[0].spec.id], draw=draw)
                if over is not None:
                    overflows.append(over)
            if ctx.notices:
                self.notices(canv, placed)
            canv.showPage()
        return overflows

    def region(
        self, canv: Canvas, region: list[Box], page: str, claimed: set[str], rank: int, *, draw: bool
    ) -> Overflow | None:
        """Fill one region (a frame with content and the frames that continue it); what did not fit, if any."""
        ctx, safe = self.ctx, self.ctx.layout.safe_zone
        head = region[0]
        # the marks of a first line of text at the sheet's top edge stay out of the safe zone (`Script.rise`); a
        # frame that starts with the brand line (a logo, the clinic's name) has none there
        rise = 0.0 if head.spec.content[:1] == ["brand"] else ctx.script.rise * ctx.styles["body"].fontSize
        builder = slots.Builder(ctx, inverse_text=head.spec.background == "primary")
        flow: list = []
        optional: tuple[str, list] | None = None  # the last optional block placed, and its items
        for slot in head.spec.content:
            key = None
            if isinstance(slot, OptionalSlotKey):
                key, slot = f"{head.spec.id}:{slot.optional}", slot.optional
            made = builder.slot(slot, claimed)
            if key is not None:
                made = made[: ctx.kept.get(key, len(made))]
                if made:
                    optional = (key, list(made))
            for f in made:
                f.slot_name = slot if isinstance(slot, str) else "sections"
            flow += made
        in_region = [f.section_id for f in flow if getattr(f, "section_id", None)]
        frame = None
        tagger = tagging.tagger_of(canv)
        for b in region:  # a right-to-left layout comes mirrored (render/mirror.py): its first frame on the right
            # every bottom frame keeps the notice's room, printed there or not: text beside a notice never shares
            # its baseline (a reader of lines would run the two together)
            keeps = self._has_notice(b, None) or b.y < 1
            notice = notice_height(ctx, ctx.styles["notice"], self.notice_width) if keeps else 0
            bottom_pad = safe + notice
            frame = Frame(
                b.x + safe,
                b.y + bottom_pad,
                b.w - 2 * safe,
                b.h - safe - bottom_pad,
                leftPadding=0,
                rightPadding=0,
                topPadding=rise if b.y + b.h >= ctx.geometry.height - 0.5 else 0,
                bottomPadding=0,
                id=b.spec.id,
            )
            if b is head and len(region) == 1 and any(isinstance(f, slots.Spring) for f in flow):
                self._stretch(flow, frame, canv)
            elif b.spec.valign == "bottom" and b is head and len(region) == 1:
                flow = self._push_down(flow, frame, canv)
            if tagger is None:
                fill(frame, flow, canv, draw=draw)
                continue
            with tagger.reading(rank):
                fill(frame, flow, canv, draw=draw)
        if not flow:
            return None
        room = _reportlab.frame_room(frame) if frame is not None else 0
        over = self.measure(flow, region[-1], page, canv, room)
        over.after_section = in_region[-1] if in_region else None
        if optional is not None:
            width = region[-1].w - 2 * safe
            over.optional = (optional[0], [natural_height(f, width, canv) for f in optional[1]])
        return over

    @staticmethod
    def _has_notice(b: Box, g: Geometry | None) -> bool:
        """The frame's `notice` setting; by default, frames on the bottom edge carry the notices."""
        if b.spec.notice is not None:
            return b.spec.notice
        return b.y < 1

    @staticmethod
    def _gap(flow: list, frame: Frame, canv: Canvas) -> float:
        """The frame's room left under `flow` (2 pt kept for rounding), or 0 if it does not fit."""
        width, height = _reportlab.frame_width(frame), _reportlab.frame_height(frame)
        total = sum(natural_height(f, width, canv) for f in flow if not isinstance(f, ActionFlowable))
        return max(height - total - 2, 0.0)

    def _push_down(self, flow: list, frame: Frame, canv: Canvas) -> list:
        from reportlab.platypus import Spacer

        gap = self._gap(flow, frame, canv)
        return ([Spacer(1, gap)] if gap > 0 else []) + flow

    def _stretch(self, flow: list, frame: Frame, canv: Canvas) -> None:
        """Share the frame's leftover room among its `space` slots (in a frame that others do not continue)."""
        springs = [f for f in flow if isinstance(f, slots.Spring)]
        share = self._gap(flow, frame, canv) / len(springs)
        for f in springs:
            f.height = share

    def background(self, canv: Canvas, b: Box) -> None:
        color = {"primary": self.ctx.palette.primary, "tint": self.ctx.palette.callout_background}.get(
            b.spec.background
        )
        if color is None:
            return
        with tagging.artifact(canv, "Layout"):
            canv.saveState()
            canv.setFillColor(color)
            canv.rect(*extend_to_bleed(self.ctx.sheet, b.x, b.y, b.w, b.h), stroke=0, fill=1)
            canv.restoreState()

    def notices(self, canv: Canvas, placed: list[Box]) -> None:
        """The draft / translation notice at the foot of every bottom panel: whichever panel a reader keeps."""
        safe = self.ctx.layout.safe_zone
        text = notice_text(self.ctx)
        for b in placed:
            if not self._has_notice(b, None):
                continue
            st = self.ctx.styles["notice"]  # on its own band: the same colours on a coloured panel too
            align = "right" if self.ctx.rtl else "left"
            y = b.y + safe + notice_lift(st)
            first, self._notice_read = not self._notice_read, True
            band_x = b.x + safe + (b.w - 2 * safe - self.notice_width if self.ctx.rtl else 0)
            draw_notice_band(canv, self.ctx, st, band_x, y, self.notice_width)
            with tagging.repeated(canv, first, "Pagination", "Footer"):  # on every panel; read once
                x = b.x + safe + (b.w - 2 * safe - self.notice_width if self.ctx.rtl else 0)
                draw_text(canv, text, st, x, y, self.notice_width, align)

    def measure(self, flow: list, last: Box, page: str, canv: Canvas, room: float) -> Overflow:
        safe = self.ctx.layout.safe_zone
        width = last.w - 2 * safe
        height = 0.0
        sections: list[tuple[str, str]] = []
        other: list[str] = []
        for f in flow:
            if isinstance(f, ActionFlowable):
                continue
            height += natural_height(f, width, canv)
            sid = getattr(f, "section_id", None)
            if sid and (sid, f.section_part) not in sections:
                sections.append((sid, f.section_part))
            elif not sid and getattr(f, "slot_name", None) and f.slot_name not in other:
                other.append(f.slot_name)
        return Overflow(last.spec.id, page, max(height - room, 1.0), sections, other)


def regions(page: PageSpec, placed: list[Box]) -> list[list[Box]]:
    """Frames grouped into regions (a frame with content plus the frames that continue it), in draw order."""
    by_id = {b.spec.id: b for b in placed}
    order = [by_id[i] for i in page.draw_order] if page.draw_order else placed
    out: list[list[Box]] = []
    for b in placed:
        if b.spec.continues and out:
            out[-1].append(b)
        else:
            out.append([b])
    out.sort(key=lambda r: order.index(r[0]))
    return out


def reading_ranks(layout: Layout) -> dict[str, int]:
    """Each frame's place in the reading order: the layout's `reading_order`, else page by page in draw order."""
    if layout.reading_order:
        order = list(layout.reading_order)
    else:
        order = []
        for page in layout.pages:
            order += page.draw_order or [f.id for f in page.frames]
    every = [f.id for page in layout.pages for f in page.frames]
    order += [i for i in every if i not in order]  # frames left out read after the listed ones
    return {frame_id: rank for rank, frame_id in enumerate(order)}


def render_fixed(ctx: RenderContext, meta: dict) -> tuple[bytes, int, list[Overflow], tagging.Tagger]:
    """Fit (see `_fit`); where even the smallest size overflows, shorten that region's optional blocks.

    An overflowing region's last optional block loses items from its end, about as many as the overflow
    is high, when its items stand alone (the questions: `slots.TRIMMABLE`); any other optional block, or
    one left with a single item, goes entirely. The handout is then fitted
    again from the layout's own size, so room freed goes to larger type first. What was shortened is
    reported as information: the layout says the block may go.
    """
    kept: dict[str, int] = {}
    full: dict[str, int] = {}
    while True:
        result = _fit(replace(ctx, kept=dict(kept)), meta)
        shortened = False
        for o in result[2]:
            if o.optional is None:
                continue
            key, heights = o.optional
            full.setdefault(key, len(heights))
            n, freed = len(heights), 0.0
            while n > 0 and freed < o.height:
                n -= 1
                freed += heights[n]
            trimmable = key.split(":", 1)[1] in slots.TRIMMABLE
            kept[key] = n if (n > 1 and trimmable) else 0
            shortened = True
        if not shortened:
            break
    for key, n in sorted(kept.items()):
        frame, slot = key.split(":", 1)
        what = "leaves out" if n == 0 else f"prints {n} of the {full[key]} items of"
        ctx.warnings.append(
            Problem(
                f"the {ctx.layout.name} ({ctx.paper}, {ctx.handout.language.code}, brand `{ctx.brand.id}`) {what} "
                f"its optional `{slot}` block in frame `{frame}`: "
                f"the rest does not fit at the smallest body size, {ctx.layout.type.min_body:g} pt",
                Location(ctx.layout_shown),
                fix="nothing needed; to print all of it, shorten the text in that frame",
                severity="info",
                rule="fit.left-out",
            )
        )
    return result


def _fit(ctx: RenderContext, meta: dict) -> tuple[bytes, int, list[Overflow], tagging.Tagger]:
    """Draw at the layout's type size; on overflow shrink in 0.25 pt steps to min_body, never below."""
    t = ctx.layout.type
    steps = max(0, math.ceil((t.body - t.min_body) / 0.25 - 1e-9))

    def scale(k: int) -> float:
        return max(t.body - 0.25 * k, t.min_body) / t.body

    canv, buf, overflows, tagger = _draw_at(ctx, meta, 1.0, draw=True)  # most handouts fit as designed
    if overflows and steps:
        # smaller sizes are tried by layout alone (no drawing: about half the cost); the chosen one is drawn
        k = smallest_fitting_step(steps, lambda k: k > 0 and not _draw_at(ctx, meta, scale(k), draw=False)[2])
        canv, buf, overflows, tagger = _draw_at(ctx, meta, scale(k), draw=True)
    canv.save()
    return buf.getvalue(), len(ctx.layout.pages), overflows, tagger


def _draw_at(
    ctx: RenderContext, meta: dict, scale: float, *, draw: bool
) -> tuple[Canvas, io.BytesIO, list[Overflow], tagging.Tagger]:
    """One attempt at a type size, on its own canvas with its own tagger (a discarded trial leaves no tags)."""
    trial = replace(ctx, scale=scale)  # same profile, sheet and placement record; fresh styles
    buf = io.BytesIO()
    canv = canvas_class(Canvas, trial.sheet)(
        buf,
        pagesize=trial.sheet.media,
        invariant=1,
        initialFontName=meta["initialFontName"],
        lang=meta["lang"],
    )
    canv.setTitle(meta["title"])
    canv.setAuthor(meta["author"])
    canv.setSubject(meta["subject"])
    canv.setCreator(meta["creator"])
    canv.setProducer(meta["producer"])
    canv.setViewerPreference("DisplayDocTitle", "true")
    tagger = tagging.Tagger(meta["lang"], links=ctx.output.links)
    overflows = Fixed(trial).draw(tagger.attach(canv), draw=draw)
    return canv, buf, overflows, tagger
