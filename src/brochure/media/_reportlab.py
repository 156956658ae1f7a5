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
        "HookedParagraph (Paragraph._setup)",
        "wrap_drawing (Flowable.drawOn, split, ListFlowable._getContent, BulletDrawer.drawOn, "
        "Table._drawBkgrnd, Table._drawLines, flowables._Container)",
        "list_item_parts (LIIndenter._bullet, LIIndenter._flowable)",
        "grouped (KeepTogether._content)",
        "is_frame_break (doctemplate._FrameBreak)",
        "frame_width, frame_height, frame_room, frame_at_top (Frame._aW, _aH, _y, _y1p, _atTop)",
        "canvas_with_page_hooks, move_to_after_page (Canvas._startPage, _make_preamble, _preamble, "
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

    Always: the version check and the CJK line-start rules (`extend_cannot_start`,
    `hang_closing_marks`). With `drawing`: tagging's wrappers (`wrap_drawing`),
    installed on the flowable classes that exist at that moment.
    """
    check_versions()
    if "text" not in _installed:
        extend_cannot_start(CANNOT_START)
        hang_closing_marks()
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

# Full-width closing punctuation must not start a line (ReportLab's list lacks most of it).
CANNOT_START = "，。、：；！？）》」』】〕〉…．％"


def extend_cannot_start(chars: str) -> None:
    """Add `chars` to the characters ReportLab never puts at the start of a line.

    ReportLab keeps that list as a module string `ALL_CANNOT_START` in
    `reportlab.lib.textsplit` (one-font paragraphs break there) and a copy in
    `reportlab.platypus.paragraph` (mixed-font paragraphs break there); its list
    lacks most full-width closing punctuation. Both copies are extended.
    """
    _textsplit.ALL_CANNOT_START += chars
    _paragraph.ALL_CANNOT_START += chars


def no_line_start() -> frozenset[str]:
    """The characters that must not start a line (ReportLab's list as extended)."""
    return frozenset(_textsplit.ALL_CANNOT_START)


ORIGINAL = "wrapped"  # on each line-breaking wrapper: ReportLab's own function (the adapter tests call it)


def hang_closing_marks() -> None:
    """Wrap ReportLab's two CJK line breakers so no closing mark starts a line.

    ReportLab's `wordSplit` (one font) and `cjkFragSplit` (several fonts) hang
    at most one such character in the margin ("we won't do two or more"), so
    "…东西）。" still puts "。" at the start of the next line. The wrappers
    (installed as `reportlab.platypus.paragraph.wordSplit` / `cjkFragSplit`,
    which `Paragraph` looks up at call time) move every closing mark that would
    start a line to the end of the line before it.
    """
    from reportlab.lib.rl_accel import sameFrag
    from reportlab.pdfbase.pdfmetrics import stringWidth

    word_split, frag_split = _paragraph.wordSplit, _paragraph.cjkFragSplit
    marks = no_line_start()

    def hang_word_split(word, maxWidths, fontName, fontSize, encoding="utf8"):  # noqa: N803 - ReportLab's names
        lines = word_split(word, maxWidths, fontName, fontSize, encoding)
        for k in range(1, len(lines)):
            prev, line = lines[k - 1], lines[k]
            while line[1] and line[1][0] in marks:
                width = stringWidth(line[1][0], fontName, fontSize)
                prev[0], prev[1] = prev[0] - width, prev[1] + line[1][0]
                line[0], line[1] = line[0] + width, line[1][1:]
        return [line for line in lines if line[1]]

    def hang_frag_split(frags, maxWidths, calcBounds, encoding="utf8"):  # noqa: N803
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


# ---------------------------------------------------------------- canvas


def canvas_with_page_hooks(
    base: type[Canvas], *, preamble_prefix: str = "", on_page_start: Callable[[Canvas], object] | None = None
) -> type[Canvas]:
    """A subclass of canvas class `base` that prefixes every page's preamble and runs `on_page_start(canv)`.

    ReportLab writes `_preamble` (made by the private `_make_preamble`) at the start
    of every page's content stream, and starts each page in the private
    `_startPage` (also the first, from `__init__`), which empties the page's code and
    its after-page commands. The press canvas needs an origin shift before anything
    else a page draws (page furniture drawn late included) and its marks redrawn on
    every page: `preamble_prefix` goes in front of the preamble, and
    `on_page_start` runs after the canvas is made and after each page start.
    """

    class PageHooks(base):
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


def absolute_rect(canv: Canvas, rect: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A rectangle (x1, y1, x2, y2 in current coordinates) in page coordinates (private `Canvas._absRect`)."""
    return canv._absRect(rect, relative=1)


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
