"""`extends:` in a brand file: a clinic brand layered on a network brand, every value still located.

The layering is the project's one rule: mappings merge key by key; the child's scalars and lists replace the
parent's (`translations:` therefore merges per language and per key). The merged document remembers, for every
inherited subtree, the parent's document (`Document.inherited`), so a problem with an inherited value is reported
at the parent's file:line, and a relative path the parent wrote (its logo) stays relative to the parent's folder.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

from brochure.errors import BrochureError, Problem
from brochure.inputs.yamlread import Document, PathKey

MAX_EXTENDS = 8  # parents above a brand; a network of networks is two or three


def merge(parent: Document, child: Document) -> Document:
    """`child` layered on `parent`: the child's document, with what it does not set taken from the parent."""
    inherited: dict[PathKey, Document] = {}
    data = _merge(parent.data, child.data, (), parent, inherited)
    return dataclasses.replace(child, data=data, inherited={**inherited, **child.inherited})


def _merge(parent: Any, child: Any, key: PathKey, source: Document, inherited: dict[PathKey, Document]) -> Any:
    if not (isinstance(parent, dict) and isinstance(child, dict)):
        return child  # a scalar or a list replaces the parent's, whole
    out = dict(child)
    for k, value in parent.items():
        if k == "extends" and not key:
            continue  # the parent's own parent is not the child's `extends`
        if k not in child:
            out[k] = value
            inherited[(*key, k)] = source
        else:
            out[k] = _merge(value, child[k], (*key, k), source, inherited)
    return out


def chain(
    path: Path,
    load: Callable[[Path], Document],
    resolve: Callable[[str, Document], Path],
) -> tuple[Document, list[Path]]:
    """The brand file at `path` with every parent it extends layered under it, and the files read (child first).

    `load` reads one file; `resolve(ref, doc)` finds the file `extends: ref` in `doc` names (or raises a located
    error). A cycle, a chain longer than MAX_EXTENDS parents, or an `extends:` that is not text is a located error
    at the `extends:` that causes it.
    """
    docs = [load(path)]
    files = [path.resolve()]
    while True:
        doc = docs[-1]
        ref = doc.data.get("extends") if isinstance(doc.data, dict) else None
        if ref is None:
            break
        if not isinstance(ref, str) or not ref.strip():
            raise BrochureError(
                [
                    Problem(
                        "`extends` must name one brand (its file name without .yaml) or a relative path to a "
                        "brand file",
                        doc.value_at(("extends",)),
                        "extends",
                        fix="write e.g. `extends: harbor-light` or `extends: ../network/brand.yaml`",
                    )
                ]
            )
        parent = resolve(ref, doc).resolve()
        if parent in files:
            loop = (
                " → ".join(d.shown_as for d in docs[files.index(parent) :]) + f" → {docs[files.index(parent)].shown_as}"
            )
            raise BrochureError(
                [
                    Problem(
                        f"`extends: {ref}` makes a cycle: {loop}",
                        doc.value_at(("extends",)),
                        "extends",
                        fix="one brand of the cycle must extend nothing (the network's brand, usually)",
                    )
                ]
            )
        if len(docs) > MAX_EXTENDS:
            raise BrochureError(
                [
                    Problem(
                        f"`extends: {ref}` is one parent too many: a brand may extend at most {MAX_EXTENDS} "
                        f"brands in a row ({' → '.join(d.shown_as for d in docs)} → …)",
                        doc.value_at(("extends",)),
                        "extends",
                        fix="let this brand extend the network's brand directly",
                    )
                ]
            )
        docs.append(load(parent))
        files.append(parent)
    merged = docs[-1]
    for child in reversed(docs[:-1]):
        merged = merge(merged, child)
    return merged, files
