"""The multi-page booklet: cover, sections, questions page, words and sources, back cover.

Page count is padded to the layout's `page_multiple` (4 for saddle-stitched
booklets) so a print shop can fold it: a wallet card with lines for notes,
then treatment record pages (render/padding.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, BinaryIO

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    CondPageBreak,
    Frame,
    FrameBreak,
    KeepInFrame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)

from brochure.media import _reportlab
from brochure.pdf import tagging
from brochure.pdf.press import extend_to_bleed
from brochure.render import padding, slots, story, visuals
from brochure.render.context import RenderContext
from brochure.render.notice import draw_notice_band, notice_height, notice_text
from brochure.render.pages import Extent, HandoutDoc, PadPages, extent, with_outline
from brochure.text.inline import to_markup
from brochure.text.paragraph import Para as Paragraph  # falls back to script fonts run by run
from brochure.text.paragraph import draw_text, fit_line, left_to_right

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

LOGO_WIDTH = 110.0  # points on the cover
BACK_COVER_GAP = 14.0  # points after each block of the back cover: a page of its own has room to breathe
BACK_COVER_SHRINK = 0.15  # a back cover that overflows its page by at most this share of it is set smaller
NOTICE_DROP = 17.0  # the notice's bottom, below the text frames; the page number sits under it
REFERENCE_GUTTER = 22.0  # points between the reference pages' two columns


class ParityTemplate(PageTemplate):
    """A page template whose frames follow the page's side: `odd` on odd pages, `even` on even ones, each
    placed (`Booklet.x`) so its text keeps clear of the spine, on the left or the right of the page."""

    def __init__(self, id: str, odd: list[Frame], even: list[Frame], on_page: Callable) -> None:  # noqa: A002
        super().__init__(id, odd, onPage=on_page)
        self.odd, self.even = odd, even

    def beforeDrawPage(self, canv: Canvas, doc: Any) -> None:  # noqa: N802 - ReportLab's name
        self.frames = self.odd if doc.page % 2 else self.even


class Booklet:
    def __init__(self, ctx: RenderContext) -> None:
        self.ctx = ctx
        g = ctx.geometry
        small = g.height < 700  # half-letter, A5: the band takes less of the page, the cover text more
        self.band_top = g.height - g.top - (40 if small else 60)
        self.band_bottom = g.height * (0.6 if small else 0.56)

    # ------------------------------------------------------------ pages
    def templates(self) -> list[PageTemplate]:
        g = self.ctx.geometry
        band = Frame(
            self.x(g.inner, g.frame_width),
            self.band_bottom + 28,
            g.frame_width,
            self.band_top - self.band_bottom - 56,
            id="cover-band",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        room = self.notice_room()
        below = Frame(
            self.x(g.inner, g.frame_width),
            g.bottom + room,
            g.frame_width,
            self.band_bottom - g.bottom - 30 - room,
            id="cover-body",
            leftPadding=0,
            rightPadding=0,
        )
        y, h = g.bottom + room, g.frame_height - room
        # the text column keeps to the spine; a narrower measure leaves the outer margin wide
        tw, fw = g.text_width, g.frame_width
        odd = Frame(self.x(g.inner, tw), y, tw, h, id="body-odd", leftPadding=0, rightPadding=0)
        left_page_x = g.width - g.inner - tw
        even = Frame(self.x(left_page_x, tw), y, tw, h, id="body-even", leftPadding=0, rightPadding=0)
        pad_odd = Frame(self.x(g.inner, fw), y, fw, h, id="pad-odd", leftPadding=0, rightPadding=0)
        pad_even = Frame(self.x(g.outer, fw), y, fw, h, id="pad-even", leftPadding=0, rightPadding=0)
        back = Frame(self.x(g.outer, fw), y, fw, h, id="back", leftPadding=0, rightPadding=0)
        return [
            PageTemplate("cover", [band, below], onPage=self.draw_cover),
            ParityTemplate(
                "reference", self.columns(g.inner, y, h), self.columns(g.outer, y, h), self.mark("reference")
            ),
            # one template for both sides: alternating two by autoNextPageTemplate lost the beat at page breaks
            # (pages 3 and 4 both right-hand), invisible while the margins were nearly equal
            ParityTemplate("body", [odd], [even], self.mark("body")),
            ParityTemplate("notes", [pad_odd], [pad_even], self.mark("notes")),  # the padding pages
            PageTemplate("back", [back], onPage=self.mark("back")),
        ]

    def columns(self, x: float, y: float, h: float) -> list[Frame]:
        """Two columns across the margins: the words-to-know and sources pages (short lines read well there)."""
        g = self.ctx.geometry
        w = (g.frame_width - REFERENCE_GUTTER) / 2
        lefts = [self.x(x + i * (w + REFERENCE_GUTTER), w) for i in range(2)]  # right to left: the right one first
        return [Frame(at, y, w, h, id=f"reference-{i}", leftPadding=0, rightPadding=0) for i, at in enumerate(lefts)]

    def x(self, x: float, w: float) -> float:
        """A frame's left edge as laid out for a book bound on the left, mirrored for one bound on the right.

        An Arabic or Persian booklet binds on the right (`impose.saddle_order` folds it so): its odd pages
        are left-hand pages, with the spine at their right edge, and the cover's spine is at its right.
        """
        return self.ctx.geometry.width - x - w if self.ctx.rtl else x

    def spine_left(self, number: int) -> bool:
        """Whether page `number`'s spine is at its left edge: an odd page's, unless the booklet binds on the right."""
        return bool(number % 2) != self.ctx.rtl

    @staticmethod
    def mark(kind: str) -> Callable[[Canvas, object], None]:
        def on_page(canv: Canvas, doc: object) -> None:
            canv.page_kind = kind

        return on_page

    def draw_cover(self, canv: Canvas, doc: object) -> None:
        ctx, g, pal = self.ctx, self.ctx.geometry, self.ctx.palette
        canv.page_kind = "cover"
        canv.saveState()
        with tagging.artifact(canv, "Layout"):  # the colour band
            canv.setFillColor(pal.primary)
            band = extend_to_bleed(ctx.sheet, 0, self.band_bottom, g.width, self.band_top - self.band_bottom)
            canv.rect(*band, stroke=0, fill=1)
            canv.setFillColor(pal.accent)
            canv.rect(*extend_to_bleed(ctx.sheet, 0, self.band_bottom - 6, g.width, 6), stroke=0, fill=1)
        fitted = ctx.logo(LOGO_WIDTH, 64)
        x = g.inner  # the logo leads: from the left edge, or from the right one in right-to-left languages
        top = g.height - g.top + 12
        if fitted:
            logo, w, h = fitted
            logo_x = g.width - g.inner - w if ctx.rtl else x
            with tagging.artifact(canv, "Layout"):  # the name is printed beside it: alt text would say it twice
                if logo.vector:
                    visuals.draw_scaled(canv, visuals.logo_drawing(ctx, logo), logo_x, top - h, w, h)
                else:
                    canv.drawImage(image_reader(logo.data), logo_x, top - h, w, h, mask="auto")
            x += w + 14
            top_text = top - h / 2 + 4
        else:
            top_text = top - 20
        st = ctx.styles["contact-name"]
        p = Paragraph(to_markup(ctx.brand.brand.name), st)
        _, ph = p.wrap(g.width - x - g.outer, 60)
        p.drawOn(canv, g.outer if ctx.rtl else x, top_text - ph / 2)
        canv.restoreState()

    def furniture(self, canv: Canvas, number: int, total: int, kind: str) -> None:
        """Running header and 'Page X of Y' footer; covers stay clean. Artifacts to a screen reader."""
        if self.ctx.notices:
            self.notice_band(canv)
            with tagging.repeated(canv, number == 1, "Pagination", "Footer"):  # on every page; read once
                self._notice(canv)
        if kind in ("cover", "back"):
            return
        with tagging.artifact(canv, "Pagination", "Header"):
            self._header(canv, number)
        with tagging.artifact(canv, "Pagination", "Footer"):
            self._footer(canv, number, total, kind)

    def _header(self, canv: Canvas, number: int) -> None:
        ctx, g, pal = self.ctx, self.ctx.geometry, self.ctx.palette
        left = g.inner if self.spine_left(number) else g.outer
        right = g.width - (g.outer if self.spine_left(number) else g.inner)
        small = ctx.styles["small"]
        y = g.height - g.top + 20
        half = (right - left) / 2
        name, title = self._header_line(ctx.brand.brand.name, half), self._header_line(ctx.text.title, half)
        if ctx.rtl:  # the clinic's name at the start of the line: the right
            draw_text(canv, name, small, left + half, y, half, align="right")
            draw_text(canv, title, small, left, y, half, align="left")
        else:
            draw_text(canv, name, small, left, y, half)
            draw_text(canv, title, small, left + half, y, half, align="right")
        canv.saveState()
        canv.setStrokeColor(pal.accent)
        canv.setLineWidth(0.75)
        canv.line(left, y - 5, right, y - 5)
        canv.restoreState()

    def _footer(self, canv: Canvas, number: int, total: int, kind: str = "body") -> None:
        """'Page X of Y', centred under the text: the text column on a page of running text (it keeps to the
        spine, the outer margin wide: centred on the page, the number looked off-centre), the margins elsewhere."""
        ctx, g = self.ctx, self.ctx.geometry
        left = g.inner if self.spine_left(number) else g.outer
        right = g.width - (g.outer if self.spine_left(number) else g.inner)
        if kind == "body" and self.spine_left(number):
            right = left + g.text_width
        elif kind == "body":
            left = right - g.text_width
        small = ctx.styles["small"]
        footer = ctx.ui.page_x_of_y.format(page=number, pages=total)
        draw_text(canv, footer, small, left, g.bottom - 32, right - left, align="center")

    def _header_line(self, text: str, width: float) -> str:
        """One line of the running header: a name or title too long for its half is shortened with "…"."""
        cache = self.__dict__.setdefault("_header_lines", {})
        if (text, width) not in cache:
            cache[(text, width)] = fit_line(text, self.ctx.styles["small"], width)
        return cache[(text, width)]

    def _notice(self, canv: Canvas) -> None:
        """The draft / translation notice just above the page number, growing up into the room kept for it."""
        g, st = self.ctx.geometry, self.ctx.styles["notice"]
        draw_text(canv, notice_text(self.ctx), st, g.outer, g.bottom - NOTICE_DROP, g.width - 2 * g.outer, "center")

    def notice_band(self, canv: Canvas) -> None:
        g, st = self.ctx.geometry, self.ctx.styles["notice"]
        draw_notice_band(canv, self.ctx, st, g.outer, g.bottom - NOTICE_DROP, g.width - 2 * g.outer)

    def notice_room(self) -> float:
        """How much the text frames rise so a notice of more than one line clears them."""
        g = self.ctx.geometry
        h = notice_height(self.ctx, self.ctx.styles["notice"], g.width - 2 * g.outer)
        return max(0.0, h + 4 - NOTICE_DROP)

    # ------------------------------------------------------------ story
    def story(self) -> list:
        """Cover, essentials, every section, the questions page, reference pages, padding, back cover."""
        ctx = self.ctx
        out = [*self.cover(), NextPageTemplate("body"), PageBreak()]
        out += story.essentials(ctx.text.essentials, ctx.styles, ctx.palette)  # what a patient must know, first
        out += self.sections()
        out += self.reference_pages()
        tail, back = self.back_cover_flow()
        # the card backs the back cover: only where the back cover leaves its foot free is there paper to cut
        pad = padding.Padding(ctx, behind_card=back.room if back.pages == 1 else 0.0)
        out.append(PadPages(ctx.layout.page_multiple, back.pages, pad.page, "notes", "back"))
        return out + tail

    def cover(self) -> list:
        """The title on the colour band, then the main message, the contents and the call to action below it."""
        ctx, st, pal = self.ctx, self.ctx.styles, self.ctx.palette
        text = ctx.text
        out: list = []
        out.append(
            with_outline(
                story.BottomAligned(
                    KeepInFrame(
                        0,
                        0,
                        [
                            tagging.mark(story.FitTitle(to_markup(text.title), st["title"]), "H1"),
                            Paragraph(to_markup(text.subtitle), st["subtitle"]),
                        ],
                        mode="shrink",
                    )
                ),
                "cover",
                text.title,
                0,
            )
        )
        out.append(FrameBreak())
        # the cover is one page whatever the paper: on half-letter/A5 a long language shrinks it a little
        # rather than spilling the call to action onto a second cover page
        out.append(
            KeepInFrame(
                0,
                0,
                [
                    Paragraph(to_markup(text.main_message), st["cover-message"]),
                    *visuals.contents(
                        [(to_markup(s.title), ctx.handout.manifest.icons.get(sid)) for sid, s in ctx.handout.sections],
                        st["contents"],
                        pal.primary,
                    ),
                    Spacer(1, 6),
                    Paragraph("<b>" + to_markup(text.call_to_action) + "</b>", st["call-to-action"]),
                ],
                mode="shrink",
            )
        )
        return out

    def sections(self) -> list:
        """Every section in full; their questions gathered on a page of their own, with room to write."""
        ctx, st, pal = self.ctx, self.ctx.styles, self.ctx.palette
        out: list = []
        questions: list[str] = []
        for i, (sid, section) in enumerate(ctx.handout.sections):
            if i:
                out.append(CondPageBreak(st["body"].leading * 12))
            title = tagging.mark(Paragraph(to_markup(section.title), st["h2"]), "H2")
            title = visuals.with_icon(title, ctx.handout.manifest.icons.get(sid), pal.primary)
            # a chapter opens with its title, summary and key points on one page: a key-points box too tall for the
            # page's foot left the title and summary stranded above a hole (the cold review, en p10, ar p2 and p15)
            opening = [
                with_outline(title, sid, section.title, 0),
                Paragraph(to_markup(section.summary), st["lead"]),
                story.key_points(section, ctx.ui.key_points, st, pal),
            ]
            out.append(KeepTogether(_unkept(opening)))  # not nested: nested KeepTogethers misreport their height
            body = section.body
            blocks: list = []
            for i, b in enumerate(body):
                if b.questions is not None:  # kind "questions"
                    questions += b.questions
                    continue
                if b.kind == "heading" and i + 1 < len(body) and body[i + 1].kind == "questions":
                    continue  # the questions move to their own page, under its own title: no empty heading here
                blocks += story.block(b, st, pal, ctx.crisis_lines)
            out += story.keep_headings(blocks, st["body"].leading)
            day, after = ctx.text.treatment_day, ctx.handout.manifest.treatment_day_after
            if day is not None and sid == (after or ctx.handout.sections[-1][0]):  # default: after the last
                out.append(KeepTogether(visuals.treatment_day(day, st, pal, role="H3")))  # part of its section
        if questions:
            # a page of its own only when less than half a page is left: no near-empty page before it
            out.append(CondPageBreak(ctx.geometry.frame_height * 0.5))
            head = tagging.mark(Paragraph(to_markup(ctx.ui.questions_title), st["h2"]), "H2")
            head = with_outline(head, "questions", ctx.ui.questions_title, 0)
            # the questions on one page: a reader ticks them off in one place (nested KeepTogethers misreport height)
            items = [f for q in story.questions(questions, st, pal) for f in (_reportlab.grouped(q) or [q])]
            out.append(KeepTogether([head, *items]))
            notes = tagging.mark(Paragraph(to_markup(ctx.ui.notes), st["h3"]), "H3")
            out.append(story.NotesArea(notes, st["body"].fontSize * 1.9, pal.muted))
        return out

    def reference_pages(self) -> list:
        """Words to know and sources in two columns: a source no longer spills alone onto a page of its own."""
        ctx, st = self.ctx, self.ctx.styles
        out: list = [NextPageTemplate("reference"), PageBreak()]
        if ctx.text.glossary:
            out.append(
                with_outline(
                    tagging.mark(Paragraph(to_markup(ctx.ui.glossary_title), st["h2"]), "H2"),
                    "glossary",
                    ctx.ui.glossary_title,
                    0,
                )
            )
            for entry in ctx.text.glossary:
                out.append(Paragraph(to_markup(entry.term), st["term"]))
                out.append(Paragraph(to_markup(entry.definition), st["definition"]))
        source_lang = ctx.handout.manifest.source_language
        used = [sid for _, s in ctx.handout.sections for sid in s.sources]
        order = list(dict.fromkeys(used))
        if order:
            head = with_outline(
                tagging.mark(Paragraph(to_markup(ctx.ui.sources_title), st["h2"]), "H2"),
                "sources",
                ctx.ui.sources_title,
                0,
            )
            for n, sid in enumerate(order, start=1):
                src = ctx.handout.manifest.sources[sid]
                tail = f" doi:{src.doi}" if src.doi else (f" {src.url}" if src.url else "")
                cite = self.citation(to_markup(src.citation + tail), f"{n}.")
                if source_lang != ctx.handout.language.code:  # citations stay as published: a reader switches voice
                    cite = tagging.mark(cite, "P", lang=source_lang)
                # each whole in one column (a journal on the left and its DOI on the right is hard to follow);
                # the first with the heading, which never ends a column alone
                out.append(KeepTogether([head, cite] if n == 1 else [cite]))
        return out

    def citation(self, markup: str, number: str) -> Paragraph:
        """A numbered source as published: in a right-to-left handout, an English citation still reads left to
        right, flush left with its number at the left (the cold review: right-aligned, brackets astray)."""
        st = self.ctx.styles["source"]
        if not self.ctx.rtl:
            return Paragraph(markup, st, bulletText=number)
        ltr = ParagraphStyle(
            "source-ltr", parent=st, alignment=TA_LEFT, leftIndent=st.rightIndent, rightIndent=st.leftIndent
        )
        with left_to_right():
            return Paragraph(markup, ltr, bulletText=number)

    def back_cover_flow(self) -> tuple[list, Extent]:
        """The back cover's flowables and what they take, laid out on its own template: the pages (the padding
        must leave room for all of them) and the height the last one leaves free at the foot.

        A back cover that overflows its page by a few lines (a brand's notes in Arabic on Letter) is set a
        little smaller to stay one page, rather than print a last page holding only the fine print.
        """
        whole = self._back_extent(self.back_cover())
        frame = self.ctx.geometry.frame_height - self.notice_room()
        if whole.pages == 2 and frame - whole.room <= BACK_COVER_SHRINK * frame:
            shrunk = self._back_extent(self._shrunk_back_cover())
            if shrunk.pages == 1:
                return self._shrunk_back_cover(), shrunk
        return self.back_cover(), whole

    def _shrunk_back_cover(self) -> list:
        """The back cover in one KeepInFrame, which draws what it holds without splitting it: no KeepTogether
        inside (it only splits), its content instead."""
        return [KeepInFrame(0, 0, _unkept(self.back_cover()), mode="shrink")]

    def _back_extent(self, flowables: list) -> Extent:
        back = next(t for t in self.templates() if t.id == "back")  # fresh frames, not the document's
        return extent(flowables, self.ctx.sheet.media, back)

    def back_cover(self) -> list:
        """Contact, notes, crisis lines and the clinic's number from the fixed layouts' own blocks, then the call to
        action and review."""
        blocks = slots.Builder(self.ctx, gap=BACK_COVER_GAP, tagline=True)
        return [
            *blocks.slot_contact(),
            *blocks.slot_notes(),
            *blocks.slot_crisis(),
            *blocks.slot_clinic_call(),  # "when to call": 988, 911, then the clinic, as on the tri-fold
            *blocks.slot_call_to_action(),
            Spacer(1, 10),
            *blocks.slot_review(),
        ]

    def doc(self, buffer: BinaryIO, **meta: Any) -> HandoutDoc:
        """The doc template on the printed sheet (trim size for office; trim, bleed and slug for press).

        Frames stay in trim coordinates: the press canvas shifts the origin.
        """
        return HandoutDoc(buffer, pagesize=self.ctx.sheet.media, pageTemplates=self.templates(), **meta)


def _unkept(flowables: list) -> list:
    """`flowables` with every KeepTogether (nested too) replaced by what it holds."""
    out: list = []
    for f in flowables:
        out += _unkept(_reportlab.grouped(f) or []) if isinstance(f, KeepTogether) else [f]
    return out


def image_reader(data: bytes) -> ImageReader:
    import io

    return ImageReader(io.BytesIO(data))
