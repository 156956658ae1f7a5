"""The one place that touches ReportLab's (and python-bidi's) internals.

Everything else in brochure uses ReportLab's public API and, where that is
not enough, calls the named hooks below. Each hook says what ReportLab does,
why brochure needs something else, and what the hook does; each has a
contract test in `tests/media/test_reportlab_adapter.py` that fails when ReportLab's
behaviour under the hook changes. `tests/media/test_reportlab_adapter.py` also holds
every other module to this: none reaches a private ReportLab name.

Import-time patches are installed by `install()` (idempotent): the text
patches when `brochure.text.paragraph` is imported, tagging's drawing
wrappers when `brochure.pdf.tagging` is imported (`install(drawing=...)`),
exactly where they were installed before this module existed.

The hooks were verified against the versions in `VERIFIED`; `check_versions()`
(run by `install()`) refuses any other major.minor version with a message
naming the hooks that would need checking.

This module is on the drawing side: `brochure check` never imports it.

It is longer than the ~400 lines a module here is held to, on purpose: the point
of the adapter is that every touch of ReportLab's internals sits in one file a
reader can audit beside its contract tests (issue 15); splitting it would scatter
them again.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

import reportlab
from reportlab.lib import textsplit as _textsplit
from reportlab.platypus import flowables as _flowables
from reportlab.platypus import paragraph as _paragraph
from reportlab.platypus import tables as _tables
from reportlab.platypus.doctemplate import _FrameBreak
from reportlab.platypus.flowables import Flowable
from reportlab.platypus.paragraph import Paragraph
from reportlab.rl_config import _FUZZ

if TYPE_CHECKING:  # ReportLab ships no types: these read as Any to mypy, and name what a hook takes
    from reportlab.pdfbase.pdfdoc import PDFDocument
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus.frames import Frame

# ---------------------------------------------------------------- versions

VERIFIED: dict[str, tuple[tuple[int, int], ...]] = {
    "reportlab": ((5, 1),),  # reportlab.Version 5.1.x
    "python-bidi": ((0, 6),),  # pyproject pins python-bidi>=0.6,<0.7
}

# which hooks rely on each package's internals (for the error message)
DEPENDS_ON_INTERNALS: dict[str, tuple[str, ...]] = {
    "reportlab": (
        "extend_cannot_start (textsplit/paragraph ALL_CANNOT_START)",
        "hang_closing_marks (paragraph.wordSplit, paragraph.cjkFragSplit)",
        "mark_line_ends (paragraph._leftDrawParaLine[X] and the other line drawers, _drawBullet, _SplitWord*, "
        "_SplitFrag*, _HSFrag, FragLine.sFW, TextObject._code, _formatText, TTFontFace.charToGlyph)",
        "HookedParagraph (Paragraph._setup)",
        "wrap_drawing (Flowable.drawOn, split, ListFlowable._getContent, BulletDrawer.drawOn, "
        "Table._drawBkgrnd, Table._drawLines, flowables._Container)",
        "list_item_parts (LIIndenter._bullet, LIIndenter._flowable)",
        "grouped (KeepTogether._content)",
        "is_frame_break (doctemplate._FrameBreak)",
        "frame_width, frame_height, frame_room, frame_at_top (Frame._aW, _aH, _y, _y1p, _atTop)",
        "at_frame_top (Flowable._frame, _doctemplateAttr, Frame._atTop)",
        "canvas_with_page_hooks, move_to_after_page, take_back (Canvas._startPage, _make_preamble, _preamble, "
        "_code, _psCommandsAfterPage)",
        "start_page, page_state, restore_page_state (Canvas._startPage, Canvas.__dict__)",
        "absolute_rect (Canvas._absRect)",
        "document, reserve_font, add_font_resource (Canvas._doc, PDFDocument.fontMapping, delayedFonts, "
        "idToObject['BasicFonts'])",
        "FUZZ (rl_config._FUZZ)",
    ),
    "python-bidi": (
        "bidi_levels (bidi.algorithm.get_empty_storage, get_embedding_levels, explicit_embed_and_overrides, "
        "resolve_weak_types, resolve_neutral_types, resolve_implicit_levels, storage['chars'])",
    ),
}

ALLOW_ENV = "BROCHURE_UNVERIFIED_INTERNALS"  # set to 1 to run anyway (to verify a new version with the tests)


class UnverifiedVersionError(RuntimeError):
    """An installed ReportLab or python-bidi whose internals brochure's hooks were not verified against."""


def installed_version(package: str) -> str:
    """The installed version: `reportlab.Version` for ReportLab, the distribution's metadata otherwise."""
    if package == "reportlab":
        return reportlab.Version
    from importlib.metadata import version

    return version(package)


