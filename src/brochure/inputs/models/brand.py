"""Models of a brand file: colours (RGB and CMYK), fonts, contact details, translated brand strings."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    Field,
    StringConstraints,
)

from .common import HexColor, Paper, ShortText, Strict, Text

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


class PressOutput(Strict):
    """The print shop's press condition (`--profile press`); without it, the shipped modelled profile."""

    output_intent: str | None = None  # the shop's CMYK output ICC profile, path relative to the brand file
    condition: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9 ._+-]{1,60}$")] | None = None  # e.g. FOGRA39


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
    press: PressOutput = PressOutput()
