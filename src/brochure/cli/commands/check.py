"""`brochure check` (the project's files and content) and `brochure preflight` (any PDF): check, report, exit."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from brochure.cli.app import EXIT_PROBLEMS, fail, main
from brochure.cli.options import check_regular_file, find_project, format_option, project_option, shown
from brochure.media import profiles  # plain data, no ReportLab: --help stays instant


@main.command()
@click.option("--strict", is_flag=True, help="Fail on warnings too (errors always fail; notes never do).")
@format_option("table: for people (colour on a terminal); json: for machines.")
@project_option
def check(strict: bool, fmt: str, project: Path | None) -> None:
    """Validate every file and check the content, without drawing anything.

    \b
    Checks: validation of content, brands and layouts; translations (missing or
    extra keys, stale, unreviewed); sources; readability per section and
    language; plain language; medical safety; brand contrast, logo and type sizes.
    Errors fail (exit 1); warnings fail only with --strict; notes (info) never fail.

    \b
    Example:
      brochure check --strict
      brochure check --format json > check.json
    """
    from brochure import report
    from brochure.checks import runner
    from brochure.errors import BrochureError

    try:
        proj = find_project(project)
    except BrochureError as exc:
        result = runner.CheckResult(problems=exc.problems)
    else:
        result = runner.run(proj)
    if fmt == "json":
        click.echo(report.check_json(result, strict))
    else:
        report.check_table(result, strict)
    if result.failed(strict):
        sys.exit(EXIT_PROBLEMS)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path), callback=check_regular_file)
@click.option(
    "--profile",
    type=click.Choice(profiles.names()),
    default="office",
    show_default=True,
    help="office: clinic printers (RGB fine, 150 ppi); press: print shop (CMYK, boxes, 300 ppi, output intent).",
)
@click.option("--layout", "layout_name", help="The layout it was built with (e.g. trifold): also checks folds.")
@click.option("--strict", is_flag=True, help="Fail on warnings too (errors always fail).")
@format_option("table: for people; json: for machines.")
@project_option
def preflight(file: Path, profile: str, layout_name: str | None, strict: bool, fmt: str, project: Path | None) -> None:
    """Check any PDF before printing: boxes, fonts, colour, image resolution, type size, safe zones.

    Reads any PDF, not only brochure's. Exit status 1 when it fails the profile
    (or cannot be read).

    \b
    Examples:
      brochure preflight dist/default/en/booklet-letter.pdf
      brochure preflight shop-proof.pdf --profile press
      brochure preflight dist/default/en/trifold-letter.pdf --layout trifold --format json
    """
    import json

    from brochure.errors import BrochureError, Location, Problem
    from brochure.prepress import preflight as pf

    layout = None
    try:
        if layout_name:
            try:
                proj = find_project(project)
            except BrochureError:  # outside a project: the built-in layouts still describe our files
                from brochure.inputs.project import Project

                proj = Project(Path.cwd())
            layout, _ = proj.load_layout(layout_name)
        try:
            result = pf.inspect(file, profile, layout)
        except pf.UnreadableError as exc:
            fix = (
                "it asks for more work than preflight's bounds (README: Limits); check it with the print shop's "
                "preflight, or export it again with fewer layers and forms"
                if isinstance(exc, pf.TooLargeError)
                else "open it in a PDF viewer and save or export it again"
            )
            raise BrochureError([Problem(str(exc), Location(shown(file)), fix=fix)]) from None
    except BrochureError as exc:
        fail(exc)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(strict), indent=2, ensure_ascii=False))
    else:
        click.echo(pf.format_text(result, strict))
    if result.failed(strict):
        sys.exit(EXIT_PROBLEMS)
