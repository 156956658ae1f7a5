"""Composition rules measured from the glyphs of the built PDFs: line measure, headings never left alone.

Read with PyMuPDF (lines with their boxes, sizes and bold flag), so the tests see
what a reader sees, on every page of every built booklet and tri-fold.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pymupdf
import pytest

from brochure.inputs.project import Project

BOLD = 16  # PyMuPDF span flag
LATIN_AND_CYRILLIC = ["en", "es", "ru", "tl", "vi"]


def lines(page: pymupdf.Page) -> list[dict]:
    """Text lines with their top, bottom, left, size, boldness and text, top to bottom."""
    out = []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            spans = [s for s in line["spans"] if s["text"].strip()]
            if not spans:
                continue
            x0, y0, x1, y1 = line["bbox"]
            out.append(
                {
                    "x0": x0,
                    "y0": y0,
                    "y1": y1,
                    "size": max(s["size"] for s in spans),
                    "bold": all(s["flags"] & BOLD for s in spans),
                    "text": "".join(s["text"] for s in spans).strip(),
                }
            )
    return sorted(out, key=lambda r: (r["y0"], r["x0"]))


ROOT = Path(__file__).resolve().parents[2]


def main_script(lang: str) -> str:
    """The ISO 15924 code of a shipped language's main script, found from its text as the build finds it."""
    from brochure.text import scripts

    handout = Project(ROOT).load_handout(lang)
    return scripts.main_script(scripts.strings([d.data for d in handout.docs.values()])).code


def type_scale(length: str, paper: str, lang: str = "en"):
    """The layout for `paper`, and its type scale as a handout in `lang` prints it (CJK and Arabic larger)."""
    layout = Project(ROOT).load_layout(length)[0].for_paper(paper).for_script(main_script(lang))
    return layout, layout.type


@pytest.mark.parametrize("lang", LATIN_AND_CYRILLIC)
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_booklet_lines_hold_55_to_75_characters(built, lang, paper):
    """A Letter or A4 booklet's text column is narrower than its margins allow: 55-75 characters a line."""
    _, t = type_scale("booklet", paper)
    doc = pymupdf.open(built[f"default/{lang}/booklet-{paper}.pdf"])
    lengths = sorted(len(r["text"]) for page in list(doc)[1:-1] for r in lines(page) if abs(r["size"] - t.body) < 0.3)
    assert len(lengths) > 200
    full = lengths[int(0.9 * len(lengths))]  # most lines are full lines; paragraphs' last lines are shorter
    assert 55 <= full <= 75, f"{lang} {paper}: 90th percentile {full} characters a line"


def _headings_left_alone(page: pymupdf.Page, h3: float, top: float, bottom: float, columns: list[float]) -> list:
    """A column's last heading (bold, at least h3 size; a wrapped heading counts once) with fewer than two
    lines of text under it: the heading is stranded at the column's or page's foot."""
    found = []
    content = [r for r in lines(page) if r["y0"] >= top and r["y1"] <= bottom]
    for col_left, col_right in zip(columns, columns[1:], strict=False):
        col = [r for r in content if col_left <= r["x0"] < col_right]
        heads = [i for i, r in enumerate(col) if r["bold"] and r["size"] >= h3 - 0.3]
        if heads and len(col) - 1 - heads[-1] < 2:
            found.append(col[heads[-1]]["text"])
    return found


def _notes_titles() -> set[str]:
    """The notes heading in every language: ruled writing lines follow it, not text."""
    project = Project(ROOT)
    return {project.load_handout(code).language.ui.notes for code in project.languages()}


def _booklets(built):
    return sorted(k for k in built if "/booklet-" in k)


def _a_notes_title(heading: str, notes: set[str]) -> bool:
    if heading in notes or heading[::-1] in notes:
        return True
    rtl = any(unicodedata.bidirectional(c) == "AL" for c in heading)
    return rtl and any(heading[::-1] in t for t in notes)


def test_no_booklet_page_ends_on_a_heading(built):
    """A heading keeps at least two lines of what it introduces on its page (every booklet, every page)."""
    problems = []
    notes = _notes_titles()
    for key in _booklets(built):
        paper = key.rsplit("-", 1)[1].removesuffix(".pdf")
        layout, t = type_scale("booklet", paper, key.split("/")[1])
        doc = pymupdf.open(built[key])
        for n, page in enumerate(list(doc)[1:-1], start=2):
            top, bottom = layout.margins.top - 2, page.rect.height - layout.margins.bottom
            left = _headings_left_alone(page, t.h3, top, bottom, [0, page.rect.width])
            # PyMuPDF reads Arabic and Persian in visual order: the notes title comes out reversed, and a Persian
            # one in pieces at its zero-width non-joiner (یادداشت‌ها)
            problems += [f"{key} page {n}: {h}" for h in left if not _a_notes_title(h, notes)]
    assert not problems, "\n".join(problems)


def test_no_trifold_panel_ends_on_a_heading(built):
    problems = []
    for key in sorted(k for k in built if "/trifold-" in k):
        paper = key.rsplit("-", 1)[1].removesuffix(".pdf")
        layout, t = type_scale("trifold", paper, key.split("/")[1])
        doc = pymupdf.open(built[key])
        for n, page in enumerate(doc, start=1):
            w = page.rect.width
            bottom = page.rect.height - layout.safe_zone
            left = _headings_left_alone(page, t.h3, 0, bottom, [0, w / 3, 2 * w / 3, w])
            problems += [f"{key} page {n}: {h}" for h in left]
    assert not problems, "\n".join(problems)


