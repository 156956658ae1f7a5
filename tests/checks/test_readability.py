"""Reading level: the formula made for each language, per section and for the flyer/tri-fold text."""

from __future__ import annotations

import json

from brochure.checks import readability
from brochure.inputs.project import Project
from tests.conftest import ROOT, run

EN_FK = readability.FORMULAS["en"][0]


def test_formulas_by_language_and_none_for_the_others():
    assert [f.key for f in readability.formulas_for("en")] == ["flesch_kincaid", "smog"]
    assert [f.key for f in readability.formulas_for("en-GB")] == ["flesch_kincaid", "smog"]
    assert [f.key for f in readability.formulas_for("es")] == ["fernandez_huerta", "szigriszt_pazos"]
    assert readability.formulas_for("zh-Hans") == () and readability.formulas_for("ru") == ()


def test_harder_text_scores_a_higher_grade():
    easy = readability.as_textstat_input(["The cat sat on the mat.", "It was warm."])
    hard = readability.as_textstat_input(
        ["Pharmacological antagonism of glutamatergic receptors precipitates synaptogenesis in experimental animals."]
    )
    assert readability.measure(EN_FK, easy) < 3 < 12 < readability.measure(EN_FK, hard)


def test_dots_inside_a_sentence_do_not_end_it_and_titles_do():
    text = readability.as_textstat_input(["Chat at 988lifeline.org within 1.5 hours.", "Who should not have it"])
    assert text == "Chat at 988lifelineorg within 15 hours. Who should not have it."


def test_shipped_english_sections_are_within_the_manifest_limits():
    handout = Project(ROOT).load_handout("en")
    scores, problems = readability.check(handout)
    assert problems == []
    fk = [s for s in scores if s.formula.key == "flesch_kincaid"]
    assert len(fk) == 12 and all(s.value <= s.limit for s in fk)
    assert {s.limit for s in fk if s.scope == "section"} == {8} and {s.limit for s in fk if s.scope == "short"} == {7}


def test_languages_without_a_formula_get_no_score():
    scores, problems = readability.check(Project(ROOT).load_handout("zh-Hans"))
    assert problems == [] and len(scores) == 6 and all(s.formula is None and s.value is None for s in scores)


def test_spanish_uses_fernandez_huerta_and_szigriszt_pazos(project):
    res = run("check", "--format", "json")
    report = json.loads(res.output)
    es = [s for s in report["readability"] if s["lang"] == "es"]
    assert {s["formula"] for s in es} == {"fernandez_huerta", "szigriszt_pazos"} and len(es) == 24
    assert all(s["higher_is_easier"] and 40 < s["score"] < 100 for s in es)
    assert all(s["limit"] in (55, 60, 65) for s in es)
    assert "F-H ≥60" in run("check").output


def test_spanish_over_its_ease_limit_is_reported(project):
    manifest = project / "content/handout.yaml"
    manifest.write_text(
        manifest.read_text().replace("fernandez_huerta: {section: 60,", "fernandez_huerta: {section: 95,")
    )
    report = json.loads(run("check", "--format", "json").output)
    hits = [f for f in report["findings"] if f["rule"] == "readability.section" and f["file"].startswith("content/es/")]
    assert len(hits) == 6 and "it should be at least 95" in hits[0]["message"]
