"""Preflight any PDF (ours or not) against a print profile: read, measure, judge. Draws nothing.

A clinic gets PDFs from many places — ours, a designer's, a hospital's — and
needs to know before printing whether fonts are embedded, colour is right for
the printer, pictures are sharp enough and nothing sits so close to the trim
(or a fold) that a cutter or a fold eats it. This module only reads:
`inspect(path, profile)` returns a `Report` (plain data, JSON-ready); the CLI
prints it.

How it reads:
- pikepdf walks every page's resources and content stream (and the form
  XObjects and tiling patterns they call), keeping the graphics state stack
  (q/Q, cm) so each image's *placed* size is known (→ effective ppi), and the
  colour space in force when something is actually painted (fill, stroke,
  text, image, shading) — a colour set and never used does not count.
- pypdfium2 gives each character's box and font size, which needs the font's
  glyph widths; pdfium already knows them for any font.

Profiles (the thresholds are named constants below):
- office: fonts embedded; images ≥ 150 ppi; body text (the most used size)
  ≥ 10 pt, nothing under 6 pt (warning); text ≥ 0.125 in inside the trim
  (TrimBox, else MediaBox) and, when the layout is known, away from folds.
- press: all of that, and TrimBox + BleedBox on every page with
  MediaBox ⊇ BleedBox ⊇ TrimBox, no RGB anywhere (DeviceRGB, CalRGB, ICCBased
  with 3 components, in content, images, shadings, transparency groups),
  images ≥ 300 ppi, an OutputIntent.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

PT_PER_IN = 72.0
SAFE_DISTANCE = 0.125 * PT_PER_IN  # text at least this far inside the trim and away from folds
MIN_BODY_PT = 10.0  # the most-used text size; below this older readers struggle (README: lengths)
MIN_TEXT_PT = 6.0  # anything smaller is unreadable fine print: a warning
MIN_PPI = {"office": 150, "press": 300}
PPI_TOLERANCE = 0.98  # a 300 ppi image rounded to whole pixels lands at 299.x: that is still 300
MIN_BLEED = 8.5  # 3 mm; US shops ask 0.125 in (9 pt): less is a warning
PROFILES = ("office", "press")
SUBSET = re.compile(r"^[A-Z]{6}\+")
BOX_NAMES = ("MediaBox", "CropBox", "BleedBox", "TrimBox", "ArtBox")


@dataclass
class Finding:
    severity: str  # "error" fails the profile; "warning" fails with --strict; "info" never fails
    rule: str  # e.g. "font.not-embedded"
    message: str
    pages: list[int] = field(default_factory=list)  # 1-based
    fix: str = ""


@dataclass
class PageInfo:
    number: int
    boxes: dict[str, list[float] | None]  # as written in the file (inherited boxes resolved), None if absent
    trim: list[float]  # TrimBox, else CropBox, else MediaBox: what the reader holds
    width_in: float
    height_in: float
    rotate: int = 0


@dataclass
class FontInfo:
    name: str
    subtype: str
    embedded: bool
    subset: bool
    pages: list[int]


@dataclass
class ImageInfo:
    page: int
    name: str
    pixels: tuple[int, int]
    colorspace: str
    placed_in: tuple[float, float]  # width, height on paper
    ppi: float  # effective: the lower of the two directions


@dataclass
class NearEdge:
    page: int
    edge: str  # "trim left", "fold at 3.69 in", …
    distance_in: float
    text: str


@dataclass
class Report:
    path: str
    profile: str
    layout: str | None
    pages: list[PageInfo]
    fonts: list[FontInfo]
    images: list[ImageInfo]
    colorspaces: dict[str, dict[str, list[int]]]  # family → where ("content", "image", …) → pages
    output_intents: list[str]
    text_sizes: dict[str, float]  # pt, rounded to 0.1 → characters, as {"12.0": 3100}
    smallest_text_pt: float | None
    body_text_pt: float | None
    near_edges: list[NearEdge]
    encrypted: bool
    folds: dict[int, list[float]] = field(default_factory=dict)  # page → fold x (in) from the trim's left, if known
    findings: list[Finding] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    def failed(self, strict: bool = False) -> bool:
        return self.count("error") > 0 or (strict and self.count("warning") > 0)

    def to_dict(self, strict: bool = False) -> dict:
        out = asdict(self)
        out["passed"] = not self.failed(strict)
        return out


class UnreadableError(Exception):
    """The file is not a PDF we can open (not a PDF, damaged beyond repair, or needs a password)."""


class TooLargeError(UnreadableError):
    """The file asks for more work than preflight's bounds (README: Limits): it was not checked completely."""


