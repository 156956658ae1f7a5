"""A clinician's sign-off, bound to the exact text that prints.

`brochure review --lang en --by NAME --on DATE` writes `reviews/<lang>.yaml`:
who reviewed, when, and a fingerprint (a short SHA-256) of every printed text
of that language — the manifest text and essentials, every section's pieces,
the interface strings, each brand's printed text (name, tagline, contact,
hours, notes) and each brand region's crisis lines. A handout prints
"Reviewed by … on …" only while every text it prints still has the reviewed
fingerprint; after any change it prints the draft notice again, `check`
lists each changed text at its file:line, and `--require-reviewed` refuses.

Translations are bound the same way to their source: `translation.translated_from`
in language.yaml holds, per part (`handout` and each section id), the
fingerprint of the source-language text it was translated from, so a changed
English section (base or clinic override) marks exactly that part stale.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from brochure.errors import BrochureError, Location, Problem
from brochure.inputs import crisis
from brochure.inputs.models import HANDOUT_FIELDS, Language
from brochure.inputs.project import Handout, LoadedBrand, Project
from brochure.inputs.validate import field_path
from brochure.inputs.yamlread import PathKey
from brochure.text import prose

REVIEWS = "reviews"


def digest(text: str) -> str:
    """A short, stable fingerprint of one text (whitespace folded, so re-wrapping YAML is no change)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Printed:
    key: str  # stable across files: "handout.title", "safety:body[3].paragraph", "brand.default:notes[0]"
    text: str
    where: Location


@dataclass(frozen=True)
class Status:
    """A review as it applies to one handout: who, when, and what changed since."""

    reviewed_by: str | None = None
    reviewed_on: date | None = None
    changes: tuple[Printed, ...] = ()  # texts changed, added or removed since the review
    record: Path | None = None

    @property
    def changed(self) -> bool:
        return bool(self.changes)


# ------------------------------------------------------------ what prints


def content_texts(handout: Handout) -> list[Printed]:
    """Every text of one language's content: manifest text, essentials, glossary, sources, sections, ui."""
    out: list[Printed] = []
    lang = handout.language
    prefix: PathKey
    if lang.handout is not None:
        doc, prefix, text = handout.docs["language"], ("handout",), lang.handout
    else:
        doc, prefix, text = handout.docs["manifest"], (), handout.manifest
    for path, value in text.printed():
        out.append(Printed(_record_key(path), value, doc.value_at(prefix + path)))
    for i, entry in enumerate(text.glossary):
        where = doc.value_at(prefix + ("glossary", i, "definition"))
        out.append(Printed(f"handout.glossary[{i}]", f"{entry.term}: {entry.definition}", where))
    mdoc = handout.docs["manifest"]
    for sid, src in handout.manifest.sources.items():
        out.append(Printed(f"sources.{sid}", f"{src.citation} {src.doi or ''}", mdoc.value_at(("sources", sid))))
    for sid, section in handout.sections:
        sdoc = handout.docs[sid]
        for piece in prose.pieces(section):
            out.append(Printed(f"{sid}:{field_path(piece.path)}", piece.text, sdoc.value_at(piece.path)))
    ldoc = handout.docs["language"]
    out.append(Printed("ui.crisis.title", lang.crisis.title, ldoc.value_at(("crisis", "title"))))
    for name, value in lang.ui.model_dump().items():
        out.append(Printed(f"ui.{name}", value, ldoc.value_at(("ui", name))))
    return out


def _record_key(path: tuple[str | int, ...]) -> str:
    """A manifest text's name in the review record; the essentials' points keep their first names
    (`handout.essentials[0]`), so records written before other texts were added still match."""
    if path[:2] == ("essentials", "points"):
        return f"handout.essentials[{path[2]}]"
    return "handout." + field_path(path)


