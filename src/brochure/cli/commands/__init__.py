"""The commands of `brochure`, one module per command or small family; importing one registers it on `app.main`.

Each imports only click at import time and the rest inside the command, so `brochure --help` stays instant.
"""

from brochure.cli.commands import build, check, content, tools

__all__ = ["build", "check", "content", "tools"]
