"""The profiles' rules: each reads a `Report` and adds its findings; `judge` runs RULES in order.

A new check is one function appended to RULES. Each rule says its severity, its message and the fix,
so the printed report and `brochure build`'s gate read the same words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from brochure.media import profiles

from .model import (
    MIN_BLEED,
    MIN_BODY_PT,
    MIN_TEXT_PT,
    PPI_TOLERANCE,
    PT_PER_IN,
    SAFE_DISTANCE,
    Finding,
    PageInfo,
    Report,
)
from .read import contains, is_rgb, read

if TYPE_CHECKING:
    from brochure.inputs.models import Layout


def pages_text(pages: list[int]) -> str:
    """' (pages 1, 2, 5)' for a message; nothing when no page is named."""
    if not pages:
        return ""
    pages = sorted(set(pages))
    shown = ", ".join(str(p) for p in pages[:8]) + (" …" if len(pages) > 8 else "")
    return f" (page{'s' * (len(pages) > 1)} {shown})"


@dataclass
class Judgement:
    """What one `judge` call knows, and the findings the rules have added so far."""

    report: Report
    profile: str
    page_multiple: int | None
    findings: list[Finding] = field(default_factory=list)

    def applies(self, rule: str) -> bool:
        """Whether the profile adds `rule` to those every profile applies (`Profile.preflight`)."""
        return rule in profiles.get(self.profile).preflight

    def add(self, severity: str, rule: str, message: str, pages: Iterable[int] = (), fix: str = "") -> None:
        numbers = sorted(set(pages))
        self.findings.append(Finding(severity, rule, message + pages_text(numbers), numbers, fix))


def page_count(j: Judgement) -> None:
    report = j.report
    if j.page_multiple and len(report.pages) % j.page_multiple:
        j.add(
            "error",
            "pages.multiple",
            f"{len(report.pages)} pages is not a multiple of {j.page_multiple}, as a folded booklet needs",
            fix="add blank or notes pages",
        )
    sizes = {(p.width_in, p.height_in) for p in report.pages}
    if len(sizes) > 1:
        j.add("info", "pages.mixed-sizes", f"{len(sizes)} different page sizes")


def print_boxes(j: Judgement) -> None:
    no_trim = [p.number for p in j.report.pages if p.boxes["TrimBox"] is None]
    no_bleed = [p.number for p in j.report.pages if p.boxes["BleedBox"] is None]
    if j.applies("box.no-trim") and no_trim:
        j.add(
            "error",
            "box.no-trim",
            "no TrimBox: the print shop cannot tell where to cut",
            no_trim,
            "export with bleed and trim marks (TrimBox and BleedBox), e.g. PDF/X-4",
        )
    if j.applies("box.no-bleed") and no_bleed:
        j.add(
            "error",
            "box.no-bleed",
            "no BleedBox: nothing may run to the edge of the sheet",
            no_bleed,
            "add 0.125 in (3 mm) of bleed on every side and write the BleedBox",
        )


def box_nesting(j: Judgement) -> None:
    bad_nest, thin = [], []
    for p in j.report.pages:
        media, trim, bleed = p.boxes["MediaBox"], p.boxes["TrimBox"], p.boxes["BleedBox"]
        if media and trim and not contains(media, trim):
            bad_nest.append(p.number)
        if bleed and trim:
            if not contains(bleed, trim) or (media and not contains(media, bleed)):
                bad_nest.append(p.number)
            elif (
                min(trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]) * p.unit
                < MIN_BLEED - 0.01
            ):  # the boxes are in the page's units; the bleed is judged in points
                thin.append(p.number)
    if bad_nest:
        j.add(
            "error",
            "box.nesting",
            "page boxes do not nest (MediaBox ⊇ BleedBox ⊇ TrimBox)",
            bad_nest,
            "re-export the PDF; the boxes contradict each other",
        )
    if j.applies("box.thin-bleed") and thin:
        j.add(
            "warning",
            "box.thin-bleed",
            "bleed narrower than 3 mm on some side",
            thin,
            "print shops ask for 0.125 in (US) or 3 mm (Europe) on every side",
        )


def output_intent(j: Judgement) -> None:
    """A press file names the press it is made for: a PDF/X output intent whose profile is CMYK.

    A PDF/A intent (GTS_PDFA1) with an sRGB profile describes a screen, not a press: the shop's RIP would
    take the file's colours as meant for sRGB. Any number of other intents may sit beside the PDF/X one."""
    intents = j.report.output_intents
    if j.applies("press.no-output-intent") and not intents:
        j.add(
            "error",
            "press.no-output-intent",
            "no OutputIntent: the printer does not know the colour condition",
            fix="export as PDF/X-4 (or PDF/X-1a) with the shop's output profile, e.g. Coated FOGRA39 or GRACoL",
        )
    elif j.applies("press.output-intent-not-cmyk") and intents and not any(oi.press_ready for oi in intents):
        j.add(
            "error",
            "press.output-intent-not-cmyk",
            "no PDF/X output intent with a CMYK profile, so the press's colour condition is unknown: "
            + "; ".join(str(oi) for oi in intents),
            fix="export PDF/X-4 with the shop's CMYK profile (e.g. Coated FOGRA39 or GRACoL) as the output intent, "
            "not PDF/A or an RGB profile such as sRGB",
        )


