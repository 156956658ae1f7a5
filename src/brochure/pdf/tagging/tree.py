"""The structure tree while ReportLab draws: elements, marked content, artifacts, figures (the `Tagger`)."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reportlab.pdfbase.pdfdoc import PDFString

from brochure.media import _reportlab

from .api import Tag

if TYPE_CHECKING:  # ReportLab's classes read as Any to mypy (no types); they name what a function takes
    import pikepdf
    from reportlab.pdfgen.canvas import Canvas

    from brochure.pdf.finish import Claims, Step


@dataclass(eq=False)
class Elem:
    role: str
    parent: Elem | None
    order: tuple[int, int]
    alt: str | None = None
    lang: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    actual: list[str] = field(default_factory=list)  # /ActualText, part by part (right-to-left paragraphs)
    kids: list[Elem | MC | Annot] = field(default_factory=list)  # each with .order
    split: bool = False  # holds words in another language: its content is in Span children only


@dataclass(frozen=True)
class MC:
    page: int
    mcid: int
    order: tuple[int, int]


@dataclass(frozen=True)
class Annot:
    page: int
    index: int  # the n-th link annotation this tagger put on that page
    uri: str
    order: tuple[int, int]


class BugError(AssertionError):
    """Marked content is unbalanced: a bug in the renderer, not in the user's files."""


class Tagger:
    """Marked-content ids per page and the structure elements they belong to, for one document."""

    def __init__(self, lang: str | None = None, *, links: bool = True) -> None:
        self.lang = lang
        self.with_links = links  # press files: no annotations inside the bleed (PDF/X); the text stays a P
        self.root = Elem("Document", None, (0, 0))
        self.stack: list[Elem] = [self.root]
        self.elems: dict[Tag, Elem] = {}
        self.mcids: dict[int, list[Elem]] = {}  # page index → element of each MCID
        self.links: dict[int, list[tuple[Elem, str, str]]] = {}  # page index → (Link element, uri, description)
        self.rank = 0
        self._seq = itertools.count(1)
        self._marked = 0  # inside a BDC … EMC of ours (content or artifact)
        self._active: set[int] = set()  # flowables being drawn (a drawOn calling its base class's drawOn)
        self._open: list[Elem] = []  # elements whose marked content is open (innermost last)

    def attach(self, canv: Canvas) -> Canvas:
        """Tag what is drawn on this canvas; returns the canvas."""
        canv._tagger = self
        return canv

    # ------------------------------------------------------------ elements
    def _new(self, role: str, parent: Elem, order: int = 0, **kw: Any) -> Elem:
        key = self.rank if parent is self.root else order
        e = Elem(role, parent, (key, next(self._seq)), **kw)
        parent.kids.append(e)
        return e

    def element(self, tag: Tag) -> Elem:
        e = self.elems.get(tag)
        if e is None:
            parent = self.element(tag.parent) if tag.parent is not None else self.stack[-1]
            e = self.elems[tag] = self._new(tag.role, parent, tag.order, alt=tag.alt, lang=tag.lang)
        return e

    @contextlib.contextmanager
    def reading(self, rank: int) -> Iterator[None]:
        """Top-level elements drawn inside the block read at this rank (lower first), whatever the drawing order."""
        before, self.rank = self.rank, rank
        try:
            yield
        finally:
            self.rank = before

    # ------------------------------------------------------------ marked content
    @contextlib.contextmanager
    def content(self, canv: Canvas, elem: Elem) -> Iterator[None]:
        mcid = self._sequence(canv, elem)
        self._open.append(elem)
        try:
            with _marked(canv, self, self._opener(elem, mcid)):
                yield
        finally:
            self._open.pop()

    def _opener(self, elem: Elem, mcid: int) -> str:
        return f"/{'Span' if elem.split else elem.role} <</MCID {mcid}>> BDC"

    def _sequence(self, canv: Canvas, elem: Elem) -> int:
        """A new MCID on this page for the element's content (inside a Span of its own once the element has
        words in another language: an element then holds elements only, so its reading order is plain)."""
        page = canv.getPageNumber() - 1
        ids = self.mcids.setdefault(page, [])
        owner = self._new("Span", elem) if elem.split else elem
        ids.append(owner)
        owner.kids.append(MC(page, len(ids) - 1, (0, next(self._seq))))
        return len(ids) - 1

    @contextlib.contextmanager
    def span(self, canv: Canvas, lang: str) -> Iterator[None]:
        """What is drawn inside is a Span child with its own /Lang, in the middle of an element's marked content.

        The element's open sequence is closed and another opened after the span. Its text so far moves into
        Spans of its own (checkers such as outloud read an element's own content before its children's). A Span
        as nested marked content instead would end the element's text early in poppler, which pops the MCID at
        the inner EMC.
        """
        if not self._open or self._inherited_lang(self._open[-1]) == lang:  # already read in that language
            yield
            return
        parent = self._open[-1]
        page = canv.getPageNumber() - 1
        last = self.mcids[page][-1]
        if _reportlab.take_back(canv, self._opener(parent, len(self.mcids[page]) - 1)):  # nothing drawn in it yet
            self.mcids[page].pop()
            last.kids.pop()
            if last is not parent:
                parent.kids.remove(last)
        else:
            canv.addLiteral("EMC")
        if not parent.split:
            parent.split = True
            for i, kid in enumerate(parent.kids):
                if isinstance(kid, MC):  # its own text so far: each sequence becomes a Span, in place
                    wrapper = Elem("Span", parent, kid.order, kids=[kid])
                    parent.kids[i] = wrapper
                    self.mcids[kid.page][kid.mcid] = wrapper
        self._open.pop()
        try:
            with self.content(canv, self._new("Span", parent, lang=lang)):
                yield
        finally:
            mcid = self._sequence(canv, parent)
            canv.addLiteral(self._opener(parent, mcid))
            self._open.append(parent)

    def _inherited_lang(self, elem: Elem | None) -> str | None:
        """The /Lang a reader applies to the element: its own, else the nearest ancestor's, else the document's."""
        while elem is not None:
            if elem.lang:
                return elem.lang
            elem = elem.parent
        return self.lang

    @contextlib.contextmanager
    def container(self, elem: Elem) -> Iterator[None]:
        self.stack.append(elem)
        try:
            yield
        finally:
            if self.stack.pop() is not elem:
                raise BugError("structure elements closed out of order")

    def leaf(self, canv: Canvas, role: str, **kw: Any) -> contextlib.AbstractContextManager[None]:
        """Marked content for a new element drawn by hand (a logo on a cover band)."""
        return self.content(canv, self._new(role, self.stack[-1], **kw))

    def add_link(
        self, canv: Canvas, elem: Elem, uri: str, description: str, rect: tuple[float, float, float, float]
    ) -> None:
        """A link annotation over `rect` (current coordinates) and a Link element holding it."""
        if not self.with_links:
            return
        page = canv.getPageNumber() - 1
        on_page = self.links.setdefault(page, [])
        link_elem = next((k for k in elem.kids if isinstance(k, Elem) and k.role == "Link"), None)
        if link_elem is None:
            link_elem = self._new("Link", elem)
        link_elem.kids.append(Annot(page, len(on_page), uri, (0, next(self._seq))))
        on_page.append((link_elem, uri, description))
        canv.linkURL(uri, rect, relative=1, thickness=0, Contents=PDFString(description), F=4)  # F=4: print

    # ------------------------------------------------------------ finishing
    def finish_step(self) -> Step:
        """The `finish` step that writes this tree into the document."""

        def step(pdf: pikepdf.Pdf, ctx: object, claims: Claims) -> None:
            from .writer import write_tree  # the writer reads this module's classes: imported when used

            write_tree(pdf, self)
            claims.pdfua = True

        return step


