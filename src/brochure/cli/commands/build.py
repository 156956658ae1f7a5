"""`brochure build`: options in, one planned build run, each file and a summary out.

Planning is below the CLI (`inputs.targets`, `prepress.impose`); this module
parses, wires the build to its preflight gate and its writer (build/ and
prepress/ share a floor, so only the CLI can join them), and prints.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from brochure import api  # no heavy import at module level: --help stays instant
from brochure.cli.app import fail, main
from brochure.cli.options import (
    check_out,
    check_shard,
    find_project,
    parse_sets,
    project_option,
    selection_options,
    shown,
)
from brochure.media import profiles  # plain data, no ReportLab: --help stays instant

if TYPE_CHECKING:
    from brochure.batch.matrix import Outcome
    from brochure.errors import Problem
    from brochure.inputs.project import Project
    from brochure.inputs.targets import Target


@main.command()
@selection_options(
    brand="Brand name (assets/brands/NAME.yaml) or path to a brand file. Default: every brand.",
    lang="Language code, e.g. en. Default: every language in content/.",
    length="flyer, trifold, booklet or a layout of yours (`brochure layouts`). Default: all three.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    callback=check_out,
    help="Output folder. Default: dist/ in the project.",
)
@click.option(
    "--profile",
    type=click.Choice(profiles.names()),
    default="office",
    show_default=True,
    help="office: RGB, page = trim, for clinic printers. press: CMYK, bleed, crop marks, PDF/X-4, "
    "written as <length>-<paper>-press.pdf.",
)
@click.option(
    "--crop-marks/--no-crop-marks",
    default=True,
    help="Crop marks (and a tri-fold's fold marks) outside the bleed (press profile). Default: on.",
)
@click.option("--require-reviewed", is_flag=True, help="Refuse translations a medical translator has not reviewed.")
@click.option(
    "--overflow-preview",
    is_flag=True,
    help="When a flyer or tri-fold does not fit, also write <length>-<paper>-overflow.pdf: the pages as drawn, "
    "the frames that ran out of room outlined in red (NOT FOR PRINT). The build still fails.",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Parallel workers. Default: CPU cores.")
@click.option("--force", is_flag=True, help="Rebuild even what is up to date.")
@click.option("--shard", callback=check_shard, metavar="I/N", help="Build only slice I of N (for CI matrices).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but problems.")
@click.option(
    "--set",
    "sets",
    multiple=True,
    metavar="KEY=VALUE",
    help="Override a brand or layout value for this build, e.g. --set brand.colors.primary=#0A5C7A.",
)
@click.option(
    "--impose",
    type=click.Choice(["saddle"]),
    default=None,
    help="Also write each half-letter/A5 booklet two-up on Letter/A4 in saddle-stitch order (…-saddle.pdf).",
)
@project_option
def build(
    brand: str | None,
    lang: str | None,
    length: str | None,
    paper: str | None,
    out: Path | None,
    profile: str,
    crop_marks: bool,
    require_reviewed: bool,
    overflow_preview: bool,
    jobs: int | None,
    force: bool,
    shard: tuple[int, int] | None,
    quiet: bool,
    sets: tuple[str, ...],
    impose: str | None,
    project: Path | None,
) -> None:
    """Build PDFs into OUT/<brand>/<lang>/<length>-<paper>.pdf (…-press.pdf with --profile press).

    With no selection, builds every brand × language × length × the brand's
    papers, in parallel, skipping outputs whose inputs have not changed.

    \b
    Examples:
      brochure build
      brochure build --brand default --lang en --length booklet --paper letter
      brochure build --shard 1/4          # one quarter of the matrix, e.g. on one CI runner
      brochure build --profile press --length booklet   # CMYK with bleed and crop marks for a print shop
      brochure build --set brand.colors.primary=#0A5C7A --set layout.type.body=12.5
      brochure build --length booklet --paper half-letter --impose saddle   # print on Letter, fold, staple
    """
    import os
    import time

    from brochure.batch import matrix

    start = time.perf_counter()
    if impose and not profiles.get(profile).imposable:
        raise click.UsageError(
            "--impose saddle is for printing booklets on an office printer; a print shop imposes press files "
            "itself. Send the shop the press booklet (--profile press, no --impose), or impose an office build."
        )
    proj, out_dir, targets, imposed = _plan(
        project, out, sets, (brand, lang, length, paper), profile, crop_marks, impose
    )
    if shard:
        targets = matrix.shard(targets, *shard)
    jobs = jobs or os.cpu_count() or 1
    options = api.build_options(require_reviewed, sets, overflow_preview)  # as brochure.build() records them
    outcomes = _run(proj, targets, out_dir, options, jobs=jobs, force=force, quiet=quiet)
    problems = [p for o in outcomes for p in o.problems]
    if impose:
        problems += _impose(proj, outcomes, imposed, out_dir, quiet)
    if not quiet:
        _summary(matrix.summary_rows(outcomes), time.perf_counter() - start, min(jobs, len(targets) or 1))
    _warn_and_fail(outcomes, problems)


def _plan(
    project: Path | None,
    out: Path | None,
    sets: tuple[str, ...],
    selection: tuple,
    profile: str,
    crop_marks: bool,
    impose: str | None,
) -> tuple:
    """(project, output folder, targets, the targets to impose), or exit 1 with every problem planning found.

    The targets are planned by `brochure.api.plan`, which `brochure.build()` calls too."""
    from brochure.errors import BrochureError

    proj_overrides = parse_sets(sets)
    try:
        proj = find_project(project)
        proj.overrides = proj_overrides
        out_dir = out if out is not None else proj.root / "dist"
        axes = [[value] if value else None for value in selection]
        targets = api.plan(proj, *axes, profile=profile, crop_marks=crop_marks)
        imposed: list[Target] = []
        if impose:  # prepress.impose is imported only for --impose: a plain build never loads it
            from brochure.prepress import impose as saddle

            imposed = saddle.plan_saddle(proj, targets)
    except BrochureError as exc:
        fail(exc)
    return proj, out_dir, targets, imposed


def _run(
    proj: Project, targets: list[Target], out_dir: Path, options: dict, *, jobs: int, force: bool, quiet: bool
) -> list[Outcome]:
    """`brochure.api.run` (the build with its preflight gate, as `brochure.build()` runs it), a progress bar on a
    terminal (else a line per file); Ctrl-C exits 130."""
    from brochure.errors import BrochureError

    bar = None
    if not quiet and sys.stderr.isatty() and len(targets) > 1:
        bar = click.progressbar(length=len(targets), label="building", file=sys.stderr)
        bar.__enter__()

    def progress(o: Outcome) -> None:
        if bar is not None:
            bar.update(1)
        elif not quiet and o.built:
            b = o.built
            click.echo(f"wrote {shown(b.path)}  ({b.pages} pages, {b.size / 1024:.0f} KB, {b.seconds * 1000:.0f} ms)")
        elif not quiet and o.skipped:
            click.echo(f"up to date {shown(o.target.path(out_dir))}")

    try:
        return api.run(proj, targets, out_dir, options, jobs=jobs, force=force, progress=progress)
    except BrochureError as exc:  # no workers could start, or one died
        fail(exc)
    except KeyboardInterrupt:
        click.echo("\ninterrupted: finished files are complete; run the same command again to build the rest", err=True)
        sys.exit(130)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def _impose(proj: Project, outcomes: list[Outcome], imposed: list[Target], out_dir: Path, quiet: bool) -> list[Problem]:
    """Write the saddle files of the booklets built (prepress.impose decides which); a line per file written."""
    from brochure.batch.output import write_atomic
    from brochure.prepress import impose

    def progress(done: impose.Imposed) -> None:
        if not quiet:
            click.echo(
                f"wrote {shown(done.path)}  ({done.sheets} {done.sheet_name} sheets, both sides; for printing only)"
            )

    return impose.impose_built(proj, outcomes, imposed, out_dir, write_atomic, progress)


def _warn_and_fail(outcomes: list[Outcome], problems: list[Problem]) -> None:
    """Print the build's warnings (a warning never fails a build: those files are written); exit 1 on problems."""
    from brochure.errors import BrochureError

    warnings = [w for o in outcomes if o.built for w in o.built.warnings]
    if warnings:  # written all the same: a warning never fails a build
        from brochure import report

        report.problems(warnings)
    if problems:
        fail(BrochureError(problems))


def _summary(rows: list[tuple[str, int, int, int, int, int]], seconds: float, jobs: int) -> None:
    click.echo(f"\n{'length':10} {'written':>8} {'skipped':>8} {'failed':>7} {'pages':>6} {'KB':>8}")
    for name, written, skipped, failed, pages, size in rows:
        line = f"{name:10} {written:8d} {skipped:8d} {failed:7d} {pages:6d} {size / 1024:8.0f}"
        click.echo(click.style(line, bold=True) if name == "total" else line)
    click.echo(f"{seconds:.2f} s with {jobs} worker{'s' * (jobs != 1)}")
