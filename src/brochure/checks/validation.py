"""Load and check everything one target needs, drawing nothing: what `brochure check` runs for every target.

read → validate (models, fonts, glyph coverage, scripts and their shaping, the sign-off, the region's crisis lines,
what the length must print);
`build.target.prepare` adds the page plan on top. No rendering code is imported here, nor ReportLab: fonts are
read with fontTools (`fonts.verify`, `fonts.file_coverage`); a build registers them with ReportLab afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass

from brochure.checks import coverage, review, safety, scriptcheck
from brochure.errors import BrochureError, Problem
from brochure.inputs import brandtext, crisis
from brochure.inputs.models import Layout
from brochure.inputs.project import Handout, LoadedBrand, Project
from brochure.inputs.targets import Target
from brochure.inputs.validate import collect
from brochure.media import fonts


@dataclass(frozen=True)
class Validated:
    handout: Handout  # with the brand region's crisis lines filled in
    brand: LoadedBrand
    layout: Layout  # as its file declares it, before the paper's own margins and type
    fallback: list[fonts.Family]
    signed: review.Status  # the clinician's sign-off, bound to the text as written (before filling)
    warnings: tuple[Problem, ...] = ()  # printed, never fatal: brand text with no translation (`brand.untranslated`)


def validate(project: Project, target: Target) -> Validated:
    """Every problem a build of `target` would stop at before drawing; raises BrochureError."""
    handout, brand, (layout, _) = collect(
        lambda: project.load_handout(target.lang),
        lambda: project.load_brand(target.brand),
        lambda: project.load_layout(target.length),
    )
    lang_doc = handout.docs["language"]
    fallback: list[fonts.Family] = []
    problems: list[Problem] = []
    for i, name in enumerate(handout.language.fallback_fonts):
        family, problem = project.font_family(name, lang_doc, ("fallback_fonts", i))
        if problem:
            problems.append(problem)
        elif family is not None:  # font_family returns one of the two
            fallback.append(family)
    if problems:
        raise BrochureError(problems)
    chains = [[(f, "Regular") for f in (brand.body, *fallback)], [(f, "Bold") for f in (brand.heading, *fallback)]]
    # characters the layouts add themselves: bullets, list numbers, page numbers
    drawn = [(lang_doc.where(), "\u2022 0123456789.:/")]
    brand_doc = brandtext.text_doc(brand.doc, target.lang)
    problems = coverage.check([*handout.docs.values(), brand_doc], drawn, chains)
    problems += scriptcheck.check([*handout.docs.values(), brand_doc], chains)
    if problems:
        raise BrochureError(problems)
    signed = review.status(project.root, project.shown, handout, brand)  # the text as written, before filling
    brand, warnings = brandtext.localize(brand, target.lang)  # its text in the handout's language
    handout = crisis.fill_handout(handout, brand.region)
    problems = safety.length_problems(target.length, layout, project.load_layout(target.length)[1], handout, brand)
    if problems:
        raise BrochureError(problems)
    return Validated(handout, brand, layout, fallback, signed, tuple(warnings))
