"""Build one target: validate it, plan its pages, render, write the PDF atomically.

Which targets there are is `inputs.targets`; the checks a build stops at are `checks.validation`.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from brochure.batch.output import write_together
from brochure.checks.validation import validate
from brochure.errors import BrochureError, Location, Problem
from brochure.inputs.project import Project
from brochure.inputs.targets import Target
from brochure.inputs.yamlread import Document
from brochure.media import fonts, images
from brochure.render import mirror, plan
from brochure.render.context import RenderContext
from brochure.render.draw import DoesNotFitError, render


@dataclass
class Built:
    target: Target
    path: Path
    pages: int
    size: int
    seconds: float
    warnings: list[Problem] = field(default_factory=list)  # e.g. a logo too coarse for the profile
    sha256: str = ""  # of the bytes this build wrote (not of whatever the file holds now)


def prepare(project: Project, target: Target) -> RenderContext:
    """Load and check everything for one target (read → validate → plan), drawing nothing."""
    valid = validate(project, target)
    _register_fonts([valid.brand.body, valid.brand.heading, *valid.fallback], valid.brand.doc)
    ctx = RenderContext(
        valid.handout,
        valid.brand,
        valid.layout.for_paper(target.paper),
        target.paper,
        layout_shown=project.shown(project.layouts()[target.length]),
        fallback=valid.fallback,
        profile=target.profile,
        crop_marks=target.crop_marks,
        review=valid.signed,
        warnings=list(valid.warnings),
    )
    ctx.layout = ctx.layout.for_script(ctx.script.code)  # CJK and Arabic script set larger than Latin
    if ctx.rtl:  # a right-to-left sheet opens from the left: the cover, the flap and the columns change sides
        ctx.layout = mirror.sheet(ctx.layout, target.paper, plan.geometry(ctx.layout, target.paper).width)
    return ctx


def _register_fonts(families: list[fonts.Family], doc: Document) -> None:
    """Register the fonts with ReportLab for drawing; validation checked them with fontTools only.

    A file fontTools reads but ReportLab refuses is reported like a validation problem, never as a crash.
    """
    for family in families:
        try:
            fonts.register(family)
        except fonts.FontError as exc:
            raise BrochureError(
                [Problem(str(exc), doc.value_at(("fonts",)), "fonts", fix="use TrueType (.ttf) files")]
            ) from None


def _damaged_font(ctx: RenderContext, exc: fonts.FontError) -> Problem:
    """A font that broke while it was embedded, located at the brand's `fonts` (or the language's fallbacks)."""
    brand_files = {f.resolve() for fam in (ctx.brand.body, ctx.brand.heading) for f in fam.files.values()}
    if exc.path is not None and exc.path.resolve() in brand_files:
        where, key = ctx.brand.doc.value_at(("fonts",)), "fonts"
    else:
        where, key = ctx.handout.docs["language"].where(("fallback_fonts",)), "fallback_fonts"
    return Problem(str(exc), where, key, fix="download the font again (or use another TrueType family)")


def require_reviewed(ctx: RenderContext) -> None:
    """--require-reviewed: a clinician signed off this exact text, and a translation is reviewed."""
    signed, code = ctx.review, ctx.handout.language.code
    if signed.reviewed_on is None or signed.changed:
        where = signed.changes[0].where if signed.changed else ctx.handout.docs["language"].where(())
        what = (
            f"{len(signed.changes)} printed text(s) changed since the review on {signed.reviewed_on}"
            if signed.changed
            else "not reviewed by a clinician"
        )
        raise BrochureError(
            [
                Problem(
                    f"`{code}` for brand `{ctx.brand.id}`: {what}",
                    where,
                    fix=f'have a clinician review it, then run `brochure review --lang {code} --by "NAME, ROLE" '
                    "--on DATE`; `brochure check` lists what changed; or build without --require-reviewed",
                )
            ]
        )
    status = ctx.handout.language.translation.status
    if status in ("source", "reviewed"):
        return
    doc = ctx.handout.docs["language"]
    raise BrochureError(
        [
            Problem(
                f"translation `{ctx.handout.language.code}` is not reviewed (status: {status})",
                doc.value_at(("translation", "status")),
                "translation.status",
                fix="have a qualified medical translator review it, then set `status: reviewed` with `reviewed_by` "
                "and `reviewed_on`; or build without --require-reviewed",
            )
        ]
    )


# checks the finished bytes before anything is written: (pdf, context) -> problems (`prepress.preflight.gate`)
Gate = Callable[[bytes, RenderContext], list[Problem]]
# what to write beside the PDF in the same atomic unit: pdf sha256 -> (path, bytes) (`matrix`'s stamp)
Companion = Callable[[str], tuple[Path, bytes]]


def build_one(
    project: Project,
    target: Target,
    out: Path,
    reviewed_only: bool = False,
    gate: Gate | None = None,
    companion: Companion | None = None,
    overflow_preview: bool = False,
) -> Built:
    """Prepare, render, check (`gate`), then write the PDF and its `companion` together, atomically.

    `overflow_preview`: when a fixed layout does not fit, write `…-overflow.pdf` (render/overflow.py)
    beside where the handout would go; the build still fails, and says where the preview is.
    """
    start = time.perf_counter()
    ctx = prepare(project, target)
    if reviewed_only:
        require_reviewed(ctx)
    path = target.path(out, ctx.brand.id)
    try:
        with fonts.damage_refused():
            result = render(ctx)
    except fonts.FontError as exc:
        raise BrochureError([_damaged_font(ctx, exc)]) from None
    except DoesNotFitError as exc:
        if not overflow_preview:
            raise
        shown = path.with_name(path.stem + "-overflow.pdf")
        write_together([(shown, exc.preview())])
        note = Problem(
            f"wrote {project.shown(shown) if shown.is_relative_to(project.root) else shown}: the pages as drawn, "
            "the frames that did not fit outlined in red (NOT FOR PRINT)",
            Location(project.shown(shown) if shown.is_relative_to(project.root) else str(shown)),
            severity="info",
            rule="build.overflow-preview",
        )
        raise BrochureError([*exc.problems, note]) from None
    multiple = ctx.layout.page_multiple if ctx.layout.kind == "booklet" else len(ctx.layout.pages)
    if result.pages % multiple:
        raise BrochureError(
            [
                Problem(
                    f"{result.pages} pages is not a multiple of {multiple}",
                    Location(project.shown(project.layouts()[target.length])),
                    fix="this is a bug in brochure's padding; please report it",
                )
            ]
        )
    warnings = images.resolution_problems(ctx.placements, ctx.profile, ctx.brand.doc.where(("logo",)), project.shown)
    warnings += ctx.warnings
    if gate is not None:
        refused = gate(result.pdf, ctx)
        if refused:
            raise BrochureError(refused)
    stale = path.with_name(path.stem + "-overflow.pdf")
    if stale.is_file():  # it fits now: no stale preview (is_file: False, not an error, under a bad --out)
        stale.unlink()
    digest = hashlib.sha256(result.pdf).hexdigest()
    write_together([(path, result.pdf), *([companion(digest)] if companion else [])])
    return Built(target, path, result.pages, len(result.pdf), time.perf_counter() - start, warnings, digest)
