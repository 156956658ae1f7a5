"""ICC output profiles a brand may name for press files (`press.output_intent`): is it one, and its name.

Kept apart from pdf/press so that loading a brand (inputs/) can refuse a wrong file with its line,
without reaching up into the finishing step.
"""

from __future__ import annotations

from pathlib import Path


def problem(path: Path) -> str | None:
    """Why `path` cannot be a press output profile (not ICC, not CMYK, not an output device), or None."""
    from PIL import ImageCms

    try:
        profile = ImageCms.getOpenProfile(str(path)).profile
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

    return ImageCms.getProfileDescription(ImageCms.getOpenProfile(str(path))).strip() or path.name
