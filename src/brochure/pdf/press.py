"""Output profiles: `office` (RGB, page = trim) and `press` (CMYK, bleed, crop marks, PDF/X-4).

A press sheet is the trim page grown by the bleed on every side, plus a slug
for the crop marks when they are on. Everything is still drawn in trim
coordinates: the press canvas shifts the page origin once, in the page's
preamble, so layouts never learn about the bleed except where they draw
something that touches the trim and must run on into the bleed
(`extend_to_bleed`).

Colour: every brand colour becomes a `CMYKColor`, either the brand's exact
CMYK value or its RGB converted through the shipped output profile
(`icc/brochure-coated-cmyk.icc`, CC0) with Pillow's ImageCms; near-neutral
greys (body text, muted text) print with black ink only, so small type does
not depend on four plates being in register. Images are converted to CMYK
in the finish step, and the finish step writes what PDF/X-4 asks of a file
that ReportLab cannot write: page boxes, the OutputIntent with the profile,
the PDF/X identification in XMP and Info, /Trapped.
"""

from __future__ import annotations

import hashlib
import uuid
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from reportlab.lib.colors import CMYKColor

from brochure.media import _reportlab, papers, profiles
from brochure.media import icc as icc_files  # the name `icc` is a profile path in this module

if TYPE_CHECKING:
    import pikepdf
    from PIL import ImageCms
    from reportlab.pdfgen.canvas import Canvas

    from brochure.inputs.models import Layout
    from brochure.pdf.finish import Claims

ICC_PATH = Path(__file__).parents[1] / "icc" / "brochure-coated-cmyk.icc"
OUTPUT_CONDITION = "Brochure coated CMYK (ISO 12647-2 PT1 model, 300% TAC)"

MARK_GAP = 3.0  # pt between the bleed edge and where a crop mark starts: marks never reach the bleed
MARK_LENGTH = 18.0  # 0.25 in
MARK_WIDTH = 0.3  # pt: a hairline a print shop can still see
SLUG_PAD = 3.0  # paper beyond the mark's end
FOLD_DASH = (3, 2)  # pt on, pt off: fold marks are dashed, crop marks solid
REGISTRATION = CMYKColor(1, 1, 1, 1)  # marks print on every plate
BLACK = CMYKColor(0, 0, 0, 1)  # black ink alone (QR codes)
NEUTRAL_SPREAD = 12  # sRGB channels this close together are a grey: black ink only


@dataclass(frozen=True)
class Sheet:
    """The printed page: trim size, the bleed around it and whether crop marks sit outside that."""

    trim_width: float
    trim_height: float
    bleed: float = 0.0
    marks: bool = False
    # fold x positions from the trim's left edge, one tuple per page (a tri-fold's two sides fold at
    # different places); marked beside the crop marks when `marks` is on
    folds: tuple[tuple[float, ...], ...] = ()
    inset: float = 0.0  # no bleed: colour that reaches the trim stops this far inside it (`Profile.edge`)

    def folds_on(self, page: int) -> tuple[float, ...]:
        """The folds of 1-based `page`; none on pages the layout gives no panels (every booklet page)."""
        return self.folds[page - 1] if 0 < page <= len(self.folds) else ()

    @property
    def margin(self) -> float:
        """From the trim edge to the edge of the sheet (the origin shift of everything drawn)."""
        return self.bleed + (MARK_GAP + MARK_LENGTH + SLUG_PAD if self.marks else 0.0)

    @property
    def media(self) -> tuple[float, float]:
        return self.trim_width + 2 * self.margin, self.trim_height + 2 * self.margin

    def _box(self, grow: float) -> tuple[float, float, float, float]:
        m = self.margin
        return (m - grow, m - grow, m + self.trim_width + grow, m + self.trim_height + grow)

    @property
    def media_box(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, *self.media)

    @property
    def trim_box(self) -> tuple[float, float, float, float]:
        return self._box(0.0)

    @property
    def bleed_box(self) -> tuple[float, float, float, float]:
        return self._box(self.bleed)


