"""Tagged PDF/UA-1: every handout checked by an independent checker, and its structure tree walked.

`outloud` (PyPI, Apache-2.0; rules calibrated against veraPDF) checks every
PDF of the default build. The tree itself is read with pikepdf
(`tests/structread.py`): element types, their order against the content
YAML, alternative texts, links and their annotations, the tri-fold's reading
order, Arabic in logical order, and every painted thing inside marked content.
"""

from __future__ import annotations

import re
from collections import Counter

import pikepdf
import pytest

from brochure.inputs.project import Project
from brochure.render.story import printed_address
from brochure.text.inline import plain
from tests.conftest import ROOT, default_build_size, run
from tests.structread import Node, outloud, tree, unmarked_painting

PROJECT = Project(ROOT)

# Warnings the checker may still give, each judged by a person (see README, "Accessibility"):
ACCEPTED_WARNINGS = {
    # Arabic letters drawn in their joined forms: several glyphs of one letter map to that letter
    # (U+0644 for every lam), which is right; the rule expects one glyph per character.
    "TXT-004",
    # The booklet's padding pages each start with a "Notes" heading; they are pages to write on.
    "PAG-001",
}


def letters(text: str) -> str:
    """Letters and digits only: headings compared with the YAML whatever the hyphenation and spacing."""
    return re.sub(r"[\W_]", "", plain(text).replace("\u00ad", "")).lower()


@pytest.fixture(scope="module")
def checked(built) -> dict[str, dict]:
    """outloud's JSON report for every PDF of the default build, run once."""
    by_path = outloud([str(p) for _, p in sorted(built.items())])
    return {name: by_path[str(p)] for name, p in built.items()}


def test_every_pdf_of_the_default_build_passes_the_pdf_ua_checker_with_zero_errors(built, checked):
    assert len(checked) == len(built) == default_build_size()
    errors = {
        name: [f"{f['rule']} p.{f.get('page')}: {f['message']}" for f in r["findings"] if f["severity"] == "error"]
        for name, r in checked.items()
    }
    assert {n: e for n, e in errors.items() if e} == {}
    assert all(not r.get("error") for r in checked.values())  # the checker read every file


def test_only_warnings_a_person_has_judged_remain(checked):
    found = Counter(f["rule"] for r in checked.values() for f in r["findings"] if f["severity"] == "warning")
    assert set(found) <= ACCEPTED_WARNINGS, found


def test_every_painted_thing_is_tagged_content_or_an_artifact(built):
    for name, path in built.items():
        with pikepdf.open(path) as pdf:
            assert unmarked_painting(pdf) == [], name


def test_document_level_entries(built):
    for name, path in built.items():
        with pikepdf.open(path) as pdf:
            root = pdf.Root
            assert root.MarkInfo.Marked is True, name
            assert root.ViewerPreferences.DisplayDocTitle is True, name
            lang = name.split("/")[1]
            assert str(root.Lang) == lang, name
            assert str(root.StructTreeRoot.K.S) == "/Document", name
            xmp = root.Metadata.read_bytes().decode()
            assert "<pdfuaid:part>1</pdfuaid:part>" in xmp and "<dc:title>" in xmp, name
            for page in pdf.pages:
                assert "/StructParents" in page.obj, name
                if "/Annots" in page.obj:
                    assert page.obj.Tabs == "/S", name


def headings(root: Node) -> list[Node]:
    return [n for n in root.walk() if re.fullmatch(r"H[1-6]", n.role)]


def test_headings_start_at_h1_and_never_skip_a_level(built):
    for name, path in built.items():
        root, _ = tree(path)
        levels = [int(h.role[1]) for h in headings(root)]
        assert levels[0] == 1 and levels.count(1) == 1, (name, levels)
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), (name, levels)


@pytest.mark.parametrize("lang", ["en", "ar", "zh-Hans"])
def test_booklet_h2s_are_the_sections_in_content_order_then_the_back_matter(built, lang):
    handout = PROJECT.load_handout(lang)
    ui = handout.language.ui
    root, _ = tree(built[f"default/{lang}/booklet-letter.pdf"])
    h = headings(root)
    assert h[0].role == "H1" and letters(h[0].text) == letters(handout.text.title)
    h2 = [letters(n.text) for n in h if n.role == "H2"]
    assert h2[0] == letters(handout.text.essentials.title)  # the safety box opens the booklet
    h2 = h2[1:]
    sections = [letters(s.title) for _, s in handout.sections]
    assert h2[: len(sections)] == sections
    rest = [ui.questions_title, ui.glossary_title, ui.sources_title, ui.contact_title]
    after = h2[len(sections) :]
    padding = {letters(ui.record_title), letters(ui.card_title)}  # the pages that reach a multiple of four
    expected = [letters(t) for t in rest] + [letters(handout.language.crisis.title)]
    assert [t for t in after if t not in padding] == expected
    sources, contact = after.index(letters(ui.sources_title)), after.index(letters(ui.contact_title))
    assert all(sources < i < contact for i, t in enumerate(after) if t in padding)  # after the sources, before the back


