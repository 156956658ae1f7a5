"""Read a PDF: boxes, fonts, colour spaces painted, placed images, text sizes and text near the edges.

pikepdf walks every page's resources and content stream (and the form XObjects and tiling patterns
they call) within fixed bounds (README: Limits); pypdfium2 gives each character's box and size.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .decode import FLATE
from .model import (
    BOX_NAMES,
    PT_PER_IN,
    SAFE_DISTANCE,
    Annotation,
    NearEdge,
    OutputIntentInfo,
    PageInfo,
    Report,
    TooLargeError,
    UnreadableError,
)

if TYPE_CHECKING:  # imported where used at run time: `brochure check` loads neither
    import pikepdf
    import pypdfium2

from .walk import IDENTITY, MAX_CALLS, MAX_PAGES, Walker, colorspace_family, is_rgb  # noqa: F401 (is_rgb: rules reads it from here)

# ---------------------------------------------------------------- reading


def _box(obj: pikepdf.Object | None) -> list[float] | None:
    if obj is None:
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in obj)
    except (TypeError, ValueError):
        return None
    return [round(min(x0, x1), 3), round(min(y0, y1), 3), round(max(x0, x1), 3), round(max(y0, y1), 3)]


def _user_unit(page: pikepdf.Page) -> float:
    """The page's /UserUnit (points per unit, PDF 1.6), 1 when absent or not a sensible positive number."""
    try:
        unit = float(page.obj.get("/UserUnit", 1))
    except (TypeError, ValueError):
        return 1.0
    return unit if 0 < unit <= 75_000 else 1.0


INHERITABLE = frozenset({"/MediaBox", "/CropBox", "/Resources", "/Rotate"})  # ISO 32000-1 Table 30


def _inherited(page: pikepdf.Page, key: str) -> pikepdf.Object | None:
    """A page attribute, from a parent Pages node where the spec lets it be inherited (MediaBox, CropBox,
    Resources, Rotate). TrimBox, BleedBox and ArtBox are the page's own: one on /Pages does not count."""
    if key not in INHERITABLE:
        return page.obj.get(key)
    node: pikepdf.Object | None = page.obj
    seen = 0
    while node is not None and seen < 64:
        if key in node:
            return node[key]
        node, seen = node.get("/Parent"), seen + 1
    return None


def contains(outer: list[float], inner: list[float], tol: float = 0.01) -> bool:
    return (
        outer[0] <= inner[0] + tol
        and outer[1] <= inner[1] + tol
        and outer[2] >= inner[2] - tol
        and outer[3] >= inner[3] - tol
    )


def _measure_text(
    path: Path | bytes, pdf: pikepdf.Pdf, pages: list[PageInfo], folds: dict[int, list[float]]
) -> tuple[Counter, list[NearEdge]]:
    """`_text` of pdfium's reading of the file; where pdfium cannot read it (or finds another page count), of
    qpdf's repair of it.

    qpdf has already read every page: a damaged cross-reference table or page that qpdf rebuilds is not a reason
    to refuse a file that Ghostscript and poppler open too.
    """
    import io

    import pikepdf
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(path if isinstance(path, bytes) else str(path))
        if len(doc) == len(pages):
            return _text(doc, pages, folds)
        doc.close()
    except pdfium.PdfiumError:
        pass
    try:
        buf = io.BytesIO()
        pdf.save(buf)
        doc = pdfium.PdfDocument(buf.getvalue())
        if len(doc) != len(pages):
            doc.close()
            raise UnreadableError(f"the PDF is damaged (its text has {len(doc)} pages, its page tree {len(pages)})")
        return _text(doc, pages, folds)
    except (pikepdf.PdfError, pdfium.PdfiumError) as exc:
        raise UnreadableError(f"the PDF is damaged (its text cannot be read: {_first_line(exc)})") from None


