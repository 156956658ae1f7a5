"""Dates as a language writes them (Babel), or ISO 8601 when the page could not show that.

Babel knows how Thai, Georgian or Amharic write "2 December 2026", but the
brand's fonts may lack those letters: ReportLab would then drop the month
name in silence ("updated 2 . 2026"). The documented fallback (README,
Limits) is the ISO date, 2026-12-02, which every script's readers know and
every font can print.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date


def long_date(d: date, code: str, printable: Callable[[str], bool] | None = None) -> str:
    """`d` in the language's long form, or ISO 8601 when Babel lacks the locale or `printable` refuses the text."""
    from babel import Locale
    from babel.core import UnknownLocaleError
    from babel.dates import format_date

    try:
        locale = Locale.parse(code.replace("-", "_"))
        text = format_date(d, format="long", locale=locale)
    except (UnknownLocaleError, ValueError):  # babel lacks the locale: ISO dates read everywhere
        return d.isoformat()
    if re.fullmatch(r"M\d+", locale.months["format"]["wide"].get(d.month, "")):
        return d.isoformat()  # a locale without month names (Haitian Creole): CLDR's root prints "2026 M12 2"
    if printable is not None and not printable(text):
        return d.isoformat()
    return text
