"""The translation workflow: scaffold a language, spot missing/extra keys and stale translations."""

from __future__ import annotations

import unicodedata

from pypdf import PdfReader

from tests.conftest import run


def test_a_new_language_is_data_only(project):
    res = run("new-language", "it", "--name", "Italiano")
    assert res.exit_code == 0, res.output
    lang = (project / "content/it/language.yaml").read_text()
    assert "code: it" in lang and "status: machine-draft" in lang and "handout:" in lang
    assert "safety:" in lang and "plain_language:" not in lang  # terms to translate; English grammar left out
    res = run("check", "--strict", "--format", "json")
    import json

    found = json.loads(res.output)["findings"]
    fr = [f for f in found if "content/it/" in (f["file"] or "") and f["severity"] != "info"]
    assert not [f for f in fr if f["rule"] != "translation.stale"], fr  # a copy of the English: keys all there
    assert sorted(p.name for p in (project / "content/it").iterdir()) == sorted(
        p.name for p in (project / "content/en").iterdir()
    )
    built = run("build", "--lang", "it", "--brand", "default", "--paper", "letter")
    assert built.exit_code == 0, built.output
    pdf = project / "dist/default/it/booklet-letter.pdf"
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == "it"
    assert run("new-language", "it", "--name", "Italiano").exit_code == 1  # never overwrites


def test_missing_and_extra_keys_are_listed_with_file_and_line(project):
    path = project / "content/ko/science.yaml"
    text = path.read_text().replace("key_points:", "extra_note: hello\nkey_points:", 1)
    path.write_text(text)
    res = run("check")
    assert res.exit_code == 1 and "unknown key `extra_note`" in res.output  # validation catches it first
    path.write_text(text.replace("extra_note: hello\n", ""))
    body_path = project / "content/ko/safety.yaml"
    lines = body_path.read_text().splitlines(keepends=True)
    start = next(i for i, ln in enumerate(lines) if ln.startswith("body:"))
    end = next(i for i, ln in enumerate(lines[start + 2 :], start + 2) if ln.startswith("  - "))
    body_path.write_text("".join(lines[: start + 1] + lines[end:]))  # drop the first body block
    res = run("check", "--strict")
    assert res.exit_code == 1
    assert "content/ko/safety.yaml:" in res.output and "missing `body[" in res.output


def test_a_changed_english_part_makes_that_part_of_translations_stale(project):
    manifest = project / "content/handout.yaml"
    manifest.write_text(manifest.read_text().replace("subtitle: ", "subtitle: Now: ", 1).replace("Now: ", "Now, ", 1))
    res = run("check")
    assert res.exit_code == 0  # a warning, not an error
    assert "translation `zh-Hans` of `handout` is stale: the en text (content/handout.yaml:" in res.output
    assert "of `science` is stale" not in res.output
    assert run("check", "--strict").exit_code == 1


def test_text_is_normalised_to_nfc(project):
    path = project / "content/vi/introduction.yaml"
    decomposed = unicodedata.normalize("NFD", path.read_text())
    path.write_text(decomposed)
    from brochure.inputs.project import Project

    handout = Project(project).load_handout("vi")
    title = handout.sections[0][1].title
    assert unicodedata.is_normalized("NFC", title)
