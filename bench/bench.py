"""Print build timings and sizes. Measures; asserts nothing (tests never time things).

python bench/bench.py            # from the repository root
python bench/bench.py check      # only `brochure check`: wall and CPU time of cold processes
python bench/bench.py flyer      # only one English flyer, cold process: wall and CPU time (median of 7)
"""

from __future__ import annotations

import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cold(args: list[str], runs: int = 5) -> float:
    """Median wall time of a fresh process (imports, font parsing and all)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "brochure", *args], cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold_cpu(args: list[str], runs: int = 5) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of a fresh process.

    CPU time moves less than wall time on a shared, busy machine; both are printed.
    """
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "brochure", *args], cwd=ROOT, capture_output=True)  # exit 1 is a result
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def check_figures() -> None:
    """`brochure check`, cold (issue 21: at most 0.4 s), with and without --strict."""
    for args in (["check"], ["check", "--strict"]):
        wall, cpu = cold_cpu(args)
        what = "brochure " + " ".join(args) + " (cold, median of 5)"
        print(f"{what:44} {wall * 1000:>9.0f} ms  cpu {cpu * 1000:.0f} ms")


FLYER = ["build", "--brand", "default", "--lang", "en", "--length", "flyer", "--paper", "letter", "--force", "-q"]


def flyer_figure(runs: int = 7) -> None:
    """One English flyer, cold process (issue 21: the figure paired against Typst's peer handout)."""
    wall, cpu = cold_cpu([*FLYER, "--out", "/tmp/bench-flyer"], runs)
    what = f"one English flyer (cold, median of {runs})"
    print(f"{what:44} {wall * 1000:>9.0f} ms  cpu {cpu * 1000:.0f} ms")


def warm(length: str, paper: str, brand: str, runs: int = 15) -> tuple[float, int, int]:
    """Median in-process render time per document, after a first warm-up build."""
    from brochure.batch.target import prepare
    from brochure.inputs.project import Project
    from brochure.inputs.targets import Target
    from brochure.render.draw import render

    project = Project(ROOT)
    target = Target(brand, "en", length, paper)
    ctx = prepare(project, target)
    result = render(ctx)
    times = []
    for i in range(runs):
        # vary the document so no cache can hide the work
        ctx = prepare(project, target)
        ctx.handout.manifest.__dict__["title"] = f"{ctx.handout.manifest.title} {i}"
        start = time.perf_counter()
        result = render(ctx)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result.pages, len(result.pdf)


def main() -> None:
    print(f"{'what':44} {'value':>12}")
    print("-" * 57)
    print(f"{'brochure --help (cold process)':44} {cold(['--help']) * 1000:>9.0f} ms")
    check_figures()
    flyer_figure()
    one = ["build", "--brand", "default", "--length", "booklet", "--paper", "letter", "--out", "/tmp/bench-out"]
    print(f"{'one English booklet (cold process)':44} {cold(one) * 1000:>9.0f} ms")
    for length in ("flyer", "trifold", "booklet"):
        t, pages, size = warm(length, "letter", "harbor-light")
        print(
            f"{'warm ' + length + ' (harbor-light, letter)':44} {t * 1000:>9.1f} ms  "
            f"{t * 1000 / pages:5.1f} ms/page  {pages:2d} pages  {size / 1024:5.0f} KB"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak memory, warm builds in this process':44} {peak:>9.0f} MiB")
    for jobs in (1, 2):
        shutil.rmtree("/tmp/bench-matrix", ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "brochure", "build", "--force", "-j", str(jobs), "--out", "/tmp/bench-matrix"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        files = sorted(Path("/tmp/bench-matrix").rglob("*.pdf"))
        print(f"{f'full matrix, {len(files)} PDFs, -j {jobs}':44} {(time.perf_counter() - start):>9.2f} s")
    # ru_maxrss of waited-for descendants: the largest single build process (main or worker)
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{'peak memory of the largest build process':44} {child:>9.0f} MiB")
    for name in ("trifold-letter", "booklet-letter"):
        size = (Path("/tmp/bench-matrix/default/en") / f"{name}.pdf").stat().st_size
        print(f"{'size, default brand, English ' + name:44} {size / 1024:>9.1f} KB")


if __name__ == "__main__":
    {"check": check_figures, "flyer": flyer_figure}.get(" ".join(sys.argv[1:]), main)()
