"""Named content blocks ("slots") that layouts place: brand, title, sections, contact …

A layout file lists slots per frame; this module turns each into flowables.
Flowables carry `section_id` so an overflow can name the section that did not fit.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Image, KeepTogether, Spacer, Table, TableStyle

from brochure.inputs.models import OptionalSlotKey, Section, SectionsSlotKey, Slot
from brochure.media import _reportlab
from brochure.pdf import tagging
from brochure.render import story, visuals
from brochure.render.context import RenderContext
from brochure.render.pages import with_outline
from brochure.render.qr import SIDE as QR_SIDE
from brochure.render.qr import QrCode
from brochure.text.inline import to_markup
from brochure.text.paragraph import Para as Paragraph  # falls back to script fonts run by run; lays out RTL text
from brochure.text.paragraph import is_rtl


def inverse(styles: dict[str, ParagraphStyle], color: object) -> dict[str, ParagraphStyle]:
    """The same styles for text on the primary colour."""
    out = {}
    for name, st in styles.items():
        out[name] = ParagraphStyle(f"{name}-inverse", parent=st, textColor=color)
    return out


# optional blocks whose items stand alone (one question each): the fit step may keep only the first ones.
# Any other optional block prints whole or not at all (a timeline without its last steps would mislead)
TRIMMABLE = frozenset({"questions"})


class Spring(Spacer):
    """The `space` slot: no height of its own; the fixed engine gives it the frame's leftover room.

    So a panel can keep its contact details at the top and its crisis lines and fine print at the foot,
    instead of leaving an empty bottom whatever the language's length.
    """

    def __init__(self) -> None:
        super().__init__(1, 0)


def tag(flowables: list[Flowable], section_id: str, part: str) -> list[Flowable]:
    for f in flowables:
        f.section_id = section_id
        f.section_part = part
    return flowables


class Builder:
    """Every length's blocks: the fixed layouts place them in frames, the booklet on its back cover.

    What differs between lengths is passed in, never looked up from the length's name: text on the
    primary colour (`inverse_text`) and the space after a boxed block (`gap`, points).
    """

    def __init__(self, ctx: RenderContext, inverse_text: bool = False, gap: float = 8.0, tagline: bool = False) -> None:
        """`tagline`: the brand's tagline under its name in the contact block (the booklet's back cover has room)."""
        self.ctx = ctx
        self.tagline = tagline
        self.pal = ctx.palette
        self.st = inverse(ctx.styles, self.pal.on_primary) if inverse_text else ctx.styles
        self.inverse = inverse_text
        self.gap = gap
        self.icon_color = self.pal.on_primary if inverse_text else self.pal.primary

    def p(self, text: str, style: str, bold: bool = False) -> Paragraph:
        markup = to_markup(text)
        return Paragraph(f"<b>{markup}</b>" if bold else markup, self.st[style])

    def foreign(self, para: Paragraph, key: str) -> Paragraph:
        """A brand text that prints in another language than the handout's: a P with that /Lang."""
        lang = self.ctx.lang_of(key)
        return tagging.mark(para, "P", lang=lang) if lang else para

    # ------------------------------------------------------------ slots
    def slot(self, slot: Slot, claimed: set[str]) -> list[Flowable]:
        if isinstance(slot, SectionsSlotKey):
            return self.sections(slot.sections.show, slot.sections.only, claimed)
        if isinstance(slot, OptionalSlotKey):  # the fixed engine decides whether it is left out
            slot = slot.optional
        return getattr(self, f"slot_{slot}")()

    def slot_brand(self) -> list[Flowable]:
        ctx = self.ctx
        name = self.p(ctx.brand.brand.name, "contact-name")
        fitted = ctx.logo(80, 40)
        if fitted is None:
            return [name, Spacer(1, 6)]
        logo, w, h = fitted
        import io

        if logo.vector:  # an SVG logo: vectors, sharp at any size
            img = visuals.VectorLogo(visuals.logo_drawing(ctx, logo), w, h)
        else:
            img = Image(io.BytesIO(logo.data), width=w, height=h, mask="auto")
        tagging.mark(img, artifact="Layout")  # the name is printed beside it: alt text would say it twice
        if is_rtl():  # the logo leads: on the right, the name to its left
            t = Table([[name, img]], colWidths=[None, w + 10], hAlign="RIGHT")
        else:
            t = Table([[img, name]], colWidths=[w + 10, None], hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), self.st["body"].fontName),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    # the logo keeps to the outer side of its cell, so the 10 pt gap stands between it and the name
                    # (right to left it stood at the logo's right: the cold review found the name touching it)
                    ("ALIGN", (1, 0), (1, 0), "RIGHT") if is_rtl() else ("ALIGN", (0, 0), (0, 0), "LEFT"),
                ]
            )
        )
        return [t, Spacer(1, 10)]

    def slot_title(self) -> list[Flowable]:
        text = self.ctx.text
        style = self.st["title"]
        if not self.inverse:
            style = ParagraphStyle("title-on-page", parent=style, textColor=self.pal.primary)
        title = tagging.mark(story.FitTitle(to_markup(text.title), style), "H1")
        return [with_outline(title, "title", text.title, 0), self.p(text.subtitle, "subtitle"), Spacer(1, 10)]

    def slot_main_message(self) -> list[Flowable]:
        return [self.p(self.ctx.text.main_message, "lead")]

    def slot_call_to_action(self) -> list[Flowable]:
        return [self.p(self.ctx.text.call_to_action, "call-to-action", bold=True)]

    def slot_contents(self) -> list[Flowable]:
        icons = self.ctx.handout.manifest.icons
        items = [(to_markup(s.title), icons.get(sid)) for sid, s in self.ctx.handout.sections]
        return [*visuals.contents(items, self.st["contents"], self.icon_color), Spacer(1, self.gap)]

    def slot_emblem(self) -> list[Flowable]:
        name = self.ctx.handout.manifest.icons.get("cover")
        if not name:
            return []
        size = self.st["title"].fontSize * 4  # about 1.5 in under a 26 pt title
        return [visuals.Emblem(name, size, self.icon_color, space_after=self.st["title"].fontSize * 0.8)]

    def slot_questions(self) -> list[Flowable]:
        ctx = self.ctx
        items = [q for _, s in ctx.handout.sections for b in s.body if b.questions is not None for q in b.questions]
        if not items:
            return []
        head = tagging.mark(self.p(ctx.ui.questions_title, "h3"), "H2")
        head = with_outline(head, "questions", ctx.ui.questions_title, 0)
        body = story.questions(items, self.st, self.pal)
        first = _reportlab.grouped(body[0]) or []  # story.questions gives KeepTogethers
        return [KeepTogether([head, *first]), *body[1:]]  # nested KeepTogethers misreport height

    def slot_contact(self) -> list[Flowable]:
        """Clinic details with the QR code beside them."""
        ctx, st = self.ctx, self.st
        b = ctx.brand.brand
        lines = [self.p(b.name, "contact-name")]
        if self.tagline and b.tagline:
            lines.append(self.foreign(self.p(b.tagline, "contact"), "tagline"))
        lines += [self.foreign(self.p(line, "contact"), "address") for line in b.contact.address]
        if b.contact.phone:
            lines.append(self.p(b.contact.phone, "contact"))
        lines += story.contact_links(b.contact, st["contact"])
        if b.contact.hours:
            lines.append(self.p(ctx.ui.hours, "contact", bold=True))
            lines += [self.foreign(self.p(h, "contact"), "hours") for h in b.contact.hours]
        head = tagging.mark(self.p(ctx.ui.contact_title, "h3"), "H2")
        if not b.contact.website:
            return [head, *lines, Spacer(1, self.gap)]
        later = 1 if is_rtl() else 0  # right to left the code is drawn first; it still reads after the details
        code = QrCode(b.contact.website, ctx.qr_color)
        # the caption starts where the modules do, so it keeps the quiet zone's gap from the details beside it
        side = "rightIndent" if is_rtl() else "leftIndent"
        caption = ParagraphStyle("qr-caption", parent=st["small"], **{side: code.quiet_zone})
        qr = [
            story.figure(code, ctx, "qr_alt", order=later, url=b.contact.website),
            tagging.mark(Paragraph(to_markup(ctx.ui.scan_qr), caption), "P", order=later),
        ]
        # the code's column is the code: its quiet zone, white paper, is the gutter beside the details
        if is_rtl():  # the details lead on the right, the code beside them on the left
            t = Table([[qr, lines]], colWidths=[QR_SIDE, None], hAlign="RIGHT")
        else:
            t = Table([[lines, qr]], colWidths=[None, QR_SIDE], hAlign="LEFT")
        tagging.mark(t, "Div")  # groups the details and the code, so their order is the reading order
        t.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), st["body"].fontName),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [KeepTogether([head, t]), Spacer(1, self.gap)]

    def slot_notes(self) -> list[Flowable]:
        notes = self.ctx.brand.brand.notes
        if not notes:
            return []
        # headed with the clinic's name: the notes are the clinic's own words (services, prices), not the handout's
        head = tagging.mark(self.p(self.ctx.brand.brand.name, "box-title"), "H2")
        box = story.box(
            [
                head,
                story.bullets(list(notes), self.st, self.pal, style_name="box-body", lang=self.ctx.lang_of("notes")),
            ],
            self.pal.callout_background,
            self.pal.primary,
            self.st["body"].fontName,
        )
        return [box, Spacer(1, self.gap)]

    def slot_essentials(self) -> list[Flowable]:
        return story.essentials(self.ctx.text.essentials, self.ctx.styles, self.pal)

    def slot_treatment_day(self) -> list[Flowable]:
        day = self.ctx.text.treatment_day
        if day is None:
            return []
        return visuals.treatment_day(day, self.st, self.pal)  # no space after: it ends its panel

    def slot_crisis(self) -> list[Flowable]:
        ctx = self.ctx  # the crisis box has its own light background: the page's styles, never the inverse
        band = story.crisis_band(ctx.crisis_title, ctx.crisis_numbers, ctx.crisis_lines, ctx.styles, self.pal)
        return [band, Spacer(1, self.gap)]

    def slot_clinic_call(self) -> list[Flowable]:
        """The third tier of "when to call": the clinic's phone, large, after the crisis and emergency numbers."""
        ctx = self.ctx  # on its own tint, like the crisis box: the page's styles, never the inverse
        phone = ctx.brand.brand.contact.phone
        if not phone:
            return []
        st, pal = ctx.styles, self.pal
        call = visuals.clinic_call(ctx.ui.clinic_call, phone, st, pal)
        return [call, Spacer(1, self.gap)]

    def slot_review(self) -> list[Flowable]:
        lines = [self.p(line, "small") for line in self.ctx.review_lines()]
        return [*lines, self.p(self.ctx.text.disclaimer, "small")]

    def slot_space(self) -> list[Flowable]:
        return [Spring()]

    # ------------------------------------------------------------ sections
    def sections(self, show: Sequence[str], only: list[str] | None, claimed: set[str]) -> list[Flowable]:
        out: list[Flowable] = []
        for sid, section in self.ctx.handout.sections:
            if (only is not None and sid not in only) or (only is None and sid in claimed):
                continue
            out += self.section(sid, section, show)
        return out

    def section(self, sid: str, section: Section, show: Sequence[str]) -> list[Flowable]:
        st, pal = self.st, self.pal
        parts: list[Flowable] = []
        if "title" in show:
            head = tagging.mark(self.p(section.title, "h3"), "H2")
            head = visuals.with_icon(head, self.ctx.handout.manifest.icons.get(sid), self.icon_color)
            parts.append(with_outline(head, sid, section.title, 0))
        if "summary" in show:
            parts.append(self.p(section.summary, "body"))
        opening = KeepTogether(parts) if parts else None
        out: list[Flowable] = [opening] if opening else []
        if "key_points" in show:
            out.append(story.bullets(section.key_points, st, pal))
        if "body" in show:
            blocks = [f for b in section.body for f in story.block(b, st, pal, self.ctx.crisis_lines)]
            out += story.keep_headings(blocks, st["body"].leading)
        out.append(Spacer(1, st["body"].fontSize * 0.4))
        return tag(out, sid, "+".join(show))
