"""The drawing hooks: tagged `drawOn`, tags kept across splits, lists as L > LI > Lbl/LBody, decorations as artifacts.

Installed through the one adapter that touches ReportLab's internals (`media/_reportlab.py`), once, when
`brochure.pdf.tagging` is imported.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from reportlab.platypus.paragraph import Paragraph

from brochure.media import _reportlab

from .api import Tag, own_tag
from .tree import Elem, artifact, drawn_bbox, tagger_of

if TYPE_CHECKING:  # ReportLab's classes read as Any to mypy (no types); they name what a function takes
    from reportlab.platypus.flowables import Flowable


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
                elem.bbox = drawn_bbox(canvas, x, y, *_size(self))
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
