"""The script registry and the one shaping path, with Hindi (Devanagari, left to right, shaped) as its proof.

Devanagari text is built in a temporary copy of the project, as a language `mr` (Hindi ships as `hi`;
this keeps the test independent of its wording): a few Hindi sentences in an
otherwise English handout, for the harbor-light brand, whose Source Sans 3 has
no Devanagari, so Mukta (rendercv-fonts), the language's fallback font, draws it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pikepdf
import pytest
import uharfbuzz as hb
from fontTools.ttLib import TTFont

from brochure.text import scripts
from tests.conftest import copy_project, run
from tests.pdfread import flat, text_pages

TITLE = "क्षमा कि चिकित्सा"  # क्ष: a conjunct; कि: ि is drawn before क; चिकित्सा: what issue 17 saw printed "चकिति्सा"
SUBTITLE = "यह जानकारी आपके डॉक्टर से बात करने में मदद करती है।"


def mukta(style: str) -> Path:
    import rendercv_fonts

    return Path(rendercv_fonts.__file__).parent / "Mukta" / f"Mukta-{style}.ttf"


def harfbuzz_gids(text: str, path: Path) -> list[int]:
    font = hb.Font(hb.Face(hb.Blob.from_file_path(str(path))))
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, {"kern": True, "liga": True})
    return [i.codepoint for i in buf.glyph_infos]


def hindi_project(root: Path, fallback: str = "Mukta") -> Path:
    """The shipped project plus a language `hi` whose title and subtitle are Hindi."""
    copy_project(root)
    res = subprocess.run(
        ["brochure", "new-language", "mr", "--name", "मराठी", "--project", str(root)], capture_output=True, text=True
    )
    assert res.returncode == 0, res.stdout + res.stderr
    path = root / "content/mr/language.yaml"
    text = path.read_text()
    assert "direction:" not in text  # it comes from the script of the text
    text = text.replace("translation:\n", f"fallback_fonts: [{fallback}]\ntranslation:\n", 1)
    text = text.replace("  title: Ketamine-Assisted Therapy\n", f"  title: {TITLE}\n", 1)
    text = text.replace("  subtitle: What to know before you start\n", f"  subtitle: {SUBTITLE}\n", 1)
    assert TITLE in text and SUBTITLE in text
    path.write_text(text)
    return root


@pytest.fixture(scope="module")
def hindi_pdf(tmp_path_factory) -> Path:
    root = hindi_project(tmp_path_factory.mktemp("mr") / "proj")
    out = root / "dist"
    res = subprocess.run(
        ["brochure", "build", "--project", str(root), "--lang", "mr", "--length", "flyer", "--brand", "harbor-light"]
        + ["--paper", "letter", "--out", str(out), "-q"],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    return out / "harbor-light/mr/flyer-letter.pdf"


def drawn_glyphs(path: Path) -> dict[str, list[int]]:
    """Glyph ids drawn with each glyph-id (Type0) font, in content-stream order, by the font's BaseFont."""
    out: dict[str, list[int]] = {}
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            fonts = page.Resources.Font
            current = None
            for operands, op in pikepdf.parse_content_stream(page):
                if op == pikepdf.Operator("Tf"):
                    font = fonts[str(operands[0])]
                    current = None
                    if font.Subtype == "/Type0":
                        gid_map = font.DescendantFonts[0].CIDToGIDMap.read_bytes()
                        current = (str(font.BaseFont).split("+", 1)[1], gid_map)
                elif op == pikepdf.Operator("TJ") and current is not None:
                    name, gid_map = current
                    for item in operands[0]:
                        if isinstance(item, pikepdf.String):
                            data = bytes(item)
                            for k in range(0, len(data), 2):
                                cid = int.from_bytes(data[k : k + 2], "big")
                                out.setdefault(name, []).append(int.from_bytes(gid_map[2 * cid : 2 * cid + 2], "big"))
    return out


def contains(seq: list[int], part: list[int]) -> bool:
    return any(seq[i : i + len(part)] == part for i in range(len(seq) - len(part) + 1))


# ---------------------------------------------------------------- the registry


