"""Pictures beside words: a section's icon at its heading, the cover's emblem and contents, the numbered
treatment-day timeline, the clinic's "call us" tier, and SVG logos drawn as vectors.

A pictogram helps a reader find a section at a glance; it says nothing the
words beside it do not, so it is drawn as an artifact (a screen reader hears
the heading, not "brain icon"). Which icon goes with which section is the
manifest's `icons` (language-independent); the drawings are Lucide's
(`media/icons.py`). Right to left, the icon stands at the right of its words.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from brochure.media import _reportlab, icons
from brochure.pdf import press, tagging
from brochure.render.story import box
from brochure.text.inline import to_markup
from brochure.text.paragraph import Para as Paragraph  # script fallback fonts; right-to-left lines
from brochure.text.paragraph import is_rtl

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

    from brochure.inputs.models import TreatmentDay
    from brochure.media.images import PreparedImage
    from brochure.render.context import RenderContext
    from brochure.render.plan import Palette

ICON_SCALE = 1.1  # the icon's side, in font sizes (at most one line: a pictogram never adds height to a heading)
GAP_SCALE = 0.35  # the gap between icon and words, in font sizes


class WithIcon(Flowable):
    """A paragraph (a heading, a contents line) with a pictogram at its first line's start."""

    def __init__(self, para: Paragraph, icon: Drawing, gap: float) -> None:
        super().__init__()
        self.para, self.icon, self.gap = para, icon, gap
        self._para_h = 0.0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        _, self._para_h = self.para.wrap(aw - self.icon.width - self.gap, ah)
        self.width, self.height = aw, max(self._para_h, self.icon.height)
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return []  # a heading or a contents line is never split

    def getSpaceBefore(self) -> float:  # noqa: N802 - ReportLab's name
        return self.para.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802 - ReportLab's name
        return self.para.getSpaceAfter()

    def draw(self) -> None:
        canv, icon = self.canv, self.icon
        lead = self.para.style.leading
        # the icon's middle on the first line's middle, never above the flowable's top
        icon_y = min(self.height - lead / 2 - icon.height / 2, self.height - icon.height)
        if is_rtl():
            icon_x, text_x = self.width - icon.width, 0.0
        else:
            icon_x, text_x = 0.0, icon.width + self.gap
        with tagging.artifact(canv, "Layout"):
            _reportlab.draw_vector(icon, canv, icon_x, icon_y)
        self.para.drawOn(canv, text_x, self.height - self._para_h)

    def __getattr__(self, name: str) -> Any:  # the heading's outline entry and section id live on the paragraph
        if name == "para":
            raise AttributeError(name)
        return getattr(self.para, name)


def with_icon(para: Paragraph, name: str | None, color: object) -> Flowable:
    """`para` with the pictogram `name` beside it, sized from its font; `para` itself when there is none."""
    if not name:
        return para
    size = min(para.style.fontSize * ICON_SCALE, para.style.leading)
    return WithIcon(para, icons.pictogram(name, size, color), para.style.fontSize * GAP_SCALE)


class Emblem(Flowable):
    """The cover's large pictogram, centred (a picture of what the handout is about, not a logo)."""

    def __init__(self, name: str, size: float, color: object, space_after: float) -> None:
        super().__init__()
        # a thin line at this size: Lucide's 2/24 stroke would be 1/12 of the emblem
        self.icon = icons.pictogram(name, size, color, stroke=max(size / 36, 1.5))
        self.spaceAfter = space_after

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.height = self.icon.height
        return aw, self.height

    def draw(self) -> None:
        x = self.width - self.icon.width if is_rtl() else 0.0
        with tagging.artifact(self.canv, "Layout"):
            _reportlab.draw_vector(self.icon, self.canv, x, 0)


def contents(items: list[tuple[str, str | None]], style: ParagraphStyle, color: object) -> list[Flowable]:
    """The section titles as a list, each with its pictogram: a cover's "what is inside" (an L of LIs).

    `items`: (title markup, icon name or None) in reading order.
    """
    whole = tagging.Tag("L")
    out: list[Flowable] = []
    for title, name in items:
        body = tagging.mark(Paragraph(title, style), "LBody", parent=tagging.Tag("LI", parent=whole))
        out.append(with_icon(body, name, color))
    return out


CALL_NUMBER_SIZE = 18.0  # the clinic's number as large as the crisis numbers above it (story.CRISIS_NUMBER_SIZE)


def clinic_call(text: str, phone: str, styles: dict[str, ParagraphStyle], palette: Palette) -> Flowable:
    """A phone pictogram, "Side effects or questions? Call us." and the clinic's number, on the callout tint."""
    title = styles["box-title"]
    size = max(CALL_NUMBER_SIZE, styles["body"].fontSize * 1.6)
    big = ParagraphStyle(
        "call-number", parent=title, fontSize=size, leading=size * 1.1, spaceAfter=0, textColor=palette.primary
    )
    head = with_icon(Paragraph(to_markup(text), title), "phone", palette.primary)
    side = "rightIndent" if is_rtl() else "leftIndent"
    indent = head.icon.width + head.gap if isinstance(head, WithIcon) else 0
    number = Paragraph(to_markup(phone), ParagraphStyle("call-number-in", parent=big, **{side: indent}))
    return box([head, number], palette.callout_background, palette.primary, styles["body"].fontName, pad=7)


