"""Every printed length tells the whole safety story, in every language, with its region's crisis lines.

The statements are read back out of the built PDFs (all pages), not from the YAML:
what a patient handed only the flyer actually sees.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from brochure.inputs.project import Project
from brochure.text import prose
from tests.conftest import ROOT, run
from tests.pdfread import flat, text_pages


def pdf_text(path: Path) -> str:
    """All pages' text, lines joined; a word hyphenated at a line end, or CJK split by a line break, joined."""
    text = flat(" ".join(text_pages(path)))
    joined = re.sub(r"(\w)- (\w)", r"\1\2", text)
    cjk = re.sub(
        r"(?<=[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]) (?=[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef])", "", text
    )
    return " ".join((text, joined, cjk))


def _found(text: str, alternatives) -> bool:
    options = [alternatives] if isinstance(alternatives, str) else alternatives
    return any(prose.phrase_pattern(o).search(text) for o in options)


def test_every_built_pdf_prints_every_required_statement_and_the_crisis_line(built):
    """Every length × language × brand × paper of the default build (every page of each)."""
    project = Project(ROOT)
    rules = {lang: project.load_handout(lang).language.safety for lang in project.languages()}
    assert all(r is not None and len(r.every_length) >= 4 for r in rules.values()), "each language needs the rules"
    checked = 0
    for rel, path in built.items():
        if "saddle" in rel:
            continue
        lang = Path(rel).parts[1]
        text = pdf_text(path)
        for rule in rules[lang].every_length:
            missing = [a for a in rule.phrases if not _found(text, a)]
            assert not missing, f"{rel}: `{rule.id}` ({rule.what}) missing {missing}"
            if rule.crisis_line:
                assert "988" in text, f"{rel}: no crisis line"
        checked += 1
    assert checked >= 48


def test_every_page_of_every_unreviewed_pdf_says_draft(built):
    project = Project(ROOT)
    for rel, path in built.items():
        if "saddle" in rel:
            continue
        ui = project.load_handout(Path(rel).parts[1]).language.ui
        notice = flat(ui.draft_unreviewed)
        for n, page in enumerate(text_pages(path), start=1):
            assert notice in flat(page), f"{rel} page {n} lacks the draft notice"


def test_the_draft_notice_is_at_least_9_pt_bold(built):
    import fitz  # pymupdf, in the test extra

    path = next(p for r, p in built.items() if r.endswith("en/trifold-letter.pdf"))
    doc = fitz.open(str(path))
    for page in doc:
        spans = [
            s
            for b in page.get_text("dict")["blocks"]
            for line in b.get("lines", [])
            for s in line["spans"]
            if "Draft" in s["text"]
        ]
        assert spans, f"page {page.number + 1} has no draft notice"
        assert all(s["size"] >= 9 and "Bold" in s["font"] for s in spans)


LAYOUT_WITHOUT_ESSENTIALS = """\
name: flyer
description: A flyer that forgot the safety box.
kind: fixed
papers: [letter]
safe_zone: 0.3in
type: {body: 11, min_body: 8, title: 26, h2: 14, h3: 12, small: 9}
pages:
  - name: front
    frames:
      - {id: top, x: 0, w: 100%, y: 0, h: 20%, background: primary, content: [brand, title]}
      - id: body
        x: 0
        w: 100%
        y: 20%
        h: 80%
        content: [main_message, {sections: {show: [title, summary]}}, crisis, review]
"""


def test_a_flyer_without_the_safety_statements_fails_check_and_build(project):
    (project / "layouts").mkdir()
    (project / "layouts/flyer.yaml").write_text(LAYOUT_WITHOUT_ESSENTIALS)
    res = run("check", "--strict", "--format", "json")
    assert res.exit_code == 1
    import json

    findings = [f for f in json.loads(res.output)["findings"] if f["rule"] == "safety.every-length"]
    langs = {re.search(r"in `([\w-]+)`", f["message"]).group(1) for f in findings}
    assert langs == set(Project(project).languages()), "every language of the flyer is reported"
    assert all("`flyer` length" in f["message"] and f["file"] == "layouts/flyer.yaml" for f in findings)
    assert any("off-label" in f["message"] for f in findings)
    out = project / "out"
    res = run("build", "--length", "flyer", "--lang", "en", "--brand", "default", "--out", str(out))
    assert res.exit_code == 1 and "does not print" in res.output and "Traceback" not in res.output
    assert not list(out.rglob("*.pdf")), "no PDF is written for a length that lacks a statement"


