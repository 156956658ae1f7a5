"""Models of a handout's content and its language: sections, blocks, sources, review, UI strings, safety rules."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from brochure.media import icons

from .common import ShortText, Slug, Strict, Text

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


class TreatmentDay(Strict):
    """A numbered "your treatment day" timeline (the `treatment_day` slot): what happens, in order.

    It describes one product's visit (Spravato's, set by its FDA safety program); `note` says how the
    other product differs, so approved and off-label treatment stay apart here too.
    """

    title: ShortText
    steps: list[ShortText] = Field(min_length=3, max_length=6)
    note: ShortText | None = None


HANDOUT_FIELDS = ("title", "subtitle", "main_message", "call_to_action", "disclaimer")  # HandoutText's single texts


class HandoutText(Strict):
    """The manifest fields a translation overrides."""

    title: ShortText
    subtitle: ShortText
    main_message: Text
    call_to_action: Text
    disclaimer: Text
    essentials: Essentials | None = None
    treatment_day: TreatmentDay | None = None
    glossary: list[GlossaryEntry] = Field(default_factory=list)

    def printed(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        """Every text of the manifest (or its translation) that prints, with its path: the glossary aside,
        which each check reads its own way. Checks walk this, so a new field is checked where it is added."""
        for name in HANDOUT_FIELDS:
            yield (name,), getattr(self, name)
        if self.essentials is not None:
            yield ("essentials", "title"), self.essentials.title
            for i, point in enumerate(self.essentials.points):
                yield ("essentials", "points", i), point
        if self.treatment_day is not None:
            day = self.treatment_day
            yield ("treatment_day", "title"), day.title
            for i, step in enumerate(day.steps):
                yield ("treatment_day", "steps", i), step
            if day.note:
                yield ("treatment_day", "note"), day.note


IconName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class Manifest(HandoutText):
    id: Slug
    source_language: str = "en"
    sections: list[Slug] = Field(min_length=1)
    # a pictogram beside each section's heading, and the cover's emblem (`cover`): Lucide icon names
    # (lucide.dev/icons). Language-independent, so they live here and not in the translations
    icons: dict[Slug, IconName] = Field(default_factory=dict)
    # the section the booklet prints the `treatment_day` timeline at the end of (default: the last one);
    # the fixed lengths place it with their `treatment_day` slot
    treatment_day_after: Slug | None = None
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

    @field_validator("icons")
    @classmethod
    def _known_icons(cls, v: dict[str, str]) -> dict[str, str]:
        unknown = sorted({name for name in v.values() if not icons.known(name)})
        if unknown:
            raise ValueError(
                f"no Lucide icon is called {', '.join(unknown)}: pick a name from lucide.dev/icons (e.g. brain, info)"
            )
        return v

    @model_validator(mode="after")
    def _icons_for_sections(self) -> Manifest:
        if self.treatment_day_after is not None and self.treatment_day_after not in self.sections:
            raise ValueError(f"`treatment_day_after` names {self.treatment_day_after}, which is not a section")
        stray = sorted(set(self.icons) - set(self.sections) - {"cover"})
        if stray:
            raise ValueError(f"`icons` names {', '.join(stray)}, which is not a section; use a section id or `cover`")
        return self


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
    # unused: the logo prints beside the clinic name, as an artifact; kept so older language files still load
    logo_alt: ShortText = "{name} logo"
    crisis_call: ShortText = "Call {number} ({name})."
    open_24_7: ShortText = "Open 24 hours, 7 days a week."
    emergency_call: ShortText = "In an emergency, call {number} or go to the nearest emergency room."
    # the third tier of "when to call", after the crisis line and the emergency number: the clinic's phone
    clinic_call: ShortText = "Side effects or questions? Call us."
    draft_unreviewed: ShortText = "Draft: not yet reviewed by a clinician"
    draft_changed: ShortText = "Draft: the text changed after the clinician's review on {date}"
    # the booklet's padding pages (render/padding.py): a treatment record and a wallet card
    record_title: ShortText = "My treatment record"
    record_intro: ShortText = (
        "Write down each visit: the date, the treatment, how you felt after, and any side effects or questions. "
        "Bring this page to your next visit."
    )
    record_date: ShortText = "Date"
    record_treatment: ShortText = "Treatment"
    record_felt: ShortText = "How I felt after"
    record_side_effects: ShortText = "Side effects or questions"
    card_title: ShortText = "Wallet card"
    card_intro: ShortText = "Cut along the dashed line, fold the card in half, and keep it with you."
    card_treated_with: ShortText = "I am being treated with:"
    card_spravato: ShortText = "Spravato (esketamine) nasal spray"
    card_ketamine: ShortText = "Ketamine (off-label)"
    card_crisis: ShortText = "Crisis line"
    card_emergency: ShortText = "Emergency"
    # a label and its number on the wallet card: French writes "Urgences : 911", Chinese and Japanese "急救：911"
    card_line: ShortText = "{label}: {number}"
    card_name: ShortText = "My name"
    card_care_team: ShortText = "My care team"

    @model_validator(mode="after")
    def _placeholders(self) -> UIStrings:
        needed = {
            "page_x_of_y": {"page", "pages"},
            "version_line": {"version", "date"},
            "clinically_reviewed": {"name", "date"},
            "crisis_call": {"number", "name"},
            "emergency_call": {"number"},
            "draft_changed": {"date"},
            "card_line": {"label", "number"},
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
    # Languages written without spaces (Japanese, Chinese) count a sentence's length in characters, not words:
    # letters and digits, punctuation not counted. Japanese public-writing guidance (文化庁「公用文作成の考え方」,
    # 2022) suggests about 50-60 characters at most.
    max_sentence_chars: int | None = Field(default=None, ge=10, le=500)


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
    # phrases whose spaces never break a line (regular expressions), e.g. Spanish times: '\d+ [ap]\. m\.'
    no_break: list[Regex] = Field(default_factory=list)
    translation: TranslationStatus
    ui: UIStrings = UIStrings()
    crisis: CrisisHeading
    handout: HandoutText | None = None  # absent for the source language
    safety: SafetyRules | None = None  # `brochure check` warns when it is missing
    plain_language: PlainLanguage | None = None
