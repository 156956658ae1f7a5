"""Issue 22, silent wrong output: what used to exit 0 with a handout that is not what the files say."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest

from tests.conftest import run
from tests.hardening import cli, world_readable_project

BRAND = "assets/brands/default.yaml"
ONE = ["--brand", "default", "--lang", "en", "--length", "flyer", "--paper", "letter"]
EMOJI_B64 = "SGkg8J+YgCB0aGVyZQ=="  # "Hi 😀 there": the emoji is in no brand font


def pdfs(root: Path) -> list[Path]:
    return sorted(root.rglob("*.pdf"))


@pytest.mark.parametrize(
    "how",
    [
        ["--set", f"brand.name=!!binary {EMOJI_B64}"],
        ["--set", "brand.tagline=!!binary G1sxbUhp4oCuIHRoZXJl"],  # ESC [1m ... RLO
        ["--set", "brand.contact.hours=!!set {a, b}"],
    ],
    ids=["binary-emoji", "binary-controls", "set"],
)
def test_a_tagged_set_value_is_refused_at_the_option(project, how):
    res = run("build", *ONE, "--out", "dist", *how)
    assert res.exit_code == 1, res.output
    tag = r"^--set brand\.\w+(\.\w+)?: error: the YAML tag `!!(binary|set)` is not allowed"
    assert re.search(tag, res.output, re.M), res.output
    assert "fix:" in res.output and "Traceback" not in res.output
    assert not pdfs(project)


def test_a_tagged_text_in_a_file_is_refused_with_its_line(project):
    path = project / BRAND
    path.write_text(path.read_text().replace("name: Your Clinic Name", f"name: !!binary {EMOJI_B64}"))
    res = run("build", *ONE, "--out", "dist")
    assert res.exit_code == 1
    assert re.search(rf"^{BRAND}:4:7: error: the YAML tag `!!binary`", res.output, re.M), res.output
    assert not pdfs(project)


def test_a_date_the_fonts_cannot_write_falls_back_to_iso(project):
    """Thai's Babel month name has no glyph in Noto Sans: ISO 8601, never `updated 2 . 2026`."""
    assert run("new-language", "th", "--name", "Thai").exit_code == 0
    res = run("build", "--brand", "default", "--lang", "th", "--length", "flyer", "--paper", "letter", "-q")
    assert res.exit_code == 0, res.output
    text = "".join(p.extract_text() for p in pypdf.PdfReader(project / "dist/default/th/flyer-letter.pdf").pages)
    line = re.search(r"Version [\d.]+, updated (.*?)\.\s", text)
    assert line, text[-800:]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", line.group(1)), line.group(1)


def test_a_locale_without_month_names_falls_back_to_iso():
    """Babel has an `ht` locale but no Creole month names: CLDR's root form "2026 M12 2" never prints."""
    from datetime import date

    from brochure.inputs.dates import long_date

    assert long_date(date(2026, 12, 2), "ht") == "2026-12-02"
    assert long_date(date(2026, 12, 2), "fr") == "2 décembre 2026"


def test_a_date_the_fonts_can_write_stays_in_the_language(project):
    res = run("build", "--brand", "default", "--lang", "es", "--length", "flyer", "--paper", "letter", "-q")
    assert res.exit_code == 0, res.output
    text = "".join(p.extract_text() for p in pypdf.PdfReader(project / "dist/default/es/flyer-letter.pdf").pages)
    assert re.search(r"\d{1,2} de [a-z]+ de 20\d\d", text), text[-600:]


@pytest.mark.parametrize("command", [["check"], ["build", "--length", "flyer", "--paper", "letter", "-q"]])
def test_an_unreadable_language_folder_is_an_error(command):
    root = world_readable_project()
    (root / "content/es").chmod(0)
    try:
        res = cli(*command, cwd=root, as_="no-file-override", timeout=300)
    finally:
        (root / "content/es").chmod(0o755)
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    said = r"^content/es(:\d+:\d+)?:? +error:? +(validate +)?folder cannot be read \(Permission denied\)"
    assert re.search(said, out, re.M), out
    assert "Traceback" not in out
    assert not pdfs(root)


