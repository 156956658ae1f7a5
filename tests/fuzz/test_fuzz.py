"""Generated hostile input, four families: YAML text, brand values, font files, PDFs for preflight.

Each case must end as a success or as located problems with a fix: never another exception, never a traceback
on the terminal, never a PDF (or a temporary part of one) left by a failed build. The fixed cases of the same
families are in tests/e2e/test_hostile*.py; these generate new ones, and Hypothesis shrinks a failure to the
smallest input that still fails.

In CI each family runs a handful of examples. The long profile (README: "Testing"):
    HYPOTHESIS_PROFILE=fuzz pytest -p no:randomly tests/fuzz -n 2
runs 500 per family (the fonts 150, each a child process).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pikepdf
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brochure import api
from brochure.batch.target import build_one
from brochure.errors import BrochureError
from brochure.inputs.project import Project
from brochure.inputs.targets import Target
from brochure.prepress import preflight
from tests.conftest import ROOT
from tests.hardening import cli, damaged

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
COUNTS = {"ci": 6, "medium": 60, "fuzz": 500}
EXAMPLES = COUNTS.get(PROFILE, 6)
FONT_EXAMPLES = {"ci": 3, "medium": 20, "fuzz": 150}.get(PROFILE, 3)
PREFLIGHT_SECONDS = 30  # README, Limits: preflight stops within its budgets, far below this on a 2-core machine

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # a failure prints its input, and the fixed case joins tests/e2e/test_hostile_more.py
    derandomize=PROFILE == "ci",  # CI runs the same examples every time; the long profiles explore afresh
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
TARGET = Target("default", "en", "flyer", "letter")


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory) -> Path:
    """English and the shipped assets only (check stays quick); each example restores the file it edits."""
    root = tmp_path_factory.mktemp("fuzz") / "proj"
    shutil.copytree(ROOT / "assets", root / "assets")
    (root / "content").mkdir(parents=True)
    shutil.copy(ROOT / "content/handout.yaml", root / "content/handout.yaml")
    shutil.copytree(ROOT / "content/en", root / "content/en")
    return root


def assert_refused_clearly(exc: BrochureError) -> None:
    assert exc.problems, "a BrochureError without problems"
    for p in exc.problems:
        assert p.location is not None, f"no location: {p}"
        assert p.fix, f"no fix: {p}"


def assert_nothing_left(out: Path) -> None:
    left = [p.name for p in out.rglob("*") if p.is_file() and (p.suffix in {".pdf", ".part"} or ".part" in p.name)]
    assert left == [], f"a failed build left {left}"


def build_or_refuse(root: Path, out: Path) -> None:
    """Check, then build the English flyer: each either succeeds or raises located problems."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    try:
        result = api.check(project=root)
    except BrochureError as exc:
        assert_refused_clearly(exc)
    else:
        for p in result.problems:
            assert p.location is not None, f"check problem without a location: {p}"
        if not result.validated:
            return  # the build would refuse the same files; check already said where
    built_or_refused(root, TARGET, out)


def built_or_refused(root: Path, target: Target, out: Path) -> None:
    """One target builds into a PDF that opens, or is refused with located problems and leaves nothing."""
    try:
        built = build_one(Project(root), target, out)
    except BrochureError as exc:
        assert_refused_clearly(exc)
        assert_nothing_left(out)
    else:
        with pikepdf.open(built.path) as pdf:
            assert len(pdf.pages) >= 1


# ------------------------------------------------------------------ YAML text

FILES = [
    "content/en/introduction.yaml",
    "content/en/safety.yaml",
    "content/en/language.yaml",
    "content/handout.yaml",
    "assets/brands/default.yaml",
]
# what YAML gives meaning to, and values that look like data but are not
TOKENS = [
    ": ",
    "- ",
    "\t",
    "  ",
    "\n",
    "\n  ",
    "&a ",
    "*a",
    "*b",
    "<<: *a",
    "<<: ",
    "!!python/name:os.system ",
    "!custom ",
    "!!binary ",
    "!!set ",
    "{",
    "}",
    "[",
    "]",
    "'",
    '"',
    "#",
    "? ",
    "|",
    ">-",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "\x00",
    "\ufeff",
    "\u202e",
    "\x85",
    "2026-02-30",
    ".nan",
    ".inf",
    "-.inf",
    "~",
    "null",
    "1e309",
    "0x",
    "9" * 40,
    "yes",
    "=",
    "@",
    "`",
    "\\",
    "\r",
    "\r\n",
    "\u2028",
    "x" * 400,
]


