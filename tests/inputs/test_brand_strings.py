"""The clinic's own words in the handout's language (issue 17): `translations:` in a brand file.

Each test builds real PDFs from a copy of the shipped project and reads them back: the printed
text with PDFium (what a reader copies), the structure tree with pikepdf (what a screen reader
hears, and in which voice: /Lang).
"""

from __future__ import annotations

import re

import pypdfium2
import pytest
import yaml

from tests.conftest import run
from tests.structread import tree

EN_HOURS = "Monday to Thursday, 8 am to 6 pm"
EN_NOTE = "We offer esketamine (Spravato)"


def pdftext(path) -> str:
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        out = " ".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()
    return re.sub(r"\s+", " ", out)


def build(project, brand: str, lang: str, length: str):
    result = run("build", "--brand", brand, "--lang", lang, "--length", length, "--out", str(project / "out"), "-q")
    return result, project / "out" / brand / lang / f"{length}-letter.pdf"


def brand_data(project) -> dict:
    return yaml.safe_load((project / "assets/brands/harbor-light.yaml").read_text(encoding="utf-8"))


def write_brand(project, name: str, data: dict) -> None:
    (project / "assets/brands" / f"{name}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_spanish_flyer_and_trifold_print_the_translated_hours_and_notes(project):
    es = brand_data(project)["translations"]["es"]
    result, flyer = build(project, "harbor-light", "es", "flyer")
    assert result.exit_code == 0, result.output
    assert "brand.untranslated" not in result.output and "warning" not in result.output
    text = pdftext(flyer)
    assert all(h in text for h in es["hours"]) and EN_HOURS not in text
    result, trifold = build(project, "harbor-light", "es", "trifold")  # the tri-fold prints the notes too
    assert result.exit_code == 0, result.output
    text = pdftext(trifold)
    assert es["notes"][0][:40] in text and EN_NOTE not in text
    assert "Traducción aún no revisada" in text  # machine-drafted brand text keeps the draft notice
    result, booklet = build(project, "harbor-light", "es", "booklet")  # its back cover prints the tagline
    assert result.exit_code == 0, result.output
    text = pdftext(booklet)
    assert es["tagline"] in text and "Outpatient mental health care" not in text


def test_arabic_flyer_prints_the_translated_hours(project):
    ar = brand_data(project)["translations"]["ar"]
    result, flyer = build(project, "harbor-light", "ar", "flyer")
    assert result.exit_code == 0, result.output
    doc, _ = tree(flyer)  # logical order: right-to-left lines carry /ActualText
    said = [n.text for n in doc.walk() if n.role == "P"]
    assert any(ar["hours"][1] in t for t in said), said
    assert EN_HOURS not in pdftext(flyer) and not any("Monday" in t for t in said)


def test_an_untranslated_key_warns_and_is_tagged_in_its_own_language(project):
    data = brand_data(project)
    del data["translations"]["es"]["hours"]
    data["logo"] = "../logos/harbor-light.png"
    write_brand(project, "partial", data)
    result, flyer = build(project, "partial", "es", "flyer")
    assert result.exit_code == 0, result.output  # a warning never fails a build
    warning = next(line for line in result.output.splitlines() if "warning:" in line)
    assert warning.startswith("assets/brands/partial.yaml:"), warning
    assert "`contact.hours`" in warning and "`es`" in warning and "`en`" in warning
    assert "tagline" not in result.output and "`notes`" not in result.output  # only the missing key
    doc, _ = tree(flyer)
    assert doc.lang == "es"
    hours = [n for n in doc.walk() if "Monday to Thursday" in n.text and n.role == "P"]
    assert hours and all(n.lang == "en" for n in hours), [(n.role, n.lang, n.text) for n in hours]
    address = [n for n in doc.walk() if n.role == "P" and "Harbor View Road" in n.text]
    assert address and address[0].lang == "en"  # an address prints as written, in its own language
    translated = [n for n in doc.walk() if n.role == "H2" and "Comuníquese" in n.text]
    assert translated and translated[0].lang is None  # the handout's own language: no /Lang of its own

    checked = run("check", "--format", "json")
    found = [p for p in _problems(checked.output) if p.get("rule") == "brand.untranslated"]
    assert found and all("`es`" in p["message"] and "contact.hours" in p["message"] for p in found), found
    assert all(p["severity"] == "warning" for p in found)
    assert run("check").exit_code == 0
    assert run("check", "--strict").exit_code == 1  # strict fails on warnings, as it does on every warning


def test_a_language_with_no_brand_translation_warns_per_key(project):
    data = brand_data(project)
    del data["translations"]["ko"]
    data["logo"] = "../logos/harbor-light.png"
    write_brand(project, "partial", data)
    result, trifold = build(project, "partial", "ko", "trifold")
    assert result.exit_code == 0, result.output
    for key in ("tagline", "contact.hours", "notes"):
        assert re.search(rf"warning: .*`{re.escape(key)}` has no `ko` translation", result.output), result.output
    result, booklet = build(project, "partial", "ko", "booklet")
    doc, _ = tree(booklet)
    tagline = [n for n in doc.walk() if n.role == "P" and n.text == "Outpatient mental health care"]
    assert tagline and all(n.lang == "en" for n in tagline)
    doc, _ = tree(trifold)
    notes = [n for n in doc.walk() if n.role == "LBody" and EN_NOTE in n.text]
    assert notes and all(n.lang == "en" for n in notes)


def test_changed_english_hours_make_their_translations_stale(project):
    path = project / "assets/brands/harbor-light.yaml"
    text = path.read_text(encoding="utf-8").replace("Friday, 8 am to 2 pm", "Friday, 8 am to 4 pm", 1)
    path.write_text(text, encoding="utf-8")
    result, _ = build(project, "harbor-light", "vi", "flyer")
    assert result.exit_code == 0, result.output
    stale = [line for line in result.output.splitlines() if "warning:" in line]
    assert len(stale) == 1 and "`vi` translation of `contact.hours` may be stale" in stale[0], result.output
    line = text.splitlines().index("  vi:") + 5  # the line of translated_from.hours (1-based)
    assert stale[0].startswith(f"assets/brands/harbor-light.yaml:{line}:"), stale[0]


def test_an_unknown_key_is_a_located_error(project):
    path = project / "assets/brands/harbor-light.yaml"
    text = path.read_text(encoding="utf-8")
    head = "  es:\n    status: machine-draft\n"
    text = text.replace(head, head + "    horas: [Lunes]\n", 1)
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    horas: [Lunes]") + 1
    result, _ = build(project, "harbor-light", "es", "flyer")
    assert result.exit_code == 1
    assert f"assets/brands/harbor-light.yaml:{line}:" in result.output, result.output
    assert "horas" in result.output and "`hours`" in result.output  # the fix names the allowed keys


@pytest.mark.parametrize("bad", ["phone: '555'", "status: done"])
def test_only_human_language_strings_are_translatable(project, bad):
    path = project / "assets/brands/harbor-light.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  ru:\n    status: machine-draft\n", f"  ru:\n    status: machine-draft\n    {bad}\n", 1)
    if bad.startswith("status"):
        text = text.replace("    status: machine-draft\n    status: done\n", "    status: done\n", 1)
    path.write_text(text, encoding="utf-8")
    result = run("check")
    assert result.exit_code == 1 and "harbor-light.yaml:" in result.output, result.output


def _problems(output: str) -> list[dict]:
    import json

    return json.loads(output[output.index("{") :])["findings"]
