"""Models of a layout file: type scale, margins, slots, frames, pages and per-paper adjustments."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from brochure.media.units import Dimension, Length

from .common import Described, Paper, ShortText, Slug

# ---------------------------------------------------------------- layout


# The issue-16 designer's rule: CJK at 12 pt and Arabic script at 13 pt read like Latin at 11 pt; Devanagari's
# headline and stacked marks need about what CJK needs.
SCRIPT_MIN_BODY = {"Hani": 12.0, "Hira": 12.0, "Kana": 12.0, "Hang": 12.0, "Arab": 13.0, "Deva": 12.0}


class TypeScale(Described):
    body: float = Field(default=12, ge=6, le=30)
    """Body text size in points."""
    leading: float = Field(default=1.35, ge=1.0, le=2.0)
    """Line height as a multiple of the size."""
    min_body: float = Field(default=11, ge=6, le=30)
    """The smallest body size the fit step may shrink a fixed layout to; it never goes below."""
    title: float = Field(default=30, ge=8, le=96)
    """The title's size."""
    h2: float = Field(default=18, ge=8, le=60)
    """Section headings in the booklet."""
    h3: float = Field(default=14, ge=8, le=40)
    """Headings inside sections; section headings on the flyer and tri-fold."""
    small: float = Field(default=9, ge=6, le=14)
    """Fine print: version, disclaimer, QR caption (at least 9 pt reads on paper)."""
    script_min_body: dict[Annotated[str, StringConstraints(pattern=r"^[A-Z][a-z]{3}$")], float] = Field(
        default_factory=lambda: dict(SCRIPT_MIN_BODY)
    )
    """Scripts that read smaller than Latin at one size, by ISO 15924 code: their smallest body size in points.
    A handout in that script scales body, `min_body` and fine print up by this over `min_body`; `{}` for none."""

    def for_script(self, script: str) -> TypeScale:
        """This scale for a handout whose main script is `script`: the same design, sized so that its smallest
        body is the script's (Arabic at 13 pt where Latin may shrink to 11); itself for Latin and Cyrillic."""
        floor = self.script_min_body.get(script, self.min_body)
        if floor <= self.min_body:
            return self
        f = floor / self.min_body
        body = round(self.body * f, 2)
        return self.model_copy(
            update={
                "body": body,
                "min_body": floor,
                "small": round(min(self.small * f, 14), 2),
                "h3": max(self.h3, round(body * 1.1, 2)),  # a heading never smaller than its text
                "h2": max(self.h2, round(body * 1.3, 2)),
            }
        )


class Margins(Described):
    top: Length = 54
    """A length: 54, 0.75in, 19mm."""
    bottom: Length = 54
    """A length."""
    inner: Length = 54
    """A length: the spine side of a booklet page, the left of a flat page."""
    outer: Length = 54
    """A length."""


SLOTS = (
    "brand",  # logo and clinic name
    "title",  # title and subtitle
    "main_message",
    "call_to_action",
    "contents",  # the section titles, as a list, each with its pictogram
    "emblem",  # the handout's cover pictogram (the manifest's `icons.cover`), large
    "questions",  # questions to ask the care team, with room to write
    "contact",  # clinic contact details and QR code
    "notes",  # the clinic's own notes (services, prices)
    "crisis",  # crisis lines
    "clinic_call",  # "side effects or questions? call us" with the clinic's phone, large: after `crisis`
    "essentials",  # the handout's must-know safety statements (every length prints them)
    "treatment_day",  # the numbered "treatment day" timeline (the manifest's `treatment_day`)
    "review",  # version, review status, disclaimer
    "space",  # the frame's leftover room: the blocks after it sit at the frame's foot (a one-frame region)
)


SectionPart = Literal["title", "summary", "key_points", "body"]


class SectionsSlot(Described):
    """Sections, in manifest order, showing only the parts listed."""

    show: list[SectionPart] = Field(
        default_factory=lambda: list[SectionPart](["title", "summary", "key_points"]), min_length=1
    )
    """Which parts of each section print: title, summary, key_points, body."""
    only: list[Slug] | None = None
    """Section ids; default every section not placed elsewhere."""


class SectionsSlotKey(Described):
    sections: SectionsSlot
    """Sections in manifest order, with the parts `show` lists."""


SlotName = Annotated[Literal[SLOTS], Field(description="a named content block")]  # type: ignore[valid-type]
NEVER_OPTIONAL = ("essentials", "crisis", "review", "title")  # safety text, the disclaimer and the title always print


class OptionalSlotKey(Described):
    """A block placed only if it fits: where it does not (a longer translation, a brand's notes), the frame
    leaves it out before the type shrinks below the layout's `min_body`, and the build says so."""

    optional: SlotName
    """A slot printed only where it fits: shortened from its end (questions) or left out, never shrinking the
    type below `min_body`."""

    @field_validator("optional")
    @classmethod
    def _not_safety(cls, v: str) -> str:
        if v in NEVER_OPTIONAL:
            raise ValueError(f"`{v}` always prints (safety text, the disclaimer and the title are never left out)")
        return v


Slot = SlotName | SectionsSlotKey | OptionalSlotKey


