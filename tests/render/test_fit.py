"""The type-size search for fixed layouts: same answer as stepping down one by one, in fewer layouts."""

import math

import pytest

from brochure.render.fit import smallest_fitting_step


@pytest.mark.parametrize("steps", range(0, 10))
def test_finds_the_first_step_that_fits_in_few_layouts(steps):
    for threshold in range(0, steps + 2):  # steps + 1: nothing fits, not even the minimum
        calls = []

        def fits(k, threshold=threshold, calls=calls):
            calls.append(k)
            return k >= threshold

        assert smallest_fitting_step(steps, fits) == min(threshold, steps)
        assert len(calls) <= 1 + math.ceil(math.log2(max(steps, 1)))
        assert all(0 <= k <= steps for k in calls)
        assert len(set(calls)) == len(calls), "a step was laid out twice"


def test_a_handout_that_fits_as_designed_is_laid_out_once():
    calls = []
    assert smallest_fitting_step(8, lambda k: calls.append(k) or True) == 0
    assert calls == [0]


@pytest.mark.parametrize(("lang", "length"), [("es", "flyer"), ("tl", "trifold"), ("ar", "flyer")])
def test_trial_layouts_without_drawing_find_the_same_overflow_as_drawing(lang, length):
    """The search lays out without drawing; that is only sound if drawing never changes the layout."""
    from pathlib import Path

    from brochure.batch.target import prepare
    from brochure.inputs.project import Project
    from brochure.inputs.targets import Target
    from brochure.render.engines.fixed import _draw_at

    ctx = prepare(Project(Path(__file__).resolve().parents[2]), Target("default", lang, length, "letter"))
    meta = {"title": "t", "author": "a", "subject": "s", "creator": "c", "producer": "p", "lang": lang}
    meta["initialFontName"] = ctx.brand.body.font_name("Regular")
    t = ctx.layout.type
    for size in (t.body, (t.body + t.min_body) / 2, t.min_body):
        drawn = _draw_at(ctx, meta, size / t.body, draw=True)[2]
        laid_out = _draw_at(ctx, meta, size / t.body, draw=False)[2]
        assert [(o.frame, o.page, round(o.height, 3)) for o in laid_out] == [
            (o.frame, o.page, round(o.height, 3)) for o in drawn
        ]
