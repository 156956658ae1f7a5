"""The press profile: bleed and page boxes, crop marks, CMYK only, PDF/X-4 structure, image resolution.

Every test opens the PDFs: boxes with pikepdf, every content stream parsed
operator by operator (form XObjects included), colour spaces of images and
shadings, the OutputIntent's ICC stream, XMP, fonts, and rendered pixels.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageCms

from brochure.inputs.models import Colors
from brochure.media import images
from brochure.pdf import press
from brochure.render import plan
from tests.conftest import ROOT, run
from tests.pdfread import fonts, render_png, text_pages

INCH = 72.0
MM = 72 / 25.4
TRIM = {  # (length, paper) -> trim size in points
    ("flyer", "letter"): (612, 792),
    ("booklet", "letter"): (612, 792),
    ("trifold", "letter"): (792, 612),
    ("flyer", "a4"): (595.2756, 841.8898),
    ("booklet", "a4"): (595.2756, 841.8898),
    ("trifold", "a4"): (841.8898, 595.2756),
}
BLEED = {"letter": 0.125 * INCH, "a4": 3 * MM}


PRESS_FILES = [
    *(
        f"default/en/{length}-{paper}-press.pdf"
        for length in ("flyer", "trifold", "booklet")
        for paper in ("letter", "a4")
    ),
    *(f"harbor-light/en/{length}-letter-press.pdf" for length in ("flyer", "trifold", "booklet")),
    *(f"default/ar/{length}-a4-press.pdf" for length in ("flyer", "trifold", "booklet")),
]


def test_press_builds_every_length_under_its_own_name(press_built):
    assert sorted(press_built) == sorted(PRESS_FILES)


def _box(page, name: str) -> list[float]:
    return [float(v) for v in page.obj[name]]


@pytest.mark.parametrize("name", PRESS_FILES)
def test_bleed_box_is_the_trim_box_grown_by_the_bleed_on_every_side(press_built, name):
    length, paper = Path(name).stem.split("-")[:2]
    w, h = TRIM[(length, paper)]
    bleed = BLEED[paper]
    with pikepdf.open(press_built[name]) as pdf:
        assert len(pdf.pages) >= 1
        for page in pdf.pages:
            media, trim, bleed_box = _box(page, "/MediaBox"), _box(page, "/TrimBox"), _box(page, "/BleedBox")
            assert trim[2] - trim[0] == pytest.approx(w, abs=0.01)
            assert trim[3] - trim[1] == pytest.approx(h, abs=0.01)
            grown = [trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed]
            assert bleed_box == pytest.approx(grown, abs=0.01)
            # crop marks sit outside the bleed: the sheet leaves room beyond it on every side
            assert media[0] <= bleed_box[0] - 20 and media[1] <= bleed_box[1] - 20
            assert media[2] >= bleed_box[2] + 20 and media[3] >= bleed_box[3] + 20
            assert "/CropBox" not in page.obj


def _rgb_space(space, resources) -> bool:
    """Whether a colour space operand (a name, maybe a resource name) is RGB in any form."""
    if isinstance(space, pikepdf.Name) and space not in ("/DeviceRGB", "/DeviceCMYK", "/DeviceGray", "/Pattern"):
        space = resources.get("/ColorSpace", {}).get(space, space)
    return press.is_rgb(space)


def rgb_uses(pdf: pikepdf.Pdf) -> list[str]:
    """Every place RGB colour appears: operators, colour-space resources, images, shadings, inline images."""
    found: list[str] = []
    seen: set = set()

    def visit(holder, where: str) -> None:
        resources = holder.get("/Resources", pikepdf.Dictionary())
        for name, space in resources.get("/ColorSpace", {}).items():
            if press.is_rgb(space):
                found.append(f"{where}: colour space resource {name}")
        for name, shading in resources.get("/Shading", {}).items():
            if press.is_rgb(shading.get("/ColorSpace")):
                found.append(f"{where}: shading {name}")
        for name, pattern in resources.get("/Pattern", {}).items():
            shading = pattern.get("/Shading")
            if shading is not None and press.is_rgb(shading.get("/ColorSpace")):
                found.append(f"{where}: pattern {name}")
        for operands, op in pikepdf.parse_content_stream(holder):
            op = str(op)
            if op in ("rg", "RG"):
                found.append(f"{where}: {op} {[float(v) for v in operands]}")
            elif op in ("cs", "CS") and _rgb_space(operands[0], resources):
                found.append(f"{where}: {op} {operands[0]}")
            elif op == "BI" or op == "INLINE IMAGE":
                found.append(f"{where}: inline image")
        for name, xo in resources.get("/XObject", {}).items():
            if xo.objgen in seen:
                continue
            seen.add(xo.objgen)
            if xo.get("/Subtype") == "/Image":
                if press.is_rgb(xo.get("/ColorSpace")):
                    found.append(f"{where}: image {name} {xo.get('/ColorSpace')}")
            elif xo.get("/Subtype") == "/Form":
                visit(xo, f"{where} form {name}")

    for n, page in enumerate(pdf.pages, start=1):
        visit(page.obj, f"page {n}")
    return found


@pytest.mark.parametrize("name", PRESS_FILES)
def test_no_rgb_anywhere_in_a_press_pdf(press_built, name):
    with pikepdf.open(press_built[name]) as pdf:
        assert rgb_uses(pdf) == []
        ops = {str(op) for page in pdf.pages for _, op in pikepdf.parse_content_stream(page.obj)}
        assert "k" in ops  # colour is set, and set in CMYK
        assert not ops & {"g", "G"}  # not even a grey: greys are black ink


def test_the_rgb_check_finds_rgb_in_an_office_pdf(built):
    """The checker above is not blind: an office file is full of RGB."""
    with pikepdf.open(built["default/en/flyer-letter.pdf"]) as pdf:
        uses = rgb_uses(pdf)
    assert any(" rg " in u or u.split(": ")[1].startswith("rg") for u in uses)
    assert any("image" in u for u in uses)


@pytest.mark.parametrize("name", ["default/en/booklet-letter-press.pdf", "harbor-light/en/flyer-letter-press.pdf"])
def test_images_are_cmyk_and_keep_their_transparency(press_built, name):
    with pikepdf.open(press_built[name]) as pdf:
        imgs = [xo for page in pdf.pages for xo in page.get_images().values()]
        assert imgs
        for xo in imgs:
            assert xo.ColorSpace == "/DeviceCMYK"
            im = pikepdf.PdfImage(xo).as_pil_image(apply_mask=False)
            assert im.mode == "CMYK"
            assert len(xo.read_bytes()) == int(xo.Width) * int(xo.Height) * 4
            assert "/SMask" in xo  # the logo's alpha survives the conversion
            assert xo.SMask.ColorSpace == "/DeviceGray"


@pytest.mark.parametrize("name", PRESS_FILES)
def test_pdfx4_output_intent_identification_and_fonts(press_built, name):
    path = press_built[name]
    with pikepdf.open(path) as pdf:
        assert pdf.pdf_version == "1.6"
        intents = pdf.Root.OutputIntents
        assert len(intents) == 1
        intent = intents[0]
        assert intent.S == "/GTS_PDFX"
        assert str(intent.OutputConditionIdentifier)
        assert str(intent.Info)
        icc = intent.DestOutputProfile
        assert int(icc.N) == 4
        data = icc.read_bytes()
        assert data == press.ICC_PATH.read_bytes()
        profile = ImageCms.ImageCmsProfile(__import__("io").BytesIO(data))
        assert profile.profile.xcolor_space.strip() == "CMYK"
        assert str(pdf.docinfo["/GTS_PDFXVersion"]) == "PDF/X-4"
        assert pdf.docinfo["/Trapped"] == "/False"
        assert str(pdf.docinfo["/Title"])
        meta = pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in meta
        assert "<pdf:Trapped>False</pdf:Trapped>" in meta
        for key in ("xmpMM:DocumentID", "xmpMM:VersionID", "xmpMM:RenditionClass", "xmp:CreateDate", "dc:title"):
            assert f"<{key}>" in meta, key
        assert "/Encrypt" not in pdf.trailer
        for page in pdf.pages:
            assert "/Annots" not in page.obj  # PDF/X: no annotations inside the bleed box
    found = fonts(path)
    assert found and all(f["embedded"] for f in found.values()), found


def test_press_text_reads_the_same_as_office(press_built, built):
    office = " ".join(text_pages(built["default/en/trifold-letter.pdf"]))
    press_text = " ".join(text_pages(press_built["default/en/trifold-letter-press.pdf"]))
    assert press_text == office


@pytest.mark.parametrize("length", ["flyer", "trifold", "booklet"])
def test_office_files_are_trim_sized_without_print_boxes_or_intents(built, length):
    with pikepdf.open(built[f"default/en/{length}-letter.pdf"]) as pdf:
        w, h = TRIM[(length, "letter")]
        for page in pdf.pages:
            assert _box(page, "/MediaBox") == pytest.approx([0, 0, w, h], abs=0.01)
            assert "/BleedBox" not in page.obj
            assert "/TrimBox" not in page.obj or _box(page, "/TrimBox") == _box(page, "/MediaBox")
        assert "/OutputIntents" not in pdf.Root
        assert "/GTS_PDFXVersion" not in pdf.docinfo


def _dark(px) -> bool:
    return sum(px[:3]) < 3 * 160


def test_bands_run_into_the_bleed_and_crop_marks_sit_outside_it(press_built):
    """Rendered at 1 px per point: the flyer's header band covers the bleed; marks are beyond it."""
    path = press_built["default/en/flyer-letter-press.pdf"]
    img = render_png(path, 0, scale=1.0)
    with pikepdf.open(path) as pdf:
        trim = _box(pdf.pages[0], "/TrimBox")
    m = trim[0]  # the sheet's margin around the trim
    bleed = BLEED["letter"]
    top = img.height - trim[3]  # the trim's top edge in image rows (top-down)
    # inside the bleed, left of and above the trim's top-left corner: the primary band
    assert _dark(img.getpixel((int(m - bleed / 2), int(top + 20))))
    assert _dark(img.getpixel((int(m + 20), int(top - bleed / 2))))
    # beyond the bleed (between it and the marks): paper
    assert not _dark(img.getpixel((int(m - bleed - 1.5), int(top + 20))))
    # the vertical crop mark above the trim's left edge, starting past the bleed
    mark_mid = top - bleed - press.MARK_GAP - press.MARK_LENGTH / 2
    assert any(_dark(img.getpixel((int(m) + dx, int(mark_mid)))) for dx in (-1, 0))
    # no mark inside the bleed itself on a white part of the page (bottom-right corner of the flyer is white)
    right, bottom = trim[2], img.height - trim[1]
    assert not any(_dark(img.getpixel((int(right) + dx, int(bottom + bleed - 2)))) for dx in (-1, 0, 1))
    assert any(_dark(img.getpixel((int(right) + dx, int(bottom + bleed + press.MARK_GAP + 9)))) for dx in (-1, 0))


