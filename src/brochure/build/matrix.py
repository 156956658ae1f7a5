"""Build many targets: shard, skip what is up to date, run in parallel, summarise.

Incremental builds rest on a fingerprint of everything a target reads (its
language's content, the manifest, the brand file and logo, the project's
fonts, the layout, the installed tool and every package in OUTPUT_PACKAGES, the options). A
target whose fingerprint and PDF both match the stamp left by the last build
is skipped; anything else is rebuilt. Over-approximating inputs only costs
an extra rebuild; missing one would ship a stale handout, so when in doubt
an input is included.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import json
import multiprocessing
import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import yaml

from brochure.build.output import write_atomic
from brochure.build.target import Built, build_one
from brochure.errors import BrochureError, Problem
from brochure.inputs.project import Project
from brochure.inputs.targets import Target


def shard(targets: list[Target], index: int, count: int) -> list[Target]:
    """The index-th of count deterministic slices (1-based); the union of all slices is the whole."""
    ordered = sorted(targets, key=lambda t: (t.brand, t.lang, t.length, t.paper))
    return [t for i, t in enumerate(ordered) if i % count == index - 1]


# Installed distributions whose version can change a PDF's bytes; each one's version enters every fingerprint.
OUTPUT_PACKAGES = (
    "reportlab",  # draws every page
    "rl_accel",  # reportlab[accel]: its C number formatting writes the content streams
    "rendercv-fonts",  # the fonts themselves
    "pillow",  # logo downsampling, RGB → CMYK through the output profile
    "babel",  # dates as each language writes them
    "pikepdf",  # finishing (structure tree, XMP, boxes, intents) and imposition rewrite the whole file
    "uharfbuzz",  # shaping: which glyphs, at which advances
    "fonttools",  # subsets the glyph-id fonts written for shaped text
    "python-bidi",  # right-to-left line order
    "pyphen",  # hyphenation dictionaries: where lines break
    "pyyaml",  # reads the content (what a value parses to)
    "pydantic",  # validates and coerces it (lengths, defaults)
)
# Dependencies that never touch a PDF's bytes, so a new version does not rebuild (tests check this split).
NOT_OUTPUT_PACKAGES = (
    "click",  # the command line
    "pypdfium2",  # preview PNGs only
    "watchfiles",  # `brochure serve`
    "textstat",  # `brochure check` reading level
    "ruamel.yaml",  # `brochure translated` edits language.yaml; never read while drawing
)


def package_versions() -> list[str]:
    """`name=version` for each of OUTPUT_PACKAGES (`name=none` when absent): the packages' part of the stamp."""
    out = []
    for dist in OUTPUT_PACKAGES:
        try:
            out.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            out.append(f"{dist}=none")
    return out


@lru_cache(maxsize=1)
def _tool_digest() -> str:
    """The code and packages that draw: a new version or a local edit rebuilds everything."""
    h = hashlib.sha256()
    pkg = Path(__file__).parents[1]  # the whole brochure package
    for path in sorted(pkg.rglob("*")):
        if path.suffix in (".py", ".yaml", ".icc") and path.is_file():  # .icc: the press output profile
            h.update(str(path.relative_to(pkg)).encode())
            h.update(path.read_bytes())
    for line in package_versions():
        h.update(line.encode())
    return h.hexdigest()


def _file_digest(h, path: Path, root: Path) -> None:
    h.update(str(path.relative_to(root) if path.is_relative_to(root) else path).encode())
    try:
        h.update(path.read_bytes())
    except OSError:
        h.update(b"<absent>")


