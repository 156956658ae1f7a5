"""The small inline markup content may use: **bold** and _italic_. Nothing else.

User text is escaped first, so `<font>`, `<a href=…>` or `&amp;` print
literally instead of reaching ReportLab's paragraph parser.
"""

from __future__ import annotations

import re

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])_(?=\S)(.+?)(?<=\S)_(?![\w*])")


def to_markup(text: str) -> str:
    """Content text → ReportLab paragraph markup (escaped, with <b>/<i> only)."""
    # imported here: xml.sax.saxutils pulls in urllib.request, http.client and ssl, which `brochure check`
    # (it only calls `plain`) never needs; a build has them loaded by ReportLab already (issue 21)
    from xml.sax.saxutils import escape

    out = escape(text)
    out = _BOLD.sub(r"<b>\1</b>", out)
    out = _ITALIC.sub(r"<i>\1</i>", out)
    return out


def plain(text: str) -> str:
    """Content text without its inline marks, for checks and metadata."""
    return _ITALIC.sub(r"\1", _BOLD.sub(r"\1", text))