def _page_artifacts(page: pikepdf.Page) -> int:
    """How many `/Artifact <</Type /Page>>` sequences (the printer's marks) the page's operators hold."""
    return sum(
        str(op) == "BDC" and operands[0] == "/Artifact" and operands[1].get("/Type") == "/Page"
        for operands, op in pikepdf.parse_content_stream(page)
    )


def test_no_crop_marks_makes_the_sheet_the_bleed_box_and_rebuilds(project):
    args = ["build", "--brand", "default", "--lang", "en", "--length", "flyer", "--paper", "a4", "--profile", "press"]
    assert run(*args).exit_code == 0
    pdf_path = project / "dist/default/en/flyer-a4-press.pdf"
    with pikepdf.open(pdf_path) as pdf:
        assert _page_artifacts(pdf.pages[0])
    again = run(*args, "--no-crop-marks")
    assert "wrote" in again.output and "up to date" not in again.output  # the option is part of the fingerprint
    with pikepdf.open(pdf_path) as pdf:
        page = pdf.pages[0]
        assert _box(page, "/MediaBox") == pytest.approx(_box(page, "/BleedBox"), abs=0.01)
        assert not _page_artifacts(page)
    assert not (project / "dist/default/en/flyer-a4.pdf").exists()  # press never writes the office name


