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


# as root, file permissions and process limits do not apply; these drop what makes them not apply
AS = {
    # root without the capabilities that read any file: a mode-000 folder is unreadable again
    "no-file-override": ["setpriv", "--bounding-set=-dac_override,-dac_read_search"],
    # another user (process limits count per user, and never for root); it may still read the venv under /root
    "other-user": [
        "setpriv",
        f"--reuid={NOBODY}",
        f"--regid={NOBODY}",
        "--clear-groups",
        "--inh-caps=+dac_read_search",
        "--ambient-caps=+dac_read_search",
    ],
}


def cli(*args: str, cwd: Path, timeout: float = 120, as_: str = "", limits=None, env=None, popen: bool = False):
    """`python -m brochure ARGS` in `cwd`, with a time limit; `as_` one of AS (when we are root).

    `limits` is a list of (resource.RLIMIT_*, value) set in the child before it starts.
    """
    import resource

    def before() -> None:
        os.setsid()  # its own process group: a test can kill the build and everything it started
        for what, value in limits or []:
            resource.setrlimit(what, (value, value))

    prefix = AS[as_] if as_ and os.geteuid() == 0 else []
    full_env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "HOME": str(cwd), **(env or {})}
    command = [*prefix, sys.executable, "-m", "brochure", *args]
    if popen:
        return subprocess.Popen(
            command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=before, env=full_env
        )
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=timeout, preexec_fn=before, env=full_env
    )
