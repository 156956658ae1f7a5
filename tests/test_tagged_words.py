"""The tagged text a screen reader gets holds only words of the handout's sources (issue 19, "Tagged PDF").

Read with poppler's `pdfinfo -struct-text` (not tests/structread.py, which adds a
space at every text-positioning operator and so hides a missing one): a soft line
break without a word separator glues two words ("isoften"), a hyphen added at a
line end splits one ("depres-sion"). Words are compared after NFC normalisation;
Chinese and Japanese (no spaces between words) by characters.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from brochure.inputs.dates import long_date
from brochure.inputs.project import Project
from brochure.text.inline import plain
from tests.conftest import ROOT, printed_handout

pytestmark = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="needs poppler-utils (pdfinfo)")

WORD = re.compile(r"\w+(?:[-'’·]\w+)*")
NO_SPACES = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")  # Han, kana


def _strings(value: object, lang: str = "en") -> list[str]:
    """Every string in `value` (models, documents, containers); dates as the language writes them."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, date):
        return [long_date(value, lang)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(k, lang) + _strings(v, lang)]
    if isinstance(value, list | tuple | set):
        return [s for v in value for s in _strings(v, lang)]
    if hasattr(value, "model_dump"):
        return _strings(value.model_dump(), lang)
    if hasattr(value, "data"):
        return _strings(value.data, lang)
    return []


@cache
def source_text(brand: str, lang: str) -> str:
    """Every string the handout is made from: content YAML (crisis lines filled in), manifest, UI strings, brand,
    the region's crisis lines, and the month names of the language's dates (Babel)."""
    from babel.dates import get_month_names

    from brochure.errors import Location

    project = Project(ROOT)
    handout = printed_handout(lang)
    parts = _strings([handout.docs, handout.language, handout.text], lang)
    parts += _strings([project.load_brand(brand).brand, project.load_region("US", Location("test"))], lang)
    parts += list(get_month_names("wide", locale=lang.replace("-", "_")).values())
    parts += [f"{n}." for n in range(1, 100)]  # the numbers of numbered lists (the sources), counted by the layout
    parts += [plain(p) for p in parts]
    return unicodedata.normalize("NFC", "\n".join(parts))


def words(text: str) -> set[str]:
    """Words (case-folded, NFC); runs of Han or kana count character by character."""
    out: set[str] = set()
    for w in WORD.findall(unicodedata.normalize("NFC", text).replace("\u00ad", "")):
        if NO_SPACES.search(w):
            out |= set(w)
        else:
            out.add(w.casefold())
    return out


def struct_text(path: Path) -> str:
    """The text of every structure element, as poppler reads it from the tags."""
    out = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True).stdout
    texts: list[str] = []
    joined = False  # the line before was text of the same element: one element's parts (a page break) run on
    for line in out.splitlines():
        m = re.fullmatch(r'\s*"(.*)"\s*', line)
        if m and joined:
            texts[-1] += m.group(1)
        elif m:
            texts.append(m.group(1))
        joined = m is not None
    return "\n".join(texts)


def strange_words(name: str, path: Path) -> list[str]:
    """Words in the tagged text of `dist`-relative `name` (brand/lang/file.pdf) that no source has."""
    brand, lang = Path(name).parts[:2]
    known = words(source_text(brand, lang))
    return sorted(words(struct_text(path)) - known)


def test_every_word_a_screen_reader_gets_from_the_tags_occurs_in_the_sources(built):
    assert len(built) == 72
    bad = {name: ws for name, p in sorted(built.items()) if (ws := strange_words(name, p))}
    assert bad == {}, f"{sum(map(len, bad.values()))} glued or split words in {len(bad)} files: {bad}"
