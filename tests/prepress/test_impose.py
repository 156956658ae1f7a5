"""Half-letter/A5 booklets and `--impose saddle`: page order read back from the text of each half-sheet."""

from __future__ import annotations

import io
import re

import pikepdf
import pypdfium2 as pdfium
import pytest
from pydantic import TypeAdapter, ValidationError
from reportlab.pdfgen import canvas

from brochure.cli import options
from brochure.inputs import models
from brochure.media import papers
from brochure.prepress import preflight as pf
from brochure.prepress.impose import PageTooLargeError, impose_saddle, saddle_order
from tests.conftest import run


def halves(path) -> list[tuple[str, str]]:
    """The text of the left and right half of every sheet side, as pdfium reads it."""
    out = []
    doc = pdfium.PdfDocument(str(path))
    for page in doc:
        w, h = page.get_size()
        tp = page.get_textpage()
        out.append((tp.get_text_bounded(0, 0, w / 2, h), tp.get_text_bounded(w / 2, 0, w, h)))
    return out


def pages_text(path) -> list[str]:
    return [p.get_textpage().get_text_range() for p in pdfium.PdfDocument(str(path))]


def squash(text: str) -> str:
    """Text without spaces or the hyphen pdfium marks differently in bounded and full-page extraction."""
    return re.sub(r"[\s\x02\ufffe\u00ad-]+", "", text)


def test_saddle_order():
    assert saddle_order(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]
    assert saddle_order(4) == [(4, 1), (2, 3)]
    # 6 pages: padded with two blanks at the end, which fall on the back cover's sheet
    assert saddle_order(6) == [(0, 1), (2, 0), (6, 3), (4, 5)]
    for n in range(1, 41):
        order = saddle_order(n)
        assert len(order) % 2 == 0 and len(order) * 2 == -(-n // 4) * 4
        assert sorted(p for side in order for p in side if p) == list(range(1, n + 1))
        # folded, each spread of facing pages adds to n + 1 (of the padded count)


def test_right_to_left_saddle_order_mirrors_every_side():
    assert saddle_order(8, rtl=True) == [(1, 8), (7, 2), (3, 6), (5, 4)]
    assert saddle_order(20, rtl=True)[:2] == [(1, 20), (19, 2)]
    for n in (4, 6, 12, 20):
        assert saddle_order(n, rtl=True) == [(r, left) for left, r in saddle_order(n)]


def test_paper_choices_match_the_model():
    """Both read media.papers; the model refuses what the CLI does not offer (tests/media/test_registries.py)."""
    adapter = TypeAdapter(models.Paper)
    assert [adapter.validate_python(p) for p in options.PAPERS] == list(papers.names())
    with pytest.raises(ValidationError):
        adapter.validate_python("legal")


def numbered(pages: int, size=(5.5 * 72, 8.5 * 72)) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size, invariant=1)
    for i in range(1, pages + 1):
        c.setFont("Helvetica", 40)
        c.drawString(100, 300, f"PAGE{i:02d}")
        c.showPage()
    c.save()
    return buf.getvalue()


def test_impose_pads_with_blanks_and_keeps_text(tmp_path):
    data, sides = impose_saddle(numbered(6), (792, 612))
    path = tmp_path / "imposed.pdf"
    path.write_bytes(data)
    assert sides == 4
    found = [tuple(re.findall(r"PAGE(\d\d)", t)[0] if "PAGE" in t else "" for t in pair) for pair in halves(path)]
    assert found == [("", "01"), ("02", ""), ("06", "03"), ("04", "05")]
    with pikepdf.open(path) as pdf:
        assert [float(v) for v in pdf.pages[0].mediabox] == [0, 0, 792, 612]


def test_impose_refuses_pages_larger_than_half_the_sheet():
    with pytest.raises(PageTooLargeError, match="does not fit half"):
        impose_saddle(numbered(4, (612, 792)), (792, 612))


