"""The Python API: `brochure.build(...)` and `brochure.check(...)`, and what the CLI's commands call.

One floor below `cli/`: it joins what only the top may join (the build and its preflight gate, which share a
floor), so the `build` and `check` commands and a Python program run the same functions; the commands add
options, progress and printing. Everything heavy is imported inside the functions: `import brochure` stays cheap.
Bad input raises `BrochureError`, whose problems are the ones the CLI prints (file:line, a fix).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from typing import TYPE_CHECKING

from brochure.errors import BrochureError, Location, Problem

if TYPE_CHECKING:
    from brochure.batch.matrix import Outcome
    from brochure.inputs.project import Project
    from brochure.inputs.targets import Target


@dataclass(frozen=True)
class Written:
    """One PDF this build wrote."""

    path: Path
    brand: str
    lang: str
    length: str
    paper: str
    pages: int
    size: int  # bytes


@dataclass(frozen=True)
class BuildResult:
    """What `build` did: the PDFs written, those already up to date, and the targets that failed (and why)."""

    written: list[Written] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)  # up to date: left as they were
    problems: list[Problem] = field(default_factory=list)  # errors of the targets that were not written
    warnings: list[Problem] = field(default_factory=list)  # written all the same (a brand text left untranslated)

    @property
    def ok(self) -> bool:
        """Every target is written or up to date."""
        return not self.problems

    @property
    def paths(self) -> list[Path]:
        """Every PDF of the build, written now or up to date."""
        return [w.path for w in self.written] + self.skipped


@dataclass(frozen=True)
class CheckResult:
    """What `check` found, one problem once, sorted by file and line; `ok` as the CLI's exit status would say."""

    problems: list[Problem]
    strict: bool = False
    validated: bool = True  # False: validation failed, so the content checks did not run
    languages: list[str] = field(default_factory=list)
    brands: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No error; and with `strict`, no warning either (notes never fail)."""
        return not self.errors and not (self.strict and self.warnings)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def open_project(project: str | Path | None = None, sets: Iterable[str] = ()) -> Project:
    """The project at `project` (or the one it is inside), with `--set KEY=VALUE` overrides for this build."""
    from brochure.inputs import overrides
    from brochure.inputs.project import Project

    found = Project.find(Path(project) if project is not None else None)
    found.overrides = overrides.parse(list(sets))  # OverrideError (a ValueError) for a malformed item
    return found


def plan(
    proj: Project,
    brands: Sequence[str] | None = None,
    langs: Sequence[str] | None = None,
    lengths: Sequence[str] | None = None,
    papers: Sequence[str] | None = None,
    *,
    profile: str = "office",
    crop_marks: bool = True,
) -> list[Target]:
    """The targets of brand × language × length × paper; None (or empty) for an axis means all of it."""
    from brochure.inputs.targets import Selection, plan_targets
    from brochure.media import profiles

    if profile not in profiles.names():
        raise BrochureError(
            [Problem(f"unknown profile `{profile}`", Location("profile"), fix="use " + " or ".join(profiles.names()))]
        )
    marks = crop_marks or not profiles.get(profile).marks  # no marks: the flag must not change its fingerprint
    found: dict[Target, None] = {}
    for sel in product(*([*axis] if axis else [None] for axis in (brands, langs, lengths, papers))):
        for target in plan_targets(proj, Selection(*sel), profile=profile, crop_marks=marks):
            found[target] = None
    return list(found)


def build_options(require_reviewed: bool = False, sets: Iterable[str] = (), overflow_preview: bool = False) -> dict:
    """The options every fingerprint records: the CLI and the API give the same, so each skips the other's work."""
    options: dict = {"require_reviewed": require_reviewed, "set": list(sets)}
    if overflow_preview:  # only when asked: the fingerprint of every other build stays as it was
        options["overflow_preview"] = True
    return options


def run(
    proj: Project,
    targets: list[Target],
    out: Path,
    options: dict,
    *,
    jobs: int = 1,
    force: bool = False,
    progress: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Build `targets` into `out`, each PDF passing its own preflight before it is written."""
    from brochure.batch import matrix
    from brochure.prepress.preflight import gate

    return matrix.run(proj, targets, out, options, jobs=jobs, force=force, progress=progress, gate=gate)


def build(
    project: str | Path = ".",
    brands: Sequence[str] | None = None,
    langs: Sequence[str] | None = None,
    lengths: Sequence[str] | None = None,
    papers: Sequence[str] | None = None,
    out: str | Path | None = None,
    jobs: int = 1,
    *,
    profile: str = "office",
    crop_marks: bool = True,
    force: bool = False,
    require_reviewed: bool = False,
    sets: Sequence[str] = (),
    shard: tuple[int, int] | None = None,
) -> BuildResult:
    """Build handouts as `brochure build` does; `out` defaults to the project's dist/.

    Raises BrochureError when the build cannot be planned (an unknown brand, a broken brand or layout file),
    before anything is written. A target that fails (it does not fit, a glyph is missing) does not stop the
    others: its problems are in the result, and `ok` is False.
    """
    from brochure.batch import matrix

    if jobs < 1:
        raise BrochureError([Problem(f"jobs={jobs}", Location("jobs"), fix="use 1 or more worker processes")])
    proj = open_project(project, sets)
    targets = plan(proj, brands, langs, lengths, papers, profile=profile, crop_marks=crop_marks)
    if shard is not None:
        index, count = shard
        if not 1 <= index <= count:
            raise BrochureError([Problem(f"shard {index}/{count}", Location("shard"), fix="use (I, N), 1 <= I <= N")])
        targets = matrix.shard(targets, index, count)
    out_dir = Path(out) if out is not None else proj.root / "dist"
    outcomes = run(proj, targets, out_dir, build_options(require_reviewed, sets), jobs=jobs, force=force)
    return BuildResult(
        written=[
            Written(b.path, b.target.brand, b.target.lang, b.target.length, b.target.paper, b.pages, b.size)
            for b in (o.built for o in outcomes)
            if b is not None
        ],
        skipped=[o.target.path(out_dir) for o in outcomes if o.skipped],
        problems=[p for o in outcomes for p in o.problems],
        warnings=[w for o in outcomes if o.built for w in o.built.warnings],
    )


def check(project: str | Path = ".", strict: bool = False) -> CheckResult:
    """Check a project as `brochure check` does (every file validated, then the content); nothing is drawn.

    Raises BrochureError when there is no project there; the problems of a project are in the result.
    """
    from brochure.checks import runner

    found = runner.run(open_project(project))
    return CheckResult(
        problems=found.unique(),
        strict=strict,
        validated=found.validated,
        languages=found.languages,
        brands=found.brands,
    )
