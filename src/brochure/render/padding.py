"""The pages that bring a booklet to its page multiple: pages a patient uses, not blank "Notes" pages.

A saddle-stitched booklet needs a multiple of four pages, so up to three pages
are left over. Blank "Notes" pages were padding no one used; these are pages a
patient fills in or keeps: a wallet card to cut out (clinic, crisis line,
what they are treated with) with lines for notes above it, and a treatment
record to bring to each visit. `kinds` says which, for a shortfall of any size.

The card sits at its page's foot, and cutting it out must take nothing from the
page behind it: it is the last padding page, the back cover's other side, where
the back cover leaves that foot empty; else a record page backs it, its grid
stopping above the card; else (one or two padding pages and a full back cover)
there is no card. The back cover prints the clinic and the crisis lines, so a
booklet without the card loses nothing.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch, mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from brochure.pdf import tagging
from brochure.render import story
from brochure.render.context import RenderContext
from brochure.text.inline import to_markup
from brochure.text.paragraph import Para as Paragraph
from brochure.text.paragraph import is_rtl

# 85 x 54 mm: a business card, a hair under a bank card (85.6 x 54), so it fits a wallet's card slot, and its two
# panels side by side (170 mm) fit an A4 booklet's 170.6 mm frame: folded, a quarter of the page, not half
CARD = (85 * mm, 54 * mm)
CARD_GAP = 18.0  # between the notes' last line and the card's cut line
ROW = 0.5 * inch  # a treatment record row: room to write one visit by hand


def kinds(count: int, card: bool = True) -> list[str]:
    """The padding pages for a shortfall of `count`: treatment record pages (room for 15 visits each) and the
    wallet card (the crisis line in the patient's pocket, lines for notes above it), no page of notes alone.

    `card`: the back cover leaves the card's place free, so the card is the last page, on its other side.
    Else, with three pages or more, the card goes on the last even one, backed by a record page whose grid
    stops above it (`record_above_card`); with fewer, there is no padding page to back it: records only.
    """
    if count <= 0:
        return []
    if card:
        return ["record"] * (count - 1) + ["card"]
    if count >= 3:
        return ["record"] * (count - 3) + ["record_above_card", "card", "record"]
    return ["record"] * count


PAD_X, PAD_Y = 6.0, 3.0  # ReportLab's default cell padding, kept for the names drawn into the header row


class RecordGrid(Flowable):
    """A table to fill in by hand, as many rows as the page has room for.

    A screen reader meets a Table whose one row holds the column headers (TH); the empty rows
    and the ruling are drawing, artifacts.
    """

    def __init__(
        self, headings: list[str], shares: list[float], style: ParagraphStyle, color: object, reserve: float = 0.0
    ) -> None:
        """`reserve`: height left empty at the frame's foot (the card cut out of the other side of the leaf)."""
        super().__init__()
        self.headings, self.shares, self.style, self.color = headings, shares, style, color
        self.reserve = reserve
        self.table: Table | None = None
        self.row = tagging.Tag("TR", parent=tagging.Tag("Table"))

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        widths = [aw * s for s in self.shares]
        self.head = [
            tagging.mark(Paragraph(to_markup(h), self.style), "TH", parent=self.row, order=i)
            for i, h in enumerate(self.headings)
        ]
        # the header's own height, as wrapped: a long column name ("Działania niepożądane lub pytania") takes
        # three lines, and rows counted for two pushed the grid onto a page of its own
        self.head_h = max(h.wrap(w - 2 * PAD_X, ah)[1] for h, w in zip(self.head, widths, strict=True)) + 2 * PAD_Y
        rows = 3 if ah > 10_000 else max(3, int((ah - self.reserve - self.head_h - 1) // ROW))
        # right to left the first column stands at the right
        self.columns = widths[::-1] if is_rtl() else widths
        empty = [[""] * len(widths)] * (rows + 1)
        self.table = _ruled(empty, self.columns, [self.head_h] + [ROW] * rows, self.style, self.color)
        self.width, self.height = self.table.wrap(aw, ah)
        return self.width, self.height

    def draw(self) -> None:
        """The ruled grid, then the column names in reading order (a table draws its cells left to right, which
        right to left would paint them last to first: outloud ORD-001)."""
        assert self.table is not None  # wrapped before drawn
        self.table.drawOn(self.canv, 0, 0)
        lefts = [sum(self.columns[:j]) for j in range(len(self.columns))]
        if is_rtl():
            lefts = lefts[::-1]
        for head, left in zip(self.head, lefts, strict=True):
            head.drawOn(self.canv, left + PAD_X, self.height - self.head_h + PAD_Y)  # at the cell's foot


def _ruled(
    rows: list[list], widths: list[float], heights: list[float | None], style: ParagraphStyle, color: object
) -> Table:
    """The record's grid: ruled, the header row's names at its foot."""
    table = Table(rows, colWidths=widths, rowHeights=heights)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), style.fontName),
                ("GRID", (0, 0), (-1, -1), 0.6, color),
                ("LINEBELOW", (0, 0), (-1, 0), 1.4, color),
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
            ]
        )
    )
    return table


