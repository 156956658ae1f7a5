"""Everything a layout needs to draw one handout, resolved once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from reportlab.lib.colors import CMYKColor
from reportlab.lib.styles import ParagraphStyle

from brochure.checks.review import Status
from brochure.inputs import crisis, dates
from brochure.inputs.models import HandoutText, Layout, UIStrings
from brochure.inputs.project import Handout, LoadedBrand
from brochure.media import profiles
from brochure.media.images import PreparedImage, prepare
from brochure.pdf import press
from brochure.render import plan
from brochure.text import scripts


@dataclass
class RenderContext:
    handout: Handout
    brand: LoadedBrand
    layout: Layout
    paper: str
    scale: float = 1.0
    layout_shown: str = ""  # the layout file, as shown in messages
    fallback: list = field(default_factory=list)  # fonts.Family for characters the brand font lacks
    profile: str = "office"  # a name in media.profiles: what it turns on is `output`
    crop_marks: bool = True  # for profiles with marks
    placements: list = field(default_factory=list)  # (image path, placed width pt): checked for resolution
    review: Status = field(default_factory=Status)  # the clinician's sign-off, bound to the exact text
    warnings: list = field(default_factory=list)  # from validation, printed by the build (`brand.untranslated`)
    # optional blocks the fit step shortened: "frame-id:slot" -> how many of its items it keeps (0: left out)
    kept: dict[str, int] = field(default_factory=dict)

    @property
    def output(self) -> profiles.Profile:
        """The output profile: CMYK, bleed, marks, PDF/X, links … (`media.profiles`)."""
        return profiles.get(self.profile)

    @property
    def ui(self) -> UIStrings:
        return self.handout.language.ui

    @property
    def text(self) -> HandoutText:
        return self.handout.text

    @cached_property
    def script(self) -> scripts.Script:
        """The language's main script, found from its text (`text.scripts`): the default direction and breaking."""
        return scripts.main_script(scripts.strings([doc.data for doc in self.handout.docs.values()]))

    @property
    def rtl(self) -> bool:
        return (self.handout.language.direction or self.script.direction) == "rtl"

    @cached_property
    def styles(self) -> dict[str, ParagraphStyle]:
        cjk = (self.handout.language.line_break or self.script.line_break) == "cjk"
        return plan.styles(
            self.brand,
            self.layout,
            rtl=self.rtl,
            scale=self.scale,
            cjk=cjk,
            lang=self.handout.language.code if self.handout.language.hyphenate else "",  # hyphenation, where asked
            cmyk=self.output.cmyk,
        )

    @cached_property
    def palette(self) -> plan.Palette:
        return plan.palette(self.brand.brand.colors, cmyk=self.output.cmyk, icc=self.brand.icc_path)

    @cached_property
    def intent(self) -> press.OutputIntent:
        """The press condition: the print shop's profile when the brand names one (`press:`), else the shipped one."""
        if self.brand.icc_path is None:
            return press.SHIPPED
        return press.shop_intent(self.brand.icc_path, self.brand.brand.press.condition)

    @cached_property
    def geometry(self) -> plan.Geometry:
        return plan.geometry(self.layout, self.paper)

    @cached_property
    def sheet(self) -> press.Sheet:
        """The printed sheet around the trim page: bleed, crop and fold marks where the profile has them."""
        g = self.geometry
        folds = press.fold_positions(self.layout, self.paper)  # fold marks beside the crop marks
        return press.sheet(g.width, g.height, self.paper, self.profile, self.crop_marks, folds)

    @property
    def qr_color(self) -> CMYKColor | None:
        """QR codes print in black ink alone in CMYK (ReportLab's default black is RGB)."""
        return press.BLACK if self.output.cmyk else None

    @property
    def crisis_title(self) -> str:
        return self.handout.language.crisis.title

    @property
    def crisis_lines(self) -> list[str]:
        """The brand region's crisis lines, in this handout's language."""
        return crisis.lines(self.brand.region, self.handout.language)

    @property
    def crisis_numbers(self) -> list[str]:
        """The number of each crisis line (and the emergency number last), for the crisis band."""
        return crisis.numbers(self.brand.region)

    @property
    def translation_unreviewed(self) -> bool:
        if self.brand.lang_status in ("machine-draft", "human-draft"):  # the brand's own words, translated
            return True
        return self.handout.language.translation.status not in ("source", "reviewed")

    def lang_of(self, key: str) -> str | None:
        """The language a brand text prints in when it is not the handout's (`brandtext.localize`), else None."""
        return self.brand.printed_in.get(key)

    @property
    def notices(self) -> list[str]:
        """What every page (every panel) must say about the text's state: a draft, a machine translation."""
        out = []
        if self.review.reviewed_on is None:
            out.append(self.ui.draft_unreviewed)
        elif self.review.changed:
            out.append(self.ui.draft_changed.format(date=self.format_date(self.review.reviewed_on)))
        if self.translation_unreviewed:
            out.append(self.ui.translation_unreviewed)
        return out

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
        """The language's long date, or ISO 8601 when the fonts lack one of its letters (`inputs.dates`)."""
        return dates.long_date(d, self.handout.language.code, self._printable)

    def _printable(self, text: str) -> bool:
        """Every character in the body font chain and the heading's (each followed by the fallback fonts)."""
        from brochure.media import fonts

        chains = [(self.brand.body, "Regular"), (self.brand.heading or self.brand.body, "Bold")]
        for family, style in chains:
            names = [f.font_name(style) for f in (family, *self.fallback)]
            covered = frozenset().union(*(fonts.coverage(n) for n in names))
            if not all(ord(ch) in covered or ch.isspace() for ch in text):
                return False
        return True

    def review_lines(self) -> list[str]:
        """The version line, and "Reviewed by … on …" once — only while the reviewed text is unchanged.

        An unreviewed or changed text says so in the draft notice on every page, not here a second time.
        """
        r = self.handout.manifest.review
        out = [self.ui.version_line.format(version=r.version, date=self.format_date(r.updated))]
        s = self.review
        if s.reviewed_on is not None and not s.changed:
            out.append(self.ui.clinically_reviewed.format(name=s.reviewed_by, date=self.format_date(s.reviewed_on)))
        return out