def _brand(project: Path, name: str, region: str) -> None:
    text = (project / "assets/brands/default.yaml").read_text()
    (project / f"assets/brands/{name}.yaml").write_text(text + f"region: {region}\n")


@pytest.mark.parametrize(
    ("region", "present", "absent"),
    [
        ("CA", ["9-8-8", "911"], ["988lifeline", " 988 "]),
        ("GB", ["116 123", "Samaritans", "999"], ["988", "911"]),
    ],
)
def test_a_brand_prints_its_regions_crisis_lines_in_every_length(project, region, present, absent):
    _brand(project, "north", region)
    out = project / "out"
    res = run("build", "--brand", "north", "--lang", "en", "--paper", "letter", "--out", str(out), "-q")
    assert res.exit_code == 0, res.output
    pdfs = sorted(out.rglob("*.pdf"))
    assert {p.name for p in pdfs} == {"flyer-letter.pdf", "trifold-letter.pdf", "booklet-letter.pdf"}
    for pdf in pdfs:
        text = " " + pdf_text(pdf) + " "
        for s in present:
            assert s in text, f"{pdf.name}: {s!r} missing"
        for s in absent:
            assert s not in text, f"{pdf.name}: {s!r} printed for {region}"


def test_spanish_us_lines_say_press_2_and_ayuda_and_other_languages_only_call(built):
    es = pdf_text(next(p for r, p in built.items() if r.endswith("default/es/flyer-letter.pdf")))
    assert "marque 2" in es and "AYUDA" in es
    for lang in ("ko", "vi", "ru", "tl", "zh-Hans", "ar"):
        text = pdf_text(next(p for r, p in built.items() if r.endswith(f"default/{lang}/flyer-letter.pdf")))
        assert "988lifeline.org" not in text and "988" in text, lang


def test_a_region_without_lines_is_a_validation_error(project):
    _brand(project, "nowhere", "XX")
    res = run("check")
    assert res.exit_code == 1
    assert "no crisis lines for region `XX`" in res.output and "assets/brands/nowhere.yaml:" in res.output


# ------------------------------------------------------------ the clinician's review


def _flyer(project: Path, *extra: str):
    out = project / "out"
    res = run(
        "build",
        "--lang",
        "en",
        "--brand",
        "default",
        "--length",
        "flyer",
        "--paper",
        "letter",
        "--out",
        str(out),
        "--force",
        *extra,
    )
    return res, out / "default/en/flyer-letter.pdf"


def test_a_review_is_bound_to_the_text_and_a_changed_section_flips_it(project):
    res = run("review", "--lang", "en", "--by", "Dr. Ana Ruiz, MD", "--on", "2026-12-02")
    assert res.exit_code == 0, res.output
    assert (project / "reviews/en.yaml").is_file()
    res, pdf = _flyer(project, "--require-reviewed")
    assert res.exit_code == 0, res.output
    text = pdf_text(pdf)
    assert "Reviewed by Dr. Ana Ruiz, MD on December 2, 2026" in text
    assert "Draft" not in text
    import json

    findings = json.loads(run("check", "--format", "json").output)["findings"]
    assert not [f for f in findings if f["rule"].startswith("review.") and "`en`" in f["message"]]
    # one sentence of one base section changes: the sign-off no longer applies
    path = project / "content/en/safety.yaml"
    lines = path.read_text().splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith("summary:"))
    lines.insert(n + 1, "  A sentence no clinician has read.")
    path.write_text("\n".join(lines) + "\n")
    res, pdf = _flyer(project)
    assert res.exit_code == 0, res.output
    text = pdf_text(pdf)
    assert "Reviewed by" not in text
    assert "the text changed after the clinician's review on December 2, 2026" in text
    assert len(PdfReader(pdf).pages) == 1
    checked = run("check", "--strict")
    assert checked.exit_code == 1
    assert f"content/en/safety.yaml:{n + 1}:" in checked.output and "`safety:summary` changed" in checked.output
    res, _ = _flyer(project, "--require-reviewed")
    assert res.exit_code == 1 and "changed since the review" in res.output


