"""The Python API (`brochure.build`, `brochure.check`): the CLI's functions, typed results, the same located errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

import brochure
from brochure.errors import BrochureError
from tests.conftest import ROOT, copy_project, run


@pytest.fixture
def proj(tmp_path) -> Path:
    return copy_project(tmp_path / "proj")


def overlay(root: Path, broken: str) -> None:
    """A broken input of tests/fixtures/broken/ copied over the project."""
    shutil.copytree(Path(__file__).parent / "fixtures" / "broken" / broken, root, dirs_exist_ok=True)


def test_build_writes_the_pdfs_it_returns(proj, tmp_path):
    result = brochure.build(
        project=proj, brands=["default"], langs=["en", "es"], lengths=["flyer", "trifold"], papers=["letter"],
        out=tmp_path / "out", jobs=1,
    )  # fmt: skip
    assert result.ok and not result.problems and not result.skipped
    assert sorted(w.path.relative_to(tmp_path / "out").as_posix() for w in result.written) == [
        "default/en/flyer-letter.pdf",
        "default/en/trifold-letter.pdf",
        "default/es/flyer-letter.pdf",
        "default/es/trifold-letter.pdf",
    ]
    for written in result.written:
        with pikepdf.open(written.path) as pdf:
            assert len(pdf.pages) == written.pages == {"flyer": 1, "trifold": 2}[written.length]
        assert written.size == written.path.stat().st_size
    again = brochure.build(
        project=proj, brands=["default"], langs=["en"], lengths=["flyer"], papers=["letter"], out=tmp_path / "out"
    )
    assert again.ok and not again.written and again.skipped == [tmp_path / "out/default/en/flyer-letter.pdf"]


def test_the_cli_and_the_api_share_the_fingerprint(proj, monkeypatch):
    """The same functions: what the API built, the CLI finds up to date."""
    brochure.build(project=proj, brands=["default"], langs=["en"], lengths=["flyer"], papers=["letter"])
    monkeypatch.chdir(proj)
    res = run("build", "--brand", "default", "--lang", "en", "--length", "flyer", "--paper", "letter")
    assert res.exit_code == 0 and "up to date dist/default/en/flyer-letter.pdf" in res.output, res.output


def test_a_target_that_fails_is_in_the_result_and_the_others_are_written(proj, tmp_path):
    overlay(proj, "missing-glyph")  # English text with characters the fonts lack; Spanish is fine
    result = brochure.build(project=proj, brands=["default"], langs=["en", "es"], lengths=["flyer"], papers=["letter"])
    assert not result.ok
    assert {str(p.location) for p in result.problems} >= {"content/en/introduction.yaml:2:10"}
    assert [(w.lang, w.length) for w in result.written] == [("es", "flyer")] and result.written[0].path.is_file()
    assert not (proj / "dist/default/en/flyer-letter.pdf").exists()


def test_a_bad_project_raises_the_located_error_the_cli_prints(proj, monkeypatch):
    brand = proj / "assets/brands/default.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").replace('primary: "#3B4A5C"', 'primary: "#3B4A5"'), "utf-8")
    with pytest.raises(BrochureError) as err:
        brochure.build(project=proj, langs=["en"], lengths=["flyer"])
    (problem,) = err.value.problems
    assert str(problem.location) == "assets/brands/default.yaml:8:3" and problem.field == "colors.primary"
    assert not (proj / "dist").exists()
    monkeypatch.chdir(proj)
    res = run("build", "--lang", "en", "--length", "flyer")
    assert res.exit_code == 1 and f"{problem.location}: error: {problem.message}" in res.output, res.output
    assert f"fix: {problem.fix}" in res.output


def test_no_project_there_raises_a_located_error(tmp_path):
    with pytest.raises(BrochureError) as err:
        brochure.check(project=tmp_path)
    assert "no brochure project here" in err.value.problems[0].message


def test_check_returns_the_problems_of_a_project_with_a_planted_error(proj):
    overlay(proj, "unknown-key")  # content/en/science.yaml: `titel:` and `paragrph:`
    section = proj / "content/en/science.yaml"
    lines = section.read_text(encoding="utf-8").splitlines()
    result = brochure.check(project=proj)
    assert not result.ok and not result.validated
    (titel,) = [p for p in result.errors if p.message == "unknown key `titel`"]
    assert str(titel.location).startswith("content/en/science.yaml:")
    assert lines[titel.location.line - 1].lstrip().startswith("titel:")
    assert titel.severity == "error" and titel.fix == "did you mean `title`?"
    assert any(p.field == "body[1].paragrph" for p in result.errors)


def test_check_of_the_shipped_project_is_ok_and_strict_counts_warnings():
    result = brochure.check(project=ROOT)
    assert result.ok and result.validated and "en" in result.languages and "harbor-light" in result.brands
    assert brochure.check(project=ROOT, strict=True).ok == (not result.warnings)


def test_import_brochure_loads_nothing_else():
    probe = (
        "import sys, brochure; print(sorted(m for m in sys.modules if m.startswith(('brochure.', 'click', 'yaml'))))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['brochure._version']"


def test_build_is_the_api_function_whatever_was_imported_first():
    """The build matrix lives in `brochure.batch`, so nothing shadows `brochure.build`."""
    probe = (
        "import brochure.batch.matrix, brochure\n"
        "import inspect, brochure.api\n"
        "assert inspect.isfunction(brochure.build) and brochure.build is brochure.api.build\n"
        "print(brochure.BuildResult is brochure.api.BuildResult)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "True", out.stderr