def brand_texts(brand: LoadedBrand, language: Language) -> list[Printed]:
    """What a brand adds to the page (and its region's crisis lines in this language)."""
    b, doc, key = brand.brand, brand.doc, f"brand.{brand.id}"
    out = [Printed(f"{key}:name", b.name, doc.value_at(("name",)))]
    if b.tagline:
        out.append(Printed(f"{key}:tagline", b.tagline, doc.value_at(("tagline",))))
    for i, line in enumerate(b.contact.address):
        out.append(Printed(f"{key}:contact.address[{i}]", line, doc.value_at(("contact", "address", i))))
    for name in ("phone", "email", "website"):
        value = getattr(b.contact, name)
        if value:
            out.append(Printed(f"{key}:contact.{name}", value, doc.value_at(("contact", name))))
    for i, line in enumerate(b.contact.hours):
        out.append(Printed(f"{key}:contact.hours[{i}]", line, doc.value_at(("contact", "hours", i))))
    for i, note in enumerate(b.notes):
        out.append(Printed(f"{key}:notes[{i}]", note, doc.value_at(("notes", i))))
    translated = b.translations.get(language.code)  # the brand's words in this language, where they print
    if translated is not None:
        base, tkey = ("translations", language.code), f"{key}:translations.{language.code}"
        if translated.tagline:
            out.append(Printed(f"{tkey}.tagline", translated.tagline, doc.value_at((*base, "tagline"))))
        for name in ("hours", "notes"):
            for i, line in enumerate(getattr(translated, name) or []):
                out.append(Printed(f"{tkey}.{name}[{i}]", line, doc.value_at((*base, name, i))))
    region_where = doc.value_at(("region",))
    for i, line in enumerate(crisis.lines(brand.region, language)):
        out.append(Printed(f"region.{brand.region.code}:line[{i}]", line, region_where))
    return out


# ------------------------------------------------------------ the record


def record_path(root: Path, lang: str) -> Path:
    return root / REVIEWS / f"{lang}.yaml"


def read_record(path: Path, shown: str) -> dict | None:
    """The stored review, or None when there is none; a damaged record is a located error."""
    if not path.is_file():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise BrochureError(
            [Problem(f"review record cannot be read: {exc}", Location(shown), fix="run `brochure review` again")]
        ) from None
    ok = (
        isinstance(data, dict)
        and isinstance(data.get("texts"), dict)
        and isinstance(data.get("reviewed_by"), str)
        and isinstance(data.get("reviewed_on"), date)
    )
    if not ok:
        raise BrochureError(
            [
                Problem(
                    "review record is not one `brochure review` wrote (needs reviewed_by, reviewed_on, texts)",
                    Location(shown),
                    fix="run `brochure review --lang LANG --by NAME --on DATE` again; do not edit this file by hand",
                )
            ]
        )
    return data


def write_record(path: Path, lang: str, by: str, on: date, texts: list[Printed]) -> None:
    """Write the sign-off with a fingerprint of every text it covers (atomically, with a YAML library)."""
    data = {
        "language": lang,
        "reviewed_by": by,
        "reviewed_on": on,
        "texts": {t.key: digest(t.text) for t in sorted(texts, key=lambda t: t.key)},
    }
    header = (
        "# Written by `brochure review`: the clinician's sign-off and a fingerprint of every text it covers.\n"
        "# If any of these texts changes, handouts say so and print the draft notice again. Do not edit.\n"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".yaml.part")
    tmp.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    tmp.replace(path)


def record(project: Project, lang: str, by: str, on: date) -> tuple[Path, int]:
    """`brochure review`: sign off every text of `lang` that prints, in any brand; (record file, texts covered)."""
    handout = project.load_handout(lang)
    brands = [project.load_brand(b) for b in project.brands()]
    texts = content_texts(handout)
    for brand in brands:
        texts += brand_texts(brand, handout.language)
    unique = list({t.key: t for t in texts}.values())
    path = record_path(project.root, lang)
    write_record(path, lang, by, on, unique)
    return path, len(unique)


