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
    kind: Literal["note", "warning", "crisis"] = Field(
        default="note",
        description="The box's look: note, warning, or crisis (for suicidal thoughts: the region's crisis lines "
        "print under the text).",
    )
    title: ShortText | None = Field(
        default=None, description="A bold title at the top of the box (up to 300 characters)."
    )
    text: Text = Field(description="What the box says (up to 4000 characters); **bold** and _italic_ are allowed.")


BLOCK_KINDS = ("paragraph", "heading", "bullets", "steps", "callout", "questions")


class Block(Strict):
    """One body block: exactly one of paragraph, heading, bullets, steps, callout or questions (BLOCK_KINDS)."""

    paragraph: Text | None = Field(
        default=None,
        description="A paragraph of running text (up to 4000 characters); **bold** and _italic_ are allowed.",
    )
    heading: ShortText | None = Field(
        default=None, description="A sub-heading inside the section (up to 300 characters)."
    )
    bullets: list[Text] | None = Field(default=None, min_length=1, description="A bulleted list, one item per entry.")
    steps: list[Text] | None = Field(
        default=None, min_length=1, description="A numbered list, for things to do in order, one step per entry."
    )
    callout: Callout | None = Field(default=None, description="A boxed note, warning or crisis message.")
    questions: list[Text] | None = Field(
        default=None,
        min_length=1,
        description="Questions to ask the care team; the booklet gathers them on one page with room to write.",
    )

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
    title: ShortText = Field(
        description='The section\'s heading: say what it tells ("How ketamine works"), not a label ("Science").'
    )
    summary: Text = Field(
        description="The section's main message in 1 or 2 sentences; the flyer and tri-fold print it with the "
        "key points."
    )
    key_points: list[ShortText] = Field(
        min_length=3,
        max_length=5,
        description="3 to 5 short sentences; the flyer and tri-fold print them, the booklet as a box.",
    )
    body: list[Block] = Field(
        min_length=1,
        description="The full text the booklet prints, block by block in order: paragraph, heading, bullets, "
        "steps, callout or questions.",
    )
    sources: list[Slug] = Field(
        default_factory=list, description="Ids of the sources this section cites, from the manifest's `sources`."
    )


class GlossaryEntry(Strict):
    term: ShortText = Field(description='The medical word, as the text writes it (e.g. "dissociation").')
    definition: Text = Field(description='Its meaning in plain words, printed under "Words to know".')


class Source(Strict):
    citation: Text = Field(
        description="The full reference as printed in the sources list: authors, title, journal, year."
    )
    year: int = Field(
        ge=1800,
        le=2100,
        description="The year of publication (1800-2100); `brochure check` looks for it in `citation`.",
    )
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")] | None = Field(
        default=None, description="The DOI, without https://doi.org/ (e.g. 10.1016/S0006-3223(99)00230-9)."
    )
    url: Annotated[str, StringConstraints(pattern=r"^https://\S+$")] | None = Field(
        default=None, description="A web address for the source, starting with https://."
    )


class Review(Strict):
    version: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+){0,2}$")] = Field(
        description='The text\'s version, e.g. "2.0" (in quotes); bump it when the English text changes. '
        "Printed in the version line."
    )
    updated: date = Field(description="The date the text last changed, as YYYY-MM-DD; printed in the version line.")
    # no longer typed by hand: `brochure review` records the sign-off with a fingerprint of the text
    reviewed_by: ShortText | None = Field(
        default=None, description="Not written here: `brochure review --by NAME` records the clinician's sign-off."
    )
    reviewed_on: date | None = Field(
        default=None, description="Not written here: `brochure review --on DATE` records the date of the sign-off."
    )

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

    section: float | None = Field(
        default=None,
        ge=0,
        le=120,
        description="The limit for a whole section as the booklet prints it (0-120); null reports the score only.",
    )
    short: float | None = Field(
        default=None,
        ge=0,
        le=120,
        description="The limit for a section's summary and key points, as the flyer and tri-fold print them (0-120); "
        "null reports the score only.",
    )


