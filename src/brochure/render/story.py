"""Content blocks → ReportLab flowables, shared by every length.

Each builder takes validated content and the role styles from `plan`, and
returns flowables; where they go on the page is the layout's business.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    Spacer,
    Table,
    TableStyle,
)

from brochure.inputs.models import Block, Callout, Contact, Essentials, Section
from brochure.media import _reportlab
from brochure.pdf import tagging
from brochure.text.inline import to_markup
from brochure.text.paragraph import Para as Paragraph  # falls back to script fonts run by run; lays out RTL text
from brochure.text.paragraph import is_rtl

if TYPE_CHECKING:
    from brochure.render.context import RenderContext
    from brochure.render.plan import Palette

Styles = dict[str, ParagraphStyle]  # plan.styles: paragraph styles by role


def para(text: str, style: ParagraphStyle, **kw: Any) -> Paragraph:
    return Paragraph(to_markup(text), style, **kw)


def bullets(
    items: Sequence[str],
    styles: Styles,
    palette: Palette,
    numbered: bool = False,
    style_name: str = "bullet",
    lang: str | None = None,
) -> ListFlowable:
    """A bulleted or numbered list; right to left, the markers stand at the right edge ('1.' reads '.1').

    `lang`: the items' language when it is not the handout's (a brand's untranslated notes).
    """
    st = styles[style_name]
    indent = st.fontSize * 1.4
    side = {"leftIndent": 0, "rightIndent": indent} if is_rtl() else {"leftIndent": indent}
    bodies = [para(i, st) for i in items]
    if lang:
        bodies = [tagging.mark(b, "LBody", lang=lang) for b in bodies]
    flow = [ListItem(b, **side) for b in bodies]
    kw = dict(
        bulletFontName=st.fontName if numbered else st.fontName,
        bulletFontSize=st.fontSize,
        bulletColor=palette.primary if numbered else palette.accent,
        spaceAfter=styles["body"].spaceAfter,
        **side,
    )
    if is_rtl():
        kw.update(bulletDir="rtl", bulletAlign="right")
    if numbered:
        return EndKeptList(flow, bulletType="1", bulletFormat=".%s" if is_rtl() else "%s.", **kw)
    return EndKeptList(flow, bulletType="bullet", start="\u2022", **kw)


class EndKeptList(ListFlowable):
    """A list whose last two short items never part: no column or page starts with one short item left over
    from the list before it (the cold review found a tri-fold panel that opened with one orphaned crisis line).

    Only short items (KEPT_LINES lines together, at most): moving two long ones on leaves a hole at the foot
    of the column and crowds out what follows (on the Portuguese tri-fold, two of four questions), where a
    long item split across columns reads on well enough.
    """

    KEPT_LINES = 5

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803 - ReportLab's names
        content = list(super().split(aW, aH))  # the items, as ReportLab lays them out one by one
        items = [i for i, f in enumerate(content) if _reportlab.list_item_parts(f) is not None]
        if len(items) < 2 or not self._short(content[items[-2] :], aW):
            return content
        if items[-2] == items[0]:  # two items: the whole list moves on, unless it already starts a column
            return content if _reportlab.at_frame_top(self) else []
        return content[: items[-2]] + [KeepTogether(content[items[-2] :])]

    def _short(self, tail: list[Flowable], width: float) -> bool:
        parts = [_reportlab.list_item_parts(f) for f in tail]
        leading = max((getattr(getattr(p[1], "style", None), "leading", 0) for p in parts if p), default=0)
        return bool(leading) and sum(f.wrap(width, 1_000_000)[1] for f in tail) <= self.KEPT_LINES * leading + 1


def box(
    content: list[Flowable], background: object, rule: object, font: str, width: float | None = None, pad: float = 9
) -> Table:
    """A tinted panel with a coloured rule down its leading edge (callouts, key points); the right one in RTL.

    `font` is set on the table too: ReportLab's Table otherwise selects Helvetica,
    which would put an unembedded base-14 font on the page.
    """
    rtl = is_rtl()
    # Chinese and Japanese lines hang a closing "。" or "）" past their end (media/_reportlab.hang_closing_marks):
    # the trailing padding keeps room for one, so it stays on the tint instead of poking out of the box
    hang = max((_cjk_size(f) for f in content), default=0.0)
    # "100%", not None: ReportLab sizes a None column from its cells' minimum widths, which came out 3e-14 pt
    # different from run to run and moved right-aligned text across a 0.0001 pt rounding step
    t = Table([[content]], colWidths=[width if width else "100%"], hAlign="RIGHT" if rtl else "LEFT")
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font),
                ("BACKGROUND", (0, 0), (-1, -1), background),
                ("LINEAFTER" if rtl else "LINEBEFORE", (0, 0), (0, -1), 3, rule),
                ("LEFTPADDING", (0, 0), (-1, -1), pad if rtl else pad + 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad + 2 if rtl else max(pad, hang)),
                ("TOPPADDING", (0, 0), (-1, -1), pad),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad - 2),
            ]
        )
    )
    return t


def _cjk_size(f: Flowable) -> float:
    """The font size of CJK-broken text in `f` (a paragraph, or a group of them), else 0."""
    style = getattr(f, "style", None)
    if style is not None and getattr(style, "wordWrap", None) == "CJK":
        return float(style.fontSize)
    # a box's title shares its language's styles with the list under it: the top level tells
    return max((_cjk_size(c) for c in _reportlab.grouped(f) or []), default=0.0)


def callout(c: Callout, styles: Styles, palette: Palette, crisis_lines: Sequence[str] = ()) -> Flowable:
    """A boxed note; a crisis callout also lists the region's crisis lines under its text."""
    crisis = c.kind == "crisis"
    content: list[Flowable] = []
    if c.title:
        content.append(tagging.mark(para(c.title, styles["crisis-title" if crisis else "box-title"]), "H3"))
    content.append(para(c.text, styles["box-body"]))
    if crisis and crisis_lines:
        content.append(bullets(list(crisis_lines), styles, palette, style_name="box-body"))
    bg = palette.crisis_background if crisis else palette.callout_background
    rule = palette.crisis_accent if crisis else palette.accent
    return KeepTogether([box(content, bg, rule, styles["body"].fontName), Spacer(1, styles["body"].fontSize * 0.6)])


CRISIS_NUMBER_SIZE = 18.0  # points: a number a patient in distress finds at a glance (issue 16: at least 18)


def crisis_band(
    title: str, numbers: Sequence[str], sentences: Sequence[str], styles: Styles, palette: Palette
) -> Table:
    """The crisis box: each number large beside the sentence that says when and how to use it.

    The large number is an artifact: its sentence says it too, and a screen reader should hear it once.
    """
    body = styles["box-body"]
    size = max(CRISIS_NUMBER_SIZE, body.fontSize * 1.6)
    big = ParagraphStyle(
        "crisis-number",
        parent=styles["crisis-title"],
        fontSize=size,
        leading=size * 1.05,
        spaceAfter=0,
        textColor=palette.crisis_accent,
    )
    wide = max(stringWidth(n, big.fontName, size) for n in numbers) + size * 0.5
    rtl = is_rtl()
    rows = []
    for number, sentence in zip(numbers, sentences, strict=True):
        cells = [tagging.mark(para(number, big), artifact="Layout"), para(sentence, body)]
        rows.append(cells[::-1] if rtl else cells)
    grid = Table(rows, colWidths=[None, wide] if rtl else [wide, None], hAlign="RIGHT" if rtl else "LEFT")
    grid.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), body.fontName),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    tagging.mark(grid, "Div")
    content = [tagging.mark(para(title, styles["crisis-title"]), "H2"), grid]
    return box(content, palette.crisis_background, palette.crisis_accent, body.fontName, pad=7)


