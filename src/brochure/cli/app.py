"""The `brochure` command group: exit statuses, and what happens to an error no command handled.

Commands live in `cli/commands/` and register on `main`; this module imports
nothing heavy, so `brochure --help` stays instant.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, NoReturn

import click

from brochure import __version__

if TYPE_CHECKING:
    from brochure.errors import BrochureError

EXIT_PROBLEMS = 1  # content, brand or layout problems; usage errors are click's 2


def fail(exc: BrochureError) -> NoReturn:
    """Print a BrochureError's problems and exit 1: they are the user's to fix."""
    from brochure import report

    report.problems(exc.problems)
    sys.exit(EXIT_PROBLEMS)


REPORT_TO = "the brochure maintainers (the issue tracker of the repository brochure came from)"
EXIT_BUG = 3  # an internal error: a bug in brochure, not in the user's files or options


class _Brochure(click.Group):
    """The command group; an exception no command turned into problems is reported as a bug, in one line."""

    def invoke(self, ctx):
        from brochure.errors import BrochureError, log_bug

        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except BrochureError as exc:  # problems a command did not catch are still the user's to fix
            fail(exc)
        except Exception as exc:
            log = log_bug(exc)
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