@pytest.mark.parametrize("name", ["default/en/trifold-letter.pdf", "default/en/trifold-a4.pdf"])
def test_trifold_reads_front_cover_then_inside_panels_then_back(built, name):
    handout = PROJECT.load_handout("en")
    root, _ = tree(built[name])
    order = [letters(n.text) for n in root.kids]
    title = order.index(letters(handout.text.title))
    sections = [order.index(letters(s.title)) for _, s in handout.sections]
    contact = order.index(letters(handout.language.ui.contact_title))
    assert title < sections[0]  # the front cover first
    assert sections == sorted(sections)  # the flap (introduction), then the inside panels, in YAML order
    assert sections[-1] < order.index(letters(handout.language.ui.questions_title)) < contact  # the back last
    assert root.kids[title].role == "H1"
    assert all(root.kids[i].role == "H2" for i in sections)


def test_key_points_are_lists_of_items_with_label_and_body(built):
    handout = PROJECT.load_handout("en")
    root, _ = tree(built["default/en/booklet-letter.pdf"])
    lists = root.find("L")
    first = handout.sections[0][1].key_points
    match = [lst for lst in lists if [letters(li.text) for li in lst.find("LBody")] == [letters(k) for k in first]]
    assert match, "the first section's key points are not one L"
    for li in match[0].kids:
        assert li.role == "LI" and [k.role for k in li.kids] == ["Lbl", "LBody"]
        assert li.kids[0].text == "•"
    for lst in lists:
        assert lst.kids and all(k.role == "LI" for k in lst.kids)


@pytest.mark.parametrize("brand", ["default", "harbor-light"])
def test_the_qr_code_is_a_figure_saying_where_it_leads_and_the_logo_beside_the_name_an_artifact(built, brand):
    """The logo is always printed beside the clinic's name: as a Figure, a reader heard the name twice."""
    loaded = PROJECT.load_brand(brand)
    website = loaded.brand.contact.website
    for length in ("flyer", "trifold", "booklet"):
        root, _ = tree(built[f"{brand}/en/{length}-letter.pdf"])
        alts = [f.alt for f in root.find("Figure")]
        assert not any(a and "logo" in a for a in alts), (length, alts)
        assert any(a and "QR code" in a and website in a for a in alts), (length, alts)
        said = [n.text for n in root.walk() if n.kids == [] and n.text]
        assert any(loaded.brand.name in t for t in said), (length, "the clinic's name is still read")
        for f in root.find("Figure"):
            assert len(f.obj.A.BBox) == 4


def test_a_figure_whose_alt_is_not_translated_is_tagged_english():
    from brochure.inputs.models import UIStrings
    from brochure.render.story import alt_text

    class Ctx:  # what alt_text reads: a Vietnamese handout whose language file lacks qr_alt
        handout = PROJECT.load_handout("vi")
        ui = UIStrings()

    assert alt_text(Ctx, "qr_alt", url="https://x.example") == ("QR code that opens https://x.example", "en")
    Ctx.ui = PROJECT.load_handout("vi").language.ui
    assert alt_text(Ctx, "qr_alt", url="https://x.example") == ("Mã QR mở https://x.example", None)


@pytest.mark.parametrize("length", ["flyer", "trifold", "booklet"])
def test_website_and_email_are_link_elements_with_their_annotations(built, length):
    loaded = PROJECT.load_brand("harbor-light")
    contact = loaded.brand.contact
    path = built[f"harbor-light/en/{length}-letter.pdf"]
    root, pdf = tree(path)
    links = root.find("Link")
    uris = {str(a.A.URI): (link, a) for link in links for a in link.annots}
    assert set(uris) == {contact.website, f"mailto:{contact.email}"}
    nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
    parents = dict(zip(nums[::2], nums[1::2], strict=True))
    for uri, (link, annot) in uris.items():
        printed = printed_address(uri.removeprefix("mailto:"))  # as print shows it: no https://
        assert letters(link.text) == letters(printed)  # the link's own text is the address
        assert str(annot.Contents) == printed
        assert parents[int(annot.StructParent)].objgen == link.obj.objgen  # the ParentTree points back
        assert int(annot.F) & 4  # printed
        page = next(p for p in pdf.pages if any(a.objgen == annot.objgen for a in p.obj.get("/Annots", [])))
        assert page.obj.Tabs == "/S"


def test_arabic_reads_in_logical_order_in_the_structure_tree(built):
    handout = PROJECT.load_handout("ar")
    root, _ = tree(built["default/ar/booklet-letter.pdf"])
    texts = [n.text for n in root.find("H2")]
    for _, section in handout.sections:
        assert plain(section.title) in texts  # letters in logical order, not reversed, not presentation forms
    body = " ".join(n.text for n in root.find("P"))
    assert plain(handout.sections[0][1].summary) in body


