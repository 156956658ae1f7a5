"""Print every figure of the speed issue (21): measured here and now, never asserted.

    python bench/figures.py [--pairs 8] [--peers ../shared/peers]

- one English flyer, cold process, paired against Typst rendering the 4-page peer handout: processes alternate
  A B A B and the ratio is taken pair by pair, so drift in the machine's speed cancels out (the method and the
  peer are those of `../shared/peers/vs-typst.sh`, which is called when it is there; otherwise the line says so);
- `brochure check`, cold; a warm booklet per page; the full default matrix with 2 workers; `serve` from a saved
  file to the new page image; the peak memory of the largest build process; the English tri-fold and booklet sizes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import cold, warm  # noqa: E402  (bench.py beside this file)


def row(what: str, value: str) -> None:
    print(f"{what:52} {value}", flush=True)


def vs_typst(peers: Path, pairs: int) -> str:
    script = peers / "vs-typst.sh"
    if not script.exists():
        return f"not measured: {script} is not here (it holds the Typst peer)"
    env = {**os.environ, "PAIRS": str(pairs), "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    out = subprocess.run(["bash", str(script)], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    res = json.loads(out.stdout.strip().splitlines()[-1])
    lo, med, hi = res["ratio_wall_A_over_B"]
    a, b = res["A"]["wall_s"][1], res["B"]["wall_s"][1]
    spread = f"min {lo:.2f}, max {hi:.2f}"
    return f"{med:5.2f}x  ({spread}; brochure {a * 1000:.0f} ms, Typst {b * 1000:.0f} ms; {pairs} pairs)"


def matrix(jobs: int, out: Path) -> tuple[float, int]:
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    args = [sys.executable, "-m", "brochure", "build", "--force", "-q", "-j", str(jobs), "--out", str(out)]
    subprocess.run(args, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start, len(list(out.rglob("*.pdf")))


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read()


def serve_latency(saves: int = 5) -> float:
    """Median seconds from writing a content file to the new first page's PNG, as the page's script fetches it."""
    top = Path(tempfile.mkdtemp(prefix="brochure-bench-serve-"))
    for part in ("content", "assets"):
        shutil.copytree(ROOT / part, top / part)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    one = ["--brand", "default", "--lang", "en", "--length", "flyer", "--paper", "letter"]
    args = ["serve", *one, "--port", str(port)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "brochure", *args], cwd=top, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"

    def version(after: int, seconds: float = 30) -> int:
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            try:
                st = json.loads(_get(f"{base}/state.json"))
                if st["version"] > after and st["pages"] > 0:
                    return st["version"]
            except OSError:
                pass
            time.sleep(0.005)
        raise SystemExit("serve did not rebuild within 30 s")

    try:
        v = version(0)
        target = top / "content" / "handout.yaml"
        text = target.read_text(encoding="utf-8")
        times = []
        for i in range(saves):
            time.sleep(0.5)  # let the watcher settle, as between two saves in an editor
            start = time.perf_counter()
            target.write_text(text + f"\n# save {i}\n", encoding="utf-8")
            v = version(v)
            _get(f"{base}/page/{v}/0.png")
            times.append(time.perf_counter() - start)
        return statistics.median(times)
    finally:
        proc.terminate()
        proc.wait(10)
        shutil.rmtree(top, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=8)
    ap.add_argument("--peers", type=Path, default=ROOT.parent / "shared" / "peers")
    a = ap.parse_args()
    print(f"{'figure (issue 21)':52} value\n{'-' * 90}")
    row("one flyer, cold, paired against Typst's peer", vs_typst(a.peers, a.pairs))
    row("brochure check, cold (median of 5)", f"{cold(['check']) * 1000:6.0f} ms")
    t, pages, _size = warm("booklet", "letter", "default")
    row("warm booklet, per page (default brand, letter)", f"{t * 1000 / pages:6.2f} ms  ({pages} pages)")
    out = Path(tempfile.gettempdir()) / "brochure-bench-matrix"
    secs, count = matrix(2, out)
    row(f"full default matrix, 2 workers ({count} PDFs)", f"{secs:6.2f} s")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    row("peak RSS of the largest build process", f"{peak:6.0f} MiB")
    for name in ("trifold-letter", "booklet-letter"):
        size = (out / "default" / "en" / f"{name}.pdf").stat().st_size
        row(f"size, default brand, English {name}", f"{size / 1024:6.1f} KB")
    row("serve: save -> new page image (flyer, median of 5)", f"{serve_latency() * 1000:6.0f} ms")


if __name__ == "__main__":
    main()