def test_registry_has_one_entry_per_script_with_what_printing_needs():
    for code, s in scripts.SCRIPTS.items():
        assert s.code == code and s.direction in ("ltr", "rtl") and s.line_break in ("space", "cjk", "dictionary")
        assert s.fonts and s.opentype and all(len(t) == 4 for t in s.opentype)
        assert s.name  # fontTools knows the code
    for code in ("Beng", "Guru", "Gujr", "Taml", "Thai", "Khmr", "Hebr", "Arab", "Deva"):  # issue 17's list
        assert scripts.SCRIPTS[code].shaping
    assert scripts.SCRIPTS["Hebr"].direction == "rtl" and scripts.SCRIPTS["Thai"].line_break == "dictionary"
    assert scripts.SCRIPTS["Arab"].direction == "rtl" and scripts.SCRIPTS["Arab"].shaping
    assert scripts.SCRIPTS["Deva"].direction == "ltr" and scripts.SCRIPTS["Deva"].shaping
    assert scripts.SCRIPTS["Hani"].line_break == "cjk" and not scripts.SCRIPTS["Latn"].shaping


def test_the_main_script_and_shaping_come_from_the_text():
    assert scripts.main_script(["Spravato", SUBTITLE]).code == "Deva"  # a Latin drug name does not decide
    assert scripts.main_script(["العلاج بمساعدة الكيتامين (Spravato)"]).direction == "rtl"
    assert scripts.main_script(["988, 911"]).code == "Latn"  # digits only: Latin, the default
    assert scripts.needs_shaping("कि") and scripts.needs_shaping("اسمه") and not scripts.needs_shaping("Привет 中文")
    assert scripts.unknown("བོད་ཡིག and English") == ["Tibt"] and scripts.unknown("ภาษาไทย") == []
    assert scripts.needs_shaping("বাংলা") and scripts.needs_shaping("עברית") and scripts.needs_shaping("தமிழ்")
    # Latin: only a combining mark NFC cannot fold (Yoruba ẹ́ = ẹ + U+0301) needs the font's mark positioning
    assert scripts.needs_shaping("ẹ́ṣẹ́") and not scripts.needs_shaping("e\u0301te\u0301")
    assert not scripts.needs_shaping("été")


def test_font_shaping_tables_are_read_from_gsub():
    assert {"dev2", "deva"} <= scripts.font_scripts(str(mukta("Regular")))
    assert scripts.font_shapes(str(mukta("Regular")), scripts.SCRIPTS["Deva"])
    assert not scripts.font_shapes(str(mukta("Regular")), scripts.SCRIPTS["Arab"])


# ---------------------------------------------------------------- Hindi, built and read back


def test_hindi_is_drawn_with_harfbuzz_glyphs_in_visual_order(hindi_pdf):
    drawn = drawn_glyphs(hindi_pdf)
    bold, regular = drawn.get("Mukta-Bold", []), drawn.get("Mukta-Regular", [])
    assert contains(bold, harfbuzz_gids(TITLE, mukta("Bold"))), "the title is not HarfBuzz's glyph sequence"
    assert contains(regular, harfbuzz_gids(SUBTITLE, mukta("Regular")))
    # कि: the vowel sign ि (U+093F) is drawn before क (U+0915), not in code point order
    font = TTFont(mukta("Bold"))
    cmap = {cp: font.getGlyphID(name) for cp, name in font.getBestCmap().items()}
    ka, i_sign = cmap[0x915], cmap[0x93F]
    expected = harfbuzz_gids("कि", mukta("Bold"))
    assert expected == [i_sign, ka]
    assert contains(bold, expected) and not contains(bold, [ka, i_sign])
    # क्ष is one conjunct glyph, not क + virama + ष
    assert len(harfbuzz_gids("क्ष", mukta("Bold"))) == 1 and not contains(bold, [ka, cmap[0x94D], cmap[0x937]])


