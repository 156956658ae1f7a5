"""Draw shaped glyphs by glyph id, each mapped back to the real characters it stands for.

ReportLab writes a TrueType font as 8-bit subsets keyed by Unicode code point,
and its ToUnicode CMap maps each code to that one code point. A shaped Arabic
glyph (an initial or medial form, the lam-alef ligature, a mirrored bracket)
has no code point of its own, so ReportLab's shaping path maps it to a
presentation form (U+FExx) or a private-use code point, and copied or
extracted text is not Arabic letters.

`GlyphFont` writes the same TrueType file as a Type0 font (CIDFontType2,
Identity-H) instead: every distinct (glyph, text) pair gets its own CID,
/CIDToGIDMap points the CID at the glyph, and the ToUnicode CMap gives the
text in logical order ("لا" for the lam-alef ligature, "(" for a bracket drawn
mirrored). The font program is subset with fontTools, glyph ids kept.

Each run is drawn as its own BT … ET with TJ; pen moves to the right (after a
zero-width mark) go into the glyph's character spacing (Tc), never into a TJ
gap, so text extractors do not read them as word spaces.

A cluster the font draws with more glyphs than it has characters (Noto Sans
draws ई as इ and a sign above it, ऐ as ए and a sign) leaves a glyph with no
characters of its own, and a ToUnicode entry may not be empty (PDF/UA-1: every
code maps to text). Such a glyph is drawn together with its cluster's glyph as
one composite glyph, added to the embedded font program (its components at
HarfBuzz's offsets, in font units), and that one CID maps to the cluster's text.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc, pdfmetrics

from brochure.media import _reportlab
from brochure.text import shaping

if TYPE_CHECKING:
    from reportlab.pdfbase.pdfdoc import PDFDocument
    from reportlab.pdfgen.canvas import Canvas

EPS = 1e-3  # points


Component = tuple[int, int, int]  # glyph id, x and y offset from the first component's origin (font units)
Shape = int | tuple[Component, ...]  # one glyph id, or the components of a composite glyph (`_groups`)


@dataclass
class _DocState:
    internal: str  # resource name, e.g. F7
    cids: dict[tuple[Shape, str], int] = field(default_factory=dict)


class GlyphFont:
    def __init__(self, font_name: str) -> None:
        self.font_name = font_name
        self.face = pdfmetrics.getFont(font_name).face
        self._docs: WeakKeyDictionary = WeakKeyDictionary()

    # ------------------------------------------------------------ per document
    def _state(self, doc: PDFDocument) -> _DocState:
        state = self._docs.get(doc)
        if state is None:
            internal = _reportlab.reserve_font(doc, f"{self.font_name}#glyphs", self)  # addObjects() runs at save
            state = self._docs[doc] = _DocState(internal)
        return state

    def cid(self, doc: PDFDocument, gid: Shape, text: str) -> int:
        cids = self._state(doc).cids
        return cids.setdefault((gid, text), len(cids) + 1)

    def _groups(self, placed: list[tuple[shaping.Glyph, float]], k: float) -> list[tuple[Shape, str, float, float]]:
        """(glyph id or components, text, x, rise) per glyph drawn; a glyph without text joins its cluster's.

        Offsets inside a composite are the glyphs' own drawing positions relative to the first one's, in font
        units (HarfBuzz's positions are whole font units, so nothing moves).
        """
        runs: list[list[tuple[shaping.Glyph, float]]] = []
        for g, pen in placed:
            last = runs[-1] if runs else None
            if last and last[-1][0].cluster == g.cluster and (not g.text or not any(m.text for m, _ in last)):
                last.append((g, pen))
            else:
                runs.append([(g, pen)])
        per_unit = shaping.units(self.font_name)  # thousandths of the size per font unit
        out: list[tuple[Shape, str, float, float]] = []
        for members in runs:
            g0, pen0 = members[0]
            x, rise = pen0 + g0.dx * k, g0.dy * k
            if len(members) == 1:
                out.append((g0.gid, g0.text, x, rise))
                continue
            parts = tuple(
                (g.gid, round(((pen + g.dx * k) - x) / k / per_unit), round((g.dy - g0.dy) / per_unit))
                for g, pen in members
            )
            out.append((parts, "".join(g.text for g, _ in members), x, rise))
        return out

    def _advance(self, shape: Shape) -> float:
        """The glyph's own advance (a composite's is its first component's), 1/1000 of the font size."""
        return shaping.advance(self.font_name, shape if isinstance(shape, int) else shape[0][0])

    # ------------------------------------------------------------ drawing
    def show(self, canv: Canvas, y: float, size: float, placed: list[tuple[shaping.Glyph, float]]) -> None:
        """Draw glyphs (visual order, each with its pen position) on baseline y, as one BT … ET."""
        if not placed:
            return
        doc = _reportlab.document(canv)
        k = size / 1000
        glyphs: list[tuple[int, float, float, float]] = []  # cid, x, rise, the glyph's own advance (points)
        for shape, text, x, rise in self._groups(placed, k):
            glyphs.append((self.cid(doc, shape, text), x, rise, self._advance(shape) * k))
        ops = [
            "BT",
            f"/{self._state(doc).internal} {fp_str(size)} Tf",
            f"1 0 0 1 {fp_str(glyphs[0][1])} {fp_str(y)} Tm",
        ]
        items: list[str] = []
        rise = spacing = 0.0
        cur = glyphs[0][1]

        def flush() -> None:
            if items:
                ops.append("[" + " ".join(items) + "] TJ")
                items.clear()

        for i, (cid, gx, r, w) in enumerate(glyphs):
            back = cur - gx
            if back > EPS:  # a positive TJ number moves the pen left (kerning, marks)
                items.append(fp_str(back / k))
            if abs(r - rise) > EPS:
                flush()
                ops.append(f"{fp_str(r)} Ts")
                rise = r
            gap = glyphs[i + 1][1] - (gx + w) if i + 1 < len(glyphs) else 0.0
            want = gap if gap > EPS else 0.0
            if abs(want - spacing) > EPS:
                flush()
                ops.append(f"{fp_str(want)} Tc")
                spacing = want
            if items and items[-1].startswith("<"):
                items[-1] = items[-1][:-1] + f"{cid:04X}>"
            else:
                items.append(f"<{cid:04X}>")
            cur = gx + w + spacing
        flush()
        if rise:
            ops.append("0 Ts")
        if spacing:
            ops.append("0 Tc")
        ops.append("ET")
        canv.addLiteral("\n".join(ops))

    # ------------------------------------------------------------ PDF objects
    def addObjects(self, doc: PDFDocument) -> None:  # noqa: N802 - ReportLab calls it by this name
        state = self._docs.pop(doc, None)
        if state is None or not state.cids:
            return
        pairs = sorted(state.cids.items(), key=lambda kv: kv[1])  # ((gid or components, text), cid) by cid
        composites = tuple(dict.fromkeys(shape for (shape, _), _ in pairs if not isinstance(shape, int)))
        first_new = shaping.glyph_count(self.font_name)  # composites get the glyph ids after the font's own
        new_gid = {shape: first_new + i for i, shape in enumerate(composites)}

        def gid_of(shape: Shape) -> int:
            return shape if isinstance(shape, int) else new_gid[shape]

        used = {gid_of(shape) for (shape, _), _ in pairs}
        used |= {c[0] for shape in composites for c in shape}
        gids = sorted({0, *used})
        digest = hashlib.sha1(repr(pairs).encode("utf-8")).digest()
        tag = "".join(chr(ord("A") + b % 26) for b in digest[:6])
        base = f"{tag}+{self.face.name.decode('latin-1')}"
        compress = [pdfdoc.PDFZCompress] if doc.compression else None

        program = pdfdoc.PDFStream(
            content=subset_program(self.face.filename, tuple(gids), composites), filters=compress
        )
        program.dictionary["Length1"] = len(program.content)
        descriptor = pdfdoc.PDFDictionary(
            {
                "Type": pdfdoc.PDFName("FontDescriptor"),
                "FontName": pdfdoc.PDFName(base),
                "Flags": 4,  # symbolic: glyphs are reached through CIDs, not a standard encoding
                "FontBBox": pdfdoc.PDFArray(self.face.bbox),
                "ItalicAngle": self.face.italicAngle,
                "Ascent": self.face.ascent,
                "Descent": self.face.descent,
                "CapHeight": self.face.capHeight,
                "StemV": self.face.stemV,
                "FontFile2": doc.Reference(program),
            }
        )
        cid_to_gid = bytearray(2 * (len(pairs) + 1))
        for (shape, _), cid in pairs:
            cid_to_gid[2 * cid : 2 * cid + 2] = gid_of(shape).to_bytes(2, "big")
        gid_map = pdfdoc.PDFStream(content=bytes(cid_to_gid), filters=compress)
        widths = [round(self._advance(shape), 2) for (shape, _), _ in pairs]
        cid_font = pdfdoc.PDFDictionary(
            {
                "Type": pdfdoc.PDFName("Font"),
                "Subtype": pdfdoc.PDFName("CIDFontType2"),
                "BaseFont": pdfdoc.PDFName(base),
                "CIDSystemInfo": pdfdoc.PDFDictionary(
                    {"Registry": pdfdoc.PDFString("Adobe"), "Ordering": pdfdoc.PDFString("Identity"), "Supplement": 0}
                ),
                "FontDescriptor": doc.Reference(descriptor),
                "DW": 0,
                "W": pdfdoc.PDFArray([1, pdfdoc.PDFArray(widths)]),
                "CIDToGIDMap": doc.Reference(gid_map),
            }
        )
        to_unicode = pdfdoc.PDFStream(content=to_unicode_cmap([(cid, text) for (_, text), cid in pairs]))
        to_unicode.filters = compress
        font = pdfdoc.PDFDictionary(
            {
                "Type": pdfdoc.PDFName("Font"),
                "Subtype": pdfdoc.PDFName("Type0"),
                "BaseFont": pdfdoc.PDFName(base),
                "Encoding": pdfdoc.PDFName("Identity-H"),
                "DescendantFonts": pdfdoc.PDFArray([doc.Reference(cid_font)]),
                "ToUnicode": doc.Reference(to_unicode),
            }
        )
        _reportlab.add_font_resource(doc, state.internal, font)


def to_unicode_cmap(entries: list[tuple[int, str]]) -> str:
    """A ToUnicode CMap for two-byte CIDs; each maps to its text (UTF-16BE, several characters allowed)."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    for i in range(0, len(entries), 100):  # at most 100 entries per block
        chunk = entries[i : i + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [f"<{cid:04X}> <{text.encode('utf-16-be').hex().upper()}>" for cid, text in chunk]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


@lru_cache(maxsize=32)
def subset_program(path: str, gids: tuple[int, ...], composites: tuple[tuple[Component, ...], ...] = ()) -> bytes:
    """The TrueType file with only these glyphs' outlines; glyph ids unchanged (CIDToGIDMap points at them).

    Each of `composites` is added as a composite glyph after the font's own glyphs (the first at the font's
    glyph count, the next one after it), its advance its first component's.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(path, recalcTimestamp=False)  # keep head.modified: identical input, identical PDF
    for tag in ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "kern", "DSIG", "hdmx", "LTSH", "VDMX"):
        if tag in font:  # shaping is done: the PDF needs outlines and metrics only (and decoding these is slow)
            del font[tag]  # (and the device tables would need an entry for each added composite)
    if composites:
        _add_composites(font, composites)
    options = subset.Options()
    options.retain_gids = True
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=list(gids))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _add_composites(font: object, composites: tuple[tuple[Component, ...], ...]) -> None:
    """Append one composite glyph per entry to a TrueType font (fontTools TTFont), glyph ids in that order."""
    from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

    glyf, hmtx = font["glyf"], font["hmtx"]  # type: ignore[index]
    order = list(font.getGlyphOrder())  # type: ignore[attr-defined]
    names = order[:]
    for n, parts in enumerate(composites):
        glyph = Glyph()
        glyph.numberOfContours = -1
        glyph.components = []
        for gid, x, y in parts:
            comp = GlyphComponent()
            comp.glyphName, comp.x, comp.y, comp.flags = order[gid], x, y, 0
            glyph.components.append(comp)
        name = f"brochure.cluster{n}"
        names.append(name)
        glyf.glyphs[name] = glyph
        glyf.glyphOrder = names
        glyph.recalcBounds(glyf)
        hmtx.metrics[name] = (hmtx.metrics[order[parts[0][0]]][0], getattr(glyph, "xMin", 0))
    font.setGlyphOrder(names)  # type: ignore[attr-defined]


@cache
def for_font(font_name: str) -> GlyphFont:
    return GlyphFont(font_name)
