"""Medical-safety rules with each shipped language's own words (content/<lang>/language.yaml `safety:`)."""

from __future__ import annotations

import pytest

from brochure.checks import printed, safety
from brochure.inputs.project import Project
from brochure.text import prose
from tests.conftest import ROOT

PROJECT = Project(ROOT)


@pytest.mark.parametrize("lang", PROJECT.languages())
def test_every_shipped_language_passes_and_its_words_find_what_they_should(lang):
    handout = PROJECT.load_handout(lang)
    rules = handout.language.safety
    assert rules is not None and safety.check(handout) == []
    terms = [prose.phrase_pattern(t) for t in rules.crisis_terms]
    mentions = {sid for sid, s in handout.sections if any(t.search(p.text) for p in prose.pieces(s) for t in terms)}
    # the term list finds suicide where the text speaks of it (safety: the antidepressant warning, from v2.0)
    assert {"conditions", "conclusion"} <= mentions <= {"conditions", "safety", "conclusion"}
    (distinction,) = rules.must_say
    treatment = " ".join(p.text for p in prose.pieces(dict(handout.sections)["treatment"]))
    assert all(printed.says_one(treatment, phrases) for phrases in distinction.phrases)
