"""Ink discipline, applied to the finished content streams: what a print shop or a desktop printer needs.

Press: text under 12 pt prints in ONE ink (the nearest tint of a single process ink, never lighter than
the colour it replaces), because small type built from three or four plates blurs when the plates are a
hair out of register; dark text in black ink alone overprints (no white hairline where the plates meet). Office:
near-neutral greys are written as DeviceGray, so body text prints with black toner alone instead of a
four-toner mix of #1F2328.

Why a pass over the drawn operators rather than the paragraph styles: colours reach the page from styles,
inline markup, bullets, table cells and canvas calls alike; the operators are the one place they all meet,
and the effective size there (Tf × text matrix × CTM) is what the reader sees.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pikepdf

if TYPE_CHECKING:
    from PIL import ImageCms

SMALL_TEXT_PT = 12.0  # below this, text prints in one ink (field-notes: register tolerance of small type)
INK_FLOOR = 0.005  # an ink under 0.5 % prints as no ink
NEUTRAL_SPREAD = 12 / 255  # RGB channels this close together are a grey (as press.rgb_to_cmyk judges)
OVERPRINT_BLACK = 0.7  # black-only text at least this dark overprints: the tint under it cannot show a gap
LIGHTER_ALLOWED = 3.0  # L*: a one-ink replacement may be at most this much lighter (contrast stays)

_SHOW = {"Tj", "TJ", "'", '"'}
_STARTS = {"m", "re"}  # a path's construction begins
_ENDS = {"f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "n"}  # and ends with its painting operator
_ALONE = {"sh", "Do", "BI"}  # paint without a path
OVERPRINT = pikepdf.Name("/GSbrochureOP")
KNOCKOUT = pikepdf.Name("/GSbrochureKO")

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(a: Matrix, b: Matrix) -> Matrix:
    """a × b in PDF's row-vector convention (a is applied first)."""
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def _scale(m: Matrix) -> float:
    """How much a matrix enlarges a glyph: the square root of its area factor (rotation and skew aside)."""
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))


@dataclass(frozen=True)
class _State:
    ctm: Matrix = IDENTITY
    size: float = 0.0  # Tf's size: part of the graphics state, saved by q
    fill: tuple[float, ...] | None = None  # the CMYK fill the stream asked for
    drawn: tuple[float, ...] | None = None  # the CMYK fill now in effect in the rewritten stream
    overprint: bool = False  # what the rewritten stream has in effect


def _k(values: Iterable[float]) -> pikepdf.ContentStreamInstruction:
    return pikepdf.ContentStreamInstruction([round(v, 4) for v in values], pikepdf.Operator("k"))


def _gs(name: pikepdf.Name) -> pikepdf.ContentStreamInstruction:
    return pikepdf.ContentStreamInstruction([name], pikepdf.Operator("gs"))


def inks(cmyk: tuple[float, ...]) -> int:
    """How many plates a CMYK colour prints on."""
    return sum(v > INK_FLOOR for v in cmyk)


def press_text(pdf: pikepdf.Pdf, icc: Path | None = None) -> int:
    """Rewrite every page so small text prints in one ink and dark black-ink text overprints; return the changes."""
    changed = 0
    for page in pdf.pages:
        out, n, used = _rewrite_press(pikepdf.parse_content_stream(page), icc)
        if n:
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))
            changed += n
        if used:
            _add_states(pdf, page.obj)
    return changed


def _rewrite_press(instructions: list, icc: Path | None = None) -> tuple[list, int, bool]:
    """The rewritten operators, how many text shows changed colour or overprint, and whether gs was used."""
    out: list = []
    stack: list[_State] = []
    st = _State()
    tm: Matrix = IDENTITY
    changed = 0
    used = False
    in_path = False
    for ins in instructions:
        if not isinstance(ins, pikepdf.ContentStreamInstruction):
            out.append(ins)  # an inline image
            continue
        op = str(ins.operator)
        args = list(ins.operands)
        if op == "q":
            stack.append(st)
        elif op == "Q":
            st = stack.pop() if stack else _State()
        elif op == "cm" and len(args) == 6:
            st = replace(st, ctm=_mul(tuple(float(a) for a in args), st.ctm))  # type: ignore[arg-type]
        elif op == "BT":
            tm = IDENTITY
        elif op == "Tm" and len(args) == 6:
            tm = tuple(float(a) for a in args)  # type: ignore[assignment]
        elif op == "Tf" and len(args) == 2:
            st = replace(st, size=float(args[1]))
        elif op == "k" and len(args) == 4:
            values = tuple(float(a) for a in args)
            st = replace(st, fill=values, drawn=values)
        elif op in ("g", "rg", "cs", "sc", "scn"):
            st = replace(st, fill=None, drawn=None)  # not a CMYK fill: left as it is
        elif op in _SHOW and st.fill is not None:
            size = st.size * _scale(_mul(tm, st.ctm))
            want = one_ink(st.fill, icc) if size < SMALL_TEXT_PT and inks(st.fill) > 1 else st.fill
            dark_black = inks(want) == 1 and want[3] >= OVERPRINT_BLACK
            if want != st.drawn:
                out.append(_k(want))
                st = replace(st, drawn=want)
                changed += 1
            if dark_black != st.overprint:
                out.append(_gs(OVERPRINT if dark_black else KNOCKOUT))
                st = replace(st, overprint=dark_black)
                used = True
                changed += 1
        elif (op in _STARTS and not in_path) or op in _ALONE:
            # before a path begins (nothing may come between its construction and its painting operator)
            # or a shading, XObject or inline image: the colour and overprint the stream itself asked for
            if st.fill is not None and st.drawn != st.fill:
                out.append(_k(st.fill))
                st = replace(st, drawn=st.fill)
            if st.overprint:
                out.append(_gs(KNOCKOUT))
                st = replace(st, overprint=False)
        if op in _STARTS:
            in_path = True
        elif op in _ENDS:
            in_path = False
        out.append(ins)
    return out, changed, used


