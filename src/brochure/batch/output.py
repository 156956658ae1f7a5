"""Write files atomically: temporary files in the same folders, then renames.

A reader (or a crash) never sees a half-written PDF, and an earlier good
file stays in place until the new one is complete. `write_together` writes a
PDF and its stamp as one unit: both temporaries are complete on disk before
the first rename, so an unwritable stamp folder stops the build before any
PDF is replaced. The stamp names the PDF's content hash, so whichever order
two racing builds rename in, a stamp never vouches for the other's PDF
(`matrix.up_to_date` compares the hash). Temporaries carry the writer's
process id; `clean_stale` removes those whose writer is gone (a `kill -9`).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from pathlib import Path

from brochure.errors import BrochureError, Location, Problem, display_path

STALE_SECONDS = 15 * 60  # a temporary without a live writer's pid older than this is debris
ABANDONED_SECONDS = 60 * 60  # no build writes one file this long: debris even if its pid was reused
_PART = re.compile(r"^\..+\.(\d+)\.[^.]+\.part$")  # .<name>.<pid>.<random>.part


def write_atomic(path: Path, data: bytes) -> None:
    """One file, atomically (see the module's docstring)."""
    write_together([(path, data)])


def write_together(files: list[tuple[Path, bytes]]) -> None:
    """Every file complete in a temporary first; then the renames, in order. Nothing replaced on failure."""
    temps: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            temps.append((_temporary(path, data), path))
        for tmp, path in temps:
            os.replace(tmp, path)
    except OSError as exc:
        raise BrochureError([_os_problem(exc, path)]) from None
    finally:
        for tmp, _ in temps:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def _temporary(path: Path, data: bytes) -> str:
    try:
        if path.parent.exists() and not path.parent.is_dir():
            raise NotADirectoryError(path.parent)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            raise IsADirectoryError(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".part", dir=path.parent)
    except (NotADirectoryError, FileExistsError) as exc:
        raise BrochureError(
            [
                Problem(
                    f"cannot create the output folder: {display_path(exc.filename or path.parent)} is a file",
                    Location(display_path(path)),
                    fix="choose another --out folder or remove that file",
                )
            ]
        ) from None
    except IsADirectoryError:
        raise BrochureError(
            [Problem("the output path is a folder", Location(display_path(path)), fix="remove or rename that folder")]
        ) from None
    except PermissionError:
        raise BrochureError(
            [
                Problem(
                    "the output folder is not writable; nothing was replaced",
                    Location(display_path(path.parent)),
                    fix="choose another --out folder or fix its permissions",
                )
            ]
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return tmp


def _os_problem(exc: OSError, path: Path) -> Problem:
    return Problem(
        f"cannot write {display_path(path)} ({exc.strerror or exc}); nothing was replaced",
        Location(display_path(path.parent)),
        fix="free disk space or fix the folder's permissions, then build again",
    )


def clean_stale(folder: Path, limit: int = 10_000) -> int:
    """Remove `.part` temporaries whose writer has died (or, without a pid, older than STALE_SECONDS)."""
    removed = 0
    if not folder.is_dir():
        return 0
    now = time.time()
    for n, path in enumerate(folder.rglob(".*.part")):
        if n >= limit:
            break
        m = _PART.match(path.name)
        try:
            age = now - path.lstat().st_mtime
            if m and _alive(int(m.group(1))) and age < ABANDONED_SECONDS:
                continue
            if not m and age < STALE_SECONDS:
                continue
            path.unlink()
            removed += 1
        except OSError:
            continue
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except PermissionError:  # another user's process
        return True
    except (ProcessLookupError, OverflowError, ValueError):
        return False
    return pid > 0
