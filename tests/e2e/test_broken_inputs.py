"""Broken inputs: every problem reported at once, with file:line and a fix; no PDF."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import check_golden, run

CASES = Path(__file__).parents[1] / "fixtures" / "broken"


def overlay(project: Path, case: str) -> None:
    src = CASES / case
    for f in src.rglob("*"):
        if f.is_file():
            dest = project / f.relative_to(src)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, dest)


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_broken_case_reports_expected_problems_and_writes_nothing(project, case, update_golden):
    overlay(project, case)
    checked = run("check")
    assert checked.exit_code == 1
    assert "Traceback" not in checked.output
    check_golden(case, checked.output, update_golden)
    built = run("build", "--brand", "default", "--lang", "en", "--out", "out")
    assert built.exit_code == 1
    assert "Traceback" not in built.output
    assert not list((project / "out").rglob("*.pdf")) if (project / "out").exists() else True
    assert not list(project.rglob("*.part"))


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--lang", "xx"], "unknown language `xx`"),
        (["--brand", "nosuch"], "unknown brand `nosuch`"),
        (["--length", "poster"], "unknown length/layout `poster`"),
    ],
)
def test_unknown_names_list_what_exists(project, args, expected):
    res = run("build", *args)
    assert res.exit_code == 1 and expected in res.output and "fix: use one of:" in res.output


def test_usage_errors_exit_2(project):
    assert run("build", "--paper", "tabloid").exit_code == 2


def test_a_failed_build_leaves_an_earlier_pdf_untouched(project):
    assert run("build", "--brand", "default", "--paper", "letter").exit_code == 0
    pdf = project / "dist/default/en/booklet-letter.pdf"
    before = pdf.read_bytes()
    overlay(project, "unknown-key")
    assert run("build", "--brand", "default", "--paper", "letter").exit_code == 1
    assert pdf.read_bytes() == before


def test_output_folder_that_is_a_file(project):
    (project / "dist").write_text("not a folder")
    res = run("build", "--brand", "default", "--paper", "letter")
    assert res.exit_code == 1 and "is a file" in res.output and "Traceback" not in res.output


def test_no_project_here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = run("check")
    assert res.exit_code == 1 and "no brochure project here" in res.output
