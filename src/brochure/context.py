"""Everything a layout needs to draw one handout, resolved once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from brochure import plan, press
from brochure.images import PreparedImage, prepare
from brochure.models import CrisisLines, Layout
from brochure.project import Handout, LoadedBrand


@dataclass
class RenderContext:
    handout: Handout
    brand: LoadedBrand
    layout: Layout
    paper: str
    scale: float = 1.0
    layout_shown: str = ""  # the layout file, as shown in messages
    fallback: list = field(default_factory=list)  # fonts.Family for characters the brand font lacks
    profile: str = "office"  # office: RGB, page = trim; press: CMYK, bleed, crop marks, PDF/X-4
    crop_marks: bool = True  # press only
    placements: list = field(default_factory=list)  # (image path, placed width pt): checked for resolution

    @property
    def press(self) -> bool:
        return self.profile == "press"

    @property
    def ui(self):
        return self.handout.language.ui

    @property
    def text(self):
        return self.handout.text

    @property
    def rtl(self) -> bool:
        return self.handout.language.direction == "rtl"

    @cached_property
    def styles(self):
        cjk = self.handout.language.line_break == "cjk"
        return plan.styles(
            self.brand,
            self.layout,
            rtl=self.rtl,
            scale=self.scale,
            cjk=cjk,
            lang=self.handout.language.code,
            cmyk=self.press,
        )

    @cached_property
    def palette(self):
        return plan.palette(self.brand.brand.colors, cmyk=self.press)

    @cached_property
    def geometry(self):
        return plan.geometry(self.layout, self.paper)

    @cached_property
    def sheet(self) -> press.Sheet:
        """The printed sheet around the trim page: bleed, crop and fold marks for press, nothing for office."""
        g = self.geometry
        folds = press.fold_positions(self.layout, self.paper)  # fold marks beside the crop marks
        return press.sheet(g.width, g.height, self.paper, self.profile, self.crop_marks, folds)

    @property
    def qr_color(self):
        """QR codes print in black ink alone on press (ReportLab's default black is RGB)."""
        return press.BLACK if self.press else None

    @property
    def crisis(self) -> CrisisLines:
        return self.brand.brand.crisis or self.handout.language.crisis

    @property
    def translation_unreviewed(self) -> bool:
        return self.handout.language.translation.status not in ("source", "reviewed")

    def logo(self, max_width: float, max_height: float) -> tuple[PreparedImage, float, float] | None:
        """The logo fitted into a box, prepared for the size it is drawn at (downsampled above 450 ppi).

        Each placement is recorded so the build can warn about a logo too
        coarse for the profile (`images.resolution_problems`).
        """
        if self.brand.logo_path is None:
            return None
        aspect = prepare(self.brand.logo_path, max_width).aspect
        width = min(max_width, max_height / aspect)
        self.placements.append((self.brand.logo_path, width))
        return prepare(self.brand.logo_path, width), width, width * aspect

    def format_date(self, d: date) -> str:
        from babel.core import UnknownLocaleError
        from babel.dates import format_date

        code = self.handout.language.code.replace("-", "_")
        try:
            return format_date(d, format="long", locale=code)
        except (UnknownLocaleError, ValueError):  # babel lacks the locale: ISO dates read everywhere
            return d.isoformat()

    def review_lines(self) -> list[str]:
        r = self.handout.manifest.review
        out = [self.ui.version_line.format(version=r.version, date=self.format_date(r.updated))]
        if r.reviewed_by and r.reviewed_on:
            out.append(self.ui.clinically_reviewed.format(name=r.reviewed_by, date=self.format_date(r.reviewed_on)))
        else:
            out.append(self.ui.not_clinically_reviewed)
        return out
