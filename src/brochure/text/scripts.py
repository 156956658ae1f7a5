"""The script registry: per writing system, how it runs, whether it must be shaped, how lines break, which fonts.

Adding a script is one entry in `SCRIPTS`, not a code path: the paragraph
code asks `needs_shaping` whether a paragraph goes through HarfBuzz, the
validation asks `unknown` and `font_shapes` before anything is drawn, and a
language's default direction and line breaking come from its main script.

A language's script is found from its text (`fontTools.unicodedata.script`,
ISO 15924), not declared: the text is what prints, a declared script is one
more field a translator can get wrong, and a handout mixes scripts anyway
(Latin drug names in a Hindi sentence), so the shaping decision has to be
made from the characters themselves. `direction` and `line_break` in
`language.yaml` stay as overrides.

No ReportLab here: `brochure check` uses this without loading the drawing code.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Literal

from fontTools import unicodedata as ucd

# Common (punctuation, digits, spaces) and Inherited (combining marks) take the script of their neighbours;
# Zzzz is what fontTools answers for an unassigned code point.
NEUTRAL = frozenset({"Zyyy", "Zinh"})


@dataclass(frozen=True)
class Script:
    code: str  # ISO 15924, as fontTools.unicodedata.script gives it
    direction: Literal["ltr", "rtl"]
    shaping: bool  # letters change form, reorder or combine: drawn from HarfBuzz glyphs, never code point by code point
    # space: between words; cjk: between any two characters (with CJK rules); dictionary: words are not spaced
    # (Thai, Khmer, Lao), so breaking needs a word dictionary, which brochure does not have: `check` refuses it
    line_break: Literal["space", "cjk", "dictionary"]
    fonts: tuple[str, ...]  # families that have it (rendercv-fonts or assets/fonts), suggested in messages
    opentype: tuple[str, ...]  # OpenType script tags: a font shaping this script lists one of them in its GSUB
    # how far, in ems, its letters and marks stand above the em square (its font's ascender less 1 em; Noto Sans
    # Arabic: 1.374): a frame's first line keeps that room, so no mark reaches into the safe zone above it
    rise: float = 0.0

    @property
    def name(self) -> str:
        return ucd.script_name(self.code)


SCRIPTS: dict[str, Script] = {
    s.code: s
    for s in (
        Script("Latn", "ltr", False, "space", ("Noto Sans",), ("latn",)),
        Script("Grek", "ltr", False, "space", ("Noto Sans",), ("grek",)),
        Script("Cyrl", "ltr", False, "space", ("Noto Sans",), ("cyrl",)),
        Script("Hani", "ltr", False, "cjk", ("Noto Sans SC",), ("hani",)),
        Script("Hira", "ltr", False, "cjk", ("Noto Sans JP",), ("kana",)),
        Script("Kana", "ltr", False, "cjk", ("Noto Sans JP",), ("kana",)),
        Script("Hang", "ltr", False, "space", ("Noto Sans KR",), ("hang",)),  # Korean is spaced between words
        Script("Arab", "rtl", True, "space", ("Noto Sans Arabic",), ("arab",), rise=0.37),
        Script("Deva", "ltr", True, "space", ("Noto Sans", "Mukta"), ("dev2", "deva")),  # dev2: newer Indic model
        Script("Beng", "ltr", True, "space", ("Noto Sans Bengali",), ("bng2", "beng")),
        Script("Guru", "ltr", True, "space", ("Noto Sans Gurmukhi",), ("gur2", "guru")),
        Script("Gujr", "ltr", True, "space", ("Noto Sans Gujarati",), ("gjr2", "gujr")),
        Script("Taml", "ltr", True, "space", ("Noto Sans Tamil",), ("tml2", "taml")),
        Script("Telu", "ltr", True, "space", ("Noto Sans Telugu",), ("tel2", "telu")),
        Script("Hebr", "rtl", True, "space", ("Noto Sans Hebrew",), ("hebr",)),  # marks (niqqud) need GPOS
        Script("Armn", "ltr", False, "space", ("Noto Sans Armenian",), ("armn",)),
        Script("Geor", "ltr", False, "space", ("Noto Sans Georgian",), ("geor",)),
        Script("Ethi", "ltr", False, "space", ("Noto Sans Ethiopic",), ("ethi",)),
        Script("Thai", "ltr", True, "dictionary", ("Noto Sans Thai",), ("thai",)),
        Script("Khmr", "ltr", True, "dictionary", ("Noto Sans Khmer",), ("khmr",)),
        Script("Laoo", "ltr", True, "dictionary", ("Noto Sans Lao",), ("lao ",)),
    )
}

LATIN = SCRIPTS["Latn"]


@cache
def script_of(ch: str) -> str:
    """ISO 15924 code of one character (Zyyy for punctuation and digits, Zinh for combining marks)."""
    return ucd.script(ch)


def scripts_in(text: str) -> Counter[str]:
    """How many letters of each script the text has (neutral characters not counted)."""
    return Counter(c for c in map(script_of, text) if c not in NEUTRAL)


def unknown(text: str) -> list[str]:
    """Scripts in the text that the registry has no entry for, in order of first appearance."""
    out: list[str] = []
    for ch in text:
        code = script_of(ch)
        if code not in NEUTRAL and code not in SCRIPTS and code not in out:
            out.append(code)
    return out


@cache
def _shaped(ch: str) -> bool:
    entry = SCRIPTS.get(script_of(ch))
    return entry is not None and entry.shaping


def needs_shaping(text: str) -> bool:
    """True when some character belongs to a script that must be shaped (Arabic, Devanagari, …).

    Latin, Greek and Cyrillic need it too when a combining mark is left after NFC (Yoruba ẹ́, a stacked
    accent): drawn code point by code point the mark lands beside its letter; the font's GPOS places it.
    """
    if text.isascii():  # the common case, answered without a look-up per character
        return False
    if any(_shaped(ch) for ch in text if ch >= "\u0590"):  # below Hebrew: Latin, Greek, Cyrillic, Armenian
        return True
    return any(_COMBINING[0] <= ch <= _COMBINING[1] for ch in text) and _loose_mark(text)


_COMBINING = ("\u0300", "\u036f")  # Combining Diacritical Marks, the block Latin, Greek and Cyrillic use


def _loose_mark(text: str) -> bool:
    """A combining mark that NFC cannot fold into a precomposed letter."""
    return any(_COMBINING[0] <= ch <= _COMBINING[1] for ch in unicodedata.normalize("NFC", text))


def dictionary_scripts(text: str) -> list[str]:
    """Scripts in the text whose lines break only with a word dictionary (Thai, Khmer, Lao), in order of appearance."""
    out: list[str] = []
    for ch in text:
        entry = SCRIPTS.get(script_of(ch))
        if entry is not None and entry.line_break == "dictionary" and entry.code not in out:
            out.append(entry.code)
    return out


def main_script(texts: Iterable[str]) -> Script:
    """The script most letters of a language's text are in (Latin when it has none the registry knows)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(scripts_in(text))
    for code, _ in counts.most_common():
        if code in SCRIPTS:
            return SCRIPTS[code]
    return LATIN


@cache
def font_scripts(path: str) -> frozenset[str]:
    """OpenType script tags in the font's GSUB table (empty when it has none): what HarfBuzz can shape with it."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        if "GSUB" not in font or font["GSUB"].table.ScriptList is None:
            return frozenset()
        return frozenset(r.ScriptTag for r in font["GSUB"].table.ScriptList.ScriptRecord)


def font_shapes(path: str, script: Script) -> bool:
    """Whether the font can shape the script (always true for a script that needs no shaping)."""
    return not script.shaping or bool(font_scripts(path) & set(script.opentype))


def strings(data: object) -> Iterator[str]:
    """Every string value in parsed YAML data (dicts, lists), in order."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for v in data.values():
            yield from strings(v)
    elif isinstance(data, list):
        for v in data:
            yield from strings(v)