def test_a_logo_with_exif_orientation_prints_upright(project):
    """A phone photo stored 600×200 with orientation 6 (turn 90°) is a portrait 200×600 logo."""
    from PIL import Image

    im = Image.new("RGB", (600, 200), "white")
    im.paste((200, 0, 0), (0, 0, 100, 200))  # a red strip on the stored left: on the printed top
    exif = Image.Exif()
    exif[0x0112] = 6
    im.save(project / "assets/logos/phone.jpg", exif=exif.tobytes(), quality=95)
    res = run("build", *ONE, "--set", "brand.logo=../logos/phone.jpg", "-q")
    assert res.exit_code == 0, res.output
    page = pypdf.PdfReader(project / "dist/default/en/flyer-letter.pdf").pages[0]
    (logo,) = [i for i in page.images if i.image.size[0] * i.image.size[1] > 1000]
    w, h = logo.image.size
    assert h > 2 * w, (w, h)
    top, bottom = logo.image.convert("RGB").getpixel((w // 2, 5)), logo.image.convert("RGB").getpixel((w // 2, h - 5))
    assert top[0] > 150 and top[1] < 80, top  # red at the top
    assert bottom[1] > 200, bottom  # white at the bottom


LONG_NAME = "M" * 120  # a name with no place to break


@pytest.mark.parametrize("length", ["flyer", "trifold", "booklet"])
def test_the_build_never_writes_what_its_preflight_rejects(project, length):
    res = run("build", "--brand", "default", "--lang", "en", "--length", length, "--paper", "letter", "-q",
              "--set", f"brand.name={LONG_NAME}")  # fmt: skip
    assert "Traceback" not in res.output
    if res.exit_code == 1:
        assert re.search(r"^\S+\.yaml(:\d+:\d+)?: error: ", res.output, re.M), res.output
        assert "fix:" in res.output
        assert not pdfs(project)
        return
    assert res.exit_code == 0, res.output
    for pdf in pdfs(project):
        check = run("preflight", str(pdf), "--profile", "office", "--layout", length)
        assert check.exit_code == 0, check.output


def test_the_gate_refuses_text_at_the_trim_before_writing(project):
    """No safe zone: the flyer's text reaches the trim; the build says so and writes nothing."""
    res = run("build", *ONE, "-q", "--set", "layout.safe_zone=0")
    assert res.exit_code == 1, res.output
    assert "would fail its own preflight (office): text" in res.output and "from the trim" in res.output
    assert "fix:" in res.output
    assert not pdfs(project)


def test_a_long_name_in_the_running_header_is_shortened_to_one_line(project):
    res = run("build", "--brand", "default", "--lang", "en", "--length", "booklet", "--paper", "letter", "-q",
              "--set", f"brand.name={LONG_NAME}")  # fmt: skip
    assert res.exit_code == 0, res.output
    reader = pypdf.PdfReader(project / "dist/default/en/booklet-letter.pdf")
    assert LONG_NAME in "".join(reader.pages[0].extract_text().split())  # the cover prints it whole, wrapped
    assert "M" * 10 + "…" in reader.pages[1].extract_text()  # the header, cut with an ellipsis


GEOMETRY = {  # --set value, where the message points, words of the message
    "negative-safe-zone": ("layout.safe_zone=-100", "--set layout.safe_zone", "cannot be negative"),
    "negative-margin": ("layout.margins.top=-5", "--set layout.margins.top", "cannot be negative"),
    "frame-off-the-page": ("layout.pages[0].frames[0].x=9in", "--set layout.pages[0].frames[0].x", "not inside"),
    "frame-below-the-page": ("layout.pages[0].frames[0].y=11in", "--set layout.pages[0].frames[0].y", "not inside"),
    "zero-width": ("layout.pages[0].frames[1].w=0", "--set layout.pages[0].frames[1].w", "must be positive"),
}


def test_margins_that_fill_the_booklet_page_are_a_located_error(project):
    res = run("build", "--lang", "en", "--length", "booklet", "--paper", "letter", "--set", "layout.margins.top=10in")
    assert res.exit_code == 1, res.output
    assert re.search(r"^--set layout\.margins\.top: error: the margins leave less than 1 in", res.output, re.M)
    assert not pdfs(project)


@pytest.mark.parametrize(("setting", "where", "words"), GEOMETRY.values(), ids=GEOMETRY.keys())
def test_impossible_geometry_is_a_located_error(project, setting, where, words):
    res = run("build", *ONE, "--set", setting)
    assert res.exit_code == 1, res.output
    assert re.search(rf"^{re.escape(where)}: error: .*{words}", res.output, re.M), res.output
    assert not pdfs(project)


def test_geometry_in_a_layout_file_points_at_its_line(project):
    from tests.conftest import ROOT

    (project / "layouts").mkdir()
    text = (ROOT / "src/brochure/layouts/trifold.yaml").read_text()
    text = re.sub(r"^safe_zone: .*$", "safe_zone: -1in", text, count=1, flags=re.M)
    (project / "layouts/trifold.yaml").write_text(text)
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith("safe_zone:"))
    res = run("check")
    assert res.exit_code == 1
    said = rf"^layouts/trifold\.yaml:{line}:\d+ +error +(layout.geometry +)?`safe_zone` is -72 pt"
    assert re.search(said, res.output, re.M), res.output


def test_the_shipped_layouts_pass_the_geometry_check():
    from brochure.inputs import geometry
    from brochure.inputs.project import Project
    from tests.conftest import ROOT

    project = Project(ROOT)
    for name in project.layouts():
        layout, doc = project.load_layout(name)
        assert geometry.problems(layout, doc) == [], name
