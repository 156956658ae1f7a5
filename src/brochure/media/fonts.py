"""Find TrueType families on disk, check them, and register them with ReportLab once per process.

Families are looked up by name in the project's `assets/fonts/<Family>/` and
then in the `rendercv-fonts` wheel (Noto Sans, Source Sans 3, Lato, ... with
their OFL licences), so nothing comes from the system or the web.

`verify` and `file_coverage` read fonts with fontTools (lazily, a few tables) and
never import ReportLab, so `brochure check` stays light; `register` and `coverage`
are for drawing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import TracebackType

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

    def file(self, style: str = "Regular") -> Path:
        """The file `font_name(style)` names (the same nearest-style fallback)."""
        return self.files[self.font_name(style)[len(self.key) + 1 :]]


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
    """A font file that ReportLab cannot use, in plain words; `path` names the file where it is known."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


def register(family: Family) -> None:
    """Register every style and the bold/italic family mapping for <b>/<i>.

    Raises FontError for a file that is not a usable TrueType font (CFF .otf, a
    renamed file, a truncated download).
    """
    import struct

    from reportlab.pdfbase.ttfonts import TTFError

    for style, path in family.files.items():
        try:
            _checked_bounds(*_stat_key(path))
            _register_file(f"{family.key}-{style}", str(path))
        except (TTFError, struct.error, OSError, ValueError, IndexError, KeyError, AttributeError) as exc:
            # AttributeError: ReportLab 5.1's reader, on a font with no name it can use, reads a setting
            # (`rl_config.autoGenerateTTFMissingTTFName`) that rl_config does not define
            raise FontError(f"{path.name} is not a usable TrueType font ({exc})") from None
    _register_family(family)


@contextmanager
def damage_refused() -> Iterator[None]:
    """Turn a damaged font found while ReportLab embeds it into a FontError naming the file.

    `verify` and `register` read a font's tables; ReportLab reads a glyph's outline only when it subsets the
    font at save time, where a composite glyph pointing past the last glyph (a flipped bit, a repeated stretch
    of a damaged download) raises IndexError or struct.error inside its TrueType reader. Only an exception
    raised there is translated; any other stays what it is (a bug).
    """
    import struct

    from reportlab.pdfbase.ttfonts import TTFError

    try:
        yield
    except (TTFError, struct.error, IndexError, KeyError, ValueError) as exc:
        path = _font_file_in(exc.__traceback__)
        if path is None:
            raise
        raise FontError(
            f"{Path(path).name} is damaged: its glyph outlines could not be embedded ({exc})", Path(path)
        ) from None


def _font_file_in(tb: TracebackType | None) -> str | None:
    """The file ReportLab's TrueType reader was reading, when the exception was raised inside that reader."""
    found, innermost = None, ""
    while tb is not None:
        frame = tb.tb_frame
        innermost = frame.f_code.co_filename
        name = getattr(frame.f_locals.get("self"), "filename", None)
        if innermost.endswith("ttfonts.py") and isinstance(name, str):
            found = name
        tb = tb.tb_next
    return found if innermost.endswith("ttfonts.py") else None


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


def _stat_key(path: Path) -> tuple[str, int, int, int]:
    """A file's identity for the per-process caches: a rewritten file is read again."""
    st = path.stat()
    return str(path), st.st_size, st.st_mtime_ns, st.st_ino


@cache
def _checked_bounds(path: str, size: int, mtime_ns: int, ino: int) -> None:
    check_bounds(Path(path))


def verify(family: Family) -> None:
    """What `register` would refuse, found with fontTools and without ReportLab (for `brochure check`).

    Raises FontError for a file that is not a usable TrueType font (CFF .otf, a
    renamed file, a truncated download), in the words `register` uses.
    """
    for path in family.files.values():
        try:
            _verified(*_stat_key(path))
        except Exception as exc:  # fontTools raises many kinds on a damaged file; `register` wraps the same way
            raise FontError(f"{path.name} is not a usable TrueType font ({exc})") from None


_CMAP_FORMATS = (0, 2, 4, 6, 10, 12, 13)  # those ReportLab reads


