"""Plain-language lint: long sentences, terms used before they are explained, all caps, bare numbers.

The words each rule needs (acronyms, what a definition looks like, how a
number is said in words) come from the language's `plain_language:` block in
content/<lang>/language.yaml; a language without one is not linted.
See content/SCHEMA.md for the rules in full.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from brochure.errors import Location, Problem
from brochure.inputs.models import PlainLanguage
from brochure.inputs.project import Handout
from brochure.inputs.validate import field_path
from brochure.text import prose


def check(handout: Handout) -> list[Problem]:
    rules: PlainLanguage | None = handout.language.plain_language
    if rules is None:
        return []
    limit = handout.manifest.readability.max_sentence_words
    problems: list[Problem] = []
    for sid, section in handout.sections:
        doc = handout.docs[sid]
        for piece in prose.pieces(section):
            where = doc.value_at(piece.path)
            field = field_path(piece.path)
            sents = prose.sentences(piece.text)
            if piece.kind != "heading":
                problems += _long(sents, limit, where, field, rules.max_sentence_chars)
            problems += _caps(piece.text, rules, where, field)
            if rules.frequency:
                problems += _numbers(sents, rules.frequency, rules.not_fractions, where, field)
    problems += _undefined_terms(handout, rules)
    return problems


def _quote(sentence: str, limit: int = 120) -> str:
    return '"' + (sentence if len(sentence) <= limit else sentence[: limit - 1] + "…") + '"'


def _long(sents: list[str], limit: int, where: Location, field: str, chars: int | None = None) -> Iterator[Problem]:
    """Sentences over the word limit, or over `chars` letters and digits in a language written without spaces."""
    unit, bound = ("characters", chars) if chars else ("words", limit)
    setting = "`plain_language.max_sentence_chars` in the language file" if chars else (
        "`readability.max_sentence_words` in content/handout.yaml"
    )
    for s in sents:
        n = sum(ch.isalnum() for ch in s) if chars else len(prose.words(s))
        if n > bound:
            yield Problem(
                f"sentence has {n} {unit} (limit {bound}): {_quote(s)}",
                where,
                field,
                fix=f"split it into two sentences, or cut words; the limit is {setting}",
                severity="warning",
                rule="plain.long-sentence",
            )


_CAPS = re.compile(r"(?<![^\W\d_])[^\W\d_]{4,}(?![^\W\d_])")


def _caps(text: str, rules: PlainLanguage, where: Location, field: str) -> list[Problem]:
    allowed = set(rules.acronyms)
    found = [w for w in _CAPS.findall(text) if w.isupper() and w not in allowed]
    if not found:
        return []
    return [
        Problem(
            "text in capital letters is hard to read: " + ", ".join(dict.fromkeys(found)),
            where,
            field,
            fix="write it in normal case; if it is an acronym, add it to `plain_language.acronyms` "
            "in the language.yaml",
            severity="warning",
            rule="plain.all-caps",
        )
    ]


_NUMBER = re.compile(r"\d+(?:[.,]\d+)?\s?%|(?<![\d/])\d+/\d+(?![\d/])|[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]")


def _in_parentheses(s: str, start: int, end: int) -> bool:
    """Inside ( ) or the full-width （ ） Chinese and Japanese write."""
    s = s.replace("（", "(").replace("）", ")")
    opened = s.rfind("(", 0, start) > s.rfind(")", 0, start)
    close, reopen = s.find(")", end), s.find("(", end)
    return opened and close != -1 and (reopen == -1 or close < reopen)


def _numbers(
    sents: list[str], frequency: str, not_fractions: list[str], where: Location, field: str
) -> Iterator[Problem]:
    """PEMAT: a percentage or fraction needs the same number in words ('about 4 in 10 people (41%)')."""
    in_words = re.compile(frequency, re.IGNORECASE)
    for s in sents:
        said = bool(in_words.search(s))
        for m in _NUMBER.finditer(s):
            if m.group() in not_fractions:
                continue
            if said and _in_parentheses(s, m.start(), m.end()):
                continue
            yield Problem(
                f"`{m.group()}` is given without words: {_quote(s)}",
                where,
                field,
                fix='say it in words first and put the number in brackets, e.g. "about 4 in 10 people (41%)"',
                severity="warning",
                rule="plain.bare-number",
            )


def term_pattern(term: str) -> str:
    """A glossary term as it may appear in running text: any case (acronyms exact), plurals and hyphens."""
    core = re.sub(r"\s*\(.*?\)\s*", " ", term).strip() or term  # "IV (intravenous)" -> "IV"
    body = r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", core))
    flags = "-i" if core.isupper() else "i"
    start = "" if prose.is_cjk(core[0]) else r"(?<![^\W_])"
    return rf"(?{flags}:{start}{body}\w*)"


def _undefined_terms(handout: Handout, rules: PlainLanguage) -> list[Problem]:
    """Each glossary term must be explained where the reader first meets it, not only at the back.

    Reading order is the booklet's: sections in manifest order, each title, summary,
    key points, body. The sentence of first use, together with the sentence after it,
    must match one of the language's `defines` patterns.
    """
    if not rules.defines:
        return []
    flat = []  # (section id, piece, sentence) in reading order
    for sid, section in handout.sections:
        for piece in prose.pieces(section):
            flat += [(sid, piece, s) for s in prose.sentences(piece.text)]
    problems = []
    for entry in handout.text.glossary:
        term = term_pattern(entry.term)
        uses = re.compile(term)
        defines = [re.compile(p.replace("{term}", term), re.IGNORECASE) for p in rules.defines]
        first = next((i for i, (_, _, s) in enumerate(flat) if uses.search(s)), None)
        if first is None:
            continue
        sid, piece, sentence = flat[first]
        context = " ".join(s for k, (other, _, s) in enumerate(flat[first : first + 2]) if k == 0 or other == sid)
        if any(d.search(context) for d in defines):
            continue
        problems.append(
            Problem(
                f"`{entry.term}` is used before it is explained: {_quote(sentence)}",
                handout.docs[sid].value_at(piece.path),
                field_path(piece.path),
                fix="explain it in this sentence or the next, in a form `plain_language.defines` in the "
                'language.yaml knows (in English: "X is …", "… called X", "plain words (X)"); '
                "the glossary at the back comes too late for a reader",
                severity="warning",
                rule="plain.undefined-term",
            )
        )
    return problems