# Bounds on the work one file may cause (README: Limits); a file past one is "too large to check completely".
MAX_PAGES = 2_000
MAX_STREAM_BYTES = 4 * 1024 * 1024  # one content stream, decoded (a dense handout page is under 200 KB)
MAX_CONTENT_BYTES = 64 * 1024 * 1024  # every content stream read, decoded, forms counted each time they are used
MAX_OPERATORS = 2_000_000  # drawing instructions walked, forms counted each time they are used
MAX_CALLS = 20_000  # form XObjects and tiling patterns entered (a 7 KB file can ask for 2^30)
# only the operators the checks need: path construction (m, l, c, re …), the bulk of any page, is skipped unparsed
_OPERATORS = "q Q cm rg RG k K g G cs CS scn SCN Tf Tj TJ ' \" sh Do BI ID EI f F f* B B* b b* S s"


class _Budget:
    def __init__(self) -> None:
        self.bytes = self.operators = self.calls = 0

    def spend(self, what: str, n: int, limit: int) -> None:
        total = getattr(self, what) + n
        setattr(self, what, total)
        if total > limit:
            words = {"bytes": "bytes of page content", "operators": "drawing operators", "calls": "form calls"}
            raise TooLargeError(f"too large to check completely: more than {limit:,} {words[what]}")


def _decoded(stream, budget: _Budget) -> bytes:
    """A stream's bytes, decoded with a bound: a 3 KB Flate bomb stops at MAX_STREAM_BYTES, not at 3 GB."""
    import zlib

    import pikepdf

    filters = stream.get("/Filter")
    names = [str(f) for f in (filters if isinstance(filters, pikepdf.Array) else [filters] if filters else [])]
    if names in ([], ["/FlateDecode"], ["/Fl"]) and "/DecodeParms" not in stream:
        raw = stream.read_raw_bytes()
        if names:
            try:
                out = zlib.decompressobj().decompress(raw, MAX_STREAM_BYTES + 1)
            except zlib.error:
                out = stream.read_bytes()  # let qpdf say what is wrong, as before
        else:
            out = raw
    else:  # other filters: qpdf decodes (the process's memory limit still holds)
        out = stream.read_bytes()
    if len(out) > MAX_STREAM_BYTES:
        raise TooLargeError(f"too large to check completely: a content stream over {MAX_STREAM_BYTES:,} bytes")
    budget.spend("bytes", len(out), MAX_CONTENT_BYTES)
    return out


def _instructions(pdf, owner, budget: _Budget) -> list:
    """The content of a page (all its streams, joined) or of a form or pattern, parsed within the budget."""
    import pikepdf

    if isinstance(owner, pikepdf.Page):
        contents = owner.obj.get("/Contents")
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents] if contents else []
    else:
        streams = [owner]
    data = b"\n".join(_decoded(st, budget) for st in streams if isinstance(st, pikepdf.Stream))
    found = pikepdf.parse_content_stream(pikepdf.Stream(pdf, data), _OPERATORS)
    budget.spend("operators", len(found), MAX_OPERATORS)
    return found


# ---------------------------------------------------------------- reading


def _box(obj) -> list[float] | None:
    if obj is None:
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in obj)
    except (TypeError, ValueError):
        return None
    return [round(min(x0, x1), 3), round(min(y0, y1), 3), round(max(x0, x1), 3), round(max(y0, y1), 3)]


def _inherited(page, key: str):
    """Page attributes such as MediaBox may live on a parent Pages node."""
    node, seen = page.obj, 0
    while node is not None and seen < 64:
        if key in node:
            return node[key]
        node, seen = node.get("/Parent"), seen + 1
    return None


def _contains(outer: list[float], inner: list[float], tol: float = 0.01) -> bool:
    return (
        outer[0] <= inner[0] + tol
        and outer[1] <= inner[1] + tol
        and outer[2] >= inner[2] - tol
        and outer[3] >= inner[3] - tol
    )


