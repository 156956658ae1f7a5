"""Optional blocks (placed only where they fit) and the section pictograms, read back from the PDFs."""

from __future__ import annotations

import re
from pathlib import Path

import pymupdf
import pytest

from brochure.checks import printed
from brochure.inputs.models import OptionalSlotKey
from brochure.inputs.project import Project
from brochure.media import icons
from brochure.text.inline import plain
from tests.conftest import ROOT, printed_handout, run
from tests.pdfread import flat, text_pages


@pytest.fixture(scope="module")
def handout():
    return printed_handout("en")


def handout_region(project: Path):
    proj = Project(project)
    brand = proj.load_brand("default")
    return brand.region


def questions_of(handout) -> list[str]:
    return [plain(q) for _, s in handout.sections for b in s.body if b.questions is not None for q in b.questions]


def body_size(path: Path) -> float:
    """The most common text size over every page: the body size the fit step chose."""
    sizes: dict[float, int] = {}
    for page in pymupdf.open(path):
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    key = round(span["size"], 2)
                    sizes[key] = sizes.get(key, 0) + len(span["text"])
    return max(sizes, key=lambda k: sizes[k])


def test_a_longer_text_shortens_the_optional_questions_from_the_end_and_says_so(project, handout):
    path = project / "content/en/conclusion.yaml"
    text = path.read_text()
    longer = "Bring a friend or family member to your first visit if that helps you feel at ease. "
    path.write_text(text.replace("summary: >-\n", "summary: >-\n  " + longer * 2 + "\n", 1))
    res = run("build", "--brand", "default", "--lang", "en", "--length", "trifold", "--paper", "letter")
    assert res.exit_code == 0, res.output
    m = re.search(r"prints (\d+) of the (\d+) items of its optional `questions` block", res.output)
    assert m, res.output
    kept, total = int(m.group(1)), int(m.group(2))
    qs = questions_of(handout)
    assert total == len(qs) and 1 < kept < total
    pdf = project / "dist/default/en/trifold-letter.pdf"
    inside = flat(text_pages(pdf)[1])
    assert all(flat(q) in inside for q in qs[:kept])  # the first ones print, in order
    assert not any(flat(q) in inside for q in qs[kept:])  # the last ones went, never a middle one
    assert body_size(pdf) >= 10  # shortened instead of shrinking below the layout's minimum


def test_safety_blocks_cannot_be_optional(project):
    (project / "layouts").mkdir()
    layout = (ROOT / "src/brochure/layouts/flyer.yaml").read_text()
    layout = layout.replace("name: flyer", "name: flyer-lean").replace("      - id: left", "      - id: left", 1)
    layout = layout.replace("          - essentials ", "          - optional: essentials ", 1)
    (project / "layouts/flyer-lean.yaml").write_text(layout)
    res = run("check")
    assert res.exit_code == 1
    assert "layouts/flyer-lean.yaml:" in res.output and "never left out" in res.output
    assert "Traceback" not in res.output


def test_check_does_not_count_optional_blocks_as_printed(project, handout):
    """`check` must not rely on text that a long translation may leave out."""
    layout, _ = Project(project).load_layout("flyer")
    optional = [s.optional for s in printed.slots(layout) if isinstance(s, OptionalSlotKey)]
    assert optional == ["call_to_action"]
    shown = printed.texts(layout, handout, Project(project).load_brand("default").brand, handout_region(project))
    assert handout.text.call_to_action not in shown


def test_every_section_heading_has_its_pictogram_as_an_artifact(built, handout):
    """Each length draws one vector pictogram per section heading shown, outside the structure tree's text."""
    names = handout.manifest.icons
    assert set(names) - {"cover"} == {sid for sid, _ in handout.sections}
    assert all(icons.known(n) for n in names.values())
    for rel, shown in (("default/en/booklet-letter.pdf", 6), ("default/en/trifold-letter.pdf", 6)):
        doc = pymupdf.open(built[rel])
        strokes = 0
        for page in doc:
            raw = page.read_contents().decode("latin-1")
            # a pictogram is stroked paths inside an /Artifact marked-content sequence
            for art in re.findall(r"/Artifact\s*<<[^>]*>>\s*BDC(.*?)EMC", raw, re.S):
                # Bézier curves and no text: Lucide's arcs (the timeline's numbered circles hold a digit)
                if (" c\n" in art or " c " in art) and " Tj" not in art and "TJ" not in art:
                    strokes += 1
        assert strokes >= shown, (rel, strokes)


