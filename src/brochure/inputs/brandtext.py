"""A brand's own words in the handout's language: `translations:` in the brand file, per language.

A brand file is written in one language (`language:`, English by default). Its human-language
strings (tagline, opening hours, notes) may be translated under `translations: {<code>: {...}}`,
next to the English, so whoever changes the hours sees the translations right below.
What a language lacks prints in the brand's own language, and the build says which element that
is (`/Lang` on it, so a screen reader switches voice) and warns (`brand.untranslated`).
Postal addresses are never translated (mail and maps need them as written); in another language's
handout they are tagged with the brand's language all the same.
"""

from __future__ import annotations

import dataclasses
import hashlib

from brochure.errors import Problem
from brochure.inputs.models import BrandStrings
from brochure.inputs.project import LoadedBrand
from brochure.inputs.yamlread import Document

# key in `translations.<code>` → where the source text is in the brand file
TRANSLATABLE: dict[str, tuple[str, ...]] = {"tagline": ("tagline",), "hours": ("contact", "hours"), "notes": ("notes",)}


def _source(loaded: LoadedBrand, key: str) -> str | list[str] | None:
    b = loaded.brand
    return {"tagline": b.tagline, "hours": b.contact.hours, "notes": b.notes}[key]


def localize(loaded: LoadedBrand, lang: str) -> tuple[LoadedBrand, list[Problem]]:
    """The brand with its text in `lang` where translated, and a warning per string that is not.

    The returned brand's `printed_in` maps each printed key (`tagline`, `hours`, `notes`,
    `address`) that stays in another language to that language's code.
    """
    b = loaded.brand
    if lang == b.language:
        return dataclasses.replace(loaded, printed_in={}), []
    strings = b.translations.get(lang)
    printed_in: dict[str, str] = {}
    if b.contact.address:
        printed_in["address"] = b.language
    warnings: list[Problem] = []
    update: dict[str, object] = {}
    for key, path in TRANSLATABLE.items():
        if not _source(loaded, key):
            continue
        value = getattr(strings, key) if strings is not None else None
        if strings is not None and value:
            update[key] = value
            warnings += _stale(loaded, lang, key, strings)
            continue
        printed_in[key] = b.language
        add = f"translations.{lang}.{key}"
        warnings.append(
            Problem(
                f"brand `{loaded.id}`: `{'.'.join(path)}` has no `{lang}` translation; "
                f"the `{lang}` handouts print it in `{b.language}`",
                loaded.doc.value_at(path),
                ".".join(path),
                fix=f"add `{add}` to {loaded.doc.shown_as} (with `translations.{lang}.status: machine-draft` "
                "until a medical translator reviews it)",
                severity="warning",
                rule="brand.untranslated",
            )
        )
    contact = b.contact.model_copy(update={"hours": update["hours"]}) if "hours" in update else b.contact
    fields = {k: v for k, v in update.items() if k != "hours"}
    brand = b.model_copy(update={**fields, "contact": contact})
    return dataclasses.replace(loaded, brand=brand, printed_in=printed_in, lang_status=_status(strings)), warnings


def fingerprint(value: str | list[str]) -> str:
    """A short fingerprint of a brand text (whitespace folded, so re-wrapping the YAML is no change)."""
    items = [value] if isinstance(value, str) else value
    return hashlib.sha256("\x1f".join(" ".join(i.split()) for i in items).encode("utf-8")).hexdigest()[:16]


def _stale(loaded: LoadedBrand, lang: str, key: str, strings: BrandStrings) -> list[Problem]:
    """A translation whose source text changed since it was translated (new hours, old translated hours)."""
    now = fingerprint(_source(loaded, key) or "")
    recorded = next((v for k, v in strings.translated_from.items() if k == key), None)
    if recorded == now:
        return []
    path = TRANSLATABLE[key]
    made = "was never recorded" if recorded is None else "changed since it was translated"
    at = ("translations", lang, "translated_from", key) if recorded else ("translations", lang, key)
    return [
        Problem(
            f"brand `{loaded.id}`: the `{lang}` translation of `{'.'.join(path)}` may be stale: "
            f"the `{loaded.brand.language}` text {made}",
            loaded.doc.value_at(at),
            f"translations.{lang}.translated_from.{key}",
            fix=f"update `translations.{lang}.{key}` from `{'.'.join(path)}`, then set "
            f"`translations.{lang}.translated_from.{key}: {now}`",
            severity="warning",
            rule="brand.stale",
        )
    ]


def _status(strings: object) -> str | None:
    return getattr(strings, "status", None)


def text_doc(doc: Document, lang: str) -> Document:
    """The brand file as one language's handout reads it: the other languages' `translations` left out
    (their characters are checked against their own handout's fonts, not this one's)."""
    data = doc.data
    kept = data.get("translations") if isinstance(data, dict) else None
    if not isinstance(kept, dict) or set(kept) <= {lang}:
        return doc
    data = {**data, "translations": {k: v for k, v in kept.items() if k == lang}}
    return dataclasses.replace(doc, data=data)