@pytest.mark.parametrize(
    ("paper", "sheet", "lang"), [("half-letter", (792, 612), "en"), ("a5", (841.89, 595.28), "ar")]
)
def test_build_impose_saddle(project, tmp_path, paper, sheet, lang):
    out = tmp_path / "dist"
    res = run("build", "--length", "booklet", "--paper", paper, "--lang", lang, "--brand", "default",
              "--out", str(out), "--impose", "saddle")  # fmt: skip
    assert res.exit_code == 0, res.output
    booklet = out / "default" / lang / f"booklet-{paper}.pdf"
    imposed = out / "default" / lang / f"booklet-{paper}-saddle.pdf"
    assert f"wrote {imposed}" in res.output or "saddle.pdf" in res.output
    src = pages_text(booklet)
    n = len(src)
    assert n % 4 == 0 and n >= 12
    with pikepdf.open(booklet) as pdf:
        w, h = (float(v) for v in pdf.pages[0].mediabox[2:])
    # two pages fill the sheet (ISO A5 is 148 mm wide, A4 297 mm: half a millimetre each side to spare)
    assert sheet[0] - 3 <= w * 2 <= sheet[0] + 0.1 and h == pytest.approx(sheet[1], abs=0.1)
    sides = halves(imposed)
    assert len(sides) == n // 2
    assert sides[0][0] and sides[0][1]
    # every half-sheet holds exactly the text of the page saddle order puts there
    for (left, right), (want_left, want_right) in zip(sides, saddle_order(n, rtl=lang == "ar"), strict=True):
        assert squash(left) == squash(src[want_left - 1])
        assert squash(right) == squash(src[want_right - 1])
    # a printer's file that still passes the office preflight (fonts embedded, 300 ppi logo, safe zones)
    report = pf.inspect(imposed, "office")
    assert not report.failed(), pf.format_text(report)
    assert report.pages[0].width_in == pytest.approx(sheet[0] / 72, abs=0.01)


def test_half_letter_booklet_type_and_margins(project, tmp_path):
    out = tmp_path / "dist"
    res = run("build", "--paper", "half-letter", "--lang", "en", "--brand", "default", "--out", str(out))
    assert res.exit_code == 0, res.output
    # --paper half-letter alone builds the lengths that come in half-letter: the booklet
    assert sorted(p.name for p in (out / "default" / "en").glob("*.pdf")) == ["booklet-half-letter.pdf"]
    path = out / "default" / "en" / "booklet-half-letter.pdf"
    report = pf.inspect(path, "office")
    assert not report.failed(strict=True), pf.format_text(report)
    assert report.body_text_pt == 11.0  # per_paper type in layouts/booklet.yaml
    assert (report.pages[0].width_in, report.pages[0].height_in) == (5.5, 8.5)
    text = pages_text(path)
    # the cover is one page: the call to action is on page 1, page 2 is the first section
    assert "Talk with your care team" in text[0]
    assert "Your Clinic Name" in text[1] and "Page 2 of" in text[1]


def test_impose_letter_booklet_is_refused(project, tmp_path):
    res = run("build", "--length", "booklet", "--paper", "letter", "--lang", "en", "--out", str(tmp_path),
              "--impose", "saddle")  # fmt: skip
    assert res.exit_code == 1
    assert "a letter booklet cannot be imposed two-up" in res.output
    assert "--paper half-letter" in res.output
    assert not list(tmp_path.rglob("*.pdf"))  # refused before anything is built


def test_impose_with_the_press_profile_is_refused(project, tmp_path):
    res = run("build", "--length", "booklet", "--paper", "a5", "--lang", "en", "--out", str(tmp_path),
              "--profile", "press", "--impose", "saddle")  # fmt: skip
    assert res.exit_code == 2
    assert "a print shop imposes press files itself" in res.output
    assert "Traceback" not in res.output
    assert not list(tmp_path.rglob("*.pdf"))


def test_paper_no_length_has(project):
    res = run("build", "--length", "flyer", "--paper", "a5")
    assert res.exit_code == 1
    assert "layout `flyer` has no `a5` version" in res.output


@pytest.mark.parametrize("paper", ["half-letter", "a5"])
def test_every_brand_and_language_imposes_even_when_the_back_cover_takes_two_pages(tmp_path, paper):
    """harbor-light's `notes` push its small back cover onto a second page; the padding must count both.

    It used to assume one back-cover page and stop with "21 pages is not a multiple of 4".
    """
    from tests.conftest import ROOT

    out = tmp_path / "dist"
    res = run("build", "--project", str(ROOT), "--length", "booklet", "--paper", paper, "--impose", "saddle",
              "--lang", "en", "--out", str(out), "-q")  # fmt: skip
    assert res.exit_code == 0, res.output
    res = run("build", "--project", str(ROOT), "--length", "booklet", "--paper", paper, "--impose", "saddle",
              "--lang", "ar", "--out", str(out), "-q")  # fmt: skip
    assert res.exit_code == 0, res.output
    built = sorted(out.rglob(f"booklet-{paper}.pdf"))
    assert {(p.parts[-3], p.parts[-2]) for p in built} == {(b, lang) for b in ("default", "harbor-light")
                                                             for lang in ("en", "ar")}  # fmt: skip
    back_pages = []
    for path in built:
        text = pages_text(path)
        n = len(text)
        assert n % 4 == 0, f"{path}: {n} pages"
        with pikepdf.open(path.with_name(f"booklet-{paper}-saddle.pdf")) as imposed:
            assert len(imposed.pages) == n // 2
        # the back cover closes the booklet: the pages after the last one with a "Page X of N" footer
        footed = [i for i, t in enumerate(text, 1) if re.search(rf"(Page|الصفحة) {i} (of|من) {n}\b", t)]
        back = n - footed[-1]
        assert back >= 1 and "988" in " ".join(text[-back:]), path  # the crisis lines are on it
        back_pages.append(back)
    if paper == "half-letter":  # on A5 the shared back-cover blocks (issue 15) now fit one page
        assert max(back_pages) >= 2  # at least one brand's back cover takes two pages: what the padding missed


