"""`brochure preflight`: our own outputs pass office; deliberately broken PDFs fail for the right reason."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from reportlab.lib.pagesizes import LETTER, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from brochure.prepress import preflight as pf
from tests.conftest import ROOT, run

BLEED = 9.0  # 0.125 in


def _font() -> str:
    import rendercv_fonts

    path = next(Path(rendercv_fonts.__file__).parent.rglob("NotoSans-Regular.ttf"))
    if "PreflightSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("PreflightSans", str(path)))
    return "PreflightSans"


def make_pdf(
    path: Path,
    *,
    font: str = "embedded",  # or "helvetica": the standard-14 font, never embedded by ReportLab
    cmyk: bool = True,
    rgb_rect: bool = False,
    trim: bool = True,
    bleed: bool = True,
    intent: bool = True,
    image_px: int | None = None,  # a square image of this many pixels, placed 2 × 2 in
    text_xy: tuple[float, float] = (72, 600),  # from the trim's lower left corner
    size: float = 12,
    page: tuple[float, float] = LETTER,
) -> Path:
    """A one-page PDF built like a press file (trim + bleed), with one thing to break at a time."""
    w, h = page
    off = BLEED if bleed else 0.0
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(w + 2 * off, h + 2 * off), invariant=1)
    if trim:
        c.setTrimBox((off, off, off + w, off + h))
    if bleed:
        c.setBleedBox((0, 0, w + 2 * off, h + 2 * off))
    c.translate(off, off)
    if cmyk:
        c.setFillColorCMYK(0, 0, 0, 1)
    else:
        c.setFillColorRGB(0, 0, 0)
    c.setFont("Helvetica" if font == "helvetica" else _font(), size)
    for i in range(8):
        c.drawString(text_xy[0], text_xy[1] - i * size * 1.4, "Ketamine therapy: what to expect at each visit.")
    if rgb_rect:
        c.setFillColorRGB(0.1, 0.4, 0.6)
        c.rect(72, 72, 200, 50, stroke=0, fill=1)
    if image_px:
        img = Image.new("CMYK" if cmyk else "RGB", (image_px, image_px), (40, 10, 0, 0) if cmyk else (40, 90, 160))
        c.drawImage(ImageReader(img), 300, 100, 144, 144)
    c.showPage()
    c.save()
    pdf = pikepdf.open(io.BytesIO(buf.getvalue()))
    if intent:
        profile = pdf.make_stream(b"not a real ICC profile; preflight reads its /N as it reads no header")
        profile["/N"] = 4
        pdf.Root.OutputIntents = pikepdf.Array([output_intent(pdf, "GTS_PDFX", "FOGRA39", profile)])
    pdf.save(path)
    return path


def output_intent(
    pdf: pikepdf.Pdf, kind: str, identifier: str, profile: pikepdf.Stream | None = None
) -> pikepdf.Dictionary:
    """An /OutputIntents entry: `kind` is its /S (GTS_PDFX for PDF/X, GTS_PDFA1 for PDF/A)."""
    oi = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name("/" + kind), OutputConditionIdentifier=identifier
    )
    if profile is not None:
        oi.DestOutputProfile = pdf.make_indirect(profile)
    return oi


def icc_stream(pdf: pikepdf.Pdf, data: bytes, n: int | None, compress: bool = True) -> pikepdf.Stream:
    """An ICC profile stream as PDF writers store one: Flate-compressed, /N its components (None: left out)."""
    import zlib

    stream = pikepdf.Stream(pdf, zlib.compress(data) if compress else data)
    if compress:
        stream.Filter = pikepdf.Name.FlateDecode
    if n is not None:
        stream.N = n
    return stream


def srgb_icc() -> bytes:
    """A real sRGB ICC profile (LittleCMS's, through Pillow): its header says 'RGB '."""
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


CMYK_ICC = ROOT / "src/brochure/icc/brochure-coated-cmyk.icc"  # the press profile a build embeds


def rules(report: pf.Report, severity: str = "error") -> set[str]:
    return {f.rule for f in report.findings if f.severity == severity}


# ---------------------------------------------------------------- the fixtures are what they claim


def test_clean_press_file_passes_press(tmp_path):
    """The control: without a defect the fixture passes press, so each broken variant fails for its defect alone."""
    r = pf.inspect(make_pdf(tmp_path / "ok.pdf", image_px=600), "press")
    assert r.findings == [], r.findings
    assert not r.failed()
    assert r.pages[0].boxes["TrimBox"] == [9.0, 9.0, 621.0, 801.0]
    assert r.pages[0].boxes["BleedBox"] == [0.0, 0.0, 630.0, 810.0]
    assert (r.pages[0].width_in, r.pages[0].height_in) == (8.5, 11.0)
    assert [f.embedded and f.subset for f in r.fonts] == [True]
    assert set(r.colorspaces) == {"DeviceCMYK"}
    assert r.images[0].ppi == pytest.approx(300, abs=0.5)
    assert r.body_text_pt == 12.0
    assert [str(oi) for oi in r.output_intents] == ["GTS_PDFX: FOGRA39 (CMYK profile)"]


def test_unembedded_standard_font_fails_office(tmp_path):
    r = pf.inspect(make_pdf(tmp_path / "helv.pdf", font="helvetica"), "office")
    assert rules(r) == {"font.not-embedded"}
    [f] = r.fonts
    assert (f.name, f.embedded, f.subset) == ("Helvetica", False, False)
    assert r.failed()


def test_rgb_in_a_press_file(tmp_path):
    r = pf.inspect(make_pdf(tmp_path / "rgb.pdf", rgb_rect=True), "press")
    assert rules(r) == {"color.rgb"}
    assert r.colorspaces["DeviceRGB"] == {"content": [1]}
    assert not pf.inspect(tmp_path / "rgb.pdf", "office").failed()  # office printers take RGB


def test_rgb_image_and_text_in_a_press_file(tmp_path):
    r = pf.inspect(make_pdf(tmp_path / "rgbimg.pdf", cmyk=False, image_px=600), "press")
    assert rules(r) == {"color.rgb"}
    assert set(r.colorspaces["DeviceRGB"]) == {"image", "text"}


def test_missing_trimbox(tmp_path):
    r = pf.inspect(make_pdf(tmp_path / "notrim.pdf", trim=False), "press")
    assert "box.no-trim" in rules(r)
    assert r.pages[0].boxes["TrimBox"] is None


def test_missing_bleed_and_output_intent(tmp_path):
    r = pf.inspect(make_pdf(tmp_path / "office.pdf", bleed=False, trim=False, intent=False), "press")
    assert rules(r) == {"box.no-trim", "box.no-bleed", "press.no-output-intent"}
    assert not pf.inspect(tmp_path / "office.pdf", "office").failed()


def _with_intents(tmp_path, name, *made) -> Path:
    """The clean press fixture with `made` as its /OutputIntents: each makes one entry in the open PDF."""
    path = make_pdf(tmp_path / "plain.pdf", intent=False)
    with pikepdf.open(path) as pdf:
        pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(make(pdf)) for make in made])
        pdf.save(tmp_path / name)
    return tmp_path / name


