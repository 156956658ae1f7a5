"""Generated files stay honest: the committed JSON Schema matches the models, and YAML points at it."""

from __future__ import annotations

import re

import pytest

from brochure.cli import schema
from tests.conftest import ROOT

GENERATED = [("schema", name, text) for name, text in sorted(schema.generate().items())] + [
    ("docs", name, text) for name, text in sorted(schema.generate_docs().items())
]  # the JSON Schemas, and docs/brand.md and docs/layouts.md (every key, with the schema's words)


@pytest.mark.parametrize(("folder", "name", "text"), GENERATED, ids=[f"{f}/{n}" for f, n, _ in GENERATED])
def test_committed_generated_file_is_current(folder, name, text):
    committed = ROOT / folder / name
    assert committed.exists(), f"{folder}/{name} missing: run `brochure schema`"
    assert committed.read_text(encoding="utf-8") == text, f"{folder}/{name} is stale: run `brochure schema`"


def test_the_key_reference_describes_the_keys_a_newcomer_edits():
    docs = schema.generate_docs()
    wanted = {
        "brand.md": ("`primary`", "`logo`", "`notes`", "`papers`", "`region`"),
        "layouts.md": ("`safe_zone`", "`min_body`", "`measure`", "`notice`", "`optional`", "`continues`"),
    }
    for page, keys in wanted.items():
        for key in keys:
            rows = [line for line in docs[page].splitlines() if line.startswith(f"| {key} |")]
            assert any(row.rsplit("|", 2)[-2].strip() for row in rows), f"{page}: {key} has no description"


def shipped_yaml():
    for folder in ("content", "assets/brands", "src/brochure/layouts"):
        yield from sorted((ROOT / folder).rglob("*.yaml"))


@pytest.mark.parametrize("path", list(shipped_yaml()), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_yaml_file_names_its_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert m, f"{path.relative_to(ROOT)}: first line must be the yaml-language-server schema comment"
    target = (path.parent / m.group(1)).resolve()
    assert target.is_file() and target.parent == (ROOT / "schema").resolve(), f"{m.group(1)} does not resolve"


def test_ci_runs_exactly_the_readme_test_command():
    """`.ci/run` ends with the README's test command (Quick start), so what CI runs is what the README says."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines() if line.startswith('pip install -e ".[test]"'))
    ci = [line for line in (ROOT / ".ci/run").read_text().splitlines() if line and not line.startswith("#")]
    assert ci[-1] == command
    assert "pytest -q -n auto" in command
