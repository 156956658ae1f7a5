"""What several commands share: options, their checks, and the small helpers every command calls.

Nothing here imports more than click at import time (`--help` stays instant).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from brochure.media import papers  # plain data, no ReportLab: --help stays instant

if TYPE_CHECKING:
    from brochure.inputs.project import Project

PAPERS = list(papers.names())  # models.Paper checks the same registry


def find_project(path: Path | None) -> Project:
    """The project at `path`, or the one this folder is in (BrochureError when there is none)."""
    from brochure.inputs.project import Project

    return Project.find(path)


project_option = click.option(
    "--project",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Project folder (the one holding content/handout.yaml). Default: this folder or the nearest above.",
)


def check_shard(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    try:
        i, n = (int(x) for x in value.split("/"))
    except ValueError:
        raise click.BadParameter("use I/N, e.g. 2/4 for the second of four slices") from None
    if not 1 <= i <= n:
        raise click.BadParameter("I must be between 1 and N")
    return i, n


LANG_CODE = r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*"  # models.LanguageFile.code


def check_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A language code, before it becomes a folder name (a 300-character code is no folder)."""
    import re

    if value is not None and not re.fullmatch(LANG_CODE, value):
        shown = value if len(value) <= 40 else value[:39] + "…"
        raise click.BadParameter(f"`{shown}` is not a language code; use one such as en, es or zh-Hans")
    return value


def check_out(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """An output folder the system can name (not too long, not inside a file that is no folder)."""
    import os

    if value is None:
        return None
    try:
        os.stat(value)
    except (FileNotFoundError, NotADirectoryError):
        pass  # created by the build; a file in the way is reported there
    except OSError as exc:
        raise click.BadParameter(f"cannot use this folder ({exc.strerror}); choose a shorter or other path") from None
    return value


def check_regular_file(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """A file that ends: a device (/dev/zero) or a pipe would be read forever."""
    import stat

    if value is not None and not stat.S_ISREG(value.stat().st_mode):
        raise click.BadParameter(f"{value} is not a regular file (a device or a pipe?); give a PDF file")
    return value


_F = TypeVar("_F", bound=Callable[..., object])


def format_option(help_text: str) -> Callable[[_F], _F]:
    """`--format table|json`, as `check` and `preflight` take it."""
    return click.option(
        "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True, help=help_text
    )


def selection_options(brand: str, lang: str, length: str) -> Callable[[_F], _F]:
    """`--brand --lang --length --paper`, the four options that pick targets (`build`, `preview`); helps differ."""

    def add(f: _F) -> _F:
        for option in reversed(
            [
                click.option("--brand", help=brand),
                click.option("--lang", callback=check_lang, help=lang),
                click.option("--length", help=length),
                click.option("--paper", type=click.Choice(PAPERS), help="Paper size. Default: the brand's papers."),
            ]
        ):
            f = option(f)
        return f

    return add


def parse_sets(sets: Iterable[str]) -> dict:
    from brochure.inputs import overrides

    try:
        return overrides.parse(list(sets))
    except overrides.OverrideError as exc:
        raise click.BadParameter(str(exc), param_hint="--set") from None


def shown(path: Path) -> str:
    from brochure.errors import display_path

    return display_path(path)
