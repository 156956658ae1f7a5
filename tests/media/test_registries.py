"""Papers and output profiles are registries (issue 15): one entry a paper, one module a profile.

The PDFs are opened with pikepdf: a paper registered here is built and its
boxes measured on every page; each profile's fields are checked against what
its PDF actually holds. An AST scan keeps profile and paper names out of the
code's comparisons, where they used to decide facts one `if` at a time.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pikepdf
import pytest
from pydantic import TypeAdapter, ValidationError
from reportlab.lib.pagesizes import A4, A5, LETTER, landscape

from brochure.cli import options
from brochure.inputs import models
from brochure.media import papers, profiles
from brochure.prepress import impose
from brochure.prepress.preflight import inspect
from brochure.render import plan
from tests.conftest import ROOT, run

SRC = ROOT / "src" / "brochure"
MM = 72 / 25.4
REGISTRIES = {SRC / "media" / "papers.py", *(SRC / "media" / "profiles").glob("*.py")}


def close(a, b, tol: float = 0.01) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= tol for x, y in zip(a, b, strict=True))


# ---------------------------------------------------------------- papers


def test_built_in_papers_are_reportlabs_sizes_to_the_bit():
    """The registry replaced ReportLab's constants: the same floats, so the built PDFs keep their bytes."""
    assert papers.get("letter").size == LETTER
    assert papers.get("a4").size == A4
    assert papers.get("a5").size == A5
    assert papers.get("half-letter").size == (396.0, 612.0)


def test_each_paper_states_its_own_bleed_and_sheet():
    assert {n: papers.get(n).bleed for n in papers.names()} == {
        "letter": 0.125 * 72,
        "a4": 3 * MM,
        "half-letter": 0.125 * 72,
        "a5": 3 * MM,
    }
    assert {n: p.name for n, p in papers.imposed().items()} == {"half-letter": "letter", "a5": "a4"}
    assert dict(impose.SHEETS) == {"half-letter": ("Letter", landscape(LETTER)), "a5": ("A4", landscape(A4))}


def test_the_cli_the_models_and_the_schema_know_the_same_papers():
    names = list(papers.names())
    assert names == options.PAPERS
    adapter = TypeAdapter(models.Paper)
    assert [adapter.validate_python(n) for n in names] == names
    assert adapter.json_schema()["enum"] == names
    for bad in ("b5", "Letter", "", 4):
        with pytest.raises(ValidationError) as exc:
            adapter.validate_python(bad)
        assert exc.value.errors()[0]["type"] == "literal_error"  # the message validate.py words for people


def test_an_unknown_paper_is_a_located_error(project):
    brand = project / "assets" / "brands" / "default.yaml"
    brand.write_text(brand.read_text().replace("papers: [letter, a4]", "papers: [letter, b5]"))
    result = run("build", "--brand", "default", "--lang", "en", "--length", "flyer", "-q", "-j", "1")
    assert result.exit_code == 1, result.output
    line = next(n for n, text in enumerate(brand.read_text().splitlines(), 1) if text.startswith("papers:"))
    assert f"assets/brands/default.yaml:{line}:" in result.output
    assert "`b5` is not allowed" in result.output
    assert "use one of: 'letter', 'a4', 'half-letter' or 'a5'" in result.output


def test_register_refuses_a_second_entry_and_an_unknown_sheet():
    with pytest.raises(ValueError, match="already registered"):
        papers.register(papers.Paper("a4", "A4", 1, 1, 0, "ISO"))
    with pytest.raises(ValueError, match="sheet 'b4'"):
        papers.register(papers.Paper("b6", "B6", 125 * MM, 176 * MM, 3 * MM, "ISO", sheet="b4"))
    with pytest.raises(KeyError, match="known: letter, a4"):
        papers.get("legal")
    assert "b6" not in papers.names()


