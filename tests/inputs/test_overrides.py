"""--set overrides a brand or layout value for one build, validated like the file value."""

from __future__ import annotations

from pypdf import PdfReader

from tests.conftest import run
from tests.pdfread import render_png

ONE = ["--brand", "harbor-light", "--lang", "en", "--length", "flyer", "--paper", "letter"]


def test_set_changes_the_colour_of_this_build_only(project):
    assert run("build", *ONE, "--set", "brand.colors.primary=#7A1F0B").exit_code == 0
    img = render_png(project / "dist/harbor-light/en/flyer-letter.pdf", 0, scale=0.5)
    assert img.getpixel((img.width // 2, 8)) == (0x7A, 0x1F, 0x0B)
    assert "#0B5C7A" in (project / "assets/brands/harbor-light.yaml").read_text()  # the file is untouched


def test_set_values_are_validated_like_file_values_and_located_at_the_option(project):
    res = run("build", *ONE, "--set", "brand.colors.primary=red")
    assert res.exit_code == 1
    assert "--set brand.colors.primary: error: text `red` has the wrong form" in res.output
    res = run("build", *ONE, "--set", "layout.type.bdy=13")
    assert res.exit_code == 1 and "unknown key `bdy`" in res.output and "did you mean `body`" in res.output


def test_set_layout_type_size_and_rebuilds_incrementally(project):
    assert run("build", *ONE).exit_code == 0
    again = run("build", *ONE, "--set", "layout.type.title=20")
    assert again.exit_code == 0 and "wrote" in again.output  # an option change is an input change
    assert len(PdfReader(project / "dist/harbor-light/en/flyer-letter.pdf").pages) == 1


def test_malformed_set_is_a_usage_error(project):
    assert run("build", "--set", "colors.primary=#000000").exit_code == 2
    assert run("build", "--set", "brand.colors").exit_code == 2


def test_preview_writes_pngs_and_a_contact_sheet(project):
    res = run(
        "preview", "--brand", "default", "--lang", "en", "--length", "trifold", "--paper", "letter", "--scale", "0.3"
    )
    assert res.exit_code == 0, res.output
    pngs = sorted((project / "dist/preview/default/en").glob("trifold-letter-p*.png"))
    assert [p.name for p in pngs] == ["trifold-letter-p1.png", "trifold-letter-p2.png"]
    index = (project / "dist/preview/index.html").read_text()
    assert "default/en/trifold-letter-p2.png" in index and 'alt="default · en · trifold · letter page 1"' in index


def test_the_wallet_cards_label_line_must_keep_both_placeholders():
    import pydantic
    import pytest

    from brochure.inputs.models import UIStrings

    assert UIStrings().card_line.format(label="Emergency", number="911") == "Emergency: 911"
    assert UIStrings(card_line="{label} : {number}").card_line == "{label} : {number}"  # French
    with pytest.raises(pydantic.ValidationError, match="card_line"):
        UIStrings(card_line="{label}")
