"""Writing the structure tree into the finished PDF (pikepdf): StructTreeRoot, ParentTree, StructParents, MarkInfo."""

from __future__ import annotations

from collections.abc import Iterator

import pikepdf

from .tree import MC, BugError, Elem, Tagger


def write_tree(pdf: pikepdf.Pdf, tagger: Tagger) -> None:
    """StructTreeRoot, ParentTree, StructParents, annotations' keys, MarkInfo, Tabs, DisplayDocTitle.

    About 80 lines: one pass that must write these objects together, since each refers to the others' numbers.
    """
    from pikepdf import Array, Dictionary, Name, String

    pages = pdf.pages
    page_objs = [p.obj for p in pages]
    tree = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    refs: dict[int, pikepdf.Object] = {}  # id(Elem) → its indirect dictionary
    annots: dict[tuple[int, int], pikepdf.Object] = {}
    for page, found in tagger.links.items():
        links = [a for a in pages[page].obj.get("/Annots", []) if a.get("/Subtype") == Name.Link]
        if len(links) != len(found):
            raise BugError(f"page {page + 1}: {len(links)} link annotations, {len(found)} recorded")
        for i, (annot, (_, uri, _)) in enumerate(zip(links, found, strict=True)):
            if str(annot.A.URI) != uri:
                raise BugError(f"page {page + 1}: link annotation {i} is {annot.A.URI}, recorded {uri}")
            annots[(page, i)] = annot

    def build(elem: Elem, parent: pikepdf.Object) -> pikepdf.Object | None:
        d = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + elem.role), P=parent))
        refs[id(elem)] = d
        kids: list[pikepdf.Object | int] = []  # an MCID on the element's own page is a bare number
        first_page = next((k.page for k in _walk_mcs(elem)), None)
        if first_page is not None:
            d.Pg = page_objs[first_page]
        for kid in sorted(elem.kids, key=lambda k: k.order):
            if isinstance(kid, Elem):
                sub = build(kid, d)
                if sub is not None:
                    kids.append(sub)
            elif isinstance(kid, MC):
                if kid.page == first_page and kid.page == _own_page(elem):
                    kids.append(kid.mcid)
                else:
                    kids.append(Dictionary(Type=Name.MCR, Pg=page_objs[kid.page], MCID=kid.mcid))
            else:
                kids.append(Dictionary(Type=Name.OBJR, Obj=annots[(kid.page, kid.index)], Pg=page_objs[kid.page]))
        if not kids:
            return None  # drew nothing (an empty paragraph): no element
        d.K = Array(kids) if len(kids) > 1 else kids[0]
        if elem.alt is not None:
            d.Alt = String(elem.alt)
        if elem.lang:
            d.Lang = String(elem.lang)
        if elem.actual:
            d.ActualText = String(" ".join(elem.actual))
        if elem.bbox is not None:
            d.A = Dictionary(O=Name.Layout, BBox=Array(list(elem.bbox)))
        return d

    doc = build(tagger.root, tree)
    if doc is None:
        raise BugError("nothing was tagged")
    if tagger.lang:
        doc.Lang = String(tagger.lang)
    tree.K = doc

    nums: list[int | pikepdf.Object] = []
    for page, ids in sorted(tagger.mcids.items()):
        pages[page].obj.StructParents = page
        nums += [page, pdf.make_indirect(Array([refs[id(e)] for e in ids]))]
    key = len(pages)
    for page, found in sorted(tagger.links.items()):
        for i, (link_elem, _, description) in enumerate(found):
            annot = annots[(page, i)]
            annot.StructParent = key
            annot.Contents = String(description)
            nums += [key, refs[id(link_elem)]]
            key += 1
    tree.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
    tree.ParentTreeNextKey = key
    for p in pages:
        if "/Annots" in p.obj:
            p.obj.Tabs = Name.S
    pdf.Root.StructTreeRoot = tree
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    prefs = pdf.Root.get("/ViewerPreferences")
    if prefs is None:
        prefs = pdf.Root.ViewerPreferences = Dictionary()
    prefs.DisplayDocTitle = True


def _walk_mcs(elem: Elem) -> Iterator[MC]:
    for k in sorted(elem.kids, key=lambda k: k.order):
        if isinstance(k, MC):
            yield k


def _own_page(elem: Elem) -> int | None:
    return next((k.page for k in _walk_mcs(elem)), None)