@cache
def _verified(path: str, size: int, mtime_ns: int, ino: int) -> None:
    """The refusals of ReportLab's TrueType reader (`ttfonts.TTFontFile.extractInfo`), checked on the tables.

    Reads the table directory and a few small tables; the cmap and post tables raw (fontTools would name
    every glyph to decompile them).
    """
    import struct

    from fontTools.ttLib import TTFont

    check_bounds(Path(path))
    with TTFont(path, lazy=True) as font:
        reader = font.reader
        if reader.sfntVersion == "OTTO":
            raise ValueError("postscript outlines are not supported")
        if reader.sfntVersion not in ("\x00\x01\x00\x00", "true"):
            raise ValueError("not a recognized TrueType font")
        for tag in ("head", "hhea", "maxp", "hmtx", "cmap", "loca", "glyf", "post"):
            if tag not in reader:
                raise ValueError(f"it has no `{tag}` table")
        for tag, entry in reader.tables.items():
            if entry.offset + entry.length > size:
                raise ValueError(f"its `{tag}` table is cut short")
        head, hhea, maxp = font["head"], font["hhea"], font["maxp"]
        if int(head.tableVersion) != 1 or head.magicNumber != 0x5F0F3CF5:
            raise ValueError("its head table is damaged")
        if head.indexToLocFormat not in (0, 1) or head.glyphDataFormat != 0:
            raise ValueError("unknown glyph data format")
        if hhea.tableVersion >> 16 != 1 or hhea.metricDataFormat != 0 or hhea.numberOfHMetrics == 0:
            raise ValueError("its hhea table is damaged")
        if maxp.tableVersion != 0x00010000:
            raise ValueError("unknown maxp table version")
        if struct.unpack_from(">H", reader["post"])[0] not in (1, 2, 3, 4):
            raise ValueError("unknown post table version")
        if "name" not in reader or not any(font["name"].getDebugName(i) for i in (6, 4, 1)):
            raise ValueError("it has no PostScript, full or family name")  # ReportLab needs one of the three
        # no fsType refusal: ReportLab 5.1 refuses a restricted font only when rl_config.allowTTFSubsetting names it
        chosen = _chosen_cmap(reader["cmap"])
        if chosen is None:
            raise ValueError("could not find a suitable cmap encoding")
        if chosen[0] not in _CMAP_FORMATS:
            raise ValueError(f"Unsupported cmap encoding format {chosen[0]}")


def _chosen_cmap(cmap: bytes) -> tuple[int, int, tuple[int, int]] | None:
    """(format, offset, (platform, encoding)) of the subtable ReportLab reads: the last Unicode one (its rule)."""
    import struct

    version, count = struct.unpack_from(">HH", cmap)
    if count == 0 and version != 0:
        count = version
    chosen, enc = None, 0
    for n in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", cmap, 4 + 8 * n)
        if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            chosen, enc = (offset, (platform, encoding)), 1
        elif platform == 1 and encoding == 0 and enc != 1:
            chosen, enc = (offset, (platform, encoding)), 2
    return None if chosen is None else (struct.unpack_from(">H", cmap, chosen[0])[0], *chosen)


def file_coverage(path: Path) -> frozenset[int]:
    """Code points a font file maps, exactly as ReportLab's `charToGlyph` would (`coverage` once registered)."""
    return _file_coverage(*_stat_key(path))


@cache
def _file_coverage(path: str, size: int, mtime_ns: int, ino: int) -> frozenset[int]:
    """ReportLab's cmap reading (`extractInfo`), keys only: whole ranges, as it keeps them (glyph 0 included)."""
    import struct

    from fontTools.ttLib import TTFont

    _verified(path, size, mtime_ns, ino)  # bounded: no range past Unicode
    with TTFont(path, lazy=True) as font:
        cmap = font.reader["cmap"]
        num_glyphs = font["maxp"].numGlyphs
        chosen = _chosen_cmap(cmap)
        assert chosen is not None  # _verified refused a font without a subtable ReportLab reads
        fmt, at, ids = chosen
        codes: set[int] = set()
        if fmt == 0:
            (length,) = struct.unpack_from(">H", cmap, at + 2)
            codes.update(range(min(256, num_glyphs, length - 6)))
        elif fmt == 4:
            (seg_x2,) = struct.unpack_from(">H", cmap, at + 6)
            n = seg_x2 // 2
            ends = struct.unpack_from(f">{n}H", cmap, at + 14)
            starts = struct.unpack_from(f">{n}H", cmap, at + 16 + 2 * n)
            for first, last in zip(starts, ends, strict=True):
                codes.update(range(first, last + 1))
        elif fmt in (6, 10):  # ReportLab keys these by the glyph ids the table lists
            head, size_ = (6, ">HH") if fmt == 6 else (12, ">II")
            count = struct.unpack_from(size_, cmap, at + head)[1]
            codes.update(struct.unpack_from(f">{count}H", cmap, at + head + struct.calcsize(size_)))
        elif fmt in (12, 13):
            (groups,) = struct.unpack_from(">I", cmap, at + 12)
            for g in range(groups):
                first, last = struct.unpack_from(">II", cmap, at + 16 + 12 * g)
                codes.update(range(first, last + 1))
        else:  # format 2 (legacy CJK encodings): fontTools' reading, without glyph 0
            sub = font["cmap"].getcmap(*ids)
            codes.update(c for c, name in sub.cmap.items() if 0 < font.getGlyphID(name) < num_glyphs)
    if 0x20 in codes or 0xA0 in codes:  # ReportLab maps the no-break space to the space and back
        codes |= {0x20, 0xA0}
    return frozenset(codes)


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
