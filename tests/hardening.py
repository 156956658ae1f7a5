"""Helpers for the issue-22 tests: run the CLI in a child process (with a time limit, as another user)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOBODY = 65534


def world_readable_project(parts: tuple[str, ...] = ("content", "assets")) -> Path:
    """A copy of the shipped project in a folder another user can enter (pytest's tmp_path is 0700)."""
    top = Path(tempfile.mkdtemp(prefix="brochure-hardening-"))
    top.chmod(0o755)
    root = top / "proj"
    for part in parts:
        shutil.copytree(ROOT / part, root / part)
    return root


def cli(*args: str, cwd: Path, timeout: float = 120, unprivileged: bool = False, limits=None, env=None):
    """`python -m brochure ARGS` in `cwd`; as uid 65534 when `unprivileged` and we are root.

    `limits` is a list of (resource.RLIMIT_*, value) set in the child before it starts.
    """
    import resource

    def before() -> None:
        for what, value in limits or []:
            resource.setrlimit(what, (value, value))
        if unprivileged and os.geteuid() == 0:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)

    full_env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "HOME": str(cwd), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "brochure", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=before,
        env=full_env,
    )
