"""The draft / translation notice every page carries: its text, the room it takes, its tinted band.

Shared by the fixed layouts (at the foot of every bottom panel) and the booklet (above the page number).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from brochure.pdf import tagging
from brochure.text import scripts
from brochure.text.inline import to_markup
from brochure.text.paragraph import Para

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas

    from brochure.render.context import RenderContext

DESCENDER = 0.5  # em: the deepest descender of the scripts we set (Arabic meem and yeh reach about 0.45)


SENTENCE_ENDS = (".", "!", "?", "。", "！", "？", "؟", "।")  # a notice already ending in one gets no full stop
FULL_STOPS = {"Hani": "。", "Hira": "。", "Kana": "。", "Deva": "।"}  # by the script of its last letter; else "."


def _ended(notice: str) -> str:
    if notice.endswith(SENTENCE_ENDS):
        return notice
    last = next((scripts.script_of(c) for c in reversed(notice) if scripts.script_of(c) not in scripts.NEUTRAL), "")
    return notice + FULL_STOPS.get(last, ".")


def notice_text(ctx: RenderContext) -> str:
    """The notices a page carries (draft, machine translation) as one text, each ending as a sentence does."""
    joined = [_ended(n) for n in ctx.notices]
    sep = "" if all(n.endswith("。") for n in joined[:-1]) and joined else " "  # no space after a CJK full stop
    return sep.join(joined)


def notice_height(ctx: RenderContext, style: ParagraphStyle, width: float) -> float:
    """Room the notice takes at the foot of a frame `width` wide (0 when there is none)."""
    if not ctx.notices:
        return 0.0
    p = Para(to_markup(notice_text(ctx)), style)
    _, h = p.wrap(width, 1000)
    return h + max(2.0, notice_lift(style))


def draw_notice_band(canv: Canvas, ctx: RenderContext, style: ParagraphStyle, x: float, y: float, width: float) -> None:
    """A tinted band with an accent bar behind the notice, so it reads as a warning, not as fine print.

    Drawn as an artifact before the notice's own text; `y` is the bottom of the notice's paragraph box.
    """
    p = Para(to_markup(notice_text(ctx)), style)
    _, h = p.wrap(width, 1000)
    pal, pad = ctx.palette, 3.0
    with tagging.artifact(canv, "Layout"):
        canv.saveState()
        canv.setFillColor(pal.crisis_background)
        canv.rect(x - pad - 2, y - pad + 1, width + 2 * pad + 2, h + 2 * pad - 1, stroke=0, fill=1)
        canv.setFillColor(pal.crisis_accent)
        bar = x + width + pad if ctx.rtl else x - pad - 2
        canv.rect(bar, y - pad + 1, 2, h + 2 * pad - 1, stroke=0, fill=1)
        canv.restoreState()


def notice_lift(style: ParagraphStyle) -> float:
    """How far above the safe zone the notice's paragraph box sits so its descenders stay out of the zone.

    The paragraph's first baseline is (leading - fontSize) above its bottom.
    """
    return max(0.0, style.fontSize * DESCENDER - (style.leading - style.fontSize))
