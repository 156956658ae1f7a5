"""Pictograms beside words: a section's icon at its heading, the cover's emblem and its list of contents.

A pictogram helps a reader find a section at a glance; it says nothing the
words beside it do not, so it is drawn as an artifact (a screen reader hears
the heading, not "brain icon"). Which icon goes with which section is the
manifest's `icons` (language-independent); the drawings are Lucide's
(`media/icons.py`). Right to left, the icon stands at the right of its words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.platypus import Flowable

from brochure.media import _reportlab, icons
from brochure.pdf import tagging
from brochure.text.paragraph import Para as Paragraph  # script fallback fonts; right-to-left lines
from brochure.text.paragraph import is_rtl

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.styles import ParagraphStyle

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
