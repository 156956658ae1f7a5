"""Reading text the way the checks do: pieces in reading order, sentences, words, phrases."""

from __future__ import annotations

import pytest

from brochure.inputs.project import Project
from brochure.text import prose
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It is open 24/7. You can chat at 988lifeline.org. Call 911.", 3),
        ("They pass within about 1.5 to 2 hours. Then you go home.", 2),
        ("Ask your team, e.g. your nurse. Then decide.", 2),
        ('He said "Stop." Then he left.', 2),
        ("Who should not have Spravato", 1),  # a heading: no full stop, still one sentence
        ("氯胺酮可能很快减轻自杀念头。效果最多持续 1 周。", 2),
        ("Кетамин действует по-другому. Он влияет на глутамат.", 2),
    ],
)
def test_sentences(text, expected):
    assert len(prose.sentences(text)) == expected


def test_words_count_numbers_and_hyphenated_words_once():
    assert prose.words("Feeling dream-like (dissociation): about 4 in 10 people (41%), don't worry.") == [
        "Feeling",
        "dream-like",
        "dissociation",
        "about",
        "4",
        "in",
        "10",
        "people",
        "41",
        "don't",
        "worry",
    ]


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        ("cure", "It is not a cure.", True),
        ("cure", "Cures are rare.", True),
        ("cure", "Keep it secure.", False),
        ("suicid", "suicidal thoughts", True),
        ("rewires the brain", "it rewires\n  the brain", True),
        ("自杀", "减轻自杀念头", True),  # Chinese has no spaces between words: match anywhere
        ("자살", "자살할 생각", True),
        ("самоубийств", "мысли о самоубийстве", True),
        ("tự tử", "ý nghĩ Tự tử", True),
        ("हत्या", "आत्महत्या", False),  # inside a word: म is a letter
        ("िकत्सा", "चिकित्सा", False),  # never after a vowel sign inside a word (re saw a word start there)
        ("चिकित्सा", "यह चिकित्सा", True),
    ],
)
def test_phrases_start_a_word_in_spaced_scripts_and_match_anywhere_in_cjk(phrase, text, found):
    assert bool(prose.phrase_pattern(phrase).search(text)) is found


def test_pieces_follow_reading_order_with_marks_removed():
    handout = Project(ROOT).load_handout("en")
    items = list(prose.pieces(dict(handout.sections)["science"]))
    assert [p.part for p in items[:3]] == ["title", "summary", "key_points"]
    assert items[0].kind == "heading" and items[0].path == ("title",)
    assert all("**" not in p.text and "\n" not in p.text for p in items)
    assert any(p.path == ("body", 1, "paragraph") and "glutamate, another messenger" in p.text for p in items)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # issue 17: `re` split Hindi words at their vowel signs (चिकित्सा -> च, क, त, स), so the plain-language
        # check counted a six-word sentence as twelve words
        ("यह चिकित्सा कठिन है।", ["यह", "चिकित्सा", "कठिन", "है"]),
        ("آیا این درمان برای شما می‌شود؟", ["آیا", "این", "درمان", "برای", "شما", "می\u200cشود"]),
        ("Don’t drive for 2.5 hours.", ["Don’t", "drive", "for", "2.5", "hours"]),
    ],
)
def test_words_follow_unicode_word_boundaries(sentence, expected):
    assert prose.words(sentence) == expected


def test_devanagari_danda_ends_a_sentence():
    assert prose.sentences("यह चिकित्सा कठिन है। आप डॉक्टर से बात करें।") == ["यह चिकित्सा कठिन है।", "आप डॉक्टर से बात करें।"]
