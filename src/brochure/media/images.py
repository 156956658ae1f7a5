"""Load a logo defensively and size it for print.

Pillow checks the file really is a PNG/JPEG and not a decompression bomb.
An image finer than DOWNSAMPLE_ABOVE ppi at its placed size is downsampled
to TARGET_PPI (the usual print-shop rule: 300 ppi is all offset printing
resolves, and a 3000 px logo placed at 1.5 in would bloat every PDF); one
coarser than the profile's minimum (`profiles.Profile.min_ppi`) gets a warning.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # PIL is imported in the functions that use it
    import PIL.Image

    from brochure.errors import Location, Problem

from brochure.media import profiles

TARGET_PPI = 300  # what a downsampled image keeps
DOWNSAMPLE_ABOVE = 450  # finer than this at its placed size: downsampled to TARGET_PPI
MAX_PIXELS = 40_000_000  # ~ 6300 x 6300: far beyond any logo, below bomb territory
ALLOWED = {"PNG", "JPEG"}
MAX_SVG_BYTES = 2_000_000  # a logo's SVG is a few KB; far larger is not a logo (or is a bomb)


class ImageError(ValueError):
    """Why an image cannot be used, in plain words."""


@dataclass(frozen=True)
class PreparedImage:
    data: bytes  # PNG or JPEG bytes ready for ReportLab (empty for an SVG)
    width_px: int  # an SVG: its width in points
    height_px: int
    drawing: Any = None  # an SVG logo: the svglib Drawing, drawn as vectors at any size

    @property
    def vector(self) -> bool:
        return self.drawing is not None

    @property
    def aspect(self) -> float:
        return self.height_px / self.width_px


def inspect(path: Path) -> tuple[int, int]:
    """Open and verify the file; return its pixel size or raise ImageError.

    Decoded once per file version in a process (`brochure check` loads each brand once per target).
    """
    try:
        st = path.stat()
    except OSError:
        return _inspect(path)  # says why it cannot be read
    return _inspect_version(str(path), st.st_size, st.st_mtime_ns, st.st_ino)


@lru_cache(maxsize=64)
def _inspect_version(path: str, size: int, mtime_ns: int, ino: int) -> tuple[int, int]:
    return _inspect(Path(path))


def is_svg(path: Path) -> bool:
    return path.suffix.lower() == ".svg"


def _svg_drawing(path: Path) -> Any:
    """The SVG as a ReportLab Drawing (svglib), or ImageError saying why it cannot be one."""
    from svglib.svglib import svg2rlg

    if path.stat().st_size > MAX_SVG_BYTES:
        raise ImageError(f"is larger than {MAX_SVG_BYTES // 1_000_000} MB, too large to be a logo")
    try:
        drawing = svg2rlg(str(path))
    except Exception as exc:  # lxml and svglib raise many types for broken files
        raise ImageError(f"is not a readable SVG ({type(exc).__name__}: {exc})") from None
    if drawing is None or not drawing.width or not drawing.height:
        raise ImageError("is not a readable SVG (no drawing, or no width and height)")
    kinds = {type(node).__name__ for node in _nodes(drawing)}
    if not kinds - {"Group"}:
        raise ImageError("is an SVG that draws nothing (no shapes in it)")
    if "String" in kinds:
        # its fonts are the viewer's, not ours: the PDF could not embed them and a print shop would refuse it
        raise ImageError(
            "has text in it; convert the text to outlines (Inkscape: Path > Object to Path; "
            "Illustrator: Type > Create Outlines), or export the logo as PNG"
        )
    return drawing


def _nodes(node: Any) -> Any:
    for child in getattr(node, "contents", []) or []:
        yield child
        yield from _nodes(child)


def _inspect(path: Path) -> tuple[int, int]:
    if is_svg(path):
        d = _svg_drawing(path)
        return max(1, round(d.width)), max(1, round(d.height))
    from PIL import Image

    try:
        with Image.open(path) as im:
            fmt = im.format
            size = im.size
            if fmt not in ALLOWED:
                raise ImageError(f"is a {fmt or 'unknown'} image; only PNG, JPEG and SVG are supported")
            if size[0] * size[1] > MAX_PIXELS:
                raise ImageError(f"is {size[0]}×{size[1]} pixels, too large to be a logo")
            im.verify()
        with Image.open(path) as im:
            im.load()  # verify() does not decode; a truncated file fails only here
            size = upright(im).size
    except ImageError:
        raise
    except Image.DecompressionBombError:
        raise ImageError("is a decompression bomb (far too many pixels)") from None
    except Exception as exc:  # Pillow raises many types for broken files
        raise ImageError(
            f"is not a readable PNG or JPEG ({type(exc).__name__}: {exc}); export the logo as PNG or SVG"
        ) from None
    return size


def upright(im: PIL.Image.Image) -> PIL.Image.Image:
    """The image as a camera or phone meant it to be seen (EXIF orientation applied), else itself.

    A portrait logo photographed on a phone is stored sideways with an
    orientation tag; drawn as stored it would print sideways.
    """
    from PIL import ImageOps

    try:
        orientation = im.getexif().get(0x0112, 1)
    except Exception:  # a damaged EXIF block: keep the pixels as stored
        return im
    if orientation in (None, 1):
        return im
    turned = ImageOps.exif_transpose(im)
    return turned if turned is not None else im


def prepare(path: Path, placed_width_pt: float) -> PreparedImage:
    """Decode, flatten odd modes, downsample to TARGET_PPI when finer than DOWNSAMPLE_ABOVE (cached per file state)."""
    st = path.stat()
    return _prepare(str(path), st.st_size, st.st_mtime_ns, round(placed_width_pt, 2))


@lru_cache(maxsize=32)
def _prepare(name: str, size: int, mtime: int, placed_width_pt: float) -> PreparedImage:
    path = Path(name)
    if is_svg(path):  # vectors: no pixels to decode, flatten or downsample
        d = _svg_drawing(path)
        return PreparedImage(b"", max(1, round(d.width)), max(1, round(d.height)), d)
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    inspect(path)  # refuses a file that is not a sound PNG or JPEG before decoding it for real
    with Image.open(path) as opened:
        opened.load()
        fmt = opened.format
        im = upright(opened)
        if im.mode not in ("RGB", "RGBA", "L", "LA"):
            im = im.convert("RGBA" if "A" in im.getbands() or "transparency" in im.info else "RGB")
        if im.width > placed_width_pt / 72 * DOWNSAMPLE_ABOVE:
            max_px = max(1, round(placed_width_pt / 72 * TARGET_PPI))
            h = max(1, round(im.height * max_px / im.width))
            im = im.resize((max_px, h), Image.Resampling.LANCZOS)
            fmt = "PNG" if im.mode in ("RGBA", "LA") else fmt
        buf = io.BytesIO()
        if fmt == "JPEG" and im.mode in ("RGB", "L"):
            im.save(buf, "JPEG", quality=90, optimize=True)
        else:
            im.save(buf, "PNG", optimize=True)
        return PreparedImage(buf.getvalue(), im.width, im.height)


def effective_ppi(source_width_px: int, placed_width_pt: float) -> float:
    """Pixels per inch of an image as printed: its pixel width over its placed width."""
    return source_width_px / (placed_width_pt / 72)


def resolution_problems(
    placements: list[tuple[Path, float]], profile: str, where: Location, shown: Callable[[Path], str]
) -> list[Problem]:
    """A warning for every distinct placement coarser than the profile's minimum.

    `placements` are (image file, placed width in points) as the layout drew
    them; `where` is the brand file's location of `logo`; `shown(path)` how a
    path reads in messages. The effective resolution is the source's: a
    downsampled image never falls below TARGET_PPI, so the source decides.
    """
    from brochure.errors import Problem

    minimum = profiles.get(profile).min_ppi  # coarser than this: soft or jagged edges on paper
    out = []
    for path, width in sorted(set(placements), key=lambda p: (str(p[0]), p[1])):
        if is_svg(path):
            continue  # vectors are sharp at any size
        px = inspect(path)[0]
        ppi = effective_ppi(px, width)
        if ppi + 0.5 < minimum:
            need = round(minimum * width / 72)
            out.append(
                Problem(
                    f"logo {shown(path)} prints at {ppi:.0f} ppi ({px} px across {width / 72:.2f} in); "
                    f"the {profile} profile wants at least {minimum} ppi",
                    where,
                    "logo",
                    fix=f"use a logo at least {need} px wide (or a vector-sharp PNG exported larger)",
                    severity="warning",
                    rule="image.resolution",
                )
            )
    return out
