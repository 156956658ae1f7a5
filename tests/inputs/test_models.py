"""The layout model's script-specific type scale (`TypeScale.for_script`)."""

from __future__ import annotations

import pytest

from brochure.inputs.models.layout import TypeScale


def test_arabic_script_scales_the_design_so_its_minimum_is_13_pt():
    t = TypeScale(body=12, min_body=11, small=9, h3=14, h2=20).for_script("Arab")
    assert t.min_body == 13
    assert t.body == pytest.approx(12 * 13 / 11, abs=0.01)
    assert t.small == pytest.approx(9 * 13 / 11, abs=0.01)
    assert t.h3 >= t.body * 1.1 - 0.01 and t.h2 == 20  # headings stay above their text


@pytest.mark.parametrize("script", ["Latn", "Cyrl", "Grek"])
def test_latin_cyrillic_and_greek_keep_the_layouts_sizes(script):
    t = TypeScale(body=12, min_body=11)
    assert t.for_script(script) is t


def test_a_layout_may_ask_for_no_script_sizes_or_its_own():
    assert TypeScale(min_body=11, script_min_body={}).for_script("Arab").min_body == 11
    assert TypeScale(min_body=11, script_min_body={"Hang": 12.5}).for_script("Hang").min_body == 12.5
    assert TypeScale(min_body=14).for_script("Hani").min_body == 14  # already larger: nothing to scale


def test_a_script_code_is_iso_15924():
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        TypeScale(script_min_body={"arabic": 13})
