"""Shaped text, right to left or not: line breaking on logical text, bidi reordering per line, shaped drawing.

The one path for every script that must be shaped (`scripts.SCRIPTS`): a
right-to-left language's paragraphs, and any paragraph with Devanagari (or
another shaped script) in a left-to-right one. Left-to-right text has base
level 0 and no right-to-left letters, so step 4 reorders nothing and it is
shaped and drawn the same way.

ReportLab's own right-to-left path needs `rlbidi` (GPL, not on PyPI), and with
`shaping=1` it lays Arabic words out left to right. Here a paragraph is
handled the way the Unicode Bidirectional Algorithm (UAX #9) intends:

1. Logical text: the paragraph's characters in reading order, each with its
   font (after per-run font fallback), size and colour. Spaces and
   punctuation next to Arabic take the Arabic font when it has them.
2. Levels: embedding levels for the whole paragraph (python-bidi's UBA),
   in a right-to-left language base level 1 (right to left) when the
   paragraph has any Arabic or Hebrew letter, else 0: an all-Latin line such
   as a phone number keeps its order; in a left-to-right language always 0.
3. Line breaking on logical text at spaces, words measured with their shaped
   widths (HarfBuzz), greedily, as ReportLab does.
4. Per line: rule L2 reverses runs by level into visual order; each run of
   one font and level is shaped (joining, lam-alef, marks, mirrored brackets)
   and placed from the alignment edge.
5. Drawing order: runs are written to the page in logical order, each glyph
   mapped to its real characters (see `glyphfont`). Text extractors that read
   runs in stream order and reverse right-to-left characters inside a run
   (pypdf) then return the words in reading order.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.fonts import ps2tt

from brochure.media import _reportlab, fonts
from brochure.text import glyphfont, scripts, shaping

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

STRONG_RTL = frozenset({"R", "AL"})
STRONG = frozenset({"L", "R", "AL"})
NEUTRAL = frozenset({"WS", "ON", "CS", "ES", "ET", "S", "B", "BN"})
BREAKING_SPACE = frozenset(" \t\n\r\f\v\u2028\u2029")


@dataclass(frozen=True)
class Style:
    font: str
    size: float
    color: object


@dataclass(frozen=True)
class Run:
    """Characters start..end (logical) in one style at one level, with their glyphs placed on the line."""

    start: int
    end: int
    level: int
    style: Style
    glyphs: tuple[shaping.Glyph, ...]
    x: float = 0.0  # left edge of the run on the line

    @property
    def rtl(self) -> bool:
        return self.level % 2 == 1

    @property
    def width(self) -> float:
        return shaping.width(self.glyphs, self.style.size)


def embedding_levels(text: str, base: int) -> list[int]:
    """UBA levels (rules P–I) for one paragraph with the given base level."""
    out = _reportlab.bidi_levels(text, base)
    if len(out) != len(text):  # a surrogate pair would do this; NFC Python strings have none
        raise ValueError("bidi levels do not line up with the text")
    return out


def visual_order(levels: list[int]) -> list[int]:
    """Rule L2: indices of one line in display order, left to right."""
    order = list(range(len(levels)))
    if not levels:
        return order
    lowest_odd = min(levels) | 1  # the lowest odd level at or above the line's lowest level
    for level in range(max(levels), lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return order


def _joined(text: str, i: int) -> bool:
    """True when text[i] belongs to the same printed letter as text[i - 1]: a mark, or after a virama."""
    return unicodedata.category(text[i])[0] == "M" or (i > 0 and unicodedata.combining(text[i - 1]) == 9)


def _bold(font: str) -> bool:
    try:
        return bool(ps2tt(font)[1])
    except ValueError:  # a font registered without a family mapping
        return False


BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e")  # LRE, RLE, PDF, LRO, RLO


class BidiText:
    """One paragraph's logical text, its styles and levels; breaks it into lines and draws them."""

    def __init__(self, frags: list, base: int | None = None) -> None:
        chars: list[str] = []
        styles: list[Style] = []
        for f in frags:
            text = getattr(f, "text", None)
            if not isinstance(text, str) or getattr(f, "cbDefn", None) is not None:
                continue
            style = Style(f.fontName, f.fontSize, f.textColor)
            for ch in unicodedata.normalize("NFC", text):
                if ch in BREAKING_SPACE:  # collapsed to one space, as in HTML; a no-break space stays
                    if not chars or chars[-1] == " ":
                        continue
                    ch = " "
                chars.append(ch)
                styles.append(style)
        while chars and chars[-1] == " ":
            chars.pop()
            styles.pop()
        self.text = "".join(chars)
        self.lang = shaping.LANGUAGE.get()
        self.latin_lang = shaping.LATIN_LANG.get()
        self._span = shaping.FOREIGN_SPAN.get()
        self.classes = [unicodedata.bidirectional(c) for c in self.text]
        if base is None:
            base = 1 if any(c in STRONG_RTL for c in self.classes) else 0
        self.base = base
        self.styles = self._neutral_fonts(styles)
        self.levels = embedding_levels(self.text, base) if self.text else []
        self._drop_controls()
        self._widths: dict[tuple[int, int], float] = {}

    def _drop_controls(self) -> None:
        """Explicit embeddings (LRE … PDF) have done their work once the levels are known: they are not
        drawn, not shaped and not read (a screen reader or a copy would get invisible characters)."""
        keep = [i for i, c in enumerate(self.text) if c not in BIDI_CONTROLS]
        if len(keep) == len(self.text):
            return
        self.text = "".join(self.text[i] for i in keep)
        self.classes = [self.classes[i] for i in keep]
        self.styles = [self.styles[i] for i in keep]
        self.levels = [self.levels[i] for i in keep]

    def _neutral_fonts(self, styles: list[Style]) -> list[Style]:
        """Spaces and punctuation take the font of the nearest letter before them (else after) if it has them.

        So an Arabic sentence keeps its own spaces and full stop, and a run of one
        font is not cut at every space (fewer, longer runs; consistent shapes).
        """
        out = list(styles)
        strong = [i for i, c in enumerate(self.classes) if c in STRONG]
        if not strong:
            return out
        k = 0
        for i, cls in enumerate(self.classes):
            while k + 1 < len(strong) and strong[k + 1] < i:
                k += 1
            if cls not in NEUTRAL:
                continue
            j = strong[k] if strong[k] < i else strong[0]
            near = styles[j]
            own = styles[i]
            if near.font == own.font or (near.size, near.color) != (own.size, own.color):
                continue
            if _bold(near.font) != _bold(own.font):
                continue
            if ord(self.text[i]) in fonts.coverage(near.font):
                out[i] = replace(own, font=near.font)
        return out

    # ------------------------------------------------------------ measuring
    def _style_runs(self, a: int, b: int) -> list[tuple[int, int]]:
        """Logical pieces of a..b with one style and one level (what one shaping call handles)."""
        out: list[tuple[int, int]] = []
        i = a
        while i < b:
            j = i + 1
            while j < b and self.styles[j] == self.styles[i] and self.levels[j] == self.levels[i]:
                j += 1
            out.append((i, j))
            i = j
        return out

    def width(self, a: int, b: int) -> float:
        key = (a, b)
        if key not in self._widths:
            total = 0.0
            for i, j in self._style_runs(a, b):
                st = self.styles[i]
                glyphs = shaping.shape(self.text, i, j, st.font, self.levels[i] % 2 == 1, self.lang)
                total += shaping.width(glyphs, st.size)
            self._widths[key] = total
        return self._widths[key]

    @cached_property
    def words(self) -> list[tuple[int, int, int]]:
        """(start, end of letters, end with the spaces after it) for each word."""
        out = []
        n = len(self.text)
        i = 0
        while i < n:
            j = i
            while j < n and self.text[j] != " ":
                j += 1
            k = j
            while k < n and self.text[k] == " ":
                k += 1
            out.append((i, j, k))
            i = k
        return out

    def min_width(self) -> float:
        return max((self.width(s, e) for s, e, _ in self.words), default=0.0)

    def break_lines(self, start: int, end: int, first: float, rest: float) -> list[tuple[int, int]]:
        """Greedy line breaking at spaces on logical text: (start, end) of each line's characters."""
        lines: list[tuple[int, int]] = []
        line_start = line_end = -1
        used = pending = 0.0
        for s, e, k in self.words:
            if k <= start or s >= end:
                continue
            s, e, k = max(s, start), min(e, end), min(k, end)  # a part may start or end inside a long word
            if s >= e:
                continue
            w = self.width(s, e)
            room = first if not lines else rest
            if line_start < 0:
                line_start, line_end, used = s, e, w
            elif used + pending + w <= room + 1e-6:
                line_end, used = e, used + pending + w
            else:
                lines.append((line_start, line_end))
                line_start, line_end, used = s, e, w
            while used > (first if not lines else rest) + 1e-6 and line_start == s:  # a word wider than a line
                cut = self._cut(s, e, first if not lines else rest)
                if cut >= e:
                    break
                lines.append((s, cut))
                s = line_start = cut
                used = self.width(s, e)
            pending = self.width(e, k) if k > e else 0.0
        if line_start >= 0:
            lines.append((line_start, line_end))
        return lines

    def _cut(self, s: int, e: int, room: float) -> int:
        """Where to split a word wider than the line (a long address, say): as much as fits, at least one
        character, never before a mark (a Devanagari vowel sign too) nor after a virama, so a letter keeps
        its signs and a conjunct stays whole. As ReportLab does with splitLongWords. A phrase the language
        keeps whole (`no_break`, its spaces made no-break) splits at its last no-break space that fits instead:
        never inside one of its words."""
        cut = s + 1
        while cut < e and _joined(self.text, cut):
            cut += 1
        while cut < e:
            nxt = cut + 1
            while nxt < e and _joined(self.text, nxt):
                nxt += 1
            if self.width(s, nxt) > room + 1e-6:
                break
            cut = nxt
        space = self.text.rfind("\u00a0", s, cut)  # a no-break phrase wider than the line: at its own spaces
        return space + 1 if space > s else cut

    # ------------------------------------------------------------ one line
    def line_runs(self, a: int, b: int) -> list[Run]:
        """The line's runs in visual order (left to right), shaped, with x from 0."""
        levels = self.levels[a:b]
        runs: list[tuple[int, int]] = []  # logical [lo, hi) in visual order
        for v in visual_order(levels):
            i = a + v
            if runs:
                lo, hi = runs[-1]
                same = self.styles[i] == self.styles[lo] and self.levels[i] == self.levels[lo]
                if same and self.levels[i] % 2 and i == lo - 1:
                    runs[-1] = (i, hi)
                    continue
                if same and not self.levels[i] % 2 and i == hi:
                    runs[-1] = (lo, i + 1)
                    continue
            runs.append((i, i + 1))
        out: list[Run] = []
        x = 0.0
        for lo, hi in runs:
            st, level = self.styles[lo], self.levels[lo]
            run = Run(lo, hi, level, st, shaping.shape(self.text, lo, hi, st.font, level % 2 == 1, self.lang), x)
            out.append(run)
            x += run.width
        return out

    def draw_line(self, canv: Canvas, a: int, b: int, left: float, right: float, y: float, alignment: int) -> None:
        """Draw characters a..b on baseline y between x = left and x = right."""
        runs = self.line_runs(a, b)
        total = sum(r.width for r in runs)
        if alignment == TA_LEFT:
            x0 = left
        elif alignment == TA_CENTER:
            x0 = left + (right - left - total) / 2
        else:  # right (and justified, which right-to-left text sets ragged left here)
            x0 = right - total
        color = None
        all_latin = bool(self.latin_lang) and self._all_latin
        if all_latin and self._span is not None:
            self._span.whole(canv, self.latin_lang)
        for run in sorted(runs, key=lambda r: r.start):
            if run.style.color != color:
                color = run.style.color
                canv.setFillColor(color)
            font = glyphfont.for_font(run.style.font)
            for unit in self._units(run, x0):
                for foreign, piece in [(False, unit)] if all_latin else self._by_language(unit):
                    if foreign and self._span is not None:
                        with self._span.span(canv, self.latin_lang):
                            font.show(canv, y, run.style.size, piece)
                    else:
                        font.show(canv, y, run.style.size, piece)
        self._line_end_space(canv, b, x0, total, y)

    def _line_end_space(self, canv: Canvas, b: int, x0: float, total: float, y: float) -> None:
        """The space the line was broken at, drawn (it has no ink) after the line's last glyph in the stream.

        Text extractors and screen readers reading the tags take a line's glyphs one after the other: without
        it the last word of a line and the first of the next are read as one ("सकताहै" for "सकता है").
        ReportLab's own lines get the same invisible space (`_reportlab.mark_line_ends`). It stands just past
        the line's end edge (right of a left-to-right line, left of a right-to-left one) and moves nothing.
        """
        if b >= len(self.text) or self.text[b] != " ":
            return  # the paragraph's end, or a long word cut inside
        st = self.styles[b]
        rtl = self.levels[b] % 2 == 1
        glyphs = shaping.shape(self.text, b, b + 1, st.font, rtl, self.lang)
        if len(glyphs) != 1 or glyphs[0].gid == 0 or glyphs[0].text != " ":
            return  # the font has no space glyph: draw nothing rather than a .notdef box
        space = glyphs[0]
        pen = x0 - shaping.width(glyphs, st.size) if self.base % 2 else x0 + total
        glyphfont.for_font(st.font).show(canv, y, st.size, [(space, pen)])

    def _by_language(self, unit: list[tuple[shaping.Glyph, float]]) -> list[tuple[bool, list]]:
        """The unit cut where it goes in or out of Latin words (True: in `latin_lang`, drawn inside a /Span)."""
        if not self.latin_lang:
            return [(False, unit)]
        flags = self._latin
        out: list[tuple[bool, list]] = []
        for placed in unit:
            f = flags[placed[0].cluster]
            if out and out[-1][0] == f:
                out[-1][1].append(placed)
            else:
                out.append((f, [placed]))
        return out

    @cached_property
    def _all_latin(self) -> bool:
        """Every letter is Latin (a clinic name, an address in an Arabic handout)."""
        codes = [c for c in map(scripts.script_of, self.text) if c not in scripts.NEUTRAL]
        return bool(codes) and all(c == "Latn" for c in codes)

    @cached_property
    def _latin(self) -> list[bool]:
        """Per character: part of a run of Latin words (a space or "&" between two Latin words is; a number alone,
        read in the handout's language, is not)."""
        strong = [scripts.script_of(c) for c in self.text]
        out = [code == "Latn" for code in strong]
        last = None  # script of the nearest strong character before
        pending: list[int] = []
        for i, code in enumerate(strong):
            if code in scripts.NEUTRAL:
                pending.append(i)
                continue
            if last == "Latn" and code == "Latn":
                for k in pending:
                    out[k] = True
            pending, last = [], code
        return out

    def _units(self, run: Run, x0: float) -> list[list[tuple[shaping.Glyph, float]]]:
        """The run's glyphs with their pen positions, split into pieces written in logical order.

        A right-to-left run is written left to right (visual order); an extractor
        reverses it. Neutral characters at its logical end (a space or full stop
        before a Latin word or a number) are written after it, one by one, so
        they are read where they belong and not glued to the next run.
        """
        pens = []
        pen = x0 + run.x
        for g in run.glyphs:
            pens.append((g, pen))
            pen += g.advance * run.style.size / 1000
        if not run.rtl:
            return [pens]
        # the core ends with a glyph for one right-to-left letter (not a ligature of two, not a space)
        core_end = run.start
        for g in run.glyphs:
            if len(g.text) == 1 and self.classes[g.cluster] not in NEUTRAL:
                core_end = max(core_end, g.cluster + 1)
        units = [[p for p in pens if p[0].cluster < core_end]]
        for c in sorted({g.cluster for g in run.glyphs if g.cluster >= core_end}):
            units.append([p for p in pens if p[0].cluster == c])
        return [u for u in units if u]
