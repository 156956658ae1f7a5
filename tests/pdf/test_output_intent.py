"""A print shop's own press profile (`press: output_intent:` in the brand): colours, images and the
OutputIntent all follow it; a wrong file is a located error; changing it rebuilds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest

from brochure.pdf import press
from tests.conftest import run

GHOSTSCRIPT_CMYK = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")  # AGPL: used by the test only
ARGS = ["build", "--brand", "default", "--lang", "en", "--length", "flyer", "--paper", "letter", "--profile", "press"]
PDF = "dist/default/en/flyer-letter-press.pdf"


def _shop(project: Path, icc: Path | bytes, extra: str = "") -> None:
    target = project / "assets/brands/shop.icc"
    if isinstance(icc, Path):
        shutil.copyfile(icc, target)
    else:
        target.write_bytes(icc)
    brand = project / "assets/brands/default.yaml"
    brand.write_text(brand.read_text() + f"press:\n  output_intent: shop.icc\n{extra}")


def _intent(path: Path) -> tuple[dict[str, str], bytes]:
    """The OutputIntent's names, and its embedded profile's bytes."""
    with pikepdf.open(path) as pdf:
        intent = pdf.Root.OutputIntents[0]
        names = {k: str(intent[k]) for k in ("/OutputConditionIdentifier", "/OutputCondition", "/RegistryName")}
        return names, intent.DestOutputProfile.read_bytes()


def _fills(path: Path) -> set[tuple[float, ...]]:
    pdf = pikepdf.open(path)
    return {
        tuple(round(float(v), 3) for v in operands)
        for page in pdf.pages
        for operands, op in pikepdf.parse_content_stream(page)
        if str(op) == "k"
    }


def test_a_named_condition_goes_into_the_output_intent(project):
    _shop(project, press.ICC_PATH, "  condition: FOGRA39\n")
    res = run(*ARGS)
    assert res.exit_code == 0, res.output
    intent, icc = _intent(project / PDF)
    assert icc == press.ICC_PATH.read_bytes()
    assert intent["/OutputConditionIdentifier"] == "FOGRA39"
    assert intent["/RegistryName"] == "http://www.color.org"


@pytest.mark.skipif(not GHOSTSCRIPT_CMYK.is_file(), reason="a second CMYK press profile (Ghostscript's) is needed")
def test_the_shops_profile_converts_the_colours_and_is_embedded(project):
    assert run(*ARGS).exit_code == 0
    shipped = _fills(project / PDF)
    _shop(project, GHOSTSCRIPT_CMYK)
    res = run(*ARGS)
    assert "wrote" in res.output and "up to date" not in res.output, res.output  # the profile is an input
    intent, icc = _intent(project / PDF)
    assert icc == GHOSTSCRIPT_CMYK.read_bytes()
    assert intent["/OutputConditionIdentifier"] == "Custom"
    assert intent["/OutputCondition"]  # the profile's own description
    assert intent["/OutputCondition"] != press.OUTPUT_CONDITION
    assert _fills(project / PDF) != shipped  # brand colours went through the shop's profile


def test_an_rgb_profile_is_refused_with_its_line(project):
    from PIL import ImageCms

    _shop(project, ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    res = run(*ARGS)
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "assets/brands/default.yaml:" in res.output and "not CMYK" in res.output, res.output
    assert not (project / PDF).exists()


def test_a_file_that_is_not_a_profile_is_refused(project):
    _shop(project, b"not an icc profile at all")
    res = run(*ARGS)
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "is not an ICC profile" in res.output, res.output


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="build workers are forked only where fork exists")
def test_forked_workers_convert_colours_through_one_opened_profile() -> None:
    """The parent opens the profile, the workers convert at once: each must read the profile alone.

    A profile opened on its file keeps the handle, and forked children share its offset; under `-j 2` press
    builds failed with "Could not get profile" (6 workers × 200 colours reproduced it every run).
    """
    import os

    press._profiles.cache_clear()
    press._transform.cache_clear()
    press._profiles(press.ICC_PATH)
    children = []
    for _ in range(6):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            code = 0
            try:
                for j in range(200):
                    press._transform.cache_clear()
                    press.rgb_to_cmyk(f"#{j:02x}6f97")
            except BaseException:
                code = 1
            os._exit(code)
        children.append(pid)
    assert [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in children] == [0] * 6
