"""Medical-safety rules: a crisis line beside suicide, no overclaiming, required statements.

The words are data, per language, in the `safety:` block of
content/<lang>/language.yaml (see content/SCHEMA.md): the tool knows nothing
about any one medicine. Phrases match ignoring case and line breaks; in a
spaced script they start a word (`suicid` finds "suicidal", `cure` does not
find "secure"); Chinese, Japanese and Korean phrases match anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from brochure.checks import printed
from brochure.errors import Problem
from brochure.inputs import crisis
from brochure.inputs.models import Layout, Phrase, SafetyRules
from brochure.inputs.project import Handout, LoadedBrand, Project
from brochure.inputs.validate import field_path
from brochure.inputs.yamlread import Document, PathKey
from brochure.text import prose


def check(handout: Handout) -> list[Problem]:
    rules: SafetyRules | None = handout.language.safety
    ldoc = handout.docs["language"]
    if rules is None:
        return [
            Problem(
                f"no `safety:` rules for `{handout.language.code}`: suicide mentions without a crisis callout, "
                "overclaiming words and required statements are not checked",
                ldoc.where(()),
                "safety",
                fix="copy the `safety:` block from the source language's language.yaml and translate its terms",
                severity="warning",
                rule="safety.no-rules",
            )
        ]
    return _crisis(handout, rules) + _never(handout, rules) + _must_say(handout, rules)


def _first(patterns: list[re.Pattern], text: str) -> re.Match | None:
    hits = [m for p in patterns if (m := p.search(text))]
    return min(hits, key=lambda m: m.start()) if hits else None


def _crisis(handout: Handout, rules: SafetyRules) -> list[Problem]:
    terms = [prose.phrase_pattern(t) for t in rules.crisis_terms]
    problems = []
    for sid, section in handout.sections:
        if any(b.callout is not None and b.callout.kind == "crisis" for b in section.body):
            continue
        for piece in prose.pieces(section):
            hit = _first(terms, piece.text)
            if hit:
                problems.append(
                    Problem(
                        f'section `{sid}` mentions "{hit.group()}" but has no crisis callout',
                        handout.docs[sid].value_at(piece.path),
                        field_path(piece.path),
                        fix="add a body block `callout:` with `kind: crisis` and the crisis line "
                        "(e.g. call or text 988) to this section",
                        rule="safety.crisis-callout",
                    )
                )
                break
    return problems


def _handout_texts(handout: Handout) -> Iterator[tuple[Document, PathKey, str]]:
    """The manifest text in this language, with where each value lives."""
    prefix: PathKey
    if handout.language.handout is not None:
        doc, prefix, text = handout.docs["language"], ("handout",), handout.language.handout
    else:
        doc, prefix, text = handout.docs["manifest"], (), handout.manifest
    for path, value in text.printed():
        yield doc, prefix + path, prose.fold(value)
    for i, entry in enumerate(text.glossary):
        yield doc, prefix + ("glossary", i, "definition"), prose.fold(entry.definition)


def _never(handout: Handout, rules: SafetyRules) -> list[Problem]:
    never = [prose.phrase_pattern(p) for p in rules.never_say]
    places = [(handout.docs[sid], p.path, p.text) for sid, s in handout.sections for p in prose.pieces(s)]
    places += list(_handout_texts(handout))
    problems = []
    for doc, path, text in places:
        for pattern in never:
            for m in pattern.finditer(text):
                problems.append(
                    Problem(
                        f'"{m.group()}" must not appear in patient text (it overclaims or is untrue)',
                        doc.value_at(path),
                        field_path(path),
                        fix="say what the evidence shows in plain words; the list is `safety.never_say` "
                        "in the language.yaml",
                        rule="safety.never-say",
                    )
                )
    return problems


def _must_say(handout: Handout, rules: SafetyRules) -> list[Problem]:
    sections = dict(handout.sections)
    ldoc = handout.docs["language"]
    problems = []
    for i, rule in enumerate(rules.must_say):
        unknown = [s for s in rule.sections if s not in sections]
        if unknown:
            problems.append(
                Problem(
                    f"`safety.must_say` names section(s) the handout does not have: {', '.join(unknown)}",
                    ldoc.where(("safety", "must_say", i, "sections")),
                    f"safety.must_say[{i}].sections",
                    fix="use section ids from `sections:` in content/handout.yaml",
                    rule="safety.must-say",
                )
            )
            continue
        best: list[str] | None = None  # the phrases missing from the section that has the most of them
        for sid in rule.sections:
            text = " ".join(p.text for p in prose.pieces(sections[sid]))
            missing = [_shown(alts) for alts in rule.phrases if not printed.says_one(text, alts)]
            if best is None or len(missing) < len(best):
                best, best_sid = missing, sid
        if best:
            problems.append(
                Problem(
                    f"{rule.what} is not stated in section "
                    + " or ".join(f"`{s}`" for s in rule.sections)
                    + "; missing: "
                    + "; ".join(best),
                    handout.docs[best_sid].where(("title",)),
                    fix="state it in one of those sections, in words the `safety.must_say` phrases find",
                    rule="safety.must-say",
                )
            )
    return problems


def _shown(alternatives: Phrase) -> str:
    options = [alternatives] if isinstance(alternatives, str) else alternatives
    return " or ".join(f'"{o}"' for o in options)


def every_length(project: Project, languages: list[str], brands: list[str]) -> list[Problem]:
    """Each printed length, in each language and brand region, carries the `safety.every_length` statements."""
    problems: list[Problem] = []
    loaded = [project.load_brand(b) for b in brands]
    regions = {b.region.code: b for b in loaded}  # one brand per region is enough: the statements are content
    layouts = project.layouts()
    for lang in languages:
        handout = project.load_handout(lang)
        for name in layouts:
            layout, ldoc = project.load_layout(name)
            for _, brand in sorted(regions.items()):
                filled = crisis.fill_handout(handout, brand.region)
                problems += length_problems(name, layout, ldoc, filled, brand, len(regions) > 1)
    return problems


def length_problems(
    name: str, layout: Layout, layout_doc: Document, handout: Handout, brand: LoadedBrand, name_region: bool = False
) -> list[Problem]:
    """The statements one length does not print for one handout, each naming the length and the language."""
    lang = handout.language.code
    where_region = f" for region {brand.region.code}" if name_region else ""
    out = []
    for rule in printed.missing(layout, handout, brand.brand, brand.region):
        need = "; ".join(_shown(a) for a in rule.phrases)
        if rule.crisis_line:
            need += ("; " if need else "") + f"the crisis line {brand.region.crisis[0].number}"
        out.append(
            Problem(
                f"the `{name}` length in `{lang}`{where_region} does not print: {rule.what} "
                f"(no printed text has {need})",
                layout_doc.where(("pages",)) if layout.kind == "fixed" else layout_doc.where(("kind",)),
                f"safety.every_length.{rule.id}",
                fix="give this length an `essentials` (and `crisis`) slot, or make sure the handout's "
                "`essentials` in this language says it in words the phrases find",
                rule="safety.every-length",
            )
        )
    return out
