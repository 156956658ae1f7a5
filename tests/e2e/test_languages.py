"""Every language: its titles come out of the PDF, /Lang matches, scripts render, review status shows."""

from __future__ import annotations

import unicodedata

import pytest
from pypdf import PdfReader

from brochure.inputs.project import Project
from brochure.text.inline import plain
from tests.conftest import ROOT, printed_section_ids, run
from tests.pdfread import fonts, render_png, text_pages

PROJECT = Project(ROOT)
LANGS = [lang for lang in PROJECT.languages() if lang != "en"]


def squeeze(text: str) -> str:
    """Extraction may insert or drop spaces between CJK runs; compare without them."""
    return "".join(unicodedata.normalize("NFC", text).split())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("length", ["booklet", "trifold", "flyer"])
def test_titles_lang_and_unreviewed_notice(built, lang, length):
    handout = PROJECT.load_handout(lang)
    path = built[f"default/{lang}/{length}-letter.pdf"]
    reader = PdfReader(path)
    assert reader.trailer["/Root"]["/Lang"] == lang
    text = squeeze(" ".join(text_pages(path)))
    shown = printed_section_ids(length)
    for sid, section in handout.sections:
        if sid in shown:
            assert squeeze(plain(section.title)) in text, section.title
    if handout.language.translation.status != "reviewed":
        notice = squeeze(handout.language.ui.translation_unreviewed)
        assert text.count(notice) >= len(reader.pages), "the unreviewed notice must be on every page"


@pytest.mark.parametrize(("lang", "family"), [("zh-Hans", "NotoSansSC"), ("ko", "NotoSansKR")])
def test_cjk_text_uses_the_script_font_and_latin_stays_in_the_brand_font(built, lang, family):
    found = fonts(built[f"harbor-light/{lang}/booklet-letter.pdf"])
    assert any(family in f for f in found) and any("SourceSans3" in f for f in found)
    assert all(info["embedded"] and info["subset"] for info in found.values())


def test_no_chinese_line_starts_with_closing_punctuation(built):
    closing = set("，。、：；！？）》」』】")
    for length in ("booklet", "trifold", "flyer"):
        for page in text_pages(built[f"default/zh-Hans/{length}-letter.pdf"]):
            for line in page.splitlines():
                assert not (line.strip() and line.strip()[0] in closing), f"line starts with punctuation: {line!r}"


def test_no_cjk_line_ends_with_an_opening_bracket_or_quote(built):
    """Every page of every Chinese, Japanese and Korean PDF: "（" "“" "「" never end a line (18 did before)."""
    from brochure.media import _reportlab

    bad = []
    for key in sorted(k for k in built if k.split("/")[1] in ("zh-Hans", "ja", "ko")):
        for n, page in enumerate(text_pages(built[key]), start=1):
            ends = [ln.strip() for ln in page.splitlines()]
            bad += [f"{key} p{n}: {ln[-12:]}" for ln in ends if ln[-1:] and ln[-1] in _reportlab.CANNOT_END]
    assert not bad, "\n".join(bad)


def test_no_cjk_line_starts_with_a_space(built):
    """Every page of every Chinese, Japanese and Korean PDF, line by line as drawn: a line broken at the space
    before a number ("约 6 到 7 人") began with that space, one blank character in (found by the cold review)."""
    import pymupdf

    bad = []
    for key in sorted(k for k in built if k.split("/")[1] in ("zh-Hans", "ja", "ko")):
        for n, page in enumerate(pymupdf.open(built[key]), start=1):
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    text = "".join(span["text"] for span in line["spans"])
                    if text.strip() and text[0].isspace():
                        bad.append(f"{key} p{n}: {text[:20]!r}")
    assert not bad, "\n".join(bad)


def test_chinese_pages_have_ink_where_text_is_not_boxes(built):
    """A missing glyph draws as an empty box; a rendered CJK page has dense, varied ink."""
    img = render_png(built["default/zh-Hans/booklet-letter.pdf"], 2, scale=1).convert("L")
    dark = sum(img.histogram()[:128])
    assert dark / (img.width * img.height) > 0.03


def test_a_character_no_font_covers_is_refused_with_its_code_point(project):
    path = project / "content/ko/introduction.yaml"
    path.write_text(path.read_text().replace("title: ", "title: \U00013000 ", 1))  # an Egyptian hieroglyph
    res = run("check")
    assert res.exit_code == 1 and "U+13000" in res.output and "content/ko/introduction.yaml:" in res.output


def test_require_reviewed_refuses_machine_drafts(project):
    res = run("build", "--lang", "ko", "--length", "flyer", "--require-reviewed")
    assert res.exit_code == 1 and "not reviewed" in res.output
    assert not (project / "dist").exists() or not list((project / "dist").rglob("*.pdf"))


@pytest.mark.parametrize("lang", LANGS)
def test_the_unreviewed_notice_keeps_its_descenders_out_of_the_trifold_safe_zone(built, lang):
    from tests.render.test_lengths import SAFE, glyphs

    path = built[f"default/{lang}/trifold-letter.pdf"]
    for page in (0, 1):
        lowest = min(bottom for _, _, bottom, _, _ in glyphs(path, page))
        assert lowest >= SAFE - 0.5, f"a glyph reaches {SAFE - lowest:.1f} pt into the bottom safe zone"


def test_running_text_hyphenates_only_where_the_language_asks(built):
    """No word is split across lines in English (a split word slows a hurried or anxious reader: the cold
    review flagged "depres-sion"); Polish asks for hyphenation (`hyphenate: true`), long words only."""
    import re

    def broken(key: str) -> list[tuple[str, str]]:
        text = "\n".join(text_pages(built[key]))
        return re.findall(r"(\w+)\u00ad\n(\w+)", text)  # the hyphen a line break adds is drawn as U+00AD

    assert not broken("harbor-light/en/booklet-letter.pdf")
    polish = broken(next(k for k in sorted(built) if k.startswith("default/pl/booklet-")))
    assert polish, "Polish body text should hyphenate long words"
    assert all(len(a + b) >= 9 for a, b in polish), polish
    from brochure.render.plan import hyphenation_language

    assert hyphenation_language("es") and hyphenation_language("ru") and not hyphenation_language("zh-Hans")
