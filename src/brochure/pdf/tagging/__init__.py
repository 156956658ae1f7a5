"""Tagged PDF (PDF/UA-1): marked content while ReportLab draws, the structure tree after it.

Open-source ReportLab writes no tags. This module is the one place that knows
about them; the rest of the renderer only says what a flowable *is*:

    tagging.mark(paragraph, "H2")                       # a heading
    tagging.mark(image, "Figure", alt="Clinic logo")    # a figure and its alternative text
    tagging.link(paragraph, "https://…", "Website: …")  # a paragraph that is a link
    tagging.mark(lines, artifact="Layout")              # drawn decoration
    with tagging.artifact(canv, "Pagination"): …        # running headers, footers, bands

How it works:

- `install()` (run once at import) wraps `drawOn` of ReportLab's flowables.
  When the canvas carries a `Tagger` (`Tagger.attach`) and the flowable has a
  tag, a *leaf* (P, H1, Figure, LBody …) is drawn inside
  `/P <</MCID n>> BDC … EMC` and a *container* (L, LI) collects the elements
  drawn inside it. A `Paragraph` without a tag is a P; lists are L > LI >
  (Lbl, LBody) on their own (ReportLab's list machinery is patched here, not in
  the layouts); table backgrounds and rules are artifacts, their cells'
  content is tagged.
- A flowable split across frames or pages keeps its tag, so the parts are one
  element with marked content on both pages.
- Right-to-left paragraphs are drawn in visual order; their elements carry
  /ActualText with the text in logical order (`Para.logical_text`).
- Reading order: elements hang in the tree in the order they are drawn,
  except that top-level elements sort by the `reading(rank)` block they were
  drawn in: fixed layouts draw frames in an order of their own and say which
  region a reader meets first.
- `Tagger.finish_step()` is a `finish` step (pikepdf): it writes the
  StructTreeRoot, the ParentTree, each page's StructParents and /Tabs /S,
  link annotations' /StructParent and /Contents, MarkInfo and
  DisplayDocTitle, and claims PDF/UA-1 for the XMP packet.

Nothing is artifacted by default: content drawn outside any tag or artifact
stays outside marked content, which the tests find by parsing every content
stream (so real text is never silently hidden from screen readers).
"""

from .api import LEAVES, Tag, link, mark, own_tag
from .hooks import install
from .tree import MC, Annot, BugError, Elem, Tagger, artifact, figure, foreign_words, repeated, tagger_of
from .writer import write_tree

install()  # the drawing wrappers, once, when tagging is first imported (every render imports it)

__all__ = [
    "LEAVES",
    "MC",
    "Annot",
    "BugError",
    "Elem",
    "Tag",
    "Tagger",
    "artifact",
    "figure",
    "install",
    "link",
    "mark",
    "own_tag",
    "repeated",
    "tagger_of",
    "foreign_words",
    "write_tree",
]
