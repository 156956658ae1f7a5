"""Tagged PDF (PDF/UA-1): marked content while ReportLab draws, the structure tree after it.

Open-source ReportLab writes no tags. This module is the one place that knows
about them; the rest of the renderer only says what a flowable *is*:

    tagging.mark(paragraph, "H2")                       # a heading
    tagging.mark(image, "Figure", alt="Clinic logo")    # a figure and its alternative text
    tagging.link(paragraph, "https://…", "Website: …")  # a paragraph that is a link
    tagging.mark(lines, artifact="Layout")              # drawn decoration
    with tagging.artifact(canv, "Pagination"): …        # running headers, footers, bands

How it works:

- `install()` (run once at import) wraps `drawOn` of ReportLab's flowables.
  When the canvas carries a `Tagger` (`Tagger.attach`) and the flowable has a
  tag, a *leaf* (P, H1, Figure, LBody …) is drawn inside
  `/P <</MCID n>> BDC … EMC` and a *container* (L, LI) collects the elements
  drawn inside it. A `Paragraph` without a tag is a P; lists are L > LI >
  (Lbl, LBody) on their own (ReportLab's list machinery is patched here, not in
  the layouts); table backgrounds and rules are artifacts, their cells'
  content is tagged.
- A flowable split across frames or pages keeps its tag, so the parts are one
  element with marked content on both pages.
- Right-to-left paragraphs are drawn in visual order; their elements carry
  /ActualText with the text in logical order (`Para.logical_text`).
- Reading order: elements hang in the tree in the order they are drawn,
  except that top-level elements sort by the `reading(rank)` block they were
  drawn in: fixed layouts draw frames in an order of their own and say which
  region a reader meets first.
- `Tagger.finish_step()` is a `finish` step (pikepdf): it writes the
  StructTreeRoot, the ParentTree, each page's StructParents and /Tabs /S,
  link annotations' /StructParent and /Contents, MarkInfo and
  DisplayDocTitle, and claims PDF/UA-1 for the XMP packet.

Nothing is artifacted by default: content drawn outside any tag or artifact
stays outside marked content, which the tests find by parsing every content
stream (so real text is never silently hidden from screen readers).
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import pikepdf
from reportlab.pdfbase.pdfdoc import PDFString
from reportlab.platypus.paragraph import Paragraph

from brochure.media import _reportlab

if TYPE_CHECKING:  # ReportLab's classes read as Any to mypy (no types); they name what a function takes
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus.flowables import Flowable

    from brochure.pdf.finish import Claims, Step

F = TypeVar("F")  # any flowable: mark() and link() return the one they were given

LEAVES = frozenset({"P", "H1", "H2", "H3", "H4", "H5", "H6", "Lbl", "LBody", "Figure", "Span", "Caption", "TH", "TD"})


@dataclass(eq=False)
class Tag:
    """What a flowable is, for readers that do not see the page."""

    role: str  # a standard structure type: P, H1 … H6, L, LI, Lbl, LBody, Figure
    alt: str | None = None  # alternative text (figures)
    lang: str | None = None  # language of this element when it differs from the document's
    link: tuple[str, str] | None = None  # (URI, description): the element holds a Link with its annotation
    parent: Tag | None = None  # the element it belongs in when drawn apart from it (list items split across frames)
    order: int = 0  # among its siblings: lower first (a right-to-left table whose later cell is drawn first)
    artifact: str | None = None  # drawn decoration: the artifact type (Layout, Pagination) instead of a role

    @property
    def leaf(self) -> bool:
        return self.role in LEAVES


def own_tag(flowable: Flowable) -> Tag | None:
    """The flowable's own tag (never one forwarded from a wrapped flowable, as list indenters would)."""
    return getattr(flowable, "__dict__", {}).get("_tag")


def mark(
    flowable: F,
    role: str = "",
    *,
    alt: str | None = None,
    lang: str | None = None,
    order: int = 0,
    artifact: str | None = None,
    parent: Tag | None = None,
) -> F:
    """Say what a flowable is; returns it, so it can be used inline."""
    flowable.__dict__["_tag"] = Tag(
        role or "Artifact", alt=alt, lang=lang, order=order, artifact=artifact, parent=parent
    )
    return flowable


def link(flowable: F, uri: str, description: str) -> F:
    """A paragraph that is a link: a P holding a Link element with its annotation (and /Contents)."""
    flowable.__dict__["_tag"] = Tag("P", link=(uri, description))
    return flowable


# ---------------------------------------------------------------- the tree while drawing
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
        page = canv.getPageNumber() - 1
        ids = self.mcids.setdefault(page, [])
        mcid = len(ids)
        ids.append(elem)
        elem.kids.append(MC(page, mcid, (0, next(self._seq))))
        with _marked(canv, self, f"/{elem.role} <</MCID {mcid}>> BDC"):
            yield

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
            write_tree(pdf, self)
            claims.pdfua = True

        return step


