"""The shipped English content: what `brochure check` does not ask of every handout.

Reading level, crisis callouts, forbidden phrases, the esketamine/off-label
statement and sources are rules of `brochure check` (tests/test_checks.py
shows the shipped project passes it with --strict); these are stricter
promises this handout makes.
"""

from __future__ import annotations

from brochure.inline import plain
from brochure.project import Project
from tests.conftest import ROOT

HANDOUT = Project(ROOT).load_handout("en")


def test_every_crisis_callout_gives_the_988_line():
    crisis = [
        b.callout for _, s in HANDOUT.sections for b in s.body if b.kind == "callout" and b.callout.kind == "crisis"
    ]
    assert len(crisis) >= 2 and all("988" in plain(c.text) for c in crisis)


def test_every_section_opens_with_a_summary_and_three_to_five_key_points():
    for _, s in HANDOUT.sections:
        assert 3 <= len(s.key_points) <= 5 and len(s.summary.split()) <= 45


def test_every_listed_source_is_cited_and_every_cited_source_is_listed():
    used = {src for _, s in HANDOUT.sections for src in s.sources}
    assert used == set(HANDOUT.manifest.sources)
