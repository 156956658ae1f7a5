"""Brand and layout checks that do not stop a build: a missing logo, type too small to read.

Contrast is checked when a brand loads (contrast.py) and fails it outright.
The type limits match the README: 10 pt is the smallest body size we consider
readable for older patients in short panel text; 7 pt for small print.
"""

from __future__ import annotations

from itertools import product

from brochure.errors import BrochureError, Problem
from brochure.inputs.models import TypeScale
from brochure.inputs.project import Project

MIN_BODY = 10.0  # pt, for `type.body` and `type.min_body`
MIN_SMALL = 7.0  # pt, for `type.small` (version line, disclaimer)


def check(project: Project, brands: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    for name in brands:
        try:
            loaded = project.load_brand(name)
        except BrochureError as exc:
            problems += exc.problems
            continue
        if not loaded.brand.logo:
            problems.append(
                Problem(
                    f"brand `{name}` has no logo; handouts show the clinic name alone",
                    loaded.doc.where(("name",)),
                    "logo",
                    fix="add `logo: ../logos/<file>.png` (a PNG or JPEG in the project)",
                    severity="warning",
                    rule="brand.logo",
                )
            )
    for name in project.layouts():
        try:
            layout, doc = project.load_layout(name)
        except BrochureError as exc:
            problems += exc.problems
            continue
        # the layout's type, and the type a paper size replaces it with (half-letter, A5)
        scales: list[tuple[tuple[str, ...], TypeScale]] = [((), layout.type)]
        scales += [(("per_paper", paper), adj.type) for paper, adj in (layout.per_paper or {}).items() if adj.type]
        for (prefix, scale), (key, minimum) in product(
            scales, (("body", MIN_BODY), ("min_body", MIN_BODY), ("small", MIN_SMALL))
        ):
            size = getattr(scale, key)
            path = (*prefix, "type", key)
            if size < minimum:
                problems.append(
                    Problem(
                        f"layout `{name}`: `{'.'.join(path)}` is {size:g} pt; below {minimum:g} pt many patients "
                        "cannot read it",
                        doc.value_at(path),
                        ".".join(path),
                        fix=f"use at least {minimum:g} pt (12 pt body where space allows) and shorten the "
                        "content to fit instead",
                        severity="warning",
                        rule="layout.type-size",
                    )
                )
    return problems
