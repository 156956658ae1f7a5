"""Finish a rendered PDF: what ReportLab cannot write itself, added with pikepdf.

ReportLab drops catalog keys it does not know, so everything the standards
need beyond its output (XMP metadata, and the steps other modules register:
the structure tree, print boxes, output intents) is added here, in memory,
before the file is written. Each step gets the open pikepdf document and the
render context and changes the document in place; XMP is written last, from
the claims the steps made, so the metadata never claims a standard that a
step did not deliver.
"""

from __future__ import annotations

import datetime
import html
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pikepdf


@dataclass
class Claims:
    """What the finished file conforms to, as the steps establish it."""

    pdfua: bool = False  # PDF/UA-1 (pdfuaid:part 1)
    pdfx: str | None = None  # e.g. "PDF/X-4" (pdfxid:GTS_PDFXVersion)
    trapped: bool = False
    extra_xmp: list[str] = field(default_factory=list)  # further rdf:Description bodies


Step = Callable[[pikepdf.Pdf, object, Claims], None]


def _escape(text: str) -> str:
    """&, < and > as XML entities, exactly as xml.sax.saxutils.escape (which imports urllib.request, http.client
    and ssl: 12 modules, ~10 ms of every cold build, issue 21)."""
    return html.escape(text, quote=False)


