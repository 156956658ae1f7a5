"""Saddle-stitch imposition: booklet pages two-up on a landscape sheet, in the order that folds right.

A clinic prints the imposed file double-sided (flip on the short edge),
folds the stack in half and staples at the fold; the pages then read 1, 2, 3 …
For n pages (n a multiple of 4, padded with blank pages), sheet s (0-based)
carries on its front [n − 2s, 2s + 1] and on its back [2s + 2, n − 2s − 1]
(left, right; 1-based page numbers). The outermost sheet holds the back cover
and the cover. A right-to-left booklet binds on the right: each side mirrored.

The imposed file is a printer's file: each page is placed as a form XObject,
so its text stays text, but it has no structure tree and reads in sheet
order. The unimposed booklet is the accessible one (README says so).

`build --impose saddle` plans with `plan_saddle` (which targets, and every
booklet that cannot go two-up as a located problem, before anything is built)
and writes with `impose_built` after the build.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.pagesizes import landscape

from brochure.errors import BrochureError, Location, Problem
from brochure.inputs.project import Project
from brochure.inputs.targets import Target
from brochure.media import papers

if TYPE_CHECKING:
    import pikepdf


class _Sheets(Mapping):
    """Booklet paper -> (the sheet's name, the sheet landscape in points), read from `media.papers` when asked."""

    def __getitem__(self, paper: str) -> tuple[str, tuple[float, float]]:
        sheet = papers.imposed()[paper]
        return sheet.label, landscape(sheet.size)

    def __iter__(self) -> Iterator[str]:
        return iter(papers.imposed())

    def __len__(self) -> int:
        return len(papers.imposed())


SHEETS: Mapping[str, tuple[str, tuple[float, float]]] = _Sheets()  # two pages side by side on the sheet


class PageTooLargeError(ValueError):
    """A page larger than half the sheet: refused rather than shrunk (its body text would print below its size)."""

    def __init__(self, page: tuple[float, float], sheet: tuple[float, float]) -> None:
        self.page, self.sheet = page, sheet
        super().__init__(
            f"a {page[0] / 72:.2f} × {page[1] / 72:.2f} in page does not fit half of a "
            f"{sheet[0] / 72:.2f} × {sheet[1] / 72:.2f} in sheet"
        )

    @property
    def room(self) -> tuple[float, float]:
        """The largest page (width, height in points) that goes two-up on this sheet."""
        return self.sheet[0] / 2, self.sheet[1]


def check_fits(width: float, height: float, sheet: tuple[float, float]) -> None:
    """Raise PageTooLargeError unless a `width` × `height` page fits half of `sheet` at 100 % (0.5 pt to spare)."""
    if width > sheet[0] / 2 + 0.5 or height > sheet[1] + 0.5:
        raise PageTooLargeError((width, height), sheet)


def saddle_order(pages: int, rtl: bool = False) -> list[tuple[int, int]]:
    """Sheet sides in printing order as (left, right) page numbers; 0 is a blank. Pads to a multiple of 4.

    A right-to-left booklet has its spine on the right: every side is
    mirrored, so the outer sheet is (1 | n) and the reader turns pages
    leftwards, page 2 on the right of page 3. Flipped on the short edge the
    mirrored sides still back onto each other (page 2 behind page 1).
    """
    n = -(-pages // 4) * 4

    def real(p: int) -> int:
        return p if p <= pages else 0

    out = []
    for s in range(n // 4):
        out.append((real(n - 2 * s), real(2 * s + 1)))  # front
        out.append((real(2 * s + 2), real(n - 2 * s - 1)))  # back
    return [(right, left) for left, right in out] if rtl else out


def reads_right_to_left(pdf: pikepdf.Pdf) -> bool:
    """Whether a PDF says it reads right to left (`/ViewerPreferences /Direction /R2L`, as finish writes it)."""
    prefs = pdf.Root.get("/ViewerPreferences")
    return prefs is not None and prefs.get("/Direction") == "/R2L"


def impose_saddle(source: Path | bytes, sheet: tuple[float, float], rtl: bool | None = None) -> tuple[bytes, int]:
    """Impose a booklet's pages two-up on `sheet` (width, height in points). Returns (PDF bytes, sheet sides).

    `rtl` (default: what the source's ViewerPreferences say) binds on the
    right; the imposed file then says /Direction /R2L too.

    Each page's TrimBox (else MediaBox) is centred in its half of the sheet,
    clipped to that box, at 100 %: a page larger than half the sheet is
    refused (PageTooLargeError) rather than shrunk, because shrinking would print
    body text below the size it was set at.
    """
    import pikepdf

    src = pikepdf.open(io.BytesIO(source) if isinstance(source, bytes) else source)
    with src, pikepdf.new() as out:
        width, height = sheet
        forms, boxes = [], []
        for page in src.pages:
            box = [float(v) for v in page.obj.get("/TrimBox", page.mediabox)]
            check_fits(box[2] - box[0], box[3] - box[1], sheet)
            forms.append(out.copy_foreign(page.as_form_xobject()))
            boxes.append(box)
        if rtl is None:
            rtl = reads_right_to_left(src)
        for left, right in saddle_order(len(src.pages), rtl):
            xobjects, ops = pikepdf.Dictionary(), []
            for slot, number in enumerate((left, right)):
                if not number:
                    continue
                name = f"/P{number}"
                xobjects[name] = forms[number - 1]
                x0, y0, x1, y1 = boxes[number - 1]
                pw, ph = x1 - x0, y1 - y0
                dx = slot * width / 2 + (width / 2 - pw) / 2 - x0  # centred in its half
                dy = (height - ph) / 2 - y0
                ops.append(
                    f"q {x0 + dx:.4f} {y0 + dy:.4f} {pw:.4f} {ph:.4f} re W n 1 0 0 1 {dx:.4f} {dy:.4f} cm {name} Do Q"
                )
            sheet_side = pikepdf.Dictionary(
                Type=pikepdf.Name.Page,
                MediaBox=[0, 0, width, height],
                Resources=pikepdf.Dictionary(XObject=xobjects),
                Contents=out.make_stream(("\n".join(ops) + "\n").encode()),
            )
            out.pages.append(pikepdf.Page(sheet_side))
        for key in ("/Title", "/Author", "/Subject", "/Creator", "/Producer", "/CreationDate", "/ModDate"):
            if key in src.docinfo:
                out.docinfo[key] = src.docinfo[key]
        if "/Lang" in src.Root:
            out.Root.Lang = src.Root.Lang
        if rtl:
            out.Root.ViewerPreferences = pikepdf.Dictionary(Direction=pikepdf.Name.R2L)
        buf = io.BytesIO()
        out.save(buf, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return buf.getvalue(), len(out.pages)


def imposed_path(booklet: Path) -> Path:
    """dist/…/booklet-half-letter.pdf → dist/…/booklet-half-letter-saddle.pdf (next to the accessible one)."""
    return booklet.with_name(f"{booklet.stem}-saddle.pdf")


def plan_saddle(project: Project, targets: list[Target]) -> list[Target]:
    """The booklet targets `--impose saddle` applies to; a booklet that cannot go two-up is a problem, up front."""
    from brochure.render import plan

    found, problems = [], []
    for t in targets:
        layout, _ = project.load_layout(t.length)
        if layout.kind != "booklet":
            continue  # flyers and tri-folds are printed as they are
        if t.paper not in SHEETS:
            problems.append(
                Problem(
                    f"a {t.paper} booklet cannot be imposed two-up: its pages are as large as the sheet "
                    "(shrinking them would print 12 pt body text at under 8 pt)",
                    Location(project.shown(project.layouts()[t.length])),
                    fix="build the booklet with --paper half-letter (prints on Letter) or --paper a5 (prints on A4)",
                )
            )
            continue
        g = plan.geometry(layout.for_paper(t.paper), t.paper)
        try:
            check_fits(g.width, g.height, SHEETS[t.paper][1])
        except PageTooLargeError as exc:
            problems.append(too_large(project, t, exc))
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


def too_large(project: Project, target: Target, exc: PageTooLargeError) -> Problem:
    """A booklet page too large to go two-up, located at the layout's `trim` (or `--set`) or the layout file."""
    layout, doc = project.load_layout(target.length)
    trimmed = layout.trim is not None and target.paper in layout.trim
    where = doc.where(("trim", target.paper)) if trimmed else Location(project.shown(project.layouts()[target.length]))
    room_w, room_h = exc.room
    return Problem(
        f"--impose saddle: the {target.paper} booklet cannot be imposed: {exc} "
        f"({SHEETS[target.paper][0]}, two pages side by side at 100 %)",
        where,
        fix=f"make the {target.paper} page at most {room_w / 72:.2f} × {room_h / 72:.2f} in"
        + (f" (`trim.{target.paper}`)" if trimmed else "")
        + ", or build without --impose and let a print shop impose it",
    )


@dataclass(frozen=True)
class Imposed:
    """One saddle file written: where, and on how many sheets of which paper."""

    path: Path
    sheets: int
    sheet_name: str


def impose_built(
    project: Project,
    outcomes: Iterable,
    wanted: list[Target],
    out: Path,
    write: Callable[[Path, bytes], None],
    progress: Callable[[Imposed], None] | None = None,
) -> list[Problem]:
    """Write <booklet>-saddle.pdf next to each wanted booklet that was built (or is up to date); return problems.

    `outcomes` are the build's (`build.matrix.Outcome`: target, built, skipped,
    problems) and `write` its atomic writer, passed in because build/ is on
    this floor. A saddle file newer than its up-to-date booklet is kept. A page
    too large for the sheet is normally refused before building
    (`plan_saddle`); should one reach here it is a located problem too, and
    nothing is written for it.
    """
    problems = []
    wanted_set = set(wanted)
    for o in outcomes:
        if o.problems or o.target not in wanted_set:
            continue
        src = o.built.path if o.built else o.target.path(out)
        dest = imposed_path(src)
        if o.skipped and dest.exists() and dest.stat().st_mtime >= src.stat().st_mtime:
            continue
        sheet_name, sheet = SHEETS[o.target.paper]
        try:
            data, sides = impose_saddle(src, sheet)
        except PageTooLargeError as exc:
            problems.append(too_large(project, o.target, exc))
            continue
        write(dest, data)
        if progress:
            progress(Imposed(dest, sides // 2, sheet_name))
    return problems