def colorspace_family(cs, resources=None, depth: int = 0) -> str:
    """A colour space as a family name: DeviceRGB, CalRGB, ICCBased(RGB), DeviceCMYK, Separation(name) …"""
    import pikepdf

    if depth > 8 or cs is None:
        return "unknown"
    if isinstance(cs, pikepdf.Name):
        name = str(cs)[1:]
        short = {"RGB": "DeviceRGB", "CMYK": "DeviceCMYK", "G": "DeviceGray", "I": "Indexed"}.get(name, name)
        if short in ("DeviceRGB", "DeviceCMYK", "DeviceGray", "Pattern"):
            return short
        if resources is not None and "/ColorSpace" in resources and cs in resources["/ColorSpace"]:
            return colorspace_family(resources["/ColorSpace"][cs], None, depth + 1)
        return short
    if isinstance(cs, pikepdf.Array) and len(cs) > 0:
        kind = str(cs[0])[1:]
        if kind == "ICCBased":
            n = int(cs[1].get("/N", 0))
            return {1: "ICCBased(Gray)", 3: "ICCBased(RGB)", 4: "ICCBased(CMYK)"}.get(n, f"ICCBased(N={n})")
        if kind in ("Indexed", "I"):
            return f"Indexed({colorspace_family(cs[1], resources, depth + 1)})"
        if kind == "Separation":
            return f"Separation({str(cs[1])[1:]})"
        if kind == "DeviceN":
            return "DeviceN"
        if kind == "Pattern" and len(cs) > 1:
            return f"Pattern({colorspace_family(cs[1], resources, depth + 1)})"
        return kind  # CalRGB, CalGray, Lab
    return "unknown"


def is_rgb(family: str) -> bool:
    return any(k in family for k in ("DeviceRGB", "CalRGB", "ICCBased(RGB)"))


