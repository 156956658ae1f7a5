"""Output profiles: what each one turns on, stated once and read by every step that used to ask `== "press"`.

A profile is one module beside this one (`office`, `press`) that registers a
`Profile`; adding one is a new module and its name in `BUILT_IN`. Plain data,
no ReportLab: the command line reads the names for `--profile`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

BUILT_IN = ("office", "press")  # modules of this package, imported below in this order


@dataclass(frozen=True)
class Profile:
    name: str  # as given to --profile
    description: str
    cmyk: bool  # every colour CMYK (brand CMYK or converted), RGB refused while drawing, black-only QR codes
    bleed: bool  # the sheet grows by the paper's bleed on every side (`media.papers`)
    marks: bool  # crop marks (and a tri-fold's fold marks) outside the bleed, unless --no-crop-marks
    pdfx: str | None  # PDF/X version the finish step claims: page boxes, CMYK images, OutputIntent, XMP and Info
    pdf_version: str  # the file header
    links: bool  # live link annotations (website, e-mail); a press file has nothing interactive
    min_ppi: int  # an image coarser than this at its placed size: a build warning, a preflight error
    suffix: str  # appended to the file stem, so one profile's files never overwrite another's
    imposable: bool  # `--impose saddle` allowed (a print shop imposes press files itself)
    # colour that would reach the paper's edge stops this far inside it (points): a desktop printer cannot
    # print the outer ~4 mm, and an uneven white rim looks like a mistake; 0 with a bleed (press)
    edge: float = 0.0
    # preflight rules (ids in prepress/preflight/rules) this profile adds to those every profile applies
    preflight: frozenset[str] = field(default_factory=frozenset)


_PROFILES: dict[str, Profile] = {}


def register(profile: Profile) -> Profile:
    if profile.name in _PROFILES:
        raise ValueError(f"profile {profile.name!r} is already registered")
    _PROFILES[profile.name] = profile
    return profile


def unregister(name: str) -> None:
    del _PROFILES[name]


def names() -> tuple[str, ...]:
    return tuple(_PROFILES)


def known(name: str) -> bool:
    return name in _PROFILES


def get(name: str) -> Profile:
    """The profile called `name`; a KeyError naming the known ones otherwise (options are checked before this)."""
    try:
        return _PROFILES[name]
    except KeyError:
        raise KeyError(f"unknown profile {name!r}; known: {', '.join(_PROFILES)}") from None


for _module in BUILT_IN:
    importlib.import_module(f"{__name__}.{_module}")