@pytest.fixture
def b_series():
    """B4 and B5 (ISO 216), each one registry entry; B5 imposes two-up on B4."""
    b4 = papers.register(papers.Paper("b4", "B4", 250 * MM, 353 * MM, 3 * MM, "ISO"))
    b5 = papers.register(papers.Paper("b5", "B5", 176 * MM, 250 * MM, 3 * MM, "ISO", sheet="b4"))
    yield b4, b5
    papers.unregister("b5")
    papers.unregister("b4")


def _build_on(tmp_path: Path, length: str, paper: str, profile: str) -> Path:
    out = tmp_path / "out"
    result = run(
        "build", "--project", str(ROOT), "--brand", "default", "--lang", "en", "--length", length,
        "--profile", profile, "-q", "-j", "1", "--out", str(out),
        "--set", f"layout.papers=[{paper}]", "--set", f"brand.papers=[{paper}]",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return out / "default" / "en" / f"{length}-{paper}{profiles.get(profile).suffix}.pdf"


def _check_boxes(path: Path, paper: papers.Paper) -> int:
    """TrimBox the paper's size and BleedBox the trim grown by its bleed, on every page; the page count."""
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            trim = [float(v) for v in page.obj.TrimBox]
            bleed = [float(v) for v in page.obj.BleedBox]
            media = [float(v) for v in page.obj.MediaBox]
            assert close((trim[2] - trim[0], trim[3] - trim[1]), paper.size)
            b = paper.bleed
            assert close(bleed, [trim[0] - b, trim[1] - b, trim[2] + b, trim[3] + b])
            assert media[0] <= bleed[0] and media[1] <= bleed[1] and media[2] >= bleed[2] and media[3] >= bleed[3]
        return len(pdf.pages)


def test_a_registered_paper_builds_a_press_flyer_with_its_own_bleed(b_series, tmp_path):
    """One entry and the flyer prints on B4: trim 250 × 353 mm, bleed 3 mm (not the US 0.125 in the old guess gave)."""
    b4, _ = b_series
    assert b4.bleed != 0.125 * 72
    path = _build_on(tmp_path, "flyer", "b4", "press")
    assert _check_boxes(path, b4) == 1
    layout = models.Layout(name="x", description="x", kind="booklet", papers=["b4"])  # the model takes it at once
    assert plan.geometry(layout, "b4").width == b4.width


def test_a_registered_paper_builds_a_press_booklet_and_imposes(b_series, tmp_path):
    """B5 (176 × 250 mm, the issue's example) as a booklet: the flyer's text does not fit B5 at 10 pt."""
    b4, b5 = b_series
    path = _build_on(tmp_path, "booklet", "b5", "press")
    assert _check_boxes(path, b5) % 4 == 0
    assert impose.SHEETS["b5"] == ("B4", landscape(b4.size))  # saddle stitch found its sheet in the entry


# ---------------------------------------------------------------- profiles


def _operators(pdf: pikepdf.Pdf) -> set[str]:
    """Every operator drawn on every page, form XObjects included (each form read once)."""
    seen: set[int] = set()
    ops: set[str] = set()

    def walk(obj) -> None:
        for _, op in pikepdf.parse_content_stream(obj):
            ops.add(str(op))
        for xobj in (obj.get("/Resources", {}).get("/XObject", {}) or {}).values():
            if xobj.get("/Subtype") == "/Form" and xobj.objgen not in seen:
                seen.add(xobj.objgen)
                walk(xobj)

    for page in pdf.pages:
        walk(page.obj)
    return ops


@pytest.fixture(scope="module")
def by_profile(tmp_path_factory) -> dict[str, Path]:
    """The Letter flyer in every registered profile."""
    out = tmp_path_factory.mktemp("profiles")
    found = {}
    for name in profiles.names():
        found[name] = _build_on(out / name, "flyer", "letter", name)
    return found


@pytest.mark.parametrize("name", profiles.names())
def test_each_profiles_fields_drive_its_pdf(by_profile, name):
    spec = profiles.get(name)
    path = by_profile[name]
    assert path.name == f"flyer-letter{spec.suffix}.pdf"
    assert path.read_bytes().startswith(f"%PDF-{spec.pdf_version}".encode())
    with pikepdf.open(path) as pdf:
        intents = pdf.Root.get("/OutputIntents")
        assert bool(intents) == bool(spec.pdfx)
        if spec.pdfx:
            assert str(pdf.docinfo["/GTS_PDFXVersion"]) == spec.pdfx
            assert int(intents[0].DestOutputProfile["/N"]) == 4
        ops = _operators(pdf)
        if spec.cmyk:
            assert not ops & {"rg", "RG", "g", "G"} and ops & {"k", "K"}
        else:
            assert ops & {"rg", "RG"}
        page = pdf.pages[0].obj
        trim = [float(v) for v in page.get("/TrimBox", page.MediaBox)]
        bleed = [float(v) for v in page.get("/BleedBox", page.get("/TrimBox", page.MediaBox))]
        grown = round(trim[0] - bleed[0], 3)
        assert grown == (round(papers.get("letter").bleed, 3) if spec.bleed else 0)
        media = [float(v) for v in page.MediaBox]
        assert (media[0] < bleed[0]) == spec.marks  # marks need room outside the bleed
        links = [a for p in pdf.pages for a in p.obj.get("/Annots", []) if a.get("/Subtype") == "/Link"]
        assert bool(links) == spec.links


def test_each_profile_judges_by_its_own_preflight_rules(by_profile):
    """A profile's own rules (`Profile.preflight`) are what another profile's file fails for."""
    for name, path in by_profile.items():
        assert not [f for f in inspect(path, name).findings if f.severity == "error"], name
    office, press = by_profile["office"], profiles.get("press")
    failed = {f.rule for f in inspect(office, "press").findings if f.severity == "error"}
    # no bleed box at all, so nothing thin to warn of; no output intent at all, so none of the wrong kind
    assert failed == press.preflight - {"box.thin-bleed", "press.output-intent-not-cmyk"}
    assert profiles.get("office").preflight == frozenset()


def test_profiles_are_one_module_each():
    assert profiles.names() == profiles.BUILT_IN
    for name in profiles.names():
        module = SRC / "media" / "profiles" / f"{name}.py"
        assert module.exists()
        assert f'name="{name}"' in module.read_text()


# ---------------------------------------------------------------- no scattered ifs


def _literals(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [v for elt in node.elts for v in _literals(elt)]
    return []


def test_no_module_but_the_registries_compares_a_profile_or_paper_name():
    """`profile == "press"`, `paper in ("a4", "a5")`, `{"press": 300}` or `MIN_PPI["office"]` outside media/."""
    names = set(profiles.names()) | set(papers.names())
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path in REGISTRIES:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare):
                hits = [v for side in (node.left, *node.comparators) for v in _literals(side)]
            elif isinstance(node, ast.Dict):
                hits = [v for k in node.keys if k is not None for v in _literals(k)]
            elif isinstance(node, ast.Subscript):
                hits = _literals(node.slice)
            else:
                continue
            found += [f"{path.relative_to(ROOT)}:{node.lineno}: {v!r}" for v in hits if v in names]
    assert not found, "decide by the registry's fields instead:\n" + "\n".join(found)


def test_no_module_but_the_paper_registry_takes_a_paper_size_from_reportlab():
    sizes = {n for n in dir(__import__("reportlab.lib.pagesizes", fromlist=["x"])) if n.isupper()}
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "reportlab.lib.pagesizes":
                found += [f"{path.relative_to(ROOT)}: {a.name}" for a in node.names if a.name in sizes]
    assert not found


def test_registries_import_nothing_heavy():
    """The command line imports both for its choices; --help must not pay for ReportLab or pydantic."""
    for path in REGISTRIES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        modules += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert all(m.split(".")[0] in {"__future__", "dataclasses", "importlib", "brochure"} for m in modules), path