class KeepWithText(KeepTogether):
    """A heading and the block under it: the heading moves on unless `lines` lines of the block fit below it.

    ReportLab's `keepWithNext` cannot do this for a list (it never groups a ListFlowable), and a plain
    KeepTogether moves a whole long list, leaving half a page empty. Here the heading goes to the next
    frame only when fewer than three lines of what it introduces would follow it on this one.
    """

    def __init__(self, heading: Flowable, text: Flowable, line: float, lines: int = 3) -> None:
        super().__init__([heading, text])
        self.line, self.lines = line, lines

    def needed(self, width: float) -> float:
        """The room that keeps the heading with the first lines of its text (all of a shorter block)."""
        heading, text = _reportlab.grouped(self) or []
        _, hh = heading.wrap(width, 100_000)
        _, th = text.wrap(width, 100_000)
        first = first_lines(text, th, self.lines * self.line) + text.getSpaceBefore()
        return heading.getSpaceBefore() + hh + heading.getSpaceAfter() + first

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803
        content = list(_reportlab.grouped(self) or [])
        if aH >= self.needed(aW) or _reportlab.at_frame_top(self):
            return content  # the heading here; its text fills the frame and flows on
        return [self.FrameBreak(), *content]


SHORT_PARAGRAPH = 4  # lines: a paragraph this short is never split (half a summary in each column reads badly)


