"""Load a logo defensively and size it for print.

Pillow checks the file really is a PNG/JPEG and not a decompression bomb;
the image is downsampled to at most MAX_PPI at its placed size so a 3000 px
logo placed at 1.5 in does not bloat every PDF.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MAX_PPI = 300
MAX_PIXELS = 40_000_000  # ~ 6300 x 6300: far beyond any logo, below bomb territory
ALLOWED = {"PNG", "JPEG"}


class ImageError(ValueError):
    """Why an image cannot be used, in plain words."""


@dataclass(frozen=True)
class PreparedImage:
    data: bytes  # PNG or JPEG bytes ready for ReportLab
    width_px: int
    height_px: int
    source_px: tuple[int, int]

    @property
    def aspect(self) -> float:
        return self.height_px / self.width_px


def inspect(path: Path) -> tuple[int, int]:
    """Open and verify the file; return its pixel size or raise ImageError."""
    from PIL import Image

    try:
        with Image.open(path) as im:
            fmt = im.format
            size = im.size
            if fmt not in ALLOWED:
                raise ImageError(f"is a {fmt or 'unknown'} image; only PNG and JPEG are supported")
            if size[0] * size[1] > MAX_PIXELS:
                raise ImageError(f"is {size[0]}×{size[1]} pixels, too large to be a logo")
            im.verify()
        with Image.open(path) as im:
            im.load()  # verify() does not decode; a truncated file fails only here
    except ImageError:
        raise
    except Image.DecompressionBombError:
        raise ImageError("is a decompression bomb (far too many pixels)") from None
    except Exception as exc:  # Pillow raises many types for broken files
        raise ImageError(f"is not a readable PNG or JPEG ({type(exc).__name__}: {exc})") from None
    return size


def prepare(path: Path, placed_width_pt: float) -> PreparedImage:
    """Decode, flatten odd modes, downsample to MAX_PPI at the placed width (cached per file state)."""
    st = path.stat()
    return _prepare(str(path), st.st_size, st.st_mtime_ns, round(placed_width_pt, 2))


@lru_cache(maxsize=32)
def _prepare(name: str, size: int, mtime: int, placed_width_pt: float) -> PreparedImage:
    path = Path(name)
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    src = inspect(path)
    with Image.open(path) as im:
        im.load()
        fmt = im.format
        if im.mode not in ("RGB", "RGBA", "L", "LA"):
            im = im.convert("RGBA" if "A" in im.getbands() or "transparency" in im.info else "RGB")
        max_px = max(1, round(placed_width_pt / 72 * MAX_PPI))
        if im.width > max_px:
            h = max(1, round(im.height * max_px / im.width))
            im = im.resize((max_px, h), Image.LANCZOS)
            fmt = "PNG" if im.mode in ("RGBA", "LA") else fmt
        buf = io.BytesIO()
        if fmt == "JPEG" and im.mode in ("RGB", "L"):
            im.save(buf, "JPEG", quality=90, optimize=True)
        else:
            im.save(buf, "PNG", optimize=True)
        return PreparedImage(buf.getvalue(), im.width, im.height, src)
