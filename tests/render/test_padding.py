"""A booklet reaches its multiple of four with pages a patient uses: a wallet card and a treatment record.

Read from every built booklet: page count, which pages the padding added, what the card prints and the
dashed cut line around it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pymupdf
import pytest

from brochure.inputs.project import Project
from brochure.render import padding
from tests.conftest import run

ROOT = Path(__file__).resolve().parents[2]
PROJECT = Project(ROOT)


@pytest.mark.parametrize("count", range(8))
def test_padding_kinds_never_add_a_notes_page_and_put_the_card_last_where_it_is_printed(count):
    kinds = padding.kinds(count)
    assert len(kinds) == count
    assert "notes" not in kinds
    assert count == 0 or kinds[-1] == "card"
    behind_record = padding.kinds(count, card=False)  # the back cover fills the card's place
    assert len(behind_record) == count
    if count >= 3:  # the card on the last even padding page, backed by a record page that stops above it
        assert behind_record[-3:] == ["record_above_card", "card", "record"]
    else:
        assert set(behind_record) <= {"record"}


def _ui(lang: str):
    return PROJECT.load_handout(lang).language.ui


def _page_titles(doc: pymupdf.Document) -> list[str]:
    """Each page's first line below the running header."""
    out = []
    for page in doc:
        blocks = [b for b in page.get_text("blocks") if b[1] > 0.85 * 72 and b[4].strip()]
        out.append(min(blocks, key=lambda b: b[1])[4].strip().splitlines()[0] if blocks else "")
    return out


def _booklets(built):
    return sorted(k for k in built if "/booklet-" in k)


def test_every_booklet_is_padded_with_the_card_and_records_not_notes_pages(built):
    for key in _booklets(built):
        lang = key.split("/")[1]
        ui = _ui(lang)
        doc = pymupdf.open(built[key])
        assert doc.page_count % 4 == 0, key
        titles = _page_titles(doc)
        assert ui.notes not in titles and ui.notes[::-1] not in titles, f"{key}: a page of notes alone"
        record = [i for i, t in enumerate(titles) if t in (ui.record_title, ui.record_title[::-1])]
        card = [i for i, t in enumerate(titles) if t in (ui.card_title, ui.card_title[::-1])]
        last = doc.page_count - 2  # the padding sits just before the back cover
        pages = sorted(record + card)
        assert pages == list(range(last - len(pages) + 1, last + 1)), f"{key}: padding on pages {pages}"
        if not card:  # the sections filled the multiple exactly, or one or two pages backed by a full back cover
            assert len(record) <= 2, key
            if record:  # no card: the back cover's text reaches down into where its cut line would run
                back = doc[-1]
                card_top = back.rect.height - 0.85 * 72 - padding.CARD[1] - padding.CARD_GAP
                assert max(w[3] for w in back.get_text("words") if w[3] < back.rect.height - 0.85 * 72) > card_top, key
            continue
        # the card last, behind the back cover; or on the last even page, behind a record page
        assert card in ([last], [last - 1]), f"{key}: card on page {card}"
        assert card == [last] or last - 2 in record, key


def _card_page(doc: pymupdf.Document, title: str) -> pymupdf.Page | None:
    return next((p for p in doc if title in p.get_text() or title[::-1] in p.get_text()), None)