def tagger_of(canv: Canvas) -> Tagger | None:
    return getattr(canv, "_tagger", None)


class ForeignWords:
    """How text code (`text.rtl`, below this layer) marks words in another language on a tagged canvas."""

    @contextlib.contextmanager
    def span(self, canv: Canvas, lang: str) -> Iterator[None]:
        """Words in another language inside a tagged paragraph: a Span with their /Lang (`Tagger.span`)."""
        t = tagger_of(canv)
        if t is None:
            yield
            return
        with t.span(canv, lang):
            yield

    def whole(self, canv: Canvas, lang: str) -> None:
        """The element being drawn is all in `lang` (a clinic name, a web address): its own /Lang, no Span."""
        t = tagger_of(canv)
        if t is not None and t._open and t._open[-1].lang is None and t._inherited_lang(t._open[-1]) != lang:
            t._open[-1].lang = lang


foreign_words = ForeignWords()


@contextlib.contextmanager
def artifact(canv: Canvas, kind: str = "Layout", subtype: str | None = None) -> Iterator[None]:
    """Draw decoration or page furniture as an artifact (screen readers skip it)."""
    t = tagger_of(canv)
    if t is None or t._marked:  # untagged document, or already inside marked content
        yield
        return
    props = f"/Type /{kind}" + (f" /Subtype /{subtype}" if subtype else "")
    with _marked(canv, t, f"/Artifact <<{props}>> BDC"):
        yield


@contextlib.contextmanager
def _marked(canv: Canvas, t: Tagger, opener: str) -> Iterator[None]:
    """One marked-content sequence: `opener` … EMC, counted so nothing nests inside it."""
    canv.addLiteral(opener)
    t._marked += 1
    try:
        yield
    finally:
        t._marked -= 1
        canv.addLiteral("EMC")


@contextlib.contextmanager
def repeated(canv: Canvas, first: bool, kind: str = "Pagination", subtype: str | None = None) -> Iterator[None]:
    """Text printed on every page or panel (the unreviewed-translation notice): the first copy is content,
    read once before everything else; the copies are artifacts."""
    t = tagger_of(canv)
    if t is None or not first or t._marked:
        with artifact(canv, kind, subtype):
            yield
        return
    with t.reading(-1):
        yield


@contextlib.contextmanager
def figure(canv: Canvas, alt: str, rect: tuple[float, float, float, float], lang: str | None = None) -> Iterator[None]:
    """An image drawn by hand (not as a flowable): a Figure with its alternative text; rect is x, y, w, h."""
    t = tagger_of(canv)
    if t is None:
        yield
        return
    x, y, w, h = rect
    with t.leaf(canv, "Figure", alt=alt, lang=lang, bbox=drawn_bbox(canv, x, y, w, h)):
        yield


def drawn_bbox(canv: Canvas, x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
    x1, y1, x2, y2 = _reportlab.absolute_rect(canv, (x, y, x + w, y + h))
    return round(x1, 2), round(y1, 2), round(x2, 2), round(y2, 2)