@st.composite
def mutated_text(draw, text: str) -> str:
    """`text` with 1-4 edits: a token inserted, a span deleted, a line doubled or re-indented."""
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["insert", "delete", "double", "indent"]))
        at = draw(st.integers(0, max(0, len(text) - 1)))
        if kind == "insert":
            text = text[:at] + draw(st.sampled_from(TOKENS) | st.text(max_size=6)) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        else:
            lines = text.split("\n")
            n = draw(st.integers(0, max(0, len(lines) - 1)))
            if kind == "double":
                lines.insert(n, lines[n] if lines else "")
            elif lines:
                lines[n] = draw(st.sampled_from(["", " ", "   ", "\t"])) + lines[n].lstrip(" ")
            text = "\n".join(lines)
    return text


@pytest.mark.parametrize("rel", FILES)
@FUZZ
@given(data=st.data())
def test_mutated_yaml_is_built_or_refused_with_a_location(sandbox, tmp_path, rel, data):
    path = sandbox / rel
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(data.draw(mutated_text(original)), encoding="utf-8", errors="surrogatepass")
        build_or_refuse(sandbox, tmp_path / "out")
    finally:
        path.write_text(original, encoding="utf-8")


# ------------------------------------------------------------------ brand values

HOSTILE_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=300),
    st.sampled_from(["", " ", "#", "#GGGGGG", "#fff", "../../etc/passwd", "/dev/zero", "a" * 5000, "\x00", "CON"]),
    st.lists(st.integers(-1000, 1000), max_size=6),
    st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=3),
)


def _leaves(node, path=()):
    if isinstance(node, dict):
        for k, v in node.items():
            yield path + (k,)
            yield from _leaves(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield path + (i,)
            yield from _leaves(v, path + (i,))


@pytest.mark.parametrize("brand", ["default", "harbor-light"])
@FUZZ
@given(data=st.data())
def test_a_hostile_brand_value_is_built_or_refused_with_a_location(sandbox, tmp_path, brand, data):
    path = sandbox / f"assets/brands/{brand}.yaml"
    original = path.read_text(encoding="utf-8")
    tree = yaml.safe_load(original)
    try:
        for _ in range(data.draw(st.integers(1, 3))):
            where = data.draw(st.sampled_from(sorted(_leaves(tree), key=repr)))
            node = tree
            for k in where[:-1]:
                node = node[k]
            node[where[-1]] = data.draw(HOSTILE_VALUES)
        path.write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), encoding="utf-8")
        out = tmp_path / "out"
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        built_or_refused(sandbox, Target(brand, "en", "flyer", "letter"), out)
    finally:
        path.write_text(original, encoding="utf-8")


# ------------------------------------------------------------------ font files


@pytest.fixture(scope="module")
def font_project(tmp_path_factory) -> Path:
    """A world-readable project whose default brand uses "Fuzz Sans", a copy of Noto Sans the examples damage."""
    from tests.hardening import world_readable_project

    root = world_readable_project()
    shutil.rmtree(root / "content")
    (root / "content").mkdir()
    shutil.copy(ROOT / "content/handout.yaml", root / "content/handout.yaml")
    shutil.copytree(ROOT / "content/en", root / "content/en")
    from brochure.media import fonts

    family = fonts.find("Noto Sans", [ROOT])
    folder = root / "assets/fonts/Fuzz Sans"
    folder.mkdir(parents=True)
    for style, src in family.files.items():
        shutil.copyfile(src, folder / f"FuzzSans-{style}.ttf")
    brand = root / "assets/brands/default.yaml"
    tree = yaml.safe_load(brand.read_text(encoding="utf-8"))
    tree["fonts"] = {"body": "Fuzz Sans", "heading": "Fuzz Sans"}
    brand.write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for p in root.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    return root