def major_minor(version: str) -> tuple[int, int]:
    """(5, 1) for "5.1.0" (or "5.1b2"); (0, 0) for a version that does not start with two numbers."""
    m = re.match(r"(\d+)\.(\d+)", version)
    return (int(m[1]), int(m[2])) if m else (0, 0)


def check_version(package: str, version: str | None = None) -> None:
    """Raise UnverifiedVersionError unless `package` (at `version`, default: installed) is a verified major.minor."""
    version = installed_version(package) if version is None else version
    if major_minor(version) in VERIFIED[package]:
        return
    verified = ", ".join(f"{a}.{b}.x" for a, b in VERIFIED[package])
    hooks = "\n".join(f"  - {h}" for h in DEPENDS_ON_INTERNALS[package])
    message = (
        f"{package} {version} is installed; brochure's hooks into its internals were verified with {verified} only.\n"
        f"These hooks depend on {package} internals (src/brochure/media/_reportlab.py):\n{hooks}\n"
        f"fix: install a verified version (pip install -e . picks one), or check the hooks against {version}: "
        f"run `{ALLOW_ENV}=1 pytest tests/media/test_reportlab_adapter.py`, adapt the hooks that fail, "
        f"then add {major_minor(version)} to VERIFIED['{package}']"
    )
    if os.environ.get(ALLOW_ENV) == "1":
        warnings.warn(message, stacklevel=2)
        return
    raise UnverifiedVersionError(message)


@cache
def check_versions() -> None:
    """Both packages whose internals the hooks touch are versions the hooks were verified with (once)."""
    check_version("reportlab")
    check_version("python-bidi")


# ---------------------------------------------------------------- install

_installed: set[str] = set()


@dataclass(frozen=True)
class DrawingHooks:
    """Tagging's wrappers: each takes ReportLab's original function and returns the one to use instead."""

    draw_on: Callable  # Flowable.drawOn(self, canvas, x, y, ...) of every flowable class
    split: Callable  # Paragraph/DDIndenter/LIIndenter/Table.split(self, ...)
    list_items: Callable  # ListFlowable._getContent(self) -> its LIIndenters
    bullet: Callable  # BulletDrawer.drawOn(self, indenter, canv, x, y, _sW=0)
    decoration: Callable  # Table._drawBkgrnd / Table._drawLines(self, ...)


def install(drawing: DrawingHooks | None = None) -> None:
    """Install every import-time change to ReportLab (each part once; calling again changes nothing).

    Always: the version check, the CJK line-start rules (`extend_cannot_start`,
    `hang_closing_marks`) and the tagged line ends (`mark_line_ends`). With
    `drawing`: tagging's wrappers (`wrap_drawing`), installed on the flowable
    classes that exist at that moment.
    """
    check_versions()
    if "text" not in _installed:
        extend_cannot_start(CANNOT_START)
        hang_closing_marks()
        mark_line_ends()
        _installed.add("text")
    if drawing is not None and "drawing" not in _installed:
        wrap_drawing(drawing)
        _installed.add("drawing")


def binary_streams() -> None:
    """Write page streams Flate-compressed only, without ReportLab's default ASCII85 layer on top.

    ReportLab's `rl_config.useA85 = 1` (a documented setting) ASCII85-encodes every
    compressed stream, which only makes files ~17 % bigger; every reader handles binary.
    Sets it to 0 for the process.
    """
    from reportlab import rl_config

    rl_config.useA85 = 0


# ---------------------------------------------------------------- line breaking (CJK)

# Full-width closing punctuation must not start a line (ReportLab's list lacks most of it); nor the space a line
# was broken at (last): the line starts with the word after it.
CANNOT_START = "，。、：；！？）》」』】〕〉…．％ "


# Opening brackets and quotes must not end a line (JIS X 4051, GB/T 15834): ReportLab lists them
# (`textsplit.CANNOT_END_LINE`) but its CJK breakers never apply the list; the wrappers below do.
CANNOT_END = "（「『【〔《〈〖［｛“‘([{"


# Small kana, the prolonged sound mark and iteration marks: JIS X 4051's loose rules let them start a line.
# ReportLab's strict list pulls them back onto the line before, past its end, and the hang wrapper below would
# do the same: a Japanese line then ran 0.06 in into the trim margin ("健康チェッ|ク" with ッ hung).
MAY_START = "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶーゝゞヽヾ々"


