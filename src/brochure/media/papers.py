"""The papers brochure knows: one entry each, read by every step that needs a paper fact.

Size, bleed and the sheet a booklet is imposed on were guessed in several
places (the bleed from the name's first letter); here each is stated once.
Adding a paper is one `register(Paper(...))`. A Python module rather than a
YAML file: nothing to find or parse at start-up, typed and frozen, and plain
numbers only (no ReportLab), so the command line reads the names for
`--paper` and `--help` stays instant.
"""

from __future__ import annotations

from dataclasses import dataclass

INCH = 72.0
MM = INCH / 2.54 * 0.1  # ReportLab's own `mm`, to the last bit: A4 here is exactly reportlab.lib.pagesizes.A4
US_BLEED = 0.125 * INCH  # what US print shops ask for
ISO_BLEED = 3 * (72 / 25.4)  # 3 mm, what European shops ask for


@dataclass(frozen=True)
class Paper:
    """One paper size, portrait, in points."""

    name: str  # as written in files and on the command line: `half-letter`
    label: str  # as printed in messages: `Half Letter`
    width: float
    height: float
    bleed: float  # on every side, for profiles that print to the edge
    family: str  # `US` or `ISO`: which shops' habits the bleed follows
    sheet: str | None = None  # the paper whose landscape side takes two of these pages (saddle stitch)

    @property
    def size(self) -> tuple[float, float]:
        return (self.width, self.height)


_PAPERS: dict[str, Paper] = {}


def register(paper: Paper) -> Paper:
    """Add a paper; its name must be new and its sheet (if any) already known."""
    if paper.name in _PAPERS:
        raise ValueError(f"paper {paper.name!r} is already registered")
    if paper.sheet is not None and paper.sheet not in _PAPERS:
        raise ValueError(f"paper {paper.name!r}: its sheet {paper.sheet!r} is not a registered paper")
    if not (paper.width > 0 and paper.height > 0 and paper.bleed >= 0):
        raise ValueError(f"paper {paper.name!r}: sizes must be positive and the bleed not negative")
    _PAPERS[paper.name] = paper
    return paper


def unregister(name: str) -> None:
    """Remove a paper (tests that register their own clean up with this)."""
    if any(p.sheet == name for p in _PAPERS.values()):
        raise ValueError(f"paper {name!r} is the sheet of another paper")
    del _PAPERS[name]


def names() -> tuple[str, ...]:
    """Every paper's name, in registration order (the built-in ones first)."""
    return tuple(_PAPERS)


def known(name: str) -> bool:
    return name in _PAPERS


def get(name: str) -> Paper:
    """The paper called `name`; a KeyError naming the known ones otherwise (files are validated before this)."""
    try:
        return _PAPERS[name]
    except KeyError:
        raise KeyError(f"unknown paper {name!r}; known: {', '.join(_PAPERS)}") from None


def imposed() -> dict[str, Paper]:
    """Paper name -> the paper of the sheet it is imposed on two-up, for each paper that has one."""
    return {p.name: _PAPERS[p.sheet] for p in _PAPERS.values() if p.sheet is not None}


register(Paper("letter", "Letter", 8.5 * INCH, 11 * INCH, US_BLEED, "US"))
register(Paper("a4", "A4", 210 * MM, 297 * MM, ISO_BLEED, "ISO"))
register(Paper("half-letter", "Half Letter", 5.5 * INCH, 8.5 * INCH, US_BLEED, "US", sheet="letter"))
register(Paper("a5", "A5", 148 * MM, 210 * MM, ISO_BLEED, "ISO", sheet="a4"))
