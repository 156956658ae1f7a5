"""Plain-language rules on small texts, with the English rule words shipped in content/en/language.yaml."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from brochure.checks import plainlang
from brochure.errors import Location
from brochure.inputs.models import GlossaryEntry, Section
from brochure.inputs.project import Project
from tests.conftest import ROOT

EN = Project(ROOT).load_handout("en")
RULES = EN.language.plain_language


class Doc:
    shown_as = "content/en/x.yaml"

    def value_at(self, path):
        return Location(self.shown_as, 1, 1)


def handout(body: list[str], terms: list[str], summary: str = "A short summary.") -> SimpleNamespace:
    section = Section(
        title="A title",
        summary=summary,
        key_points=["One.", "Two.", "Three."],
        body=[{"paragraph": p} for p in body],
    )
    glossary = [GlossaryEntry(term=t, definition="A definition.") for t in terms]
    return SimpleNamespace(
        sections=[("x", section)],
        docs={"x": Doc()},
        text=SimpleNamespace(glossary=glossary),
        manifest=EN.manifest,
        language=EN.language,
    )


def rules_hit(h) -> list[str]:
    return [p.rule for p in plainlang.check(h)]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Only 41% of people improved.", True),
        ("About 4 in 10 people (41%) improved.", False),
        ("About 2 in 10 people (20%) had headaches, but almost as many on placebo (17%).", False),
        ("41% (about 4 in 10 people) improved.", True),  # the number must come second, in brackets
        ("About 1/3 of people felt dizzy.", True),
        ("About ½ of people felt dizzy.", True),
        ("The line is open 24/7.", False),
        ("Take 0.5 mg/kg.", False),
        ("About 4 in 10 people（41%）improved.", False),  # the full-width brackets of Chinese and Japanese
        ("About 4 in 10 people improved; 41%（ ）.", True),
    ],
)
def test_numbers_need_words(text, flagged):
    assert ("plain.bare-number" in rules_hit(handout([text], []))) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Do NOT DRIVE after a session.", True),
        ("The FDA requires REMS for NMDA and PTSD care with SPRAVATO.", False),
        ("Call 911 NOW.", False),  # three letters: short enough to read
    ],
)
def test_all_caps(text, flagged):
    assert ("plain.all-caps" in rules_hit(handout([text], []))) is flagged


def test_long_sentences_over_the_manifest_limit():
    words = " ".join(["word"] * 25)
    assert "plain.long-sentence" not in rules_hit(handout([f"{words}."], []))
    (hit,) = [p for p in plainlang.check(handout([f"{words} more."], [])) if p.rule == "plain.long-sentence"]
    assert hit.message.startswith("sentence has 26 words (limit 25)")


@pytest.mark.parametrize(
    ("text", "defined"),
    [
        ("Ketamine often causes dissociation. This means you feel cut off.", True),
        ("Dissociation is a feeling of being cut off.", True),
        ("It can cause a feeling called dissociation.", True),
        ("You may feel cut off (dissociation) for a while.", True),
        ("It can cause dissociation (feeling cut off).", True),
        ("It can cause dissociation, a feeling of being cut off.", True),
        ("It acts on a different feeling, dissociation.", True),
        ("Ketamine often causes dissociation. It passes soon.", False),
    ],
)
def test_a_term_is_explained_where_it_is_first_used(text, defined):
    assert ("plain.undefined-term" not in rules_hit(handout([text], ["dissociation"]))) is defined


def test_first_use_counts_even_when_a_later_sentence_defines_it():
    h = handout(["Dissociation is feeling cut off."], ["dissociation"], summary="It causes dissociation. It passes.")
    (hit,) = [p for p in plainlang.check(h) if p.rule == "plain.undefined-term"]
    assert hit.message == '`dissociation` is used before it is explained: "It causes dissociation."'
    assert hit.field == "summary"


def test_acronym_terms_match_exactly_and_plurals_count():
    assert "plain.undefined-term" not in rules_hit(handout(["Ivy grows here."], ["IV"]))
    assert "plain.undefined-term" in rules_hit(handout(["Antidepressants help some people."], ["antidepressant"]))


def test_languages_without_rules_are_not_linted():
    h = handout(["Only 41% of people improved. Do NOT DRIVE."], [])
    h.language = Project(ROOT).load_handout("ru").language
    assert plainlang.check(h) == []


def test_a_language_without_spaces_counts_sentence_length_in_characters():
    """UAX #29 makes each kanji a word, so a word limit would flag every Japanese sentence: ja counts characters."""
    rules = RULES.model_copy(update={"max_sentence_chars": 20})
    h = handout(["短い文です。", "これはとても長い文で、二十文字をはっきりと超えてしまっています。"], [])
    h.language = EN.language.model_copy(update={"plain_language": rules})
    found = [p.message for p in plainlang.check(h) if p.rule == "plain.long-sentence"]
    assert len(found) == 1 and "characters (limit 20)" in found[0] and "長い文" in found[0]