def _mul(m, n):
    """Matrix product m × n for PDF matrices [a b c d e f]."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
FILL_OPS = {"f", "F", "f*", "B", "B*", "b", "b*"}
STROKE_OPS = {"S", "s", "B", "B*", "b", "b*"}
TEXT_OPS = {"Tj", "TJ", "'", '"'}


class _Walker:
    """Walk content streams with a graphics-state stack; record colour use and image placements."""

    def __init__(self) -> None:
        self.uses: dict[str, dict[str, set[int]]] = {}
        self.images: list[ImageInfo] = []
        self.fonts: dict[tuple, FontInfo] = {}
        self.budget = _Budget()
        self.parsed: dict[tuple, list] = {}  # a form's or pattern's instructions, by object number

    def use(self, family: str, where: str, page: int) -> None:
        self.uses.setdefault(family, {}).setdefault(where, set()).add(page)

    def font(self, font, page: int) -> None:
        import pikepdf

        key = font.objgen if font.objgen != (0, 0) else (id(font), 0)
        if key in self.fonts:
            if page not in self.fonts[key].pages:
                self.fonts[key].pages.append(page)
            return
        subtype = str(font.get("/Subtype", "/Unknown"))[1:]
        name = str(font.get("/BaseFont", pikepdf.Name("/(unnamed)")))[1:]
        desc = font.get("/FontDescriptor")
        if subtype == "Type0" and "/DescendantFonts" in font and len(font.DescendantFonts):
            desc = font.DescendantFonts[0].get("/FontDescriptor")
        embedded = subtype == "Type3" or (
            desc is not None and any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        )
        self.fonts[key] = FontInfo(name, subtype, embedded, bool(SUBSET.match(name)), [page])

    def walk(self, pdf, stream_owner, resources, ctm, page: int, stack: tuple = ()) -> None:
        import pikepdf

        if resources is None:
            resources = pikepdf.Dictionary()
        key = getattr(stream_owner, "objgen", (0, 0))
        try:
            if key != (0, 0) and key in self.parsed:  # a form used 2^30 times is parsed once
                instructions = self.parsed[key]
                self.budget.spend("operators", len(instructions), MAX_OPERATORS)
            else:
                instructions = _instructions(pdf, stream_owner, self.budget)
                if key != (0, 0):
                    self.parsed[key] = instructions
        except pikepdf.PdfError:
            return
        state = {"ctm": ctm, "fill": "DeviceGray", "stroke": "DeviceGray", "font": None}
        saved: list[dict] = []
        xobjects = resources.get("/XObject", {})
        for inst in instructions:
            op = str(inst.operator)
            ops = inst.operands if hasattr(inst, "operands") else []
            if op == "q":
                saved.append(dict(state))
            elif op == "Q":
                if saved:
                    state = saved.pop()
            elif op == "cm" and len(ops) == 6:
                state["ctm"] = _mul(tuple(float(v) for v in ops), state["ctm"])
            elif op in ("rg", "RG", "k", "K", "g", "G"):
                fam = {"rg": "DeviceRGB", "k": "DeviceCMYK", "g": "DeviceGray"}[op.lower()]
                state["fill" if op.islower() else "stroke"] = fam
            elif op in ("cs", "CS") and ops:
                state["fill" if op == "cs" else "stroke"] = colorspace_family(ops[0], resources)
            elif op in ("scn", "SCN") and ops and isinstance(ops[-1], pikepdf.Name):
                self._pattern(pdf, resources, ops[-1], state, page, stack)
            elif op == "Tf" and ops:
                state["font"] = resources.get("/Font", {}).get(ops[0])
            elif op in TEXT_OPS:
                # a font counts when it shows text: ReportLab's page prologue selects Helvetica and shows nothing
                if state["font"] is not None:
                    self.font(state["font"], page)
                self.use(state["fill"], "text", page)
            elif op == "sh" and ops:
                sh = resources.get("/Shading", {}).get(ops[0])
                if sh is not None:
                    self.use(colorspace_family(sh.get("/ColorSpace"), resources), "shading", page)
            elif op == "Do" and ops:
                xo = xobjects.get(ops[0])
                if xo is not None:
                    self._xobject(pdf, xo, str(ops[0])[1:], resources, state, page, stack)
            elif op == "INLINE IMAGE":
                self._inline(inst.iimage, resources, state, page)
            else:
                if op in FILL_OPS:
                    self.use(state["fill"], "content", page)
                if op in STROKE_OPS:
                    self.use(state["stroke"], "content", page)

    def _pattern(self, pdf, resources, name, state, page: int, stack: tuple) -> None:
        pat = resources.get("/Pattern", {}).get(name)
        if pat is None:
            return
        if int(pat.get("/PatternType", 0)) == 2 and "/Shading" in pat:
            self.use(colorspace_family(pat.Shading.get("/ColorSpace"), resources), "shading", page)
        elif int(pat.get("/PatternType", 0)) == 1 and pat.objgen not in stack:
            self.budget.spend("calls", 1, MAX_CALLS)
            matrix = tuple(float(v) for v in pat.get("/Matrix", IDENTITY))
            self.walk(pdf, pat, pat.get("/Resources"), _mul(matrix, state["ctm"]), page, (*stack, pat.objgen))

    def _xobject(self, pdf, xo, name: str, resources, state, page: int, stack: tuple) -> None:
        subtype = str(xo.get("/Subtype", ""))
        if subtype == "/Image":
            if xo.get("/ImageMask", False):
                self.use(state["fill"], "image", page)
                family = "ImageMask"
            else:
                family = (
                    colorspace_family(xo.get("/ColorSpace"), resources)
                    if "/ColorSpace" in xo
                    else ("JPX (in the image)" if "/JPXDecode" in str(xo.get("/Filter", "")) else "unknown")
                )
                self.use(family, "image", page)
            self._image(page, name, int(xo.get("/Width", 0)), int(xo.get("/Height", 0)), family, state["ctm"])
        elif subtype == "/Form" and xo.objgen not in stack:
            self.budget.spend("calls", 1, MAX_CALLS)
            group = xo.get("/Group")
            if group is not None and "/CS" in group:
                self.use(colorspace_family(group.CS, resources), "transparency group", page)
            matrix = tuple(float(v) for v in xo.get("/Matrix", IDENTITY))
            res = xo.get("/Resources", resources)
            self.walk(pdf, xo, res, _mul(matrix, state["ctm"]), page, (*stack, xo.objgen))

    def _inline(self, image, resources, state, page: int) -> None:
        obj = image.obj
        w = int(obj.get("/W", obj.get("/Width", 0)))
        h = int(obj.get("/H", obj.get("/Height", 0)))
        if obj.get("/IM", obj.get("/ImageMask", False)):
            family = "ImageMask"
            self.use(state["fill"], "image", page)
        else:
            family = colorspace_family(obj.get("/CS", obj.get("/ColorSpace")), resources)
            self.use(family, "image", page)
        self._image(page, "(inline)", w, h, family, state["ctm"])

    def _image(self, page: int, name: str, w: int, h: int, family: str, ctm) -> None:
        a, b, c, d, _, _ = ctm
        placed_w, placed_h = math.hypot(a, b), math.hypot(c, d)  # the unit square, mapped to the page
        if placed_w <= 0 or placed_h <= 0 or w <= 0 or h <= 0:
            return
        ppi = min(w / (placed_w / PT_PER_IN), h / (placed_h / PT_PER_IN))
        self.images.append(
            ImageInfo(
                page,
                name,
                (w, h),
                family,
                (round(placed_w / PT_PER_IN, 3), round(placed_h / PT_PER_IN, 3)),
                round(ppi, 1),
            )
        )


def _text(path: Path | bytes, pages: list[PageInfo], folds: dict[int, list[float]]) -> tuple[Counter, list[NearEdge]]:
    """Every visible character's size and box (pdfium), and the text closest to trim or fold on each page."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    sizes: Counter = Counter()
    near: list[NearEdge] = []
    doc = pdfium.PdfDocument(path if isinstance(path, bytes) else str(path))
    try:
        for info in pages:
            page = doc[info.number - 1]
            tp = page.get_textpage()
            x0, y0, x1, y1 = info.trim
            worst: dict[str, tuple[float, int]] = {}  # edge → (distance, char index)
            n = raw.FPDFText_CountChars(tp.raw)
            left, right, bottom, top = (ctypes.c_double() for _ in range(4))
            for i in range(n):
                ch = raw.FPDFText_GetUnicode(tp.raw, i)
                if ch <= 32 or ch in (0xA0, 0xAD, 0xFFFE, 0xFFFF):
                    continue
                if not raw.FPDFText_GetCharBox(tp.raw, i, left, right, bottom, top):
                    continue
                lo, r, b, t = left.value, right.value, bottom.value, top.value
                if r - lo <= 0 and t - b <= 0:
                    continue
                size = raw.FPDFText_GetFontSize(tp.raw, i)
                if size > 0:
                    sizes[round(size, 1)] += 1
                edges = {
                    "trim left": lo - x0,
                    "trim right": x1 - r,
                    "trim bottom": b - y0,
                    "trim top": y1 - t,
                }
                for fx in folds.get(info.number, []):
                    at = x0 + fx
                    edges[f"fold at {fx / PT_PER_IN:.2f} in"] = 0.0 if lo < at < r else min(abs(lo - at), abs(r - at))
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


