"""Typed models of every input file. Validation lives here; nothing is drawn.

Every model forbids unknown keys so a typo ("titel") is reported, not ignored.
The JSON Schema editors use is generated from these classes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from brochure.media import papers
from brochure.media.units import Dimension, Length

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]
HexColor = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]


def _known_paper(value: object) -> str:
    """A paper `media.papers` knows, refused as a Literal would be (same error type, same message)."""
    if isinstance(value, str) and papers.known(value):
        return value
    names = [repr(n) for n in papers.names()]
    expected = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
    raise PydanticCustomError("literal_error", "Input should be {expected}", {"expected": expected})


# a name in the paper registry, checked when a file is read (so a registered paper is valid at once);
# editors' schema lists the built-in ones
Paper = Annotated[str, BeforeValidator(_known_paper), WithJsonSchema({"enum": list(papers.names()), "type": "string"})]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


# ---------------------------------------------------------------- content


class Callout(Strict):
    kind: Literal["note", "warning", "crisis"] = "note"
    title: ShortText | None = None
    text: Text


BLOCK_KINDS = ("paragraph", "heading", "bullets", "steps", "callout", "questions")


class Block(Strict):
    """One body block: a mapping with exactly one of the keys in BLOCK_KINDS."""

    paragraph: Text | None = None
    heading: ShortText | None = None
    bullets: list[Text] | None = Field(default=None, min_length=1)
    steps: list[Text] | None = Field(default=None, min_length=1)
    callout: Callout | None = None
    questions: list[Text] | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _one_kind(self) -> Block:
        given = [k for k in BLOCK_KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                f"a body block needs exactly one of: {', '.join(BLOCK_KINDS)} (found {len(given) or 'none'})"
            )
        return self

    @property
    def kind(self) -> str:
        return next(k for k in BLOCK_KINDS if getattr(self, k) is not None)


class Section(Strict):
    title: ShortText
    summary: Text
    key_points: list[ShortText] = Field(min_length=3, max_length=5)
    body: list[Block] = Field(min_length=1)
    sources: list[Slug] = Field(default_factory=list)


class GlossaryEntry(Strict):
    term: ShortText
    definition: Text


class Source(Strict):
    citation: Text
    year: int = Field(ge=1800, le=2100)
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https://\S+$")] | None = None


class Review(Strict):
    version: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+){0,2}$")]
    updated: date
    # no longer typed by hand: `brochure review` records the sign-off with a fingerprint of the text
    reviewed_by: ShortText | None = None
    reviewed_on: date | None = None

    @model_validator(mode="after")
    def _signed_by_command(self) -> Review:
        if self.reviewed_by is not None or self.reviewed_on is not None:
            raise ValueError(
                "a clinician's review is recorded with `brochure review --lang LANG --by NAME --on DATE`, "
                "which binds it to the exact text; remove `reviewed_by` and `reviewed_on` here"
            )
        return self


class Limit(Strict):
    """One formula's threshold: for a whole section, and for the short text the flyer and tri-fold print.

    A grade formula's limit is a maximum, an ease formula's a minimum; null reports the score only.
    """

    section: float | None = Field(default=None, ge=0, le=120)
    short: float | None = Field(default=None, ge=0, le=120)  # summary + key points


class Readability(Strict):
    """Thresholds for `brochure check`; each formula applies to the languages it was made for."""

    flesch_kincaid: Limit = Limit(section=8, short=7)  # English grade (NIH: 8 or lower)
    smog: Limit = Limit()  # English grade; reads 2-4 grades above Flesch-Kincaid
    fernandez_huerta: Limit = Limit(section=60, short=65)  # Spanish ease, 0-100, higher is easier
    szigriszt_pazos: Limit = Limit(section=55, short=60)  # Spanish ease (INFLESZ: 55+ is "normal")
    max_sentence_words: int = Field(default=25, ge=5, le=100)


class Essentials(Strict):
    """The few statements a patient must meet whatever length they are handed (the `essentials` slot).

    Every length prints them, so the safety story stands alone even on the flyer;
    `safety.every_length` in language.yaml says what they must contain.
    """

    title: ShortText
    points: list[ShortText] = Field(min_length=2, max_length=6)


HANDOUT_FIELDS = ("title", "subtitle", "main_message", "call_to_action", "disclaimer")  # HandoutText's single texts


class HandoutText(Strict):
    """The manifest fields a translation overrides."""

    title: ShortText
    subtitle: ShortText
    main_message: Text
    call_to_action: Text
    disclaimer: Text
    essentials: Essentials | None = None
    glossary: list[GlossaryEntry] = Field(default_factory=list)


class Manifest(HandoutText):
    id: Slug
    source_language: str = "en"
    sections: list[Slug] = Field(min_length=1)
    sources: dict[Slug, Source] = Field(default_factory=dict)
    review: Review
    readability: Readability = Readability()

    @field_validator("sections")
    @classmethod
    def _unique(cls, v: list[str]) -> list[str]:
        dup = sorted({s for s in v if v.count(s) > 1})
        if dup:
            raise ValueError(f"section listed twice: {', '.join(dup)}")
        return v


class CrisisHeading(Strict):
    """The crisis box's title in this language; the lines themselves come from the brand's region."""

    title: ShortText


class CrisisLine(Strict):
    """One crisis service of a region, e.g. the 988 Lifeline."""

    name: ShortText  # the service's own name
    number: ShortText  # as dialled and printed: "988", "116 123"
    open_24_7: bool = False  # print "open 24 hours" only where a source says so
    # the whole sentence per language, where the service offers more in that language than a call
    # (US Spanish: press 2, text AYUDA); other languages get `ui.crisis_call`: call, no text/chat promise
    say: dict[str, ShortText] = Field(default_factory=dict)


class Region(Strict):
    """Where a handout is handed out: its crisis lines and emergency number (src/brochure/regions/)."""

    code: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]  # ISO 3166 alpha-2
    name: ShortText
    emergency: ShortText
    crisis: list[CrisisLine] = Field(min_length=1)


class UIStrings(Strict):
    """Words the layouts print around the content, translated per language."""

    page_x_of_y: ShortText = "Page {page} of {pages}"
    key_points: ShortText = "Key points"
    questions_title: ShortText = "Questions to ask your care team"
    notes: ShortText = "Notes"
    glossary_title: ShortText = "Words to know"
    sources_title: ShortText = "Sources"
    contact_title: ShortText = "Contact us"
    hours: ShortText = "Hours"
    scan_qr: ShortText = "Scan to visit our website"
    version_line: ShortText = "Version {version}, updated {date}."
    clinically_reviewed: ShortText = "Reviewed by {name} on {date}."
    translation_unreviewed: ShortText = "Translation not yet reviewed by a medical translator."
    qr_alt: ShortText = "QR code that opens {url}"
    logo_alt: ShortText = "{name} logo"
    crisis_call: ShortText = "Call {number} ({name})."
    open_24_7: ShortText = "Open 24 hours, 7 days a week."
    emergency_call: ShortText = "In an emergency, call {number} or go to the nearest emergency room."
    draft_unreviewed: ShortText = "Draft: not yet reviewed by a clinician"
    draft_changed: ShortText = "Draft: the text changed after the clinician's review on {date}"

    @model_validator(mode="after")
    def _placeholders(self) -> UIStrings:
        needed = {
            "page_x_of_y": {"page", "pages"},
            "version_line": {"version", "date"},
            "clinically_reviewed": {"name", "date"},
            "crisis_call": {"number", "name"},
            "emergency_call": {"number"},
            "draft_changed": {"date"},
        }
        for key, names in needed.items():
            found = set(re.findall(r"{(\w+)}", getattr(self, key)))
            if found != names:
                raise ValueError(
                    f"`{key}` must contain exactly the placeholders " + ", ".join("{" + n + "}" for n in sorted(names))
                )
        return self


class TranslationStatus(Strict):
    status: Literal["source", "machine-draft", "human-draft", "reviewed"]
    # per part (`handout`, each section id): the fingerprint of the source text it was translated from,
    # written by `brochure new-language` and `brochure translated`; a changed source part is stale here
    translated_from: dict[Slug, Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]] = Field(
        default_factory=dict
    )
    reviewed_by: ShortText | None = None
    reviewed_on: date | None = None

    @model_validator(mode="after")
    def _reviewed_has_who(self) -> TranslationStatus:
        if self.status == "reviewed" and not (self.reviewed_by and self.reviewed_on):
            raise ValueError("a reviewed translation needs `reviewed_by` and `reviewed_on`")
        return self


# `{term}` as plainlang.term_pattern writes it (a group with its own flags and a look-behind), so a
# pattern that compiles here compiles with every real glossary term (e.g. `[{term}]` does not)
_TERM_SHAPE = r"(?i:(?<![^\W_])x[\s-]+y\w*)"
if TYPE_CHECKING:  # typeshed types re's private parser only under its old public names, which warn when imported
    import sre_constants as _sre
    import sre_parse as _sre_parse
else:
    _sre, _sre_parse = re._constants, re._parser
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT}  # possessive repeats never backtrack
NESTED_REPEAT_LIMIT = 3  # `(\w+\s+){0,2}` (at most 3 rounds of an inner `+`) stays fast; `(\w+\s?)+` does not


def _repeats_inside(items: Iterable[tuple[Any, Any]]) -> bool:
    """Whether a parsed (sub)pattern can repeat something more than once (`+`, `*`, `{2,}` …)."""
    return any(_walk_repeats(items, inner_only=True))


def _walk_repeats(items: Iterable[tuple[Any, Any]], inner_only: bool = False) -> Iterator[bool]:
    """Yield True for each repeat in `items` (inner_only) or each repeat of a repeat (nested quantifiers)."""
    for op, av in items:
        subs: list[Iterable[tuple[Any, Any]]] = []
        if op in _REPEATS or op == getattr(_sre, "POSSESSIVE_REPEAT", None):
            _, high, sub = av
            nested = op in _REPEATS and high > NESTED_REPEAT_LIMIT and not inner_only and _repeats_inside(sub)
            if (inner_only and high > 1) or nested:
                yield True
            subs = [sub]
        elif op == _sre.SUBPATTERN:
            subs = [av[-1]]
        elif op == _sre.BRANCH:
            subs = list(av[1])
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            subs = [av[1]]
        elif op == _sre.GROUPREF_EXISTS:
            subs = [s for s in av[1:] if s is not None]
        elif op == getattr(_sre, "ATOMIC_GROUP", None):
            subs = [av]
        for sub in subs:
            yield from _walk_repeats(sub, inner_only)


def _regex(pattern: str) -> str:
    """A valid regular expression that cannot backtrack catastrophically (no nested unbounded quantifiers)."""
    try:
        parsed = _sre_parse.parse(pattern.replace("{term}", "x"))
    except re.error as exc:
        raise ValueError(
            f"`{pattern}` is not a valid regular expression: {exc}\nfix: write it as a Python regular expression; "
            "a bracket or backslash meant literally is written `\\(`, `\\[`, `\\\\`"
        ) from None
    try:
        re.compile(pattern.replace("{term}", _TERM_SHAPE))
    except re.error:
        raise ValueError(
            f"`{pattern}` cannot hold `{{term}}` where it stands (a term is several characters, "
            "so not inside `[...]` or a look-behind)\nfix: put `{term}` outside brackets and look-behinds"
        ) from None
    if any(_walk_repeats(parsed.data)):
        raise ValueError(
            f"`{pattern}` repeats a group that itself repeats (nested quantifiers such as `(\\w+\\s?)+`): "
            "on some sentences checking it would never finish"
            f"\nfix: repeat the inner part only once (`\\w+(\\s\\w+)*`), "
            f"or bound the outer repeat to at most {{0,{NESTED_REPEAT_LIMIT}}}"
        )
    return pattern


Regex = Annotated[str, StringConstraints(min_length=1, max_length=300), AfterValidator(_regex)]


class PlainLanguage(Strict):
    """Plain-language lint words for one language; a language without this block is not linted."""

    acronyms: list[ShortText] = Field(default_factory=list)  # all-caps words body text may use
    defines: list[Regex] = Field(default_factory=list)  # a sentence that defines {term} (a glossary term)
    frequency: Regex | None = None  # a number in words, e.g. "4 in 10"; a bare 41% needs one beside it
    not_fractions: list[ShortText] = Field(default_factory=list)  # look like fractions but are not: 24/7


Phrase = ShortText | list[ShortText]  # one phrase, or a list of alternatives


class MustSay(Strict):
    """A statement the handout must make: every phrase found together in one of the listed sections."""

    what: ShortText  # what is being stated, for the report
    sections: list[Slug] = Field(min_length=1)
    phrases: list[Phrase] = Field(min_length=1)


class EveryLength(Strict):
    """A statement each printed length must carry: every phrase found together in one printed text.

    Checked against what each layout actually draws (not the booklet's full text), so a
    patient handed only the flyer still meets it. `crisis_line: true` also needs the
    brand region's crisis number printed in that length.
    """

    id: Slug
    what: ShortText
    phrases: list[Phrase] = Field(default_factory=list)
    crisis_line: bool = False


class SafetyRules(Strict):
    """Medical-safety words for one language (matched ignoring case; see content/SCHEMA.md)."""

    crisis_terms: list[ShortText] = Field(min_length=1)  # a section using one needs a crisis callout
    never_say: list[ShortText] = Field(default_factory=list)
    must_say: list[MustSay] = Field(default_factory=list)
    every_length: list[EveryLength] = Field(default_factory=list)


class Language(Strict):
    code: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    name: ShortText  # the language's own name for itself
    # both default to the main script's (text.scripts, found from the text); written here they override it
    direction: Literal["ltr", "rtl"] | None = None
    line_break: Literal["space", "cjk"] | None = None  # cjk: break between any two characters (Chinese)
    fallback_fonts: list[ShortText] = Field(default_factory=list)  # script fonts for what the brand font lacks
    translation: TranslationStatus
    ui: UIStrings = UIStrings()
    crisis: CrisisHeading
    handout: HandoutText | None = None  # absent for the source language
    safety: SafetyRules | None = None  # `brochure check` warns when it is missing
    plain_language: PlainLanguage | None = None


# ---------------------------------------------------------------- brand


Percent = Annotated[float, Field(ge=0, le=100)]
# cyan, magenta, yellow, black in percent, as brand books and print shops write them
CMYK = Annotated[list[Percent], Field(min_length=4, max_length=4)]


class CmykColors(Strict):
    """Exact CMYK for the press profile, per colour; a colour left out is converted from its RGB."""

    primary: CMYK | None = None
    accent: CMYK | None = None
    text: CMYK | None = None
    background: CMYK | None = None
    on_primary: CMYK | None = None
    callout_background: CMYK | None = None
    crisis_background: CMYK | None = None
    crisis_accent: CMYK | None = None


class Colors(Strict):
    primary: HexColor  # headings, bands
    accent: HexColor  # rules, bullets, callout borders
    text: HexColor = "#1F2328"
    background: HexColor = "#FFFFFF"
    on_primary: HexColor = "#FFFFFF"  # text drawn on a primary band
    callout_background: HexColor = "#F2F5F7"
    crisis_background: HexColor = "#FDF1EC"
    crisis_accent: HexColor = "#B4451F"
    cmyk: CmykColors = CmykColors()  # press profile only: exact values instead of converting the RGB ones


class Fonts(Strict):
    body: ShortText = "Noto Sans"
    heading: ShortText | None = None  # defaults to the body family


class Contact(Strict):
    address: list[ShortText] = Field(default_factory=list)
    phone: ShortText | None = None
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = None
    website: Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"]+$")] | None = None
    hours: list[ShortText] = Field(default_factory=list)


LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]


Fingerprint = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]


class BrandStrings(Strict):
    """A brand's own words in one handout language (`translations: {es: …}` in the brand file).

    Only human-language text: phone numbers, addresses, URLs and colours print as written.
    `status` marks the translation's review state as a language's `translation.status` does.
    """

    status: Literal["machine-draft", "human-draft", "reviewed"]
    tagline: ShortText | None = None
    hours: list[ShortText] | None = None  # replaces `contact.hours`
    notes: list[Text] | None = Field(default=None, max_length=6)
    # per key, the fingerprint of the source text it was translated from (`brandtext.fingerprint`)
    translated_from: dict[Literal["tagline", "hours", "notes"], Fingerprint] = Field(default_factory=dict)


class Brand(Strict):
    name: ShortText  # the clinic's name as printed
    language: LangCode = "en"  # the language the brand's own text is written in
    tagline: ShortText | None = None
    logo: str | None = None  # path relative to the brand file
    colors: Colors
    fonts: Fonts = Fonts()
    contact: Contact = Contact()
    notes: list[Text] = Field(default_factory=list, max_length=6)  # clinic-specific: services, prices
    papers: list[Paper] = Field(default_factory=lambda: list[Paper](["letter"]), min_length=1)
    # where the handouts are handed out: its crisis lines and emergency number (src/brochure/regions/)
    region: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] = "US"
    # the brand's text per handout language; what a language lacks prints in `language`, tagged so
    translations: dict[LangCode, BrandStrings] = Field(default_factory=dict)


# ---------------------------------------------------------------- layout


class TypeScale(Strict):
    body: float = Field(default=12, ge=6, le=30)
    leading: float = Field(default=1.35, ge=1.0, le=2.0)  # line height / size
    min_body: float = Field(default=11, ge=6, le=30)  # fit-to-length never goes below
    title: float = Field(default=30, ge=8, le=96)
    h2: float = Field(default=18, ge=8, le=60)
    h3: float = Field(default=14, ge=8, le=40)
    small: float = Field(default=9, ge=6, le=14)


class Margins(Strict):
    top: Length = 54
    bottom: Length = 54
    inner: Length = 54
    outer: Length = 54


SLOTS = (
    "brand",  # logo and clinic name
    "title",  # title and subtitle
    "main_message",
    "call_to_action",
    "contents",  # the section titles, as a list
    "questions",  # questions to ask the care team, with room to write
    "contact",  # clinic contact details and QR code
    "notes",  # the clinic's own notes (services, prices)
    "crisis",  # crisis lines
    "essentials",  # the handout's must-know safety statements (every length prints them)
    "review",  # version, review status, disclaimer
)


SectionPart = Literal["title", "summary", "key_points", "body"]


class SectionsSlot(Strict):
    """Sections, in manifest order, showing only the parts listed."""

    show: list[SectionPart] = Field(
        default_factory=lambda: list[SectionPart](["title", "summary", "key_points"]), min_length=1
    )
    only: list[Slug] | None = None  # section ids; default every section not placed elsewhere


class SectionsSlotKey(Strict):
    sections: SectionsSlot


Slot = Annotated[Literal[SLOTS], Field(description="a named content block")] | SectionsSlotKey  # type: ignore[valid-type]


class FrameSpec(Strict):
    """A rectangle on the page that content flows into. y is measured from the top."""

    id: Slug
    panel: int | None = Field(default=None, ge=0, le=5)  # take x and width from the page's panels
    x: Dimension | None = None
    y: Dimension = 0
    w: Dimension | None = None
    h: Dimension = "100%"
    background: Literal["none", "primary", "tint"] = "none"
    continues: bool = False  # content that does not fit the previous frame flows on here
    content: list[Slot] = Field(default_factory=list)
    valign: Literal["top", "bottom"] = "top"

    @model_validator(mode="after")
    def _placed(self) -> FrameSpec:
        if self.panel is None and (self.x is None or self.w is None):
            raise ValueError("a frame needs either `panel` or both `x` and `w`")
        if self.continues and self.content:
            raise ValueError("a frame that `continues` takes the previous frame's content; remove `content`")
        if not self.continues and not self.content:
            raise ValueError("a frame needs `content` (or `continues: true`)")
        return self


class PageSpec(Strict):
    name: Slug
    panels: dict[Paper, list[Length]] | None = None  # panel widths left to right, per paper
    frames: list[FrameSpec] = Field(min_length=1)
    draw_order: list[Slug] | None = None  # frame ids in reading order, if not left to right


class PaperAdjust(Strict):
    """Margins and type for one paper size, replacing the layout's own (a half-letter page is not a small Letter)."""

    margins: Margins | None = None
    type: TypeScale | None = None


class Layout(Strict):
    name: Slug
    description: ShortText
    kind: Literal["booklet", "fixed"]
    orientation: Literal["portrait", "landscape"] = "portrait"
    page_multiple: int = Field(default=4, ge=1, le=16)
    margins: Margins = Margins()
    safe_zone: Length = 18  # no text this close to a fold or the trim edge
    type: TypeScale = TypeScale()
    papers: list[Paper] = Field(default_factory=lambda: list[Paper](["letter", "a4"]), min_length=1)
    trim: dict[Paper, tuple[Length, Length]] | None = None  # a size other than the sheet, e.g. half-letter
    per_paper: dict[Paper, PaperAdjust] | None = None  # margins/type for one paper size
    pages: list[PageSpec] = Field(default_factory=list)  # fixed layouts: one entry per page
    # frame ids, across pages, in the order a reader meets them (the tagged PDF's reading order);
    # default: page by page, each in its draw_order
    reading_order: list[Slug] | None = None

    def for_paper(self, paper: str) -> Layout:
        """This layout with the margins and type it declares for `paper` (itself when it declares none)."""
        # any str may look (a target's paper is a str); one the layout does not list finds nothing
        adjust = (self.per_paper or {}).get(paper)
        if adjust is None:
            return self
        update = {k: v for k, v in (("margins", adjust.margins), ("type", adjust.type)) if v is not None}
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
