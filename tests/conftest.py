"""Shared fixtures: a throwaway copy of the repository's project, and built PDFs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from brochure.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/* from the current output")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


def copy_project(dest: Path) -> Path:
    """The shipped content and assets, copied so a test may break them."""
    for part in ("content", "assets"):
        shutil.copytree(ROOT / part, dest / part)
    return dest


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    root = copy_project(tmp_path / "proj")
    monkeypatch.chdir(root)
    return root


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """Every booklet of the shipped project, built once per test session."""
    out = tmp_path_factory.mktemp("dist")
    result = CliRunner().invoke(main, ["build", "--project", str(ROOT), "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return {str(p.relative_to(out)): p for p in out.rglob("*.pdf")}


def check_golden(name: str, text: str, update: bool) -> None:
    path = GOLDEN / f"{name}.txt"
    if update or not path.exists():
        if not update:
            pytest.fail(f"no golden file {path}; run pytest --update-golden and review it")
        path.write_text(text)
        return
    assert text == path.read_text(), f"output differs from {path} (pytest --update-golden to accept)"