@settings(FUZZ, max_examples=FONT_EXAMPLES)
@given(seed=st.integers(0, 2**32 - 1), style=st.sampled_from(["Regular", "Bold"]))
def test_a_damaged_brand_font_is_built_or_refused_without_a_traceback(font_project, seed, style):
    """In a child process: a damaged font registered under Noto Sans's PostScript name would haunt this one."""
    path = next((font_project / "assets/fonts/Fuzz Sans").glob(f"*-{style}.ttf"))
    original = path.read_bytes()
    out = font_project / "out"
    shutil.rmtree(out, ignore_errors=True)
    try:
        path.write_bytes(damaged(original, seed))
        done = cli(
            "build", "--brand", "default", "--lang", "en", "--length", "flyer", "--paper", "letter",
            "--out", str(out), cwd=font_project, timeout=180,
        )  # fmt: skip
        assert "Traceback" not in done.stderr, done.stderr
        assert done.returncode in (0, 1), (done.returncode, done.stderr)
        if done.returncode == 1:
            # located, with a fix: the font's file:line, or (a font whose widths are damaged pushes text past
            # the trim) the layout the build's own preflight refused
            assert re.search(r"^\S+?(:\d+:\d+)?: error: ", done.stderr, re.M) and "fix:" in done.stderr, done.stderr
            assert_nothing_left(out) if out.exists() else None
        else:
            [pdf] = out.rglob("*.pdf")
            with pikepdf.open(pdf) as opened:
                assert len(opened.pages) >= 1
    finally:
        path.write_bytes(original)


# ------------------------------------------------------------------ PDFs for preflight


# replacements that break PDF syntax in the places readers trust: numbers, names, counts, offsets, operators
PDF_SWAPS = [
    b"0",
    b"-1",
    b"99999999999",
    b"1e308",
    b"/Foo",
    b"(x)",
    b"<>",
    b"[]",
    b"<<>>",
    b"null",
    b"R",
    b"obj",
    b"endobj",
    b"stream",
    b"endstream",
    b"xref",
    b"trailer",
    b"%%EOF",
    b"Q",
    b"q",
    b"cm",
    b"Do",
    b"BT",
    b"ET",
    b"Tf",
    b"TJ",
    b"BI",
    b"ID",
    b"EI",
    b"/Count 0",
    b"/Count 999999999",
    b"/Kids [1 0 R]",
    b"/Parent 1 0 R",
    b"/Length 0",
    b"/Filter /FlateDecode",
    b"/N 7",
    b"/Width 99999999",
    b"/UserUnit 0",
    b"/MediaBox [0 0 0 0]",
]


@st.composite
def mutated_pdf(draw, data: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(buf) - 1))
        kind = draw(st.sampled_from(["swap", "flip", "cut", "repeat"]))
        if kind == "swap":
            n = draw(st.integers(0, 12))
            buf[at : at + n] = draw(st.sampled_from(PDF_SWAPS))
        elif kind == "flip":
            buf[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "cut":
            del buf[at : at + draw(st.integers(1, 2000))]
        else:
            n = draw(st.integers(1, 200))
            buf[at:at] = buf[at : at + n] * draw(st.integers(2, 50))
    return bytes(buf)


@FUZZ
@given(data=st.data())
def test_a_mutated_pdf_is_preflighted_or_refused_within_its_budget(uncompressed_press_flyer, data):
    pdf = data.draw(mutated_pdf(uncompressed_press_flyer))
    start = time.perf_counter()
    try:
        report = preflight.inspect(pdf, "press")
    except preflight.UnreadableError as exc:
        assert str(exc).strip()
    else:
        assert report.profile == "press" and all(f.rule for f in report.findings)
    assert time.perf_counter() - start < PREFLIGHT_SECONDS