def test_press_and_office_files_sit_side_by_side(project):
    base = ["build", "--brand", "default", "--lang", "en", "--length", "trifold", "--paper", "letter"]
    assert run(*base).exit_code == 0
    assert run(*base, "--profile", "press").exit_code == 0
    office, press_pdf = (
        project / "dist/default/en/trifold-letter.pdf",
        project / "dist/default/en/trifold-letter-press.pdf",
    )
    assert office.exists() and press_pdf.exists()
    assert "up to date" in run(*base).output  # the press build did not disturb the office file's stamp


def test_a_brand_may_give_exact_cmyk_values(project):
    brand = project / "assets/brands/default.yaml"
    text = brand.read_text().replace(
        '  accent: "#6B7F99"\n', '  accent: "#6B7F99"\n  cmyk:\n    primary: [100, 45, 0, 30]\n'
    )
    brand.write_text(text)
    args = [
        "build",
        "--brand",
        "default",
        "--lang",
        "en",
        "--length",
        "flyer",
        "--paper",
        "letter",
        "--profile",
        "press",
    ]
    assert run(*args).exit_code == 0
    with pikepdf.open(project / "dist/default/en/flyer-letter-press.pdf") as pdf:
        fills = [
            tuple(round(float(v), 3) for v in operands)
            for operands, op in pikepdf.parse_content_stream(pdf.pages[0].obj)
            if str(op) == "k"
        ]
    assert (1.0, 0.45, 0.0, 0.3) in fills