def _add_states(pdf: pikepdf.Pdf, page: pikepdf.Dictionary) -> None:
    """The two ExtGStates the rewritten stream names: overprint on (OPM 1: zero inks leave what is under) and off."""
    resources = page.get("/Resources")
    if resources is None:
        resources = page["/Resources"] = pikepdf.Dictionary()
    if "/ExtGState" not in resources:
        resources["/ExtGState"] = pikepdf.Dictionary()
    states = resources["/ExtGState"]
    states[OVERPRINT] = pikepdf.Dictionary(Type=pikepdf.Name("/ExtGState"), OP=True, op=True, OPM=1)
    states[KNOCKOUT] = pikepdf.Dictionary(Type=pikepdf.Name("/ExtGState"), OP=False, op=False, OPM=0)


@lru_cache(maxsize=64)
def one_ink(cmyk: tuple[float, ...], icc: Path | None = None) -> tuple[float, ...]:
    """The tint of a single process ink closest to `cmyk` in CIELAB (ΔE76) that is not lighter than it by more
    than LIGHTER_ALLOWED: small coloured type keeps its hue where one ink can carry it (a red → magenta),
    and falls to black where none can (a navy → about 80 % black)."""
    target = _lab([cmyk], icc)[0]
    ramps = _ramps(icc)
    best: tuple[float, tuple[float, ...]] | None = None
    for plate in range(4):
        for tint in range(101):
            lab = ramps[plate][tint]
            if lab[0] > target[0] + LIGHTER_ALLOWED:
                continue
            d = math.dist(lab, target)
            if best is None or d < best[0]:
                values = [0.0, 0.0, 0.0, 0.0]
                values[plate] = tint / 100
                best = (d, tuple(values))
    return best[1] if best else (0.0, 0.0, 0.0, 1.0)


@lru_cache(maxsize=4)
def _ramps(icc: Path | None = None) -> list[list[tuple[float, float, float]]]:
    """CIELAB of 0–100 % of each process ink alone, through the output profile."""
    tints = [tuple(t / 100 if p == plate else 0.0 for p in range(4)) for plate in range(4) for t in range(101)]
    labs = _lab(tints, icc)
    return [labs[plate * 101 : (plate + 1) * 101] for plate in range(4)]


def _lab(colours: list[tuple[float, ...]], icc: Path | None = None) -> list[tuple[float, float, float]]:
    """CIELAB of CMYK colours through the shipped output profile (relative colorimetric)."""
    from PIL import Image, ImageCms

    from brochure.pdf.press import ICC_PATH

    transform = _to_lab(str(icc or ICC_PATH))
    img = Image.new("CMYK", (len(colours), 1))
    img.putdata([tuple(round(v * 255) for v in c) for c in colours])
    lab = ImageCms.applyTransform(img, transform)
    assert lab is not None
    out = []
    for i in range(len(colours)):
        lum, a, b = lab.getpixel((i, 0))  # type: ignore[misc]
        out.append((lum / 255 * 100, _signed(a), _signed(b)))
    return out


def _signed(v: int) -> float:
    """Pillow's LAB a*/b* bytes are offset by 128 (128 is neutral)."""
    return float(v - 128)


@lru_cache(maxsize=4)
def _to_lab(icc: str) -> ImageCms.ImageCmsTransform:
    from PIL import ImageCms

    return ImageCms.buildTransform(
        ImageCms.getOpenProfile(icc),
        ImageCms.createProfile("LAB"),
        "CMYK",
        "LAB",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
    )


def office_greys(pdf: pikepdf.Pdf) -> int:
    """Write near-neutral RGB fills and strokes as DeviceGray of the same luminance; return how many."""
    changed = 0
    for page in pdf.pages:
        out = []
        n = 0
        for ins in pikepdf.parse_content_stream(page):
            if isinstance(ins, pikepdf.ContentStreamInstruction) and str(ins.operator) in ("rg", "RG"):
                rgb = [float(a) for a in ins.operands]
                if len(rgb) == 3 and max(rgb) - min(rgb) <= NEUTRAL_SPREAD:
                    gray = _same_luminance_gray(rgb)
                    op = "g" if str(ins.operator) == "rg" else "G"
                    ins = pikepdf.ContentStreamInstruction([round(gray, 4)], pikepdf.Operator(op))
                    n += 1
            out.append(ins)
        if n:
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))
            changed += n
    return changed


def _same_luminance_gray(rgb: list[float]) -> float:
    """The sRGB-encoded grey with the colour's luminance (DeviceGray is read as sRGB grey by viewers)."""

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    y = 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2])
    return 12.92 * y if y <= 0.0031308 else 1.055 * y ** (1 / 2.4) - 0.055


def finish_step(pdf: pikepdf.Pdf, ctx: object, claims: object) -> None:
    """Registered by `render.finishing_steps`: one-ink small text for CMYK output, grey toner for RGB."""
    output = getattr(ctx, "output", None)
    if getattr(output, "cmyk", False):
        intent = getattr(ctx, "intent", None)
        press_text(pdf, getattr(intent, "path", None))
    else:
        office_greys(pdf)