class FoldedCard(Flowable):
    """The wallet card: two panels in a dashed cut line with a dotted fold between them.

    Drawn by hand, not as a Table: a table paints its cells left to right, so right to left the back (on the
    left) was painted before the front it is read after (outloud ORD-001). Here the front is drawn first
    wherever it stands: on the right in a right-to-left handout, on top when the page is too narrow for both.
    """

    PAD = 12.0

    def __init__(
        self,
        front: list[Flowable],
        back: list[Flowable],
        w: float,
        h: float,
        side_by_side: bool,
        cut: object,
        fold: object,
    ) -> None:
        super().__init__()
        self.panels, self.w, self.h, self.side_by_side, self.cut, self.fold = (
            (front, back),
            w,
            h,
            side_by_side,
            cut,
            fold,
        )
        self.hAlign = "CENTER"

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = (2 * self.w, self.h) if self.side_by_side else (self.w, 2 * self.h)
        return self.width, self.height

    def _origins(self) -> list[tuple[float, float]]:
        """Lower left corner of the front's panel, then the back's."""
        if not self.side_by_side:
            return [(0.0, self.h), (0.0, 0.0)]
        return [(self.w, 0.0), (0.0, 0.0)] if is_rtl() else [(0.0, 0.0), (self.w, 0.0)]

    def draw(self) -> None:
        canv = self.canv
        with tagging.artifact(canv):
            canv.saveState()
            canv.setStrokeColor(self.cut)
            canv.setLineWidth(1)
            canv.setDash(5, 3)
            canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)
            canv.setStrokeColor(self.fold)
            canv.setLineWidth(0.6)
            canv.setDash(1, 2)
            if self.side_by_side:
                canv.line(self.w, 0, self.w, self.h)
            else:
                canv.line(0, self.h, self.w, self.h)
            canv.restoreState()
        inner = self.w - 2 * self.PAD
        for panel, (x, y) in zip(self.panels, self._origins(), strict=True):
            top = y + self.h - self.PAD
            for f in panel:
                top -= f.getSpaceBefore()
                _, fh = f.wrap(inner, top - y)
                top -= fh
                f.drawOn(canv, x + self.PAD, top)
                top -= f.getSpaceAfter()


