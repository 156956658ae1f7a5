"""The `brochure` command. Imports stay inside commands so `--help` is instant."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from brochure import __version__
from brochure.media import papers, profiles  # plain data, no ReportLab: --help stays instant

PAPERS = list(papers.names())  # models.Paper checks the same registry
EXIT_PROBLEMS = 1  # content, brand or layout problems; usage errors are click's 2


def _project(path: Path | None):
    from brochure.inputs.project import Project

    return Project.find(path)


def _fail(exc) -> None:
    from brochure import report

    report.problems(exc.problems)
    sys.exit(EXIT_PROBLEMS)


project_option = click.option(
    "--project",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Project folder (the one holding content/handout.yaml). Default: this folder or the nearest above.",
)


REPORT_TO = "the brochure maintainers (the issue tracker of the repository brochure came from)"
EXIT_BUG = 3  # an internal error: a bug in brochure, not in the user's files or options


def _log_bug(exc: BaseException) -> Path | None:
    """Write the traceback of an internal error to a log file in the temporary folder; None if it cannot."""
    import datetime
    import os
    import platform
    import tempfile
    import traceback

    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = Path(tempfile.gettempdir()) / f"brochure-error-{stamp}-{os.getpid()}.log"
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(f"brochure {__version__}, Python {platform.python_version()}, {platform.platform()}\n")
            fh.write(f"command: {' '.join(sys.argv)}\n\n")
            fh.write("".join(traceback.format_exception(exc)))
    except OSError:
        return None
    return path


class _Brochure(click.Group):
    """The command group; an exception no command turned into problems is reported as a bug, in one line."""

    def invoke(self, ctx):
        from brochure.errors import BrochureError

        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except BrochureError as exc:  # problems a command did not catch are still the user's to fix
            _fail(exc)
        except Exception as exc:
            log = _log_bug(exc)
            kept = f"the details are in {log}" if log else "the details could not be written to a log file"
            click.echo(
                f"internal error: this is a bug in brochure, not in your files ({type(exc).__name__}); "
                f"{kept}; please report it to {REPORT_TO} with that file",
                err=True,
            )
            sys.exit(EXIT_BUG)


@click.group(cls=_Brochure, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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


def _shard(ctx, param, value):
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


def _lang(ctx, param, value):
    """A language code, before it becomes a folder name (a 300-character code is no folder)."""
    import re

    if value is not None and not re.fullmatch(LANG_CODE, value):
        shown = value if len(value) <= 40 else value[:39] + "…"
        raise click.BadParameter(f"`{shown}` is not a language code; use one such as en, es or zh-Hans")
    return value


def _out(ctx, param, value):
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


def _regular_file(ctx, param, value):
    """A file that ends: a device (/dev/zero) or a pipe would be read forever."""
    import stat

    if value is not None and not stat.S_ISREG(value.stat().st_mode):
        raise click.BadParameter(f"{value} is not a regular file (a device or a pipe?); give a PDF file")
    return value


def format_option(help_text: str):
    """`--format table|json`, as `check` and `preflight` take it."""
    return click.option(
        "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True, help=help_text
    )


@main.command()
@click.option("--brand", help="Brand name (assets/brands/NAME.yaml) or path to a brand file. Default: every brand.")
@click.option("--lang", callback=_lang, help="Language code, e.g. en. Default: every language in content/.")
@click.option("--length", help="flyer, trifold, booklet or a layout of yours (`brochure layouts`). Default: all three.")
@click.option("--paper", type=click.Choice(PAPERS), help="Paper size. Default: the brand's papers.")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    callback=_out,
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
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Parallel workers. Default: CPU cores.")
@click.option("--force", is_flag=True, help="Rebuild even what is up to date.")
@click.option("--shard", callback=_shard, metavar="I/N", help="Build only slice I of N (for CI matrices).")
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
    brand,
    lang,
    length,
    paper,
    out,
    profile,
    crop_marks,
    require_reviewed,
    jobs,
    force,
    shard,
    quiet,
    sets,
    impose,
    project,
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

    from brochure.build import matrix
    from brochure.errors import BrochureError
    from brochure.inputs.targets import Selection, plan_targets

    start = time.perf_counter()
    if impose and not profiles.get(profile).imposable:
        raise click.UsageError(
            "--impose saddle is for printing booklets on an office printer; a print shop imposes press files "
            "itself. Send the shop the press booklet (--profile press, no --impose), or impose an office build."
        )
    proj_overrides = _overrides(sets)
    try:
        proj = _project(project)
        proj.overrides = proj_overrides
        out_dir = out if out is not None else proj.root / "dist"
        marks = crop_marks or not profiles.get(profile).marks  # no marks: the flag must not change its fingerprint
        targets = plan_targets(proj, Selection(brand, lang, length, paper), profile=profile, crop_marks=marks)
        imposed = _imposable(proj, targets) if impose else []
    except BrochureError as exc:
        _fail(exc)
    if shard:
        targets = matrix.shard(targets, *shard)
    jobs = jobs or os.cpu_count() or 1
    options = {"require_reviewed": require_reviewed, "set": list(sets)}
    bar = None
    if not quiet and sys.stderr.isatty() and len(targets) > 1:
        bar = click.progressbar(length=len(targets), label="building", file=sys.stderr)
        bar.__enter__()

    def progress(o) -> None:
        if bar is not None:
            bar.update(1)
        elif not quiet and o.built:
            b = o.built
            click.echo(f"wrote {_shown(b.path)}  ({b.pages} pages, {b.size / 1024:.0f} KB, {b.seconds * 1000:.0f} ms)")
        elif not quiet and o.skipped:
            click.echo(f"up to date {_shown(o.target.path(out_dir))}")

    from brochure.prepress.preflight import gate

    try:
        outcomes = matrix.run(proj, targets, out_dir, options, jobs=jobs, force=force, progress=progress, gate=gate)
    except BrochureError as exc:  # no workers could start, or one died
        _fail(exc)
    except KeyboardInterrupt:
        click.echo("\ninterrupted: finished files are complete; run the same command again to build the rest", err=True)
        sys.exit(130)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    problems = [p for o in outcomes for p in o.problems]
    warnings = [w for o in outcomes if o.built for w in o.built.warnings]
    if impose:
        problems += _impose(outcomes, imposed, out_dir, quiet, proj)
    if not quiet:
        _summary(matrix.summary_rows(outcomes), time.perf_counter() - start, min(jobs, len(targets) or 1))
    if warnings:  # written all the same: a warning never fails a build
        from brochure import report

        report.problems(warnings)
    if problems:
        _fail(BrochureError(problems))


def _imposable(proj, targets) -> list:
    """The booklet targets `--impose saddle` applies to; a booklet that cannot go two-up is a problem, up front."""
    from brochure.errors import BrochureError, Location, Problem
    from brochure.prepress.impose import SHEETS, PageTooLargeError, check_fits
    from brochure.render import plan

    found, problems = [], []
    for t in targets:
        layout, _ = proj.load_layout(t.length)
        if layout.kind != "booklet":
            continue  # flyers and tri-folds are printed as they are
        if t.paper not in SHEETS:
            problems.append(
                Problem(
                    f"a {t.paper} booklet cannot be imposed two-up: its pages are as large as the sheet "
                    "(shrinking them would print 12 pt body text at under 8 pt)",
                    Location(proj.shown(proj.layouts()[t.length])),
                    fix="build the booklet with --paper half-letter (prints on Letter) or --paper a5 (prints on A4)",
                )
            )
            continue
        g = plan.geometry(layout.for_paper(t.paper), t.paper)
        try:
            check_fits(g.width, g.height, SHEETS[t.paper][1])
        except PageTooLargeError as exc:
            problems.append(_too_large(proj, t, exc))
            continue
        found.append(t)
    if not found and not problems:
        problems.append(
            Problem(
                "--impose saddle: nothing to impose (no booklet in this selection)",
                fix="add --length booklet --paper half-letter (or a5)",
            )
        )
    if problems:
        raise BrochureError(list(dict.fromkeys(problems)))
    return found


def _too_large(proj, target, exc):
    """A booklet page too large to go two-up, located at the layout's `trim` (or `--set`) or the layout file."""
    from brochure.errors import Location, Problem
    from brochure.prepress.impose import SHEETS

    layout, doc = proj.load_layout(target.length)
    trimmed = layout.trim is not None and target.paper in layout.trim
    where = doc.where(("trim", target.paper)) if trimmed else Location(proj.shown(proj.layouts()[target.length]))
    room_w, room_h = exc.room
    return Problem(
        f"--impose saddle: the {target.paper} booklet cannot be imposed: {exc} "
        f"({SHEETS[target.paper][0]}, two pages side by side at 100 %)",
        where,
        fix=f"make the {target.paper} page at most {room_w / 72:.2f} × {room_h / 72:.2f} in"
        + (f" (`trim.{target.paper}`)" if trimmed else "")
        + ", or build without --impose and let a print shop impose it",
    )