def _around(tp, i: int, n: int) -> str:
    start, end = max(0, i - 12), min(n, i + 13)
    return " ".join(tp.get_text_range(start, end - start).split())


def _output_intents(pdf) -> list[str]:
    out = []
    for oi in pdf.Root.get("/OutputIntents", []):
        ident = oi.get("/OutputConditionIdentifier") or oi.get("/Info") or "(no identifier)"
        out.append(f"{str(oi.get('/S', '/?'))[1:]}: {ident}")
    return out


def read(path: Path | bytes, fold_lines=None) -> Report:
    """Everything preflight measures, before any judgement. Raises UnreadableError for a file it cannot open.

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
        walker = _Walker()
        if len(pdf.pages) > MAX_PAGES:
            raise TooLargeError(f"too large to check completely: {len(pdf.pages):,} pages (the limit is {MAX_PAGES:,})")
        try:
            for n, page in enumerate(pdf.pages, start=1):
                boxes = {name: _box(_inherited(page, "/" + name)) for name in BOX_NAMES}
                media = boxes["MediaBox"] or [0.0, 0.0, 612.0, 792.0]
                trim = boxes["TrimBox"] or boxes["CropBox"] or media
                rotate = int(_inherited(page, "/Rotate") or 0)
                pages.append(
                    PageInfo(
                        n,
                        boxes,
                        trim,
                        round((trim[2] - trim[0]) / PT_PER_IN, 3),
                        round((trim[3] - trim[1]) / PT_PER_IN, 3),
                        rotate,
                    )
                )
                group = page.obj.get("/Group")
                if group is not None and "/CS" in group:
                    walker.use(colorspace_family(group.CS, page.obj.get("/Resources")), "transparency group", n)
                walker.walk(pdf, page, _inherited(page, "/Resources"), IDENTITY, n)
        except pikepdf.PdfError as exc:
            raise UnreadableError(f"the PDF is damaged ({_first_line(exc)})") from None
        intents = _output_intents(pdf)
        encrypted = pdf.is_encrypted
    folds = fold_lines(pages) if fold_lines else {}
    sizes, near = _text(path, pages, folds)
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
    )


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


# ---------------------------------------------------------------- judging


def _pages_text(pages: list[int]) -> str:
    if not pages:
        return ""
    pages = sorted(set(pages))
    shown = ", ".join(str(p) for p in pages[:8]) + (" …" if len(pages) > 8 else "")
    return f" (page{'s' * (len(pages) > 1)} {shown})"


def judge(report: Report, profile: str, page_multiple: int | None = None) -> list[Finding]:
    """The profile's rules applied to what `read` measured."""
    out: list[Finding] = []
    press = profile == "press"

    def add(severity, rule, message, pages=(), fix=""):
        pages = sorted(set(pages))
        out.append(Finding(severity, rule, message + _pages_text(pages), pages, fix))

    # pages and boxes
    if page_multiple and len(report.pages) % page_multiple:
        add(
            "error",
            "pages.multiple",
            f"{len(report.pages)} pages is not a multiple of {page_multiple}, as a folded booklet needs",
            fix="add blank or notes pages",
        )
    sizes = {(p.width_in, p.height_in) for p in report.pages}
    if len(sizes) > 1:
        add("info", "pages.mixed-sizes", f"{len(sizes)} different page sizes")
    no_trim = [p.number for p in report.pages if p.boxes["TrimBox"] is None]
    no_bleed = [p.number for p in report.pages if p.boxes["BleedBox"] is None]
    if press and no_trim:
        add(
            "error",
            "box.no-trim",
            "no TrimBox: the print shop cannot tell where to cut",
            no_trim,
            "export with bleed and trim marks (TrimBox and BleedBox), e.g. PDF/X-4",
        )
    if press and no_bleed:
        add(
            "error",
            "box.no-bleed",
            "no BleedBox: nothing may run to the edge of the sheet",
            no_bleed,
            "add 0.125 in (3 mm) of bleed on every side and write the BleedBox",
        )
    bad_nest, thin = [], []
    for p in report.pages:
        media, trim, bleed = p.boxes["MediaBox"], p.boxes["TrimBox"], p.boxes["BleedBox"]
        if media and trim and not _contains(media, trim):
            bad_nest.append(p.number)
        if bleed and trim:
            if not _contains(bleed, trim) or (media and not _contains(media, bleed)):
                bad_nest.append(p.number)
            elif min(trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]) < MIN_BLEED - 0.01:
                thin.append(p.number)
    if bad_nest:
        add(
            "error",
            "box.nesting",
            "page boxes do not nest (MediaBox ⊇ BleedBox ⊇ TrimBox)",
            bad_nest,
            "re-export the PDF; the boxes contradict each other",
        )
    if press and thin:
        add(
            "warning",
            "box.thin-bleed",
            "bleed narrower than 3 mm on some side",
            thin,
            "print shops ask for 0.125 in (US) or 3 mm (Europe) on every side",
        )
    if press and not report.output_intents:
        add(
            "error",
            "press.no-output-intent",
            "no OutputIntent: the printer does not know the colour condition",
            fix="export as PDF/X-4 (or PDF/X-1a) with the shop's output profile, e.g. Coated FOGRA39 or GRACoL",
        )
    # fonts
    unembedded = [f for f in report.fonts if not f.embedded]
    for f in unembedded:
        add(
            "error",
            "font.not-embedded",
            f"font {f.name} ({f.subtype}) is not embedded: the printer substitutes it",
            f.pages,
            "embed all fonts when exporting (fonts whose licence forbids embedding cannot be printed as is)",
        )
    # colour
    for fam, where in report.colorspaces.items():
        if press and is_rgb(fam):
            pages = [p for ps in where.values() for p in ps]
            add(
                "error",
                "color.rgb",
                f"RGB colour ({fam}) in {', '.join(sorted(where))}",
                pages,
                "convert to CMYK for the shop's press (or export PDF/X-4 with an OutputIntent and CMYK content)",
            )
    # images
    need = MIN_PPI[profile]
    for im in report.images:
        if im.ppi < need * PPI_TOLERANCE:
            add(
                "error",
                "image.low-ppi",
                f"image {im.name} is {im.ppi:.0f} ppi at its placed size ({im.placed_in[0]:.2f} × "
                f"{im.placed_in[1]:.2f} in, {im.pixels[0]} × {im.pixels[1]} px); {profile} needs {need} ppi",
                [im.page],
                "use a larger original or place it smaller",
            )
    # text
    if report.body_text_pt is not None and report.body_text_pt < MIN_BODY_PT:
        add(
            "error",
            "text.body-small",
            f"most text is {report.body_text_pt:g} pt; body text needs {MIN_BODY_PT:g} pt "
            "or more for patients to read it",
            fix="raise the body size (12 pt reads well for older readers)",
        )
    if report.smallest_text_pt is not None and report.smallest_text_pt < MIN_TEXT_PT:
        add(
            "warning",
            "text.tiny",
            f"some text is {report.smallest_text_pt:g} pt (under {MIN_TEXT_PT:g} pt)",
            fix="make fine print at least 6 pt, better 8 pt",
        )
    for ne in report.near_edges:
        where = "fold" if ne.edge.startswith("fold") else "trim"
        add(
            "error",
            f"text.near-{where}",
            f"text {ne.distance_in:.3f} in from the {ne.edge} (needs {SAFE_DISTANCE / PT_PER_IN:.3f} in): “{ne.text}”",
            [ne.page],
            f"move text at least {SAFE_DISTANCE / PT_PER_IN:g} in inside the {where} (a safe zone)",
        )
    if report.encrypted:
        add(
            "warning",
            "file.encrypted",
            "the file is encrypted (it opens without a password, but some print workflows refuse encrypted files)",
            fix="save an unencrypted copy for the printer",
        )
    return out