def test_flyers_and_trifolds_print_the_draft_notice_once_a_side(built):
    """One draft strip on each side of the sheet (it was one per panel: six strips on a tri-fold)."""
    for key in sorted(k for k in built if "/flyer-" in k or "/trifold-" in k):
        lang = key.split("/")[1]
        ui = Project(ROOT).load_handout(lang).language.ui
        draft = ui.draft_unreviewed
        for n, page in enumerate(pymupdf.open(built[key]), start=1):
            text = " ".join(page.get_text().split())
            # PyMuPDF reads Arabic in visual order: count its first word, which the mirrored line keeps whole
            rtl = lang in ("ar", "fa")
            # (a word the translation notice beside it does not have: Persian's بازبینی is in both)
            words = [w for w in draft.replace("\u200c", " ").split() if w not in ui.translation_unreviewed]
            probe = draft if not rtl else max(words, key=len)
            count = text.count(probe) if not rtl else max(text.count(probe[::-1]), text.count(probe))
            assert count == 1, f"{key} page {n}: the draft notice {count} times"


def test_every_length_prints_the_crisis_numbers_at_least_18_pt(built):
    """988 and 911 large in a band a patient finds at a glance, in every length and language."""
    for key in sorted(built):
        doc = pymupdf.open(built[key])
        big = {
            s["text"].strip()
            for page in doc
            for block in page.get_text("dict")["blocks"]
            for line in block.get("lines", [])
            for s in line["spans"]
            if s["size"] >= 18
        }
        assert {"988", "911"} <= big, f"{key}: large numbers {sorted(big)[:8]}"


def test_no_trifold_text_is_smaller_than_9_pt(built):
    """Fine print (version, disclaimer, QR caption) at least 9 pt on every page of every tri-fold."""
    problems = []
    for key in sorted(k for k in built if "/trifold-" in k):
        for n, page in enumerate(pymupdf.open(built[key]), start=1):
            small = sorted({round(r["size"], 2) for r in lines(page) if r["size"] < 8.99})
            if small:
                problems.append(f"{key} page {n}: text at {small} pt")
    assert not problems, "\n".join(problems)


def test_office_pages_print_no_colour_at_the_paper_edge(built):
    """A desktop printer cannot print the outer ~4 mm: office PDFs keep that rim white on every page.

    Measured from pixels: the outer 3 mm of each page of every length has no coloured pixel (the
    navy bands and tints stop 4.2 mm inside the edge).
    """
    from tests.pdfread import render_png

    rim = 3 / 25.4 * 72  # points
    for key in (
        "default/en/flyer-letter.pdf",
        "default/en/trifold-letter.pdf",
        "default/ar/trifold-a4.pdf",
        "harbor-light/en/booklet-letter.pdf",
    ):
        doc = pymupdf.open(built[key])
        for n in range(len(doc)):
            img = render_png(built[key], n, scale=0.5).convert("RGB")
            w, h = img.size
            px = max(1, int(rim * 0.5))
            edge = [(x, y) for x in range(0, w, 3) for y in (*range(px), *range(h - px, h))]
            edge += [(x, y) for y in range(0, h, 3) for x in (*range(px), *range(w - px, w))]
            coloured = [p for p in edge if min(img.getpixel(p)) < 235]
            assert not coloured, f"{key} page {n + 1}: colour at the paper edge, e.g. {coloured[:3]}"


def test_spanish_times_never_break_across_lines(built):
    """'5 p. m.' is one unit (the language's `no_break`): never '5' / 'p. m.' or 'p.' / 'm.' on two lines."""
    import re

    problems = []
    for key in sorted(k for k in built if "/es/" in k):
        for n, page in enumerate(pymupdf.open(built[key]), start=1):
            rows = [r["text"] for r in lines(page)]
            text = "\n".join(rows)
            for m in re.finditer(r"(\d\s*\n\s*[ap]\.\s*m\.)|([ap]\.\s*\n\s*m\.)", text):
                problems.append(f"{key} page {n}: {m.group()!r}")
    assert not problems, "\n".join(problems)


def _body_size(path: Path) -> float:
    """The size most characters of the file are set in: the body text's."""
    from collections import Counter

    sizes: Counter = Counter()
    for page in pymupdf.open(path):
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                for s in line["spans"]:
                    sizes[round(s["size"], 1)] += len(s["text"].strip())
    return sizes.most_common(1)[0][0]


def test_each_script_prints_at_least_at_its_layouts_minimum_body_size(built):
    """CJK at 12 pt and Arabic script at 13 pt or more where the layout asks (`type.script_min_body`), Latin at
    the layout's own minimum: measured from the glyphs of every built PDF."""
    problems = []
    for key in sorted(built):
        _, lang, file = key.split("/")
        length, paper = file.removesuffix(".pdf").split("-", 1)
        floor = type_scale(length, paper, lang)[1].min_body
        size = _body_size(built[key])
        if size < floor - 0.05:
            problems.append(f"{key}: body {size} pt, its minimum {floor} pt")
    assert not problems, "\n".join(problems)
    arabic = _body_size(built["default/ar/booklet-letter.pdf"])
    assert arabic >= 13 > _body_size(built["default/en/booklet-letter.pdf"]), arabic  # the rule is in force
