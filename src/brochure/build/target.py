"""Plan the build matrix from layered options, then build each target.

Layering (lowest first): built-in defaults < brand file < layout file < CLI
options. An option the user did not give is None and never overrides a file.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from brochure.checks import coverage, review, safety
from brochure.inputs import crisis
from brochure.media import fonts, images
from brochure.render.context import RenderContext
from brochure.errors import BrochureError, Location, Problem
from brochure.inputs.project import Project
from brochure.render.draw import render
from brochure.inputs.validate import collect


@dataclass(frozen=True)
class Selection:
    """What the user asked for; None means 'every one'."""

    brand: str | None = None
    lang: str | None = None
    length: str | None = None
    paper: str | None = None


@dataclass(frozen=True, order=True)
class Target:
    brand: str
    lang: str
    length: str
    paper: str
    profile: str = "office"  # office | press (press.PROFILES)
    crop_marks: bool = True  # press only; part of the target so the fingerprint sees it

    @property
    def brand_id(self) -> str:
        """The brand's file name without .yaml: `harbor-light` for a name or a path."""
        return Path(self.brand).stem

    @property
    def stem(self) -> str:
        """`trifold-letter`, or `trifold-letter-press`: press files never overwrite office ones."""
        return f"{self.length}-{self.paper}" + ("-press" if self.profile == "press" else "")

    def path(self, out: Path, brand_id: str | None = None) -> Path:
        return out / (brand_id or self.brand_id) / self.lang / f"{self.stem}.pdf"


@dataclass
class Built:
    target: Target
    path: Path
    pages: int
    size: int
    seconds: float
    warnings: list[Problem] = field(default_factory=list)  # e.g. a logo too coarse for the profile


DEFAULT_LENGTHS = ("flyer", "trifold", "booklet")


def plan_targets(project: Project, sel: Selection, profile: str = "office", crop_marks: bool = True) -> list[Target]:
    brands = [sel.brand] if sel.brand else project.brands()
    langs = [sel.lang] if sel.lang else project.languages()
    lengths = [sel.length] if sel.length else [n for n in project.layouts() if n in DEFAULT_LENGTHS]
    if not brands:
        raise BrochureError(
            [
                Problem(
                    "no brands found",
                    Location(project.shown(project.root / "assets" / "brands")),
                    fix="add assets/brands/default.yaml (see README: adding a brand)",
                )
            ]
        )
    targets = []
    for brand in brands:
        loaded = project.load_brand(brand)
        for length in lengths:
            layout, _ = project.load_layout(length)
            # layering: CLI paper > brand papers, limited to what the layout supports
            papers = [sel.paper] if sel.paper else [p for p in loaded.brand.papers if p in layout.papers]
            if sel.paper and not sel.length and sel.paper not in layout.papers:
                continue  # `--paper a5` alone: the lengths that come in A5 (an unknown paper for all is an error below)
            for paper in papers:
                if paper not in layout.papers:
                    raise BrochureError(
                        [
                            Problem(
                                f"layout `{length}` has no `{paper}` version",
                                Location(project.shown(project.layouts()[length])),
                                fix="use --paper " + " or --paper ".join(layout.papers),
                            )
                        ]
                    )
                for lang in langs:
                    targets.append(Target(brand, lang, length, paper, profile, crop_marks))
    if sel.paper and not sel.length and not targets and lengths:
        layouts = project.layouts()
        raise BrochureError(
            [
                Problem(
                    f"no length comes in `{sel.paper}` paper",
                    Location(project.shown(layouts[lengths[0]])),
                    fix="choose another --paper; `brochure layouts` lists each length's papers",
                )
            ]
        )
    return targets


def prepare(project: Project, target: Target) -> RenderContext:
    """Load and check everything for one target (read → validate → plan), drawing nothing."""
    handout, brand, (layout, _) = collect(
        lambda: project.load_handout(target.lang),
        lambda: project.load_brand(target.brand),
        lambda: project.load_layout(target.length),
    )
    fonts.register(brand.body)
    fonts.register(brand.heading)
    lang_doc = handout.docs["language"]
    fallback: list[fonts.Family] = []
    problems: list[Problem] = []
    for i, name in enumerate(handout.language.fallback_fonts):
        family, problem = project.font_family(name, lang_doc, ("fallback_fonts", i))
        if problem:
            problems.append(problem)
        else:
            fallback.append(family)
    if problems:
        raise BrochureError(problems)
    chains = [
        [brand.body.font_name("Regular"), *(f.font_name("Regular") for f in fallback)],
        [brand.heading.font_name("Bold"), *(f.font_name("Bold") for f in fallback)],
    ]
    # characters the layouts add themselves: bullets, list numbers, page numbers
    drawn = [(lang_doc.where(), "\u2022 0123456789.:/")]
    problems = coverage.check([*handout.docs.values(), brand.doc], drawn, chains)
    if problems:
        raise BrochureError(problems)
    shown = project.shown(project.layouts()[target.length])
    signed = review.status(project.root, project.shown, handout, brand)  # the text as written, before filling
    handout = crisis.fill_handout(handout, brand.region)
    problems = safety.length_problems(target.length, layout, project.load_layout(target.length)[1], handout, brand)
    if problems:
        raise BrochureError(problems)
    layout = layout.for_paper(target.paper)
    return RenderContext(
        handout,
        brand,
        layout,
        target.paper,
        layout_shown=shown,
        fallback=fallback,
        profile=target.profile,
        crop_marks=target.crop_marks,
        review=signed,
    )


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


def build_one(project: Project, target: Target, out: Path, reviewed_only: bool = False) -> Built:
    from brochure.build.output import write_atomic

    start = time.perf_counter()
    ctx = prepare(project, target)
    if reviewed_only:
        require_reviewed(ctx)
    result = render(ctx)
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
    path = target.path(out, ctx.brand.id)
    write_atomic(path, result.pdf)
    return Built(target, path, result.pages, len(result.pdf), time.perf_counter() - start, warnings)