class Timeline(Flowable):
    """Numbered steps down a line: "your treatment day". The numbers and the line are drawn (artifacts);
    the steps are a list (L > LI > LBody), so a screen reader hears them in order."""

    def __init__(self, steps: list[str], style: ParagraphStyle, color: object, on_color: object) -> None:
        super().__init__()
        whole = tagging.Tag("L")
        self.paras = [
            tagging.mark(Paragraph(_labelled(s), style), "LBody", parent=tagging.Tag("LI", parent=whole)) for s in steps
        ]
        self.style, self.color, self.on_color = style, color, on_color
        self.dot = style.fontSize * 1.5  # the numbered circle's diameter
        self.gap = style.fontSize * 0.6  # between the circle and its text
        self.step_gap = style.fontSize * 0.3
        self._heights: list[float] = []
        # each step's first line sits this far down, so its middle is on the circle's middle
        self._drop = max(self.dot / 2 - style.leading / 2, 0.0)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        inner = aw - self.dot - self.gap
        self._heights = [max(p.wrap(inner, ah)[1] + self._drop, self.dot) for p in self.paras]
        self.width = aw
        self.height = sum(self._heights) + self.step_gap * (len(self.paras) - 1)
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return []  # the day reads as one picture: it moves on whole

    def draw(self) -> None:
        canv, rtl, r = self.canv, is_rtl(), self.dot / 2
        cx = self.width - r if rtl else r
        text_x = 0.0 if rtl else self.dot + self.gap
        tops, y = [], self.height
        for h in self._heights:
            tops.append(y)
            y -= h + self.step_gap
        centres = [top - self._drop - self.style.leading / 2 for top in tops]
        with tagging.artifact(canv, "Layout"):
            canv.saveState()
            canv.setStrokeColor(self.color)
            canv.setLineWidth(1.5)
            if len(centres) > 1:
                canv.line(cx, centres[0] - r, cx, centres[-1] + r)
            for n, c in enumerate(centres, start=1):
                canv.setFillColor(self.color)
                canv.circle(cx, c, r, stroke=0, fill=1)
                canv.setFillColor(self.on_color)
                size = self.style.fontSize * 1.05
                canv.setFont(self.style.fontName, size)  # a digit the body font has, never a base-14 font
                canv.drawCentredString(cx, c - size * 0.36, str(n))
            canv.restoreState()
        for p, top, h in zip(self.paras, tops, self._heights, strict=True):
            _, ph = p.wrap(self.width - self.dot - self.gap, h)
            p.drawOn(canv, text_x, top - self._drop - ph)


def _labelled(step: str) -> str:
    """The step's markup, with the words before its colon ("Before your dose:") in bold."""
    m = re.match(r"^(.{2,40}?[:：])\s*(.*)$", step, re.S)
    if not m:
        return to_markup(step)
    return f"<b>{to_markup(m.group(1))}</b> {to_markup(m.group(2))}"


def treatment_day(
    day: TreatmentDay, styles: dict[str, ParagraphStyle], palette: Palette, role: str = "H2"
) -> list[Flowable]:
    """The treatment-day block: its heading, the numbered steps, and the note on the other product.

    `role`: the heading's level: H2 where it stands alone (the tri-fold's flap), H3 inside a section.
    """
    head = tagging.mark(Paragraph(to_markup(day.title), styles["h3"]), role)
    out: list[Flowable] = [
        with_icon(head, "clock", palette.primary),
        Timeline(day.steps, styles["bullet"], palette.primary, palette.on_primary),
    ]
    if day.note:
        out.append(Paragraph(to_markup(day.note), styles["small-note"]))
    return out


class VectorLogo(Flowable):
    """An SVG logo (an svglib Drawing) scaled into `width` × `height` points, drawn as vectors."""

    def __init__(self, drawing: Drawing, width: float, height: float) -> None:
        super().__init__()
        self.drawing, self.width, self.height = drawing, width, height

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        draw_scaled(self.canv, self.drawing, 0, 0, self.width, self.height)


def draw_scaled(canv: Any, drawing: Drawing, x: float, y: float, width: float, height: float) -> None:
    """`drawing` fitted into the box at x, y (its aspect kept: the logo files are fitted before this)."""
    canv.saveState()
    canv.translate(x, y)
    canv.scale(width / float(drawing.width), height / float(drawing.height))
    _reportlab.draw_vector(drawing, canv, 0, 0)
    canv.restoreState()


def in_press_colours(drawing: Drawing, convert: Any) -> Drawing:
    """A copy of `drawing` with every fill and stroke passed through `convert` (RGB → the press CMYK)."""
    import copy

    out = copy.deepcopy(drawing)
    for shape in icons.shapes(out):
        for attr in ("fillColor", "strokeColor"):
            value = getattr(shape, attr, None)
            if value is not None and hasattr(value, "hexval") and not hasattr(value, "cyan"):
                setattr(shape, attr, convert(value))
    return out


def logo_drawing(ctx: RenderContext, prepared: PreparedImage) -> Drawing:
    """The SVG logo's drawing in this output's colours: as drawn for office, in the press CMYK for press."""
    if not ctx.output.cmyk:
        return prepared.drawing
    icc = ctx.brand.icc_path or press.ICC_PATH
    return in_press_colours(prepared.drawing, lambda c: press.rgb_to_cmyk("#" + c.hexval()[2:].zfill(6), icc))