def fonts_embedded(j: Judgement) -> None:
    for f in j.report.fonts:
        if not f.embedded:
            j.add(
                "error",
                "font.not-embedded",
                f"font {f.name} ({f.subtype}) is not embedded: the printer substitutes it",
                f.pages,
                "embed all fonts when exporting (fonts whose licence forbids embedding cannot be printed as is)",
            )


def colour_spaces(j: Judgement) -> None:
    for fam, where in j.report.colorspaces.items():
        if j.applies("color.rgb") and is_rgb(fam):
            pages = [p for ps in where.values() for p in ps]
            j.add(
                "error",
                "color.rgb",
                f"RGB colour ({fam}) in {', '.join(sorted(where))}",
                pages,
                "convert to CMYK for the shop's press (or export PDF/X-4 with an OutputIntent and CMYK content)",
            )


def image_resolution(j: Judgement) -> None:
    need = profiles.get(j.profile).min_ppi
    for im in j.report.images:
        if im.ppi < need * PPI_TOLERANCE:
            j.add(
                "error",
                "image.low-ppi",
                f"image {im.name} is {im.ppi:.0f} ppi at its placed size ({im.placed_in[0]:.2f} × "
                f"{im.placed_in[1]:.2f} in, {im.pixels[0]} × {im.pixels[1]} px); {j.profile} needs {need} ppi",
                [im.page],
                "use a larger original or place it smaller",
            )


def text_sizes(j: Judgement) -> None:
    report = j.report
    if report.body_text_pt is not None and report.body_text_pt < MIN_BODY_PT:
        j.add(
            "error",
            "text.body-small",
            f"most text is {report.body_text_pt:g} pt; body text needs {MIN_BODY_PT:g} pt "
            "or more for patients to read it",
            fix="raise the body size (12 pt reads well for older readers)",
        )
    if report.smallest_text_pt is not None and report.smallest_text_pt < MIN_TEXT_PT:
        j.add(
            "warning",
            "text.tiny",
            f"some text is {report.smallest_text_pt:g} pt (under {MIN_TEXT_PT:g} pt)",
            fix="make fine print at least 6 pt, better 8 pt",
        )


def safe_zone(j: Judgement) -> None:
    for ne in j.report.near_edges:
        where = "fold" if ne.edge.startswith("fold") else "trim"
        j.add(
            "error",
            f"text.near-{where}",
            f"text {ne.distance_in:.3f} in from the {ne.edge} (needs {SAFE_DISTANCE / PT_PER_IN:.3f} in): “{ne.text}”",
            [ne.page],
            f"move text at least {SAFE_DISTANCE / PT_PER_IN:g} in inside the {where} (a safe zone)",
        )