def test_a_pdfa_srgb_output_intent_is_refused_for_press(tmp_path):
    """A PDF/A file's intent (GTS_PDFA1, sRGB) describes a screen: press needs the press's CMYK condition."""
    path = _with_intents(
        tmp_path,
        "pdfa.pdf",
        lambda pdf: output_intent(pdf, "GTS_PDFA1", "sRGB IEC61966-2.1", icc_stream(pdf, srgb_icc(), 3)),
    )
    r = pf.inspect(path, "press")
    assert rules(r) == {"press.output-intent-not-cmyk"}
    [oi] = r.output_intents
    assert (oi.subtype, oi.identifier, oi.profile_space) == ("GTS_PDFA1", "sRGB IEC61966-2.1", "RGB")
    [finding] = r.findings
    assert "GTS_PDFA1: sRGB IEC61966-2.1 (RGB profile)" in finding.message
    assert finding.fix.startswith("export PDF/X-4 with the shop's CMYK profile")
    assert "output intent: GTS_PDFA1: sRGB IEC61966-2.1 (RGB profile)" in pf.format_text(r)
    assert not pf.inspect(path, "office").failed()  # an office printer takes it as it is


@pytest.mark.parametrize(
    ("n", "compress"),
    [(3, True), (4, True), (4, False)],
    ids=["N-3", "N-4-but-an-RGB-header", "N-4-uncompressed-RGB-header"],
)
def test_a_pdfx_intent_with_an_rgb_profile_is_refused_for_press(tmp_path, n, compress):
    """PDF/X names the press, but its profile is sRGB: the ICC header decides, whatever /N claims."""
    path = _with_intents(
        tmp_path,
        "x-rgb.pdf",
        lambda pdf: output_intent(pdf, "GTS_PDFX", "Custom", icc_stream(pdf, srgb_icc(), n, compress)),
    )
    r = pf.inspect(path, "press")
    assert rules(r) == {"press.output-intent-not-cmyk"}
    assert [oi.profile_space for oi in r.output_intents] == ["RGB"]