def first_lines(text: Flowable, height: float, wanted: float) -> float:
    """How much of `text` (`height` high when whole) must fit under its heading: `wanted`, or all of it.

    All of it when it is a paragraph of SHORT_PARAGRAPH lines or fewer, or when what would be left
    is a single line: the styles forbid widows, so such a paragraph cannot split there, and a room
    check that allowed it would leave the heading alone at the foot of the column.
    """
    if height <= wanted:
        return height
    leading = getattr(getattr(text, "style", None), "leading", None)
    if not isinstance(text, Paragraph) or not leading:
        return wanted
    lines = round(height / leading)
    if lines <= SHORT_PARAGRAPH or height - wanted < 2 * leading:
        return height
    return wanted


def keep_headings(flowables: list[Flowable], line: float) -> list[Flowable]:
    """Each heading from `block` joined to the flowable after it (see KeepWithText); `line`: the body's leading."""
    out: list[Flowable] = []
    i = 0
    while i < len(flowables):
        f = flowables[i]
        if getattr(f, "keeps_with_text", False) and i + 1 < len(flowables):
            out.append(KeepWithText(f, flowables[i + 1], line))
            i += 2
            continue
        out.append(f)
        i += 1
    return out


class WritingLines(Flowable):
    """Ruled lines to write on: the point of a 'questions to ask' page (decoration to a screen reader)."""

    def __init__(self, count: int, gap: float, color: object) -> None:
        super().__init__()
        self.count, self.gap, self.color = count, gap, color
        tagging.mark(self, artifact="Layout")

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        return aw, self.count * self.gap

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(self.color)
        c.setLineWidth(0.5)
        for i in range(self.count):
            y = (self.count - i - 1) * self.gap + 2
            c.line(0, y, self.width, y)


