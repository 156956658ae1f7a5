"""Headings are balanced: no heading ends in one short word under a long line (text/paragraph.Para).

Drawn for real and read back from the PDF: the words of each line, and where the lines end.
"""

from __future__ import annotations

import io
from collections import defaultdict

import pymupdf
import pytest
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from brochure.text.paragraph import Para

HEADING = "What a course of treatment looks like"


def drawn_lines(text: str, width: float, balance: bool, alignment: int = TA_LEFT) -> list[tuple[float, float, str]]:
    """(left, right, words) of each line of `text` set as a heading `width` wide."""
    style = ParagraphStyle("h", fontName="Helvetica-Bold", fontSize=14, leading=17, alignment=alignment)
    if balance:
        style.balance = True
    out = io.BytesIO()
    frame = Frame(0, 0, width, 300, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    BaseDocTemplate(out, pagesize=(width, 300), pageTemplates=[PageTemplate("p", [frame])]).build([Para(text, style)])
    rows: dict[float, list] = defaultdict(list)
    for w in pymupdf.open(stream=out.getvalue(), filetype="pdf")[0].get_text("words"):
        rows[round(w[1])].append(w)
    return [
        (min(w[0] for w in ws), max(w[2] for w in ws), " ".join(w[4] for w in sorted(ws, key=lambda w: w[0])))
        for _, ws in sorted(rows.items())
    ]


def width_for_a_runt() -> float:
    """A measure at which the heading, unbalanced, leaves its last word alone on the second line."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(HEADING.rsplit(" ", 1)[0], "Helvetica-Bold", 14) + 2


def test_unbalanced_the_heading_ends_in_one_word():
    lines = drawn_lines(HEADING, width_for_a_runt(), balance=False)
    assert [ln[2] for ln in lines][-1] == "like"  # the defect the balance removes: this test's premise


@pytest.mark.parametrize("alignment", [TA_LEFT, TA_RIGHT])
def test_balanced_the_lines_are_about_equal_and_keep_their_edge_and_count(alignment):
    width = width_for_a_runt()
    plain = drawn_lines(HEADING, width, balance=False, alignment=alignment)
    lines = drawn_lines(HEADING, width, balance=True, alignment=alignment)
    assert len(lines) == len(plain) == 2
    assert " ".join(ln[2] for ln in lines) == HEADING  # nothing lost or reordered
    lengths = [right - left for left, right, _ in lines]
    assert min(lengths) > 0.6 * max(lengths), lines
    if alignment == TA_RIGHT:  # the edge a line starts on stays where it was
        assert all(abs(right - max(r for _, r, _ in plain)) < 1 for _, right, _ in lines)
    else:
        assert all(abs(left - min(x for x, _, _ in plain)) < 1 for left, _, _ in lines)


def test_a_one_line_heading_is_left_as_it_is():
    assert drawn_lines("Contact us", 300, balance=True) == drawn_lines("Contact us", 300, balance=False)