def test_a_pdfx_intent_without_a_profile_is_refused_for_press(tmp_path):
    path = _with_intents(tmp_path, "x-none.pdf", lambda pdf: output_intent(pdf, "GTS_PDFX", "FOGRA39"))
    r = pf.inspect(path, "press")
    assert rules(r) == {"press.output-intent-not-cmyk"}
    assert "GTS_PDFX: FOGRA39 (no colour profile)" in r.findings[0].message


def test_a_pdfx_cmyk_intent_passes_press_beside_a_pdfa_one(tmp_path):
    """A file that is PDF/X and PDF/A at once carries both intents: the PDF/X one with a CMYK profile is enough.
    The CMYK profile is a real one, compressed and without /N, so its ICC header is what says CMYK."""
    path = _with_intents(
        tmp_path,
        "x-and-a.pdf",
        lambda pdf: output_intent(pdf, "GTS_PDFA1", "sRGB IEC61966-2.1", icc_stream(pdf, srgb_icc(), 3)),
        lambda pdf: output_intent(pdf, "GTS_PDFX", "Custom", icc_stream(pdf, CMYK_ICC.read_bytes(), None)),
    )
    r = pf.inspect(path, "press")
    assert r.findings == [], r.findings
    assert [(oi.subtype, oi.profile_space) for oi in r.output_intents] == [("GTS_PDFA1", "RGB"), ("GTS_PDFX", "CMYK")]


def test_output_intents_that_are_not_intents_count_as_none(tmp_path):
    """/OutputIntents that is not an array, or holds no dictionary: read without an exception, judged as absent."""
    path = make_pdf(tmp_path / "plain.pdf", intent=False)
    for name, value in (("dict.pdf", pikepdf.Dictionary(S=pikepdf.Name.GTS_PDFX)), ("ints.pdf", pikepdf.Array([1]))):
        with pikepdf.open(path) as pdf:
            pdf.Root.OutputIntents = value
            pdf.save(tmp_path / name)
        r = pf.inspect(tmp_path / name, "press")
        assert r.output_intents == [] and rules(r) == {"press.no-output-intent"}, name


@pytest.mark.parametrize(
    "name",
    [
        "default/en/flyer-letter-press.pdf",
        "harbor-light/en/trifold-letter-press.pdf",
        "default/ar/booklet-a4-press.pdf",
    ],
)
def test_our_press_output_declares_a_pdfx_cmyk_intent_and_passes_press(press_built, name):
    from brochure.inputs.project import Project

    layout, _ = Project(ROOT).load_layout(name.split("/")[-1].split("-")[0])
    r = pf.inspect(press_built[name], "press", layout)
    assert not r.failed(), pf.format_text(r)
    assert [(oi.subtype, oi.profile_space) for oi in r.output_intents] == [("GTS_PDFX", "CMYK")]


