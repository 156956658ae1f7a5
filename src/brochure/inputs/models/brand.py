"""Models of a brand file: colours (RGB and CMYK), fonts, contact details, translated brand strings."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    Field,
    StringConstraints,
)

from .common import Described, HexColor, Paper, ShortText, Text

# ---------------------------------------------------------------- brand


Percent = Annotated[float, Field(ge=0, le=100)]
# cyan, magenta, yellow, black in percent, as brand books and print shops write them
CMYK = Annotated[list[Percent], Field(min_length=4, max_length=4)]


class CmykColors(Described):
    """Exact CMYK for the press profile, per colour; a colour left out is converted from its RGB."""

    primary: CMYK | None = None
    """Cyan, magenta, yellow, black in percent for `colors.primary`."""
    accent: CMYK | None = None
    """CMYK percentages for `colors.accent`."""
    text: CMYK | None = None
    """CMYK percentages for `colors.text`."""
    background: CMYK | None = None
    """CMYK percentages for `colors.background`."""
    on_primary: CMYK | None = None
    """CMYK percentages for `colors.on_primary`."""
    callout_background: CMYK | None = None
    """CMYK percentages for `colors.callout_background`."""
    crisis_background: CMYK | None = None
    """CMYK percentages for `colors.crisis_background`."""
    crisis_accent: CMYK | None = None
    """CMYK percentages for `colors.crisis_accent`."""


class Colors(Described):
    primary: HexColor
    """Headings, bands."""
    accent: HexColor
    """Rules, bullets, callout borders."""
    text: HexColor = "#1F2328"
    """Running text; a near-neutral grey prints with black toner (office) or black ink (press) alone."""
    background: HexColor = "#FFFFFF"
    """The page."""
    on_primary: HexColor = "#FFFFFF"
    """Text drawn on a primary band."""
    callout_background: HexColor = "#F2F5F7"
    """The tint behind key points, notes and the contact panel."""
    crisis_background: HexColor = "#FDF1EC"
    """The tint behind the crisis band and the essentials box."""
    crisis_accent: HexColor = "#B4451F"
    """The crisis band's rule, title and large numbers; the draft notice."""
    cmyk: CmykColors = CmykColors()
    """Press profile only: exact values instead of converting the RGB ones."""


class Fonts(Described):
    body: ShortText = "Noto Sans"
    """The family for running text (Regular, Bold, Italic)."""
    heading: ShortText | None = None
    """Defaults to the body family."""


class Contact(Described):
    address: list[ShortText] = Field(default_factory=list)
    """Address lines, printed one per line as written."""
    phone: ShortText | None = None
    """The clinic's phone number as dialled and printed; also the large number under "Call us"."""
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = None
    """Printed, and a mailto link in office files."""
    website: Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"]+$")] | None = None
    """Printed without https://, a link in office files, and the QR code's address."""
    hours: list[ShortText] = Field(default_factory=list)
    """Opening hours, one line each."""


LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]


Fingerprint = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]


class BrandStrings(Described):
    """A brand's own words in one handout language (`translations: {es: …}` in the brand file).

    Only human-language text: phone numbers, addresses, URLs and colours print as written.
    `status` marks the translation's review state as a language's `translation.status` does.
    """

    status: Literal["machine-draft", "human-draft", "reviewed"]
    """Who translated these strings: machine-draft and human-draft print a notice; reviewed does not."""
    tagline: ShortText | None = None
    """The tagline in this language."""
    hours: list[ShortText] | None = None
    """Replaces `contact.hours`."""
    notes: list[Text] | None = Field(default=None, max_length=6)
    """The notes in this language, in the same order as the brand's own `notes`."""
    translated_from: dict[Literal["tagline", "hours", "notes"], Fingerprint] = Field(default_factory=dict)
    """Per key, the fingerprint of the source text it was translated from (`brandtext.fingerprint`)."""


class PressOutput(Described):
    """The print shop's press condition (`--profile press`); without it, the shipped modelled profile."""

    output_intent: str | None = None
    """The shop's CMYK output ICC profile, path relative to the brand file."""
    condition: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9 ._+-]{1,60}$")] | None = None
    """E.g. FOGRA39."""


class Brand(Described):
    extends: ShortText | None = None
    """Another brand this one builds on: its name (`harbor-light`, a file beside this one or in assets/brands/) or
    a path relative to this file. Mappings merge key by key; a value written here (text, a number, a list such as
    `notes` or `contact.address`) replaces the parent's whole; `translations` merge per language and key. The
    parent's relative paths (its logo) stay relative to the parent's file; at most 8 brands in a row."""
    name: ShortText
    """The clinic's name as printed."""
    language: LangCode = "en"
    """The language the brand's own text is written in."""
    tagline: ShortText | None = None
    """A short line under the clinic's name where there is room (the booklet's back cover)."""
    logo: str | None = None
    """Path relative to the brand file."""
    colors: Colors
    """The brand's colours by role; only `primary` and `accent` are required."""
    fonts: Fonts = Fonts()
    """Font families by name: a family in `assets/fonts/` or one the rendercv-fonts package ships."""
    contact: Contact = Contact()
    """What the contact block prints: address lines, phone, e-mail, website (also the QR code), hours."""
    notes: list[Text] = Field(default_factory=list, max_length=6)
    """Clinic-specific: services, prices."""
    papers: list[Paper] = Field(default_factory=lambda: list[Paper](["letter"]), min_length=1)
    """The paper sizes a default build makes for this brand: letter, a4, half-letter, a5."""
    region: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] = "US"
    """Where the handouts are handed out: its crisis lines and emergency number (src/brochure/regions/)."""
    translations: dict[LangCode, BrandStrings] = Field(default_factory=dict)
    """The brand's text per handout language; what a language lacks prints in `language`, tagged so."""
    press: PressOutput = PressOutput()
    """Press profile only: the print shop's own output profile and its printing condition."""
