"""Generated files stay honest: the committed JSON Schema matches the models, and YAML points at it."""

from __future__ import annotations

import json
import re

import pytest

from brochure.cli import schema
from tests.conftest import ROOT

GENERATED = [("schema", name, text) for name, text in sorted(schema.generate().items())] + [
    ("docs", name, text) for name, text in sorted(schema.generate_docs().items())
]  # the JSON Schemas, and docs/brand.md, layouts.md and content.md (every key, with the schema's words)


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
        "content.md": ("`key_points`", "`disclaimer`", "`crisis_terms`", "`every_length`", "`fallback_fonts`"),
    }
    for page, keys in wanted.items():
        for key in keys:
            rows = [line for line in docs[page].splitlines() if line.startswith(f"| {key} |")]
            assert any(row.rsplit("|", 2)[-2].strip() for row in rows), f"{page}: {key} has no description"


def undescribed(node: object, path: str = "") -> list[str]:
    """Every property, anywhere in a JSON Schema (models under `$defs`, the `else` of a brand), without words."""
    found = []
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            bare = [key for key, prop in props.items() if not prop.get("description", "").strip()]
            found += [f"{path}/properties/{key}" for key in bare]
        for key, sub in node.items():
            found += undescribed(sub, f"{path}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            found += undescribed(sub, f"{path}/{i}")
    return found


def test_the_walk_finds_a_property_without_words_at_any_depth():
    schema = {"properties": {"a": {"description": "A."}}, "$defs": {"M": {"properties": {"b": {"type": "string"}}}}}
    assert undescribed(schema) == ["/$defs/M/properties/b"]
    assert undescribed({"else": {"properties": {"c": {"description": " "}}}}) == ["/else/properties/c"]


SCHEMA_FILES = sorted((ROOT / "schema").glob("*.schema.json"))


def test_every_schema_file_is_walked():
    assert {p.name for p in SCHEMA_FILES} == set(schema.generate())


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_every_property_of_every_schema_has_a_description(path):
    """Editors show a key's description as its autocomplete help: every key a file may hold has one."""
    missing = undescribed(json.loads(path.read_text(encoding="utf-8")))
    assert not missing, f"{path.name}: no description for " + ", ".join(missing)


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