def test_low_resolution_image(tmp_path):
    r = pf.inspect(make_pdf(tmp_path / "lowres.pdf", image_px=144), "office")  # 144 px over 2 in
    assert rules(r) == {"image.low-ppi"}
    [im] = r.images
    assert im.ppi == pytest.approx(72, abs=0.1)
    assert im.placed_in == (2.0, 2.0)
    # 400 px over 2 in is enough for the office, not for the press
    make_pdf(tmp_path / "200.pdf", image_px=400)
    assert not pf.inspect(tmp_path / "200.pdf", "office").failed()
    assert rules(pf.inspect(tmp_path / "200.pdf", "press")) == {"image.low-ppi"}


def test_boxes_that_do_not_nest(tmp_path):
    path = make_pdf(tmp_path / "nest.pdf")
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.pages[0].TrimBox = [0, 0, 700, 900]  # larger than the MediaBox
        pdf.save(path)
    assert "box.nesting" in rules(pf.inspect(path, "press"))


def test_text_near_the_trim_with_bleed_offsets(tmp_path):
    """Distances are measured from the TrimBox, not the MediaBox (they differ by the bleed)."""
    ok = pf.inspect(make_pdf(tmp_path / "ok.pdf", text_xy=(10, 600)), "press")  # 10 pt = 0.139 in inside
    assert ok.near_edges == []
    bad = pf.inspect(make_pdf(tmp_path / "near.pdf", text_xy=(4, 600)), "office")
    assert rules(bad) == {"text.near-trim"}
    [ne] = bad.near_edges
    # the glyph's ink, not its origin: the K's side bearing adds about 1 pt to the 4 pt
    assert ne.edge == "trim left" and 4 / 72 <= ne.distance_in <= 6 / 72
    assert "Ketamine" in ne.text


def test_small_text(tmp_path):
    r = pf.inspect(make_pdf(tmp_path / "small.pdf", size=8), "office")
    assert rules(r) == {"text.body-small"}
    assert r.body_text_pt == 8.0


def test_text_size_is_the_printed_size_not_the_font_size(tmp_path):
    """A 4 pt font drawn at 3x (`cm`) prints at 12 pt, and a 24 pt font in a half-size text matrix at 12 pt:
    preflight judges what the reader sees (it read 4 pt and 24 pt from the font size alone)."""
    path = tmp_path / "scaled.pdf"
    c = canvas.Canvas(str(path), pagesize=LETTER, invariant=1)
    c.setFillColorCMYK(0, 0, 0, 1)
    for i in range(8):
        c.saveState()
        c.translate(72, 700 - i * 20)
        c.scale(3, 3)
        c.setFont(_font(), 4)
        c.drawString(0, 0, "Ketamine therapy: what to expect.")
        c.restoreState()
    text = c.beginText()
    text.setTextTransform(0.5, 0, 0, 0.5, 72, 400)
    text.setFont(_font(), 24)
    text.textLine("Ketamine therapy: what to expect at each visit.")
    c.drawText(text)
    c.save()
    r = pf.inspect(path, "office")
    assert r.body_text_pt == 12.0 and r.smallest_text_pt == 12.0, r.text_sizes
    assert "text.body-small" not in rules(r) and "text.tiny" not in rules(r)


