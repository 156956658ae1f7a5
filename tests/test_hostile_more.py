"""Hostile inputs of issue 20: long titles, regex-looking terms, odd YAML, odd options, internal errors.

Every case goes through the command line and must end in a located message
with a `fix:` (exit 1) or a usage error (exit 2): never a traceback, a hang
or a partial PDF.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run

MANIFEST = "content/handout.yaml"
LANGUAGE = "content/en/language.yaml"
LONG_TITLE = (
    "Ketamine-Assisted Therapy for Treatment-Resistant Depression: "
    "What Patients and Families Should Know Before Starting"
)


def set_line(project: Path, rel: str, pattern: str, line: str) -> None:
    """Replace the first line matching `pattern` (a regex, multi-line) with `line`."""
    path = project / rel
    text = path.read_text(encoding="utf-8")
    new, n = re.subn(pattern, lambda _: line, text, count=1, flags=re.M)
    assert n == 1, f"{pattern!r} not in {rel}"
    path.write_text(new, encoding="utf-8")


def assert_refused_clearly(res, code: int = 1) -> None:
    assert res.exit_code == code, res.output
    assert "Traceback" not in res.output
    if code == 1:
        assert re.search(r"^\S+:\d+(:\d+)?: error: |^\S+ +error ", res.output, re.M), res.output[:2000]
        assert "fix:" in res.output


def no_pdf(project: Path) -> bool:
    return not list(project.rglob("*.pdf"))


# 1. Titles: long or with a very long word, they wrap, shrink, or fail the fit check; never crash.
TITLES = {
    "realistic-115-characters": LONG_TITLE,
    "a-280-character-word": "a" * 280,
    "words-and-a-long-word": "Ketamine " + "b" * 200,
}


@pytest.mark.parametrize("length", ["flyer", "trifold", "booklet"])
@pytest.mark.parametrize("title", TITLES.values(), ids=TITLES.keys())
def test_a_long_title_fits_or_fails_the_fit_check(project, title, length):
    set_line(project, MANIFEST, r"^title: .*$", f"title: {title!r}")
    res = run("build", "--brand", "default", "--lang", "en", "--length", length, "--paper", "letter")
    assert "Traceback" not in res.output
    assert res.exit_code in (0, 1), res.output
    if res.exit_code == 1:  # the usual fit message, pointing at the title
        assert f"{MANIFEST}:" in res.output and "does not fit" in res.output, res.output
        assert "fix: shorten the title" in res.output
        assert no_pdf(project)
