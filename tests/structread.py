"""Read a tagged PDF's structure tree the way a screen reader does: elements, their text, alt texts.

Text is taken from the content streams by MCID (pikepdf), decoded through each
font's ToUnicode map; where an element or marked content carries /ActualText,
that text replaces the glyphs it covers (right-to-left lines drawn in visual
order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

PAINT = {"Tj", "TJ", "'", '"', "Do", "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "BI"}
NEW_LINE = {"BT", "Td", "TD", "T*", "Tm", "'", '"'}


@dataclass
class Node:
    role: str
    obj: pikepdf.Object | None = None
    kids: list[Node] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # marked content, in order, and kids' text interleaved
    alt: str | None = None
    lang: str | None = None
    pages: list[int] = field(default_factory=list)  # pages of its own marked content
    annots: list[pikepdf.Object] = field(default_factory=list)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.texts)).strip()

    def walk(self):
        yield self
        for k in self.kids:
            yield from k.walk()

    def find(self, role: str) -> list[Node]:
        return [n for n in self.walk() if n.role == role]


def _cmap(font: pikepdf.Object) -> tuple[int, dict[bytes, str]]:
    """(code length in bytes, code → text) from a font's ToUnicode CMap."""
    tu = font.get("/ToUnicode")
    if tu is None:
        return 1, {}
    data = tu.read_bytes().decode("latin-1")
    width = 1
    space = re.search(r"begincodespacerange\s*<([0-9A-Fa-f]+)>", data)
    if space:
        width = len(space.group(1)) // 2
    out: dict[bytes, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[bytes.fromhex(src)] = bytes.fromhex(dst).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            a, b, d = int(lo, 16), int(hi, 16), int(dst, 16)
            for i in range(b - a + 1):
                out[(a + i).to_bytes(len(lo) // 2, "big")] = chr(d + i)
    return width, out


def page_mcid_text(page: pikepdf.Page) -> dict[int, str]:
    """MCID → the text it holds on this page (ActualText where given)."""
    fonts = page.obj.Resources.get("/Font", {})
    maps: dict[str, tuple[int, dict]] = {}
    out: dict[int, list[str]] = {}
    stack: list[tuple[int | None, str | None]] = []  # (mcid, actual text) per open marked-content sequence
    font = None

    def current() -> tuple[int | None, bool]:
        mcid = next((m for m, _ in reversed(stack) if m is not None), None)
        replaced = any(a is not None for _, a in stack)
        return mcid, replaced

    def add(s: str) -> None:
        mcid, replaced = current()
        if mcid is not None and not replaced:
            out.setdefault(mcid, []).append(s)

    for operands, op in pikepdf.parse_content_stream(page):
        name = str(op)
        if name in ("BDC", "BMC"):
            props = operands[1] if name == "BDC" and len(operands) > 1 else None
            mcid = int(props.MCID) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None
            actual = str(props.ActualText) if isinstance(props, pikepdf.Dictionary) and "/ActualText" in props else None
            stack.append((mcid, actual))
            if actual is not None:
                m = current()[0]
                if m is not None:
                    out.setdefault(m, []).append(actual)
        elif name == "EMC":
            stack.pop()
        elif name == "Tf":
            key = str(operands[0])
            if key not in maps:
                maps[key] = _cmap(fonts[key])
            font = maps[key]
        elif name in NEW_LINE:
            add(" ")
        if name in ("Tj", "'", '"', "TJ"):
            strings = operands[0] if name == "TJ" else [operands[-1]]
            width, cmap = font or (1, {})
            for s in strings:
                if isinstance(s, pikepdf.String):
                    raw = bytes(s)
                    add("".join(cmap.get(raw[i : i + width], "") for i in range(0, len(raw), width)))
    return {k: "".join(v) for k, v in out.items()}


def tree(path: Path) -> tuple[Node, pikepdf.Pdf]:
    """The Document element (under StructTreeRoot) as Nodes with their text."""
    pdf = pikepdf.open(path)
    pages = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
    texts: dict[int, dict[int, str]] = {}

    def text_of(page: int, mcid: int) -> str:
        if page not in texts:
            texts[page] = page_mcid_text(pdf.pages[page])
        return texts[page].get(mcid, "")

    def build(d: pikepdf.Object, page: int | None) -> Node:
        node = Node(str(d.S)[1:], d)
        node.alt = str(d.Alt) if "/Alt" in d else None
        node.lang = str(d.Lang) if "/Lang" in d else None
        if "/Pg" in d:
            page = pages[d.Pg.objgen]
        kids = d.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
        for k in kids:
            if isinstance(k, int):
                node.pages.append(page)
                node.texts.append(text_of(page, k))
            elif k.get("/Type") == "/MCR":
                p = pages[k.Pg.objgen]
                node.pages.append(p)
                node.texts.append(text_of(p, int(k.MCID)))
            elif k.get("/Type") == "/OBJR":
                node.annots.append(k.Obj)
            else:
                child = build(k, page)
                node.kids.append(child)
                node.texts.append(child.text)
        if "/ActualText" in d:  # replaces what its content says (right-to-left lines drawn in visual order)
            node.texts = [str(d.ActualText)]
        return node

    root = pdf.Root.StructTreeRoot
    return build(root.K, None), pdf


def unmarked_painting(pdf: pikepdf.Pdf) -> list[str]:
    """Painting operators outside any marked content, and artifacts nested in tagged content (or back)."""
    problems = []
    for n, page in enumerate(pdf.pages, start=1):
        stack: list[str] = []  # "mc" (has an MCID), "artifact", "other"
        for operands, op in pikepdf.parse_content_stream(page):
            name = str(op)
            if name in ("BDC", "BMC"):
                tag = str(operands[0])
                props = operands[1] if name == "BDC" else None
                kind = (
                    "artifact"
                    if tag == "/Artifact"
                    else "mc"
                    if isinstance(props, pikepdf.Dictionary) and "/MCID" in props
                    else "other"
                )
                if kind in ("artifact", "mc") and any(k in ("artifact", "mc") for k in stack):
                    problems.append(f"page {n}: {tag} nested inside {stack}")
                stack.append(kind)
            elif name == "EMC":
                if not stack:
                    problems.append(f"page {n}: EMC without BDC")
                else:
                    stack.pop()
            elif name in PAINT and not any(k in ("artifact", "mc") for k in stack):
                problems.append(f"page {n}: {name} outside marked content")
        if stack:
            problems.append(f"page {n}: {len(stack)} marked-content sequence(s) left open")
    return problems


def outloud(paths: list[str]) -> dict[str, dict]:
    """outloud's JSON report (PDF/UA-1 checker, PyPI) for each path, from one run of it."""
    import json
    import subprocess
    import sys

    script = "import sys; from outloud.cli import main; sys.exit(main())"
    result = subprocess.run(
        [sys.executable, "-c", script, "--json", "-", "--fail-on", "never", "--no-info", *paths],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return {r["path"]: r for r in json.loads(result.stdout)["results"]}