def _impose(outcomes, targets, out_dir: Path, quiet: bool, proj) -> list:
    """Write <booklet>-saddle.pdf next to each booklet that was built (or is up to date); return problems.

    A page too large for the sheet is normally refused before building
    (`_imposable`); should one reach here it is a located problem too, and
    nothing is written for it.
    """
    from brochure.build.output import write_atomic
    from brochure.prepress.impose import SHEETS, PageTooLargeError, impose_saddle, imposed_path

    problems = []
    wanted = set(targets)
    for o in outcomes:
        if o.problems or o.target not in wanted:
            continue
        src = o.built.path if o.built else o.target.path(out_dir)
        dest = imposed_path(src)
        if o.skipped and dest.exists() and dest.stat().st_mtime >= src.stat().st_mtime:
            continue
        sheet_name, sheet = SHEETS[o.target.paper]
        try:
            data, sides = impose_saddle(src, sheet)
        except PageTooLargeError as exc:
            problems.append(_too_large(proj, o.target, exc))
            continue
        write_atomic(dest, data)
        if not quiet:
            click.echo(f"wrote {_shown(dest)}  ({sides // 2} {sheet_name} sheets, both sides; for printing only)")
    return problems


def _overrides(sets) -> dict:
    from brochure.inputs import overrides

    try:
        return overrides.parse(list(sets))
    except overrides.OverrideError as exc:
        raise click.BadParameter(str(exc), param_hint="--set") from None


