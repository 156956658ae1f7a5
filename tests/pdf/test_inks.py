"""Ink discipline, read back from the PDFs: small press text on one plate, black text overprinting, office greys.

The operators are read with an interpreter of this file's own (q/Q, cm, Tm, Tf, k, gs), not the one in
`brochure.pdf.inks`; overprint is judged independently by Ghostscript's separations (tiffsep), which
honour /OP as a press RIP does.
"""

from __future__ import annotations

import math
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from tests.pdf.test_press import PRESS_FILES

SMALL = 12.0


def _shows(path: Path):
    """(page, size in pt, fill CMYK or None, overprint on) for every text-showing operator of every page."""
    pdf = pikepdf.open(path)
    for number, page in enumerate(pdf.pages, 1):
        states = page.obj.get("/Resources", {}).get("/ExtGState", {})
        stack: list[tuple] = []
        ctm_scale, size, fill, op = 1.0, 0.0, None, False
        text_scale = 1.0
        for ins in pikepdf.parse_content_stream(page):
            name = str(ins.operator)
            args = list(ins.operands) if hasattr(ins, "operands") else []
            if name == "q":
                stack.append((ctm_scale, size, fill, op))
            elif name == "Q":
                ctm_scale, size, fill, op = stack.pop()
            elif name == "cm":
                a, b, c, d = (float(v) for v in args[:4])
                ctm_scale *= math.sqrt(abs(a * d - b * c))
            elif name == "BT":
                text_scale = 1.0
            elif name == "Tm":
                a, b, c, d = (float(v) for v in args[:4])
                text_scale = math.sqrt(abs(a * d - b * c))
            elif name == "Tf":
                size = float(args[1])
            elif name == "k":
                fill = tuple(float(v) for v in args)
            elif name in ("g", "rg", "cs", "scn", "sc"):
                fill = None
            elif name == "gs":
                state = states.get(args[0], {})
                if "/op" in state:
                    op = bool(state["/op"])
            elif name in ("Tj", "TJ", "'", '"'):
                yield number, size * text_scale * ctm_scale, fill, op


def _plates(cmyk: tuple) -> int:
    return sum(v > 0.005 for v in cmyk)


@pytest.mark.parametrize("name", PRESS_FILES)
def test_small_press_text_prints_on_one_plate_and_black_text_overprints(press_built, name):
    shows = list(_shows(press_built[name]))
    assert shows, name
    pages = {page for page, *_ in shows}
    assert pages == set(range(1, max(pages) + 1)), f"{name}: text on every page"
    for page, size, fill, op in shows:
        assert fill is not None, f"{name} p{page}: text in a non-CMYK colour"
        if size < SMALL - 0.01:
            assert _plates(fill) <= 1, f"{name} p{page}: {size:.1f} pt text on {_plates(fill)} plates {fill}"
        if _plates(fill) == 1 and fill[3] >= 0.7:
            assert op, f"{name} p{page}: dark black-ink text knocks out"
        elif _plates(fill) > 0:
            assert not op, f"{name} p{page}: {fill} text overprints (only dark black-ink text may)"
    big_colour = [s for _, s, fill, _ in shows if fill and _plates(fill) > 1]
    assert all(s >= SMALL - 0.01 for s in big_colour)


def test_office_text_in_grey_is_black_toner_only(built):
    """Body text (#1F2328, a near-neutral) is DeviceGray in office files: no colour toner for running text."""
    for name in ("default/en/flyer-letter.pdf", "default/es/booklet-a4.pdf", "default/zh-Hans/trifold-letter.pdf"):
        pdf = pikepdf.open(built[name])
        for number, page in enumerate(pdf.pages, 1):
            greys = rgb_greys = 0
            for ins in pikepdf.parse_content_stream(page):
                if str(ins.operator) == "g":
                    greys += 1
                elif str(ins.operator) == "rg":
                    r, g, b = (float(v) for v in ins.operands)
                    rgb_greys += max(r, g, b) - min(r, g, b) <= 12 / 255
            assert greys and not rgb_greys, f"{name} p{number}: {greys} grey, {rgb_greys} RGB greys"


@pytest.mark.skipif(not shutil.which("gs"), reason="Ghostscript judges overprint")
def test_ghostscript_separations_show_black_text_overprinting_a_tint(press_built, tmp_path):
    """In the cyan plate, the tinted 'Know this before you start' box has no holes where its black text is."""
    path = press_built["default/en/trifold-letter-press.pdf"]
    subprocess.run(
        ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep", "-r72", "-dFirstPage=1", "-dLastPage=1",
         f"-sOutputFile={tmp_path / 'sep.tif'}", str(path)],
        check=True, timeout=120,
    )  # fmt: skip
    plates = {p.name: p for p in tmp_path.glob("sep(*).tif")}
    cyan = Image.open(plates["sep(Cyan).tif"]).convert("L")
    black = Image.open(plates["sep(Black).tif"]).convert("L")
    # the callout box's tint is a few % of cyan; find pixels where black text is drawn inside a cyan-tinted area
    w, h = cyan.size
    holes = under_text = 0
    for y in range(h):
        for x in range(w):
            if black.getpixel((x, y)) < 80:  # tiffsep: 255 = no ink; dark = full black ink (text)
                left, right = cyan.getpixel((max(x - 6, 0), y)), cyan.getpixel((min(x + 6, w - 1), y))
                if left < 255 and right < 255 and left == right:  # inside an even cyan tint
                    under_text += 1
                    holes += cyan.getpixel((x, y)) == 255
    assert under_text > 200, "no black text on a cyan tint found on page 1"
    assert holes == 0, f"{holes} of {under_text} black-text pixels knock a hole in the cyan tint"
