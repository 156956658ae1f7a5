"""Render built PDFs to PNG pages and an index.html contact sheet, for looking before printing."""

from __future__ import annotations

import html
import io
from pathlib import Path
from typing import TYPE_CHECKING

from brochure.batch.output import write_atomic

if TYPE_CHECKING:
    from brochure.errors import Problem
    from brochure.inputs.project import Project
    from brochure.inputs.targets import Target


def render_pages(pdf: Path, dest_stem: Path, scale: float) -> list[Path]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    out = []
    try:
        for i in range(len(doc)):
            image = doc[i].render(scale=scale).to_pil()
            buf = io.BytesIO()
            image.save(buf, "PNG", optimize=True)
            path = dest_stem.parent / f"{dest_stem.name}-p{i + 1}.png"
            write_atomic(path, buf.getvalue())
            out.append(path)
    finally:
        doc.close()
    return out


def contact_sheet(folder: Path, groups: list[tuple[str, list[Path]]]) -> Path:
    rows = []
    for title, pages in groups:
        links = [(n, html.escape(p.relative_to(folder).as_posix())) for n, p in enumerate(pages, start=1)]
        imgs = "".join(
            f'<a href="{src}"><img src="{src}" alt="{html.escape(title)} page {n}" loading="lazy"></a>'
            for n, src in links
        )
        rows.append(f"<section><h2>{html.escape(title)}</h2><div class=pages>{imgs}</div></section>")
    page = (
        "<!doctype html><html lang=en><meta charset=utf-8><title>brochure preview</title>"
        "<style>body{font-family:system-ui,sans-serif;margin:2rem;background:#eee}"
        ".pages{display:flex;flex-wrap:wrap;gap:12px}img{height:320px;box-shadow:0 1px 4px #0004;background:#fff}"
        "h2{font-size:1rem;margin:1.5rem 0 .5rem}</style><h1>brochure preview</h1>" + "".join(rows) + "</html>\n"
    )
    index = folder / "index.html"
    write_atomic(index, page.encode("utf-8"))
    return index


def build_and_render(
    project: Project, targets: list[Target], sets: list[str], scale: float
) -> tuple[Path | None, int, list[Problem]]:
    """`brochure preview`: build what is not up to date into dist/, render every PDF that built.

    Returns the contact sheet (None when nothing built), the number of pages rendered, and the build's problems.
    """
    import os

    from brochure.batch import matrix

    out = project.root / "dist"
    options = {"require_reviewed": False, "set": list(sets)}
    outcomes = matrix.run(project, targets, out, options, jobs=os.cpu_count() or 1, force=False)
    problems = [p for o in outcomes for p in o.problems]
    folder = out / "preview"
    groups = []
    for o in outcomes:
        if o.problems:
            continue
        t = o.target
        pdf = t.path(out)
        stem = folder / t.brand_id / t.lang / f"{t.length}-{t.paper}"
        groups.append((f"{t.brand_id} · {t.lang} · {t.length} · {t.paper}", render_pages(pdf, stem, scale)))
    index = contact_sheet(folder, groups) if groups else None
    return index, sum(len(g[1]) for g in groups), problems