def folds_for(layout, pages: list[PageInfo]) -> tuple[dict[int, list[float]], str | None]:
    """Fold positions (points from the trim's left edge) per page, from a fixed layout's panels.

    The paper is recognised from the page size; a page whose size matches no
    paper of the layout has no known folds. Returns (folds, paper name).
    """
    from brochure.render import plan

    folds: dict[int, list[float]] = {}
    found = None
    for info in pages:
        if layout.kind != "fixed" or info.number > len(layout.pages):
            continue
        spec = layout.pages[info.number - 1]
        if not spec.panels:
            continue
        for paper in layout.papers:
            g = plan.geometry(layout, paper)
            if abs(g.width - info.width_in * PT_PER_IN) < 2 and abs(g.height - info.height_in * PT_PER_IN) < 2:
                widths = [float(w) for w in spec.panels.get(paper, [])]
                folds[info.number] = [sum(widths[: i + 1]) for i in range(len(widths) - 1)]
                found = paper
                break
    return folds, found


def inspect(path: Path | bytes, profile: str = "office", layout=None) -> Report:
    """Read `path` and judge it against `profile`; `layout` (a models.Layout) adds fold and page-count checks."""
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}")
    report = read(path, (lambda pages: folds_for(layout, pages)[0]) if layout is not None else None)
    report.profile = profile
    report.layout = layout.name if layout is not None else None
    multiple = layout.page_multiple if layout is not None and layout.kind == "booklet" else None
    report.findings = judge(report, profile, multiple)
    return report


