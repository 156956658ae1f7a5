"""Keep translations honest: same keys as the source language, and not stale.

A translation records which version of the English it came from; when the
English version moves on, every translation made from an older one is stale.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from brochure.errors import BrochureError, Location, Problem
from brochure.project import Project
from brochure.yamlread import Document, load


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
        if status.translated_from != manifest.review.version:
            problems.append(
                Problem(
                    f"translation `{lang}` is stale: made from version {status.translated_from or '(unknown)'}, "
                    f"the {source} text is now version {manifest.review.version}",
                    ldoc.value_at(("translation", "translated_from")),
                    "translation.translated_from",
                    fix=f"update the translation from the changed {source} sections, then set "
                    f'`translated_from: "{manifest.review.version}"`',
                    severity="warning",
                    rule="translation.stale",
                )
            )
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
                translation={"status": "machine-draft", "translated_from": manifest.review.version},
            )
            data["handout"] = {
                k: getattr(manifest, k) for k in ("title", "subtitle", "main_message", "call_to_action", "disclaimer")
            }
            data["handout"]["glossary"] = [g.model_dump() for g in manifest.glossary]
            # safety terms stay, to be translated (check fails once the text is translated and they are not);
            # plain-language patterns are the source language's grammar, so a new language starts without them
            data.pop("plain_language", None)
            header = "# yaml-language-server: $schema=../../schema/language.schema.json\n"
            header += (
                f"# {name}: replace the English text below with the translation; keep keys and {{placeholders}}.\n"
            )
            text = header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        (dest / path.name).write_text(text, encoding="utf-8")
    return dest
