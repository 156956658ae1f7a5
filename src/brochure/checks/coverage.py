"""Check every character of every string against the fonts before drawing.

ReportLab has no font fallback and no warning: a missing glyph prints as a
box or nothing. Here a character no font covers is an error with its file,
line and code point, and invisible control characters are refused.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from brochure.errors import Location, Problem
from brochure.inputs.yamlread import Document
from brochure.media import fonts


class _Every:
    """Contains every code point: no chain, nothing to cover."""

    def __contains__(self, code: int) -> bool:
        return True


_EVERY = _Every()
ALLOWED_FORMAT = {"\u200c", "\u200d", "\u00ad"}  # ZWNJ/ZWJ shape scripts; soft hyphen is a hint


def strings(data: Any, key: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, str):
        yield key, data
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from strings(v, key + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from strings(v, key + (i,))


def check(
    docs: list[Document], extra: list[tuple[Location, str]], chains: list[list[tuple[fonts.Family, str]]]
) -> list[Problem]:
    """Every character must be in some font of every chain (one chain per face: body, heading).

    A chain is the brand font followed by the language's fallback fonts, each (family, style); the files'
    character maps are read with fontTools, as ReportLab would map them, so nothing is registered here.
    """
    maps = tuple(tuple(fonts.file_coverage(family.file(style)) for family, style in chain) for chain in chains)
    covered, plain, visible = _covered(maps) if chains else (None, frozenset(), frozenset())
    covered_or_all = covered if covered is not None else _EVERY
    font_names = [family.font_name(style) for family, style in (chain[0] for chain in chains)]
    problems: list[Problem] = []
    items: list[tuple[Document | Location, tuple, str]] = []  # a text's place is looked up only for a problem
    for doc in docs:
        items += [(doc, key, text) for key, text in strings(doc.data)]
    items += [(loc, (), text) for loc, text in extra]
    for where, key, text in items:
        chars = set(text)
        chars -= _BLANKS
        if chars <= plain and not chars.isdisjoint(visible):
            continue  # every character printable by every chain, and one of them visible: nothing to say
        found = _text_problems(text, covered, covered_or_all, font_names, chains)
        if found:
            loc, path = (where.value_at(key), ".".join(map(str, key))) if isinstance(where, Document) else (where, "")
            problems += [Problem(message, loc, path, fix=fix) for message, fix in found]
    return problems


_BLANKS = {"\n", "\t", " "}
_COVERED: dict[tuple, tuple[frozenset[int], frozenset[str], frozenset[str]]] = {}


def _covered(maps: tuple[tuple[frozenset[int], ...], ...]) -> tuple[frozenset[int], frozenset[str], frozenset[str]]:
    """Code points in some font of every chain; those that are not control or format characters; of those, the
    ones that are not spaces or separators. Once per set of fonts (a frozenset keeps its hash)."""
    if maps not in _COVERED:
        covered = frozenset.intersection(*(frozenset().union(*chain) for chain in maps))
        plain = frozenset(ch for ch in map(chr, covered) if unicodedata.category(ch)[0] != "C")
        visible = frozenset(ch for ch in plain if unicodedata.category(ch)[0] != "Z")
        _COVERED[maps] = covered, plain, visible
    return _COVERED[maps]


def _text_problems(
    text: str,
    covered: frozenset[int] | None,
    covered_or_all: frozenset[int] | _Every,
    font_names: list[str],
    chains: list,
) -> list[tuple[str, str]]:
    """(message, fix) for each invisible, control or uncovered character of one text, in order of appearance."""
    if text and not any(unicodedata.category(ch)[0] in "LMNPS" and ch not in ALLOWED_FORMAT for ch in text):
        return [("text has no visible characters", "write the text, or remove the key if it is optional")]
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for ch in text:
        if ch in seen or ch in "\n\t ":
            continue
        seen.add(ch)
        cat = unicodedata.category(ch)
        if cat[0] != "C" and ord(ch) in covered_or_all:
            continue  # the common case, decided without the character's name
        name = unicodedata.name(ch, "unnamed")
        if cat in ("Cc", "Cf", "Co", "Cs") and ch not in ALLOWED_FORMAT:
            found.append(
                (
                    f"invisible or control character U+{ord(ch):04X} ({name})",
                    "delete it (it would print as nothing or a box)",
                )
            )
        elif covered is not None and ord(ch) not in covered and ch not in ALLOWED_FORMAT:
            found.append(
                (
                    f"character U+{ord(ch):04X} ({name}) `{ch}` is not in the font(s) {', '.join(font_names)}"
                    + (" or the language's fallback fonts" if any(len(c) > 1 for c in chains) else ""),
                    "replace the character, or add a font that has it to the language's `fallback_fonts`",
                )
            )
    return found
