"""Walk a PDF's content within fixed bounds: decoded streams, operators, the colour spaces painted.

Every page's content and the form XObjects and tiling patterns it calls are walked once each, with
forms counted every time they are drawn; past a bound the file is "too large to check completely"
(README: Limits). `read` turns what the walker saw into the report.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .decode import within_bound
from .model import (
    PT_PER_IN,
    SUBSET,
    FontInfo,
    ImageInfo,
    TooLargeError,
)

if TYPE_CHECKING:  # imported where used at run time: `brochure check` loads neither
    import pikepdf

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


def _decoded(stream: pikepdf.Stream, budget: _Budget) -> bytes:
    """A stream's bytes, decoded with a bound: a 3 KB Flate, LZW or RunLength bomb stops at MAX_STREAM_BYTES."""
    import pikepdf

    def listed(value: pikepdf.Object | None) -> list[pikepdf.Object]:
        return list(value) if isinstance(value, pikepdf.Array) else [value] if value is not None else []

    filters = [str(f) for f in listed(stream.get("/Filter"))]
    parms = [p if isinstance(p, pikepdf.Dictionary) else None for p in listed(stream.get("/DecodeParms"))]
    out = within_bound(stream.read_raw_bytes(), filters, parms, MAX_STREAM_BYTES)
    if out is None:  # shown to be inside the bound, or damaged: qpdf decodes and says what is wrong
        out = stream.read_bytes()
    if len(out) > MAX_STREAM_BYTES:
        raise TooLargeError(f"too large to check completely: a content stream over {MAX_STREAM_BYTES:,} bytes")
    budget.spend("bytes", len(out), MAX_CONTENT_BYTES)
    return out


def _instructions(
    pdf: pikepdf.Pdf, owner: pikepdf.Page | pikepdf.Object, budget: _Budget
) -> list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage]:
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


def colorspace_family(cs: pikepdf.Object | None, resources: pikepdf.Object | None = None, depth: int = 0) -> str:
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


def _mul(m: Sequence[float], n: Sequence[float]) -> tuple[float, ...]:
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
_NO_RESOURCES: Mapping[Any, Any] = MappingProxyType({})  # a missing resource dictionary: finds nothing
# _OPERAND_KEY: pikepdf's stubs let Object.get take a Name, str or int, but type an operand as Object (a name
# operand is a Name at run time); the lookups below ignore that one error and behave as before


class Walker:
    """Walk content streams with a graphics-state stack; record colour use and image placements."""

    def __init__(self) -> None:
        self.uses: dict[str, dict[str, set[int]]] = {}
        self.images: list[ImageInfo] = []
        self.fonts: dict[tuple, FontInfo] = {}
        self.budget = _Budget()
        self.parsed: dict[
            tuple, list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage]
        ] = {}  # a form's or pattern's instructions, by object number

    def use(self, family: str, where: str, page: int) -> None:
        self.uses.setdefault(family, {}).setdefault(where, set()).add(page)

    def font(self, font: pikepdf.Object, page: int) -> None:
        import pikepdf

        # a font written inline (a direct object) has no object number: it is the same font on every page that
        # repeats it, so it is known by what it is (one A0 page of 300,000 inline copies was 300,000 findings)
        key = (
            font.objgen
            if font.objgen != (0, 0)
            else ("inline", str(font.get("/BaseFont", "")), str(font.get("/Subtype", "")))
        )
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

    def walk(
        self,
        pdf: pikepdf.Pdf,
        stream_owner: pikepdf.Page | pikepdf.Object,
        resources: pikepdf.Object | None,
        ctm: Sequence[float],
        page: int,
        stack: tuple = (),
    ) -> None:
        """Walk one content stream's operators with the graphics state they change; forms and patterns recursively.

        About 65 lines on purpose: it is the operator dispatch (q/Q, cm, colour operators, Tf, text, images,
        forms), and each branch reads and writes the same graphics state held here.
        """
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
        state: dict[str, Any] = {"ctm": ctm, "fill": "DeviceGray", "stroke": "DeviceGray", "font": None}
        saved: list[dict[str, Any]] = []
        xobjects = resources.get("/XObject", _NO_RESOURCES)
        for inst in instructions:
            op = str(inst.operator)
            ops = inst.operands  # both instruction kinds have them (an inline image: [the image])
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
                state["font"] = resources.get("/Font", _NO_RESOURCES).get(ops[0])  # type: ignore[call-overload]  # _OPERAND_KEY
            elif op in TEXT_OPS:
                # a font counts when it shows text: ReportLab's page prologue selects Helvetica and shows nothing
                if state["font"] is not None:
                    self.font(state["font"], page)
                self.use(state["fill"], "text", page)
            elif op == "sh" and ops:
                sh = resources.get("/Shading", _NO_RESOURCES).get(ops[0])  # type: ignore[call-overload]  # _OPERAND_KEY
                if sh is not None:
                    self.use(colorspace_family(sh.get("/ColorSpace"), resources), "shading", page)
            elif op == "Do" and ops:
                xo = xobjects.get(ops[0])  # type: ignore[call-overload]  # _OPERAND_KEY
                if xo is not None:
                    self._xobject(pdf, xo, str(ops[0])[1:], resources, state, page, stack)
            elif op == "INLINE IMAGE" and isinstance(inst, pikepdf.ContentStreamInlineImage):
                self._inline(inst.iimage, resources, state, page)
            else:
                if op in FILL_OPS:
                    self.use(state["fill"], "content", page)
                if op in STROKE_OPS:
                    self.use(state["stroke"], "content", page)

    def _pattern(
        self,
        pdf: pikepdf.Pdf,
        resources: pikepdf.Object,
        name: pikepdf.Name,
        state: dict[str, Any],
        page: int,
        stack: tuple,
    ) -> None:
        pat = resources.get("/Pattern", _NO_RESOURCES).get(name)
        if pat is None:
            return
        if int(pat.get("/PatternType", 0)) == 2 and "/Shading" in pat:
            self.use(colorspace_family(pat.Shading.get("/ColorSpace"), resources), "shading", page)
        elif int(pat.get("/PatternType", 0)) == 1 and pat.objgen not in stack:
            self.budget.spend("calls", 1, MAX_CALLS)
            matrix = tuple(float(v) for v in pat.get("/Matrix", IDENTITY))
            self.walk(pdf, pat, pat.get("/Resources"), _mul(matrix, state["ctm"]), page, (*stack, pat.objgen))

    def _xobject(
        self,
        pdf: pikepdf.Pdf,
        xo: pikepdf.Object,
        name: str,
        resources: pikepdf.Object,
        state: dict[str, Any],
        page: int,
        stack: tuple,
    ) -> None:
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

    def _inline(
        self, image: pikepdf.PdfInlineImage, resources: pikepdf.Object, state: dict[str, Any], page: int
    ) -> None:
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

    def _image(self, page: int, name: str, w: int, h: int, family: str, ctm: Sequence[float]) -> None:
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
