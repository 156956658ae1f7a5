"""The draft notice ends each sentence the way its language does (issue 17: "草稿：…审核." had an ASCII stop)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from brochure.render.notice import notice_text


@pytest.mark.parametrize(
    ("notices", "expected"),
    [
        (["Draft: not reviewed", "Not yet reviewed."], "Draft: not reviewed. Not yet reviewed."),
        (["草稿：尚未审核", "本译文尚未审核。"], "草稿：尚未审核。本译文尚未审核。"),
        (["मसौदा: अभी डॉक्टर ने नहीं देखा"], "मसौदा: अभी डॉक्टर ने नहीं देखा।"),
        (["مسودة: لم يراجعها طبيب بعد"], "مسودة: لم يراجعها طبيب بعد."),
    ],
)
def test_each_notice_ends_with_its_languages_full_stop(notices, expected):
    assert notice_text(SimpleNamespace(notices=notices)) == expected