class Readability(Strict):
    """Thresholds for `brochure check`; each formula applies to the languages it was made for."""

    flesch_kincaid: Limit = Field(
        default=Limit(section=8, short=7),
        description="English school grade (Flesch-Kincaid): at most this (NIH advises 8 or lower).",
    )
    smog: Limit = Field(
        default=Limit(),
        description="English school grade (SMOG), usually 2-4 grades above Flesch-Kincaid: at most this.",
    )
    fernandez_huerta: Limit = Field(
        default=Limit(section=60, short=65),
        description="Spanish reading ease (Fernández-Huerta, 0-100, higher is easier): at least this.",
    )
    szigriszt_pazos: Limit = Field(
        default=Limit(section=55, short=60),
        description='Spanish reading ease (Szigriszt-Pazos, 0-100; INFLESZ calls 55 and up "normal"): at least this.',
    )
    max_sentence_words: int = Field(
        default=25,
        ge=5,
        le=100,
        description="The most words a sentence may have before `brochure check` warns (5-100); a language with "
        "`plain_language.max_sentence_chars` counts characters instead.",
    )


class Essentials(Strict):
    """The few statements a patient must meet whatever length they are handed (the `essentials` slot).

    Every length prints them, so the safety story stands alone even on the flyer;
    `safety.every_length` in language.yaml says what they must contain.
    """

    title: ShortText = Field(description='The box\'s title, e.g. "Know this before you start".')
    points: list[ShortText] = Field(
        min_length=2,
        max_length=6,
        description="2 to 6 short statements every length prints (see `safety.every_length` in language.yaml).",
    )


class TreatmentDay(Strict):
    """A numbered "your treatment day" timeline (the `treatment_day` slot): what happens, in order.

    It describes one product's visit (Spravato's, set by its FDA safety program); `note` says how the
    other product differs, so approved and off-label treatment stay apart here too.
    """

    title: ShortText = Field(
        description='The timeline\'s title; name the product ("A Spravato treatment day"): the visits differ.'
    )
    steps: list[ShortText] = Field(
        min_length=3,
        max_length=6,
        description='3 to 6 steps, printed numbered in order; in "Before: …" the words before the colon print bold.',
    )
    note: ShortText | None = Field(
        default=None, description="A line under the steps: how the other product's visit differs."
    )


HANDOUT_FIELDS = ("title", "subtitle", "main_message", "call_to_action", "disclaimer")  # HandoutText's single texts


class HandoutText(Strict):
    """The manifest fields a translation overrides."""

    title: ShortText = Field(
        description="The handout's title, printed large with the subtitle under it; keep it short."
    )
    subtitle: ShortText = Field(description='The line under the title, e.g. "What to know before you start".')
    main_message: Text = Field(description="One or two sentences: the one thing a reader should remember.")
    call_to_action: Text = Field(description="One sentence: what the reader should do next.")
    disclaimer: Text = Field(
        description="Printed in small type after the version line, in plain words; write {crisis} and {emergency} "
        "for the region's numbers."
    )
    essentials: Essentials | None = Field(
        default=None, description="The must-know box every length prints: a title and 2 to 6 points."
    )
    treatment_day: TreatmentDay | None = Field(
        default=None, description='Optional numbered "treatment day" timeline: a title, 3 to 6 steps and a note.'
    )
    glossary: list[GlossaryEntry] = Field(
        default_factory=list,
        description="Every medical word the text uses, with a plain definition; the booklet prints them as "
        '"Words to know".',
    )

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
    id: Slug = Field(
        description="The handout's id: lowercase letters, digits and hyphens, e.g. ketamine-assisted-therapy."
    )
    source_language: str = Field(
        default="en",
        description="The language this file and the text every translation comes from are written in (a folder "
        "in content/).",
    )
    sections: list[Slug] = Field(
        min_length=1,
        description="The sections in print order, each a file name in every language folder without .yaml "
        "(e.g. introduction).",
    )
    # Language-independent, so they live here and not in the translations
    icons: dict[Slug, IconName] = Field(
        default_factory=dict,
        description="A pictogram beside a section's heading, by section id, and the cover's emblem (`cover`): "
        "Lucide icon names from lucide.dev/icons.",
    )
    treatment_day_after: Slug | None = Field(
        default=None,
        description="The section the booklet prints the `treatment_day` timeline after (default: the last); "
        "the flyer and tri-fold print it where their layout's `treatment_day` slot is.",
    )
    sources: dict[Slug, Source] = Field(
        default_factory=dict,
        description="Every source the sections cite, by an id of your choice (e.g. berman2000).",
    )
    review: Review = Field(description="The text's version and the date it last changed.")
    readability: Readability = Field(
        default=Readability(), description="The reading-level limits `brochure check` warns past."
    )

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

    title: ShortText = Field(
        description='The crisis box\'s title, e.g. "If you are in crisis or thinking about suicide, get help now".'
    )