# the one rule a build reports itself, as a warning at the logo's file:line with the pixels it needs, and writes
# the file all the same (README: Adding a brand); preflight still fails such a file for the profile
BUILD_WARNS = {"image.low-ppi"}


def gate(pdf: bytes, ctx) -> list:
    """What `brochure build` runs before writing: the errors this preflight finds for the same profile.

    A build never writes a PDF that `brochure preflight --profile P --layout L` would reject, except for
    a logo too coarse for the profile (BUILD_WARNS), which the build itself warns about.
    """
    from brochure.errors import Location, Problem

    report = inspect(pdf, ctx.profile, ctx.layout)
    by_rule: dict[str, list[Finding]] = {}
    for f in report.findings:
        if f.severity == "error" and f.rule not in BUILD_WARNS:
            by_rule.setdefault(f.rule, []).append(f)
    out = []
    for found in by_rule.values():  # one problem per rule: the first case, and on which pages the rest are
        first, pages = found[0], sorted({p for f in found for p in f.pages})
        more = f"; the same on {len(found) - 1} more place(s){_pages_text(pages)}" if len(found) > 1 else ""
        out.append(
            Problem(
                f"the PDF would fail its own preflight ({ctx.profile}): {first.message}{more}",
                Location(ctx.layout_shown or ctx.layout.name),
                fix=f"{first.fix}; shorten the text named, or widen the layout's margins",
                rule="build.preflight",
            )
        )
    return out


