"""The small inline markup content may use: **bold** and _italic_. Nothing else.

User text is escaped first, so `<font>`, `<a href=…>` or `&amp;` print
literally instead of reaching ReportLab's paragraph parser.
"""

from __future__ import annotations

import re

# html.escape with quote=False escapes &, < and > exactly as xml.sax.saxutils.escape does, without importing
# urllib.request, http.client and ssl as xml.sax.saxutils does (12 modules, ~10 ms of a cold start, issue 21)
from html import escape

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])_(?=\S)(.+?)(?<=\S)_(?![\w*])")


def to_markup(text: str) -> str:
    """Content text → ReportLab paragraph markup (escaped, with <b>/<i> only)."""
    out = escape(text, quote=False)
    out = _BOLD.sub(r"<b>\1</b>", out)
    out = _ITALIC.sub(r"<i>\1</i>", out)
    return out


def plain(text: str) -> str:
    """Content text without its inline marks, for checks and metadata."""
    return _ITALIC.sub(r"\1", _BOLD.sub(r"\1", text))