def test_a_cmyk_value_out_of_range_is_a_located_error(project):
    brand = project / "assets/brands/default.yaml"
    text = brand.read_text().replace(
        '  accent: "#6B7F99"\n', '  accent: "#6B7F99"\n  cmyk:\n    primary: [120, 0, 0]\n'
    )
    brand.write_text(text)
    result = run("build", "--brand", "default", "--lang", "en", "--length", "flyer", "--profile", "press")
    assert result.exit_code == 1
    assert "default.yaml:" in result.output and "cmyk" in result.output
    assert "Traceback" not in result.output


def test_press_palette_is_all_cmyk_and_greys_are_black_ink_only():
    from reportlab.lib.colors import CMYKColor

    colors = Colors(primary="#3B4A5C", accent="#6B7F99")
    pal = plan.palette(colors, cmyk=True)
    for name, value in vars(pal).items():
        assert isinstance(value, CMYKColor), name
    assert pal.background.cmyk() == (0, 0, 0, 0)  # white paper stays unprinted
    c, m, y, k = pal.text.cmyk()  # #1F2328, a near-black grey
    assert (c, m, y) == (0, 0, 0) and 0.7 < k <= 1
    assert pal.muted.cmyk()[:3] == (0, 0, 0) and pal.muted.cmyk()[3] < k
    c, m, y, k = pal.crisis_accent.cmyk()  # #B4451F, a rust red: magenta and yellow, little cyan
    assert m > 0.5 and y > 0.5 and c < 0.2
    office = plan.palette(colors)
    assert not isinstance(office.primary, CMYKColor)


def test_press_output_is_deterministic(project):
    args = ["build", "--brand", "default", "--lang", "en", "--length", "booklet", "--paper", "a4", "--profile", "press"]
    assert run(*args).exit_code == 0
    first = (project / "dist/default/en/booklet-a4-press.pdf").read_bytes()
    assert run(*args, "--force").exit_code == 0
    assert (project / "dist/default/en/booklet-a4-press.pdf").read_bytes() == first


# ---------------------------------------------------------------- image resolution


def _use_logo(project: Path, size: int) -> None:
    Image.new("RGB", (size, size), (11, 92, 122)).save(project / "assets/logos/small.png")
    brand = project / "assets/brands/default.yaml"
    brand.write_text(brand.read_text().replace("../logos/placeholder.png", "../logos/small.png"))


def test_a_coarse_logo_warns_for_press_but_not_for_office(project):
    _use_logo(project, 100)  # the flyer places it 40 pt (0.56 in) wide: 180 ppi
    base = ["build", "--brand", "default", "--lang", "en", "--length", "flyer", "--paper", "letter"]
    office = run(*base)
    assert office.exit_code == 0 and "ppi" not in office.output
    press_run = run(*base, "--profile", "press")
    assert press_run.exit_code == 0  # a warning, the file is written
    assert "warning: logo" in press_run.output and "180 ppi" in press_run.output and "300 ppi" in press_run.output
    assert "default.yaml:" in press_run.output  # where the logo is named
    assert "at least 167 px wide" in press_run.output
    assert (project / "dist/default/en/flyer-letter-press.pdf").exists()


def test_a_very_coarse_logo_warns_for_office_too(project):
    _use_logo(project, 60)  # 108 ppi at 40 pt
    result = run("build", "--brand", "default", "--lang", "en", "--length", "flyer", "--paper", "letter")
    assert result.exit_code == 0
    assert "warning: logo" in result.output and "150 ppi" in result.output


