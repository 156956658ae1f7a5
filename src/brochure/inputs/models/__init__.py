"""Typed models of every input file, one module per file kind. Validation lives here; nothing is drawn.

Every model forbids unknown keys so a typo ("titel") is reported, not ignored.
The JSON Schema editors use is generated from these classes.
"""

from .brand import CMYK, Brand, BrandStrings, CmykColors, Colors, Contact, Fingerprint, Fonts, LangCode, Percent  # noqa: F401
from .common import HexColor, Paper, ShortText, Slug, Strict, Text, _known_paper  # noqa: F401
from .content import (  # noqa: F401
    _REPEATS,
    _TERM_SHAPE,
    BLOCK_KINDS,
    HANDOUT_FIELDS,
    NESTED_REPEAT_LIMIT,
    Block,
    Callout,
    CrisisHeading,
    CrisisLine,
    Essentials,
    EveryLength,
    GlossaryEntry,
    HandoutText,
    Language,
    Limit,
    Manifest,
    MustSay,
    Phrase,
    PlainLanguage,
    Readability,
    Regex,
    Region,
    Review,
    SafetyRules,
    Section,
    Source,
    TranslationStatus,
    TreatmentDay,
    UIStrings,
    _regex,
    _repeats_inside,
    _walk_repeats,
)
from .layout import (  # noqa: F401
    SLOTS,
    FrameSpec,
    Layout,
    Margins,
    OptionalSlotKey,
    PageSpec,
    PaperAdjust,
    SectionPart,
    SectionsSlot,
    SectionsSlotKey,
    Slot,
    TypeScale,
)