def test_hindi_text_extraction_gives_back_the_hindi(hindi_pdf):
    text = flat(text_pages(hindi_pdf)[0])
    assert TITLE in text and SUBTITLE in text
    if shutil.which("pdftotext"):  # poppler: puts a space where a glyph maps to nothing
        out = subprocess.run(["pdftotext", str(hindi_pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert TITLE in flat(out) and SUBTITLE in flat(out)


def test_hindi_title_is_tagged_with_its_text_in_reading_order(hindi_pdf):
    with pikepdf.open(hindi_pdf) as pdf:
        actual = []

        def walk(node) -> None:
            if isinstance(node, pikepdf.Dictionary):
                if "/ActualText" in node:
                    actual.append(str(node.ActualText))
                for kid in node.get("/K", []) if isinstance(node.get("/K"), pikepdf.Array) else [node.get("/K")]:
                    walk(kid)

        walk(pdf.Root.StructTreeRoot)
    assert TITLE in actual and SUBTITLE in actual


# ---------------------------------------------------------------- never unshaped, never an unknown script


def _no_pdf(root: Path) -> bool:
    return not list(root.rglob("*.pdf"))


def test_a_font_without_the_scripts_shaping_tables_is_a_located_error(tmp_path, monkeypatch):
    root = hindi_project(tmp_path / "proj", fallback="Mukta Plain")
    family = root / "assets/fonts/Mukta Plain"
    family.mkdir(parents=True)
    for style in ("Regular", "Bold"):
        font = TTFont(mukta(style))
        records = font["GSUB"].table.ScriptList.ScriptRecord
        font["GSUB"].table.ScriptList.ScriptRecord = [r for r in records if r.ScriptTag not in ("dev2", "deva")]
        font["GSUB"].table.ScriptList.ScriptCount = len(font["GSUB"].table.ScriptList.ScriptRecord)
        font.save(family / f"MuktaPlain-{style}.ttf")
    shutil.copy(mukta("Regular").parent / "OFL.txt", family / "OFL.txt")
    monkeypatch.chdir(root)
    res = run("build", "--lang", "mr", "--length", "flyer", "--brand", "harbor-light", "--paper", "letter")
    assert res.exit_code == 1, res.output
    # reported once per font, at the first Devanagari text (the language's own name), with how many more
    first = next(
        n
        for n, t in enumerate((root / "content/mr/language.yaml").read_text().splitlines(), 1)
        if t.startswith("name:")
    )
    for font in ("MuktaPlain-Regular", "MuktaPlain-Bold"):
        assert re.search(rf"content/mr/language\.yaml:{first}:\d+: error: the font {font} ", res.output), res.output
    assert "would draw this Devanagari text unshaped" in res.output and "'dev2' or 'deva'" in res.output
    assert "(and 2 more texts)" in res.output  # the title and the subtitle
    assert "fix: use a font that shapes Devanagari (for example Noto Sans, Mukta)" in res.output
    assert _no_pdf(root)
    assert run("check").exit_code == 1


def _build_with_title_prefix(tmp_path: Path, monkeypatch, prefix: str):
    """Build the English flyer of a project copy whose introduction title starts with `prefix`; (result, line)."""
    root = copy_project(tmp_path / "proj")
    path = root / "content/en/introduction.yaml"
    lines = path.read_text().splitlines(keepends=True)
    n = next(i for i, t in enumerate(lines) if t.startswith("title: "))
    lines[n] = lines[n].replace("title: ", f"title: {prefix} ", 1)
    path.write_text("".join(lines))
    monkeypatch.chdir(root)
    res = run("build", "--lang", "en", "--length", "flyer", "--brand", "default", "--paper", "letter")
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output and _no_pdf(root)
    return res, n + 1


def test_text_in_a_script_the_registry_does_not_know_is_a_located_error(tmp_path, monkeypatch):
    res, line = _build_with_title_prefix(tmp_path, monkeypatch, "བོད་ཡིག")
    said = rf"content/en/introduction\.yaml:{line}:\d+: error: text in the Tibetan script \(Tibt"
    assert re.search(said, res.output)
    assert "add an entry for Tibt to SCRIPTS in brochure/text/scripts.py" in res.output


def test_text_in_a_script_without_spaces_between_words_is_a_located_error(tmp_path, monkeypatch):
    """Thai is in the registry (shaped, its fonts named), but a line of it can break only with a dictionary."""
    res, line = _build_with_title_prefix(tmp_path, monkeypatch, "ภาษาไทย")
    assert re.search(rf"content/en/introduction\.yaml:{line}:\d+: error: text in the Thai script \(Thai\)", res.output)
    assert "word dictionary" in res.output


# ---------------------------------------------------------------- the shaped path in a left-to-right language


def _para(text: str, width: float):
    from reportlab.lib.styles import ParagraphStyle

    from brochure.media import fonts
    from brochure.text.paragraph import Para, fallbacks

    for family in ("Source Sans 3", "Mukta"):
        fonts.register(fonts.find(family, None))
    style = ParagraphStyle("t", fontName="SourceSans3-Regular", fontSize=11, leading=15)
    with fallbacks(["Mukta"], "ltr"):
        p = Para(text, style)
    p.wrap(width, 1000)
    return p


def test_a_hindi_paragraph_in_a_left_to_right_language_is_shaped_and_not_reordered():
    p = _para(f"{SUBTITLE} Spravato 988", 400)
    assert p._bidi is not None and p._bidi.base == 0 and set(p._bidi.levels) == {0}
    assert p.logical_text() == f"{SUBTITLE} Spravato 988"  # /ActualText: the text as written
    assert _para("Spravato 988", 400)._bidi is None  # no shaped script: ReportLab's own paragraph, as before


def test_latin_with_a_mark_nfc_cannot_fold_is_shaped_with_the_fonts_mark_positioning():
    """Yoruba ẹ́ (ẹ + U+0301): HarfBuzz puts the acute over the dotted e (GPOS mark attachment, dx < 0)."""
    p = _para("Ọjọ́ ìtọ́jú rẹ", 400)
    assert p._bidi is not None and p._bidi.base == 0
    assert p.logical_text() == "Ọjọ́ ìtọ́jú rẹ"
    (a, b), = p._lines
    glyphs = [g for run in p._bidi.line_runs(a, b) for g in run.glyphs]
    marks = [g for g in glyphs if g.advance == 0]
    assert marks and all(g.dx != 0 or g.dy != 0 for g in marks)  # placed by the font, not drawn beside the letter


def test_a_long_hindi_word_is_never_cut_inside_a_letter():
    word = "चिकित्साकर्मियोंक्षमा" * 3  # wider than the line: cut wherever it must, but not inside a letter
    for width in (25, 45):  # widths where a cut by combining class alone fell before ि or after ्
        p = _para(word, width)
        text = p._bidi.text
        assert len(p._lines) > 2
        for a, _ in p._lines[1:]:
            assert not unicodedata.category(text[a]).startswith("M"), f"a line starts with a vowel sign: {text[a:]}"
            assert text[a - 1] != "\u094d", f"a line starts inside a conjunct: {text[a - 1 :]}"


def test_direction_and_line_breaking_default_to_the_script_of_the_text(tmp_path):
    """Arabic without `direction: rtl` and Chinese without `line_break: cjk` print exactly as with them."""
    root = copy_project(tmp_path / "proj")
    builds = {}
    for name, edits in (("declared", {}), ("from-script", {"ar": "direction: rtl\n", "zh-Hans": "line_break: cjk\n"})):
        for lang, line in edits.items():
            path = root / f"content/{lang}/language.yaml"
            assert line in path.read_text()
            path.write_text(path.read_text().replace(line, "", 1))
        out = tmp_path / name
        for lang in ("ar", "zh-Hans"):
            res = subprocess.run(
                ["brochure", "build", "--project", str(root), "--lang", lang, "--length", "flyer"]
                + ["--brand", "default", "--paper", "letter", "--out", str(out), "-q"],
                capture_output=True,
                text=True,
            )
            assert res.returncode == 0, res.stdout + res.stderr
        builds[name] = {lang: (out / f"default/{lang}/flyer-letter.pdf").read_bytes() for lang in ("ar", "zh-Hans")}
    assert builds["declared"] == builds["from-script"]


def test_a_run_that_starts_with_a_latin_word_still_shapes_its_hindi():
    """Noto Sans has Latin and Devanagari, so "Spravato सिर्फ" is one run of one font; HarfBuzz guessed its script
    from the first letter (Latin) and drew the Hindi unshaped (visible virama, ि after its consonant)."""
    from brochure.media import fonts
    from brochure.text import shaping

    fonts.register(fonts.find("Noto Sans", None))
    text = "Spravato चिकित्सा"
    drawn = [g.gid for g in shaping.shape(text, 0, len(text), "NotoSans-Regular", False)]
    path = next(Path(p) for p in [fonts.find("Noto Sans", None).file("Regular")])
    assert contains(drawn, harfbuzz_gids("चिकित्सा", path))


# ---------------------------------------------------------------- the glyphs' text, as a screen reader gets it

LINES = "अगर आपके मन में कई सवाल हैं, तो ऐसे सवाल अपनी मेडिकल टीम से पूछें। " * 3  # ई and ऐ: two glyphs each


def _drawn_para(path: Path, text: str, width: float) -> list[tuple[int, int]]:
    """Draw `text` in Noto Sans (Latin and Devanagari in one font) as one paragraph; its lines."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas

    from brochure.media import fonts
    from brochure.text.paragraph import Para, fallbacks

    fonts.register(fonts.find("Noto Sans", None))
    style = ParagraphStyle("t", fontName="NotoSans-Regular", fontSize=11, leading=15)
    with fallbacks([], "ltr"):
        p = Para(text, style)
    canv = Canvas(str(path), pagesize=(400, 400))
    _, h = p.wrap(width, 1000)
    p.drawOn(canv, 20, 380 - h)
    canv.save()
    return p._lines


def stream_text(path: Path) -> tuple[str, list[str]]:
    """The glyphs' text in content-stream order, nothing added between them (as poppler reads the tags), and
    every ToUnicode target of the page's fonts."""
    from tests.structread import _cmap

    out: list[str] = []
    targets: list[str] = []
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0]
        fonts = page.Resources.Font
        for font in fonts.values():
            targets += _cmap(font)[1].values()
        width, cmap = 1, {}
        for operands, op in pikepdf.parse_content_stream(page):
            if op == pikepdf.Operator("Tf"):
                width, cmap = _cmap(fonts[str(operands[0])])
            elif op in (pikepdf.Operator("Tj"), pikepdf.Operator("TJ")):
                items = operands[0] if op == pikepdf.Operator("TJ") else [operands[0]]
                for item in items:
                    if isinstance(item, pikepdf.String):
                        raw = bytes(item)
                        out += [cmap.get(raw[k : k + width], "\ufffd") for k in range(0, len(raw), width)]
    return "".join(out), targets


def test_a_hindi_paragraph_broken_over_lines_reads_with_a_space_at_each_break(tmp_path):
    """The space a line was broken at is drawn (no ink) after the line: else "अगरआपके" across the break."""
    path = tmp_path / "p.pdf"
    lines = _drawn_para(path, LINES.strip(), 120)
    assert len(lines) > 5
    text, _ = stream_text(path)
    assert unicodedata.normalize("NFC", text).split() == LINES.split()


def test_a_glyph_without_characters_of_its_own_is_drawn_with_its_clusters_as_one_mapped_glyph(tmp_path):
    """Noto Sans draws ई as इ plus a sign: two glyphs for one character. ToUnicode may map no code to "" (PDF/UA-1,
    page-validation: malformed CMap), so the two are one composite glyph in the embedded font, mapped to "ई"."""
    import io

    from brochure.media import fonts
    from tests.structread import _cmap

    path = tmp_path / "p.pdf"
    _drawn_para(path, "कई ऐसे", 300)
    text, targets = stream_text(path)
    assert text == "कई ऐसे" and targets and all(targets), targets
    regular = fonts.find("Noto Sans", None).file("Regular")
    two = harfbuzz_gids("ई", regular)
    assert len(two) == 2  # the font still draws it as two glyphs (else this test proves nothing)
    with pikepdf.open(path) as pdf:
        (font,) = [f for f in pdf.pages[0].Resources.Font.values() if f.Subtype == "/Type0"]
        program = TTFont(io.BytesIO(font.DescendantFonts[0].FontDescriptor.FontFile2.read_bytes()))
        gid_map = font.DescendantFonts[0].CIDToGIDMap.read_bytes()
        cmap = {int.from_bytes(code, "big"): t for code, t in _cmap(font)[1].items()}
    order = program.getGlyphOrder()
    (cid,) = [c for c, t in cmap.items() if t == "ई"]
    glyph = program["glyf"][order[int.from_bytes(gid_map[2 * cid : 2 * cid + 2], "big")]]
    assert glyph.isComposite()
    assert [program.getGlyphID(c.glyphName) for c in glyph.components] == two