def test_images_are_downsampled_only_above_450_ppi(tmp_path):
    placed = 40.0  # points
    fine = tmp_path / "fine.png"
    Image.new("RGB", (220, 220), (200, 30, 30)).save(fine)  # 396 ppi: kept as it is
    huge = tmp_path / "huge.png"
    Image.new("RGB", (2000, 2000), (200, 30, 30)).save(huge)  # 3600 ppi: down to 300
    assert images.prepare(fine, placed).width_px == 220
    assert images.prepare(huge, placed).width_px == round(placed / 72 * images.TARGET_PPI)
    assert images.effective_ppi(220, placed) == pytest.approx(396)


def test_press_files_are_tagged_too_with_crop_marks_and_bleed_as_artifacts(press_built):
    """PDF/UA holds for every profile: crop marks and bands in the bleed are artifacts, content is tagged."""
    from tests.pdf.test_tagging import ACCEPTED_WARNINGS
    from tests.structread import outloud, unmarked_painting

    for name in PRESS_FILES:
        with pikepdf.open(press_built[name]) as pdf:
            assert unmarked_painting(pdf) == [], name
            assert pdf.Root.MarkInfo.Marked is True, name
            assert "<pdfuaid:part>1</pdfuaid:part>" in pdf.Root.Metadata.read_bytes().decode()
    for r in outloud([str(press_built[n]) for n in PRESS_FILES]).values():
        assert not r.get("error"), r
        assert [f for f in r["findings"] if f["severity"] == "error"] == [], r["path"]
        # no link annotations in a printing file: the printed address is a plain paragraph (LNK-010)
        assert {f["rule"] for f in r["findings"]} <= ACCEPTED_WARNINGS | {"LNK-010"}, r["path"]


# ---------------------------------------------------------------- marks on every page

SCALE = 2.0  # px per point: a 0.3 pt hairline still darkens a pixel
# where each page of the tri-fold folds, from the trim's left edge (layouts/trifold.yaml `panels`)
FOLDS = {
    "letter": [(3.625 * INCH, 7.3125 * INCH), (3.6875 * INCH, 7.375 * INCH)],  # outside, inside
    "a4": [(97 * MM, 197 * MM), (100 * MM, 200 * MM)],
}
SHEET_WIDTH = {"letter": 11 * INCH, "a4": 297 * MM}  # landscape


def _folds(name: str, paper: str, page: int) -> tuple[float, ...]:
    """The tri-fold's folds on `page`; a right-to-left sheet is the mirror image (render/mirror.py)."""
    folds = FOLDS[paper][page]
    if "/ar/" in name:
        return tuple(sorted(SHEET_WIDTH[paper] - f for f in folds))
    return folds


MARKED = [
    "default/en/trifold-letter-press.pdf",
    "default/en/booklet-letter-press.pdf",
    "default/ar/trifold-a4-press.pdf",
    "default/ar/booklet-a4-press.pdf",
]


def _ink(img, pdf_h: float, x0: float, y0: float, x1: float, y1: float) -> bool:
    """Any pixel darker than paper in the rectangle (PDF points, bottom-up) of a page rendered at SCALE."""
    left, right = sorted((x0 * SCALE, x1 * SCALE))
    top, bottom = sorted(((pdf_h - y0) * SCALE, (pdf_h - y1) * SCALE))
    region = img.crop((int(left), int(top), int(right) + 1, int(bottom) + 1)).convert("L")
    return region.getextrema()[0] < 200


