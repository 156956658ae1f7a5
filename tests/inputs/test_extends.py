"""`extends:` in a brand file: values layer like every other file, and every problem is at the file that set it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brochure.errors import BrochureError
from brochure.inputs.project import Project
from tests.conftest import copy_project

FIXTURE = Path(__file__).parents[1] / "fixtures" / "network"


@pytest.fixture
def network(tmp_path, monkeypatch) -> Path:
    """The shipped project plus the network example: harbor-light-south extends harbor-light."""
    root = copy_project(tmp_path / "proj")
    shutil.copytree(FIXTURE, root, dirs_exist_ok=True)
    monkeypatch.chdir(root)
    return root


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def problems_of(root: Path, brand: str) -> list:
    with pytest.raises(BrochureError) as err:
        Project(root).load_brand(brand)
    return err.value.problems


def test_a_clinic_overrides_a_colour_and_its_contact_and_inherits_the_rest(network):
    project = Project(network)
    parent = project.load_brand("harbor-light").brand
    loaded = project.load_brand("harbor-light-south")
    b = loaded.brand
    assert b.name == "Harbor Light South"
    assert b.colors.primary == "#1E5E4A" and b.colors.accent == parent.colors.accent == "#D9962B"
    assert b.colors.crisis_accent == parent.colors.crisis_accent
    assert b.contact.phone == "(207) 555-0188" and b.contact.address == ["85 Ocean Street", "South Portland, ME 04106"]
    assert b.contact.website == parent.contact.website and b.contact.hours == parent.contact.hours
    assert b.notes == parent.notes and len(b.notes) == 2
    assert b.fonts == parent.fonts and loaded.body.name == "Source Sans 3"
    assert loaded.logo_path == (network / "assets/logos/harbor-light.png").resolve()
    assert b.translations["es"].notes == parent.translations["es"].notes  # translations come along
    assert loaded.chain == [
        (network / "assets/brands/harbor-light-south.yaml").resolve(),
        (network / "assets/brands/harbor-light.yaml").resolve(),
    ]


def test_a_parents_relative_paths_stay_relative_to_the_parent(network):
    """A network brand in its own folder: its `logo: ../logos/…` is read from there, not from the child's folder."""
    net = network / "network" / "brands"
    net.mkdir(parents=True)
    (network / "network" / "logos").mkdir()
    shutil.copy(network / "assets/logos/harbor-light.png", network / "network/logos/network.png")
    text = (network / "assets/brands/harbor-light.yaml").read_text(encoding="utf-8")
    (net / "net.yaml").write_text(text.replace("../logos/harbor-light.png", "../logos/network.png"), encoding="utf-8")
    child = network / "assets/brands/harbor-light-south.yaml"
    child.write_text(
        child.read_text(encoding="utf-8").replace("extends: harbor-light", "extends: ../../network/brands/net.yaml"),
        encoding="utf-8",
    )
    loaded = Project(network).load_brand("harbor-light-south")
    assert loaded.logo_path == (network / "network/logos/network.png").resolve()


def test_translations_merge_per_language_and_key(network):
    child = network / "assets/brands/harbor-light-south.yaml"
    child.write_text(
        child.read_text(encoding="utf-8")
        + "translations:\n  es:\n    hours:\n      - Lunes a viernes, de 9 a. m. a 5 p. m.\n",
        encoding="utf-8",
    )
    project = Project(network)
    parent = project.load_brand("harbor-light").brand.translations
    es = project.load_brand("harbor-light-south").brand.translations
    assert es["es"].hours == ["Lunes a viernes, de 9 a. m. a 5 p. m."]
    assert es["es"].notes == parent["es"].notes and es["es"].status == "machine-draft"
    assert es["es"].translated_from == parent["es"].translated_from
    assert es["ko"] == parent["ko"]


def test_a_bad_value_in_the_parent_is_reported_at_the_parents_line(network):
    parent = network / "assets/brands/harbor-light.yaml"
    parent.write_text(parent.read_text(encoding="utf-8").replace('accent: "#D9962B"', 'accent: "#D9962"'), "utf-8")
    (problem,) = problems_of(network, "harbor-light-south")
    assert problem.location.file == "assets/brands/harbor-light.yaml"
    assert problem.location.line == line_of(parent, "accent:") and problem.field == "colors.accent"


def test_a_bad_value_in_the_child_is_reported_at_the_childs_line(network):
    child = network / "assets/brands/harbor-light-south.yaml"
    child.write_text(child.read_text(encoding="utf-8").replace('"#1E5E4A"', '"#1E5E4"'), "utf-8")
    (problem,) = problems_of(network, "harbor-light-south")
    assert problem.location.file == "assets/brands/harbor-light-south.yaml"
    assert problem.location.line == line_of(child, "primary:") and problem.field == "colors.primary"


def test_a_parents_missing_logo_is_reported_at_the_parents_logo_line(network):
    parent = network / "assets/brands/harbor-light.yaml"
    parent.write_text(parent.read_text(encoding="utf-8").replace("harbor-light.png", "gone.png"), "utf-8")
    (problem,) = problems_of(network, "harbor-light-south")
    assert str(problem.location).startswith(f"assets/brands/harbor-light.yaml:{line_of(parent, 'logo:')}:")
    assert "gone.png" in problem.message


def test_set_overrides_an_inherited_value_and_is_located_at_the_option(network):
    project = Project(network)
    project.overrides = {"brand": [(("colors", "accent"), "#12345", "brand.colors.accent=#12345")]}
    with pytest.raises(BrochureError) as err:
        project.load_brand("harbor-light-south")
    (problem,) = err.value.problems
    assert str(problem.location) == "--set brand.colors.accent"


def test_a_deep_chain_is_a_located_error(network):
    brands = network / "assets/brands"
    for i in range(10):  # b0 extends b1 … b9 extends harbor-light: nine parents above b0
        parent = f"b{i + 1}" if i < 9 else "harbor-light"
        (brands / f"b{i}.yaml").write_text(f"extends: {parent}\nname: Clinic {i}\n", encoding="utf-8")
    Project(network).load_brand("b2")  # eight parents: fine
    (problem,) = problems_of(network, "b0")
    assert "at most 8" in problem.message
    assert str(problem.location) == "assets/brands/b8.yaml:1:10"


def test_the_brand_schema_asks_for_the_required_keys_only_without_extends():
    """Editors read schema/brand.schema.json: a clinic file with `extends:` and a colour or two is not flagged."""
    import json

    from brochure.cli import schema

    brand = json.loads(schema.generate()["brand.schema.json"])
    assert "required" not in brand and not any("required" in d for d in brand["$defs"].values())
    assert brand["if"] == {"required": ["extends"]}
    assert brand["else"]["required"] == ["name", "colors"]
    colors = brand["else"]["properties"]["colors"]  # what is required, and the key's words (no types)
    assert colors == {"required": ["primary", "accent"], "description": brand["properties"]["colors"]["description"]}