def test_a_changed_brand_note_flips_only_that_brands_review(project):
    assert run("review", "--lang", "en", "--by", "Dr. Ana Ruiz, MD", "--on", "2026-12-02").exit_code == 0
    brand = project / "assets/brands/harbor-light.yaml"
    brand.write_text(brand.read_text().replace("notes:\n", "notes:\n  - Free parking for every visit.\n", 1))
    checked = run("check", "--format", "json")
    import json

    changed = [f for f in json.loads(checked.output)["findings"] if f["rule"] == "review.changed"]
    assert changed and all(f["field"].startswith("brand.harbor-light:") for f in changed)
    res, pdf = _flyer(project)
    assert "Reviewed by Dr. Ana Ruiz" in pdf_text(pdf), "the default brand's text did not change"


def test_the_manifest_reviewed_by_field_is_refused_with_the_command_to_use(project):
    path = project / "content/handout.yaml"
    lines = [line for line in path.read_text().splitlines() if not line.strip().startswith("reviewed_")]
    lines.insert(lines.index("review:") + 1, "  reviewed_by: Dr. Someone")
    path.write_text("\n".join(lines) + "\n")
    res = run("check")
    assert res.exit_code == 1 and "brochure review --lang" in res.output


# ------------------------------------------------------------ translations follow their source


def test_a_changed_english_section_stales_exactly_that_part_of_each_translation(project):
    assert run("translated", "es").exit_code == 0
    import json

    def stale() -> set[str]:
        res = run("check", "--format", "json")
        return {
            f["field"]
            for f in json.loads(res.output)["findings"]
            if f["rule"] == "translation.stale" and "`es`" in f["message"]
        }

    assert stale() == set()
    path = project / "content/en/science.yaml"
    path.write_text(path.read_text().replace("title: ", "title: Changed, ", 1))
    assert stale() == {"translation.translated_from.science"}


def test_a_clinic_override_stales_its_translations(tmp_path, monkeypatch):
    dest = tmp_path / "clinic"
    assert run("init", str(dest), "--name", "Maple Street Clinic", "--project", str(ROOT)).exit_code == 0
    monkeypatch.chdir(dest)
    (dest / "content/es").mkdir(parents=True)
    (dest / "content/es/language.yaml").write_text((dest / "base/content/es/language.yaml").read_text())
    assert run("translated", "es").exit_code == 0
    assert run("review", "--lang", "en", "--by", "Dr. Ana Ruiz, MD", "--on", "2026-12-02").exit_code == 0
    (dest / "content/en").mkdir(parents=True)
    section = (dest / "base/content/en/conclusion.yaml").read_text()
    (dest / "content/en/conclusion.yaml").write_text(section.replace("title: ", "title: At Maple Street, ", 1))
    import json

    res = run("check", "--format", "json")
    stale = {
        f["field"]
        for f in json.loads(res.output)["findings"]
        if f["rule"] == "translation.stale" and "`es`" in f["message"]
    }
    assert stale == {"translation.translated_from.conclusion"}
    # the clinic's rewrite of a base section is text no clinician has reviewed
    changed = [f for f in json.loads(res.output)["findings"] if f["rule"] == "review.changed"]
    assert changed and all(f["file"] == "content/en/conclusion.yaml" for f in changed)


def test_recording_a_review_rebuilds_what_it_changes(project):
    """An incremental build must not keep a 'Draft' PDF after a review is recorded, nor the reverse."""
    out = project / "out"
    args = ("build", "--lang", "en", "--brand", "default", "--length", "flyer", "--paper", "letter", "--out", str(out))
    assert run(*args).exit_code == 0
    pdf = out / "default/en/flyer-letter.pdf"
    assert "Draft" in pdf_text(pdf)
    assert run("review", "--lang", "en", "--by", "Dr. Ana Ruiz, MD", "--on", "2026-12-02").exit_code == 0
    assert run(*args).exit_code == 0  # no --force
    assert "Reviewed by Dr. Ana Ruiz, MD" in pdf_text(pdf) and "Draft" not in pdf_text(pdf)
    (project / "reviews/en.yaml").unlink()
    assert run(*args).exit_code == 0
    assert "Draft" in pdf_text(pdf)