def sheet(
    width: float,
    height: float,
    paper: str,
    profile: str,
    crop_marks: bool = True,
    folds: tuple[tuple[float, ...], ...] = (),
) -> Sheet:
    """The sheet `profile` prints `paper` on: grown by the paper's bleed and the marks where the profile has them."""
    spec = profiles.get(profile)
    if not spec.bleed:
        return Sheet(width, height, inset=spec.edge)
    marks = spec.marks and crop_marks
    return Sheet(width, height, papers.get(paper).bleed, marks, folds if marks else ())


def fold_positions(layout: Layout, paper: str) -> tuple[tuple[float, ...], ...]:
    """Where each page of a fixed layout folds, from its `panels` for `paper`: the panels' inner edges.

    Unequal panels (a roll fold's tuck-in flap is narrower) fold at different
    x on the two sides, so each page has its own tuple; a page without
    panels, and every booklet page, has none.
    """
    if layout.kind != "fixed":
        return ()
    out = []
    for page in layout.pages:
        widths = [float(w) for w in (page.panels or {}).get(paper, [])]
        out.append(tuple(sum(widths[: i + 1]) for i in range(len(widths) - 1)))
    return tuple(out)


def extend_to_bleed(sheet: Sheet, x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
    """A rectangle (trim coordinates) grown by the bleed on each side that touches the trim.

    Backgrounds and colour bands that end at the trim would leave a white
    sliver wherever the guillotine cuts a hair off; running them on into the
    bleed is what the bleed is for. An office sheet has no bleed, and its printer
    leaves an unprintable rim: there the rectangle shrinks by the sheet's `inset`
    on those sides instead, so no colour is printed up to the edge.
    """
    b, eps = sheet.bleed, 0.5
    if not b:
        b = -sheet.inset  # an office sheet: colour stops short of the edge the printer cannot reach
    if not b:
        return x, y, w, h
    left, bottom, right, top = x, y, x + w, y + h
    if left <= eps:
        left -= b
    if bottom <= eps:
        bottom -= b
    if right >= sheet.trim_width - eps:
        right += b
    if top >= sheet.trim_height - eps:
        top += b
    return left, bottom, right - left, top - bottom


def crop_mark_lines(sheet: Sheet) -> list[tuple[float, float, float, float]]:
    """The eight crop marks at the trim's corners, in line with its edges, starting past the bleed."""
    w, h = sheet.trim_width, sheet.trim_height
    near = sheet.bleed + MARK_GAP
    far = near + MARK_LENGTH
    lines = []
    for x in (0.0, w):  # vertical marks, below and above the trim, in line with its sides
        lines += [(x, -near, x, -far), (x, h + near, x, h + far)]
    for y in (0.0, h):  # horizontal marks, left and right of the trim, in line with its top and bottom
        lines += [(-near, y, -far, y), (w + near, y, w + far, y)]
    return lines


def fold_mark_lines(sheet: Sheet, page: int) -> list[tuple[float, float, float, float]]:
    """A short vertical mark above and below the trim at each fold of `page`, as far out as the crop marks."""
    h = sheet.trim_height
    near = sheet.bleed + MARK_GAP
    far = near + MARK_LENGTH
    lines = []
    for x in sheet.folds_on(page):
        lines += [(x, -near, x, -far), (x, h + near, x, h + far)]
    return lines


def draw_marks(canv: Canvas, sheet: Sheet, page: int) -> None:
    """Crop marks (solid) and fold marks (dashed) of 1-based `page`, outside the bleed, as one Artifact.

    Drawn in trim coordinates (origin at the trim's lower left). The marked
    content `/Artifact <</Type /Page>>` says what they are (PDF 32000 14.8.2.2:
    "production aids extraneous to the document itself, such as cut marks"),
    so a tagged file keeps them out of the structure tree. Fold marks are
    dashed so the shop never cuts along them.
    """
    canv.addLiteral("/Artifact <</Type /Page>> BDC")
    canv.saveState()
    canv.setStrokeColor(REGISTRATION)
    canv.setLineWidth(MARK_WIDTH)
    canv.lines(crop_mark_lines(sheet))
    folds = fold_mark_lines(sheet, page)
    if folds:
        canv.setDash(FOLD_DASH)
        canv.lines(folds)
    canv.restoreState()
    canv.addLiteral("EMC")


def canvas_class(base: type, sheet: Sheet) -> type:
    """`base` drawing on the press sheet: origin at the trim's corner, CMYK only, marks on every page.

    The origin shift goes into ReportLab's page preamble, which starts every
    page's content stream, so page furniture drawn late (PagedCanvas) moves
    with it. The marks go into the canvas's after-page commands, which
    ReportLab appends to the page's content; ReportLab empties that list at
    every page start, so they are put back there for each new page (folds
    differ page to page): `_reportlab.canvas_with_page_hooks`, `move_to_after_page`.
    `enforceColorSpace='cmyk'` turns any stray RGB colour into an error
    (greys become black ink).
    """
    if not sheet.margin:
        return base
    shift = f"1 0 0 1 {sheet.margin:.4f} {sheet.margin:.4f} cm "

    def hold_marks(canv: Canvas) -> None:
        """Draw this page's marks, then move them from the page's code to its after-page commands."""
        if sheet.marks:
            _reportlab.move_to_after_page(canv, lambda c: draw_marks(c, sheet, c.getPageNumber()))

    hooked = _reportlab.canvas_with_page_hooks(
        base, preamble_prefix=shift, origin=(sheet.margin, sheet.margin), on_page_start=hold_marks
    )

    def __init__(self: Canvas, *args: Any, **kwargs: Any) -> None:  # noqa: N807 - the class's own __init__
        if kwargs.get("enforceColorSpace") is None:
            kwargs["enforceColorSpace"] = "cmyk"
        hooked.__init__(self, *args, **kwargs)

    # made with type(): a class statement cannot name a base that is made at run time (mypy's dynamic base)
    return type(f"Press{base.__name__}", (hooked,), {"__init__": __init__})


# ---------------------------------------------------------------- colour


@lru_cache(maxsize=4)
def _profiles(icc: Path = ICC_PATH) -> tuple[Any, Any, Any]:
    from PIL import ImageCms

    srgb = ImageCms.createProfile("sRGB")
    cmyk = icc_files.open_profile(icc)  # from memory: forked workers must not share a file handle
    return ImageCms, srgb, cmyk


@lru_cache(maxsize=8)
def _transform(intent: int, icc: Path = ICC_PATH) -> ImageCms.ImageCmsTransform:
    cms, srgb, cmyk = _profiles(icc)
    return cms.buildTransform(srgb, cmyk, "RGB", "CMYK", renderingIntent=intent, flags=cms.Flags.BLACKPOINTCOMPENSATION)


@lru_cache(maxsize=4)
def _black_ramp(icc: Path = ICC_PATH) -> list[float]:
    """L* of 0..100 % black ink alone, through the profile: to match a grey's lightness with K only."""
    from PIL import Image

    cms, _, cmyk = _profiles(icc)
    to_lab = cms.buildTransform(cmyk, cms.createProfile("LAB"), "CMYK", "LAB", renderingIntent=1)
    ramp = Image.new("CMYK", (101, 1))
    ramp.putdata([(0, 0, 0, round(k * 2.55)) for k in range(101)])
    lab = cms.applyTransform(ramp, to_lab)
    return [lab.getpixel((k, 0))[0] / 255 * 100 for k in range(101)]


def _srgb_lightness(rgb: tuple[int, int, int]) -> float:
    def lin(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    y = 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2])
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


