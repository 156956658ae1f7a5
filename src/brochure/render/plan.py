"""Brand + layout + language → paragraph styles and page geometry. Pure: no PDF written.

Styles are named by semantic role (title, h2, lead, body, bullet, callout,
contact, small …), never by where they sit on the page.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import ParagraphStyle

from brochure.inputs.models import Colors, Layout
from brochure.media import papers

if TYPE_CHECKING:
    import pyphen

    from brochure.inputs.project import LoadedBrand


@dataclass(frozen=True)
class Geometry:
    width: float
    height: float
    top: float
    bottom: float
    inner: float
    outer: float
    measure: float | None = None  # the body text column's widest, when the layout sets one

    @property
    def frame_width(self) -> float:
        return self.width - self.inner - self.outer

    @property
    def text_width(self) -> float:
        """The body text column: the frame's width, or the layout's `measure` when that is narrower."""
        return min(self.frame_width, self.measure) if self.measure else self.frame_width

    @property
    def frame_height(self) -> float:
        return self.height - self.top - self.bottom


def geometry(layout: Layout, paper: str) -> Geometry:
    size = papers.get(paper).size  # the same table as the layout check (inputs.geometry)
    if layout.trim and paper in layout.trim:
        size = layout.trim[paper]
    if layout.orientation == "landscape":
        size = landscape(size)
    m = layout.margins
    return Geometry(size[0], size[1], m.top, m.bottom, m.inner, m.outer, layout.measure)


@dataclass(frozen=True)
class Palette:
    primary: object
    accent: object
    text: object
    background: object
    on_primary: object
    callout_background: object
    crisis_background: object
    crisis_accent: object
    muted: object


def palette(colors: Colors, cmyk: bool = False, icc: Path | None = None) -> Palette:
    """The brand's colours by role; `cmyk` (press profile): every one a CMYKColor, none left in RGB.

    In CMYK a colour is the brand's exact value (`colors.cmyk`) or its RGB
    converted through the output profile (`press.rgb_to_cmyk`): the print
    shop's `icc` when the brand names one, else the shipped profile.
    """
    hexes = {k: v for k, v in colors.model_dump().items() if k != "cmyk"}
    # muted = text at 80 % toward the background: still ≥ 4.5:1 on white for dark text
    t, b = HexColor(hexes["text"]), HexColor(hexes["background"])
    muted = type(t)(*(0.8 * x + 0.2 * y for x, y in zip(t.rgb(), b.rgb(), strict=False)))
    if not cmyk:
        return Palette(**{k: HexColor(v) for k, v in hexes.items()}, muted=muted)
    from brochure.pdf import press

    profile = icc or press.ICC_PATH
    exact = colors.cmyk
    vals = {
        k: press.exact_cmyk(getattr(exact, k)) if getattr(exact, k) is not None else press.rgb_to_cmyk(v, profile)
        for k, v in hexes.items()
    }
    if exact.text is not None and exact.background is not None:
        mixed = (0.8 * x + 0.2 * y for x, y in zip(vals["text"].cmyk(), vals["background"].cmyk(), strict=True))
        vals["muted"] = type(vals["text"])(*mixed)
    else:
        vals["muted"] = press.rgb_to_cmyk(muted.hexval().replace("0x", "#"), profile)
    return Palette(**vals)


HYPHENATE_MIN_LETTERS = 9


def hyphenation_language(code: str) -> str:
    """pyphen's dictionary for a language code, or '' where it has none (then no hyphenation)."""
    try:
        import pyphen
    except ImportError:  # pragma: no cover - a declared dependency
        return ""
    base = code.split("-")[0]
    for candidate in (code.replace("-", "_"), f"{base}_US" if base == "en" else f"{base}_{base.upper()}", base):
        if candidate in pyphen.LANGUAGES:
            return candidate
    return ""