def _summary(rows, seconds: float, jobs: int) -> None:
    click.echo(f"\n{'length':10} {'written':>8} {'skipped':>8} {'failed':>7} {'pages':>6} {'KB':>8}")
    for name, written, skipped, failed, pages, size in rows:
        line = f"{name:10} {written:8d} {skipped:8d} {failed:7d} {pages:6d} {size / 1024:8.0f}"
        click.echo(click.style(line, bold=True) if name == "total" else line)
    click.echo(f"{seconds:.2f} s with {jobs} worker{'s' * (jobs != 1)}")


def _shown(path: Path) -> str:
    from brochure.errors import display_path

    return display_path(path)


@main.command()
@click.option("--strict", is_flag=True, help="Fail on warnings too (errors always fail; notes never do).")
@format_option("table: for people (colour on a terminal); json: for machines.")
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
    from brochure import report
    from brochure.checks import runner
    from brochure.errors import BrochureError

    try:
        proj = _project(project)
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
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path), callback=_regular_file)
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
def preflight(file, profile, layout_name, strict, fmt, project) -> None:
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
                proj = _project(project)
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
            raise BrochureError([Problem(str(exc), Location(_shown(file)), fix=fix)]) from None
    except BrochureError as exc:
        _fail(exc)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(strict), indent=2, ensure_ascii=False))
    else:
        click.echo(pf.format_text(result, strict))
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

    from brochure.checks import translations
    from brochure.errors import BrochureError

    if not re.fullmatch(LANG_CODE, code):
        raise click.BadParameter("use a language code such as fr, pt-BR or zh-Hant", param_hint="CODE")
    try:
        dest = translations.scaffold(_project(project), code, name)
    except BrochureError as exc:
        _fail(exc)
    click.echo(f"created {_shown(dest)}/: translate the text, keep the keys; then `brochure check`")


@main.command()
@click.option("--lang", callback=_lang, required=True, help="The language whose text the clinician reviewed, e.g. en.")
@click.option("--by", "by", required=True, help='Who reviewed it: name and role, e.g. "Dr. Ana Ruiz, MD".')
@click.option("--on", "on", required=True, type=click.DateTime(formats=["%Y-%m-%d"]), help="When: YYYY-MM-DD.")
@project_option
def review(lang, by, on, project) -> None:
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
        proj = _project(project)
        handout = proj.load_handout(lang)
        brands = [proj.load_brand(b) for b in proj.brands()]
        texts = signoff.content_texts(handout)
        for brand in brands:
            texts += signoff.brand_texts(brand, handout.language)
        unique = list({t.key: t for t in texts}.values())
        path = signoff.record_path(proj.root, lang)
        signoff.write_record(path, lang, by.strip(), on.date(), unique)
    except BrochureError as exc:
        _fail(exc)
    except OSError as exc:
        click.echo(f"error: cannot write the review record: {exc.strerror} ({exc.filename})", err=True)
        sys.exit(EXIT_PROBLEMS)
    click.echo(f"recorded: {by.strip()} reviewed `{lang}` on {on.date()} ({len(unique)} texts) in {_shown(path)}")