def compare(record: dict, texts: list[Printed], scope: set[str] | None, where_removed: Location) -> list[Printed]:
    """Texts changed or added since the review, and reviewed texts that no longer print.

    `scope` limits the comparison to keys whose owner (before ":" or the first dot group) is listed;
    None compares everything.
    """
    stored: dict[str, str] = {str(k): str(v) for k, v in record["texts"].items()}
    now = {t.key: t for t in texts}
    changes = [t for t in texts if stored.get(t.key) != digest(t.text)]
    for key in stored:
        if key not in now and (scope is None or owner(key) in scope):
            changes.append(Printed(key, "", where_removed))
    return changes


def owner(key: str) -> str:
    """Whose text a key is: `brand.<id>`, `region.<code>`, or `content`."""
    if key.startswith(("brand.", "region.")):
        return key.split(":", 1)[0]
    return "content"


def status(root: Path, shown: Callable[[Path], str], handout: Handout, brand: LoadedBrand) -> Status:
    """How the clinician's review of this language applies to a handout for `brand`.

    `handout` is the text as written (placeholders unfilled); the region's lines count as the brand's.
    """
    path = record_path(root, handout.language.code)
    record = read_record(path, shown(path))
    if record is None:
        return Status()
    texts = content_texts(handout) + brand_texts(brand, handout.language)
    scope = {"content", f"brand.{brand.id}", f"region.{brand.region.code}"}
    changes = compare(record, texts, scope, Location(shown(path)))
    return Status(record["reviewed_by"], record["reviewed_on"], tuple(changes), path)


def source_fingerprints(handout: Handout) -> dict[str, str]:
    """Per part of the source language (`handout`, each section id): the fingerprint a translation records."""
    m = handout.manifest
    text = {k: getattr(m, k) for k in HANDOUT_FIELDS}
    text["essentials"] = m.essentials.model_dump() if m.essentials else None
    if m.treatment_day is not None:  # only when present: a manifest without it keeps its recorded fingerprint
        text["treatment_day"] = m.treatment_day.model_dump()
    text["glossary"] = [g.model_dump() for g in m.glossary]
    out = {"handout": digest(json.dumps(text, sort_keys=True, ensure_ascii=False))}
    for sid, section in handout.sections:
        out[sid] = digest(json.dumps(section.model_dump(mode="json"), sort_keys=True, ensure_ascii=False))
    return out


def report(project: Project, languages: list[str], brands: list[str]) -> list[Problem]:
    """`check`: per language, no review yet (a note: every page says Draft), or each text changed since."""
    out: list[Problem] = []
    loaded = [project.load_brand(b) for b in brands]
    for lang in languages:
        handout = project.load_handout(lang)  # as written: `{crisis}` unfilled, so one review covers every region
        path = record_path(project.root, lang)
        if not path.is_file():
            out.append(
                Problem(
                    f"`{lang}` has not been reviewed by a clinician; every page of its handouts says Draft",
                    handout.docs["language"].where(()),
                    fix=f'when a clinician has reviewed it: brochure review --lang {lang} --by "NAME, ROLE" --on DATE',
                    severity="info",
                    rule="review.none",
                )
            )
            continue
        seen: set[str] = set()
        for brand in loaded:
            s = status(project.root, project.shown, handout, brand)
            for change in s.changes:
                if change.key in seen:
                    continue
                seen.add(change.key)
                what = "no longer prints" if not change.text else "changed"
                out.append(
                    Problem(
                        f"`{change.key}` {what} since {s.reviewed_by} reviewed `{lang}` on {s.reviewed_on}; "
                        "its handouts print the draft notice again",
                        change.where,
                        change.key,
                        fix=f"have the change reviewed, then run `brochure review --lang {lang} --by NAME --on DATE`",
                        severity="warning",
                        rule="review.changed",
                    )
                )
    return out
