"""Preflight's verdicts beside Ghostscript's, over a corpus of damaged PDFs made here.

The corpus: the press flyer with its streams uncompressed, damaged forty ways (seeded: flipped bits, cuts,
zeroed and repeated stretches) and eight ways that target the structure readers trust (the cross-reference
table, startxref, the page count, the trailer, the end marker). For each file Ghostscript (an independent
reader; `apt-get install ghostscript`) says which pages it rendered. Where it renders every page, preflight
must read the file too, with the same number of pages: a file a print shop's RIP prints is not "unreadable".
Where neither can read it, preflight says so in one line. No file ends in any other exception.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from brochure.prepress import preflight
from tests.hardening import damaged

GS = shutil.which("gs")
pytestmark = pytest.mark.skipif(GS is None, reason="Ghostscript (gs) is not installed")

SEEDS = range(40)


def _structural(data: bytes, kind: str) -> bytes:
    xref = data.rindex(b"\nxref\n")
    startxref = data.rindex(b"startxref")
    if kind == "no-xref-table":
        return data[: xref + 1] + data[data.index(b"trailer", xref) :]
    if kind == "startxref-wrong":
        return data[:startxref] + b"startxref\n12345\n%%EOF\n"
    if kind == "startxref-missing":
        return data[:startxref]
    if kind == "no-eof-marker":
        return data.replace(b"%%EOF", b"")
    if kind == "count-wrong":
        return re.sub(rb"/Count 1 /Kids", b"/Count 7 /Kids", data, count=1)
    if kind == "trailer-without-root":
        return data.replace(b"/Root 1 0 R", b"/Rxxx 1 0 R")
    if kind == "offsets-shifted":
        return data[:200] + b" " * 37 + data[200:]
    if kind == "cut-at-three-quarters":
        return data[: len(data) * 3 // 4]
    raise ValueError(kind)


STRUCTURAL = [
    "no-xref-table",
    "startxref-wrong",
    "startxref-missing",
    "no-eof-marker",
    "count-wrong",
    "trailer-without-root",
    "offsets-shifted",
    "cut-at-three-quarters",
]


def ghostscript_pages(path: Path) -> tuple[int, int]:
    """(pages Ghostscript was asked to process, pages it rendered), from `gs -sDEVICE=nullpage`'s log."""
    done = subprocess.run(
        [GS, "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=nullpage", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    log = done.stdout + done.stderr
    asked = re.search(r"Processing pages 1 through (\d+)\.", log)
    rendered = len(re.findall(r"^Page \d+$", log, re.MULTILINE))
    failed = "page not found" in log or "Couldn't get page info" in log or done.returncode != 0
    return (int(asked[1]) if asked else 0), (0 if failed else rendered)


def _verdicts(tmp_path: Path, pdf: bytes) -> tuple[tuple[int, int], int | str]:
    path = tmp_path / "case.pdf"
    path.write_bytes(pdf)
    try:
        ours: int | str = len(preflight.inspect(path, "press").pages)
    except preflight.UnreadableError as exc:
        ours = str(exc)
        assert ours and "\n" not in ours and "0x" not in ours, ours  # one line, no object reprs
    return ghostscript_pages(path), ours


@pytest.mark.parametrize("case", [f"seed-{s}" for s in SEEDS] + STRUCTURAL)
def test_a_file_ghostscript_renders_is_one_preflight_reads(uncompressed_press_flyer, tmp_path, case):
    if case.startswith("seed-"):
        pdf = damaged(uncompressed_press_flyer, int(case.removeprefix("seed-")))
    else:
        pdf = _structural(uncompressed_press_flyer, case)
    (asked, rendered), ours = _verdicts(tmp_path, pdf)
    if asked and rendered == asked:
        assert ours == asked, f"Ghostscript renders all {asked} pages; preflight: {ours}"


def test_the_undamaged_flyer_is_read_alike(uncompressed_press_flyer, tmp_path):
    """The comparison can fail: Ghostscript renders the intact file's page and preflight counts it."""
    assert _verdicts(tmp_path, uncompressed_press_flyer) == ((1, 1), 1)


def test_a_file_neither_can_read_is_refused_in_one_line(uncompressed_press_flyer, tmp_path):
    (asked, rendered), ours = _verdicts(tmp_path, _structural(uncompressed_press_flyer, "trailer-without-root"))
    assert rendered == 0
    assert isinstance(ours, str) and ours.startswith("not a readable PDF"), ours
