"""What the renderer says about a flowable: its structure role (`mark`), that it is a link (`link`), its tag."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # ReportLab's classes read as Any to mypy (no types); they name what a function takes
    from reportlab.platypus.flowables import Flowable

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
