"""Page machinery every length shares: deferred page furniture and a doc template.

`PagedCanvas` holds each finished page until the document ends, so running
footers can say "Page 3 of 8" in one layout pass. `HandoutDoc` adds outline
entries for headings and expands `PadPages` into the padding pages a booklet
needs to reach a multiple of four; `extent` measures what must still
follow the padding (the back cover), by laying it out for real.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, NextPageTemplate, PageBreak, PageTemplate

from brochure.media import _reportlab

Furniture = Callable[[Canvas, int, int, str], None]  # canvas, page number, page count, page kind


def paged_canvas(furniture: Furniture) -> type[Canvas]:
    class PagedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []
            self._marks: dict[int, list[tuple[str, dict[str, Any]]]] = {}  # held page index -> its bookmarks
            self.page_kind = ""

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._held.append(_reportlab.page_state(self))
            _reportlab.start_page(self)

        def bookmarkPage(self, key: str, **kwargs: Any) -> None:  # noqa: N802 - ReportLab's name
            """Set when the page is written, at save: ReportLab marks the page it is writing, which until then
            is always the first (every booklet bookmark opened the cover)."""
            self._marks.setdefault(len(self._held), []).append((key, kwargs))

        def save(self) -> None:
            total = len(self._held)
            for number, state in enumerate(self._held, start=1):
                _reportlab.restore_page_state(self, state)
                for key, kwargs in self._marks.get(number - 1, []):
                    Canvas.bookmarkPage(self, key, **kwargs)
                furniture(self, number, total, state.get("page_kind", ""))
                Canvas.showPage(self)
            Canvas.save(self)

    return PagedCanvas


class PadPages(Flowable):
    """Marks where filler pages go so the final count is a multiple of `multiple`.

    `trailing` pages (the back cover) still follow it: measure them with
    `extent`, never assume one (a brand's notes push a half-letter
    back cover onto a second page).
    """

    def __init__(
        self,
        multiple: int,
        trailing: int,
        filler: Callable[[int, int], list[Flowable]],  # (index, count): the page's flowables
        filler_template: str,
        next_template: str,
    ) -> None:
        super().__init__()
        self.multiple, self.trailing = multiple, trailing
        self.filler, self.filler_template, self.next_template = filler, filler_template, next_template

    def expand(self, current_page: int) -> list[Flowable]:
        pad = (-(current_page + self.trailing)) % self.multiple
        out: list[Flowable] = []
        for i in range(pad):
            out += [NextPageTemplate(self.filler_template), PageBreak(), *self.filler(i, pad)]
        return out + [NextPageTemplate(self.next_template), PageBreak()]

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:  # pragma: no cover - expanded before layout
        return 0, 0


@dataclass(frozen=True)
class Extent:
    """What a run of flowables takes: its pages, and the height still free at the foot of the last one."""

    pages: int
    room: float


def extent(flowables: list[Flowable], pagesize: tuple[float, float], template: PageTemplate) -> Extent:
    """How many pages `flowables` take when they start on a fresh `template` page, found by laying them out.

    A scratch document with that one template, on a plain canvas: frame
    sizes alone decide the page breaks, so this is the count the real
    document reaches, splits and KeepTogethers included. Give it fresh
    flowables (a laid-out flowable keeps state) and a template the real
    document does not use (frames keep state too).
    """
    doc = BaseDocTemplate(io.BytesIO(), pagesize=pagesize, pageTemplates=[template], invariant=1)
    doc.build(list(flowables))
    return Extent(doc.page, _reportlab.frame_room(doc.frame))


class HandoutDoc(BaseDocTemplate):
    def filterFlowables(self, flowables: list) -> None:  # noqa: N802
        if flowables and isinstance(flowables[0], PadPages):
            pad = flowables.pop(0)
            flowables[0:0] = pad.expand(self.page)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802
        outline = getattr(flowable, "outline", None)
        if outline:
            key, title, level = outline
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=level, closed=False)


def with_outline(flowable: Flowable, key: str, title: str, level: int = 0) -> Flowable:
    flowable.outline = (key, title, level)
    return flowable
