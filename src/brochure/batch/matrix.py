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

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brochure.batch import output
from brochure.batch.target import Built, Gate, build_one
from brochure.errors import BrochureError, Location, Problem, log_bug
from brochure.inputs.project import Project
from brochure.inputs.targets import Target

if TYPE_CHECKING:
    import concurrent.futures as cf


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
    "lucide",  # the pictograms' shapes
    "svglib",  # turns them into drawings (paths, transforms)
    "lxml",  # svglib's SVG parser
    "pyyaml",  # reads the content (what a value parses to)
    "pydantic",  # validates and coerces it (lengths, defaults)
)
# Dependencies that never touch a PDF's bytes, so a new version does not rebuild (tests check this split).
NOT_OUTPUT_PACKAGES = (
    "click",  # the command line
    "pypdfium2",  # preview PNGs only
    "watchfiles",  # `brochure serve`
    "textstat",  # `brochure check` reading level
    "regex",  # `brochure check` word boundaries (UAX #29)
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


MAX_FINGERPRINT_FILE = 256 * 1024 * 1024  # larger than any input; beyond it a file's size and time stand in


def _file_digest(h: hashlib._Hash, path: Path, root: Path) -> None:
    """A file's name and content; a pipe or device by its kind only (reading it could block forever)."""
    import stat

    h.update(str(path.relative_to(root) if path.is_relative_to(root) else path).encode())
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            h.update(b"<not a regular file>")
            return
        if st.st_size > MAX_FINGERPRINT_FILE:
            h.update(f"<{st.st_size} bytes, {st.st_mtime_ns}>".encode())
            return
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError:
        h.update(b"<absent>")


def _data(project: Project, path: Path, kind: str | None = None) -> dict[str, Any] | None:
    """A YAML file's data (with this build's --set values applied), or None when it cannot be read."""
    from brochure.inputs import overrides
    from brochure.inputs.yamlread import load

    try:
        doc = load(path, project.root)
        if kind:
            doc = overrides.apply(doc, project.overrides.get(kind))
        return doc.data if isinstance(doc.data, dict) else None
    except BrochureError:
        return None


def _brand_files(project: Project, brand_path: Path) -> tuple[dict[str, Any], Callable[[tuple], Path], list[Path]]:
    """The brand's data as a build reads it (layered on every brand it `extends:`, --set applied), the file each
    value came from, and every brand file of the chain: a change in a parent rebuilds its children's handouts.

    A chain that cannot be read (a cycle, a missing parent) fingerprints the one file; the build then fails
    at loading it, with the located error, and writes nothing."""
    try:
        doc, chain = project.brand_document(brand_path)
    except BrochureError:
        return _data(project, brand_path, "brand") or {}, lambda key: brand_path, [brand_path]
    return (doc.data if isinstance(doc.data, dict) else {}), doc.file_of, chain


def _files_read(project: Project, target: Target, brand_path: Path) -> list[Path]:
    """Files outside the usual folders that this target reads: the brand files it extends, the logo, an ICC
    profile, the fonts, --set paths."""
    from brochure.media import fonts

    brand, file_of, files = _brand_files(project, brand_path)
    logo = brand.get("logo")
    if isinstance(logo, str):
        files.append(file_of(("logo",)).parent / logo)
    shop = brand.get("press")
    if isinstance(shop, dict) and isinstance(shop.get("output_intent"), str):  # the print shop's ICC profile
        files.append(file_of(("press", "output_intent")).parent / shop["output_intent"])
    names = []
    if isinstance(brand.get("fonts"), dict):
        names += [v for v in brand["fonts"].values() if isinstance(v, str)]
    lang_file = project.content_file(target.lang, "language.yaml")
    fallback = (_data(project, lang_file) or {}).get("fallback_fonts")
    names += [v for v in fallback if isinstance(v, str)] if isinstance(fallback, list) else []
    for name in names:  # every font file a family uses, wherever it lives (by content, through symlinks)
        family = fonts.find(name, project.roots)
        if family is not None:
            files += [Path(os.path.realpath(f)) for f in family.files.values()]
    for items in project.overrides.values():  # any --set value that names a file
        for _, value, _ in items:
            if isinstance(value, str) and 0 < len(value) < 4096 and "\0" not in value:
                for base in (brand_path.parent, project.root, Path.cwd()):
                    with contextlib.suppress(OSError, ValueError):
                        if (base / value).is_file():
                            files.append(base / value)
    return files


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
    files += _files_read(project, target, brand_path)
    layout = project.layouts().get(target.length)
    if layout:
        files.append(layout)
    for f in files:
        _file_digest(h, f, root)
    return h.hexdigest()


def stamp_path(out: Path, target: Target) -> Path:
    return out / ".stamps" / target.brand_id / target.lang / f"{target.stem}.json"


MAX_STAMP_BYTES = 64 * 1024  # a stamp is ~150 bytes; anything larger is not ours


def up_to_date(out: Path, target: Target, digest: str) -> bool:
    """The stamp names these inputs and the PDF on disk is the one it names (its content hash)."""
    stamp, pdf = stamp_path(out, target), target.path(out, target.brand_id)
    try:
        if not (_regular(stamp) and _regular(pdf)):
            return False
        with stamp.open("rb") as fh:
            recorded = json.loads(fh.read(MAX_STAMP_BYTES + 1)[:MAX_STAMP_BYTES])
        if not isinstance(recorded, dict) or recorded.get("inputs") != digest:
            return False
        h = hashlib.sha256()
        with pdf.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        return recorded.get("pdf") == h.hexdigest()
    except (OSError, ValueError):
        return False


def _regular(path: Path) -> bool:
    import stat

    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


@dataclass
class Outcome:
    target: Target
    built: Built | None = None
    skipped: bool = False
    problems: list[Problem] = field(default_factory=list)


def _work(root: str, target: Target, out: str, options: dict, force: bool, gate: Gate | None = None) -> Outcome:
    """One target, in a worker: never raises for user problems (exceptions pickle badly)."""
    from brochure.inputs import overrides

    outdir = Path(out)
    try:
        project = Project(Path(root), overrides=overrides.parse(options.get("set", [])))
        digest = fingerprint(project, target, options)
        if not force and up_to_date(outdir, target, digest):
            return Outcome(target, skipped=True)

        def stamp(pdf_sha: str) -> tuple[Path, bytes]:  # written with the PDF, naming the bytes this build made
            return stamp_path(outdir, target), json.dumps({"inputs": digest, "pdf": pdf_sha}).encode()

        built = build_one(
            project,
            target,
            outdir,
            options.get("require_reviewed", False),
            gate,
            stamp,
            overflow_preview=options.get("overflow_preview", False),
        )
        return Outcome(target, built=built)
    except BrochureError as exc:
        return Outcome(target, problems=exc.problems)
    except Exception as exc:  # a bug: this target fails, the others still build and the summary lists it
        return Outcome(target, problems=[_bug(target, exc)])


def _bug(target: Target, exc: Exception) -> Problem:
    """An internal error while building one target, as that target's problem (the traceback goes to a log)."""
    log = log_bug(exc)
    kept = f"the details are in {log}" if log else "the details could not be written to a log file"
    return Problem(
        f"internal error while building {target.brand}/{target.lang}/{target.length}-{target.paper}: this is a bug "
        f"in brochure, not in your files ({type(exc).__name__}); {kept}",
        Location(
            f"--brand {target.brand} --lang {target.lang} --length {target.length} --paper {target.paper}"
            f" --profile {target.profile}"
        ),
        fix="the other handouts were built; please report this with the log file to the brochure maintainers",
        rule="internal.bug",
    )


PARENT_POLL_SECONDS = 0.5  # how soon a worker notices its parent is gone (kill -9 of `brochure build`)


def _die_with_parent(parent: int) -> None:
    """Worker initializer: exit as soon as the process that started it has died, whatever killed it.

    On Linux the kernel does it (PR_SET_PDEATHSIG: SIGKILL when the parent dies), which needs no thread, so it
    holds even under a process limit that refuses one; elsewhere a thread polls the parent. A worker that can be
    watched by neither exits at once, without a traceback: the pool then reports the workers it could not start.
    """
    import threading
    import time

    if _kernel_watch():
        if os.getppid() != parent:  # the parent died before the watch was set
            os._exit(1)
        return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    try:
        threading.Thread(target=watch, name="brochure-parent-watch", daemon=True).start()
    except RuntimeError:  # "can't start new thread": an unwatched worker could outlive a killed build
        os._exit(1)


def _kernel_watch() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False where that is not available."""
    import ctypes
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(1, int(signal.SIGKILL), 0, 0, 0) == 0  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return False


def run(
    project: Project,
    targets: list[Target],
    out: Path,
    options: dict,
    *,
    jobs: int,
    force: bool,
    progress: Callable[[Outcome], None] | None = None,
    gate: Gate | None = None,
) -> list[Outcome]:
    """Build every target, `jobs` at a time; `progress(outcome)` is called as each one finishes.

    `gate(pdf, ctx)` checks each PDF before it is written (the CLI passes its own preflight).
    """
    output.clean_stale(out)  # temporaries a killed build left behind
    args = [(str(project.root), t, str(out), options, force, gate) for t in targets]
    outcomes: list[Outcome] = []
    if jobs <= 1 or len(targets) <= 1:
        for a in args:
            outcomes.append(_work(*a))
            if progress:
                progress(outcomes[-1])
        return outcomes
    # the process pool is imported only here: one target (a flyer, `serve`) builds in this process
    import concurrent.futures as cf
    import multiprocessing
    from concurrent.futures.process import BrokenProcessPool

    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")  # fork: fonts stay parsed
    pool = cf.ProcessPoolExecutor(
        max_workers=jobs, mp_context=ctx, initializer=_die_with_parent, initargs=(os.getpid(),)
    )
    try:
        try:
            futures = [pool.submit(_work, *a) for a in args]
        except OSError as exc:  # fork refused: the process limit (ulimit -u) or memory
            raise BrochureError([_no_workers(jobs, exc)]) from None
        for fut in cf.as_completed(futures):
            outcomes.append(fut.result())
            if progress:
                progress(outcomes[-1])
    except BrokenProcessPool:
        _stop(pool)
        raise BrochureError(
            [
                Problem(
                    "a worker process died (killed, or out of memory); the targets it had did not finish",
                    Location(f"-j {jobs}"),
                    fix="build again with a smaller -j (each worker needs about 300 MB)",
                )
            ]
        ) from None
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)
    order = {t: i for i, t in enumerate(targets)}
    return sorted(outcomes, key=lambda o: order[o.target])


def _no_workers(jobs: int, exc: OSError) -> Problem:
    return Problem(
        f"could not start {jobs} worker processes ({exc.strerror or exc}): the system's process or memory limit",
        Location(f"-j {jobs}"),
        fix="use a smaller -j (the default is the number of cores), or raise the limit (ulimit -u)",
    )


def _stop(pool: cf.ProcessPoolExecutor) -> None:
    """End the pool without waiting: kill the workers it started, so nothing outlives the build."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        with contextlib.suppress(Exception):
            proc.kill()
    for proc in procs:
        with contextlib.suppress(Exception):
            proc.join(timeout=2)


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
    out = [(k, v[0], v[1], v[2], v[3], v[4]) for k, v in sorted(rows.items())]
    t = [sum(v[i] for v in rows.values()) for i in range(5)]
    return out + [("total", t[0], t[1], t[2], t[3], t[4])]
