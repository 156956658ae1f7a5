"""Refuse text that would print wrong for its script: an unknown script, or a font that cannot shape it.

ReportLab draws code point by code point. Devanagari drawn that way shows
its viramas and puts ि after the consonant it belongs before (चिकित्सा as
"चकिति्सा"), with no warning. Paragraphs in a shaped script go through
HarfBuzz (`text.scripts`), which shapes only with the font's own OpenType
tables: a font without the script in its GSUB prints the same unshaped text.
Both cases stop the build here, at the text's file:line, before anything is
drawn.
"""

from __future__ import annotations

from pathlib import Path

from brochure.checks.coverage import strings
from brochure.errors import Location, Problem
from brochure.inputs.yamlread import Document
from brochure.media import fonts
from brochure.text import scripts


def check(docs: list[Document], chains: list[list[tuple[fonts.Family, str]]]) -> list[Problem]:
    """Problems for unknown scripts (at each text) and for fonts that cannot shape what they would draw.

    `chains` are (family, style), one chain per face (body, heading): the
    brand font, then the language's fallback fonts, as `paragraph.font_for`
    picks them. A font that cannot shape is reported once, at the first text
    it would draw, with how many texts more.
    """
    problems: list[Problem] = []
    unshaped: dict[tuple[tuple[str, str], str], list[tuple[Location, str]]] = {}  # ((font, file), script) -> where
    faced: list[Faces] | None = None  # read once, at the first shaped text (10,860 texts each read them again)
    for doc in docs:
        for key, text in strings(doc.data):
            loc, path = doc.value_at(key), ".".join(str(k) for k in key)
            for code in scripts.unknown(text):
                sample = next(ch for ch in text if scripts.script_of(ch) == code)
                problems.append(
                    Problem(
                        f"text in the {_name(code)} script ({code}, `{sample}` U+{ord(sample):04X}), "
                        "which brochure does not know how to print",
                        loc,
                        path,
                        fix=f"remove the text, or add an entry for {code} to SCRIPTS in brochure/text/scripts.py "
                        "(direction, shaping, line breaking, fonts)",
                    )
                )
            for code in scripts.dictionary_scripts(text):
                problems.append(
                    Problem(
                        f"text in the {_name(code)} script ({code}): its words are not separated by spaces, so its "
                        "lines can only be broken with a word dictionary, which brochure does not have",
                        loc,
                        path,
                        fix=f"leave {_name(code)} out of the printed handout for now (a line broken anywhere else "
                        "would split words)",
                    )
                )
            if not scripts.needs_shaping(text):
                continue
            faced = faced if faced is not None else [_faces(chain) for chain in chains]
            for faces in faced:
                for code, face in _drawing_fonts(text, faces):
                    unshaped.setdefault((face, code), []).append((loc, path))
    for ((font, path), code), where in unshaped.items():
        script = scripts.SCRIPTS[code]
        if scripts.font_shapes(path, script):
            continue
        loc, field = where[0]
        more = len({w for w, _ in where}) - 1
        suggest = ", ".join(script.fonts)
        problems.append(
            Problem(
                f"the font {font} ({path.rsplit('/', 1)[-1]}) would draw this {script.name} text unshaped: its GSUB "
                f"table has no {' or '.join(repr(t) for t in script.opentype)} script"
                + (f" (and {more} more texts)" if more > 0 else ""),
                loc,
                field,
                fix=f"use a font that shapes {script.name} (for example {suggest}): put it first in the language's "
                "`fallback_fonts`, or as the brand's font",
            )
        )
    return problems


Faces = list[tuple[tuple[str, str], frozenset[int]]]  # ((font name, file), code points it maps), in chain order


def _faces(chain: list[tuple[fonts.Family, str]]) -> Faces:
    """A chain's fonts and what each covers, read with fontTools (`fonts.file_coverage`): `check` imports no
    ReportLab."""
    faces = [(family.font_name(style), str(family.file(style))) for family, style in chain]
    return [(face, fonts.file_coverage(Path(face[1]))) for face in faces]


def _drawing_fonts(text: str, faced: Faces) -> list[tuple[str, tuple[str, str]]]:
    """(script code, (font name, file)) for each shaped script in the text and the chain's font that covers it first."""
    out: list[tuple[str, tuple[str, str]]] = []
    for ch in text:
        code = scripts.script_of(ch)
        entry = scripts.SCRIPTS.get(code)
        if entry is None or not entry.shaping:
            continue
        face = next((f for f, covered in faced if ord(ch) in covered), None)
        if face is not None and (code, face) not in out:  # no font at all: coverage.check says so
            out.append((code, face))
    return out


def _name(code: str) -> str:
    from fontTools import unicodedata as ucd

    return ucd.script_name(code, default=code)
