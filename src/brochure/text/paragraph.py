"""Paragraphs that fall back to a script font run by run, CJK line-start rules, right-to-left text.

ReportLab has no font fallback: a character the font lacks prints as a box.
`Para` splits each parsed run into pieces the run's font covers and pieces
the language's fallback fonts cover (same weight and slant), so a Latin drug
name inside Chinese text, or Chinese inside an English brand font, renders.
Which fallback families apply is set per render with `fallbacks()`.

Shaped text has one path: in a right-to-left language (`fallbacks(...,
direction="rtl")`) every `Para`, and in any language a `Para` with letters of
a script the registry says must be shaped (`scripts.needs_shaping`:
Devanagari, Arabic), lays itself out with `rtl.BidiText` instead of
ReportLab's line breaker: HarfBuzz widths, bidi reordering per line (none for
left-to-right text), glyphs drawn with their real characters. ReportLab
would draw such text code point by code point, unshaped. Everything else
about it (styles, split across frames, bullets) behaves like a Paragraph, so
layouts need not know.
"""

from __future__ import annotations

import contextlib
import copy
import re
from collections.abc import Iterator
from contextvars import ContextVar
from typing import TYPE_CHECKING

from reportlab.lib.abag import ABag
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle

from brochure.media import _reportlab, fonts
from brochure.text import scripts, shaping

# `rtl` (bidi layout and the glyph fonts it draws with) is imported only by a paragraph that needs it,
# right to left or a shaped script: a Latin, Cyrillic or CJK handout never loads it (issue 21: cold start).
if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus.flowables import Flowable

    from brochure.text import rtl

_FALLBACKS: ContextVar[tuple[str, ...]] = ContextVar("fallbacks", default=())
_DIRECTION: ContextVar[str] = ContextVar("direction", default="ltr")
_NO_BREAK: ContextVar[tuple[re.Pattern[str], ...]] = ContextVar("no_break", default=())
NBSP = "\u00a0"

# CJK line-start rules: closing punctuation never starts a line (see _reportlab.extend_cannot_start,
# _reportlab.hang_closing_marks).
_reportlab.install()


@contextlib.contextmanager
def fallbacks(
    family_keys: list[str],
    direction: str = "ltr",
    no_break: tuple[str, ...] = (),
    lang: str = "",
    latin_lang: str = "",
    span: shaping.SpanOpener | None = None,
) -> Iterator[None]:
    """Fallback fonts, direction, `no_break` phrases, language code and the language of Latin words
    (`shaping.LATIN_LANG`, tagged with `span`) for every paragraph made inside."""
    token = _FALLBACKS.set(tuple(family_keys))
    direction_token = _DIRECTION.set(direction)
    no_break_token = _NO_BREAK.set(tuple(re.compile(p) for p in no_break))
    lang_token = shaping.LANGUAGE.set(lang)
    latin_token = shaping.LATIN_LANG.set(latin_lang if span is not None else "")
    span_token = shaping.FOREIGN_SPAN.set(span)
    try:
        yield
    finally:
        shaping.FOREIGN_SPAN.reset(span_token)
        shaping.LATIN_LANG.reset(latin_token)
        shaping.LANGUAGE.reset(lang_token)
        _NO_BREAK.reset(no_break_token)
        _DIRECTION.reset(direction_token)
        _FALLBACKS.reset(token)


@contextlib.contextmanager
def left_to_right() -> Iterator[None]:
    """Paragraphs made inside read left to right whatever the handout's direction: English citations in an
    Arabic booklet are set as published, flush left, not right-aligned with their brackets mirrored."""
    token = _DIRECTION.set("ltr")
    try:
        yield
    finally:
        _DIRECTION.reset(token)


def keep_together(text: str) -> str:
    """`text` with the spaces inside the language's `no_break` phrases made no-break ("5 p. m." stays one)."""
    for pattern in _NO_BREAK.get():
        text = pattern.sub(lambda m: m.group().replace(" ", NBSP), text)
    return text


def is_rtl() -> bool:
    """True while rendering a right-to-left language: layouts mirror what has a side."""
    return _DIRECTION.get() == "rtl"


def font_for(ch: str, font_name: str, chain: tuple[str, ...]) -> str:
    """The run's own font if it has the glyph, else the first fallback (same style) that does."""
    if ch.isspace() or ord(ch) in fonts.coverage(font_name):
        return font_name
    _, bold, italic = ps2tt(font_name)
    for family in chain:
        candidate = tt2ps(family, bold, italic)
        if ord(ch) in fonts.coverage(candidate):
            return candidate
    return font_name  # the pre-draw coverage check has already refused such text