def test_the_unreviewed_translation_notice_is_read_once_first(built):
    ui = PROJECT.load_handout("es").language.ui
    for length in ("flyer", "trifold", "booklet"):
        root, _ = tree(built[f"default/es/{length}-letter.pdf"])
        said = [n for n in root.walk() if n.kids == [] and ui.translation_unreviewed in (n.text or "")]
        assert root.kids[0] is said[0], length  # read first
        assert all(ui.draft_unreviewed in n.text for n in said), "the draft notice is read with it"
        # once in every length: the tri-fold used to read it once per side, both copies first, one after the other
        assert len(said) == 1, (length, len(said))


def test_a_paragraph_and_a_list_split_across_pages_stay_one_element_each(tmp_path):
    """Split parts keep their tag: one P with marked content on both pages; one L whose items continue."""
    import io

    from reportlab.lib.colors import black
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import SimpleDocTemplate

    from brochure.media import fonts
    from brochure.pdf import tagging
    from brochure.pdf.finish import finish
    from brochure.render.story import bullets
    from brochure.text.paragraph import Para

    body = PROJECT.load_brand("default").body
    fonts.register(body)  # embedded, with a ToUnicode map, so the text reads back
    style = ParagraphStyle("body", fontName=body.font_name("Regular"), fontSize=12, leading=15, spaceAfter=4)
    styles = {"bullet": style, "body": style}
    words = " ".join(f"word{i}" for i in range(250))
    items = [f"item {i} " + "more words " * 20 for i in range(12)]

    class Palette:
        primary = accent = black

    story = [Para(words, style), bullets(items, styles, Palette)]
    tagger = tagging.Tagger("en")
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=(300, 400), invariant=1, initialFontName=style.fontName)
    doc.build(story, canvasmaker=lambda *a, **k: tagger.attach(Canvas(*a, **k)))
    out = tmp_path / "split.pdf"
    out.write_bytes(finish(buf.getvalue(), None, [tagger.finish_step()]))

    root, pdf = tree(out)
    assert len(pdf.pages) >= 4
    assert [k.role for k in root.kids] == ["P", "L"]
    para, lst = root.kids
    assert len(set(para.pages)) > 1 and letters(para.text) == letters(words)
    assert len(lst.kids) == len(items) and all(li.role == "LI" for li in lst.kids)
    body_pages = {p for li in lst.kids for p in li.find("LBody")[0].pages}
    assert len(body_pages) > 1
    assert [letters(li.find("LBody")[0].text) for li in lst.kids] == [letters(i) for i in items]
    assert unmarked_painting(pdf) == []


def test_a_reading_order_naming_an_unknown_frame_is_refused_at_its_line(project):
    (project / "layouts").mkdir()
    text = (ROOT / "src/brochure/layouts/trifold.yaml").read_text()
    text = text.replace("reading_order: [", "reading_order: [nosuch, ")
    (project / "layouts/trifold.yaml").write_text(text)
    line = next(n for n, s in enumerate(text.splitlines(), 1) if s.startswith("reading_order:"))
    res = run("build", "--length", "trifold", "--lang", "en", "--brand", "default", "--paper", "letter")
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert f"trifold.yaml:{line}:" in res.output and "names frames no page has: nosuch" in res.output
    assert not list(project.rglob("*.pdf"))


@pytest.mark.parametrize("name", ["default/ar/flyer-letter.pdf", "default/ar/booklet-a4.pdf"])
def test_latin_words_in_a_right_to_left_handout_are_spans_in_their_own_language(built, name):
    """Issue 17: "Spravato", "FDA" inside an Arabic sentence carry /Lang en, so a screen reader switches voice;
    the element around them then holds only Spans, so its reading order stays the painting order."""
    root, _ = tree(built[name])
    spans = [n for n in root.find("Span") if n.lang == "en"]
    words = {w for n in spans for w in n.text.split()}
    assert {"Spravato", "FDA"} <= words
    for n in spans:  # Latin letters only (with the spaces and signs between them)
        assert re.fullmatch(r"[A-Za-z0-9&.,'’()\-/: ]+", n.text), n.text
    for parent in root.walk():
        if any(k.role == "Span" and k.lang == "en" for k in parent.kids):
            assert not parent.pages, f"{parent.role} mixes its own content with Spans"
    # a clinic name all in Latin letters is an element in English, not a Span
    assert any(n.role == "P" and n.lang == "en" and n.text == "Your Clinic Name" for n in root.walk())


def test_sources_in_a_translated_booklet_are_tagged_in_the_language_they_are_written_in(built):
    root, _ = tree(built["default/es/booklet-letter.pdf"])
    cites = [n for n in root.find("P") if "doi:" in n.text]
    assert cites and all(n.lang == "en" for n in cites)
    root, _ = tree(built["default/en/booklet-letter.pdf"])
    assert all(n.lang is None for n in root.find("P") if "doi:" in n.text)