class FillLines(WritingLines):
    """Writing lines that fill whatever height is left in the frame."""

    def __init__(self, gap: float, color: object) -> None:
        super().__init__(1, gap, color)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        # KeepTogether measures with unbounded height; ask for three lines there
        self.count = 3 if ah > 10_000 else max(1, int(ah // self.gap) - 1)
        return super().wrap(aw, ah)


class NotesArea(Flowable):
    """A "Notes" heading over writing lines down to the frame's foot (less `reserve`, kept for what follows),
    or nothing when fewer than `least` lines would fit: a page's leftover room, never a heading that spills
    alone onto a page of its own."""

    def __init__(self, heading: Flowable, gap: float, color: object, least: int = 4, reserve: float = 0) -> None:
        super().__init__()
        self.heading, self.lines, self.least = heading, FillLines(gap, color), least
        self.gap, self.reserve = gap, reserve
        self.parts: list[tuple[Flowable, float]] = []

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        if ah > 10_000:  # measured for a KeepTogether: ask for nothing
            self.parts = []
            return aw, 0
        ah -= self.reserve
        _, hh = self.heading.wrap(aw, ah)
        hh += self.heading.getSpaceBefore() + self.heading.getSpaceAfter()
        if ah - hh < self.least * self.gap:
            self.parts = []
            return aw, 0
        _, lh = self.lines.wrap(aw, ah - hh)
        self.parts = [(self.heading, lh + self.heading.getSpaceAfter()), (self.lines, 0)]
        self.width = aw
        return aw, hh + lh

    def draw(self) -> None:
        for flowable, y in self.parts:
            flowable.drawOn(self.canv, 0, y)


class CheckboxParagraph(Paragraph):
    """A paragraph with a tick box drawn at its first line (drawn, not a glyph many fonts lack)."""

    def draw(self) -> None:
        super().draw()
        st = self.style
        size = st.fontSize * 0.75
        c = self.canv
        c.saveState()
        c.setLineWidth(0.8)
        c.setStrokeColor(st.textColor)
        x = st.leftIndent - st.fontSize * 1.3 if st.alignment != 2 else self.width - st.rightIndent + st.fontSize * 0.5
        c.rect(x, self.height - st.leading + (st.leading - size) / 2 - st.fontSize * 0.1, size, size, stroke=1, fill=0)
        c.restoreState()


class FitTitle(Paragraph):
    """A title that steps its size down until its longest word fits the width (never breaks a word)."""

    MIN_SIZE = 14
    style: ParagraphStyle  # replaced by a smaller one in `wrap`

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        st = self.style
        if self.text is None:  # a piece ReportLab split off a title too long for its frame: already fitted
            return super().wrap(aw, ah)
        if self._bidi is not None:  # shaped width of the longest word, which scales with the size
            widest = self._bidi.min_width() / st.fontSize

            def longest_at(size: float) -> float:
                return widest * size
        else:
            longest = max(self.text.split() or [""], key=lambda w: stringWidth(w, st.fontName, st.fontSize))

            def longest_at(size: float) -> float:
                return stringWidth(longest, st.fontName, size)

        size = st.fontSize
        while size > self.MIN_SIZE and longest_at(size) > aw:
            size -= 1
        if size != st.fontSize:
            self.style = ParagraphStyle(
                st.name + "-fit", parent=st, fontSize=size, leading=size * st.leading / st.fontSize
            )
            super().__init__(self.text, self.style)  # again at the new size (FitTitle has no __init__ of its own)
        return super().wrap(aw, ah)


class BottomAligned(Flowable):
    """Takes the whole frame and sits its content at the bottom (titles on a cover band)."""

    def __init__(self, content: Flowable) -> None:
        super().__init__()
        self.content = content

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        _, h = self.content.wrapOn(self.canv, aw, ah)
        return aw, max(h, ah)

    def draw(self) -> None:
        self.content.drawOn(self.canv, 0, 0)

    def __getattr__(self, name: str) -> Any:  # outline/tag attributes live on the content
        if name == "content":
            raise AttributeError(name)
        return getattr(self.content, name)


def questions(items: list[str], styles: Styles, palette: Palette, lines_each: int = 1) -> list[Flowable]:
    st = styles["question"]
    out: list[Flowable] = []
    for q in items:
        out.append(
            KeepTogether(
                [
                    CheckboxParagraph(to_markup(q), st),
                    WritingLines(lines_each, st.fontSize * 1.9, palette.muted),
                    Spacer(1, st.fontSize * 0.5),
                ]
            )
        )
    return out


def block(b: Block, styles: Styles, palette: Palette, crisis_lines: Sequence[str] = ()) -> list[Flowable]:
    """One body block; `crisis_lines` (the brand region's) go into crisis callouts."""
    # by the field that is set (a block has exactly one: its `kind`), so each branch knows its type
    if b.paragraph is not None:
        return [para(b.paragraph, styles["body"])]
    if b.heading is not None:
        heading = tagging.mark(para(b.heading, styles["h3"]), "H3")
        heading.keeps_with_text = True  # keep_headings joins it to the block below
        return [heading]
    if b.bullets is not None:
        return [bullets(b.bullets, styles, palette)]
    if b.steps is not None:
        return [bullets(b.steps, styles, palette, numbered=True)]
    if b.callout is not None:
        return [callout(b.callout, styles, palette, crisis_lines)]
    if b.questions is not None:
        return questions(b.questions, styles, palette)
    raise AssertionError(b.kind)  # Block validation guarantees one of the kinds


def essentials(essentials: Essentials | None, styles: Styles, palette: Palette) -> list[Flowable]:
    """The handout's must-know statements in a box with the crisis accent: every length prints it."""
    if essentials is None:
        return []
    content = [
        tagging.mark(para(essentials.title, styles["crisis-title"]), "H2"),
        bullets(list(essentials.points), styles, palette, style_name="box-body"),
    ]
    return [
        KeepTogether(
            [
                box(content, palette.callout_background, palette.crisis_accent, styles["body"].fontName),
                Spacer(1, styles["body"].fontSize * 0.6),
            ]
        )
    ]


def key_points(section: Section, title: str, styles: Styles, palette: Palette) -> Flowable:
    content = [
        tagging.mark(para(title, styles["box-title"]), "H3"),
        bullets(section.key_points, styles, palette, style_name="box-body"),
    ]
    return KeepTogether(
        [
            box(content, palette.callout_background, palette.primary, styles["body"].fontName),
            Spacer(1, styles["body"].fontSize * 0.8),
        ]
    )


def alt_text(ctx: RenderContext, ui_key: str, **values: str) -> tuple[str, str | None]:
    """Alternative text from the language's `ui` strings, and its language if not the document's.

    Where the language file does not translate the string, the English default
    is used and tagged as English, so a screen reader pronounces it as such.
    """
    translated = ui_key in ctx.ui.model_fields_set or ctx.handout.language.code.split("-")[0] == "en"
    return getattr(ctx.ui, ui_key).format(**values), None if translated else "en"


def figure(flowable: Flowable, ctx: RenderContext, ui_key: str, order: int = 0, **values: str) -> Flowable:
    """A logo or QR code as a Figure with its alternative text (see `alt_text`)."""
    alt, lang = alt_text(ctx, ui_key, **values)
    return tagging.mark(flowable, "Figure", alt=alt, lang=lang, order=order)


def contact_links(contact: Contact, style: ParagraphStyle) -> list[Flowable]:
    """The e-mail address and website as paragraphs that are links (annotation, Link element, /Contents)."""
    out: list[Flowable] = []
    if contact.email:
        out.append(tagging.link(para(contact.email, style), f"mailto:{contact.email}", contact.email))
    if contact.website:
        shown = printed_address(contact.website)
        out.append(tagging.link(para(shown, style), contact.website, shown))
    return out


def printed_address(url: str) -> str:
    """The website as print shows it: no https://, no trailing slash (shorter to type, breaks less)."""
    return re.sub(r"^https?://", "", url).rstrip("/")
