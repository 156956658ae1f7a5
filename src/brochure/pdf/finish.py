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

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

import pikepdf


@dataclass
class Claims:
    """What the finished file conforms to, as the steps establish it."""

    pdfua: bool = False  # PDF/UA-1 (pdfuaid:part 1)
    pdfx: str | None = None  # e.g. "PDF/X-4" (pdfxid:GTS_PDFXVersion)
    trapped: bool = False
    extra_xmp: list[str] = field(default_factory=list)  # further rdf:Description bodies


Step = Callable[[pikepdf.Pdf, object, Claims], None]


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
    title = escape(_text(info.get("/Title")))
    author = escape(_text(info.get("/Author")))
    subject = escape(_text(info.get("/Subject")))
    created = _xmp_date(_text(info.get("/CreationDate")) or "D:20000101000000Z")
    modified = _xmp_date(_text(info.get("/ModDate")) or "D:20000101000000Z")
    info["/Trapped"] = pikepdf.Name("/True" if claims.trapped else "/False")
    parts = [
        f"""<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag></dc:language>
</rdf:Description>""",
        f"""<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreatorTool>{escape(_text(info.get("/Creator")))}</xmp:CreatorTool>
<xmp:CreateDate>{created}</xmp:CreateDate>
<xmp:ModifyDate>{modified}</xmp:ModifyDate>
<xmp:MetadataDate>{modified}</xmp:MetadataDate>
</rdf:Description>""",
        f"""<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>{escape(_text(info.get("/Producer")))}</pdf:Producer>
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
            f"<pdfxid:GTS_PDFXVersion>{escape(claims.pdfx)}</pdfxid:GTS_PDFXVersion></rdf:Description>"
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
