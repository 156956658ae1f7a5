"""brochure init: a clinic project that builds at once and overrides only what it changes."""

from __future__ import annotations

from pypdf import PdfReader

from tests.conftest import ROOT, run
from tests.pdfread import flat, text_pages


def test_init_makes_a_project_that_builds_and_overrides_one_section(tmp_path, monkeypatch):
    dest = tmp_path / "clinic"
    res = run("init", str(dest), "--name", "Maple Street Clinic", "--project", str(ROOT))
    assert res.exit_code == 0, res.output
    brand = (dest / "assets/brands/maple-street-clinic.yaml").read_text()
    assert "name: \"Maple Street Clinic\"" in brand and (dest / "README.md").exists()  # always quoted (issue 22)
    # every YAML file init writes or copies names a schema that exists inside the new project
    for path in [*dest.rglob("*.yaml")]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        if path.name == "brochure.yaml":
            continue
        assert first.startswith("# yaml-language-server: $schema="), path
        assert (path.parent / first.split("=", 1)[1]).resolve().is_file(), path
    monkeypatch.chdir(dest)
    assert run("check").exit_code == 0
    built = run("build", "--lang", "en", "--length", "flyer", "-q")
    assert built.exit_code == 0, built.output
    pdf = dest / "dist/maple-street-clinic/en/flyer-letter.pdf"
    assert "Maple Street Clinic" in flat(text_pages(pdf)[0])
    # override one section in the clinic's own folder; the rest still comes from base/
    (dest / "content/en").mkdir(parents=True)
    section = (dest / "base/content/en/safety.yaml").read_text()  # a section the flyer prints
    (dest / "content/en/safety.yaml").write_text(section.replace("title: ", "title: At Maple Street, ", 1))
    assert run("build", "--lang", "en", "--length", "flyer", "-q").exit_code == 0
    text = flat(text_pages(pdf)[0])
    assert "At Maple Street," in text and len(PdfReader(pdf).pages) == 1


def test_init_never_overwrites(tmp_path):
    dest = tmp_path / "clinic"
    dest.mkdir()
    (dest / "keep.txt").write_text("mine")
    res = run("init", str(dest), "--project", str(ROOT))
    assert res.exit_code == 1 and "not empty" in res.output and (dest / "keep.txt").read_text() == "mine"