def _text(
    doc: pypdfium2.PdfDocument, pages: list[PageInfo], folds: dict[int, list[float]]
) -> tuple[Counter, list[NearEdge]]:
    """Every visible character's size and box (pdfium), and the text closest to trim or fold on each page."""
    import ctypes

    import pypdfium2.raw as raw

    sizes: Counter = Counter()
    near: list[NearEdge] = []
    try:
        for info in pages:
            page = doc[info.number - 1]
            tp = page.get_textpage()
            x0, y0, x1, y1 = info.trim
            u = info.unit
            worst: dict[str, tuple[float, int]] = {}  # edge → (distance, char index)
            n = raw.FPDFText_CountChars(tp.raw)
            left, right, bottom, top = (ctypes.c_double() for _ in range(4))
            matrix = raw.FS_MATRIX()
            for i in range(n):
                ch = raw.FPDFText_GetUnicode(tp.raw, i)
                if ch <= 32 or ch in (0xA0, 0xAD, 0xFFFE, 0xFFFF):
                    continue
                if not raw.FPDFText_GetCharBox(tp.raw, i, left, right, bottom, top):
                    continue
                lo, r, b, t = left.value, right.value, bottom.value, top.value
                if r - lo <= 0 and t - b <= 0:
                    continue
                # the size as printed: the font size times the text matrix and CTM's scale (a 6 pt font scaled 2x
                # by `cm` prints at 12 pt; a 20 pt font in a half-size text matrix at 10 pt)
                size = raw.FPDFText_GetFontSize(tp.raw, i)
                if size > 0 and raw.FPDFText_GetMatrix(tp.raw, i, ctypes.byref(matrix)):
                    size *= abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
                size *= u  # a page in larger units prints its text larger
                if size > 0:
                    sizes[round(size, 1)] += 1
                edges = {  # in points: the page's units times its UserUnit
                    "trim left": (lo - x0) * u,
                    "trim right": (x1 - r) * u,
                    "trim bottom": (b - y0) * u,
                    "trim top": (y1 - t) * u,
                }
                for fx in folds.get(info.number, []):  # fold positions are points from the trim's left
                    at = x0 + fx / u
                    away = 0.0 if lo < at < r else min(abs(lo - at), abs(r - at)) * u
                    edges[f"fold at {fx / PT_PER_IN:.2f} in"] = away
                for edge, dist in edges.items():
                    if dist < SAFE_DISTANCE and (edge not in worst or dist < worst[edge][0]):
                        worst[edge] = (dist, i)
            for edge, (dist, i) in sorted(worst.items()):
                near.append(NearEdge(info.number, edge, round(max(dist, 0) / PT_PER_IN, 3), _around(tp, i, n)))
            tp.close()
            page.close()
    finally:
        doc.close()
    return sizes, near


def _around(tp: pypdfium2.PdfTextPage, i: int, n: int) -> str:
    start, end = max(0, i - 12), min(n, i + 13)
    return " ".join(tp.get_text_range(start, end - start).split())


def _output_intents(pdf: pikepdf.Pdf) -> list[OutputIntentInfo]:
    import pikepdf

    intents = pdf.Root.get("/OutputIntents")
    if not isinstance(intents, pikepdf.Array):
        return []
    out = []
    for oi in intents:
        if not isinstance(oi, pikepdf.Dictionary):
            continue
        ident = oi.get("/OutputConditionIdentifier") or oi.get("/Info") or "(no identifier)"
        out.append(OutputIntentInfo(_name(oi.get("/S")), str(ident), _profile_space(oi.get("/DestOutputProfile"))))
    return out


def _name(obj: pikepdf.Object | None) -> str:
    """A PDF name without its slash ("GTS_PDFX"); "?" for anything that is not a name."""
    import pikepdf

    return str(obj)[1:] if isinstance(obj, pikepdf.Name) else "?"


ICC_SPACES = {1: "GRAY", 3: "RGB", 4: "CMYK"}  # a profile stream's /N (its components) → its colour space
ICC_HEADER = 128  # bytes; the data colour space is at 16-19, the 'acsp' signature at 36-39 (ICC.1:2022 7.2)


def _profile_space(profile: pikepdf.Object | None) -> str | None:
    """The colour space an ICC profile stream converts to: its header's, else its /N's (1, 3, 4 components).

    Only the header is decoded (at most 128 bytes, whatever the stream's size): uncompressed or Flate, as
    PDF writers store profiles; another filter leaves /N to say.
    """
    import pikepdf

    if not isinstance(profile, pikepdf.Stream):
        return None
    header = _head(profile)
    if len(header) >= 40 and header[36:40] == b"acsp":
        space = header[16:20].decode("latin-1").strip()
        if space:
            return space
    try:
        n = int(profile.get("/N", 0))
    except (TypeError, ValueError):
        return None
    return ICC_SPACES.get(n)


def _head(stream: pikepdf.Stream) -> bytes:
    """The first ICC_HEADER decoded bytes of an unfiltered or Flate stream (no predictor), else nothing."""
    import zlib

    import pikepdf

    filters = stream.get("/Filter")
    names = list(filters) if isinstance(filters, pikepdf.Array) else [] if filters is None else [filters]
    raw = stream.read_raw_bytes()
    if not names:
        return raw[:ICC_HEADER]
    if len(names) == 1 and str(names[0]) in FLATE and stream.get("/DecodeParms") is None:
        try:
            return zlib.decompressobj().decompress(raw, ICC_HEADER)
        except zlib.error:
            return b""
    return b""