def _mark_spots(trim: list[float], bleed: float, folds) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Where each mark must show ink: a window around its middle, across its line (PDF points)."""
    x0, y0, x1, y1 = trim
    mid = bleed + press.MARK_GAP + press.MARK_LENGTH / 2
    half, across = 3.0, 1.0  # 3 pt along the mark, 1 pt either side of its line
    spots = []
    for name, x in (("left", x0), ("right", x1), *((f"fold at {f:.1f}", x0 + f) for f in folds)):
        spots.append((f"{name} below", (x - across, y0 - mid - half, x + across, y0 - mid + half)))
        spots.append((f"{name} above", (x - across, y1 + mid - half, x + across, y1 + mid + half)))
    for name, y in (("bottom", y0), ("top", y1)):
        spots.append((f"{name} left", (x0 - mid - half, y - across, x0 - mid + half, y + across)))
        spots.append((f"{name} right", (x1 + mid - half, y - across, x1 + mid + half, y + across)))
    return spots


@pytest.mark.parametrize("name", MARKED)
def test_crop_and_fold_marks_print_outside_the_bleed_on_every_page(press_built, name):
    """Rendered: the eight crop marks (and the tri-fold's fold marks) on every page; paper between them and the bleed.

    ReportLab empties the after-page commands at each page start: marks kept
    there once printed on page 1 only.
    """
    import pypdfium2 as pdfium

    length, paper = Path(name).stem.split("-")[:2]
    bleed = BLEED[paper]
    doc = pdfium.PdfDocument(str(press_built[name]))
    with pikepdf.open(press_built[name]) as pdf:
        assert len(pdf.pages) == 2 if length == "trifold" else len(pdf.pages) >= 8
        for n, page in enumerate(pdf.pages):
            trim, media = _box(page, "/TrimBox"), _box(page, "/MediaBox")
            img = doc[n].render(scale=SCALE).to_pil().convert("RGB")
            folds = _folds(name, paper, n) if length == "trifold" else ()
            missing = [spot for spot, box in _mark_spots(trim, bleed, folds) if not _ink(img, media[3], *box)]
            assert missing == [], f"page {n + 1}: no mark {missing}"
            # a ring of bare paper from 1 pt to 2 pt outside the BleedBox: no mark reaches into the bleed
            b = _box(page, "/BleedBox")
            for ring in (
                (b[0] - 2, b[1] - 2, b[2] + 2, b[1] - 1),  # below
                (b[0] - 2, b[3] + 1, b[2] + 2, b[3] + 2),  # above
                (b[0] - 2, b[1] - 2, b[0] - 1, b[3] + 2),  # left
                (b[2] + 1, b[1] - 2, b[2] + 2, b[3] + 2),  # right
            ):
                assert not _ink(img, media[3], *ring), f"page {n + 1}: ink next to the bleed at {ring}"


def _mark_segments(page: pikepdf.Page) -> list[tuple[tuple[float, float], tuple[float, float], bool]]:
    """(start, end, dashed) of every line inside `/Artifact <</Type /Page>>` sequences, in page coordinates.

    The press canvas draws in trim coordinates after one `cm` that shifts the origin by the margin.
    """
    trim = _box(page, "/TrimBox")
    dx, dy = trim[0], trim[1]
    out, depth, dashed, start = [], 0, False, (0.0, 0.0)
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op == "BDC" and operands[0] == "/Artifact" and operands[1].get("/Type") == "/Page":
            depth = 1
        elif op == "EMC" and depth:
            depth = 0
        elif not depth:
            continue
        elif op == "d":
            dashed = len(operands[0]) > 0
        elif op == "Q":
            dashed = False
        elif op == "m":
            start = (float(operands[0]) + dx, float(operands[1]) + dy)
        elif op == "l":
            out.append((start, (float(operands[0]) + dx, float(operands[1]) + dy), dashed))
    return out


def _overlaps(segment: tuple[float, float, float, float], box: list[float]) -> bool:
    """Whether an axis-aligned segment (x0, y0, x1, y1) has any point strictly inside `box`."""
    (x0, x1), (y0, y1) = sorted(segment[::2]), sorted(segment[1::2])
    return x0 < box[2] and x1 > box[0] and y0 < box[3] and y1 > box[1]


@pytest.mark.parametrize("name", MARKED)
def test_marks_are_registration_hairlines_that_never_enter_the_bleed_box(press_built, name):
    """Each mark lies wholly outside the BleedBox and is 0.25 in long; a tri-fold's dashed ones sit on its folds."""
    length, paper = Path(name).stem.split("-")[:2]
    with pikepdf.open(press_built[name]) as pdf:
        for n, page in enumerate(pdf.pages):
            b, trim = _box(page, "/BleedBox"), _box(page, "/TrimBox")
            segments = _mark_segments(page)
            for (ax, ay), (bx, by), _ in segments:
                assert ax == bx or ay == by
                assert abs(ax - bx) + abs(ay - by) == pytest.approx(0.25 * INCH, abs=0.01)
                assert not _overlaps((ax, ay, bx, by), b), f"page {n + 1}: a mark reaches into the BleedBox"
            solid = [s for s in segments if not s[2]]
            dashed = sorted({round(s[0][0] - trim[0], 2) for s in segments if s[2]})
            assert len(solid) == 8, f"page {n + 1}"
            want = _folds(name, paper, n) if length == "trifold" else ()
            assert dashed == pytest.approx(sorted(want), abs=0.01), f"page {n + 1}"
            assert len([s for s in segments if s[2]]) == 2 * len(want)
        assert sum(_page_artifacts(page) for page in pdf.pages) == len(pdf.pages)
        ops = [(str(op), [float(v) for v in operands]) for page in pdf.pages
               for operands, op in pikepdf.parse_content_stream(page) if str(op) in ("K", "w")]  # fmt: skip
        assert ("K", [1, 1, 1, 1]) in ops and ("w", [0.3]) in ops  # registration colour, 0.3 pt


def test_no_crop_marks_drops_the_fold_marks_too(project):
    args = ["build", "--brand", "default", "--lang", "en", "--length", "trifold", "--paper", "letter"]
    assert run(*args, "--profile", "press", "--no-crop-marks", "-q").exit_code == 0
    with pikepdf.open(project / "dist/default/en/trifold-letter-press.pdf") as pdf:
        assert len(pdf.pages) == 2
        for page in pdf.pages:
            assert _mark_segments(page) == []
            assert _box(page, "/MediaBox") == pytest.approx(_box(page, "/BleedBox"), abs=0.01)


def test_right_to_left_press_files_say_so_too(press_built):
    for name in PRESS_FILES:
        with pikepdf.open(press_built[name]) as pdf:
            prefs = pdf.Root.ViewerPreferences
            assert (prefs.get("/Direction") == "/R2L") == ("/ar/" in name), name


def test_every_file_is_dated_by_its_content_not_the_year_2000(press_built, built):
    """Info and XMP agree on the content's `review.updated` date, press and office alike (still deterministic)."""
    import yaml

    updated = yaml.safe_load((ROOT / "content/handout.yaml").read_text())["review"]["updated"]
    for path in [*press_built.values(), built["default/en/flyer-letter.pdf"], built["default/ar/booklet-a4.pdf"]]:
        with pikepdf.open(path) as pdf:
            assert str(pdf.docinfo["/CreationDate"]) == f"D:{updated:%Y%m%d}000000Z", path
            assert str(pdf.docinfo["/ModDate"]) == str(pdf.docinfo["/CreationDate"])
            assert pdf.open_metadata()["xmp:CreateDate"] == f"{updated:%Y-%m-%d}T00:00:00Z", path


@pytest.mark.parametrize("name", ["default/en/flyer-letter-press.pdf", "harbor-light/en/booklet-letter-press.pdf"])
def test_figure_boxes_sit_on_the_drawn_qr_code_in_press_files(press_built, name):
    """A Figure's /BBox is in page coordinates, the sheet's origin shift (bleed + slug) included (was 33 pt off).

    The QR code is the Figure of every length (the logo beside the clinic name is an artifact); its box holds
    the drawn modules and the quiet zone round them (4 modules, under 12 pt), no more.
    """
    import pymupdf

    from tests.structread import tree

    root, _ = tree(press_built[name])
    boxes = [[float(v) for v in n.obj["/A"]["/BBox"]] for n in root.find("Figure") if n.alt and "QR" in n.alt]
    assert boxes, name
    doc = pymupdf.open(press_built[name])
    drawn = []
    for page in doc:
        height = page.rect.height
        for d in page.get_drawings():  # the QR code: one filled path of many module squares
            r = d["rect"]
            if len(d["items"]) > 50 and abs(r.width - r.height) < 1:
                drawn.append([r.x0, height - r.y1, r.x1, height - r.y0])
    assert len(drawn) >= len(boxes), (name, drawn)
    for x0, y0, x1, y1 in boxes:
        assert any(
            0 <= q[0] - x0 < 12 and 0 <= q[1] - y0 < 12 and 0 <= x1 - q[2] < 12 and 0 <= y1 - q[3] < 12 for q in drawn
        ), ((x0, y0, x1, y1), drawn)


def test_pages_with_a_soft_masked_logo_name_their_blending_space(press_built, built):
    files = [*((p, "/DeviceCMYK") for p in press_built.values()), (built["default/en/flyer-letter.pdf"], "/DeviceRGB")]
    for path, space in files:
        with pikepdf.open(path) as pdf:
            masked = 0
            for page in pdf.pages:
                xobjects = page.obj.get("/Resources", {}).get("/XObject", {})
                if any("/SMask" in xo for _, xo in xobjects.items()):
                    masked += 1
                    assert page.obj["/Group"]["/S"] == "/Transparency" and page.obj["/Group"]["/CS"] == space, path
            assert masked, f"{path}: the shipped logos are soft-masked PNGs"