def fingerprint(project: Project, target: Target, options: dict) -> str:
    root = project.root
    h = hashlib.sha256(_tool_digest().encode())
    h.update(json.dumps(options, sort_keys=True).encode())
    h.update(f"{target}".encode())
    files = []
    for r in project.roots:  # a clinic project's own files and those of the base it reuses
        files += [r / "content" / "handout.yaml", r / "brochure.yaml", *sorted((r / "content" / target.lang).glob("*"))]
        files += sorted(p for p in (r / "assets" / "fonts").rglob("*") if p.is_file())
        # the clinician's sign-off (it decides "Reviewed by" or the draft notice) and the project's regions
        files += [r / "reviews" / f"{target.lang}.yaml", *sorted((r / "regions").glob("*.yaml"))]
    brand_path = project.resolve_brand_path(target.brand)
    files.append(brand_path)
    try:
        logo = (yaml.safe_load(brand_path.read_text(encoding="utf-8")) or {}).get("logo")
    except (OSError, yaml.YAMLError, AttributeError):
        logo = None
    if isinstance(logo, str):
        files.append(brand_path.parent / logo)
    layout = project.layouts().get(target.length)
    if layout:
        files.append(layout)
    for f in files:
        _file_digest(h, f, root)
    return h.hexdigest()


def stamp_path(out: Path, target: Target) -> Path:
    return out / ".stamps" / target.brand_id / target.lang / f"{target.stem}.json"


def up_to_date(out: Path, target: Target, digest: str) -> bool:
    stamp, pdf = stamp_path(out, target), target.path(out, target.brand_id)
    try:
        recorded = json.loads(stamp.read_text())
        return recorded.get("inputs") == digest and recorded.get("pdf") == hashlib.sha256(pdf.read_bytes()).hexdigest()
    except (OSError, ValueError):
        return False


@dataclass
class Outcome:
    target: Target
    built: Built | None = None
    skipped: bool = False
    problems: list[Problem] = field(default_factory=list)


def _work(root: str, target: Target, out: str, options: dict, force: bool) -> Outcome:
    """One target, in a worker: never raises for user problems (exceptions pickle badly)."""
    from brochure.inputs import overrides

    project = Project(Path(root), overrides=overrides.parse(options.get("set", [])))
    outdir = Path(out)
    try:
        digest = fingerprint(project, target, options)
        if not force and up_to_date(outdir, target, digest):
            return Outcome(target, skipped=True)
        built = build_one(project, target, outdir, options.get("require_reviewed", False))
        stamp = {"inputs": digest, "pdf": hashlib.sha256(built.path.read_bytes()).hexdigest()}
        write_atomic(stamp_path(outdir, target), json.dumps(stamp).encode())
        return Outcome(target, built=built)
    except BrochureError as exc:
        return Outcome(target, problems=exc.problems)


def run(
    project: Project, targets: list[Target], out: Path, options: dict, *, jobs: int, force: bool, progress=None
) -> list[Outcome]:
    """Build every target, `jobs` at a time; `progress(outcome)` is called as each one finishes."""
    args = [(str(project.root), t, str(out), options, force) for t in targets]
    outcomes: list[Outcome] = []
    if jobs <= 1 or len(targets) <= 1:
        for a in args:
            outcomes.append(_work(*a))
            if progress:
                progress(outcomes[-1])
        return outcomes
    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")  # fork: fonts stay parsed
    with cf.ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        futures = [pool.submit(_work, *a) for a in args]
        try:
            for fut in cf.as_completed(futures):
                outcomes.append(fut.result())
                if progress:
                    progress(outcomes[-1])
        except KeyboardInterrupt:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    order = {t: i for i, t in enumerate(targets)}
    return sorted(outcomes, key=lambda o: order[o.target])


def summary_rows(outcomes: list[Outcome]) -> list[tuple[str, int, int, int, int, int]]:
    """(length, written, skipped, failed, pages, bytes) per length, then a total row."""
    rows: dict[str, list[int]] = {}
    for o in outcomes:
        r = rows.setdefault(o.target.length, [0, 0, 0, 0, 0])
        if o.built:
            r[0] += 1
            r[3] += o.built.pages
            r[4] += o.built.size
        elif o.skipped:
            r[1] += 1
        else:
            r[2] += 1
    out = [(k, *v) for k, v in sorted(rows.items())]
    total = [sum(r[i] for r in out) for i in range(1, 6)]
    return out + [("total", *total)]
