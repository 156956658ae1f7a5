"""The helper tools' commands: `schema`, `preview`, `init`, `serve`; each calls its module in `cli/` and prints."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from brochure.cli.app import fail, main
from brochure.cli.options import PAPERS, check_lang, find_project, parse_sets, project_option, selection_options, shown


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the *.schema.json files. Default: schema/ in the project.",
)
@project_option
def schema(out: Path | None, project: Path | None) -> None:
    """Write the JSON Schema of every input file, for editors that autocomplete YAML, and its docs/*.md key tables.

    \b
    Example:
      brochure schema
    """
    from brochure.cli import schema as schema_mod
    from brochure.errors import BrochureError

    try:
        root = find_project(project).root if out is None else None
        folder = out if out is not None else (root or Path.cwd()) / "schema"
        written = schema_mod.write(folder)
        if root is not None and (root / "docs").is_dir():  # the key reference beside the guides
            written += schema_mod.write_docs(root / "docs")
        for path in written:
            click.echo(f"wrote {shown(path)}")
    except BrochureError as exc:
        fail(exc)


@main.command()
@selection_options(
    brand="Brand name or path. Default: every brand.",
    lang="Language code. Default: every language.",
    length="flyer, trifold, booklet or your layout. Default: all three.",
)
@click.option(
    "--scale", type=click.FloatRange(0.2, 4), default=1.0, show_default=True, help="Pixels per point (1.0 = 72 dpi)."
)
@click.option("--set", "sets", multiple=True, metavar="KEY=VALUE", help="Override a brand or layout value.")
@project_option
def preview(
    brand: str | None,
    lang: str | None,
    length: str | None,
    paper: str | None,
    scale: float,
    sets: tuple[str, ...],
    project: Path | None,
) -> None:
    """Build (if needed) and render pages to PNG, with dist/preview/index.html to browse them.

    \b
    Example:
      brochure preview --brand harbor-light --lang en --length trifold
    """
    from brochure.cli import preview as pv
    from brochure.errors import BrochureError
    from brochure.inputs.targets import Selection, plan_targets

    proj_overrides = parse_sets(sets)
    try:
        proj = find_project(project)
        proj.overrides = proj_overrides
        targets = plan_targets(proj, Selection(brand, lang, length, paper))
    except BrochureError as exc:
        fail(exc)
    index, pages, problems = pv.build_and_render(proj, targets, list(sets), scale)
    if index is not None:
        click.echo(f"wrote {shown(index)} ({pages} pages)")
    if problems:
        fail(BrochureError(problems))


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", default="Your Clinic Name", show_default=True, help="The clinic's name, as printed.")
@project_option
def init(directory: Path, name: str, project: Path | None) -> None:
    """Start a clinic's own project in DIRECTORY that builds at once.

    The shipped handout becomes its base; the clinic's folder holds only its
    brand, its logo and whatever it rewrites or adds.

    \b
    Example:
      brochure init ../harbor-clinic --name "Harbor Clinic"
      cd ../harbor-clinic && brochure build
    """
    from brochure.cli import init as init_mod
    from brochure.errors import BrochureError

    try:
        dest = init_mod.create(find_project(project), directory, name)
    except BrochureError as exc:
        fail(exc)
    click.echo(f"created {shown(dest)}: edit assets/brands/*.yaml, then `cd {shown(dest)} && brochure build`")


@main.command()
@click.option("--brand", help="Brand name or path. Default: the first brand.")
@click.option("--lang", callback=check_lang, help="Language code. Default: the source language.")
@click.option("--length", default="booklet", show_default=True, help="flyer, trifold, booklet or your layout.")
@click.option("--paper", type=click.Choice(PAPERS), help="Paper size. Default: the brand's first paper.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on (this computer only).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port (0: any free port).")
@project_option
def serve(
    brand: str | None,
    lang: str | None,
    length: str | None,
    paper: str | None,
    host: str,
    port: int,
    project: Path | None,
) -> None:
    """Show the pages of one handout in a browser; they refresh when you save a file.

    \b
    Example:
      brochure serve --brand harbor-light --lang es --length trifold
      # then open http://127.0.0.1:8000/
    """
    import signal
    import time

    from brochure.cli.serve import Server
    from brochure.errors import BrochureError
    from brochure.inputs.targets import Selection, one_target

    try:
        proj = find_project(project)
        target = one_target(proj, Selection(brand, lang, length, paper))
    except BrochureError as exc:
        fail(exc)
    try:
        server = Server(proj, target, host=host, port=port)
    except OSError as exc:
        raise click.UsageError(f"cannot listen on {host}:{port} ({exc.strerror}); try --port 0") from None
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # a plain `kill` also removes the temporary folder
    try:
        server.start()
        click.echo(f"serving http://{server.address[0]}:{server.address[1]}/  (Ctrl-C to stop)")
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
