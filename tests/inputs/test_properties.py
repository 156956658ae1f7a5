"""Property tests: any Unicode in a free-text field renders (and comes back out) or is refused clearly.

Example counts stay small for CI. A long local fuzz:
    HYPOTHESIS_PROFILE=fuzz pytest tests/inputs/test_properties.py
"""

from __future__ import annotations

import os
import unicodedata

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from brochure.batch.target import build_one
from brochure.errors import BrochureError
from brochure.inputs.project import Project
from brochure.inputs.targets import Target
from brochure.text.inline import plain
from tests.conftest import copy_project

settings.register_profile("ci", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=2000, deadline=None)
settings.register_profile("medium", max_examples=300, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

FIELDS = [
    ("introduction.yaml", ("summary",)),
    ("introduction.yaml", ("title",)),
    ("conclusion.yaml", ("key_points", 0)),
]


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    """One project copy for all examples (each restores the file it edits); the worker's own under xdist."""
    return copy_project(tmp_path_factory.mktemp("prop") / "proj")


def squeeze(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize(("filename", "key"), FIELDS)
@given(text=st.text(min_size=1, max_size=80))
def test_free_text_renders_or_is_refused_clearly(sandbox, filename, key, text):
    path = sandbox / "content/en" / filename
    original = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(original)
        node = data
        for k in key[:-1]:
            node = node[k]
        node[key[-1]] = text
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        try:
            built = build_one(Project(sandbox), Target("default", "en", "trifold", "letter"), sandbox / "out")
        except BrochureError as exc:
            assert exc.problems
            for p in exc.problems:
                assert p.location is not None and p.fix, p
            return
        pdf_text = squeeze(" ".join(page.extract_text() or "" for page in PdfReader(built.path).pages))
        expected = squeeze(plain(unicodedata.normalize("NFC", text.strip())).replace("\xad", ""))  # soft hyphen: a hint
        assert expected in pdf_text
    finally:
        path.write_text(original, encoding="utf-8")