class CrisisLine(Strict):
    """One crisis service of a region, e.g. the 988 Lifeline."""

    name: ShortText = Field(description="The service's own name, e.g. 988 Suicide & Crisis Lifeline.")
    number: ShortText = Field(description='The number as dialled and printed: "988", "116 123".')
    open_24_7: bool = Field(
        default=False, description='Print "open 24 hours" after it; true only where a source says so.'
    )
    # other languages get `ui.crisis_call`: call, no text/chat promise
    say: dict[str, ShortText] = Field(
        default_factory=dict,
        description="The whole sentence per language code, where the service offers more in that language than "
        "a call (US Spanish: press 2, text AYUDA); other languages print `ui.crisis_call`.",
    )


class Region(Strict):
    """Where a handout is handed out: its crisis lines and emergency number (src/brochure/regions/)."""

    code: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] = Field(
        description="The country's two-letter ISO 3166 code, in capitals: US, GB, CA."
    )
    name: ShortText = Field(description="The country's name.")
    emergency: ShortText = Field(description='The emergency number as dialled and printed: "911", "999".')
    crisis: list[CrisisLine] = Field(
        min_length=1, description="Its crisis services, the main one first (the wallet card prints the first)."
    )


def _ui(default: str, description: str) -> Any:
    """A UI string's field: its English default and what it is for (editors show it)."""
    return Field(default=default, description=description)


