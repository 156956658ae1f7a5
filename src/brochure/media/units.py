"""Lengths in data files: `0.75in`, `18mm`, `54pt` or a bare number of points."""

from __future__ import annotations

import math
import re
from typing import Annotated

from pydantic import BeforeValidator

_UNITS = {"pt": 1.0, "in": 72.0, "mm": 72.0 / 25.4, "cm": 72.0 / 2.54}
_RE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|in|mm|cm)?\s*$")


def to_points(value: object) -> float:
    if isinstance(value, bool):
        raise ValueError("expected a length such as 0.5in, 12mm or 36pt")
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise ValueError("expected a finite length such as 0.5in, 12mm or 36pt\nfix: use a finite number")
        return float(value)
    if isinstance(value, str):
        m = _RE.match(value)
        if m:
            return float(m.group(1)) * _UNITS[m.group(2) or "pt"]
    raise ValueError("expected a length such as 0.5in, 12mm or 36pt")


Length = Annotated[float, BeforeValidator(to_points)]


def to_dimension(value: object) -> float | str:
    """A length in points, or a percentage string kept for the page size to resolve."""
    if isinstance(value, str) and value.strip().endswith("%"):
        try:
            pct = float(value.strip()[:-1])
        except ValueError:
            raise ValueError("expected a percentage such as 50%") from None
        if not 0 <= pct <= 100:
            raise ValueError("a percentage must be between 0% and 100%")
        return f"{pct}%"
    return to_points(value)


def resolve(value: float | str, whole: float) -> float:
    if isinstance(value, str):
        return whole * float(value[:-1]) / 100
    return value


Dimension = Annotated[float | str, BeforeValidator(to_dimension)]
