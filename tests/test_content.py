"""The shipped English content: reading level, crisis lines, honest wording, sources."""

from __future__ import annotations

import re

import pytest

from brochure import readability
from brochure.inline import plain
from brochure.project import Project
from tests.conftest import ROOT

HANDOUT = Project(ROOT).load_handout("en")
NEVER = ["cure", "cures", "rewires the brain", "miracle", "breakthrough", "fda-approved ketamine for depression"]


def section_text(section) -> str:
    parts = [section.title, section.summary, *section.key_points]
    for b in section.body:
        value = getattr(b, b.kind)
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            parts += value
        else:
            parts += [value.title or "", value.text]
    return plain(" ".join(parts))


def test_reading_level_is_within_the_manifest_limits():
    scores, problems = readability.check(HANDOUT)
    assert problems == [] and all(s.value <= s.limit for s in scores if s.formula.key == "flesch_kincaid")


@pytest.mark.parametrize(("sid", "section"), HANDOUT.sections, ids=[s for s, _ in HANDOUT.sections])
def test_suicide_is_never_mentioned_without_a_crisis_line_callout(sid, section):
    if re.search(r"suicid", section_text(section), re.I):
        crisis = [b.callout for b in section.body if b.kind == "callout" and b.callout.kind == "crisis"]
        assert crisis and all("988" in c.text for c in crisis), sid


def test_no_hype_words_anywhere():
    everything = " ".join(section_text(s) for _, s in HANDOUT.sections).lower()
    for phrase in NEVER:
        assert not re.search(rf"\b{re.escape(phrase)}\b", everything), phrase


def test_esketamine_and_off_label_ketamine_are_kept_apart():
    text = " ".join(section_text(s) for sid, s in HANDOUT.sections if sid in ("science", "treatment"))
    assert "esketamine" in text.lower() and "off-label" in text.lower()
    assert re.search(r"not FDA-approved for depression", text)


def test_every_listed_source_is_used_and_every_citation_has_a_year():
    used = {src for _, s in HANDOUT.sections for src in s.sources}
    assert used == set(HANDOUT.manifest.sources)
    for source in HANDOUT.manifest.sources.values():
        assert str(source.year) in source.citation


def test_every_section_opens_with_a_summary_and_three_to_five_key_points():
    for _, s in HANDOUT.sections:
        assert 3 <= len(s.key_points) <= 5 and len(s.summary.split()) <= 45
