"""Shared fixtures: a throwaway copy of the repository's project, and built PDFs.

Tests run in parallel (`pytest -n auto`, pytest-xdist): every test writes
only below its own `tmp_path` or a `tmp_path_factory` folder. The expensive
builds (`built`, `press_built`) are made once per run, not once per worker:
`shared_build` puts them in the run's common temporary folder and the first
worker to need one builds it while the others wait on a lock.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from brochure.cli import main

ROOT = Path(__file__).resolve().parents[1]


def default_build_size() -> int:
    """How many PDFs `brochure build` makes of the shipped project (brands × languages × lengths × papers)."""
    from brochure.inputs.project import Project
    from brochure.inputs.targets import Selection, plan_targets

    return len(plan_targets(Project(ROOT), Selection()))


GOLDEN = Path(__file__).parent / "golden"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/* from the current output")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


def copy_project(dest: Path) -> Path:
    """The shipped content and assets, copied so a test may break them."""
    for part in ("content", "assets"):
        shutil.copytree(ROOT / part, dest / part)
    return dest


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    root = copy_project(tmp_path / "proj")
    monkeypatch.chdir(root)
    return root


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on `path` between the worker processes of one run (POSIX `flock`)."""
    import fcntl

    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _bug_log(output: str) -> str:
    """The traceback an internal error wrote to its log file, so a CI failure shows it (the log stays on CI's disk)."""
    import re

    found = re.search(r"the details are in (\S+\.log)", output)
    if not found:
        return ""
    try:
        return "\n" + Path(found.group(1)).read_text(encoding="utf-8")[-6000:]
    except OSError:
        return ""


def shared_build(tmp_path_factory, name: str, *builds: list[str]) -> dict[str, Path]:
    """Run each `brochure build` (arguments without --out) into one folder per test run; return its PDFs by path.

    Under xdist each worker has its own session and basetemp (`…/popen-gwN`);
    their parent is common to the run, so the folder and its lock live there.
    A build that failed leaves no `.complete` marker: the next worker retries
    it and reports the failure itself. Nothing may write into the folder.
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    out = root / f"shared-{name}"
    with _locked(root / f"shared-{name}.lock"):
        done = out / ".complete"
        if not done.exists():
            shutil.rmtree(out, ignore_errors=True)
            for args in builds:
                result = CliRunner().invoke(main, [*args, "--out", str(out)], catch_exceptions=False)
                assert result.exit_code == 0, result.output + _bug_log(result.output)
            done.write_text("")
    return {str(p.relative_to(out)): p for p in out.rglob("*.pdf")}


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """Every handout of the shipped project (office profile), built once per test run."""
    return shared_build(tmp_path_factory, "dist", ["build", "--project", str(ROOT), "-q"])


@pytest.fixture(scope="session")
def press_built(tmp_path_factory) -> dict[str, Path]:
    """Every length of the default and harbor-light brands in English, and default's A4 in Arabic, press profile."""
    press = ["build", "--project", str(ROOT), "--profile", "press", "-q"]
    arabic = [*press, "--lang", "ar", "--brand", "default", "--paper", "a4"]
    return shared_build(tmp_path_factory, "press", [*press, "--lang", "en"], arabic)


@pytest.fixture(scope="session")
def uncompressed_press_flyer(tmp_path_factory) -> bytes:
    """The default English press flyer, streams uncompressed: damage to its bytes reaches operators and
    dictionaries (what the preflight fuzz and the Ghostscript corpus break)."""
    import io

    import pikepdf

    from brochure import api
    from brochure.batch.target import build_one
    from brochure.inputs.project import Project

    project = Project(ROOT)
    [target] = api.plan(project, ["default"], ["en"], ["flyer"], ["letter"], profile="press")
    built = build_one(project, target, tmp_path_factory.mktemp("press-flyer"))
    buf = io.BytesIO()
    with pikepdf.open(built.path) as pdf:
        pdf.save(buf, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return buf.getvalue()


def check_golden(name: str, text: str, update: bool) -> None:
    path = GOLDEN / f"{name}.txt"
    if update or not path.exists():
        if not update:
            pytest.fail(f"no golden file {path}; run pytest --update-golden and review it")
        path.write_text(text)
        return
    assert text == path.read_text(), f"output differs from {path} (pytest --update-golden to accept)"


def printed_section_ids(length: str) -> list[str]:
    """Section ids whose titles the shipped layout `length` prints, in manifest order (the booklet: all)."""
    from brochure.checks import printed
    from brochure.inputs.models import SectionsSlotKey
    from brochure.inputs.project import Project

    project = Project(ROOT)
    layout = project.load_layout(length)[0]
    ids = project.load_manifest()[0].sections
    claimed = printed.claimed(layout)
    shown: set[str] = set()
    for slot in printed.slots(layout):
        if isinstance(slot, SectionsSlotKey) and "title" in slot.sections.show:
            only = slot.sections.only
            shown |= set(only) if only is not None else set(ids) - claimed
    return [i for i in ids if i in shown]


def printed_handout(lang: str):
    """A language's content as the shipped brands (region US) print it: `{crisis}` filled in."""
    from brochure.errors import Location
    from brochure.inputs import crisis
    from brochure.inputs.project import Project

    project = Project(ROOT)
    return crisis.fill_handout(project.load_handout(lang), project.load_region("US", Location("test")))