def split_frags(frags: list, chain: tuple[str, ...]) -> list:
    out = []
    for frag in frags:
        text = getattr(frag, "text", None)
        if not isinstance(text, str) or not text or getattr(frag, "cbDefn", None) is not None:
            out.append(frag)
            continue
        runs: list[tuple[str, str]] = []
        for ch in text:
            name = font_for(ch, frag.fontName, chain)
            if runs and runs[-1][0] == name:
                runs[-1] = (name, runs[-1][1] + ch)
            else:
                runs.append((name, ch))
        if len(runs) == 1 and runs[0][0] == frag.fontName:
            out.append(frag)
        else:
            out += [frag.clone(text=piece, fontName=name) for name, piece in runs]
    return out


class Para(_reportlab.HookedParagraph):
    _bidi: rtl.BidiText | None = None
    _ltr = False  # shaped left-to-right text in a left-to-right language: start edge on the left
    _wrapped_for: tuple | None = None  # the width and style the current line breaks were made for
    _range: tuple[int, int] = (0, 0)
    _lines: list[tuple[int, int]] = []
    # set by ReportLab's Paragraph (its parse, its wrap), which has no types
    style: ParagraphStyle
    frags: list
    width: float
    height: float

    def after_parse(self) -> None:
        chain = _FALLBACKS.get()
        plain_frags = self.frags and not hasattr(self.frags[0], "__iter__")
        if plain_frags and _NO_BREAK.get():
            for f in self.frags:
                if isinstance(getattr(f, "text", None), str):
                    f.text = keep_together(f.text)
        if chain and plain_frags:
            self.frags = split_frags(self.frags, chain)
        if not plain_frags:
            return
        if is_rtl():
            from brochure.text import rtl

            self._bidi = rtl.BidiText(self.frags)
        elif scripts.needs_shaping("".join(t for f in self.frags if isinstance(t := getattr(f, "text", None), str))):
            from brochure.text import rtl

            self._bidi = rtl.BidiText(self.frags, base=0)
            self._ltr = True
        if self._bidi is not None:
            self._range = (0, len(self._bidi.text))

    # ------------------------------------------------------------ shaped (right to left, or a shaped script)
    def _widths(self, aw: float) -> tuple[float, float]:
        st = self.style
        rest = aw - st.leftIndent - st.rightIndent
        return rest - st.firstLineIndent, rest

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if getattr(self.style, "balance", False) or "_base_style" in self.__dict__:
            return self._balanced_wrap(availWidth, availHeight)
        return self._wrap_lines(availWidth, availHeight)

    def _balanced_wrap(self, aw: float, ah: float) -> tuple[float, float]:
        """A heading's lines made about equal (CSS `text-wrap: balance`): the narrowest measure that keeps its
        line count, so no heading ends in one short word ("…لمن / كند", a single kanji) under a long line.

        The measure narrows by an indent on the ragged side, so the heading keeps its edge and its width.
        """
        base = self.__dict__.setdefault("_base_style", self.style)
        cache = self.__dict__.setdefault("_balanced", {})
        if aw not in cache:
            self.style = base
            lines = round(self._wrap_lines(aw, ah)[1] / base.leading)
            best, lo, hi = 0.0, 0.0, aw * 0.5
            while lines > 1 and hi - lo > 2:  # points: finer changes nothing a reader sees
                mid = (lo + hi) / 2
                self.style = _narrowed(base, mid)
                if round(self._wrap_lines(aw, ah)[1] / base.leading) == lines:
                    best, lo = mid, mid
                else:
                    hi = mid
            cache[aw] = _narrowed(base, best) if best else base
        self.style = cache[aw]
        return self._wrap_lines(aw, ah)

    def _wrap_lines(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._bidi is None:
            # Frames, KeepTogether and tables ask the same paragraph for its size at the
            # same width several times; breaking the lines again is most of a warm build.
            st = self.style
            key = (availWidth, st.fontName, st.fontSize, st.leading, st.leftIndent, st.rightIndent, st.firstLineIndent)
            if key == self._wrapped_for and "blPara" in self.__dict__:  # split() may drop blPara
                return self.width, self.height
            size = super().wrap(availWidth, availHeight)
            self._wrapped_for = key
            return size
        if availWidth < _reportlab.FUZZ:  # no room at all: as ReportLab answers
            return 0, 0x7FFFFFFF
        self.width = availWidth
        self._lines = self._bidi.break_lines(*self._range, *self._widths(availWidth))
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        if self._bidi is None:
            return super().split(availWidth, availHeight)
        lines = self._bidi.break_lines(*self._range, *self._widths(availWidth))
        fit = int((availHeight + 1e-8) // self.style.leading)
        allow_orphans = getattr(self.style, "allowOrphans", 0)
        if fit == 0 or (fit <= 1 and not allow_orphans):
            return []
        if fit >= len(lines):
            return [self]
        cut = lines[fit][0]
        first, rest = copy.copy(self), copy.copy(self)
        first._range, rest._range = (self._range[0], cut), (cut, self._range[1])
        rest.bulletText = None
        return [first, rest]

    def logical_text(self) -> str | None:
        """This part's text in reading order, for the structure tree (/ActualText), when drawn shaped.

        Lines are drawn in visual order (glyph runs reversed, vowel signs before their
        consonant); a screen reader reading the tags gets the paragraph as written.
        None for paragraphs ReportLab draws itself.
        """
        if self._bidi is None:
            return None
        text = self._bidi.text[self._range[0] : self._range[1]]
        if self.bulletText and self._range[0] == 0:
            text = f"{self.bulletText} {text}"
        return text

    def minWidth(self) -> float:  # noqa: N802
        if self._bidi is None:
            return super().minWidth()
        return self._bidi.min_width() + self.style.leftIndent + self.style.rightIndent

    def draw(self) -> None:
        if self._bidi is None:
            return super().draw()
        st, canv = self.style, self.canv
        left, right = st.leftIndent, self.width - st.rightIndent
        y = self.height - st.fontSize  # first baseline where ReportLab puts it
        canv.saveState()
        alignment = TA_LEFT if self._ltr and st.alignment == TA_JUSTIFY else st.alignment  # ragged, as RTL is
        for i, (a, b) in enumerate(self._lines):
            first_indent = st.firstLineIndent if i == 0 and a == 0 else 0
            if self._ltr:
                self._bidi.draw_line(canv, a, b, left + first_indent, right, y, alignment)
            else:
                self._bidi.draw_line(canv, a, b, left, right - first_indent, y, alignment)
            y -= st.leading
        if self.bulletText and self._range[0] == 0:
            self._draw_bullet(canv)
        canv.restoreState()

    def _draw_bullet(self, canv: Canvas) -> None:
        """The bullet or number at the start edge: the right one read right to left ('1.' shows as '.1')."""
        st = self.style
        frag = ABag(
            text=self.bulletText,
            fontName=st.bulletFontName,
            fontSize=st.bulletFontSize,
            textColor=getattr(st, "bulletColor", st.textColor),
        )
        y = self.height - st.fontSize
        from brochure.text import rtl

        if self._ltr:
            bullet = rtl.BidiText(split_frags([frag], _FALLBACKS.get()), base=0)
            bullet.draw_line(canv, 0, len(bullet.text), st.bulletIndent, self.width, y, TA_LEFT)
            return
        bullet = rtl.BidiText(split_frags([frag], _FALLBACKS.get()), base=1)
        edge = self.width - st.bulletIndent
        bullet.draw_line(canv, 0, len(bullet.text), 0, edge, y, TA_RIGHT)


def _narrowed(style: ParagraphStyle, by: float) -> ParagraphStyle:
    """`style` with its measure `by` points narrower on the ragged side (both, centred)."""
    if style.alignment == TA_CENTER:
        indents = {"leftIndent": style.leftIndent + by / 2, "rightIndent": style.rightIndent + by / 2}
    elif style.alignment == TA_RIGHT:
        indents = {"leftIndent": style.leftIndent + by}
    else:
        indents = {"rightIndent": style.rightIndent + by}
    return ParagraphStyle(f"{style.name}-balanced", parent=style, **indents)


def draw_text(
    canv: Canvas, text: str, style: ParagraphStyle, x: float, y: float, width: float, align: str = "left"
) -> None:
    """One line of page furniture (header, footer, notice) with fallback fonts; y is its bottom."""
    from brochure.text.inline import to_markup

    alignment = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER}[align]
    st = ParagraphStyle(f"{style.name}-{align}", parent=style, alignment=alignment, spaceBefore=0, spaceAfter=0)
    p = Para(to_markup(text), st)
    p.wrap(width, 1000)
    p.drawOn(canv, x, y)


def fit_line(text: str, style: ParagraphStyle, width: float) -> str:
    """`text` cut at a word (or, for one long word, a character) with "…" so it stays on one line of `width`.

    Page furniture (a running header) grows upward when it wraps, into the
    trim's safe zone; a clinic name or title too long for its half of the
    line is shortened there instead (the cover prints it whole).
    """
    from brochure.text.inline import to_markup

    def fits(candidate: str) -> bool:
        p = Para(to_markup(candidate), style)
        _, h = p.wrap(width, 1000)
        return h <= style.leading * 1.5

    if fits(text):
        return text
    words = text.split()
    units, join = (words, " ") if len(words) > 1 else (list(text), "")
    lo, hi = 0, len(units)  # the most units that fit with the ellipsis: binary search, about log2(n) wraps
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(join.join(units[:mid]).rstrip(" ,;:-") + "…"):
            lo = mid
        else:
            hi = mid - 1
    if lo == 0 and join == " ":
        return fit_line(words[0], style, width)
    return join.join(units[:lo]).rstrip(" ,;:-") + "…"
