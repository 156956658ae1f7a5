"""What each length actually prints, as text, without drawing anything.

A patient may only ever see the flyer, so the safety statements must be in
what the flyer draws — not in the booklet's full text. This module walks a
layout's slots (a fixed layout's frames; the booklet's fixed running order)
and returns the printed texts, one per block (a summary, a key point, a
line of the crisis box), so `check` and `build` can verify every length
stands alone. The rendering tests compare these statements with the text
extracted from every built PDF, so this model cannot drift from the engines.
"""

from __future__ import annotations

from collections.abc import Iterator

from brochure.inputs import crisis
from brochure.inputs.models import (
    Brand,
    EveryLength,
    Language,
    Layout,
    OptionalSlotKey,
    Phrase,
    Region,
    Section,
    SectionPart,
    SectionsSlot,
    SectionsSlotKey,
    Slot,
)
from brochure.inputs.project import Handout
from brochure.text import prose


def _section(section: Section, show: list[SectionPart], region: Region, language: Language) -> Iterator[str]:
    if "title" in show:
        yield section.title
    if "summary" in show:
        yield section.summary
    if "key_points" in show:
        yield from section.key_points
    if "body" in show:
        body = section.body
        moved = {i for i, b in enumerate(body) if b.kind == "questions"}  # printed by the `questions` slot
        moved |= {i for i in range(len(body) - 1) if body[i].kind == "heading" and i + 1 in moved}
        for piece in prose.pieces(section):
            if piece.part == "body" and piece.path[1] not in moved:
                yield piece.text
        if any(b.callout is not None and b.callout.kind == "crisis" for b in section.body):
            yield from crisis.lines(region, language)  # a crisis callout prints the region's lines


def _slot(slot: Slot, handout: Handout, brand: Brand, region: Region, claimed: set[str]) -> Iterator[str]:
    text, ui, language = handout.text, handout.language.ui, handout.language
    if isinstance(slot, OptionalSlotKey):
        return  # printed only where it fits: nothing `check` relies on may depend on it
    if isinstance(slot, SectionsSlotKey):
        only = slot.sections.only
        for sid, section in handout.sections:
            if (only is not None and sid not in only) or (only is None and sid in claimed):
                continue
            yield from _section(section, slot.sections.show, region, language)
        return
    if slot == "brand":
        yield brand.name
    elif slot == "title":
        yield from (text.title, text.subtitle)
    elif slot == "main_message":
        yield text.main_message
    elif slot == "call_to_action":
        yield text.call_to_action
    elif slot == "contents":
        yield from (s.title for _, s in handout.sections)
    elif slot == "questions":
        items = [q for _, s in handout.sections for b in s.body if b.questions is not None for q in b.questions]
        if items:
            yield ui.questions_title
            yield from items
    elif slot == "contact":
        c = brand.contact
        yield from (ui.contact_title, brand.name, *c.address)
        yield from (v for v in (c.phone, c.email, c.website) if v)
        if c.hours:
            yield from (ui.hours, *c.hours)
    elif slot == "notes" and brand.notes:
        yield brand.name  # the box's heading
        yield from brand.notes
    elif slot == "crisis":
        yield language.crisis.title
        yield from crisis.lines(region, language)
    elif slot == "review":
        yield text.disclaimer
    elif slot == "treatment_day" and text.treatment_day is not None:
        day = text.treatment_day
        yield from (day.title, *day.steps, *([day.note] if day.note else []))
    elif slot == "clinic_call" and brand.contact.phone:
        yield from (ui.clinic_call, brand.contact.phone)
    elif slot == "essentials" and text.essentials is not None:
        yield text.essentials.title
        yield from text.essentials.points


BOOKLET_ORDER = (  # what booklet.py prints, in order (a booklet prints every section in full)
    "brand",
    "title",
    "main_message",
    "contents",
    "call_to_action",
    "essentials",
    SectionsSlotKey(sections=SectionsSlot(show=["title", "summary", "key_points", "body"])),
    "treatment_day",  # at the end of the manifest's `treatment_day_after` section
    "questions",
    "contact",
    "notes",
    "crisis",
    "clinic_call",
    "review",
)


def slots(layout: Layout) -> list[Slot]:
    """The slots a layout prints, in reading order enough for checking (fixed: frame by frame)."""
    if layout.kind == "booklet":
        return list(BOOKLET_ORDER)
    return [slot for page in layout.pages for frame in page.frames for slot in frame.content]


def claimed(layout: Layout) -> set[str]:
    """Section ids a layout places explicitly with `only:` (the rest go to the open `sections` slots)."""
    out: set[str] = set()
    for slot in slots(layout):
        if isinstance(slot, SectionsSlotKey) and slot.sections.only:
            out |= set(slot.sections.only)
    return out


def texts(layout: Layout, handout: Handout, brand: Brand, region: Region) -> list[str]:
    """Every text block this length prints for this handout (placeholders already filled for `region`)."""
    taken = claimed(layout)
    out: list[str] = []
    for slot in slots(layout):
        out += [prose.fold(t) for t in _slot(slot, handout, brand, region, taken)]
    if layout.kind == "booklet":
        out += [prose.fold(f"{g.term} {g.definition}") for g in handout.text.glossary]
    return out


def says_one(text: str, alternatives: Phrase) -> bool:
    """One phrase of a rule (a phrase, or a list of alternatives) found in `text`."""
    options = [alternatives] if isinstance(alternatives, str) else alternatives
    return any(prose.phrase_pattern(o).search(text) for o in options)


def says(block: str, rule: EveryLength) -> bool:
    """Every phrase of the rule in this one printed block."""
    return all(says_one(block, alternatives) for alternatives in rule.phrases)


def missing(layout: Layout, handout: Handout, brand: Brand, region: Region) -> list[EveryLength]:
    """The `safety.every_length` statements this length does not print for this handout."""
    rules = handout.language.safety.every_length if handout.language.safety else []
    blocks = texts(layout, handout, brand, region)
    out = []
    for rule in rules:
        found = any(says(b, rule) for b in blocks) if rule.phrases else True
        if found and rule.crisis_line:
            number = region.crisis[0].number
            found = any(number in b for b in blocks)
        if not found:
            out.append(rule)
    return out