@pytest.mark.parametrize("lang", ["en", "es", "zh-Hans", "ar"])
def test_the_wallet_card_prints_clinic_crisis_line_and_both_treatments_inside_a_cut_line(built, lang):
    ui = _ui(lang)
    for key in _booklets(built):
        if f"/{lang}/" not in key:
            continue
        page = _card_page(pymupdf.open(built[key]), ui.card_title)
        if page is None:
            continue
        text = page.get_text()
        flat = " ".join(text.split())
        for needed in ("(555) 010-0000", "988", "911"):
            assert needed in flat, f"{key}: {needed!r} missing from the card"
        if lang != "ar":  # each number after its label, written the language's way ("急救电话：911")
            assert ui.card_line.format(label=ui.card_emergency, number="911") in flat, key
        if lang != "ar":  # PyMuPDF reads Arabic in visual order; the tagged-text tests read it in logical order
            for label in (ui.card_spravato, ui.card_ketamine, ui.card_treated_with, ui.card_name):
                assert label in flat, f"{key}: {label!r}"
            # the approved and the off-label treatment are separate tick boxes, never one line
            assert not any(ui.card_spravato in ln and ui.card_ketamine in ln for ln in text.splitlines())
        dashed = [d for d in page.get_drawings() if d.get("dashes") and d["dashes"] not in ("[] 0", "[] 0.0")]
        widths = sorted(round(d["rect"].width) for d in dashed)
        w, h = (round(x) for x in padding.CARD)
        assert any(abs(x - 2 * w) <= 2 or abs(x - w) <= 2 for x in widths), f"{key}: no cut line {widths}"
        return
    assert lang != "en", "the English Letter booklet needs padding (16 pages of text + 4): its card is missing"
    pytest.skip(f"no {lang} booklet of the build needed padding")


def test_a_record_header_on_three_lines_still_leaves_the_grid_on_its_own_page(project):
    """pl: "Działania niepożądane lub pytania" wrapped to three lines; rows counted for two pushed the grid to a
    page of its own, and the booklet came out 21 pages ("not a multiple of 4")."""
    path = project / "content/pl/language.yaml"
    text = path.read_text()
    long = '  record_side_effects: "Działania niepożądane lub pytania"'
    path.write_text(re.sub(r"(?m)^  record_side_effects: .*$", long, text))
    res = run("build", "--lang", "pl", "--length", "booklet", "--brand", "default", "--paper", "a4", "-q")
    assert res.exit_code == 0, res.output
    doc = pymupdf.open(project / "dist/default/pl/booklet-a4.pdf")
    assert doc.page_count % 4 == 0
    ui = _ui("pl")
    record = [p for p in doc if ui.record_title in p.get_text()]
    assert len(record) == 1 and "pytania" in record[0].get_text()  # the title, its grid and header on one page


def test_cutting_out_the_wallet_card_takes_nothing_from_the_page_behind_it(built):
    """Found by the cold design review: the card at the top of page N-1 backed the back cover's address,
    phone and crisis box, so cutting it out removed them. The card sits at its page's foot, and the page on
    the other side of the leaf has no text where the card's cut line runs (mirrored: the reverse of a leaf)."""
    checked = 0
    for key in _booklets(built):
        doc = pymupdf.open(built[key])
        ui = _ui(key.split("/")[1])
        page = _card_page(doc, ui.card_title)
        if page is None:
            continue
        dashed = [d["rect"] for d in page.get_drawings() if d.get("dashes") and d["dashes"] not in ("[] 0", "[] 0.0")]
        cut = dashed[0]
        for r in dashed[1:]:
            cut |= r  # the whole cut line
        number = page.number + 1  # 1-based: an odd page's reverse is the next one, an even page's the one before
        reverse = doc[number if number % 2 else number - 2]
        width = reverse.rect.width
        hole = pymupdf.Rect(width - cut.x1, cut.y0, width - cut.x0, cut.y1)
        lost = [w[4] for w in reverse.get_text("words") if pymupdf.Rect(w[:4]).intersects(hole)]
        assert not lost, f"{key}: cutting out the card on page {number} removes {lost[:8]} from its reverse"
        checked += 1
    assert checked >= 10, checked  # most booklets of the default build carry the card


def test_the_back_cover_is_one_page_from_the_clinic_to_the_fine_print(built):
    """Harbor Light's Arabic and Persian Letter booklets printed a last page holding only the version line and
    the disclaimer; a back cover that overflows by a few lines is now set a little smaller."""
    version = PROJECT.load_handout("en").manifest.review.version
    for key in _booklets(built):
        ui = _ui(key.split("/")[1])
        doc = pymupdf.open(built[key])
        back, before = doc[-1].get_text(), doc[-2].get_text()
        assert ui.contact_title in back or ui.contact_title[::-1] in back, f"{key}: the back cover starts earlier"
        assert version in back and version not in before, f"{key}: the fine print is not on the back cover's page"