def read(path: Path | bytes, fold_lines: Callable[[list[PageInfo]], dict[int, list[float]]] | None = None) -> Report:
    """Everything preflight measures, before any judgement. Raises UnreadableError for a file it cannot open.

    About 65 lines: it opens the file once and fills the report from each reader (pages and boxes, the
    content walk, the text, the intents) within one `try` that turns every library error into one message.

    `path` may be the PDF's bytes (a build checks what it is about to write).
    `fold_lines(pages)` → {page number: [fold x in points from the trim's left edge]}, when folds are known.
    """
    import io

    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(path) if isinstance(path, bytes) else path)
    except pikepdf.PasswordError:
        raise UnreadableError("the PDF is encrypted and needs a password to open") from None
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        raise UnreadableError(f"not a readable PDF ({_first_line(exc)})") from None
    with pdf:
        pages: list[PageInfo] = []
        annotations: list[Annotation] = []
        walker = Walker()
        if len(pdf.pages) > MAX_PAGES:
            raise TooLargeError(f"too large to check completely: {len(pdf.pages):,} pages (the limit is {MAX_PAGES:,})")
        try:
            for n, page in enumerate(pdf.pages, start=1):
                boxes = {name: _box(_inherited(page, "/" + name)) for name in BOX_NAMES}
                media = boxes["MediaBox"] or [0.0, 0.0, 612.0, 792.0]
                trim = boxes["TrimBox"] or boxes["CropBox"] or media
                rotate = int(_inherited(page, "/Rotate") or 0)
                unit = _user_unit(page)
                pages.append(
                    PageInfo(
                        n,
                        boxes,
                        trim,
                        round((trim[2] - trim[0]) * unit / PT_PER_IN, 3),
                        round((trim[3] - trim[1]) * unit / PT_PER_IN, 3),
                        rotate,
                        unit,
                    )
                )
                scale = (unit, 0.0, 0.0, unit, 0.0, 0.0)  # placements in points, whatever the page's unit
                group = page.obj.get("/Group")
                if group is not None and "/CS" in group:
                    walker.use(colorspace_family(group.CS, page.obj.get("/Resources")), "transparency group", n)
                walker.walk(pdf, page, _inherited(page, "/Resources"), scale, n)
                annotations += _printable_annotations(pdf, page, n, walker, scale)
        except pikepdf.PdfError as exc:
            raise UnreadableError(f"the PDF is damaged ({_first_line(exc)})") from None
        intents = _output_intents(pdf)
        encrypted = pdf.is_encrypted
        folds = fold_lines(pages) if fold_lines else {}
        sizes, near = _measure_text(path, pdf, pages, folds)
    total = sum(sizes.values())
    body = max(sizes.items(), key=lambda kv: (kv[1], kv[0]))[0] if total else None
    return Report(
        path="(the PDF being built)" if isinstance(path, bytes) else str(path),
        profile="",
        layout=None,
        pages=pages,
        fonts=sorted(walker.fonts.values(), key=lambda f: f.name),
        images=walker.images,
        colorspaces={fam: {w: sorted(p) for w, p in where.items()} for fam, where in sorted(walker.uses.items())},
        output_intents=intents,
        text_sizes={f"{k:.1f}": v for k, v in sorted(sizes.items())},
        smallest_text_pt=min(sizes) if sizes else None,
        body_text_pt=body,
        near_edges=near,
        encrypted=encrypted,
        folds={n: [round(x / PT_PER_IN, 4) for x in xs] for n, xs in folds.items()},
        printable_annotations=annotations,
    )


PRINT, HIDDEN, NO_VIEW = 4, 2, 32  # annotation flags (ISO 32000-1 12.5.3)


def _printable_annotations(
    pdf: pikepdf.Pdf, page: pikepdf.Page, n: int, walker: Walker, ctm: tuple[float, ...] = IDENTITY
) -> list[Annotation]:
    """The page's annotations that print, each appearance walked like page content (its colours, its fonts).

    A stamp or a filled-in form field prints on paper as if it were content, so its RGB or its
    unembedded Helvetica matters as much as the page's own.
    """
    import pikepdf

    out = []
    for annot in page.obj.get("/Annots", []) or []:
        if not isinstance(annot, pikepdf.Dictionary):
            continue
        flags = int(annot.get("/F", 0) or 0)
        if not flags & PRINT or flags & HIDDEN:
            continue
        out.append(Annotation(n, str(annot.get("/Subtype", "/Annot"))[1:]))
        ap = annot.get("/AP")
        normal = ap.get("/N") if isinstance(ap, pikepdf.Dictionary) else None
        if isinstance(normal, pikepdf.Dictionary) and not isinstance(normal, pikepdf.Stream):
            state = annot.get("/AS")  # a check box or radio button: one appearance per state, /AS picks it
            normal = normal.get(str(state)) if isinstance(state, pikepdf.Name) else None
        if isinstance(normal, pikepdf.Stream):
            walker.budget.spend("calls", 1, MAX_CALLS)
            walker.walk(pdf, normal, normal.get("/Resources"), ctm, n)
    return out


def _first_line(exc: Exception) -> str:
    """The library's message without its name for the input: qpdf starts with the path (or, for bytes, the
    repr of a stream object, "stream <_io.BytesIO object at 0x7f…>"), which says nothing to the user."""
    line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    named = re.match(r"^(?:stream <[^>]*>|.*?\.pdf)(?: \(([^)]*)\))?: (.+)$", line, re.IGNORECASE)
    if named is None:
        return line
    return f"{named[2]}; {named[1]}" if named[1] else named[2]
