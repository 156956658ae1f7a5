"""Inherited brands through the command line: the child's handout, located errors, rebuilds when a parent changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdf
import pytest

from tests.conftest import copy_project, run

FIXTURE = Path(__file__).parents[1] / "fixtures" / "network"
ONE = ["--lang", "en", "--length", "flyer", "--paper", "letter", "-j", "1"]


@pytest.fixture
def network(tmp_path, monkeypatch) -> Path:
    root = copy_project(tmp_path / "proj")
    shutil.copytree(FIXTURE, root, dirs_exist_ok=True)
    monkeypatch.chdir(root)
    return root


def text_of(path: Path) -> str:
    return "".join(p.extract_text() for p in pypdf.PdfReader(path).pages)


def refused(res, *expected: str) -> None:
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output and "internal error" not in res.output, res.output
    for text in expected:
        assert text in res.output, res.output


def test_the_childs_handout_prints_its_own_contact_and_the_networks_hours(network):
    res = run("build", "--brand", "harbor-light-south", *ONE)
    assert res.exit_code == 0, res.output
    text = text_of(network / "dist/harbor-light-south/en/flyer-letter.pdf")
    assert "Harbor Light South" in text and "(207) 555-0188" in text and "85 Ocean Street" in text
    assert "Monday to Thursday, 8 am to 6 pm" in text  # hours: the network's
    assert "(207) 555-0142" not in text and "400 Harbor View Road" not in text


def test_a_change_in_the_parent_rebuilds_the_childs_handout(network):
    args = ("build", "--brand", "harbor-light-south", *ONE)
    assert "wrote" in run(*args).output
    assert "up to date" in run(*args).output
    parent = network / "assets/brands/harbor-light.yaml"
    parent.write_text(
        parent.read_text(encoding="utf-8").replace("Friday, 8 am to 2 pm", "Friday, 8 am to 1 pm"), "utf-8"
    )
    res = run(*args)
    assert "wrote dist/harbor-light-south/en/flyer-letter.pdf" in res.output, res.output
    assert "Friday, 8 am to 1 pm" in text_of(network / "dist/harbor-light-south/en/flyer-letter.pdf")


def test_a_cycle_is_a_located_error(network):
    brands = network / "assets/brands"
    (brands / "a.yaml").write_text("extends: b\nname: A\n", encoding="utf-8")
    (brands / "b.yaml").write_text("name: B\nextends: a\n", encoding="utf-8")
    cycle = "`extends: a` makes a cycle: assets/brands/a.yaml → assets/brands/b.yaml → assets/brands/a.yaml"
    refused(run("build", "--brand", "a", *ONE), f"assets/brands/b.yaml:2:10: error: {cycle}")
    refused(run("check"), "assets/brands/b.yaml:2:10", cycle)  # check's table: file:line, then the message


def test_a_missing_parent_is_a_located_error(network):
    child = network / "assets/brands/harbor-light-south.yaml"
    child.write_text(
        child.read_text(encoding="utf-8").replace("extends: harbor-light", "extends: harbour-light"), "utf-8"
    )
    res = run("build", "--brand", "harbor-light-south", *ONE)
    refused(res, "assets/brands/harbor-light-south.yaml:4:10: error: `extends: harbour-light`: no such brand", "fix:")
    assert not (network / "dist").exists() or not list((network / "dist").rglob("*.pdf"))


def test_a_parent_outside_the_project_is_refused(network, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    shutil.copy(network / "assets/brands/harbor-light.yaml", outside)
    child = network / "assets/brands/harbor-light-south.yaml"
    child.write_text(child.read_text(encoding="utf-8").replace("extends: harbor-light", f"extends: {outside}"), "utf-8")
    refused(run("build", "--brand", "harbor-light-south", *ONE), "points outside the project folder")
