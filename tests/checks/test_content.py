"""The shipped English content: what `brochure check` does not ask of every handout.

Reading level, crisis callouts, forbidden phrases, the esketamine/off-label
statement and sources are rules of `brochure check` (tests/checks/test_checks.py
shows the shipped project passes it with --strict); these are stricter
promises this handout makes.
"""

from __future__ import annotations

import re

from brochure.inputs.project import Project
from brochure.text import prose
from brochure.text.inline import plain
from tests.conftest import ROOT

HANDOUT = Project(ROOT).load_handout("en")


def test_crisis_callouts_are_a_lead_text_without_numbers():
    # the country's crisis lines are printed under a crisis callout by the software, not typed in it
    crisis = [
        b.callout for _, s in HANDOUT.sections for b in s.body if b.kind == "callout" and b.callout.kind == "crisis"
    ]
    assert len(crisis) >= 2 and not any(re.search(r"\d", plain(c.text)) for c in crisis)


def test_no_literal_crisis_number_only_placeholders_after_call():
    texts = [p.text for _, s in HANDOUT.sections for p in prose.pieces(s)]
    m = HANDOUT.manifest
    texts += [prose.fold(t) for t in (m.main_message, m.call_to_action, m.disclaimer)]
    texts += [prose.fold(t) for t in (m.essentials.points if m.essentials else [])]
    joined = " ".join(texts)
    assert not re.search(r"988|911|lifeline\.org", joined, re.IGNORECASE)
    assert "{crisis}" in joined and "{emergency}" in joined
    assert not re.search(r"(?<!call )\{(crisis|emergency)\}", joined, re.IGNORECASE)


def test_every_section_opens_with_a_summary_and_three_to_five_key_points():
    for _, s in HANDOUT.sections:
        assert 3 <= len(s.key_points) <= 5 and len(s.summary.split()) <= 45


def test_every_listed_source_is_cited_and_every_cited_source_is_listed():
    used = {src for _, s in HANDOUT.sections for src in s.sources}
    assert used == set(HANDOUT.manifest.sources)