def test_pictograms_sit_beside_their_heading_on_every_page(built, handout):
    """The icon's box is left of the heading text and on its first line, on every page that has one."""
    path = built["default/en/booklet-letter.pdf"]
    titles = [plain(s.title) for _, s in handout.sections]
    doc = pymupdf.open(path)
    found = 0
    for page in doc:
        words = page.get_text("dict")["blocks"]
        drawings = [d["rect"] for d in page.get_drawings() if d.get("color") is not None and d["rect"].width < 40]
        for block in words:
            for line in block.get("lines", []):
                text = "".join(s["text"] for s in line["spans"]).strip()
                if text and any(t.startswith(text) for t in titles) and len(text) > 8:
                    x0, y0, x1, y1 = line["bbox"]
                    beside = [r for r in drawings if r.x1 <= x0 + 0.5 and r.y0 < y1 and r.y1 > y0 and x0 - r.x1 < 20]
                    assert beside, (page.number, text)
                    found += 1
    assert found >= len(titles)


def test_an_unknown_icon_name_is_a_clear_error_at_its_line(project):
    manifest = project / "content/handout.yaml"
    manifest.write_text(manifest.read_text().replace("  science: microscope", "  science: microscopee"))
    res = run("check")
    assert res.exit_code == 1
    assert "content/handout.yaml:" in res.output and "microscopee" in res.output and "lucide.dev" in res.output
    assert "Traceback" not in res.output


def spans(path: Path, page: int) -> list[tuple[str, float]]:
    out = []
    for block in pymupdf.open(path)[page].get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                if span["text"].strip():
                    out.append((span["text"].strip(), span["size"]))
    return out


def test_the_tri_fold_flap_shows_the_treatment_day_in_order(built, handout):
    day = handout.text.treatment_day
    assert day is not None
    text = flat(text_pages(built["default/en/trifold-letter.pdf"])[0])
    assert flat(day.title) in text
    places = [text.index(flat(plain(step).split(": ", 1)[1])) for step in day.steps]
    assert places == sorted(places)  # the steps read in their order
    assert flat(day.note) in text  # the off-label product is kept apart, beside the Spravato day


def test_the_booklet_prints_the_treatment_day_at_the_end_of_its_section(built, handout):
    day = handout.text.treatment_day
    text = flat(" ".join(text_pages(built["default/en/booklet-letter.pdf"])[1:]))  # after the cover's contents
    sections = dict(handout.sections)
    after = handout.manifest.treatment_day_after
    ids = [sid for sid, _ in handout.sections]
    nxt = sections[ids[ids.index(after) + 1]]
    day_at = text.index(flat(day.title))
    assert text.index(flat(plain(sections[after].title))) < day_at < text.index(flat(plain(nxt.title)))


def test_the_tri_fold_back_cover_ends_with_the_three_tiers_of_when_to_call(built, handout):
    path = built["default/en/trifold-letter.pdf"]
    found = spans(path, 0)
    texts = [t for t, _ in found]
    assert any(handout.language.ui.clinic_call in t for t in texts)
    phone = next(size for t, size in found if t == "(555) 010-0000" and size > 12)
    assert phone >= 18  # as large as the crisis numbers
    big = {t for t, size in found if size >= 18}
    assert {"988", "911"} <= big
    flat_text = flat(text_pages(path)[0])
    # 988, then 911, then the clinic: the most urgent first
    assert flat_text.index("988 Suicide") < flat_text.index("In an emergency") < flat_text.index("Side effects or")


def test_the_booklet_back_cover_has_the_same_three_tiers(built, handout):
    path = built["default/en/booklet-letter.pdf"]
    last = len(pymupdf.open(path)) - 1
    found = spans(path, last)
    assert any(handout.language.ui.clinic_call in t for t, _ in found)
    assert {"988", "911", "(555) 010-0000"} <= {t for t, size in found if size >= 18}
