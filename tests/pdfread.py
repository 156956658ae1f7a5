"""Read PDFs the way a reader meets them: text, fonts, boxes, outline, pixels."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader


def text_pages(path: Path) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(path).pages]


def flat(text: str) -> str:
    """Join hyphen-free line breaks so phrases can be searched across lines."""
    return re.sub(r"\s+", " ", text).strip()


def fonts(path: Path) -> dict[str, dict]:
    """BaseFont → {'embedded': bool, 'subset': bool} for every font on every page."""
    found: dict[str, dict] = {}
    reader = PdfReader(path)
    for page in reader.pages:
        res = page.get("/Resources")
        if res is None:
            continue
        res = res.get_object()
        for _, ref in (res.get("/Font") or {}).items():
            f = ref.get_object()
            name = str(f.get("/BaseFont"))
            desc = f.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in f:
                desc = f["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[name] = {"embedded": embedded, "subset": bool(re.match(r"^/[A-Z]{6}\+", name))}
    return found


def outline_titles(path: Path) -> list[str]:
    reader = PdfReader(path)

    def walk(items):
        for it in items:
            if isinstance(it, list):
                yield from walk(it)
            else:
                yield it.title

    return list(walk(reader.outline))


def render_png(path: Path, page: int, scale: float = 0.5):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    return pdf[page].render(scale=scale).to_pil().convert("RGB")