def _stamp(path: Path, flags: int) -> Path:
    """`path` with a Stamp annotation whose appearance fills in RGB and shows text in unembedded Helvetica."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        helv = pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
        )
        ap = pdf.make_stream(b"1 0 0 rg 0 0 100 30 re f BT /F1 12 Tf 5 10 Td (APPROVED) Tj ET")
        ap.Type, ap.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
        ap.BBox = [0, 0, 100, 30]
        ap.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=helv))
        annot = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.Stamp,
                Rect=[100, 100, 200, 130],
                F=flags,
                AP=pikepdf.Dictionary(N=ap),
            )
        )
        pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([annot]))
        pdf.save(path)
    return path


def test_a_printable_stamp_fails_press_for_itself_its_rgb_and_its_unembedded_font(tmp_path):
    """A stamp added to a press file prints on top of it: preflight walks its appearance like page content."""
    clean = make_pdf(tmp_path / "clean.pdf", intent=True)
    assert not pf.inspect(clean, "press").failed(), "the base file passes press"
    stamped = _stamp(make_pdf(tmp_path / "stamped.pdf", intent=True), flags=4)
    r = pf.inspect(stamped, "press")
    assert {"annot.printable", "color.rgb", "font.not-embedded"} <= rules(r)
    assert [a.subtype for a in r.printable_annotations] == ["Stamp"]
    hidden = pf.inspect(_stamp(make_pdf(tmp_path / "hidden.pdf", intent=True), flags=4 | 2), "press")
    assert hidden.printable_annotations == [] and "annot.printable" not in rules(hidden)  # a hidden one never prints


def test_a_trimbox_on_the_pages_node_is_not_inherited(tmp_path):
    """The spec lets MediaBox and CropBox be inherited from /Pages, never TrimBox or BleedBox: a file that puts
    them there has no print boxes on its pages, and press says so."""
    path = make_pdf(tmp_path / "boxes.pdf", intent=True)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        page = pdf.pages[0].obj
        pdf.Root.Pages.TrimBox, pdf.Root.Pages.BleedBox = page.TrimBox, page.BleedBox
        del page["/TrimBox"], page["/BleedBox"]
        pdf.save(path)
    r = pf.inspect(path, "press")
    assert {"box.no-trim", "box.no-bleed"} <= rules(r)


def test_a_page_in_user_units_is_measured_in_points(tmp_path):
    """/UserUnit 2: every unit is 2 pt, so a 306 x 396 unit page is Letter and 6-unit text prints at 12 pt."""
    path = make_pdf(tmp_path / "units.pdf", bleed=False, trim=False, size=6, page=(306, 396), text_xy=(36, 300))
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.pages[0].obj.UserUnit = 2
        pdf.save(path)
    r = pf.inspect(path, "office")
    assert (r.pages[0].width_in, r.pages[0].height_in) == (8.5, 11.0)
    assert r.body_text_pt == 12.0, r.text_sizes
    assert "text.body-small" not in rules(r)
    assert all(ne.edge != "trim left" for ne in r.near_edges)  # 36 units from the edge is 1 in, not 0.5 in


def test_a_font_written_inline_on_every_page_is_one_font(tmp_path):
    """Fonts as direct objects (no object number) on 40 pages are one unembedded font, not 40 findings."""
    path = tmp_path / "inline.pdf"
    with pikepdf.new() as pdf:
        for _ in range(40):
            page = pdf.add_blank_page(page_size=(612, 792))
            font = pikepdf.Dictionary(
                Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
            )
            page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))  # direct, not indirect
            page.obj.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 700 Td (Ketamine therapy) Tj ET")
        pdf.save(path)
    r = pf.inspect(path, "office")
    assert len(r.fonts) == 1 and r.fonts[0].pages == list(range(1, 41))
    assert [f.rule for f in r.findings].count("font.not-embedded") == 1


def test_text_across_a_trifold_fold(tmp_path, project):
    from brochure.inputs.project import Project

    layout, _ = Project(project).load_layout("trifold")
    fold = 3.625 * 72  # page 1 is the outside: flap back 3.625 | back cover | front cover
    path = make_pdf(tmp_path / "fold.pdf", page=landscape(LETTER), bleed=False, trim=False, text_xy=(fold - 30, 400))
    r = pf.inspect(path, "office", layout)
    assert r.folds[1] == [3.625, 7.3125]
    assert rules(r) == {"text.near-fold"}
    assert any(ne.edge == "fold at 3.62 in" and ne.distance_in == 0 for ne in r.near_edges)
    assert not pf.inspect(path, "office").failed()  # without the layout no fold is known


def test_a_right_to_left_trifold_is_checked_against_its_mirrored_folds(built):
    """An Arabic tri-fold's outside reads front cover | back cover | flap: its folds are the mirror image."""
    from brochure.inputs.project import Project

    layout, _ = Project(ROOT).load_layout("trifold")
    r = pf.inspect(built["default/ar/trifold-letter.pdf"], "office", layout)
    assert r.folds[1] == [3.6875, 7.375] and r.folds[2] == [3.625, 7.3125]  # the inside's flap moves left
    assert pf.inspect(built["default/en/trifold-letter.pdf"], "office", layout).folds[1] == [3.625, 7.3125]
    # a build checks against the layout it mirrored itself: no second mirroring
    mirrored = pf.inspect(built["default/ar/trifold-letter.pdf"], "office", layout, mirrored=False)
    assert mirrored.folds[1] == [3.625, 7.3125]


