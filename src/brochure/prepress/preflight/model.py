"""What preflight measures and finds: plain data, JSON-ready, and the thresholds it judges by."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

PT_PER_IN = 72.0
SAFE_DISTANCE = 0.125 * PT_PER_IN  # text at least this far inside the trim and away from folds
MIN_BODY_PT = 10.0  # the most-used text size; below this older readers struggle (README: lengths)
MIN_TEXT_PT = 6.0  # anything smaller is unreadable fine print: a warning
PPI_TOLERANCE = 0.98  # a 300 ppi image rounded to whole pixels lands at 299.x: that is still 300
MIN_BLEED = 8.5  # 3 mm; US shops ask 0.125 in (9 pt): less is a warning
SUBSET = re.compile(r"^[A-Z]{6}\+")
BOX_NAMES = ("MediaBox", "CropBox", "BleedBox", "TrimBox", "ArtBox")


@dataclass
class Finding:
    severity: str  # "error" fails the profile; "warning" fails with --strict; "info" never fails
    rule: str  # e.g. "font.not-embedded"
    message: str
    pages: list[int] = field(default_factory=list)  # 1-based
    fix: str = ""


@dataclass
class PageInfo:
    number: int
    boxes: dict[str, list[float] | None]  # as written in the file (inherited boxes resolved), None if absent
    trim: list[float]  # TrimBox, else CropBox, else MediaBox: what the reader holds
    width_in: float
    height_in: float
    rotate: int = 0
    unit: float = 1.0  # /UserUnit (PDF 1.6): one unit of this page is this many points; boxes stay in units


@dataclass
class FontInfo:
    name: str
    subtype: str
    embedded: bool
    subset: bool
    pages: list[int]


@dataclass
class ImageInfo:
    page: int
    name: str
    pixels: tuple[int, int]
    colorspace: str
    placed_in: tuple[float, float]  # width, height on paper
    ppi: float  # effective: the lower of the two directions


@dataclass
class NearEdge:
    page: int
    edge: str  # "trim left", "fold at 3.69 in", …
    distance_in: float
    text: str


@dataclass
class Annotation:
    """An annotation that prints (its Print flag set, not hidden): a stamp, a form field, a note's appearance."""

    page: int
    subtype: str  # "Stamp", "Widget", "FreeText", …


@dataclass
class OutputIntentInfo:
    """One entry of /OutputIntents: the standard it serves and the colour space of the profile it prints to."""

    subtype: str  # /S without its slash: GTS_PDFX (PDF/X), GTS_PDFA1 (PDF/A), ISO_PDFE1 …
    identifier: str  # /OutputConditionIdentifier, else /Info, else "(no identifier)"
    # the DestOutputProfile's colour space: its ICC header's ("CMYK", "RGB", "GRAY", "Lab"), else from its /N;
    # None when there is no profile, or neither says
    profile_space: str | None

    def __str__(self) -> str:
        profile = f"{self.profile_space} profile" if self.profile_space else "no colour profile"
        return f"{self.subtype}: {self.identifier} ({profile})"

    @property
    def press_ready(self) -> bool:
        """A PDF/X intent printing to a CMYK condition: what a press file declares (PDF/X-4, PDF/X-1a)."""
        return self.subtype == "GTS_PDFX" and self.profile_space == "CMYK"


@dataclass
class Report:
    path: str
    profile: str
    layout: str | None
    pages: list[PageInfo]
    fonts: list[FontInfo]
    images: list[ImageInfo]
    colorspaces: dict[str, dict[str, list[int]]]  # family → where ("content", "image", …) → pages
    output_intents: list[OutputIntentInfo]
    text_sizes: dict[str, float]  # pt, rounded to 0.1 → characters, as {"12.0": 3100}
    smallest_text_pt: float | None
    body_text_pt: float | None
    near_edges: list[NearEdge]
    encrypted: bool
    folds: dict[int, list[float]] = field(default_factory=dict)  # page → fold x (in) from the trim's left, if known
    printable_annotations: list[Annotation] = field(default_factory=list)  # their appearances are walked too
    findings: list[Finding] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    def failed(self, strict: bool = False) -> bool:
        return self.count("error") > 0 or (strict and self.count("warning") > 0)

    def to_dict(self, strict: bool = False) -> dict:
        out = asdict(self)
        out["passed"] = not self.failed(strict)
        return out


class UnreadableError(Exception):
    """The file is not a PDF we can open (not a PDF, damaged beyond repair, or needs a password)."""


class TooLargeError(UnreadableError):
    """The file asks for more work than preflight's bounds (README: Limits): it was not checked completely."""
