"""Which targets a project has: brand × language × length × paper, narrowed by what the user asked for.

Layering (lowest first): built-in defaults < brand file < layout file < CLI
options. An option the user did not give is None and never overrides a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from brochure.errors import BrochureError, Location, Problem
from brochure.inputs.project import Project
from brochure.media import profiles


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
    profile: str = "office"  # a name in media.profiles
    crop_marks: bool = True  # profiles with marks only; part of the target so the fingerprint sees it

    @property
    def brand_id(self) -> str:
        """The brand's file name without .yaml: `harbor-light` for a name or a path."""
        return Path(self.brand).stem

    @property
    def stem(self) -> str:
        """`trifold-letter`, or `trifold-letter-press`: the profile's suffix keeps its files apart."""
        return f"{self.length}-{self.paper}{profiles.get(self.profile).suffix}"

    def path(self, out: Path, brand_id: str | None = None) -> Path:
        return out / (brand_id or self.brand_id) / self.lang / f"{self.stem}.pdf"


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


def one_target(project: Project, sel: Selection) -> Target:
    """The single target `serve` shows: what `sel` names, else the first brand, the source language, the booklet,
    and the brand's first paper the layout comes in (else the layout's first), as `plan_targets` picks papers."""
    manifest, _ = project.load_manifest()
    brand = sel.brand or (project.brands() or ["default"])[0]
    loaded = project.load_brand(brand)
    length = sel.length or "booklet"
    layout, _ = project.load_layout(length)
    paper = sel.paper or next((p for p in loaded.brand.papers if p in layout.papers), layout.papers[0])
    return Target(brand, sel.lang or manifest.source_language, length, paper)
