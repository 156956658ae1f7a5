"""User-facing problems: what is wrong, where, and how to fix it.

Every step before drawing collects `Problem`s instead of raising on the
first one, so a user fixes all of them in one round.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Location:
    file: str
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based

    def __str__(self) -> str:
        out = self.file
        if self.line is not None:
            out += f":{self.line}"
            if self.column is not None:
                out += f":{self.column}"
        return out


@dataclass(frozen=True)
class Problem:
    message: str
    location: Location | None = None
    field: str = ""  # dotted path inside the file, e.g. "body[2].callout.kind"
    fix: str = ""
    severity: str = "error"  # "error" fails; "warning" fails with --strict; "info" never fails
    rule: str = ""  # which check found it, e.g. "plain.long-sentence"; empty for validation
    details: tuple[str, ...] = ()  # extra lines, e.g. the longest sentences of a hard section

    def render(self) -> str:
        where = str(self.location) if self.location else "(no file)"
        head = f"{where}: {self.severity}: {self.message}"
        if self.field:
            head += f" (at `{self.field}`)"
        for line in self.details:
            head += f"\n    {line}"
        if self.fix:
            head += f"\n    fix: {self.fix}"
        return head

    def sort_key(self) -> tuple:
        loc = self.location or Location("")
        return (loc.file, loc.line or 0, loc.column or 0, self.message)


@dataclass
class BrochureError(Exception):
    """Raised with every problem found; the CLI prints them and exits 1."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.summary())

    def summary(self) -> str:
        return "\n".join(p.render() for p in sorted(self.problems, key=Problem.sort_key))


def display_path(path: Path | str, root: Path | None = None) -> str:
    """Paths relative to the project (or cwd) read better in messages."""
    p = Path(path)
    for base in (root, Path.cwd()):
        if base is None:
            continue
        try:
            return str(p.resolve().relative_to(base.resolve()))
        except ValueError:
            continue
    return str(p)


def log_bug(exc: BaseException) -> Path | None:
    """Write the traceback of an internal error to a log file in the temporary folder; None if it cannot.

    Here, at the bottom of the house, so that the CLI and a build worker report a bug the same way.
    """
    import datetime
    import os
    import platform
    import sys
    import tempfile
    import traceback

    from brochure._version import __version__

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