def tagger_of(canv: Canvas) -> Tagger | None:
    return getattr(canv, "_tagger", None)


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
    with t.leaf(canv, "Figure", alt=alt, lang=lang, bbox=_bbox(canv, x, y, w, h)):
        yield


def _bbox(canv: Canvas, x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
    x1, y1, x2, y2 = _reportlab.absolute_rect(canv, (x, y, x + w, y + h))
    return round(x1, 2), round(y1, 2), round(x2, 2), round(y2, 2)


# ---------------------------------------------------------------- ReportLab hooks
def _size(f: Flowable) -> tuple[float, float]:
    w = getattr(f, "drawWidth", None) or getattr(f, "width", 0) or 0
    h = getattr(f, "drawHeight", None) or getattr(f, "height", 0) or 0
    return float(w), float(h)


def _link_rect(f: Flowable, x: float, y: float) -> tuple[float, float, float, float]:
    """Where the link text is: the paragraph's box, as wide as its longest line for left-aligned text."""
    w, h = _size(f)
    widths = None
    if getattr(f, "_bidi", None) is None and hasattr(f, "getActualLineWidths0"):
        with contextlib.suppress(Exception):
            widths = f.getActualLineWidths0()
    if widths and getattr(f.style, "alignment", 0) == 0:
        w = min(w, max(widths) + f.style.leftIndent)
    return x, y, x + w, y + h


def _tagged(orig):
    def drawOn(self, canvas, x, y, *args, **kwargs):  # noqa: N802 - ReportLab's name
        t = tagger_of(canvas)
        if t is None or t._marked or id(self) in t._active:
            return orig(self, canvas, x, y, *args, **kwargs)
        tag = own_tag(self)
        if tag is None and isinstance(self, Paragraph):
            tag = self.__dict__["_tag"] = Tag("P")
        if tag is None:  # transparent: what it draws inside is tagged on its own
            return orig(self, canvas, x, y, *args, **kwargs)
        t._active.add(id(self))
        try:
            if tag.artifact:
                with artifact(canvas, tag.artifact):
                    return orig(self, canvas, x, y, *args, **kwargs)
            elem = t.element(tag)
            if tag.role == "Figure" and elem.bbox is None:
                elem.bbox = _bbox(canvas, x, y, *_size(self))
            if not tag.leaf:
                with t.container(elem):
                    return orig(self, canvas, x, y, *args, **kwargs)
            spoken = self.logical_text() if hasattr(self, "logical_text") else None
            if tag.link:
                # the text belongs to the Link element; the paragraph holds it
                link_elem = next((k for k in elem.kids if isinstance(k, Elem) and k.role == "Link"), None)
                link_elem = link_elem or t._new("Link", elem)
                if spoken is not None:
                    link_elem.actual.append(spoken)
                with t.content(canvas, link_elem):
                    result = orig(self, canvas, x, y, *args, **kwargs)
                t.add_link(canvas, elem, *tag.link, _link_rect(self, x, y))
                return result
            if spoken is not None:
                elem.actual.append(spoken)
            with t.content(canvas, elem):
                return orig(self, canvas, x, y, *args, **kwargs)
        finally:
            t._active.discard(id(self))

    return drawOn


def _keeps_tag(orig):
    """A split keeps the tag on the parts that are pieces of the same thing (same class)."""

    def split(self, *args, **kwargs):
        tag = own_tag(self)
        if tag is None and isinstance(self, Paragraph):
            tag = self.__dict__["_tag"] = Tag("P")
        parts = orig(self, *args, **kwargs)
        if tag is not None:
            for p in parts:
                if type(p) is type(self) and own_tag(p) is None:
                    p.__dict__["_tag"] = tag
        return parts

    return split


def _list_content(orig):
    """A ReportLab list's items (LIIndenters) as L > LI > (Lbl, LBody), also when split across frames."""

    def _getContent(self):  # noqa: N802 - ReportLab's name
        items = orig(self)
        tag = own_tag(self) or Tag("L")
        self.__dict__["_tag"] = tag
        li = None
        for item in items:
            parts = _reportlab.list_item_parts(item)
            if parts is None:
                continue
            bullet, inner = parts
            if bullet is not None or li is None:  # a bullet starts an item; more flowables continue it
                li = Tag("LI", parent=tag)
            item.__dict__["_tag"] = li
            own = own_tag(inner)
            if own is None:
                inner.__dict__["_tag"] = Tag("LBody", parent=li)
            elif own.role == "LBody" and own.parent is None:  # marked beforehand for its /Lang: keep it in its LI
                own.parent = li
        return items

    return _getContent


def _bullet(orig):
    def drawOn(self, indenter, canv, x, y, _sW=0):  # noqa: N802, N803 - ReportLab's names
        t = tagger_of(canv)
        li = own_tag(indenter)
        if t is None or t._marked or li is None:
            return orig(self, indenter, canv, x, y, _sW)
        with t.content(canv, t._new("Lbl", t.element(li))):
            return orig(self, indenter, canv, x, y, _sW)

    return drawOn


def _decoration(orig):
    def draw(self, *args, **kwargs):
        with artifact(self.canv, "Layout"):
            return orig(self, *args, **kwargs)

    return draw


def install() -> None:
    """Wrap ReportLab's drawing once (idempotent). Without a Tagger on the canvas nothing changes."""
    _reportlab.install(
        drawing=_reportlab.DrawingHooks(
            draw_on=_tagged, split=_keeps_tag, list_items=_list_content, bullet=_bullet, decoration=_decoration
        )
    )


install()


# ---------------------------------------------------------------- writing the tree (pikepdf)
def write_tree(pdf: pikepdf.Pdf, tagger: Tagger) -> None:
    """StructTreeRoot, ParentTree, StructParents, annotations' keys, MarkInfo, Tabs, DisplayDocTitle."""
    from pikepdf import Array, Dictionary, Name, String

    pages = pdf.pages
    page_objs = [p.obj for p in pages]
    tree = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    refs: dict[int, pikepdf.Object] = {}  # id(Elem) → its indirect dictionary
    annots: dict[tuple[int, int], pikepdf.Object] = {}
    for page, found in tagger.links.items():
        links = [a for a in pages[page].obj.get("/Annots", []) if a.get("/Subtype") == Name.Link]
        if len(links) != len(found):
            raise BugError(f"page {page + 1}: {len(links)} link annotations, {len(found)} recorded")
        for i, (annot, (_, uri, _)) in enumerate(zip(links, found, strict=True)):
            if str(annot.A.URI) != uri:
                raise BugError(f"page {page + 1}: link annotation {i} is {annot.A.URI}, recorded {uri}")
            annots[(page, i)] = annot

    def build(elem: Elem, parent: pikepdf.Object) -> pikepdf.Object | None:
        d = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + elem.role), P=parent))
        refs[id(elem)] = d
        kids: list[pikepdf.Object | int] = []  # an MCID on the element's own page is a bare number
        first_page = next((k.page for k in _walk_mcs(elem)), None)
        if first_page is not None:
            d.Pg = page_objs[first_page]
        for kid in sorted(elem.kids, key=lambda k: k.order):
            if isinstance(kid, Elem):
                sub = build(kid, d)
                if sub is not None:
                    kids.append(sub)
            elif isinstance(kid, MC):
                if kid.page == first_page and kid.page == _own_page(elem):
                    kids.append(kid.mcid)
                else:
                    kids.append(Dictionary(Type=Name.MCR, Pg=page_objs[kid.page], MCID=kid.mcid))
            else:
                kids.append(Dictionary(Type=Name.OBJR, Obj=annots[(kid.page, kid.index)], Pg=page_objs[kid.page]))
        if not kids:
            return None  # drew nothing (an empty paragraph): no element
        d.K = Array(kids) if len(kids) > 1 else kids[0]
        if elem.alt is not None:
            d.Alt = String(elem.alt)
        if elem.lang:
            d.Lang = String(elem.lang)
        if elem.actual:
            d.ActualText = String(" ".join(elem.actual))
        if elem.bbox is not None:
            d.A = Dictionary(O=Name.Layout, BBox=Array(list(elem.bbox)))
        return d

    doc = build(tagger.root, tree)
    if doc is None:
        raise BugError("nothing was tagged")
    if tagger.lang:
        doc.Lang = String(tagger.lang)
    tree.K = doc

    nums: list[int | pikepdf.Object] = []
    for page, ids in sorted(tagger.mcids.items()):
        pages[page].obj.StructParents = page
        nums += [page, pdf.make_indirect(Array([refs[id(e)] for e in ids]))]
    key = len(pages)
    for page, found in sorted(tagger.links.items()):
        for i, (link_elem, _, description) in enumerate(found):
            annot = annots[(page, i)]
            annot.StructParent = key
            annot.Contents = String(description)
            nums += [key, refs[id(link_elem)]]
            key += 1
    tree.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
    tree.ParentTreeNextKey = key
    for p in pages:
        if "/Annots" in p.obj:
            p.obj.Tabs = Name.S
    pdf.Root.StructTreeRoot = tree
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    prefs = pdf.Root.get("/ViewerPreferences")
    if prefs is None:
        prefs = pdf.Root.ViewerPreferences = Dictionary()
    prefs.DisplayDocTitle = True


def _walk_mcs(elem: Elem) -> Iterator[MC]:
    for k in sorted(elem.kids, key=lambda k: k.order):
        if isinstance(k, MC):
            yield k


def _own_page(elem: Elem) -> int | None:
    return next((k.page for k in _walk_mcs(elem)), None)
