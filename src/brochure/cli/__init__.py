"""The command line (`brochure ...`): `app` (the group), `options`, `commands/` (one module per command family),
and the tools the commands call: init, preview, serve, schema."""

from brochure.cli import commands  # noqa: F401  registers every command on main
from brochure.cli.app import main

__all__ = ["main"]