def rgb_to_cmyk(hex_color: str, icc: Path = ICC_PATH) -> CMYKColor:
    """`#RRGGBB` → CMYK through the output profile (relative colorimetric, black point compensation).

    A near-neutral grey is printed with black ink alone at the black
    percentage whose lightness matches: four-colour greys in small type blur
    when the plates are a hair out of register, and the profile would build
    #1F2328 text from about 51/31/29/89.
    """
    from PIL import Image

    rgb = (int(hex_color[1:3], 16), int(hex_color[3:5], 16), int(hex_color[5:7], 16))
    if max(rgb) - min(rgb) <= NEUTRAL_SPREAD:
        target = _srgb_lightness(rgb)  # sRGB white is L* 100; paper is the profile's white
        ramp = _black_ramp(icc)
        paper = ramp[0]
        want = target * paper / 100
        k = min(range(101), key=lambda i: abs(ramp[i] - want))
        return CMYKColor(0, 0, 0, k / 100)
    out = _profiles(icc)[0].applyTransform(Image.new("RGB", (1, 1), rgb), _transform(1, icc)).getpixel((0, 0))
    return CMYKColor(*(round(v / 255, 4) for v in out))


def exact_cmyk(values: list[float]) -> CMYKColor:
    """A brand's own CMYK in percent (as print shops and brand books write it)."""
    return CMYKColor(*(v / 100 for v in values))