@main.command()
@click.argument("code", callback=_lang)
@click.argument("parts", nargs=-1)
@project_option
def translated(code, parts, project) -> None:
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
        done = translations.mark_translated(_project(project), code, list(parts))
    except BrochureError as exc:
        _fail(exc)
    click.echo(f"`{code}`: recorded the source fingerprint of {', '.join(done)}")


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


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the *.schema.json files. Default: schema/ in the project.",
)
@project_option
def schema(out, project) -> None:
    """Write the JSON Schema of every input file, for editors that autocomplete YAML.

    \b
    Example:
      brochure schema
    """
    from brochure.cli import schema as schema_mod
    from brochure.errors import BrochureError

    try:
        folder = out if out is not None else _project(project).root / "schema"
        for path in schema_mod.write(folder):
            click.echo(f"wrote {_shown(path)}")
    except BrochureError as exc:
        _fail(exc)


@main.command()
@click.option("--brand", help="Brand name or path. Default: every brand.")
@click.option("--lang", callback=_lang, help="Language code. Default: every language.")
@click.option("--length", help="flyer, trifold, booklet or your layout. Default: all three.")
@click.option("--paper", type=click.Choice(PAPERS), help="Paper size. Default: the brand's papers.")
@click.option(
    "--scale", type=click.FloatRange(0.2, 4), default=1.0, show_default=True, help="Pixels per point (1.0 = 72 dpi)."
)
@click.option("--set", "sets", multiple=True, metavar="KEY=VALUE", help="Override a brand or layout value.")
@project_option
def preview(brand, lang, length, paper, scale, sets, project) -> None:
    """Build (if needed) and render pages to PNG, with dist/preview/index.html to browse them.

    \b
    Example:
      brochure preview --brand harbor-light --lang en --length trifold
    """
    import os

    from brochure.build import matrix
    from brochure.cli import preview as pv
    from brochure.errors import BrochureError
    from brochure.inputs.targets import Selection, plan_targets

    proj_overrides = _overrides(sets)
    try:
        proj = _project(project)
        proj.overrides = proj_overrides
        targets = plan_targets(proj, Selection(brand, lang, length, paper))
    except BrochureError as exc:
        _fail(exc)
    out = proj.root / "dist"
    options = {"require_reviewed": False, "set": list(sets)}
    outcomes = matrix.run(proj, targets, out, options, jobs=os.cpu_count() or 1, force=False)
    problems = [p for o in outcomes for p in o.problems]
    folder = out / "preview"
    groups = []
    for o in outcomes:
        if o.problems:
            continue
        t = o.target
        pdf = t.path(out)
        stem = folder / t.brand_id / t.lang / f"{t.length}-{t.paper}"
        groups.append((f"{t.brand_id} · {t.lang} · {t.length} · {t.paper}", pv.render_pages(pdf, stem, scale)))
    if groups:
        click.echo(f"wrote {_shown(pv.contact_sheet(folder, groups))} ({sum(len(g[1]) for g in groups)} pages)")
    if problems:
        _fail(BrochureError(problems))


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", default="Your Clinic Name", show_default=True, help="The clinic's name, as printed.")
@project_option
def init(directory, name, project) -> None:
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
        dest = init_mod.create(_project(project), directory, name)
    except BrochureError as exc:
        _fail(exc)
    click.echo(f"created {_shown(dest)}: edit assets/brands/*.yaml, then `cd {_shown(dest)} && brochure build`")


@main.command()
@click.option("--brand", help="Brand name or path. Default: the first brand.")
@click.option("--lang", callback=_lang, help="Language code. Default: the source language.")
@click.option("--length", default="booklet", show_default=True, help="flyer, trifold, booklet or your layout.")
@click.option("--paper", type=click.Choice(PAPERS), help="Paper size. Default: the brand's first paper.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on (this computer only).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port (0: any free port).")
@project_option
def serve(brand, lang, length, paper, host, port, project) -> None:
    """Show the pages of one handout in a browser; they refresh when you save a file.

    \b
    Example:
      brochure serve --brand harbor-light --lang es --length trifold
      # then open http://127.0.0.1:8000/
    """
    import time

    from brochure.cli.serve import Server
    from brochure.errors import BrochureError
    from brochure.inputs.targets import Target

    try:
        proj = _project(project)
        manifest, _ = proj.load_manifest()
        brand = brand or (proj.brands() or ["default"])[0]
        loaded = proj.load_brand(brand)
        layout, _ = proj.load_layout(length)
        paper = paper or next((p for p in loaded.brand.papers if p in layout.papers), layout.papers[0])
        target = Target(brand, lang or manifest.source_language, length, paper)
    except BrochureError as exc:
        _fail(exc)
    try:
        server = Server(proj, target, host=host, port=port)
    except OSError as exc:
        raise click.UsageError(f"cannot listen on {host}:{port} ({exc.strerror}); try --port 0") from None
    import signal

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