class UIStrings(Strict):
    """Words the layouts print around the content, translated per language."""

    page_x_of_y: ShortText = _ui(
        "Page {page} of {pages}", "The booklet's page footer; keep {page} and {pages} (the numbers)."
    )
    key_points: ShortText = _ui("Key points", "The title of a section's key points box in the booklet.")
    questions_title: ShortText = _ui(
        "Questions to ask your care team", "The title over the questions, with room to write answers."
    )
    notes: ShortText = _ui(
        "Notes", "The heading over lines to write on: after the questions, and on the wallet card page."
    )
    glossary_title: ShortText = _ui("Words to know", "The title of the booklet's glossary page.")
    sources_title: ShortText = _ui("Sources", "The title of the booklet's list of sources.")
    contact_title: ShortText = _ui("Contact us", "The title of the clinic's contact block.")
    hours: ShortText = _ui("Hours", "The bold label over the clinic's opening hours in the contact block.")
    scan_qr: ShortText = _ui("Scan to visit our website", "The caption with the QR code of the clinic's website.")
    version_line: ShortText = _ui(
        "Version {version}, updated {date}.", "The fine-print version line; keep {version} and {date}."
    )
    clinically_reviewed: ShortText = _ui(
        "Reviewed by {name} on {date}.",
        "The fine-print line once a clinician's review is recorded; keep {name} and {date}.",
    )
    translation_unreviewed: ShortText = _ui(
        "Translation not yet reviewed by a medical translator.",
        "Printed on every page while this translation's status is machine-draft or human-draft.",
    )
    qr_alt: ShortText = _ui(
        "QR code that opens {url}", "The QR code's description for screen readers (not printed); keep {url}."
    )
    # unused: the logo prints beside the clinic name, as an artifact; kept so older language files still load
    logo_alt: ShortText = _ui("{name} logo", "Not used any more (the logo is decoration); kept so older files load.")
    crisis_call: ShortText = _ui(
        "Call {number} ({name}).", "How the crisis box gives each crisis line; keep {number} and {name}."
    )
    open_24_7: ShortText = _ui(
        "Open 24 hours, 7 days a week.", "Printed after a crisis line that is open day and night."
    )
    emergency_call: ShortText = _ui(
        "In an emergency, call {number} or go to the nearest emergency room.",
        "The crisis box's last line, with the region's emergency number; keep {number}.",
    )
    # the third tier of "when to call", after the crisis line and the emergency number: the clinic's phone
    clinic_call: ShortText = _ui(
        "Side effects or questions? Call us.", "Printed with the clinic's phone number, large, after the crisis box."
    )
    draft_unreviewed: ShortText = _ui(
        "Draft: not yet reviewed by a clinician",
        "The notice at the foot of every page until a clinician's review is recorded.",
    )
    draft_changed: ShortText = _ui(
        "Draft: the text changed after the clinician's review on {date}",
        "The notice at the foot of every page when the text changed since the recorded review; keep {date}.",
    )
    # the booklet's padding pages (render/padding.py): a treatment record and a wallet card
    record_title: ShortText = _ui("My treatment record", "The title of the booklet's treatment record page.")
    record_intro: ShortText = _ui(
        "Write down each visit: the date, the treatment, how you felt after, and any side effects or questions. "
        "Bring this page to your next visit.",
        "The sentences under the treatment record's title.",
    )
    record_date: ShortText = _ui("Date", "The treatment record's first column.")
    record_treatment: ShortText = _ui("Treatment", "The treatment record's second column.")
    record_felt: ShortText = _ui("How I felt after", "The treatment record's third column.")
    record_side_effects: ShortText = _ui("Side effects or questions", "The treatment record's last column.")
    card_title: ShortText = _ui("Wallet card", "The title of the booklet's wallet card page.")
    card_intro: ShortText = _ui(
        "Cut along the dashed line, fold the card in half, and keep it with you.",
        "How to cut out and fold the wallet card.",
    )
    card_treated_with: ShortText = _ui(
        "I am being treated with:", "The wallet card's line over the two treatments to tick."
    )
    card_spravato: ShortText = _ui(
        "Spravato (esketamine) nasal spray", "The wallet card's tick box for the approved esketamine spray."
    )
    card_ketamine: ShortText = _ui("Ketamine (off-label)", "The wallet card's tick box for off-label ketamine.")
    card_crisis: ShortText = _ui("Crisis line", "The wallet card's label before the crisis line's number.")
    card_emergency: ShortText = _ui("Emergency", "The wallet card's label before the emergency number.")
    card_line: ShortText = _ui(
        "{label}: {number}",
        'A label and its number on the wallet card, punctuated as the language does ("Urgences : 911"); '
        "keep {label} and {number}.",
    )
    card_name: ShortText = _ui("My name", "The wallet card's line to write the patient's name on.")
    card_care_team: ShortText = _ui("My care team", "The wallet card's line to write the care team on.")

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
    status: Literal["source", "machine-draft", "human-draft", "reviewed"] = Field(
        description="source for the original language; machine-draft and human-draft print a notice on every page; "
        "reviewed (by a medical translator) does not."
    )
    # a changed source part is stale here (`translation.stale`)
    translated_from: dict[Slug, Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]] = Field(
        default_factory=dict,
        description="Written by `brochure new-language` and `brochure translated`, not by hand: per part "
        "(`handout`, each section id), the fingerprint of the source text it was translated from.",
    )
    reviewed_by: ShortText | None = Field(
        default=None, description="The medical translator who reviewed it; needed when status is reviewed."
    )
    reviewed_on: date | None = Field(
        default=None, description="The date of that review, as YYYY-MM-DD; needed when status is reviewed."
    )

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

    acronyms: list[ShortText] = Field(
        default_factory=list,
        description="Words in capitals the text may use (FDA, REMS); any other capitalised word of 4 or more "
        "letters is warned about.",
    )
    defines: list[Regex] = Field(
        default_factory=list,
        description="Patterns (Python regular expressions) of a sentence that explains a glossary word, written "
        "{term}, e.g. '{term} means'.",
    )
    frequency: Regex | None = Field(
        default=None,
        description='A pattern for a number in words, e.g. "4 in 10"; a bare 41% needs one just before it.',
    )
    not_fractions: list[ShortText] = Field(
        default_factory=list, description="Texts that look like fractions but are not, e.g. 24/7."
    )
    # Letters and digits, punctuation not counted. Japanese public-writing guidance (文化庁「公用文作成の考え方」,
    # 2022) suggests about 50-60 characters at most.
    max_sentence_chars: int | None = Field(
        default=None,
        ge=10,
        le=500,
        description="For languages written without spaces (Japanese, Chinese): the longest sentence in characters "
        "(10-500), instead of words.",
    )