# ---------------------------------------------------------------- finishing


@dataclass(frozen=True)
class OutputIntent:
    """The press condition a file is made for: the ICC profile colours are converted through, and its names."""

    path: Path
    identifier: str = "Custom"  # OutputConditionIdentifier: a registered name (FOGRA39) or Custom
    condition: str = OUTPUT_CONDITION
    info: str = OUTPUT_CONDITION + "; modelled coated offset, see brochure's icc/LICENSE"
    registry: str = ""  # RegistryName, e.g. http://www.color.org for a registered condition


SHIPPED = OutputIntent(ICC_PATH)


def shop_intent(path: Path, identifier: str | None = None) -> OutputIntent:
    """A print shop's own CMYK output profile: named by its description unless `identifier` is given.

    A registered identifier (FOGRA39, GRACoL2013, …) names the ICC registry, as PDF/X asks.
    """
    description = icc_files.description(path)
    return OutputIntent(
        path,
        identifier=identifier or "Custom",
        condition=description,
        info=description,
        registry="http://www.color.org" if identifier else "",
    )


class PressContext(Protocol):
    """What `finish_step` reads of the render context (render/context.RenderContext, a layer above)."""

    @property
    def sheet(self) -> Sheet: ...

    @property
    def output(self) -> profiles.Profile: ...

    @property
    def intent(self) -> OutputIntent: ...


