"""The command line (`brochure ...`) and its tools: init, preview, serve, schema."""

from brochure.cli.commands import main

__all__ = ["main"]
