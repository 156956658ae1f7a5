"""ICC output profiles a brand may name for press files (`press.output_intent`): is it one, and its name.

Kept apart from pdf/press so that loading a brand (inputs/) can refuse a wrong file with its line,
without reaching up into the finishing step.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import ImageCms


def open_profile(path: Path) -> ImageCms.ImageCmsProfile:
    """The profile read into memory, never left open on its file.

    LittleCMS reads a file's tags lazily through the handle it keeps; build workers are forked, so they would
    share that handle's offset and read each other's tags ("Could not get profile" under `-j 2`).
    """
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(io.BytesIO(path.read_bytes()))


def problem(path: Path) -> str | None:
    """Why `path` cannot be a press output profile (not ICC, not CMYK, not an output device), or None."""
    from PIL import ImageCms

    try:
        profile = open_profile(path).profile
    except (OSError, ImageCms.PyCMSError) as exc:
        first = str(exc).splitlines()[0][:80] if str(exc) else "unreadable"
        return f"is not an ICC profile ({first})"
    space = profile.xcolor_space.strip()
    if space != "CMYK":
        return f"is a {space} profile, not CMYK"
    if profile.device_class.strip() != "prtr":
        return f"is a {profile.device_class.strip()!r} profile, not an output (printer) profile"
    return None


def description(path: Path) -> str:
    """The profile's own description ("Coated FOGRA39 (ISO 12647-2:2004)"), or its file name."""
    from PIL import ImageCms

    return ImageCms.getProfileDescription(open_profile(path)).strip() or path.name
