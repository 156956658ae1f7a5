"""Open the built booklets and check what a reader (and a printer) would meet."""

from __future__ import annotations

import re

import pytest
import zxingcpp
from pypdf import PdfReader

from brochure.inputs.project import Project
from brochure.text.inline import plain
from tests.conftest import ROOT, printed_handout
from tests.pdfread import flat, fonts, outline_titles, render_png, text_pages

EXPECTED = ["default/en/booklet-letter.pdf", "default/en/booklet-a4.pdf", "harbor-light/en/booklet-letter.pdf"]


@pytest.fixture(scope="module")
def handout():
    return printed_handout("en")


def test_the_default_build_writes_every_brand_language_length_and_paper(built):
    expected = [
        f"{brand}/{lang}/{length}-{paper}.pdf"
        for brand, papers in (("default", ("letter", "a4")), ("harbor-light", ("letter",)))
        for lang in Project(ROOT).languages()
        for length in ("booklet", "flyer", "trifold")
        for paper in papers
    ]
    assert sorted(built) == sorted(expected)


@pytest.mark.parametrize("name", EXPECTED)
def test_section_titles_and_key_points_appear_in_order(built, handout, name):
    text = flat(" ".join(text_pages(built[name])))
    pos = 0
    for _, section in handout.sections:
        for phrase in [section.title, *section.key_points]:
            needle = flat(plain(phrase))
            found = text.find(needle, pos)
            assert found >= 0, f"{needle!r} missing or out of order in {name}"
            pos = found + len(needle)


@pytest.mark.parametrize("name", EXPECTED)
def test_page_count_is_a_multiple_of_four_with_numbered_pages(built, name):
    pages = text_pages(built[name])
    assert len(pages) % 4 == 0 and len(pages) >= 8
    total = len(pages)
    # running footers on inner pages say "Page X of Y" with the real total
    for i in (1, total - 2):
        assert f"Page {i + 1} of {total}" in pages[i]


@pytest.mark.parametrize("name", EXPECTED)
def test_fonts_are_embedded_and_subset_and_no_base14_font_is_referenced(built, name):
    found = fonts(built[name])
    assert found, "no fonts found"
    for font, info in found.items():
        assert info["embedded"], f"{font} is not embedded"
        assert info["subset"], f"{font} is not subset"
    assert not any(re.search(r"Helvetica|Times|Courier|Symbol|ZapfDingbats", f) for f in found)


def test_brand_fonts_are_the_ones_used(built):
    assert any("NotoSans" in f for f in fonts(built["default/en/booklet-letter.pdf"]))
    assert any("SourceSans3" in f for f in fonts(built["harbor-light/en/booklet-letter.pdf"]))


@pytest.mark.parametrize("name", EXPECTED)
def test_metadata_language_title_and_outline(built, handout, name):
    reader = PdfReader(built[name])
    meta = reader.metadata
    assert meta.title == handout.manifest.title
    assert meta.author in ("Your Clinic Name", "Harbor Light Behavioral Health")
    assert meta.subject.startswith(plain(handout.manifest.main_message)[:40])
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True
    titles = outline_titles(built[name])
    assert [s.title for _, s in handout.sections] == [t for t in titles if t in {s.title for _, s in handout.sections}]
    assert "Questions to ask your care team" in titles and "Sources" in titles


@pytest.mark.parametrize(("name", "size"), [(EXPECTED[0], (612, 792)), (EXPECTED[1], (595.28, 841.89))])
def test_paper_size(built, name, size):
    box = PdfReader(built[name]).pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == size


def test_back_cover_has_contact_qr_crisis_line_review_and_disclaimer(built, handout):
    last = flat(text_pages(built["harbor-light/en/booklet-letter.pdf"])[-1])
    for phrase in [
        "Harbor Light Behavioral Health",
        "(207) 555-0142",
        "Call or text 988",
        "In an emergency, call 911",
        "Version 2.0",
        handout.language.ui.draft_unreviewed,
        plain(handout.manifest.disclaimer)[:50],
    ]:
        assert phrase in last
    # the QR code is vector art: render the page and decode it, as a phone would
    img = render_png(
        built["harbor-light/en/booklet-letter.pdf"],
        len(PdfReader(built["harbor-light/en/booklet-letter.pdf"]).pages) - 1,
        scale=2,
    )
    codes = zxingcpp.read_barcodes(img)
    assert [c.text for c in codes] == ["https://harborlight.example/ketamine"]


@pytest.mark.parametrize("length", ["flyer", "trifold"])
def test_fixed_lengths_carry_a_qr_code_that_decodes_to_the_website(built, length):
    pdf = built[f"default/en/{length}-letter.pdf"]
    found = []
    for n in range(len(PdfReader(pdf).pages)):
        found += [c.text for c in zxingcpp.read_barcodes(render_png(pdf, n, scale=2))]
    assert found == ["https://example.org"]