def test_a_booklet_too_large_to_impose_is_a_located_error_before_anything_is_built(project, tmp_path):
    """A page wider than half the sheet used to end in a bare ValueError traceback after the build."""
    res = run("build", "--length", "booklet", "--paper", "a5", "--lang", "en", "--brand", "default",
              "--out", str(tmp_path), "--impose", "saddle", "--set", "layout.trim.a5=[6.5in, 9in]")  # fmt: skip
    assert res.exit_code == 1
    assert "Traceback" not in res.output and "ValueError" not in res.output
    assert "--set layout.trim.a5: error: --impose saddle: the a5 booklet cannot be imposed" in res.output
    assert "a 6.50 × 9.00 in page does not fit half of a 11.69 × 8.27 in sheet" in res.output
    assert "fix: make the a5 page at most 5.85 × 8.27 in (`trim.a5`)" in res.output
    assert not list(tmp_path.rglob("*.pdf"))  # refused up front: no booklet, no partial imposed file


def test_a_project_layout_too_large_to_impose_points_at_its_trim_line(project, tmp_path):
    from tests.conftest import ROOT

    layouts = project / "layouts"
    layouts.mkdir()
    text = (ROOT / "src/brochure/layouts/booklet.yaml").read_text().replace("$schema=../../../schema/", "$schema=../")
    text += "trim:\n  half-letter: [6in, 8.5in]\n"
    (layouts / "booklet.yaml").write_text(text)
    line = text.splitlines().index("  half-letter: [6in, 8.5in]") + 1
    res = run("build", "--length", "booklet", "--paper", "half-letter", "--lang", "en", "--brand", "default",
              "--out", str(tmp_path), "--impose", "saddle")  # fmt: skip
    assert res.exit_code == 1, res.output
    assert f"layouts/booklet.yaml:{line}:" in res.output
    assert "cannot be imposed: a 6.00 × 8.50 in page does not fit half of a 11.00 × 8.50 in sheet" in res.output
    assert not list(tmp_path.rglob("*.pdf"))


def test_an_arabic_booklet_imposes_for_a_right_hand_spine(project, tmp_path):
    """Outer sheet (1 | n): the cover on the left of the fold, so the folded booklet opens the Arabic way.

    Each half of each sheet side is identified by the page whose text it holds;
    it used to be the English order (n | 1), (2 | n − 1).
    """
    out = tmp_path / "dist"
    res = run("build", "--length", "booklet", "--paper", "half-letter", "--lang", "ar", "--brand", "default",
              "--out", str(out), "--impose", "saddle", "-q")  # fmt: skip
    assert res.exit_code == 0, res.output
    booklet = out / "default/ar/booklet-half-letter.pdf"
    imposed = out / "default/ar/booklet-half-letter-saddle.pdf"
    src = [squash(t) for t in pages_text(booklet)]
    n = len(src)
    assert n % 4 == 0 and len(set(src)) == n  # every page tells itself apart by its text

    def page_of(text: str) -> int:
        return src.index(squash(text)) + 1

    found = [(page_of(left), page_of(right)) for left, right in halves(imposed)]
    want = []
    for s in range(n // 4):
        want += [(2 * s + 1, n - 2 * s), (n - 2 * s - 1, 2 * s + 2)]  # front (odd | even), back mirrored
    assert found == want
    assert found[:2] == [(1, n), (n - 1, 2)]
    # the footers agree: the right half of the outer back side is page 2
    assert re.search(rf"الصفحة 2 من {n}", halves(imposed)[1][1])
    for path in (booklet, imposed):
        with pikepdf.open(path) as pdf:
            assert pdf.Root.ViewerPreferences.Direction == "/R2L", path
    with pikepdf.open(booklet) as pdf:
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True  # the tagging step's preference stays


def test_a_left_to_right_booklet_keeps_the_left_hand_spine_and_no_direction(project, tmp_path):
    out = tmp_path / "dist"
    res = run("build", "--length", "booklet", "--paper", "a5", "--lang", "en", "--brand", "default",
              "--out", str(out), "--impose", "saddle", "-q")  # fmt: skip
    assert res.exit_code == 0, res.output
    imposed = out / "default/en/booklet-a5-saddle.pdf"
    first = halves(imposed)[0]
    assert squash(first[1]) == squash(pages_text(out / "default/en/booklet-a5.pdf")[0])  # cover on the right
    with pikepdf.open(imposed) as pdf:
        assert "/ViewerPreferences" not in pdf.Root
