"""Sources: every listed source is cited by a section, each citation says its year, DOIs look like DOIs.

An id a section cites that the manifest lacks is a validation error (project.py);
these are the checks that need the whole handout.
"""

from __future__ import annotations

import re

from brochure.errors import Problem
from brochure.inputs.project import Handout

# Crossref's pattern for modern DOIs (it matches nearly all of them); anything else is probably a typo
CROSSREF_DOI = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Z0-9]+$", re.IGNORECASE)


def check(handout: Handout) -> list[Problem]:
    """Run on the source language: translations keep the same `sources:` lists (see translations.py)."""
    manifest, mdoc = handout.manifest, handout.docs["manifest"]
    cited = {src for _, section in handout.sections for src in section.sources}
    problems = []
    for sid, source in manifest.sources.items():
        if sid not in cited:
            problems.append(
                Problem(
                    f"source `{sid}` is listed but no section cites it",
                    mdoc.where(("sources", sid)),
                    f"sources.{sid}",
                    fix="add it to the `sources:` of the section that uses it, or remove it from the manifest",
                    severity="warning",
                    rule="sources.unused",
                )
            )
        if str(source.year) not in source.citation:
            problems.append(
                Problem(
                    f"the citation of `{sid}` does not say its year ({source.year})",
                    mdoc.value_at(("sources", sid, "citation")),
                    f"sources.{sid}.citation",
                    fix="write the year into the citation as the journal gives it, e.g. `Am J Psychiatry. 2019;176(6)`",
                    severity="warning",
                    rule="sources.year",
                )
            )
        if source.doi and (not CROSSREF_DOI.match(source.doi) or source.doi[-1] in ".,;:"):
            problems.append(
                Problem(
                    f"DOI `{source.doi}` of `{sid}` is not well formed",
                    mdoc.value_at(("sources", sid, "doi")),
                    f"sources.{sid}.doi",
                    fix="copy the DOI exactly as doi.org shows it: 10.NNNN/suffix, without a trailing full stop",
                    severity="warning",
                    rule="sources.doi",
                )
            )
    return problems