class WholeCompounds:
    """A pyphen hyphenator that leaves compounds ("FDA-approved", "off-label") whole.

    ReportLab hands the whole token to the hyphenator, so pyphen would break
    "FDA-ap-proved" inside its second part; a compound may still break at its
    own hyphen (ReportLab's embedded hyphenation). Picklable, unlike a closure.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._pyphen: pyphen.Pyphen | None = None

    def __call__(self, word: str) -> Iterator[str]:
        if "-" in word or "\u2011" in word:
            return iter(())
        if self._pyphen is None:
            import pyphen

            self._pyphen = pyphen.Pyphen(lang=self.lang)
        return self._pyphen.iterate(word)

    def __bool__(self) -> bool:
        return bool(self.lang)


def styles(
    brand: LoadedBrand,
    layout: Layout,
    rtl: bool = False,
    scale: float = 1.0,
    cjk: bool = False,
    lang: str = "",
    cmyk: bool = False,
) -> dict[str, ParagraphStyle]:
    """Paragraph styles by role. `scale` < 1 only when fitting, never below min_body.

    About 110 lines on purpose: it is the table of every role's style, derived from one type scale, and reads
    best as one table.

    Running text (body, definitions) hyphenates in `lang` where it is given (a language's
    `hyphenate: true`) and pyphen knows it; headings, leads, bullets, key points, calls to
    action and crisis text never do.
    """
    code = "" if (cjk or rtl or not lang) else hyphenation_language(lang)
    hyphen = WholeCompounds(code) if code else ""
    t = layout.type
    body_size = max(t.body * scale, t.min_body)
    lead = t.leading
    body_font = brand.body.font_name("Regular")
    bold_font = brand.heading.font_name("Bold")
    col = palette(brand.brand.colors, cmyk, brand.icc_path)
    align = TA_RIGHT if rtl else TA_LEFT

    def ps(name: str, **kw: Any) -> ParagraphStyle:
        base = dict(
            fontName=body_font,
            fontSize=body_size,
            leading=body_size * lead,
            textColor=col.text,
            alignment=align,
            spaceAfter=body_size * 0.5,
            bulletFontName=body_font,
            wordWrap="CJK" if cjk else None,
            allowWidows=0,  # a paragraph's last line never starts a column or page alone (orphans: ReportLab's 0)
        )
        base.update(kw)
        if "leading" not in kw:
            base["leading"] = base["fontSize"] * lead
        if rtl:  # indents belong to the side a line starts on
            base["leftIndent"], base["rightIndent"] = base.pop("rightIndent", 0), base.pop("leftIndent", 0)
        return ParagraphStyle(name, **base)

    small = t.small
    out = {
        "title": ps(
            "title", fontName=bold_font, fontSize=t.title, leading=t.title * 1.1, textColor=col.on_primary, spaceAfter=8
        ),
        "subtitle": ps("subtitle", fontSize=t.h3 + 2, textColor=col.on_primary, spaceAfter=0),
        "cover-message": ps("cover-message", fontSize=t.h3 + 1, leading=(t.h3 + 1) * 1.4, spaceAfter=12),
        "h2": ps(
            "h2",
            fontName=bold_font,
            fontSize=t.h2,
            leading=t.h2 * 1.2,
            textColor=col.primary,
            spaceBefore=t.h2 * 0.9,
            spaceAfter=t.h2 * 0.4,
            keepWithNext=1,
        ),
        "h3": ps(
            "h3",
            fontName=bold_font,
            fontSize=t.h3,
            leading=t.h3 * 1.25,
            textColor=col.primary,
            spaceBefore=t.h3 * 0.6,
            spaceAfter=t.h3 * 0.25,
            keepWithNext=1,
        ),
        "lead": ps(
            "lead",
            fontSize=body_size * 1.12,
            leading=body_size * 1.12 * lead,
            spaceAfter=body_size * 0.7,  # a lead (the cover's main message, a summary) is never hyphenated
        ),
        "body": ps("body", hyphenationLang=hyphen),
        "call-to-action": ps("call-to-action"),  # body size, never hyphenated: the line a reader acts on
        "bullet": ps("bullet", spaceAfter=body_size * 0.25),
        # a cover's section titles, each beside its icon: at heading size, never smaller than the body
        "contents": ps("contents", fontSize=max(t.h3, body_size), spaceAfter=body_size * 0.35),
        "box-title": ps(
            "box-title", fontName=bold_font, textColor=col.primary, spaceAfter=body_size * 0.3, keepWithNext=1
        ),
        "crisis-title": ps(
            "crisis-title", fontName=bold_font, textColor=col.crisis_accent, spaceAfter=body_size * 0.3, keepWithNext=1
        ),
        "box-body": ps("box-body", spaceAfter=body_size * 0.25),
        "question": ps("question", spaceAfter=2, leftIndent=body_size * 1.6),
        "contact-name": ps(
            "contact-name", fontName=bold_font, fontSize=t.h3, leading=t.h3 * 1.3, textColor=col.primary, spaceAfter=4
        ),
        "contact": ps("contact", spaceAfter=2),
        # a line under a diagram that qualifies it (the timeline's "IV ketamine differs"): body size, muted
        "small-note": ps("small-note", textColor=col.muted, spaceBefore=body_size * 0.5),
        "small": ps("small", fontSize=small, leading=small * 1.35, textColor=col.muted, spaceAfter=small * 0.5),
        # citations are in English whatever the handout's language: they break at spaces, never inside a DOI
        "source": ps(
            "source",
            fontSize=small + 0.5,
            leading=(small + 0.5) * 1.35,
            spaceAfter=3,
            leftIndent=16,
            bulletIndent=0,
            wordWrap=None,
        ),
        "term": ps("term", fontName=bold_font, spaceAfter=0, keepWithNext=1),
        "definition": ps("definition", leftIndent=12, spaceAfter=body_size * 0.45, hyphenationLang=hyphen),
        # the draft / machine-translation notice: bold and never fine print, on every page and panel
        "notice": ps(
            "notice",
            fontName=bold_font,
            fontSize=max(small, 9),
            leading=max(small, 9) * 1.25,
            textColor=col.crisis_accent,
        ),
    }
    for name in ("body", "definition"):
        # only long words break: "of-ten" helps no one, least of all a hurried or second-language reader
        out[name].hyphenationMinWordLength = HYPHENATE_MIN_LETTERS
    for name in ("h2", "h3", "box-title", "crisis-title"):
        out[name].balance = True  # lines of about equal length: no heading ends in one short word (text/paragraph)
    return out
