"""The pages that bring a booklet to its page multiple: pages a patient uses, not blank "Notes" pages.

A saddle-stitched booklet needs a multiple of four pages, so up to three pages
are left over. Blank "Notes" pages were padding no one used; these are pages a
patient fills in or keeps: a wallet card to cut out (clinic, crisis line,
what they are treated with) with lines for notes under it, and a treatment
record to bring to each visit. `kinds` says which, for a shortfall of any size.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from brochure.pdf import tagging
from brochure.render import story
from brochure.render.context import RenderContext
from brochure.text.inline import to_markup
from brochure.text.paragraph import Para as Paragraph
from brochure.text.paragraph import is_rtl

CARD = (3.375 * inch, 2.125 * inch)  # a credit card: fits a wallet
ROW = 0.5 * inch  # a treatment record row: room to write one visit by hand


def kinds(count: int) -> list[str]:
    """The padding pages for a shortfall of `count`, most useful first: the wallet card (the crisis line in
    the patient's pocket, lines for notes under it), then treatment record pages (room for 15 visits each).
    No page of notes alone: the card's page and the questions page have lines to write on."""
    if count <= 0:
        return []
    return ["record"] * (count - 1) + ["card"]


class RecordGrid(Flowable):
    """A table to fill in by hand, as many rows as the page has room for.

    A screen reader meets a Table whose one row holds the column headers (TH); the empty rows
    and the ruling are drawing, artifacts.
    """

    def __init__(self, headings: list[str], shares: list[float], style: ParagraphStyle, color: object) -> None:
        super().__init__()
        self.headings, self.shares, self.style, self.color = headings, shares, style, color
        self.table: Table | None = None
        self.row = tagging.Tag("TR", parent=tagging.Tag("Table"))

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        rtl = is_rtl()
        widths = [aw * s for s in self.shares]
        head = [
            tagging.mark(Paragraph(to_markup(h), self.style), "TH", parent=self.row, order=i)
            for i, h in enumerate(self.headings)
        ]
        if rtl:  # the first column stands at the right (drawn last, still read first: `order`)
            widths, head = widths[::-1], head[::-1]
        # the header's own height, as wrapped: a long column name ("Działania niepożądane lub pytania") takes
        # three lines, and rows counted for two pushed the grid onto a page of its own
        header = _ruled([head], widths, [None], self.style, self.color)
        head_h = header.wrap(aw, ah)[1]
        rows = 3 if ah > 10_000 else max(3, int((ah - head_h - 1) // ROW))
        self.table = _ruled([head] + [[""] * len(head)] * rows, widths, [None] + [ROW] * rows, self.style, self.color)
        self.width, self.height = self.table.wrap(aw, ah)
        return self.width, self.height


    def draw(self) -> None:
        assert self.table is not None  # wrapped before drawn
        self.table.drawOn(self.canv, 0, 0)


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


class Padding:
    """Builds each padding page's flowables; the page template is the booklet's."""

    def __init__(self, ctx: RenderContext) -> None:
        self.ctx = ctx
        self.st = ctx.styles

    def page(self, index: int, count: int) -> list[Flowable]:
        return getattr(self, kinds(count)[index])()

    def title(self, text: str) -> Flowable:
        return tagging.mark(Paragraph(to_markup(text), self.st["h2"]), "H2")

    def record(self) -> list[Flowable]:
        ui, st = self.ctx.ui, self.st
        head = ParagraphStyle("record-head", parent=st["contact"], fontName=st["h3"].fontName, spaceAfter=0)
        columns = [ui.record_date, ui.record_treatment, ui.record_felt, ui.record_side_effects]
        return [
            self.title(ui.record_title),
            Paragraph(to_markup(ui.record_intro), st["body"]),
            RecordGrid(columns, [0.16, 0.24, 0.30, 0.30], head, self.ctx.palette.muted),
        ]

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
        frame_width = ctx.geometry.frame_width
        if frame_width >= 2 * w:  # side by side, folded down the middle
            cells, widths, heights = [[front, back]], [w, w], [h]
            fold = ("LINEAFTER", (0, 0), (0, 0), 0.6, ctx.palette.muted, None, (1, 2))
        else:  # a narrow page: one above the other, folded across
            cells, widths, heights = [[front], [back]], [w], [h, h]
            fold = ("LINEBELOW", (0, 0), (0, 0), 0.6, ctx.palette.muted, None, (1, 2))
        if is_rtl() and len(widths) == 2:  # the front on the right; drawn second, it is still read first
            for f in back:
                if isinstance(f, Paragraph):
                    tagging.mark(f, "P", order=1)
            cells = [[back, front]]
        card = Table(cells, colWidths=widths, rowHeights=heights, hAlign="CENTER")
        card.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), st["body"].fontName),
                    ("BOX", (0, 0), (-1, -1), 1, ctx.palette.text, None, (5, 3)),  # the cut line
                    fold,
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 12),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 12),
                    ("TOPPADDING", (0, 0), (-1, -1), 12),
                ]
            )
        )
        tagging.mark(card, "Div")  # front, then back: the reading order
        heading = tagging.mark(Paragraph(to_markup(ui.notes), st["h3"]), "H3")  # under the card's title
        return [
            self.title(ui.card_title),
            Paragraph(to_markup(ui.card_intro), st["body"]),
            Spacer(1, 12),
            card,
            Spacer(1, 18),
            story.NotesArea(heading, st["body"].fontSize * 1.9, ctx.palette.muted),  # the rest of the page
        ]