def finish_step(pdf: pikepdf.Pdf, ctx: PressContext, claims: Claims) -> None:
    """The PDF/X-4 part of a press file: boxes, CMYK images, OutputIntent, identification.

    Registered by `render.finishing_steps` for a profile with `pdfx` (press); runs on
    the open pikepdf document before XMP is written from `claims`.
    """
    import pikepdf

    sh: Sheet = ctx.sheet
    for page in pdf.pages:
        page.obj["/MediaBox"] = pikepdf.Array([round(v, 4) for v in sh.media_box])
        page.obj["/BleedBox"] = pikepdf.Array([round(v, 4) for v in sh.bleed_box])
        page.obj["/TrimBox"] = pikepdf.Array([round(v, 4) for v in sh.trim_box])
        if "/CropBox" in page.obj:
            del page.obj["/CropBox"]
    out: OutputIntent = ctx.intent
    convert_images(pdf, out.path)
    icc = pikepdf.Stream(pdf, zlib.compress(out.path.read_bytes(), 9))
    icc["/Filter"] = pikepdf.Name("/FlateDecode")
    icc["/N"] = 4
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name("/OutputIntent"),
        S=pikepdf.Name("/GTS_PDFX"),
        OutputConditionIdentifier=pikepdf.String(out.identifier),
        OutputCondition=pikepdf.String(out.condition),
        Info=pikepdf.String(out.info),
        RegistryName=pikepdf.String(out.registry),
        DestOutputProfile=pdf.make_indirect(icc),
    )
    pdf.Root["/OutputIntents"] = pikepdf.Array([pdf.make_indirect(intent)])
    pdfx = ctx.output.pdfx
    assert pdfx is not None  # render.finishing_steps adds this step only for a profile with pdfx
    pdf.docinfo["/GTS_PDFXVersion"] = pikepdf.String(pdfx)
    claims.pdfx = pdfx
    claims.trapped = False  # nothing is trapped here; PDF/X wants True or False, never Unknown
    seed = hashlib.sha256()  # the same pages give the same id: output stays byte-for-byte deterministic
    for page in pdf.pages:
        for stream in page.obj.Contents if isinstance(page.obj.Contents, pikepdf.Array) else [page.obj.Contents]:
            seed.update(stream.read_bytes())
    doc_id = uuid.UUID(bytes=seed.digest()[:16], version=4)
    claims.extra_xmp.append(
        '<rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">'
        f"<xmpMM:DocumentID>uuid:{doc_id}</xmpMM:DocumentID>"
        f"<xmpMM:InstanceID>uuid:{doc_id}</xmpMM:InstanceID>"
        "<xmpMM:VersionID>1</xmpMM:VersionID>"
        "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>"
        "</rdf:Description>"
    )


def _image_objects(pdf):
    """Every image XObject reachable from the pages, including those inside form XObjects, once each."""
    seen: set = set()
    stack = [p.obj for p in pdf.pages]
    while stack:
        holder = stack.pop()
        xobjects = holder.get("/Resources", {}).get("/XObject", {})
        for _, xo in xobjects.items():
            key = xo.objgen
            if key in seen:
                continue
            seen.add(key)
            if xo.get("/Subtype") == "/Image":
                yield xo
            elif xo.get("/Subtype") == "/Form":
                stack.append(xo)


def is_rgb(space: object) -> bool:
    """DeviceRGB, CalRGB or an ICCBased space with three components."""
    import pikepdf

    if isinstance(space, pikepdf.Name):
        return space in ("/DeviceRGB", "/CalRGB")
    if isinstance(space, pikepdf.Array) and len(space) >= 1:
        family = space[0]
        if family == "/ICCBased":
            return int(space[1].get("/N", 0)) == 3
        if family == "/CalRGB":
            return True
        if family == "/Indexed":
            return is_rgb(space[1])
    return False


def convert_images(pdf: pikepdf.Pdf, icc: Path = ICC_PATH) -> int:
    """Turn every RGB image into DeviceCMYK through the output profile (perceptual); return how many.

    Soft masks (the logo's transparency) are grey and stay as they are.
    """
    import pikepdf
    from pikepdf import PdfImage

    count = 0
    for xo in _image_objects(pdf):
        if not is_rgb(xo.get("/ColorSpace")):
            continue
        try:  # the colour samples alone: the soft mask stays where it is
            im = PdfImage(xo).as_pil_image(apply_mask=False)
        except TypeError:  # pikepdf before 10 has no apply_mask and never applies one
            im = PdfImage(xo).as_pil_image()
        im = im.convert("RGB")
        cms = _profiles(icc)[0]
        cmyk = cms.applyTransform(im, _transform(0, icc))
        xo.write(zlib.compress(cmyk.tobytes(), 9), filter=pikepdf.Name("/FlateDecode"))
        xo["/ColorSpace"] = pikepdf.Name("/DeviceCMYK")
        xo["/BitsPerComponent"] = 8
        for key in ("/Decode", "/DecodeParms"):
            if key in xo:
                del xo[key]
        if isinstance(xo.get("/Mask"), pikepdf.Array):  # a colour-key mask names RGB values: meaningless now
            del xo["/Mask"]
        count += 1
    return count