# ---------------------------------------------------------------- printing


def _box_text(box: list[float] | None) -> str:
    if box is None:
        return "—"
    w, h = (box[2] - box[0]) / PT_PER_IN, (box[3] - box[1]) / PT_PER_IN
    return f"{w:.3f} × {h:.3f} in at ({box[0]:g}, {box[1]:g})"


def format_text(report: Report, strict: bool = False) -> str:
    """The report for people: what the file is, then every finding with a fix, then the verdict."""
    lines = [
        f"{report.path}: {len(report.pages)} page{'s' * (len(report.pages) != 1)}, profile {report.profile}"
        + (f", layout {report.layout}" if report.layout else "")
    ]
    groups: dict[tuple, list[int]] = {}
    for p in report.pages:
        groups.setdefault(tuple((k, tuple(v) if v else None) for k, v in p.boxes.items()), []).append(p.number)
    lines.append("Pages and boxes")
    for key, numbers in groups.items():
        boxes = dict(key)
        lines.append(f"  pages {_ranges(numbers)}:")
        for name in BOX_NAMES:
            if boxes[name] is not None or name in ("TrimBox", "BleedBox"):
                lines.append(f"    {name:9} {_box_text(list(boxes[name]) if boxes[name] else None)}")
    lines.append("Fonts")
    for f in report.fonts:
        state = ("embedded" if f.embedded else "NOT EMBEDDED") + (", subset" if f.subset else "")
        lines.append(f"  {f.name} ({f.subtype}): {state}; pages {_ranges(f.pages)}")
    if not report.fonts:
        lines.append("  none")
    lines.append("Colour spaces")
    for fam, where in report.colorspaces.items():
        lines.append(f"  {fam}: " + "; ".join(f"{w} on pages {_ranges(p)}" for w, p in sorted(where.items())))
    lines.append(f"  output intent: {', '.join(report.output_intents) or 'none'}")
    lines.append("Images")
    for im in report.images:
        lines.append(
            f"  page {im.page}: {im.pixels[0]} × {im.pixels[1]} px {im.colorspace}, placed "
            f"{im.placed_in[0]:.2f} × {im.placed_in[1]:.2f} in → {im.ppi:.0f} ppi"
        )
    if not report.images:
        lines.append("  none")
    lines.append("Text")
    if report.body_text_pt is None:
        lines.append("  no text")
    else:
        lines.append(f"  body (most used) {report.body_text_pt:g} pt; smallest {report.smallest_text_pt:g} pt")
        close = report.near_edges
        for n, xs in sorted(report.folds.items()):
            lines.append(f"  page {n} folds at " + ", ".join(f"{x:.3f} in" for x in xs) + " from the left trim")
        lines.append(
            f"  within {SAFE_DISTANCE / PT_PER_IN:g} in of trim or fold: "
            + (f"{len(close)} place{'s' * (len(close) != 1)}" if close else "none")
        )
    if report.findings:
        lines.append("Findings")
        for f in report.findings:
            lines.append(f"  {f.severity}: {f.message}  [{f.rule}]")
            if f.fix:
                lines.append(f"    fix: {f.fix}")
    counts = [
        f"{report.count(s)} {w}{'s' * (report.count(s) != 1)}"
        for s, w in (("error", "error"), ("warning", "warning"), ("info", "note"))
        if report.count(s)
    ]
    verdict = "FAILED" if report.failed(strict) else "passed"
    lines.append(f"{verdict} {report.profile}" + (f" ({', '.join(counts)})" if counts else ""))
    return "\n".join(lines)


def _ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 5] → '1–3, 5'."""
    out, nums = [], sorted(set(numbers))
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        out.append(str(nums[i]) if i == j else f"{nums[i]}–{nums[j]}")
        i = j + 1
    return ", ".join(out)
