"""SVG logos: drawn as vectors (no image in the PDF), in CMYK for press, refused clearly when unusable."""

from __future__ import annotations

from pathlib import Path

import pymupdf

from brochure.prepress import preflight as pf
from tests.conftest import run
from tests.pdfread import render_png

MARK = """<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">
  <rect x="0" y="0" width="40" height="40" rx="8" fill="#f2a900"/>
  <path d="M50 8 h8 v10 h12 v-10 h8 v24 h-8 v-8 h-12 v8 h-8 z" fill="#ffffff"/>
</svg>
"""


def use_logo(project: Path, svg: str) -> None:
    (project / "assets/logos/mark.svg").write_text(svg)
    brand = project / "assets/brands/harbor-light.yaml"
    lines = [("logo: ../logos/mark.svg" if ln.startswith("logo:") else ln) for ln in brand.read_text().splitlines()]
    brand.write_text("\n".join(lines) + "\n")


def test_an_svg_logo_prints_as_vectors_on_the_band(project):
    use_logo(project, MARK)
    res = run("build", "--brand", "harbor-light", "--lang", "en", "--length", "flyer", "--paper", "letter")
    assert res.exit_code == 0, res.output
    path = project / "dist/harbor-light/en/flyer-letter.pdf"
    page = pymupdf.open(path)[0]
    assert page.get_images() == []  # no raster logo: the SVG's shapes are drawn
    img = render_png(path, 0, scale=1)
    w, h = img.size
    header = [img.getpixel((x, y)) for x in range(0, w // 3, 2) for y in range(0, int(h * 0.1), 2)]
    orange = [p for p in header if p[0] > 220 and 150 < p[1] < 190 and p[2] < 60]  # #f2a900
    assert len(orange) > 50  # the mark's square, at the top left of the band


def test_an_svg_logo_in_a_press_file_is_cmyk_and_passes_press_preflight(project):
    use_logo(project, MARK)
    args = ("build", "--brand", "harbor-light", "--lang", "en", "--length", "booklet", "--paper", "letter")
    res = run(*args, "--profile", "press")
    assert res.exit_code == 0, res.output
    report = pf.inspect(project / "dist/harbor-light/en/booklet-letter-press.pdf", "press")
    assert not report.failed(strict=True), pf.format_text(report)


def test_an_svg_with_text_or_broken_is_refused_at_its_line_without_a_traceback(project):
    use_logo(project, MARK.replace("</svg>", '<text x="48" y="27">HL</text></svg>'))
    res = run("check")
    assert res.exit_code == 1
    assert "assets/brands/harbor-light.yaml:" in res.output and "convert the text to outlines" in res.output
    use_logo(project, "<svg xmlns='http://www.w3.org/2000/svg'><rect")
    res = run("build", "--brand", "harbor-light", "--lang", "en", "--length", "flyer", "--paper", "letter")
    assert res.exit_code == 1 and "not a readable SVG" in res.output
    assert "Traceback" not in res.output
    assert not (project / "dist/harbor-light/en/flyer-letter.pdf").exists()