def extend_cannot_start(chars: str) -> None:
    """Add `chars` to the characters ReportLab never puts at the start of a line, and drop `MAY_START`.

    ReportLab keeps that list as a module string `ALL_CANNOT_START` in
    `reportlab.lib.textsplit` (one-font paragraphs break there) and a copy in
    `reportlab.platypus.paragraph` (mixed-font paragraphs break there); its list
    lacks most full-width closing punctuation. Both copies are changed.
    """
    for module in (_textsplit, _paragraph):
        kept = "".join(c for c in module.ALL_CANNOT_START if c not in MAY_START)
        module.ALL_CANNOT_START = kept + "".join(c for c in chars if c not in kept)


def no_line_start() -> frozenset[str]:
    """The characters that must not start a line (ReportLab's list as extended)."""
    return frozenset(_textsplit.ALL_CANNOT_START)


ORIGINAL = "wrapped"  # on each line-breaking wrapper: ReportLab's own function (the adapter tests call it)


def _narrowed(widths: list[float], k: int, width: float) -> list[float]:
    """`widths` (one per line, the last repeating) with line k's set to `width`."""
    out = list(widths) + [widths[-1]] * max(0, k + 2 - len(widths))  # the lines after k keep the last width
    out[k] = width
    return out


def _opening_at_end(texts: list[str]) -> int | None:
    """The first line (not the last) that ends with a character that must not end a line, if any."""
    for k, text in enumerate(texts[:-1]):
        if len(text) > 1 and text[-1] in CANNOT_END:
            return k
    return None


def hang_closing_marks() -> None:
    """Wrap ReportLab's two CJK line breakers so no closing mark starts a line and no opening mark ends one.

    ReportLab's `wordSplit` (one font) and `cjkFragSplit` (several fonts) hang
    at most one closing mark in the margin ("we won't do two or more"), so
    "…东西）。" still puts "。" at the start of the next line, and they leave an
    opening bracket at a line's end ("约有 4 人（" | "40%）"). The wrappers
    (installed as `reportlab.platypus.paragraph.wordSplit` / `cjkFragSplit`,
    which `Paragraph` looks up at call time) move every closing mark that would
    start a line to the end of the line before it, and break again before an
    opening mark that would end a line: that line is given the width up to the
    mark, and the lines after it are broken afresh.
    """
    from reportlab.lib.rl_accel import sameFrag
    from reportlab.pdfbase.pdfmetrics import stringWidth

    word_split, frag_split = _paragraph.wordSplit, _paragraph.cjkFragSplit
    marks = no_line_start()

    def hang_word_split(word, maxWidths, fontName, fontSize, encoding="utf8"):  # noqa: N803 - ReportLab's names
        widths = list(maxWidths)
        full: dict[int, float] = {}  # line → its real width, for the lines given less
        lines = _hung_word_lines(word, widths, fontName, fontSize, encoding)
        for _ in range(len(lines) + 1):  # each round moves one mark to a later line
            k = _opening_at_end([line[1] for line in lines])
            if k is None:
                break
            full.setdefault(k, widths[min(k, len(widths) - 1)])
            used = widths[min(k, len(widths) - 1)] - lines[k][0]
            widths = _narrowed(widths, k, used - stringWidth(lines[k][1][-1], fontName, fontSize) - _FUZZ)
            lines = _hung_word_lines(word, widths, fontName, fontSize, encoding)
        for k, width in full.items():  # each line's room is measured against its real width
            if k < len(lines):
                lines[k][0] += width - widths[k]
        return lines

    def _hung_word_lines(word, maxWidths, fontName, fontSize, encoding):  # noqa: N803
        lines = word_split(word, maxWidths, fontName, fontSize, encoding)
        for k in range(1, len(lines)):
            prev, line = lines[k - 1], lines[k]
            while line[1] and line[1][0] in marks:
                width = stringWidth(line[1][0], fontName, fontSize)
                prev[0], prev[1] = prev[0] - width, prev[1] + line[1][0]
                line[0], line[1] = line[0] + width, line[1][1:]
        return [line for line in lines if line[1]]

    def hang_frag_split(frags, maxWidths, calcBounds, encoding="utf8"):  # noqa: N803
        widths = list(maxWidths)
        full: dict[int, float] = {}
        result = _hung_frag_lines(frags, widths, calcBounds, encoding)
        for _ in range(len(result.lines) + 1):
            lines = result.lines
            k = _opening_at_end(["".join(w.text for w in line.words) for line in lines])
            if k is None:
                break
            full.setdefault(k, widths[min(k, len(widths) - 1)])
            last = lines[k].words[-1]
            used = widths[min(k, len(widths) - 1)] - lines[k].extraSpace  # currentWidth counts a pushed-back glyph
            narrow = used - stringWidth(last.text[-1], last.fontName, last.fontSize) - _FUZZ
            widths = _narrowed(widths, k, narrow)
            result = _hung_frag_lines(frags, widths, calcBounds, encoding)
        for k, width in full.items():
            if k < len(result.lines):
                result.lines[k].extraSpace += width - widths[k]
                result.lines[k].maxWidth = width
        return result

    def _hung_frag_lines(frags, maxWidths, calcBounds, encoding):  # noqa: N803
        result = frag_split(frags, maxWidths, calcBounds, encoding)
        lines = result.lines
        for k in range(1, len(lines)):
            prev, line = lines[k - 1], lines[k]
            while line.words and prev.words and line.words[0].text and line.words[0].text[0] in marks:
                first = line.words[0]
                ch = first.text[0]
                width = stringWidth(ch, first.fontName, first.fontSize)
                last = prev.words[-1]
                if sameFrag(last, first):
                    last.text += ch
                else:
                    prev.words.append(first.clone(text=ch))
                first.text = first.text[1:]
                if not first.text:
                    line.words.pop(0)
                prev.extraSpace -= width
                prev.currentWidth += width
                line.extraSpace += width
                line.currentWidth -= width
        result.lines = [line for line in lines if line.words]
        return result

    setattr(hang_word_split, ORIGINAL, word_split)
    setattr(hang_frag_split, ORIGINAL, frag_split)
    _paragraph.wordSplit = hang_word_split
    _paragraph.cjkFragSplit = hang_frag_split


