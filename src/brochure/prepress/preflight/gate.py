"""The preflight a build runs on its own bytes before writing them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Finding
from .rules import inspect, pages_text

# the one rule a build reports itself, as a warning at the logo's file:line with the pixels it needs, and writes
# the file all the same (README: Adding a brand); preflight still fails such a file for the profile
BUILD_WARNS = {"image.low-ppi"}

if TYPE_CHECKING:
    from brochure.errors import Problem
    from brochure.render.context import RenderContext


def gate(pdf: bytes, ctx: RenderContext) -> list[Problem]:
    """What `brochure build` runs before writing: the errors this preflight finds for the same profile.

    A build never writes a PDF that `brochure preflight --profile P --layout L` would reject, except for
    a logo too coarse for the profile (BUILD_WARNS), which the build itself warns about.
    """
    from brochure.errors import Location, Problem

    report = inspect(pdf, ctx.profile, ctx.layout, mirrored=False)  # ctx.layout is already the sheet's own
    by_rule: dict[str, list[Finding]] = {}
    for f in report.findings:
        if f.severity == "error" and f.rule not in BUILD_WARNS:
            by_rule.setdefault(f.rule, []).append(f)
    out = []
    for found in by_rule.values():  # one problem per rule: the first case, and on which pages the rest are
        first, pages = found[0], sorted({p for f in found for p in f.pages})
        more = f"; the same on {len(found) - 1} more place(s){pages_text(pages)}" if len(found) > 1 else ""
        out.append(
            Problem(
                f"the PDF would fail its own preflight ({ctx.profile}): {first.message}{more}",
                Location(ctx.layout_shown or ctx.layout.name),
                fix=f"{first.fix}; shorten the text named, or widen the layout's margins",
                rule="build.preflight",
            )
        )
    return out
