"""Paragraphs that fall back to a script font run by run, and CJK line-start rules.

ReportLab has no font fallback: a character the font lacks prints as a box.
`Para` splits each parsed run into pieces the run's font covers and pieces
the language's fallback fonts cover (same weight and slant), so a Latin drug
name inside Chinese text, or Chinese inside an English brand font, renders.
Which fallback families apply is set per render with `fallbacks()`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from reportlab.lib import textsplit as _rl_textsplit
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.platypus import paragraph as _rl_paragraph
from reportlab.platypus.paragraph import Paragraph

from brochure import fonts

_FALLBACKS: ContextVar[tuple[str, ...]] = ContextVar("fallbacks", default=())

# Full-width closing punctuation must not start a line (ReportLab's list lacks most of it).
# Both copies matter: one-font paragraphs break in textsplit, mixed-font ones in paragraph.
_CANNOT_START = "，。、：；！？）》」』】〕〉…．％"
_rl_textsplit.ALL_CANNOT_START += _CANNOT_START
_rl_paragraph.ALL_CANNOT_START += _CANNOT_START


@contextlib.contextmanager
def fallbacks(family_keys: list[str]) -> Iterator[None]:
    token = _FALLBACKS.set(tuple(family_keys))
    try:
        yield
    finally:
        _FALLBACKS.reset(token)


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


class Para(Paragraph):
    def _setup(self, text, style, bulletText, frags, cleaner):  # noqa: N803 - ReportLab's signature
        super()._setup(text, style, bulletText, frags, cleaner)
        chain = _FALLBACKS.get()
        if chain and self.frags and not hasattr(self.frags[0], "__iter__"):
            self.frags = split_frags(self.frags, chain)


def draw_text(canv, text: str, style, x: float, y: float, width: float, align: str = "left") -> None:
    """One line of page furniture (header, footer, notice) with fallback fonts; y is its bottom."""
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    from brochure.inline import to_markup

    alignment = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER}[align]
    st = ParagraphStyle(f"{style.name}-{align}", parent=style, alignment=alignment, spaceBefore=0, spaceAfter=0)
    p = Para(to_markup(text), st)
    p.wrap(width, 1000)
    p.drawOn(canv, x, y)