def finish(pdf_bytes: bytes, ctx: object, steps: list[Step], *, version: str = "1.7") -> bytes:
    """Run the steps over the PDF and return the finished bytes (deterministic: same input, same bytes)."""
    claims = Claims()
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        for step in steps:
            step(pdf, ctx, claims)
        write_xmp(pdf, claims)
        out = io.BytesIO()
        pdf.save(
            out,
            min_version=version,
            deterministic_id=True,
            fix_metadata_version=False,  # keep our packet byte for byte; pikepdf would re-serialise it
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
    return out.getvalue()


def dated(day: datetime.date) -> Step:
    """A step that dates the file by its content (`review.updated`), not ReportLab's invariant 2000-01-01.

    Still deterministic: the same content gives the same bytes. A print shop's and a clinic's file lists
    then show when the handout's text was last changed.
    """
    stamp = pikepdf.String(f"D:{day:%Y%m%d}000000Z")

    def step(pdf: pikepdf.Pdf, ctx: object, claims: Claims) -> None:
        pdf.docinfo["/CreationDate"] = stamp
        pdf.docinfo["/ModDate"] = stamp

    return step


def blend_space(pdf: pikepdf.Pdf, ctx: object, claims: Claims) -> None:
    """A page that draws a soft-masked image (a logo's transparency) names its blending colour space.

    Without a page /Group a viewer or RIP blends in a space of its choosing, and PDF/X-4 checkers flag the
    page; the space is the file's own: DeviceCMYK for a CMYK (press) file, DeviceRGB otherwise.
    """
    space = pikepdf.Name("/DeviceCMYK" if getattr(getattr(ctx, "output", None), "cmyk", False) else "/DeviceRGB")
    for page in pdf.pages:
        resources = page.obj.get("/Resources")
        xobjects = resources.get("/XObject") if resources is not None else None
        masked = xobjects is not None and any("/SMask" in xo for _, xo in xobjects.items())
        if masked and "/Group" not in page.obj:
            group = pikepdf.Dictionary(Type=pikepdf.Name("/Group"), S=pikepdf.Name("/Transparency"), CS=space)
            page.obj["/Group"] = group


def right_to_left(pdf: pikepdf.Pdf, ctx: object, claims: Claims) -> None:
    """`/ViewerPreferences /Direction /R2L`: a right-to-left handout opens and pages the Arabic way.

    PDF 32000 12.2: the predominant reading order, which viewers use to lay
    out facing pages (page 2 on the right of page 3) and `impose` to put the
    spine on the right. Registered by `render.finishing_steps` for
    right-to-left languages; keeps the preferences other steps set.
    """
    prefs = pdf.Root.get("/ViewerPreferences")
    if prefs is None:
        prefs = pdf.Root.ViewerPreferences = pikepdf.Dictionary()
    prefs.Direction = pikepdf.Name.R2L


_BFCHAR = re.compile(rb"(\d+) beginbfchar\s*(.*?)endbfchar\s*", re.S)
_ENTRY = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


def _used_codes(pdf: pikepdf.Pdf) -> dict[tuple[int, int], set[int]]:
    """The one-byte codes every simple font (by object) is drawn with, on every page and in every form."""
    used: dict[tuple[int, int], set[int]] = {}

    def scan(owner: Any, resources: Any, seen: set[tuple[int, int]]) -> None:
        fonts: Any = resources.get("/Font", {}) if resources is not None else {}
        xobjects: Any = resources.get("/XObject", {}) if resources is not None else {}
        codes: set[int] | None = None
        for instruction in pikepdf.parse_content_stream(owner):
            operands, op = instruction.operands, instruction.operator
            name = str(op)
            if name == "Tf":
                font = fonts.get(str(operands[0]))
                codes = used.setdefault(font.objgen, set()) if font is not None and font.is_indirect else None
            elif name in ("Tj", "'", '"', "TJ") and codes is not None:
                strings = operands[0] if name == "TJ" else [operands[-1]]
                for item in strings:
                    if isinstance(item, pikepdf.String):
                        codes.update(bytes(item))
            elif name == "Do":
                form = xobjects.get(str(operands[0]))
                if form is not None and form.get("/Subtype") == "/Form" and form.objgen not in seen:
                    seen.add(form.objgen)
                    scan(form, form.get("/Resources", resources), seen)

    for page in pdf.pages:
        scan(page, page.obj.get("/Resources"), set())
    return used


def drop_null_unicode(pdf: pikepdf.Pdf, ctx: object, claims: Claims) -> None:
    """Drop ToUnicode entries that map a code no glyph is drawn with to U+0000.

    ReportLab's TrueType subsets reserve codes 0x00-0x1F and map each to
    U+0000, which PDF/UA-1 forbids (the `page` validator's
    PDFUA1-FONT-UNICODE-VALUE-001); no text is drawn with them. An entry
    stays if any page or form draws its code with that font.
    """
    used = _used_codes(pdf)
    fonts: dict[tuple[int, int], Any] = {}
    for page in pdf.pages:
        resources: Any = page.obj.get("/Resources", {})
        fonts.update((f.objgen, f) for f in resources.get("/Font", {}).values())
    for font in fonts.values():
        if font.get("/Subtype") not in ("/TrueType", "/Type1") or "/ToUnicode" not in font:
            continue
        codes = used.get(font.objgen, set())
        data = font.ToUnicode.read_bytes()

        def keep(block: re.Match[bytes], codes: set[int] = codes) -> bytes:
            entries = [
                m.group(0)
                for m in _ENTRY.finditer(block.group(2))
                if int(m.group(2), 16) != 0 or int(m.group(1), 16) in codes
            ]
            if not entries:
                return b""
            return b"%d beginbfchar\n%s\nendbfchar\n" % (len(entries), b"\n".join(entries))

        cleaned = _BFCHAR.sub(keep, data)
        if cleaned != data:
            font.ToUnicode = pdf.make_indirect(pikepdf.Stream(pdf, cleaned))


def _text(obj: pikepdf.Object | None) -> str:
    return str(obj) if obj is not None else ""


def _xmp_date(pdf_date: str) -> str:
    """D:20000101000000+00'00' → 2000-01-01T00:00:00+00:00 (ReportLab's invariant date)."""
    d = pdf_date.removeprefix("D:")
    stamp = f"{d[0:4]}-{d[4:6]}-{d[6:8]}T{d[8:10]}:{d[10:12]}:{d[12:14]}"
    tz = d[14:].replace("'", "")
    if tz in ("", "Z"):
        return stamp + "Z"
    return f"{stamp}{tz[0]}{tz[1:3]}:{tz[3:5] or '00'}"


def write_xmp(pdf: pikepdf.Pdf, claims: Claims) -> None:
    """Write an XMP packet that agrees with the Info dictionary, plus the claimed identifications."""
    info = pdf.docinfo
    lang = _text(pdf.Root.get("/Lang")) or "x-default"
    title = _escape(_text(info.get("/Title")))
    author = _escape(_text(info.get("/Author")))
    subject = _escape(_text(info.get("/Subject")))
    created = _xmp_date(_text(info.get("/CreationDate")) or "D:20000101000000Z")
    modified = _xmp_date(_text(info.get("/ModDate")) or "D:20000101000000Z")
    info["/Trapped"] = pikepdf.Name("/True" if claims.trapped else "/False")
    parts = [
        f"""<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>{_escape(lang)}</rdf:li></rdf:Bag></dc:language>
</rdf:Description>""",
        f"""<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreatorTool>{_escape(_text(info.get("/Creator")))}</xmp:CreatorTool>
<xmp:CreateDate>{created}</xmp:CreateDate>
<xmp:ModifyDate>{modified}</xmp:ModifyDate>
<xmp:MetadataDate>{modified}</xmp:MetadataDate>
</rdf:Description>""",
        f"""<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>{_escape(_text(info.get("/Producer")))}</pdf:Producer>
<pdf:Trapped>{"True" if claims.trapped else "False"}</pdf:Trapped>
</rdf:Description>""",
    ]
    if claims.pdfua:
        parts.append(
            '<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">'
            "<pdfuaid:part>1</pdfuaid:part></rdf:Description>"
        )
    if claims.pdfx:
        parts.append(
            '<rdf:Description rdf:about="" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">'
            f"<pdfxid:GTS_PDFXVersion>{_escape(claims.pdfx)}</pdfxid:GTS_PDFXVersion></rdf:Description>"
        )
    parts.extend(claims.extra_xmp)
    body = "\n".join(parts)
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        f"{body}\n</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="w"?>'  # no padding: nothing edits these files in place
    )
    stream = pikepdf.Stream(pdf, packet.encode("utf-8"))
    stream["/Type"] = pikepdf.Name("/Metadata")
    stream["/Subtype"] = pikepdf.Name("/XML")
    pdf.Root["/Metadata"] = pdf.make_indirect(stream)
