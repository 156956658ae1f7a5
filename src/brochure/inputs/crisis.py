"""Crisis lines belong to a region, not to a language.

A brand names the country its handouts are handed out in (`region: US`); the
region's file (built in: src/brochure/regions/<code>.yaml, or the project's own
regions/<code>.yaml) gives its crisis services and emergency number. Each line
is printed in the reader's language: the region's own sentence for that
language where the service offers more than a call in it (988 in Spanish:
press 2, text AYUDA), else the language's plain "Call {number} ({name})." —
never a text or chat promise in a language the service does not answer in.

Content text writes `{crisis}` and `{emergency}` instead of numbers; they are
filled in here, so a UK handout never tells a reader to call 988.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brochure.errors import BrochureError, Location, Problem
from brochure.inputs.models import Language, Region, Section
from brochure.inputs.validate import parse
from brochure.inputs.yamlread import Document, load

if TYPE_CHECKING:  # project imports this module
    from brochure.inputs.project import Handout

BUILTIN = "regions"
PLACEHOLDERS = ("{crisis}", "{emergency}")


def region_files(roots: list[Path]) -> dict[str, Path]:
    """Region code (upper case) -> file: built-in first, then each project root (nearest last wins)."""
    found: dict[str, Path] = {}
    builtin = resources.files("brochure") / BUILTIN
    for entry in sorted(builtin.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            found[entry.name[:-5].upper()] = Path(str(entry))
    for root in reversed(roots):
        for p in sorted((root / "regions").glob("*.yaml")):
            found[p.stem.upper()] = p
    return found


def load_region(code: str, roots: list[Path], where: Location, shown_root: Path) -> tuple[Region, Document]:
    """The region a brand names, validated; a region without a file is a located error."""
    files = region_files(roots)
    path = files.get(code.upper())
    if path is None:
        raise BrochureError(
            [
                Problem(
                    f"no crisis lines for region `{code}`",
                    where,
                    "region",
                    fix="use one of: "
                    + ", ".join(sorted(files))
                    + f"; or add regions/{code.lower()}.yaml with the region's crisis lines and emergency number",
                )
            ]
        )
    doc = load(path, shown_root)
    region = parse(Region, doc)
    if region.code != code.upper():
        raise BrochureError(
            [
                Problem(
                    f"`code: {region.code}` does not match the file name `{path.name}`",
                    doc.where(("code",)),
                    "code",
                    fix=f"write `code: {code.upper()}` or rename the file",
                )
            ]
        )
    return region, doc


def lines(region: Region, language: Language) -> list[str]:
    """The region's crisis lines and emergency number, as sentences in the reader's language."""
    ui, code = language.ui, language.code
    out = []
    for line in region.crisis:
        said = line.say.get(code)
        if said is None:
            name = _isolated(line.name, ui.crisis_call)
            said = ui.crisis_call.format(number=line.number, name=name)
            if line.open_24_7:
                said += " " + ui.open_24_7
        out.append(said)
    out.append(ui.emergency_call.format(number=region.emergency))
    return out


LRE, PDF = "\u202a", "\u202c"  # a left-to-right embedding … its end (python-bidi's algorithm has no isolates)


def _isolated(name: str, sentence: str) -> str:
    """A service's Latin name inside a right-to-left sentence, embedded left to right so it reads as one run.

    Without the embedding the bidi algorithm pairs "(" with the Arabic text and ")" with the name:
    "(988 Suicide & Crisis Lifeline)" printed as "Suicide & Crisis 988) Lifeline)".
    """
    rtl = any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in sentence)
    return f"{LRE}{name}{PDF}" if rtl else name


def numbers(region: Region) -> list[str]:
    """The number each of `lines` gives, in the same order: printed large beside its sentence."""
    return [line.number for line in region.crisis] + [region.emergency]


def fill(text: str, region: Region) -> str:
    """`{crisis}` and `{emergency}` in content text replaced by the region's numbers."""
    return text.replace("{crisis}", region.crisis[0].number).replace("{emergency}", region.emergency)


def _fill_any(value: Any, region: Region) -> Any:
    if isinstance(value, str):
        return fill(value, region)
    if isinstance(value, list):
        return [_fill_any(v, region) for v in value]
    if isinstance(value, dict):
        return {k: _fill_any(v, region) for k, v in value.items()}
    return value


def fill_handout(handout: Handout, region: Region) -> Handout:
    """The handout with every placeholder filled for `region` (the models are frozen: new copies)."""
    sections = [
        (sid, Section.model_validate(_fill_any(s.model_dump(exclude_none=True), region))) for sid, s in handout.sections
    ]
    manifest = type(handout.manifest).model_validate(_fill_any(handout.manifest.model_dump(), region))
    language = handout.language
    if language.handout is not None:
        language = language.model_copy(
            update={"handout": type(language.handout).model_validate(_fill_any(language.handout.model_dump(), region))}
        )
    return replace(handout, manifest=manifest, language=language, sections=sections)
