"""Commands that write or list the project's own files: `new-language`, `translated`, `review`, `layouts`."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from brochure.cli.app import EXIT_PROBLEMS, fail, main
from brochure.cli.options import LANG_CODE, check_lang, find_project, project_option, shown

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path


@main.command("new-language")
@click.argument("code")
@click.option("--name", required=True, help="The language's name for itself, e.g. Español.")
@project_option
def new_language(code: str, name: str, project: Path | None) -> None:
    """Start a translation: copy the source language with every key, marked as a draft.

    \b
    Example:
      brochure new-language fr --name Français
    """
    import re

    from brochure.checks import translations
    from brochure.errors import BrochureError

    if not re.fullmatch(LANG_CODE, code):
        raise click.BadParameter("use a language code such as fr, pt-BR or zh-Hant", param_hint="CODE")
    try:
        dest = translations.scaffold(find_project(project), code, name)
    except BrochureError as exc:
        fail(exc)
    click.echo(f"created {shown(dest)}/: translate the text, keep the keys; then `brochure check`")


@main.command()
@click.option(
    "--lang", callback=check_lang, required=True, help="The language whose text the clinician reviewed, e.g. en."
)
@click.option("--by", "by", required=True, help='Who reviewed it: name and role, e.g. "Dr. Ana Ruiz, MD".')
@click.option("--on", "on", required=True, type=click.DateTime(formats=["%Y-%m-%d"]), help="When: YYYY-MM-DD.")
@project_option
def review(lang: str, by: str, on: datetime, project: Path | None) -> None:
    """Record a clinician's sign-off, bound to the exact text that prints.

    Stores a fingerprint of every printed text of that language (content, every
    brand's text and crisis lines) in reviews/LANG.yaml. Handouts then print
    "Reviewed by ... on ..." until any of those texts changes; after that they
    print the draft notice again and `brochure check` lists what changed.

    \b
    Example:
      brochure review --lang en --by "Dr. Ana Ruiz, MD" --on 2026-12-02
    """
    from brochure.checks import review as signoff
    from brochure.errors import BrochureError

    try:
        path, count = signoff.record(find_project(project), lang, by.strip(), on.date())
    except BrochureError as exc:
        fail(exc)
    except OSError as exc:
        click.echo(f"error: cannot write the review record: {exc.strerror} ({exc.filename})", err=True)
        sys.exit(EXIT_PROBLEMS)
    click.echo(f"recorded: {by.strip()} reviewed `{lang}` on {on.date()} ({count} texts) in {shown(path)}")


@main.command()
@click.argument("code", callback=check_lang)
@click.argument("parts", nargs=-1)
@project_option
def translated(code: str, parts: tuple[str, ...], project: Path | None) -> None:
    """Record that a translation (or some of its parts) now follows the current source text.

    Parts are `handout` (title, essentials, glossary...) and section ids; none means all.
    Run it after updating the translation of a part `brochure check` calls stale.

    \b
    Example:
      brochure translated es safety conclusion
    """
    from brochure.checks import translations
    from brochure.errors import BrochureError

    try:
        done = translations.mark_translated(find_project(project), code, list(parts))
    except BrochureError as exc:
        fail(exc)
    click.echo(f"`{code}`: recorded the source fingerprint of {', '.join(done)}")


@main.command()
@project_option
def layouts(project: Path | None) -> None:
    """List the lengths/layouts this project can build.

    \b
    Example:
      brochure layouts
    """
    from brochure.errors import BrochureError

    try:
        proj = find_project(project)
        for name, _path in proj.layouts().items():
            layout, _ = proj.load_layout(name)
            click.echo(f"{name:12} {', '.join(layout.papers):12} {layout.description}")
    except BrochureError as exc:
        fail(exc)
