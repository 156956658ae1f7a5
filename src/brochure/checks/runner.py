"""`brochure check`: every check on a project, gathered into one report; nothing is drawn.

First validation (every brand × language × length, as a build would load it);
if that fails, the content checks would read broken data, so they wait. Then
translations, brands and layouts, sources, and per language: readability,
plain language and medical safety.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from brochure.checks import brandcheck, citations, plainlang, readability, review, safety, translations
from brochure.checks.readability import Score
from brochure.checks.validation import validate
from brochure.errors import BrochureError, Problem
from brochure.inputs.project import Project
from brochure.inputs.targets import Selection, plan_targets


@dataclass
class CheckResult:
    problems: list[Problem] = field(default_factory=list)
    scores: list[Score] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    brands: list[str] = field(default_factory=list)
    validated: bool = False  # False: validation failed, content checks did not run

    def count(self, severity: str) -> int:
        return sum(p.severity == severity for p in self.unique())

    def unique(self) -> list[Problem]:
        """Sorted, and the same problem found through two targets once."""
        return list(dict.fromkeys(sorted(self.problems, key=Problem.sort_key)))

    def failed(self, strict: bool) -> bool:
        return self.count("error") > 0 or (strict and self.count("warning") > 0)


def run(project: Project) -> CheckResult:
    result = CheckResult()
    try:
        targets = plan_targets(project, Selection())
    except BrochureError as exc:
        result.problems = exc.problems
        return result
    result.languages = sorted({t.lang for t in targets})
    result.brands = sorted({t.brand for t in targets})
    validated: set[tuple[str, str, str]] = set()
    warnings: list[Problem] = []  # what a build would print and still write (brand text left untranslated)
    for t in targets:
        if (t.brand, t.lang, t.length) in validated:
            continue  # validation reads no paper size: the same problems for every paper of a length
        validated.add((t.brand, t.lang, t.length))
        try:
            warnings += validate(project, t).warnings
        except BrochureError as exc:
            result.problems += exc.problems
    if result.problems:
        return result
    result.validated = True
    result.problems += warnings
    result.problems += translations.report(project)
    result.problems += brandcheck.check(project, result.brands)
    result.problems += safety.every_length(project, result.languages, result.brands)
    result.problems += review.report(project, result.languages, result.brands)
    source = project.load_manifest()[0].source_language
    for lang in result.languages:
        handout = project.load_handout(lang)
        if lang == source:
            result.problems += citations.check(handout)
        scores, problems = readability.check(handout)
        result.scores += scores
        result.problems += problems + plainlang.check(handout) + safety.check(handout)
    return result
