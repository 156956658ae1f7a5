"""Find TrueType families on disk and register them with ReportLab once per process.

Families are looked up by name in the project's `assets/fonts/<Family>/` and
then in the `rendercv-fonts` wheel (Noto Sans, Source Sans 3, Lato, ... with
their OFL licences), so nothing comes from the system or the web.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

STYLES = ("Regular", "Bold", "Italic", "BoldItalic")


@dataclass(frozen=True)
class Family:
    name: str  # as written in the brand file, e.g. "Noto Sans"
    files: dict[str, Path]  # style -> .ttf

    @property
    def key(self) -> str:
        return self.name.replace(" ", "")

    def font_name(self, style: str = "Regular") -> str:
        """ReportLab font name; a missing style falls back to the nearest one."""
        for s in (style, "Bold" if "Bold" in style else "Regular", "Regular"):
            if s in self.files:
                return f"{self.key}-{s}"
        raise KeyError(style)


def search_dirs(project_root: Path | list[Path] | None) -> list[Path]:
    """assets/fonts of the project (and of its base project), then the fonts wheel."""
    roots = [] if project_root is None else project_root if isinstance(project_root, list) else [project_root]
    dirs = [r / "assets" / "fonts" for r in roots]
    try:
        import rendercv_fonts

        dirs.append(Path(rendercv_fonts.__file__).parent)
    except ImportError:  # pragma: no cover - a declared dependency
        pass
    return dirs


def available(project_root: Path | list[Path] | None) -> list[str]:
    names = set()
    for d in search_dirs(project_root):
        if d.is_dir():
            for regular in d.glob("*/*-Regular.ttf"):
                stem = regular.name[: -len("-Regular.ttf")]
                names.add(regular.parent.name if regular.parent.name.replace(" ", "") == stem else _spaced(stem))
    return sorted(names)


def _spaced(stem: str) -> str:
    """NotoSansSC -> Noto Sans SC (file stems have no spaces; family names do)."""
    import re

    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", stem)


def find(name: str, project_root: Path | list[Path] | None) -> Family | None:
    stem = name.replace(" ", "")
    for d in search_dirs(project_root):
        folder = d / name
        if not folder.is_dir():  # e.g. Noto Sans SC ships inside the "Noto Sans" folder
            hits = sorted(d.glob(f"*/{stem}-Regular.ttf"))
            if not hits:
                continue
            folder = hits[0].parent
        files = {s: folder / f"{stem}-{s}.ttf" for s in STYLES}
        files = {s: p for s, p in files.items() if p.is_file()}
        if "Regular" in files:
            return Family(name, files)
    return None


@cache
def _register_file(font_name: str, path: str) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(font_name, path))


class FontError(ValueError):
    """A font file that ReportLab cannot use, in plain words."""


def register(family: Family) -> None:
    """Register every style and the bold/italic family mapping for <b>/<i>.

    Raises FontError for a file that is not a usable TrueType font (CFF .otf, a
    renamed file, a truncated download).
    """
    import struct

    from reportlab.pdfbase.ttfonts import TTFError

    for style, path in family.files.items():
        try:
            check_bounds(path)
            _register_file(f"{family.key}-{style}", str(path))
        except (TTFError, struct.error, OSError, ValueError, IndexError, KeyError) as exc:
            raise FontError(f"{path.name} is not a usable TrueType font ({exc})") from None
    _register_family(family)


MAX_FONT_BYTES = 64 * 1024 * 1024  # Noto Sans SC, among the largest, is 10 MB
MAX_CODE_POINT = 0x10FFFF


def check_bounds(path: Path) -> None:
    """Refuse, before ReportLab parses it, a font whose character map claims more than Unicode has.

    ReportLab expands every cmap range into a dict entry per character: four
    changed bytes (a format-12 group ending at 0xFFFFFFFF) would ask for
    billions of entries and exhaust memory. Reads only the table directory
    and the cmap (bounded by the file's size), so the check is cheap.
    """
    import struct

    size = path.stat().st_size
    if size > MAX_FONT_BYTES:
        raise FontError(f"{path.name} is {size:,} bytes; the limit for a font file is {MAX_FONT_BYTES:,}")
    with path.open("rb") as fh:
        data = fh.read()
    try:
        (num,) = struct.unpack_from(">H", data, 4)
        tables = {data[12 + 16 * i : 16 + 16 * i]: struct.unpack_from(">II", data, 20 + 16 * i) for i in range(num)}
        if b"cmap" not in tables:
            return  # ReportLab says what is missing
        base, length = tables[b"cmap"]
        (count,) = struct.unpack_from(">H", data, base + 2)
        for k in range(count):
            (offset,) = struct.unpack_from(">I", data, base + 4 + 8 * k + 4)
            _check_subtable(data, base + offset, base + length, path.name)
    except struct.error:
        raise FontError(f"{path.name} is not a usable TrueType font (its tables are cut short)") from None


def _check_subtable(data: bytes, at: int, end: int, name: str) -> None:
    import struct

    (fmt,) = struct.unpack_from(">H", data, at)
    if fmt not in (12, 13):  # the 16-bit formats cannot name more than 65,536 characters
        return
    (groups,) = struct.unpack_from(">I", data, at + 12)
    if at + 16 + 12 * groups > min(end, len(data)):
        raise FontError(f"{name}: its character map claims {groups:,} ranges, more than the file holds")
    total = 0
    for g in range(groups):
        first, last = struct.unpack_from(">II", data, at + 16 + 12 * g)
        total += last - first + 1
        if last < first or last > MAX_CODE_POINT or total > MAX_CODE_POINT + 1:
            raise FontError(f"{name}: its character map is damaged (a range U+{first:04X}–U+{last:04X} beyond Unicode)")


def _register_family(family: Family) -> None:
    from reportlab.pdfbase.pdfmetrics import registerFontFamily

    registerFontFamily(
        family.key,
        normal=family.font_name("Regular"),
        bold=family.font_name("Bold"),
        italic=family.font_name("Italic"),
        boldItalic=family.font_name("BoldItalic"),
    )


@cache
def coverage(font_name: str) -> frozenset[int]:
    """Code points the registered font has glyphs for."""
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)
