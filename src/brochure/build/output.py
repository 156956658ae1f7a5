"""Write files atomically: a temporary file in the same folder, then rename.

A reader (or a crash) never sees a half-written PDF, and an earlier good
file stays in place until the new one is complete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from brochure.errors import BrochureError, Location, Problem, display_path


def write_atomic(path: Path, data: bytes) -> None:
    try:
        if path.parent.exists() and not path.parent.is_dir():
            raise NotADirectoryError(path.parent)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            raise IsADirectoryError(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
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
                    "the output folder is not writable",
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
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