Phrase = ShortText | list[ShortText]  # one phrase, or a list of alternatives


class MustSay(Strict):
    """A statement the handout must make: every phrase found together in one of the listed sections."""

    what: ShortText = Field(description="What is being stated, in words for the check's report.")
    sections: list[Slug] = Field(
        min_length=1, description="The section ids where it may be made; one of them must hold every phrase."
    )
    phrases: list[Phrase] = Field(
        min_length=1,
        description="The phrases that must all appear; a list inside the list means any one of those alternatives.",
    )


class EveryLength(Strict):
    """A statement each printed length must carry: every phrase found together in one printed text.

    Checked against what each layout actually draws (not the booklet's full text), so a
    patient handed only the flyer still meets it. `crisis_line: true` also needs the
    brand region's crisis number printed in that length.
    """

    id: Slug = Field(description="A short name for the rule, used in the check's report, e.g. approval.")
    what: ShortText = Field(description="What is being stated, in words for the check's report.")
    phrases: list[Phrase] = Field(
        default_factory=list,
        description="The phrases one printed text must hold together; a list inside the list means any one of those.",
    )
    crisis_line: bool = Field(
        default=False, description="True: that length must also print the brand region's crisis number."
    )


class SafetyRules(Strict):
    """Medical-safety words for one language (matched ignoring case; see content/SCHEMA.md)."""

    crisis_terms: list[ShortText] = Field(
        min_length=1,
        description="Words about suicide or self-harm; a section that uses one needs a callout of kind crisis.",
    )
    never_say: list[ShortText] = Field(
        default_factory=list, description="Overclaiming or untrue phrases no section or manifest text may use."
    )
    must_say: list[MustSay] = Field(
        default_factory=list, description="Statements the handout must make, each in one of the sections it lists."
    )
    every_length: list[EveryLength] = Field(
        default_factory=list,
        description="Statements every printed length (flyer, tri-fold, booklet) must carry; the build refuses a "
        "length without one.",
    )


class Language(Strict):
    code: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] = Field(
        description="The language's code, as its folder in content/ is named: en, es, pt-BR, zh-Hans."
    )
    name: ShortText = Field(description="The language's own name for itself: English, Español, Français.")
    # both default to the main script's (text.scripts, found from the text); written here they override it
    direction: Literal["ltr", "rtl"] | None = Field(
        default=None,
        description="ltr (left to right) or rtl (right to left, Arabic, Persian); by default found from the text.",
    )
    line_break: Literal["space", "cjk"] | None = Field(
        default=None,
        description="space: lines break between words; cjk: between any two characters (Chinese, Japanese); "
        "by default found from the text.",
    )
    fallback_fonts: list[ShortText] = Field(
        default_factory=list,
        description="Font families for the characters the brand font lacks, e.g. Noto Sans SC for Chinese.",
    )
    no_break: list[Regex] = Field(
        default_factory=list,
        description="Phrases whose spaces never break a line (regular expressions), e.g. Spanish times "
        "'\\d+ [ap]\\. m\\.'.",
    )
    hyphenate: bool = Field(
        default=False,
        description="Whether running text breaks long words at line ends with a hyphen. Off by default: a "
        "word split across lines is harder to read for a hurried, anxious or second-language reader (CMS "
        "Toolkit for Making Written Material Clear and Effective); on where a language's long words would "
        "leave ragged lines too short (Polish).",
    )
    translation: TranslationStatus = Field(
        description="Whether this is the source text, a draft or a reviewed translation."
    )
    ui: UIStrings = Field(default=UIStrings(), description="The words the layouts print around the content.")
    crisis: CrisisHeading = Field(description="The crisis box's title; the numbers come from the brand's region.")
    handout: HandoutText | None = Field(
        default=None, description="The manifest's texts in this language; left out for the source language."
    )
    safety: SafetyRules | None = Field(
        default=None, description="The medical-safety words `brochure check` looks for; it warns when this is missing."
    )
    plain_language: PlainLanguage | None = Field(
        default=None, description="The plain-language check's words; a language without them is not checked."
    )