def printable_annotations(j: Judgement) -> None:
    """A print file carries nothing that prints outside its content (PDF/X-4: no annotation inside the bleed)."""
    if not j.applies("annot.printable") or not j.report.printable_annotations:
        return
    kinds = sorted({a.subtype for a in j.report.printable_annotations})
    j.add(
        "error",
        "annot.printable",
        f"{len(j.report.printable_annotations)} printable annotation(s) ({', '.join(kinds)}): a press prints them "
        "on top of the page, outside the file's colour management",
        [a.page for a in j.report.printable_annotations],
        "flatten them into the page (print to PDF / 'flatten annotations and fields') or remove them",
    )


def encryption(j: Judgement) -> None:
    if j.report.encrypted:
        j.add(
            "warning",
            "file.encrypted",
            "the file is encrypted (it opens without a password, but some print workflows refuse encrypted files)",
            fix="save an unencrypted copy for the printer",
        )


# in the order the report lists them: pages and boxes, fonts, colour, images, text, the file
RULES: tuple[Callable[[Judgement], None], ...] = (
    page_count,
    print_boxes,
    box_nesting,
    output_intent,
    fonts_embedded,
    colour_spaces,
    image_resolution,
    text_sizes,
    safe_zone,
    printable_annotations,
    encryption,
)


def judge(report: Report, profile: str, page_multiple: int | None = None) -> list[Finding]:
    """The profile's rules applied to what `read` measured."""
    j = Judgement(report, profile, page_multiple)
    for rule in RULES:
        rule(j)
    return j.findings


def folds_for(layout: Layout, pages: list[PageInfo], rtl: bool = False) -> tuple[dict[int, list[float]], str | None]:
    """Fold positions (points from the trim's left edge) per page, from a fixed layout's panels.

    The paper is recognised from the page size; a page whose size matches no
    paper of the layout has no known folds. Returns (folds, paper name).
    `rtl`: the sheet is the layout's mirror image (a right-to-left handout: its panels right to left).
    """
    from brochure.render import plan

    folds: dict[int, list[float]] = {}
    found = None
    for info in pages:
        if layout.kind != "fixed" or info.number > len(layout.pages):
            continue
        spec = layout.pages[info.number - 1]
        if not spec.panels:
            continue
        for paper in layout.papers:
            g = plan.geometry(layout, paper)
            if abs(g.width - info.width_in * PT_PER_IN) < 2 and abs(g.height - info.height_in * PT_PER_IN) < 2:
                widths = [float(w) for w in spec.panels.get(paper, [])]
                if rtl:
                    widths.reverse()
                folds[info.number] = [sum(widths[: i + 1]) for i in range(len(widths) - 1)]
                found = paper
                break
    return folds, found


def _reads_right_to_left(path: Path | bytes) -> bool:
    """`/ViewerPreferences /Direction /R2L`; False for a file pikepdf cannot open (`read` says why)."""
    import io

    import pikepdf

    from brochure.prepress.impose import reads_right_to_left

    try:
        with pikepdf.open(io.BytesIO(path) if isinstance(path, bytes) else path) as pdf:
            return reads_right_to_left(pdf)
    except (pikepdf.PdfError, OSError, ValueError):
        return False


def inspect(
    path: Path | bytes, profile: str = "office", layout: Layout | None = None, *, mirrored: bool | None = None
) -> Report:
    """Read `path` and judge it against `profile`; `layout` (a models.Layout) adds fold and page-count checks.

    `mirrored`: whether the PDF is `layout`'s mirror image. None (a file from elsewhere, `brochure
    preflight`): when the PDF says it reads right to left, as a right-to-left handout does; a build
    passes False, because it checks against the layout it already mirrored.
    """
    if not profiles.known(profile):
        raise ValueError(f"unknown profile {profile!r}")
    rtl = _reads_right_to_left(path) if (mirrored is None and layout is not None) else bool(mirrored)
    report = read(path, (lambda pages: folds_for(layout, pages, rtl)[0]) if layout is not None else None)
    report.profile = profile
    report.layout = layout.name if layout is not None else None
    multiple = layout.page_multiple if layout is not None and layout.kind == "booklet" else None
    report.findings = judge(report, profile, multiple)
    return report
