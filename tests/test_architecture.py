"""The folders are the pipeline: imports flow only down (README: How a build flows)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_imports_flow_only_down_the_pipeline():
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    run = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_check_imports_no_rendering_code():
    """`brochure check` validates and checks without loading render/, pdf/, build/ or ReportLab's drawing half."""
    probe = (
        "import sys\n"
        "from brochure.cli import main\n"
        "try:\n"
        "    main(['check'])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(("
        "'brochure.render', 'brochure.pdf', 'brochure.batch', 'brochure.prepress', 'brochure.text.paragraph', "
        "'reportlab.platypus', 'reportlab.pdfgen', 'pikepdf')))\n"
        "print(loaded)\n"
        "assert not loaded, loaded\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
