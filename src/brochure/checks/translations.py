"""Keep translations honest: same keys as the source language, and not stale.

A translation records, per part (the manifest text and each section), the
fingerprint of the English it was translated from; a changed English part
(in the base content or a clinic's override) makes exactly that part stale.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import yaml

from brochure.checks import review
from brochure.errors import BrochureError, Location, Problem
from brochure.inputs.models import HANDOUT_FIELDS
from brochure.inputs.project import Handout, Project
from brochure.inputs.yamlread import Document, load


def key_paths(data: Any, prefix: tuple = ()) -> set[tuple]:
    """Every key path in a document; list items count by position (a block's kind is its key)."""
    out: set[tuple] = set()
    if isinstance(data, dict):
        for k, v in data.items():
            out.add(prefix + (k,))
            out |= key_paths(v, prefix + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.add(prefix + (i,))
            out |= key_paths(v, prefix + (i,))
    return out


def show(path: tuple) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def compare(source: Document, translation: Document, skip: tuple[str, ...] = ()) -> list[Problem]:
    """Missing and extra keys of one translated file against its source file."""
    theirs, ours = key_paths(source.data), key_paths(translation.data)
    problems = []
    for path in sorted(theirs - ours, key=str):
        if path[0] in skip or path[:-1] in theirs - ours:
            continue  # report the top of a missing subtree once
        problems.append(
            Problem(
                f"missing `{show(path)}` (the source language has it at {source.where(path)})",
                translation.where(path),
                show(path),
                fix="translate it and add it here",
                severity="warning",
                rule="translation.missing-key",
            )
        )
    for path in sorted(ours - theirs, key=str):
        if path[0] in skip or path[:-1] in ours - theirs:
            continue
        problems.append(
            Problem(
                f"extra `{show(path)}` that the source language does not have",
                translation.where(path),
                show(path),
                fix="remove it, or add it to the source language first",
                severity="warning",
                rule="translation.extra-key",
            )
        )
    return problems


def report(project: Project) -> list[Problem]:
    """Completeness and staleness of every translation (warnings), and review status (information)."""
    manifest, mdoc = project.load_manifest()
    source = manifest.source_language
    problems: list[Problem] = []
    for lang in project.languages():
        if lang == source:
            continue
        try:
            handout = project.load_handout(lang)
        except BrochureError:
            continue  # validation reports those
        for sid in manifest.sections:
            src = load(project.content_file(source, f"{sid}.yaml"), project.root)
            problems += compare(src, handout.docs[sid])
        status = handout.language.translation
        ldoc = handout.docs["language"]
        problems += stale_parts(project, handout, source)
        if status.status != "reviewed":
            # a known, visible state (every page says so), not a defect: information, never a failure
            problems.append(
                Problem(
                    f"translation `{lang}` is not reviewed by a medical translator (status: {status.status}); "
                    "every page says so",
                    ldoc.value_at(("translation", "status")),
                    "translation.status",
                    fix="have it reviewed, then set `status: reviewed` with `reviewed_by` and `reviewed_on`",
                    severity="info",
                    rule="translation.unreviewed",
                )
            )
    return problems


def source_handout(project: Project, source: str) -> Handout:
    """The source language's content as this project prints it (clinic overrides included)."""
    return project.load_handout(source)


def stale_parts(project: Project, handout: Handout, source: str) -> list[Problem]:
    """Each part of a translation whose source text changed since it was translated (exactly those parts)."""
    try:
        src = source_handout(project, source)
    except BrochureError:
        return []  # validation reports the source's problems
    now = review.source_fingerprints(src)
    ldoc = handout.docs["language"]
    recorded = handout.language.translation.translated_from
    code = handout.language.code
    out = []
    src_docs = src.docs
    for part, fingerprint in now.items():
        if recorded.get(part) == fingerprint:
            continue
        src_doc = src_docs["manifest" if part == "handout" else part]
        made = "was never recorded" if part not in recorded else "changed since it was translated"
        out.append(
            Problem(
                f"translation `{code}` of `{part}` is stale: the {source} text ({src_doc.where(())}) {made}",
                ldoc.value_at(("translation", "translated_from", part))
                if part in recorded
                else ldoc.where(("translation",)),
                f"translation.translated_from.{part}",
                fix=f"update the translation of `{part}` from the {source} text, then run "
                f"`brochure translated {code} {part}`",
                severity="warning",
                rule="translation.stale",
            )
        )
    return out


def mark_translated(project: Project, code: str, parts: list[str]) -> list[str]:
    """Record that `parts` of translation `code` now follow the current source text (all parts if none given).

    Edits `translation.translated_from` in content/<code>/language.yaml with a round-trip YAML
    library, so the translator's comments and layout stay as they were.
    """
    from ruamel.yaml import YAML

    manifest, _ = project.load_manifest()
    now = review.source_fingerprints(source_handout(project, manifest.source_language))
    unknown = [p for p in parts if p not in now]
    path = project.content_dir / code / "language.yaml"
    if unknown or not path.is_file():
        what = f"unknown part(s): {', '.join(unknown)}" if unknown else f"no {project.shown(path)}"
        raise BrochureError([Problem(what, Location(project.shown(path)), fix="parts are: " + ", ".join(now))])
    rt = YAML()
    rt.preserve_quotes = True
    rt.width = 100
    data = rt.load(path.read_text(encoding="utf-8"))
    translation = data.setdefault("translation", {})
    recorded = translation.get("translated_from")
    if not isinstance(recorded, dict):
        recorded = {}
    for part in parts or list(now):
        recorded[part] = now[part]
    translation["translated_from"] = recorded
    buf = io.StringIO()
    rt.dump(data, buf)
    tmp = path.with_suffix(".yaml.part")
    tmp.write_text(buf.getvalue(), encoding="utf-8")
    tmp.replace(path)
    return parts or list(now)


def scaffold(project: Project, code: str, name: str) -> Path:
    """content/<code>/ with every key of the source language, ready to translate."""
    manifest, _ = project.load_manifest()
    src_dir = project.content_file(manifest.source_language, "language.yaml").parent
    dest = project.content_dir / code
    if dest.exists():
        raise BrochureError(
            [
                Problem(
                    f"`{project.shown(dest)}` already exists",
                    Location(project.shown(dest)),
                    fix="choose another code, or edit the files there",
                )
            ]
        )
    dest.mkdir(parents=True)
    for path in sorted(src_dir.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if path.name == "language.yaml":
            data = yaml.safe_load(text)
            data.update(
                code=code,
                name=name,
                translation={
                    "status": "machine-draft",
                    "translated_from": review.source_fingerprints(source_handout(project, manifest.source_language)),
                },
            )
            data["handout"] = {k: getattr(manifest, k) for k in HANDOUT_FIELDS}
            if manifest.essentials is not None:
                data["handout"]["essentials"] = manifest.essentials.model_dump()
            if manifest.treatment_day is not None:
                data["handout"]["treatment_day"] = manifest.treatment_day.model_dump(exclude_none=True)
            data["handout"]["glossary"] = [g.model_dump() for g in manifest.glossary]
            # safety terms stay, to be translated (check fails once the text is translated and they are not);
            # plain-language patterns are the source language's grammar, so a new language starts without them
            data.pop("plain_language", None)
            # direction and line breaking come from the script of the translated text (text/scripts): the
            # source language's `direction: ltr` would wrongly override an Arabic translation's
            data.pop("direction", None)
            data.pop("line_break", None)
            header = "# yaml-language-server: $schema=../../schema/language.schema.json\n"
            header += (
                f"# {name}: replace the English text below with the translation; keep keys and {{placeholders}}.\n"
            )
            text = header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        (dest / path.name).write_text(text, encoding="utf-8")
    return dest
