"""Shape a run of text with HarfBuzz: glyph ids, advances and offsets, and the text each glyph stands for.

Arabic letters change shape with their neighbours (isolated, initial, medial,
final forms), lam + alef becomes one ligature glyph, marks (fatha, shadda,
tanween) sit on their letter, and in a right-to-left run brackets are
mirrored; Devanagari consonants join into conjuncts (क्ष) and a vowel sign
may be drawn before the consonant it follows (कि). HarfBuzz does all of that
from the font's own OpenType tables.

Positions are in thousandths of the font size (PDF glyph-space units), so a
width in points is `advance * size / 1000`.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Protocol

import uharfbuzz as hb

from brochure.text import scripts

FEATURES = {"kern": True, "liga": True}
# The handout's language (BCP 47), set per render: a font's `locl` forms differ by language inside one script
# (Urdu's digits and heh in Arabic script), and HarfBuzz picks them only when the buffer names the language.
LANGUAGE: ContextVar[str] = ContextVar("shaping_language", default="")
# The language of Latin-script words inside a handout in another script (its source language: drug names,
# "988 Suicide & Crisis Lifeline"); "" when the handout is in Latin script itself. Drawn inside a
# /Span with that /Lang, so a screen reader reads them with the right voice.
LATIN_LANG: ContextVar[str] = ContextVar("latin_language", default="")


class SpanOpener(Protocol):
    """How to mark such words on a canvas (the tagging layer's `foreign_words`, set by the render above)."""

    def span(self, canv: Any, lang: str) -> AbstractContextManager[None]: ...  # words inside a paragraph

    def whole(self, canv: Any, lang: str) -> None: ...  # the whole paragraph


FOREIGN_SPAN: ContextVar[SpanOpener | None] = ContextVar("foreign_span", default=None)


@dataclass(frozen=True)
class Glyph:
    gid: int
    text: str  # the characters this glyph draws, in logical order ("" for a second glyph of one cluster; see _spread)
    cluster: int  # index of its first character in the text that was shaped
    advance: float  # pen movement, 1/1000 of the font size
    dx: float  # offset from the pen
    dy: float


@cache
def _hb_font(path: str) -> tuple[hb.Font, float]:
    blob = hb.Blob.from_file_path(path)
    face = hb.Face(blob)
    return hb.Font(face), 1000.0 / face.upem


def font_path(font_name: str) -> str:
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.getFont(font_name).face.filename


@lru_cache(maxsize=20_000)
def shape(text: str, start: int, end: int, font_name: str, rtl: bool, lang: str = "") -> tuple[Glyph, ...]:
    """Glyphs for text[start:end] in visual order (left to right), shaped with the rest of `text` as context.

    Context matters where a run ends inside a word (a bold letter in an Arabic
    word still joins its neighbours). `lang` (BCP 47) selects the font's forms for that language.
    """
    if start >= end:
        return ()
    font, scale = _hb_font(font_path(font_name))
    buf = hb.Buffer()
    buf.add_codepoints([ord(c) for c in text], start, end - start)
    buf.direction = "rtl" if rtl else "ltr"
    # right to left, CHARACTERS: a mark keeps its own cluster even inside a ligature (lam + tanween + alef),
    # so every glyph stands for some characters and none maps to nothing in ToUnicode. Left to right in a
    # shaped script, graphemes: a vowel sign drawn before its consonant (Devanagari ि in कि) shares the
    # consonant's cluster, so the cluster's first glyph maps to "कि" in reading order, not "िक".
    graphemes = not rtl and scripts.needs_shaping(text[start:end])
    buf.cluster_level = hb.BufferClusterLevel.MONOTONE_GRAPHEMES if graphemes else hb.BufferClusterLevel.CHARACTERS
    buf.guess_segment_properties()
    shaped = _shaped_script(text[start:end])
    if shaped:  # guessing takes the first letter's script: "Spravato सिर्फ" was shaped as Latin, unshaped Hindi
        buf.script = shaped
    if lang:
        buf.language = lang
    hb.shape(font, buf, FEATURES)
    infos, positions = buf.glyph_infos, buf.glyph_positions
    starts = sorted({i.cluster for i in infos})
    ends = {c: (starts[k + 1] if k + 1 < len(starts) else end) for k, c in enumerate(starts)}
    # a cluster drawn with several glyphs: the first one in logical order carries its text
    order = range(len(infos) - 1, -1, -1) if rtl else range(len(infos))
    carrier: dict[int, int] = {}
    for i in order:
        carrier.setdefault(infos[i].cluster, i)
    texts = {
        i: text[infos[i].cluster : ends[infos[i].cluster]] if carrier[infos[i].cluster] == i else "" for i in order
    }
    if graphemes:
        texts = _spread(infos, texts, text, ends)
    out = []
    for i, (info, pos) in enumerate(zip(infos, positions, strict=True)):
        c = info.cluster
        out.append(
            Glyph(
                gid=info.codepoint,
                text=texts[i],
                cluster=c,
                advance=pos.x_advance * scale,
                dx=pos.x_offset * scale,
                dy=pos.y_offset * scale,
            )
        )
    return tuple(out)


def _spread(infos: list[hb.GlyphInfo], texts: dict[int, str], text: str, ends: dict[int, int]) -> dict[int, str]:
    """A left-to-right cluster of several glyphs: its characters spread over them, one each, the rest on the last.

    Read in drawing order the glyphs still give the cluster's text ("चि" for ि + च), and no glyph maps to
    nothing: text extractors (pdftotext) put a space where a glyph without text leaves a gap ("चि कि त्सा").
    """
    out = dict(texts)
    members: dict[int, list[int]] = {}
    for i, info in enumerate(infos):
        members.setdefault(info.cluster, []).append(i)
    for c, glyphs in members.items():
        if len(glyphs) < 2:
            continue
        chars = text[c : ends[c]]
        n = len(glyphs)
        pieces = [*chars[: n - 1], chars[n - 1 :]] if len(chars) >= n else [*chars, *[""] * (n - len(chars))]
        out.update(zip(glyphs, pieces, strict=True))
    return out


def _shaped_script(text: str) -> str:
    """The first script in `text` that must be shaped (ISO 15924), or "" when none is."""
    for ch in text:
        code = scripts.script_of(ch)
        entry = scripts.SCRIPTS.get(code)
        if entry is not None and entry.shaping:
            return code
    return ""


def width(glyphs: tuple[Glyph, ...], size: float) -> float:
    return sum(g.advance for g in glyphs) * size / 1000


def advance(font_name: str, gid: int) -> float:
    """The glyph's own advance width (hmtx), 1/1000 of the font size."""
    font, scale = _hb_font(font_path(font_name))
    return font.get_glyph_h_advance(gid) * scale


def units(font_name: str) -> float:
    """Thousandths of the font size per font unit (1000 / unitsPerEm)."""
    return _hb_font(font_path(font_name))[1]


def glyph_count(font_name: str) -> int:
    """How many glyphs the font file has (the next free glyph id)."""
    return _hb_font(font_path(font_name))[0].face.glyph_count
