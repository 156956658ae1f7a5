"""A list split across columns never leaves its last item alone (render/story.EndKeptList).

Laid out for real, in a two-column document, and read back from the PDF: which column each item landed in.
"""

from __future__ import annotations

import io
from types import SimpleNamespace

import pymupdf
import pytest
from reportlab.lib.colors import black
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

from brochure.render import story

STYLE = ParagraphStyle("bullet", fontName="Helvetica", fontSize=10, leading=12, spaceAfter=0)
STYLES = {"bullet": STYLE, "body": STYLE}
PALETTE = SimpleNamespace(primary=black, accent=black)


def first_column_items(count: int, room_for: int, lead: bool = False, words: int = 1) -> int:
    """A list of `count` items of `words` words each in a column with room for `room_for` lines (`lead`: a line
    of text above the list): how many items the first column prints (a split item counts in both)."""
    height = room_for * STYLE.leading + 1
    flat = dict(leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    columns = [Frame(x, 400, 200, height, **flat) for x in (0, 300)]
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=(600, 800), pageTemplates=[PageTemplate("two", columns)])
    text = [Paragraph("Before the list.", STYLE)] if lead else []
    doc.build([*text, story.bullets([" ".join([f"item{i}"] * words) for i in range(count)], STYLES, PALETTE)])
    pdf = pymupdf.open(stream=out.getvalue(), filetype="pdf")
    printed = [w for page in pdf for w in page.get_text("words") if w[4].startswith("item")]
    assert pdf.page_count == 1 and len(printed) == count * words, printed  # nothing lost, one page
    return len({w[4] for w in printed if w[0] < 300})


@pytest.mark.parametrize(("count", "room", "expected"), [(4, 3, 2), (5, 4, 3), (6, 3, 3), (4, 4, 4), (3, 2, 1)])
def test_the_last_two_items_of_a_list_move_on_together(count, room, expected):
    assert first_column_items(count, room) == expected


def test_a_two_item_list_moves_on_whole_unless_it_starts_the_column():
    assert first_column_items(2, 2, lead=True) == 0  # the text above it stays; both items go on
    assert first_column_items(2, 1) == 1  # at the column's top it must split: nowhere has more room


def test_two_long_last_items_split_as_usual_rather_than_leave_a_hole():
    # three items of four lines each, room for ten: the third item splits across the columns
    assert first_column_items(3, 10, words=20) == 3
