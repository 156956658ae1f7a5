"""The decisions `brochure build` and `serve` used to make themselves, called directly (no CLI).

`prepress.impose.plan_saddle` (which booklets get a saddle file; located errors about papers),
`prepress.impose.impose_built` (which saddle files are rewritten after a build), and
`inputs.targets.one_target` (the target `serve` shows), `checks.review.record` (what `review` signs off).
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from types import SimpleNamespace

import pikepdf
import pytest
from reportlab.pdfgen import canvas

from brochure.errors import BrochureError
from brochure.inputs import overrides
from brochure.inputs.project import Project
from brochure.inputs.targets import Selection, Target, one_target, plan_targets
from brochure.prepress.impose import Imposed, impose_built, imposed_path, plan_saddle
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def shipped() -> Project:
    return Project(ROOT)


@pytest.mark.parametrize("paper", ["half-letter", "a5"])
def test_a_half_sheet_booklet_is_planned_for_a_saddle_file(shipped, paper):
    targets = plan_targets(shipped, Selection("default", "en", None, paper))
    assert [t.length for t in targets] == ["booklet"]  # --paper alone: the lengths that come in that paper
    assert plan_saddle(shipped, targets) == targets


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_full_sheet_booklet_is_a_located_error_naming_the_papers_that_impose(shipped, paper):
    targets = plan_targets(shipped, Selection("default", "en", "booklet", paper))
    with pytest.raises(BrochureError) as info:
        plan_saddle(shipped, targets)
    [problem] = info.value.problems
    assert problem.message.startswith(f"a {paper} booklet cannot be imposed two-up")
    assert problem.location.file.endswith("layouts/booklet.yaml")
    assert "--paper half-letter" in problem.fix and "--paper a5" in problem.fix


def test_flyers_and_trifolds_are_left_out_and_a_selection_without_a_booklet_is_an_error(shipped):
    flat = plan_targets(shipped, Selection("default", "en", "flyer", "letter"))
    flat += plan_targets(shipped, Selection("default", "en", "trifold", "a4"))
    booklet = plan_targets(shipped, Selection("default", "en", "booklet", "a5"))
    assert plan_saddle(shipped, flat + booklet) == booklet
    with pytest.raises(BrochureError) as info:
        plan_saddle(shipped, flat)
    assert [p.message for p in info.value.problems] == [
        "--impose saddle: nothing to impose (no booklet in this selection)"
    ]


def test_a_booklet_too_large_for_the_sheet_is_a_located_problem_not_a_value_error(tmp_path):
    proj = Project(ROOT, overrides=overrides.parse(["layout.trim.a5=[6.5in, 9in]"]))
    targets = plan_targets(proj, Selection("default", "en", "booklet", "a5"))
    with pytest.raises(BrochureError) as info:  # BrochureError, never the PageTooLargeError (a ValueError) beneath
        plan_saddle(proj, targets)
    [problem] = info.value.problems
    assert str(problem.location) == "--set layout.trim.a5"
    assert "a 6.50 × 9.00 in page does not fit half of a 11.69 × 8.27 in sheet" in problem.message
    assert problem.fix.startswith("make the a5 page at most 5.85 × 8.27 in (`trim.a5`)")


def _booklet(path: Path, pages: int = 4, size=(5.5 * 72, 8.5 * 72)) -> Path:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size, invariant=1)
    for i in range(pages):
        c.drawString(72, 72, f"page {i + 1}")
        c.showPage()
    c.save()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())
    return path


def _outcome(target: Target, *, built: Path | None = None, skipped: bool = False, problems=()):
    return SimpleNamespace(
        target=target, built=SimpleNamespace(path=built) if built else None, skipped=skipped, problems=list(problems)
    )


def _writer(written: dict):
    def write(path: Path, data: bytes) -> None:
        written[path] = data
        path.write_bytes(data)

    return write


def test_impose_built_writes_built_booklets_and_keeps_a_saddle_file_newer_than_its_up_to_date_booklet(tmp_path):
    proj = Project(ROOT)
    out = tmp_path / "dist"
    fresh, current, stale, failed, unwanted = (
        Target("default", lang, "booklet", "half-letter") for lang in ("en", "es", "ar", "fr", "de")
    )
    fresh_pdf = _booklet(fresh.path(out))
    for t in (current, stale, unwanted):
        _booklet(t.path(out))
    _booklet(imposed_path(current.path(out)))  # newer than its booklet: kept
    old = imposed_path(stale.path(out))
    _booklet(old)
    os.utime(old, (1_000_000, 1_000_000))  # older than its booklet: imposed again
    outcomes = [
        _outcome(fresh, built=fresh_pdf),
        _outcome(current, skipped=True),
        _outcome(stale, skipped=True),
        _outcome(failed, problems=["it did not build"]),
        _outcome(unwanted, skipped=True),
    ]
    written: dict[Path, bytes] = {}
    done: list[Imposed] = []
    problems = impose_built(proj, outcomes, [fresh, current, stale, failed], out, _writer(written), done.append)
    assert problems == []
    assert sorted(written) == sorted([imposed_path(fresh_pdf), old])
    assert [(d.path, d.sheets, d.sheet_name) for d in done] == [
        (imposed_path(fresh_pdf), 1, "Letter"),
        (old, 1, "Letter"),
    ]
    with pikepdf.open(old) as pdf:
        assert [float(v) for v in pdf.pages[0].mediabox] == [0, 0, 792, 612]  # two-up on a landscape Letter sheet


def test_impose_built_reports_a_page_too_large_at_the_layout_and_writes_nothing(tmp_path):
    proj = Project(ROOT)
    out = tmp_path / "dist"
    target = Target("default", "en", "booklet", "a5")
    pdf = _booklet(target.path(out), size=(6.5 * 72, 9 * 72))
    written: dict[Path, bytes] = {}
    problems = impose_built(proj, [_outcome(target, built=pdf)], [target], out, _writer(written))
    assert written == {}
    [problem] = problems
    assert problem.location.file.endswith("layouts/booklet.yaml")
    assert "the a5 booklet cannot be imposed: a 6.50 × 9.00 in page does not fit half" in problem.message


def test_one_target_defaults_as_serve_documents(shipped):
    t = one_target(shipped, Selection())
    assert (t.brand, t.lang, t.length, t.paper) == (shipped.brands()[0], "en", "booklet", "letter")
    assert one_target(shipped, Selection("harbor-light", "es", "trifold", None)) == Target(
        "harbor-light", "es", "trifold", "letter"
    )
    # a paper given is taken as it is, even one the brand does not list
    assert one_target(shipped, Selection("default", "en", "booklet", "a5")).paper == "a5"


def test_one_target_picks_the_brands_first_paper_the_layout_comes_in(tmp_path):
    from tests.conftest import copy_project

    root = copy_project(tmp_path / "proj")
    brand = root / "assets/brands/default.yaml"
    brand.write_text(brand.read_text().replace("papers: [letter, a4]", "papers: [a5, a4]"))
    proj = Project(root)
    assert one_target(proj, Selection("default", None, "flyer", None)).paper == "a4"  # the flyer has no A5
    assert one_target(proj, Selection("default", None, "booklet", None)).paper == "a5"


def test_review_record_signs_off_every_printed_text_of_every_brand_once(tmp_path):
    import datetime

    from brochure.checks import review
    from tests.conftest import copy_project

    proj = Project(copy_project(tmp_path / "proj"))
    path, count = review.record(proj, "en", "Dr. Ana Ruiz, MD", datetime.date(2026, 12, 2))
    assert path == proj.root / "reviews" / "en.yaml"
    record = review.read_record(path, str(path))
    assert record["reviewed_by"] == "Dr. Ana Ruiz, MD" and len(record["texts"]) == count
    handout = proj.load_handout("en")
    assert {k for k in record["texts"] if k.startswith("brand.")} >= {f"brand.{b}:name" for b in proj.brands()}
    for name in proj.brands():
        assert review.status(proj.root, proj.shown, handout, proj.load_brand(name)).changes == ()