class FrameSpec(Described):
    """A rectangle on the page that content flows into. y is measured from the top."""

    id: Slug
    """The frame's name, used by `draw_order`, `reading_order` and messages."""
    panel: int | None = Field(default=None, ge=0, le=5)
    """Take x and width from the page's panels."""
    x: Dimension | None = None
    """Left edge (with `w`, instead of `panel`): a length or a percentage of the page width."""
    y: Dimension = 0
    """Top edge, measured from the top of the page."""
    w: Dimension | None = None
    """Width (with `x`)."""
    h: Dimension = "100%"
    """Height."""
    background: Literal["none", "primary", "tint"] = "none"
    """none, primary (the brand's primary colour, text in `on_primary`) or tint (`callout_background`)."""
    continues: bool = False
    """Content that does not fit the previous frame flows on here."""
    content: list[Slot] = Field(default_factory=list)
    """The blocks this frame holds, in order: slot names, `sections: {...}`, `optional: <slot>`."""
    valign: Literal["top", "bottom"] = "top"
    """bottom: the frame's content sits at its foot (a cover's title)."""
    notice: bool | None = None
    """Whether the draft / translation notice prints at this frame's foot; default: every frame on the bottom edge. A
    tri-fold needs it once per face a reader sees, not on every panel.
    """

    @model_validator(mode="after")
    def _placed(self) -> FrameSpec:
        if self.panel is None and (self.x is None or self.w is None):
            raise ValueError("a frame needs either `panel` or both `x` and `w`")
        if self.continues and self.content:
            raise ValueError("a frame that `continues` takes the previous frame's content; remove `content`")
        if not self.continues and not self.content:
            raise ValueError("a frame needs `content` (or `continues: true`)")
        return self


class PageSpec(Described):
    name: Slug
    """The page's name in messages (outside, inside, front)."""
    panels: dict[Paper, list[Length]] | None = None
    """Panel widths left to right, per paper."""
    frames: list[FrameSpec] = Field(min_length=1)
    """The frames on this page."""
    draw_order: list[Slug] | None = None
    """Frame ids in reading order, if not left to right."""


class PaperAdjust(Described):
    """Margins and type for one paper size, replacing the layout's own (a half-letter page is not a small Letter)."""

    margins: Margins | None = None
    """Margins for this paper instead of the layout's."""
    type: TypeScale | None = None
    """A type scale for this paper instead of the layout's."""
    measure: Length | None = None
    """The booklet's text column for this paper."""


class Layout(Described):
    name: Slug
    """The length's name, as `--length` takes it."""
    description: ShortText
    """One line for `brochure layouts`."""
    kind: Literal["booklet", "fixed"]
    """fixed: frames on a set number of pages (flyer, tri-fold); booklet: pages flow, padded to `page_multiple`."""
    orientation: Literal["portrait", "landscape"] = "portrait"
    """Portrait or landscape, for every paper."""
    page_multiple: int = Field(default=4, ge=1, le=16)
    """A booklet's page count is a multiple of this (4 for saddle stitching)."""
    margins: Margins = Margins()
    """The page margins (a booklet's inner margin is the spine side)."""
    measure: Length | None = None
    """The booklet's text column at most this wide, beside the spine; the rest widens the outer margin. Lines of 55-75
    characters read best: a Letter page between the margins holds about 95.
    """
    safe_zone: Length = 18
    """No text this close to a fold or the trim edge."""
    type: TypeScale = TypeScale()
    """The type scale in points: body, leading, the smallest body the fit step may use, headings, small print."""
    papers: list[Paper] = Field(default_factory=lambda: list[Paper](["letter", "a4"]), min_length=1)
    """The paper sizes this layout can be built on."""
    trim: dict[Paper, tuple[Length, Length]] | None = None
    """A size other than the sheet, e.g. half-letter."""
    per_paper: dict[Paper, PaperAdjust] | None = None
    """Margins/type for one paper size."""
    pages: list[PageSpec] = Field(default_factory=list)
    """Fixed layouts: one entry per page."""
    reading_order: list[Slug] | None = None
    """Frame ids, across pages, in the order a reader meets them (the tagged PDF's reading order); default: page by
    page, each in its draw_order.
    """

    def for_script(self, script: str) -> Layout:
        """This layout with its type scale for a handout in `script` (`TypeScale.for_script`)."""
        scaled = self.type.for_script(script)
        return self if scaled is self.type else self.model_copy(update={"type": scaled})

    def for_paper(self, paper: str) -> Layout:
        """This layout with the margins and type it declares for `paper` (itself when it declares none)."""
        # any str may look (a target's paper is a str); one the layout does not list finds nothing
        adjust = (self.per_paper or {}).get(paper)
        if adjust is None:
            return self
        pairs = (("margins", adjust.margins), ("type", adjust.type), ("measure", adjust.measure))
        update = {k: v for k, v in pairs if v is not None}
        return self.model_copy(update=update)

    @model_validator(mode="after")
    def _pages(self) -> Layout:
        if self.kind == "fixed" and not self.pages:
            raise ValueError("a `fixed` layout needs `pages`")
        if self.kind == "fixed":
            ids = [f.id for p in self.pages for f in p.frames]
            dup = sorted({i for i in ids if ids.count(i) > 1})
            if dup:
                raise ValueError(f"frame id used twice: {', '.join(dup)}")
            for p in self.pages:
                if any(f.panel is not None for f in p.frames) and not p.panels:
                    raise ValueError(f"page `{p.name}` uses `panel` but defines no `panels`")
                for paper in self.papers:
                    if p.panels and paper not in p.panels:
                        raise ValueError(f"page `{p.name}` has no panel widths for `{paper}`")
        return self

    @field_validator("reading_order")
    @classmethod
    def _known_frames(cls, order: list[str] | None, info: ValidationInfo) -> list[str] | None:
        # a field validator (not the model's) so the error points at the `reading_order:` line
        ids = {f.id for p in info.data.get("pages") or [] for f in p.frames}
        unknown = [i for i in order or [] if i not in ids]
        if unknown:
            raise ValueError(f"`reading_order` names frames no page has: {', '.join(unknown)}")
        return order
