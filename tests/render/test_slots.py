"""Every length prints the same contact and crisis blocks and the same QR code, from one builder (issue 15)."""

from __future__ import annotations

import pymupdf
import pytest
import yaml
import zxingcpp

from brochure.render import qr
from tests.conftest import ROOT
from tests.pdfread import render_png
from tests.structread import tree

BRANDS = ("default", "harbor-light")
LENGTHS = ("booklet", "flyer", "trifold")


def brand_file(brand: str) -> dict:
    return yaml.safe_load((ROOT / "assets" / "brands" / f"{brand}.yaml").read_text())


def squeezed(text: str) -> str:
    """The characters without the spaces: lines break elsewhere in another measure, and a break in Chinese
    text reads as a space."""
    return "".join(text.split())


def heading_and_next(path, title: str) -> str:
    """The text of the H2 `title` and of the element after it (the contact Div, the crisis list), as read aloud."""
    root, _ = tree(path)
    for node in root.walk():
        for i, kid in enumerate(node.kids):
            if kid.role == "H2" and squeezed(kid.text) == squeezed(title):
                assert i + 1 < len(node.kids), f"nothing after {title!r} in {path}"
                return f"{kid.text} | {node.kids[i + 1].text}"
    raise AssertionError(f"no heading {title!r} in {path}")


def ui_titles(lang: str) -> tuple[str, str]:
    """The contact title and the crisis box's title, as this language prints them."""
    from brochure.inputs.project import Project

    language = Project(ROOT).load_handout(lang).language
    return language.ui.contact_title, language.crisis.title


@pytest.mark.parametrize("lang", ["en", "es", "ar", "zh-Hans"])
@pytest.mark.parametrize("brand", BRANDS)
def test_every_length_prints_the_same_contact_and_crisis_blocks(built, brand, lang):
    contact_title, crisis_title = ui_titles(lang)
    b = brand_file(brand)
    translated = b.get("translations", {}).get(lang) or {}  # the brand's tagline in this language, if it has one
    tagline = squeezed(translated.get("tagline") or b.get("tagline") or "")
    for title in (contact_title, crisis_title):
        found = {n: squeezed(heading_and_next(built[f"{brand}/{lang}/{n}-letter.pdf"], title)) for n in LENGTHS}
        if title == contact_title and tagline:  # the booklet's back cover has room for the tagline; frames do not
            assert tagline in found["booklet"], found["booklet"]
            found["booklet"] = found["booklet"].replace(tagline, "", 1)
        assert len(set(found.values())) == 1, f"{brand}/{lang}: {title!r} differs between lengths: {found}"
    contact = heading_and_next(built[f"{brand}/{lang}/booklet-letter.pdf"], contact_title)
    for line in [b["name"], *b["contact"]["address"], b["contact"]["phone"]]:
        assert line in contact


def qr_drawings(page: pymupdf.Page) -> list[pymupdf.Rect]:
    """Bounding boxes of the QR codes drawn on a page: filled paths made of many module rectangles."""
    return [
        d["rect"]
        for d in page.get_drawings()
        if d.get("fill") is not None and len(d["items"]) >= 20 and all(item[0] == "re" for item in d["items"])
    ]


@pytest.mark.parametrize("brand", BRANDS)
def test_the_qr_code_on_every_length_decodes_to_the_website_and_is_at_least_2_cm(built, brand):
    website = brand_file(brand)["contact"]["website"]
    mine = sorted(name for name in built if name.startswith(f"{brand}/"))
    assert len(mine) >= 24
    for name in mine:
        path = built[name]
        pages = [(n, r) for n, page in enumerate(pymupdf.open(path)) for r in qr_drawings(page)]
        assert len(pages) == 1, f"{name}: expected one QR code, found {len(pages)}"
        n, rect = pages[0]
        # the dark modules' extent in the PDF: the quiet zone around them is unpainted paper
        assert min(rect.width, rect.height) >= qr.MIN_SYMBOL, f"{name} page {n + 1}: QR code {rect.width:.1f} pt"
        codes = zxingcpp.read_barcodes(render_png(path, n, scale=2))  # 2 px a point
        assert [c.text for c in codes] == [website], name
        seen = codes[0].position
        assert (seen.top_right.x - seen.top_left.x) / 2 >= qr.MIN_SYMBOL - 1, f"{name}: the decoder sees it smaller"


def test_the_size_rule_holds_for_the_smallest_code():
    """A version-1 code at the one size keeps 2 cm of modules; a longer link only widens them."""
    assert qr.symbol_width(qr.SMALLEST) >= qr.MIN_SYMBOL
    assert qr.symbol_width(len(qr.modules("https://example.org"))) > qr.symbol_width(qr.SMALLEST)
    assert len(qr.modules("a")) == qr.SMALLEST
