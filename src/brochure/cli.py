"""The `brochure` command. Imports stay inside commands so `--help` is instant."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from brochure import __version__

EXIT_PROBLEMS = 1  # content, brand or layout problems; usage errors are click's 2


def _project(path: Path | None):
    from brochure.project import Project

    return Project.find(path)


def _fail(exc) -> None:
    from brochure import report

    report.problems(exc.problems)
    sys.exit(EXIT_PROBLEMS)


project_option = click.option(
    "--project",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Project folder (the one holding content/handout.yaml). Default: this folder or the nearest above.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="brochure")
def main() -> None:
    """Turn YAML handout content into branded, print-ready PDF handouts.

    \b
    Quick start (inside a project folder):
      brochure check                 validate every file, draw nothing
      brochure build                 build every brand, language and length into dist/
      brochure build --brand harbor-light --lang en --length booklet --paper a4

    Exit status: 0 ok, 1 content/brand/layout problems (listed with file:line), 2 usage errors.
    """


@main.command()
@click.option("--brand", help="Brand name (assets/brands/NAME.yaml) or path to a brand file. Default: every brand.")
@click.option("--lang", help="Language code, e.g. en. Default: every language in content/.")
@click.option("--length", help="Length/layout name: booklet (see `brochure layouts`). Default: booklet.")
@click.option("--paper", type=click.Choice(["letter", "a4"]), help="Paper size. Default: the brand's papers.")
@click.option(
    "--out", type=click.Path(path_type=Path), default=None, help="Output folder. Default: dist/ in the project."
)
@click.option("--require-reviewed", is_flag=True, help="Refuse translations a medical translator has not reviewed.")
@project_option
def build(brand, lang, length, paper, out, require_reviewed, project) -> None:
    """Build PDFs into OUT/<brand>/<lang>/<length>-<paper>.pdf.

    \b
    Example:
      brochure build --brand default --lang en --length booklet --paper letter
    """
    from brochure.build import Selection, build_one, plan_targets
    from brochure.errors import BrochureError

    try:
        proj = _project(project)
        out_dir = out if out is not None else proj.root / "dist"
        targets = plan_targets(proj, Selection(brand, lang, length, paper))
    except BrochureError as exc:
        _fail(exc)
    built, problems = _each(targets, lambda t: build_one(proj, t, out_dir, require_reviewed))
    for b in built:
        click.echo(f"wrote {_shown(b.path)}  ({b.pages} pages, {b.size / 1024:.0f} KB, {b.seconds * 1000:.0f} ms)")
    if problems:
        _fail(BrochureError(problems))


def _each(targets, step) -> tuple[list, list]:
    """Run `step` for every target; one target's problems do not stop the others."""
    from brochure.errors import BrochureError

    done, problems = [], []
    for t in targets:
        try:
            done.append(step(t))
        except BrochureError as exc:
            problems += exc.problems
    return done, problems


def _shown(path: Path) -> str:
    from brochure.errors import display_path

    return display_path(path)


@main.command()
@click.option("--strict", is_flag=True, help="Fail on warnings too (errors always fail; notes never do).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table: for people (colour on a terminal); json: for machines.",
)
@project_option
def check(strict, fmt, project) -> None:
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
    from brochure import checks, report
    from brochure.errors import BrochureError

    try:
        proj = _project(project)
    except BrochureError as exc:
        result = checks.CheckResult(problems=exc.problems)
    else:
        result = checks.run(proj)
    if fmt == "json":
        click.echo(report.check_json(result, strict))
    else:
        report.check_table(result, strict)
    if result.failed(strict):
        sys.exit(EXIT_PROBLEMS)


@main.command("new-language")
@click.argument("code")
@click.option("--name", required=True, help="The language's name for itself, e.g. Español.")
@project_option
def new_language(code, name, project) -> None:
    """Start a translation: copy the source language with every key, marked as a draft.

    \b
    Example:
      brochure new-language fr --name Français
    """
    import re

    from brochure import translations
    from brochure.errors import BrochureError

    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", code):
        raise click.BadParameter("use a language code such as fr, pt-BR or zh-Hant", param_hint="CODE")
    try:
        dest = translations.scaffold(_project(project), code, name)
    except BrochureError as exc:
        _fail(exc)
    click.echo(f"created {_shown(dest)}/: translate the text, keep the keys; then `brochure check`")


@main.command()
@project_option
def layouts(project) -> None:
    """List the lengths/layouts this project can build.

    \b
    Example:
      brochure layouts
    """
    from brochure.errors import BrochureError

    try:
        proj = _project(project)
        for name, _path in proj.layouts().items():
            layout, _ = proj.load_layout(name)
            click.echo(f"{name:12} {', '.join(layout.papers):12} {layout.description}")
    except BrochureError as exc:
        _fail(exc)