# ---------------------------------------------------------------- our own outputs


@pytest.mark.parametrize(
    "name",
    [
        "default/en/booklet-letter.pdf",
        "default/zh-Hans/booklet-a4.pdf",
        "default/ar/trifold-letter.pdf",
        "default/en/trifold-a4.pdf",
        "harbor-light/ko/flyer-letter.pdf",
    ],
)
def test_our_outputs_pass_office(built, name):
    length = name.split("/")[-1].split("-")[0]
    from brochure.inputs.project import Project

    layout, _ = Project(ROOT).load_layout(length)
    r = pf.inspect(built[name], "office", layout)
    assert not r.failed(strict=True), pf.format_text(r)
    assert all(f.embedded and f.subset for f in r.fonts)
    assert r.images and all(im.ppi >= 290 for im in r.images)  # the logo, downsampled to 300 ppi
    assert r.body_text_pt >= 10
    if length == "trifold":
        assert len(r.folds) == 2 and all(len(xs) == 2 for xs in r.folds.values())


def test_our_office_output_is_not_a_press_file(built):
    r = pf.inspect(built["default/en/flyer-letter.pdf"], "press")
    assert {"box.no-trim", "box.no-bleed", "press.no-output-intent", "color.rgb"} <= rules(r)


# ---------------------------------------------------------------- the command


def test_cli_table_and_exit_status(tmp_path):
    good = make_pdf(tmp_path / "good.pdf")
    res = run("preflight", str(good), "--profile", "press")
    assert res.exit_code == 0, res.output
    assert "TrimBox   8.500 × 11.000 in at (9, 9)" in res.output
    assert "passed press" in res.output
    bad = make_pdf(tmp_path / "bad.pdf", font="helvetica", rgb_rect=True)
    res = run("preflight", str(bad), "--profile", "press")
    assert res.exit_code == 1
    assert "Helvetica (Type1): NOT EMBEDDED" in res.output
    assert "error: font Helvetica (Type1) is not embedded" in res.output
    assert "FAILED press (2 errors)" in res.output


def test_cli_json(tmp_path):
    res = run("preflight", str(make_pdf(tmp_path / "lowres.pdf", image_px=100)), "--format", "json")
    assert res.exit_code == 1
    data = json.loads(res.output)
    assert data["passed"] is False
    assert [f["rule"] for f in data["findings"]] == ["image.low-ppi"]
    assert data["images"][0]["pixels"] == [100, 100]


@pytest.mark.parametrize("kind", ["text", "truncated", "encrypted"])
def test_cli_unreadable_files(tmp_path, kind):
    path = tmp_path / f"{kind}.pdf"
    if kind == "text":
        path.write_text("hello, I am not a PDF\n")
    elif kind == "truncated":
        path.write_bytes(make_pdf(tmp_path / "whole.pdf").read_bytes()[:400])
    else:
        with pikepdf.open(make_pdf(tmp_path / "plain.pdf")) as pdf:
            pdf.save(path, encryption=pikepdf.Encryption(owner="o", user="secret"))
    res = run("preflight", str(path))
    assert res.exit_code == 1
    assert "Traceback" not in res.output
    expected = "needs a password" if kind == "encrypted" else "not a readable PDF"
    assert f"{kind}.pdf: error: " in res.output and expected in res.output


def test_cli_unknown_layout_is_a_problem(tmp_path):
    res = run("preflight", str(make_pdf(tmp_path / "a.pdf")), "--layout", "nope", "--project", str(ROOT))
    assert res.exit_code == 1
    assert "unknown length/layout `nope`" in res.output