# ---------------------------------------------------------------- line ends in the tagged text

SOFT_HYPHEN = "\u00ad"  # the hyphen a line break added: drawn with the font's U+00AD glyph, so it reads as one
LINE_END_SPACE, LINE_END_HYPHEN = "space", "hyphen"
LINE_DRAWERS = (  # the RTL justifiers call these through the module, so they are not wrapped themselves
    "_leftDrawParaLine",
    "_centerDrawParaLine",
    "_rightDrawParaLine",
    "_justifyDrawParaLine",
    "_leftDrawParaLineX",
    "_centerDrawParaLineX",
    "_rightDrawParaLineX",
    "_justifyDrawParaLineX",
)
_LINE_END_ATTR = "_brochure_end"  # on a FragLine: how it ends, set by `mark_frag_line_ends`


def word_line_end(word: str) -> str | None:
    """How a one-font line ends, from the type of its last word (ReportLab 4+).

    `_SplitWordHY` (or `_SplitWordLL`, the same at the end of a split part) ends
    in a hyphen ReportLab added; any other `_SplitWord` is a word broken without
    one (no separator); `_SplitWordEnd` or a plain str ends a word.
    """
    if isinstance(word, _paragraph._SplitWordHY | _paragraph._SplitWordLL):
        return LINE_END_HYPHEN if word.endswith("-") else None
    if isinstance(word, _paragraph._SplitWord) and not isinstance(word, _paragraph._SplitWordEnd):
        return None
    return LINE_END_SPACE


def frag_word_line_end(frag_word: list) -> str | None:
    """How a styled line ends, from its last frag word: `_SplitFragHY`/`_SplitFragLL` hyphen, `_HSFrag` a space."""
    if isinstance(frag_word, _paragraph._SplitFragHY | _paragraph._SplitFragLL):
        text = frag_word[-1][1] if len(frag_word) > 1 else ""
        return LINE_END_HYPHEN if text.endswith("-") else None
    return LINE_END_SPACE if isinstance(frag_word, _paragraph._HSFrag) else None


def mark_frag_line_ends(paragraph: Paragraph) -> None:
    """Note on each styled line (a FragLine) of a wrapped paragraph how it ends, for `mark_line_ends`.

    At draw time `paragraph.frags` holds the frag words and each line's `sFW`
    the index of its first one, so a line's last word is the word before the
    next line's first (the part's last word for its last line).
    """
    bl = getattr(paragraph, "blPara", None)
    frags = getattr(paragraph, "frags", None)
    if bl is None or getattr(bl, "kind", 0) != 1 or not frags or not _paragraph._processed_frags(frags):
        return
    lines = bl.lines
    for i, line in enumerate(lines):
        last = lines[i + 1].sFW - 1 if i + 1 < len(lines) else len(frags) - 1
        while last > 0 and isinstance(frags[last], _paragraph._InjectedFrag):
            last -= 1
        end = frag_word_line_end(frags[last]) if 0 <= last < len(frags) else None
        if line.lineBreak or getattr(line, "words", None) and getattr(line.words[-1], "lineBreak", False):
            end = LINE_END_SPACE  # a <br/>: the words on either side are separate
        setattr(line, _LINE_END_ATTR, end)