class Padding:
    """Builds each padding page's flowables; the page template is the booklet's."""

    def __init__(self, ctx: RenderContext, behind_card: float = float("inf")) -> None:
        """`behind_card`: the height the back cover leaves free at its foot, where the card's cut line runs."""
        self.ctx = ctx
        self.st = ctx.styles
        self.card_behind_back = self.card_height() + CARD_GAP <= behind_card

    def page(self, index: int, count: int) -> list[Flowable]:
        return getattr(self, kinds(count, self.card_behind_back)[index])()

    def card_height(self) -> float:
        """The card's height on this page: both panels side by side where the frame is wide enough, else stacked."""
        w, h = CARD
        return h if self.ctx.geometry.frame_width >= 2 * w else 2 * h

    def title(self, text: str) -> Flowable:
        return tagging.mark(Paragraph(to_markup(text), self.st["h2"]), "H2")

    def record(self, reserve: float = 0.0) -> list[Flowable]:
        """A treatment record page: its grid fills the page, less `reserve` at the foot."""
        ui, st = self.ctx.ui, self.st
        head = ParagraphStyle("record-head", parent=st["contact"], fontName=st["h3"].fontName, spaceAfter=0)
        columns = [ui.record_date, ui.record_treatment, ui.record_felt, ui.record_side_effects]
        return [
            self.title(ui.record_title),
            Paragraph(to_markup(ui.record_intro), st["body"]),
            RecordGrid(columns, [0.16, 0.24, 0.30, 0.30], head, self.ctx.palette.muted, reserve=reserve),
        ]

    def record_above_card(self) -> list[Flowable]:
        """The record page behind the card: no row where the card is cut out of the leaf."""
        return self.record(reserve=self.card_height() + CARD_GAP)

    def card(self) -> list[Flowable]:
        """A fold-over wallet card inside a dashed cut line: the clinic on the front, the crisis line on the back.

        What the patient is treated with is ticked, not printed: esketamine (approved) and off-label
        ketamine stay two separate boxes, as everywhere else in the handout.
        """
        ctx, ui, st = self.ctx, self.ctx.ui, self.st
        b, region = ctx.brand.brand, ctx.brand.region
        size = min(st["contact"].fontSize, 10.5)
        text = ParagraphStyle("card", parent=st["contact"], fontSize=size, leading=size * 1.3, spaceAfter=1)
        bold = ParagraphStyle("card-bold", parent=text, fontName=st["h3"].fontName)
        tick = ParagraphStyle("card-tick", parent=text, leftIndent=size * 1.6)
        if is_rtl():
            tick = ParagraphStyle("card-tick-rtl", parent=text, rightIndent=size * 1.6, leftIndent=0)

        def p(value: str, style: ParagraphStyle = text) -> Paragraph:
            return Paragraph(to_markup(value), style)

        front = [p(b.name, bold)]
        if b.contact.phone:
            front.append(p(b.contact.phone))
        front += [
            Spacer(1, 4),
            p(ui.card_treated_with, bold),
            story.CheckboxParagraph(to_markup(ui.card_spravato), tick),
            story.CheckboxParagraph(to_markup(ui.card_ketamine), tick),
        ]
        crisis = region.crisis[0]
        back = [
            p(ui.card_line.format(label=ui.card_crisis, number=crisis.number), bold),
            p(ui.card_line.format(label=ui.card_emergency, number=region.emergency), bold),
            Spacer(1, 4),
            p(ui.card_name),
            story.WritingLines(1, size * 1.6, ctx.palette.muted),
            p(ui.card_care_team),
            story.WritingLines(1, size * 1.6, ctx.palette.muted),
        ]
        w, h = CARD
        side_by_side = ctx.geometry.frame_width >= 2 * w  # folded down the middle; else one above the other
        card = FoldedCard(front, back, w, h, side_by_side, ctx.palette.text, ctx.palette.muted)
        tagging.mark(card, "Div")  # front, then back: the reading order
        heading = tagging.mark(Paragraph(to_markup(ui.notes), st["h3"]), "H3")
        # the card sits at the page's foot, which the back cover behind it leaves empty (see the module's docstring)
        reserve = card.wrap(ctx.geometry.frame_width, 10_000)[1] + CARD_GAP
        return [
            self.title(ui.card_title),
            Paragraph(to_markup(ui.card_intro), st["body"]),
            Spacer(1, 12),
            story.NotesArea(heading, st["body"].fontSize * 1.9, ctx.palette.muted, reserve=reserve),
            Spacer(1, CARD_GAP),
            card,
        ]
