"""Helpers for the issue-22 tests: run the CLI in a child process (with a time limit, as another user)."""

from __future__ import annotations

import os
import random
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


def lzw_bomb(eights: int) -> bytes:
    """LZW data decoding to 59 MB per 44 KB: runs of 'a' growing the table to full, then a clear; 8 x eights runs.

    Eight such runs end on a byte boundary, so they repeat as bytes; a 2.6 MB stream asks qpdf for 3.5 GB.
    """
    out, acc, held = bytearray(), 0, 0
    for _ in range(8):
        width, size = 9, 258
        for n, code in enumerate([97, *range(258, 4095), 256]):
            acc, held = (acc << width) | code, held + width
            while held >= 8:
                held -= 8
                out.append((acc >> held) & 0xFF)
            acc &= (1 << held) - 1
            size += n > 0  # each code after the first adds an entry
            if size + 1 >= 1 << width and width < 12:
                width += 1
    return bytes(out) * eights + bytes([257 >> 1, (257 & 1) << 7])  # the end-of-data code, nine bits wide


def flate_bomb(megabytes: int) -> bytes:
    """A valid zlib stream of `megabytes` MB of spaces, made in milliseconds: one fully flushed block, repeated.

    After a full flush the compressor forgets what came before, so each MB compresses to the same bytes;
    the stream ends with an empty final block and the checksum of the whole.
    """
    import zlib

    mb = b" " * (1 << 20)
    c = zlib.compressobj(9)
    head = c.compress(mb) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(mb) + c.flush(zlib.Z_FULL_FLUSH)
    check = 1
    for _ in range(megabytes):
        check = zlib.adler32(mb, check)
    return head[:2] + block * megabytes + b"\x03\x00" + check.to_bytes(4, "big")


def damaged(data: bytes, seed: int) -> bytes:
    """`data` with one of four kinds of damage a download or a disk does: flipped bits, a cut, a zeroed or a
    repeated stretch (the kind is `seed % 4`; the same seed, the same damage)."""
    rng = random.Random(seed)
    buf = bytearray(data)
    kind = seed % 4
    if kind == 0:
        for _ in range(rng.randint(1, 64)):
            i = rng.randrange(len(buf))
            buf[i] ^= 1 << rng.randrange(8)
        return bytes(buf)
    if kind == 1:
        return bytes(buf[: rng.randrange(12, len(buf))])
    at, n = rng.randrange(len(buf)), rng.randint(1, 4096)
    if kind == 2:
        buf[at : at + n] = bytes(min(n, len(buf) - at))
        return bytes(buf)
    return bytes(buf[:at] + buf[at : at + n] * rng.randint(2, 5) + buf[at:])