@cache
def _soft_hyphen_drawable(font_name: str) -> bool:
    """True if the font draws U+00AD like "-": the same glyph, or a glyph of the same advance (Noto's uni00AD)."""
    from reportlab.pdfbase.pdfmetrics import getFont

    face = getattr(getFont(font_name), "face", None)
    glyphs, widths = getattr(face, "charToGlyph", None), getattr(face, "charWidths", None)
    if not glyphs or not widths or 0xAD not in glyphs or 0x2D not in glyphs:
        return False
    return glyphs[0xAD] == glyphs[0x2D] or widths.get(0xAD) == widths.get(0x2D)


_CJK_ENDS: dict[int, str | None] = {}  # id(words) of a one-font CJK line -> its end, for the paragraph being drawn


def _wide(ch: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(ch) in "WF"


def mark_cjk_line_ends(paragraph: Paragraph) -> None:
    """In a CJK-wrapped paragraph, note a space at each line end between two words of a spaced script.

    ReportLab's CJK breaker (`wordWrap="CJK"`) breaks between any two
    characters and drops the space it broke a Latin run at ("and" / "medication"
    of an English reference in a Chinese handout), leaving no marker. A line
    whose last character and the next line's first are both narrow (not East
    Asian wide) and not spaces had a space between them.
    """
    _CJK_ENDS.clear()
    bl = getattr(paragraph, "blPara", None)
    if bl is None or getattr(paragraph.style, "wordWrap", None) != "CJK":
        return
    styled = getattr(bl, "kind", 0) == 1

    def text(line: Any) -> str:
        if styled:
            return "".join(getattr(w, "text", "") for w in line.words)
        return "".join(line[1])

    lines = bl.lines
    for i, line in enumerate(lines):
        here = text(line)
        after = text(lines[i + 1]) if i + 1 < len(lines) else ""
        due = bool(here and after) and not (here[-1].isspace() or after[0].isspace())
        end = LINE_END_SPACE if due and not (_wide(here[-1]) or _wide(after[0])) else None
        if styled:
            setattr(line, _LINE_END_ATTR, end)
        else:
            _CJK_ENDS[id(line[1])] = end


_HYPHEN_TAIL = re.compile(r"-\) Tj T\*$")


def _mark_end(tx: Any, start: int, end: str | None) -> None:
    """Give the line drawn into `tx._code[start:]` its line end, before its closing T*, drawing nothing visible."""
    if end is None:
        return
    code = tx._code
    k = next((k for k in range(len(code) - 1, start - 1, -1) if code[k].endswith(" T*")), None)
    if k is None:
        return
    if code[k] == " T*" and k > start:  # an empty run ended the line (a styled line's injected frag)
        code[k - 1 : k + 1] = [code[k - 1] + " T*"]
        k -= 1
    body = code[k][: -len(" T*")]
    if end == LINE_END_HYPHEN:
        if not _HYPHEN_TAIL.search(code[k]) or not _soft_hyphen_drawable(tx._fontname):
            return
        head = re.sub(r"(^|(?<= ))\(\) Tj$", "", body[: -len("-) Tj")] + ") Tj").rstrip()
        code[k] = f"{head} {tx._formatText(SOFT_HYPHEN)} T*".lstrip()
    else:  # an invisible space after the last glyph: the next line starts from T*, not from the pen
        code[k] = f"{body} {tx._formatText(' ')} T*"


def _line_drawer(draw: Callable, styled: bool) -> Callable:
    def drawer(tx, offset, *args, **kwargs):
        start = len(tx._code)
        result = draw(tx, offset, *args, **kwargs)
        if getattr(tx, "direction", None) == "CJK" and not styled:  # only between two spaced words
            end = _CJK_ENDS.get(id(args[1]))
        elif styled:
            end = getattr(args[0], _LINE_END_ATTR, None)
        else:
            end = word_line_end(args[1][-1]) if args[1] else None
        _mark_end(tx, start, end)
        return result

    setattr(drawer, ORIGINAL, draw)
    return drawer


def mark_line_ends() -> None:
    """Wrap ReportLab's line drawers so the tagged text keeps a soft line break's word separator.

    ReportLab draws each line as `(words) Tj T*` and leaves the space it broke
    the line at out, so a screen reader reading the tags gets "isoften"; a
    hyphen it adds is a plain "-", so it reads "depres-sion". After each line
    the wrapper adds, before the `T*`, an invisible space where a word ends
    (the next line starts from the line matrix, so nothing visible moves), or
    draws the added hyphen as U+00AD (soft hyphen) where the font's U+00AD looks
    like its "-" (ISO 32000-1 14.8.2.2.3). Not a nested Span with /ActualText:
    poppler then drops the rest of the enclosing marked content.
    One-font lines are judged by their last word's type, styled lines by the
    mark `mark_frag_line_ends` leaves; lines of Chinese and Japanese (wordWrap
    CJK) by `mark_cjk_line_ends`: a space only between two words of a spaced
    script. A paragraph's bullet (`_drawBullet`, "15." of a reference) gets
    an invisible space after it.
    """
    for name in LINE_DRAWERS:
        draw = getattr(_paragraph, name)
        if getattr(draw, ORIGINAL, None) is None:
            setattr(_paragraph, name, _line_drawer(draw, styled=name.endswith("X")))
    draw_bullet = _paragraph._drawBullet
    if getattr(draw_bullet, ORIGINAL, None) is None:

        def bullet_then_space(canvas, offset, cur_y, bulletText, style, rtl):  # noqa: N803 - ReportLab's names
            """A paragraph's bullet ("15.") and an invisible space, so its tagged text is not glued to the text."""
            result = draw_bullet(canvas, offset, cur_y, bulletText, style, rtl)
            tx = canvas.beginText(style.bulletIndent, cur_y + getattr(style, "bulletOffsetY", 0))
            tx.setFont(style.bulletFontName, style.bulletFontSize)
            tx.textOut(" ")
            canvas.drawText(tx)
            return result

        setattr(bullet_then_space, ORIGINAL, draw_bullet)
        _paragraph._drawBullet = bullet_then_space


FUZZ: float = _FUZZ  # ReportLab's tolerance: a paragraph offered less width than this answers (0, 0x7FFFFFFF)


# ---------------------------------------------------------------- paragraphs


class HookedParagraph(Paragraph):
    """A Paragraph with a public hook that runs right after ReportLab has parsed the markup.

    ReportLab parses the text into `self.frags` in the private `Paragraph._setup`
    (from `__init__`). brochure needs to rework the runs there (per-run font
    fallback, right-to-left layout), before anything measures them. Subclasses
    override `after_parse()` instead of `_setup`.
    """

    def _setup(self, text, style, bulletText, frags, cleaner):  # noqa: N803 - ReportLab's signature
        super()._setup(text, style, bulletText, frags, cleaner)
        self.after_parse()

    def after_parse(self) -> None:
        """Called once `self.frags` holds the parsed runs."""

    def draw(self) -> None:
        mark_frag_line_ends(self)  # how each line ends, for the tagged text (`mark_line_ends`)
        mark_cjk_line_ends(self)
        super().draw()


# ---------------------------------------------------------------- flowables


def grouped(flowable: Flowable) -> list[Flowable] | None:
    """The flowables a container holds (KeepTogether and ReportLab's other `_Container`s), else None.

    ReportLab keeps them in the private `_content`; brochure lays a KeepTogether
    out by hand in fixed layouts (its own `split` needs a doc template), measures
    it, and finds headings inside it for the outline.
    """
    return getattr(flowable, "_content", None)


def is_frame_break(flowable: Flowable) -> bool:
    """True for the private `_FrameBreak` ReportLab's KeepTogether.split emits to ask for the next frame."""
    return isinstance(flowable, _FrameBreak)


def list_item_parts(item: Flowable) -> tuple[object, Flowable] | None:
    """(bullet, flowable) of one ReportLab list item (an LIIndenter), else None.

    `ListFlowable._getContent` turns the list into LIIndenters that keep the bullet
    (None when a flowable continues the item before it) and the wrapped flowable
    in private attributes; tagging needs both to build L > LI > (Lbl, LBody).
    """
    if not isinstance(item, _flowables.LIIndenter):
        return None
    return item._bullet, item._flowable


# ---------------------------------------------------------------- frames


def frame_width(frame: Frame) -> float:
    """The width a frame offers its flowables (`Frame._aW`, set when the frame is made)."""
    return frame._aW


def frame_height(frame: Frame) -> float:
    """The height an empty frame offers its flowables (`Frame._aH`, set when the frame is made)."""
    return frame._aH


def frame_room(frame: Frame) -> float:
    """The height still free in a frame: from the current position `_y` down to its padded bottom `_y1p`."""
    return frame._y - frame._y1p


def frame_at_top(frame: Frame) -> bool:
    """True while nothing has been placed in the frame (`Frame._atTop`)."""
    return bool(frame._atTop)


def at_frame_top(flowable: Flowable) -> bool:
    """True when the frame a flowable is being split for is still empty.

    A frame sets `_frame` on a flowable it splits; a doc template also keeps its
    current frame (`_doctemplateAttr("frame")`). No frame known: False.
    """
    frame = getattr(flowable, "_frame", None) or flowable._doctemplateAttr("frame")
    return frame is not None and bool(frame._atTop)


# ---------------------------------------------------------------- canvas


def canvas_with_page_hooks(
    base: type[Canvas],
    *,
    preamble_prefix: str = "",
    origin: tuple[float, float] = (0.0, 0.0),
    on_page_start: Callable[[Canvas], object] | None = None,
) -> type[Canvas]:
    """A subclass of canvas class `base` that prefixes every page's preamble and runs `on_page_start(canv)`.

    ReportLab writes `_preamble` (made by the private `_make_preamble`) at the start
    of every page's content stream, and starts each page in the private
    `_startPage` (also the first, from `__init__`), which empties the page's code and
    its after-page commands. The press canvas needs an origin shift before anything
    else a page draws (page furniture drawn late included) and its marks redrawn on
    every page: `preamble_prefix` goes in front of the preamble, and
    `on_page_start` runs after the canvas is made and after each page start.
    `origin`: where that prefix moves the origin to, so `absolute_rect` (tag BBoxes) counts it.
    """

    class PageHooks(base):
        page_origin = origin

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            if on_page_start is not None:
                on_page_start(self)

        def _startPage(self) -> None:  # noqa: N802 - ReportLab's name
            super()._startPage()
            if on_page_start is not None:
                on_page_start(self)

        def _make_preamble(self) -> None:
            super()._make_preamble()
            self._preamble: str = preamble_prefix + self._preamble

    PageHooks.__name__ = base.__name__
    return PageHooks


def move_to_after_page(canv: Canvas, draw: Callable[[Canvas], object]) -> None:
    """Run `draw(canv)`, then move what it wrote from the page's code to the page's after-page commands.

    ReportLab appends `_psCommandsAfterPage` after everything a page draws, and
    empties it at every page start; so marks drawn at page start print on top of
    the page. Replaces the after-page commands with that one block.
    """
    start = len(canv._code)
    draw(canv)
    canv._psCommandsAfterPage = [" ".join(canv._code[start:])]
    del canv._code[start:]


_STATE_ONLY = (" rg", " RG", " g", " G", " k", " K", " gs", " cs", " CS", " scn", " SCN", " sc", " SC")


def take_back(canv: Canvas, literal: str) -> bool:
    """Remove `literal` if nothing but colour or graphics-state operators was written after it on this page.

    For a marked-content opener that turned out to hold nothing: the state operators stay, the opener goes.
    """
    code = canv._code
    for i in range(len(code) - 1, -1, -1):
        if code[i] == literal:
            del code[i]
            return True
        if not code[i].rstrip().endswith(_STATE_ONLY):
            return False
    return False


def start_page(canv: Canvas) -> None:
    """Start a fresh page without writing the current one (ReportLab's private `Canvas._startPage`).

    `showPage` would write the page; a canvas that holds pages to draw "Page 3 of 8"
    at the end starts the next page itself. Subclasses' `_startPage` runs too.
    """
    canv._startPage()


def page_state(canv: Canvas) -> dict[str, Any]:
    """Everything the canvas holds for the current page (a shallow copy of its attributes).

    `Canvas._startPage` replaces (never clears in place) the page's code and
    resources, so the copy keeps the page as drawn so far.
    """
    return dict(canv.__dict__)


def restore_page_state(canv: Canvas, state: dict[str, Any]) -> None:
    """Put back a page held with `page_state`, so drawing continues on it and `showPage` writes it."""
    canv.__dict__.update(state)


def draw_vector(drawing: Any, canv: Canvas, x: float, y: float) -> None:
    """Draw a graphics Drawing (an icon) without the Helvetica its renderer selects first.

    renderPDF starts from the state defaults, whose font is Helvetica, and sets it on the canvas: an
    unembedded base-14 font in every PDF with a pictogram. The drawing takes the canvas's own font instead.
    """
    from reportlab.graphics import renderPDF

    drawing.initialFontName, drawing.initialFontSize = canv._fontname, canv._fontsize
    renderPDF.draw(drawing, canv, x, y)


def absolute_rect(canv: Canvas, rect: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A rectangle (x1, y1, x2, y2 in current coordinates) in page coordinates (private `Canvas._absRect`).

    `_absRect` knows the canvas's own transformations, not an origin shift written into the page preamble
    (the press sheet's bleed and slug, `canvas_with_page_hooks`): that is added here.
    """
    x1, y1, x2, y2 = canv._absRect(rect, relative=1)
    dx, dy = getattr(canv, "page_origin", (0.0, 0.0))
    return x1 + dx, y1 + dy, x2 + dx, y2 + dy


# ---------------------------------------------------------------- the document's fonts


def document(canv: Canvas) -> PDFDocument:
    """The PDFDocument a canvas writes into (private `Canvas._doc`)."""
    return canv._doc


class FontWriter(Protocol):
    """A font brochure writes itself: ReportLab calls `addObjects(doc)` when it writes the document."""

    def addObjects(self, doc: PDFDocument) -> None: ...  # noqa: N802 - ReportLab's name


def reserve_font(doc: PDFDocument, key: str, writer: FontWriter) -> str:
    """A font resource name (F7) for a font brochure writes itself; `writer.addObjects(doc)` runs at save.

    ReportLab names fonts F1, F2, … in `doc.fontMapping` and calls `addObjects`
    of everything in `doc.delayedFonts` when the document is written. A glyph-id
    font (`text.glyphfont`) registers itself the same way under `key`.
    """
    internal = f"F{len(doc.fontMapping) + 1}"
    doc.fontMapping[key] = "/" + internal
    doc.delayedFonts.append(writer)
    return internal


def add_font_resource(doc: PDFDocument, internal: str, font: object) -> None:
    """Put a font object in the font resources every page uses (`doc.idToObject['BasicFonts']`)."""
    doc.idToObject["BasicFonts"].dict[internal] = doc.Reference(font, internal)


# ---------------------------------------------------------------- drawing wrappers (tagging)

WRAPPED = "_brochure_hook"  # set on a wrapper, so wrapping twice does nothing


def _subclasses(cls: type[object]) -> Iterator[type]:
    yield cls
    for sub in cls.__subclasses__():
        yield from _subclasses(sub)


def _wrap(cls: type, name: str, wrapper: Callable) -> None:
    orig = cls.__dict__.get(name)
    if orig is not None and not getattr(orig, WRAPPED, False):
        wrapped = wrapper(orig)
        setattr(wrapped, WRAPPED, True)
        setattr(cls, name, wrapped)


def wrap_drawing(hooks: DrawingHooks) -> None:
    """Wrap the ReportLab methods tagging needs around drawing, on every class that defines them now.

    Open-source ReportLab writes no tags; tagging brackets what a flowable draws
    in marked content. Wrapped: `drawOn` of `Flowable` and of every subclass
    defined so far (and the private `_Container`), `split` of Paragraph,
    DDIndenter, LIIndenter and Table (the parts keep the tag), the private
    `ListFlowable._getContent` (list items), `BulletDrawer.drawOn` (a list
    label), the private `Table._drawBkgrnd` and `Table._drawLines` (decoration).
    """
    for cls in {*_subclasses(Flowable), _flowables._Container}:
        _wrap(cls, "drawOn", hooks.draw_on)
    for cls in (Paragraph, _flowables.DDIndenter, _flowables.LIIndenter, _tables.Table):
        _wrap(cls, "split", hooks.split)
    _wrap(_flowables.ListFlowable, "_getContent", hooks.list_items)
    _wrap(_flowables.BulletDrawer, "drawOn", hooks.bullet)
    _wrap(_tables.Table, "_drawBkgrnd", hooks.decoration)
    _wrap(_tables.Table, "_drawLines", hooks.decoration)


# ---------------------------------------------------------------- python-bidi


def bidi_levels(text: str, base: int) -> list[int]:
    """UBA embedding levels (rules P–I) for one paragraph at base level `base`, one per character.

    python-bidi's public `get_display` reorders a whole string; brochure breaks
    lines itself and needs the levels. Its pure-Python `bidi.algorithm` runs the
    rules step by step on a storage dict; rule X9 drops BN characters (ZWJ, ZWNJ)
    from `storage['chars']`, so they take the level of the character before them.
    """
    check_versions()
    from bidi import algorithm as uba

    storage = uba.get_empty_storage()
    storage["base_level"] = base
    storage["base_dir"] = "LR"[base]
    uba.get_embedding_levels(text, storage)
    every = list(storage["chars"])  # rule X9 drops BN (ZWJ, ZWNJ) from the list; keep them in place
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    kept = {id(c) for c in storage["chars"]}
    out: list[int] = []
    for c in every:
        out.append(c["level"] if id(c) in kept or not out else out[-1])
    return out