def test_questions_page_has_room_to_write(built, handout):
    pages = text_pages(built["default/en/booklet-letter.pdf"])
    questions = [q for _, s in handout.sections for b in s.body if b.kind == "questions" for q in b.questions]
    idx = next(i for i, p in enumerate(pages) if flat(plain(questions[0])) in flat(p))
    assert questions and all(flat(plain(q)) in flat(pages[idx]) for q in questions)
    img = render_png(built["default/en/booklet-letter.pdf"], idx, scale=1).convert("L")
    # ruled writing lines: many rows that are mostly grey across the text column (which keeps to the spine,
    # on either side: 30-70 % of the width is inside it on both a left and a right page)
    w, _ = img.size
    ruled = sum(
        1
        for y in range(img.height)
        if sum(1 for x in range(int(w * 0.3), int(w * 0.7), 4) if img.getpixel((x, y)) < 200) > 0.9 * (w * 0.4 / 4)
    )
    assert ruled >= 8


def test_cover_shows_title_logo_and_brand_colour(built, handout):
    path = built["harbor-light/en/booklet-letter.pdf"]
    first = flat(text_pages(path)[0])
    assert "Harbor Light Behavioral Health" in first
    assert handout.manifest.title in first and handout.manifest.subtitle in first
    img = render_png(path, 0, scale=0.5)
    w, h = img.size
    # the primary colour band (#0B5C7A) spans the page width
    r, g, b = img.getpixel((w // 2, int(h * 0.2)))
    assert abs(r - 0x0B) < 8 and abs(g - 0x5C) < 8 and abs(b - 0x7A) < 8
    page = PdfReader(path).pages[0]
    assert any(o.get("/Subtype") == "/Image" for o in page["/Resources"]["/XObject"].values())


def test_two_builds_give_identical_bytes(tmp_path):
    from tests.conftest import run

    outs = []
    for n in range(2):
        out = tmp_path / str(n)
        res = run("build", "--project", str(ROOT), "--brand", "harbor-light", "--out", str(out))
        assert res.exit_code == 0, res.output
        outs.append((out / "harbor-light/en/booklet-letter.pdf").read_bytes())
    assert outs[0] == outs[1]


def test_no_heading_is_the_last_thing_on_a_page(built, handout):
    """A section or sub-heading never sits alone at the bottom of a page."""
    headings = {plain(s.title) for _, s in handout.sections}
    headings |= {plain(b.heading) for _, s in handout.sections for b in s.body if b.kind == "heading"}
    for name in EXPECTED:
        for page in text_pages(built[name]):
            lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
            body = [ln for ln in lines if not re.match(r"^Page \d+ of \d+$", ln)]
            if body:
                assert body[-1] not in headings, f"heading {body[-1]!r} ends a page in {name}"


@pytest.mark.parametrize("name", ["default/en/booklet-letter.pdf", "default/ar/booklet-letter.pdf"])
def test_the_page_number_is_centred_under_the_text_column(built, name):
    """The column keeps to the spine and the outer margin is wide: centred on the page, 'Page 3 of 20' looked
    off-centre (the cold review). Centred on the column of each page of running text, either side."""
    import pymupdf

    from brochure.render import plan

    lang = name.split("/")[1]
    layout = Project(ROOT).load_layout("booklet")[0]
    g = plan.geometry(layout.for_script("Arab") if lang == "ar" else layout, "letter")
    doc = pymupdf.open(built[name])
    checked = 0
    for page in list(doc)[2:8]:  # pages 3 to 8: running text, both sides
        number = page.number + 1
        foot = [
            (line["bbox"][0], line["bbox"][2])
            for block in page.get_text("dict")["blocks"]
            for line in block.get("lines", [])
            if line["bbox"][1] > page.rect.height - g.bottom + 12  # below the notice strip: the page number
        ]
        left, right = min(a for a, _ in foot), max(b for _, b in foot)
        spine_left = bool(number % 2) != (lang == "ar")
        column = g.inner if spine_left else g.width - g.inner - g.text_width
        assert abs((left + right) / 2 - (column + g.text_width / 2)) < 3, (number, left, right, column)
        checked += 1
    assert checked == 6


@pytest.mark.parametrize("name", [*EXPECTED, "default/ar/booklet-letter.pdf", "harbor-light/ja/booklet-letter.pdf"])
def test_every_bookmark_opens_the_page_its_heading_is_on(built, name):
    """The booklet's canvas holds each page until the end ('Page X of Y'), so ReportLab marked every bookmark
    on the page it was writing then, the first: all ten opened the cover. Each must open its heading's page."""
    from pypdf import PdfReader

    reader = PdfReader(built[name])
    pages = text_pages(built[name])
    entries = [o for o in reader.outline if not isinstance(o, list)]
    assert len(entries) >= 8
    for entry in entries:
        page = reader.get_destination_page_number(entry)
        title = flat(entry.title)
        here = flat(pages[page])
        assert title[:12] in here or title[:12][::-1] in here, (entry.title, page + 1)
    assert len({reader.get_destination_page_number(o) for o in entries}) >= 6  # the chapters are pages apart
