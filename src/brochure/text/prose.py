"""A section as the reader meets it: plain text pieces in reading order, split into sentences.

The content checks (readability, plain language, safety) all read text the
same way: inline marks removed, whitespace folded, each piece remembering the
YAML value it came from so a finding can point at file:line:col.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from brochure.inputs.models import Section
from brochure.text.inline import plain

SHORT_PARTS = ("summary", "key_points")  # what the flyer and tri-fold print of a section


@dataclass(frozen=True)
class Piece:
    """One printed text: a title, the summary, a key point, a paragraph, a bullet, a callout's text."""

    part: str  # title | summary | key_points | body
    path: tuple  # key path inside the section file, e.g. ("body", 3, "paragraph")
    text: str  # plain text, marks removed, whitespace folded
    kind: str  # heading | paragraph | bullet | callout | ... (headings are not prose)


def fold(text: str) -> str:
    return " ".join(plain(text).split())


def pieces(section: Section) -> Iterator[Piece]:
    """Every text of a section in reading order: title, summary, key points, body."""
    yield Piece("title", ("title",), fold(section.title), "heading")
    yield Piece("summary", ("summary",), fold(section.summary), "paragraph")
    for i, point in enumerate(section.key_points):
        yield Piece("key_points", ("key_points", i), fold(point), "bullet")
    for i, block in enumerate(section.body):
        value = getattr(block, block.kind)
        if isinstance(value, str):
            yield Piece("body", ("body", i, block.kind), fold(value), block.kind)
        elif isinstance(value, list):
            for j, item in enumerate(value):
                yield Piece("body", ("body", i, block.kind, j), fold(item), block.kind)
        else:  # a callout
            if value.title:
                yield Piece("body", ("body", i, "callout", "title"), fold(value.title), "heading")
            yield Piece("body", ("body", i, "callout", "text"), fold(value.text), "callout")


# A sentence ends at . ! ? … (Devanagari's danda ।, the Arabic ؟) followed by a space and something that can
# start a sentence (not "e.g. this" or "1.5 hours"); CJK full stops end one with or without a space.
_END = re.compile(r"(?:(?<=[.!?…।؟])|(?<=[.!?…।؟][\"'”’»)]))\s+(?=[\"'“‘«(¿¡]?[^\W_a-z])|(?<=[。！？])\s*")


def sentences(text: str) -> list[str]:
    """Split plain text into sentences; a piece without end punctuation is one sentence."""
    out: list[str] = []
    for s in _END.split(text.strip()):
        s = s.strip()
        if s and out and s[0].islower():  # "e.g. this": an abbreviation, not a sentence end
            out[-1] += " " + s
        elif s:
            out.append(s)
    return out


def piece_sentences(items: list[Piece]) -> list[str]:
    """Sentences of several pieces; a title or bullet without end punctuation still ends a sentence."""
    return [s for p in items for s in sentences(p.text)]


# UAX #29 word boundaries: the `regex` module's WORD flag. Python's `re` counts a Devanagari vowel sign
# (a combining mark) as a non-word character and so split चिकित्सा into four "words"; the Unicode rules keep
# a word's marks, apostrophes (don't) and decimal points (2.5) inside it.
_BOUNDARY = regex.compile(r"(?wV1)\b")
_HAS_WORD = regex.compile(r"[\p{L}\p{N}]")


_HYPHENS = frozenset("-‐‑")


def words(sentence: str) -> list[str]:
    """Words by UAX #29 (numbers count as words, punctuation and spaces do not).

    A hyphenated compound stays one word ("dream-like"), as readers and readability formulas count it;
    UAX #29 alone would make it two.
    """
    out: list[str] = []
    hyphen = ""  # the hyphen right after the last word, if the segment was one alone
    for seg in _BOUNDARY.split(sentence):
        if _HAS_WORD.search(seg):
            if hyphen:
                out[-1] += hyphen + seg
            else:
                out.append(seg)
            hyphen = ""
        else:
            hyphen = seg if seg in _HYPHENS and out and not hyphen else ""
    return out


def is_cjk(ch: str) -> bool:
    """Chinese, Japanese and Korean letters: scripts whose words are not cut off by spaces alone."""
    name = unicodedata.name(ch, "")
    return name.startswith(("CJK", "HANGUL", "HIRAGANA", "KATAKANA"))


@cache  # the safety and plain-language checks ask for the same few hundred phrases ~11,000 times a run (1.5 s)
def phrase_pattern(phrase: str) -> regex.Pattern:
    """A phrase as written in the data, found ignoring case and line breaks.

    In a spaced script the phrase must start a word and may end inside one, so `cure`
    finds `cures` but not `secure`, and `suicid` finds `suicide` and `suicidal`.
    Chinese, Japanese and Korean phrases match anywhere.
    """
    body = r"\s+".join(regex.escape(w) for w in phrase.split())
    # `regex`'s \w includes combining marks, so a phrase never starts after a vowel sign inside a word
    start = "" if is_cjk(phrase.strip()[0]) else r"(?<![\w--_])"
    return regex.compile(start + body, regex.IGNORECASE | regex.V1)
