"""`brochure check`: every rule tripped by a small edit of the shipped project, with the finding it gives.

Each case edits a copy of the shipped project (the `project` fixture), runs
`brochure check --format json` and expects a finding with that rule, severity,
file and message. The shipped project itself passes `brochure check --strict`.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from brochure.inputs.project import Project
from tests.conftest import ROOT, check_golden, run

FIXTURES = Path(__file__).parents[1] / "fixtures"


def edit(project: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    path = project / rel
    text = path.read_text()
    assert old in text, f"{old!r} is not in {rel}"
    path.write_text(text.replace(old, new, count))


def findings(*args: str) -> tuple[int, dict]:
    res = run("check", "--format", "json", *args)
    return res.exit_code, json.loads(res.output)


def only(report: dict, rule: str) -> list[dict]:
    return [f for f in report["findings"] if f["rule"] == rule]


# (rule, severity, edit, file, words the message must contain)
CASES = [
    (
        "readability.section",
        "warning",
        lambda p: edit(p, "content/handout.yaml", "flesch_kincaid: {section: 8,", "flesch_kincaid: {section: 5,"),
        "content/en/conditions.yaml",
        "Flesch-Kincaid grade of section `conditions` is 7.2 for the whole section; it should be at most 5",
    ),
    (
        "readability.short",
        "warning",
        lambda p: edit(p, "content/handout.yaml", "short: 7}", "short: 6}"),
        "content/en/science.yaml",
        "Flesch-Kincaid grade of section `science` is 6.8 for the flyer and tri-fold text",
    ),
    (
        "plain.long-sentence",
        "warning",
        lambda p: edit(
            p,
            "content/en/science.yaml",
            "They often take weeks to help.",
            "They often take weeks to help, and many people who take them every day for a long time find that "
            "the change in how they feel comes slowly and only after many visits.",
        ),
        "content/en/science.yaml",
        "sentence has 33 words (limit 25)",
    ),
    (
        "plain.undefined-term",
        "warning",
        lambda p: edit(
            p, "content/en/introduction.yaml", "Ketamine is a medicine used", "Ketamine is an anesthetic used"
        ),
        "content/en/introduction.yaml",
        "`anesthetic` is used before it is explained",
    ),
    (
        "plain.all-caps",
        "warning",
        lambda p: edit(p, "content/en/safety.yaml", "Do not drive after a session.", "Do NOT DRIVE after a session."),
        "content/en/safety.yaml",
        "text in capital letters is hard to read: DRIVE",
    ),
    (
        "plain.bare-number",
        "warning",
        lambda p: edit(p, "content/en/conditions.yaml", "about 4 in 10 people (41%)", "only 41% of people"),
        "content/en/conditions.yaml",
        "`41%` is given without words",
    ),
    (
        "sources.unused",
        "warning",
        lambda p: edit(p, "content/en/science.yaml", "sources: [li2010, ", "sources: ["),
        "content/handout.yaml",
        "source `li2010` is listed but no section cites it",
    ),
    (
        "sources.year",
        "warning",
        lambda p: edit(p, "content/handout.yaml", "Biol Psychiatry. 2000;47(4)", "Biol Psychiatry. 47(4)"),
        "content/handout.yaml",
        "the citation of `berman2000` does not say its year (2000)",
    ),
    (
        "sources.doi",
        "warning",
        lambda p: edit(p, "content/handout.yaml", "doi: 10.1126/science.1190287", "doi: 10.1126/science.1190287."),
        "content/handout.yaml",
        "DOI `10.1126/science.1190287.` of `li2010` is not well formed",
    ),
    (
        "safety.crisis-callout",
        "error",
        lambda p: edit(p, "content/en/conditions.yaml", "kind: crisis", "kind: note"),
        "content/en/conditions.yaml",
        'section `conditions` mentions "suicid',
    ),
    (
        "safety.never-say",
        "error",
        lambda p: edit(p, "content/en/treatment.yaml", "It is still new.", "It is a miracle cure."),
        "content/en/treatment.yaml",
        '"miracle" must not appear in patient text',
    ),
    (
        "safety.never-say",
        "error",
        lambda p: edit(p, "content/zh-Hans/treatment.yaml", "title: ", "title: 奇迹疗法："),
        "content/zh-Hans/treatment.yaml",
        '"奇迹" must not appear in patient text',
    ),
    (
        "safety.must-say",
        "error",
        lambda p: edit(p, "content/en/treatment.yaml", "has not approved ketamine for", "has not approved it for"),
        "content/en/treatment.yaml",
        'is not stated in section `science` or `treatment`; missing: "not FDA-approved for depression" or',
    ),
    (
        "safety.must-say",
        "error",
        lambda p: edit(p, "content/ru/treatment.yaml", "инструкции", "разрешения", count=-1),
        "content/ru/treatment.yaml",
        'missing: "вне инструкции"',
    ),
    (
        "brand.logo",
        "warning",
        lambda p: edit(p, "assets/brands/default.yaml", "logo: ../logos/placeholder.png\n", ""),
        "assets/brands/default.yaml",
        "brand `default` has no logo",
    ),
    (
        "layout.type-size",
        "warning",
        lambda p: (
            (p / "layouts").mkdir(),
            shutil.copyfile(FIXTURES / "card.yaml", p / "layouts/card.yaml"),
            edit(p, "layouts/card.yaml", "body: 11\n  min_body: 10", "body: 9\n  min_body: 9\n  small: 6.5"),
        ),
        "layouts/card.yaml",
        "layout `card`: `type.body` is 9 pt; below 10 pt many patients cannot read it",
    ),
    (
        "layout.type-size",
        "warning",
        lambda p: (
            (p / "layouts").mkdir(),
            shutil.copyfile(ROOT / "src/brochure/layouts/booklet.yaml", p / "layouts/booklet.yaml"),
            edit(p, "layouts/booklet.yaml", "small: 8\n  a5:", "small: 6\n  a5:"),
        ),
        "layouts/booklet.yaml",
        "layout `booklet`: `per_paper.half-letter.type.small` is 6 pt; below 7 pt",
    ),
    (
        "brand.contrast",
        "error",
        lambda p: edit(p, "assets/brands/default.yaml", 'primary: "#3B4A5C"', 'primary: "#BBDDEE"'),
        "assets/brands/default.yaml",
        "contrast of headings on the page is 1.43:1",
    ),
    (
        "translation.stale",
        "warning",
        lambda p: edit(p, "content/en/science.yaml", "title: ", "title: Changed, "),
        "content/ko/language.yaml",
        "translation `ko` of `science` is stale: the en text (content/en/science.yaml:2:1) changed since it was",
    ),
    (
        "translation.missing-key",
        "warning",
        lambda p: _drop_last_key_point(p, "content/vi/science.yaml"),
        "content/vi/science.yaml",
        "missing `key_points[3]`",
    ),
]


def _drop_last_key_point(project: Path, rel: str) -> None:
    path = project / rel
    lines = path.read_text().splitlines(keepends=True)
    start = next(i for i, ln in enumerate(lines) if ln.startswith("key_points:"))
    end = next(i for i, ln in enumerate(lines[start + 1 :], start + 1) if not ln.startswith("  - "))
    del lines[end - 1]
    path.write_text("".join(lines))


@pytest.mark.parametrize(
    ("rule", "severity", "change", "file", "message"),
    CASES,
    ids=[f"{c[0]}-{c[3].split('/')[1]}" for c in CASES],
)
def test_each_rule_reports_its_finding(project, rule, severity, change, file, message):
    change(project)
    code, report = findings()
    hits = [f for f in only(report, rule) if f["file"] == file and message in f["message"]]
    assert hits, json.dumps(report["findings"], indent=1, ensure_ascii=False)
    assert hits[0]["severity"] == severity and hits[0]["line"] and hits[0]["fix"]
    assert code == (1 if severity == "error" else 0)


def test_a_language_without_safety_rules_is_a_warning(project):
    path = project / "content/vi/language.yaml"
    text = path.read_text()
    path.write_text(text[: text.index("# Rules for `brochure check`")])
    code, report = findings()
    (hit,) = only(report, "safety.no-rules")
    assert hit["file"] == "content/vi/language.yaml" and hit["severity"] == "warning"
    assert code == 0 and findings("--strict")[0] == 1


def test_readability_over_the_limit_lists_the_three_longest_sentences(project):
    edit(project, "content/handout.yaml", "flesch_kincaid: {section: 8,", "flesch_kincaid: {section: 5,")
    _, report = findings()
    hit = next(f for f in only(report, "readability.section") if "`conditions`" in f["message"])
    assert hit["details"][0] == "longest sentences:" and len(hit["details"]) == 4
    import re

    assert re.match(r'  \d+ words: "', hit["details"][1]), hit["details"][1]
    conditions = (project / "content/en/conditions.yaml").read_text()
    first_words = hit["details"][1].split('"')[1].split()[:4]
    assert " ".join(first_words) in " ".join(conditions.split())
    counts = [int(d.split()[0]) for d in hit["details"][1:]]
    assert counts == sorted(counts, reverse=True)


def test_the_shipped_project_passes_strict_and_unreviewed_translations_are_notes():
    res = run("check", "--strict", "--project", str(ROOT))
    assert res.exit_code == 0, res.output
    code, report = findings("--strict", "--project", str(ROOT))
    languages = Project(ROOT).languages()
    unreviewed = [
        lang for lang in languages if Project(ROOT).load_handout(lang).language.translation.status != "source"
    ]
    notes = len(unreviewed) + len(languages)  # every language: no clinician's review yet (a note; pages say Draft)
    assert code == 0 and report["ok"] and report["counts"] == {"error": 0, "warning": 0, "info": notes}
    assert {f["rule"] for f in report["findings"]} == {"translation.unreviewed", "review.none"}
    assert "translation `ko` is not reviewed by a medical translator" in res.output
    assert f"{notes} notes." in res.output
    assert res.output.rstrip().endswith("2 brand(s) (default, harbor-light)")


def test_warnings_fail_only_with_strict_and_errors_always(project):
    edit(project, "content/en/safety.yaml", "Do not drive after a session.", "Do NOT DRIVE after a session.")
    assert run("check").exit_code == 0
    assert run("check", "--strict").exit_code == 1
    edit(project, "content/en/conditions.yaml", "kind: crisis", "kind: note")
    assert run("check").exit_code == 1


def test_json_has_scores_for_every_section_and_language():
    code, report = findings("--project", str(ROOT))
    assert code == 0 and report["validated"] and report["languages"] == Project(ROOT).languages()
    en = [s for s in report["readability"] if s["lang"] == "en"]
    assert {(s["formula"], s["scope"]) for s in en} == {
        ("flesch_kincaid", "section"),
        ("flesch_kincaid", "short"),
        ("smog", "section"),
        ("smog", "short"),
    }
    assert len(en) == 6 * 4 and all(isinstance(s["score"], float) for s in en)
    assert all(s["score"] <= s["limit"] for s in en if s["formula"] == "flesch_kincaid")
    ko = [s for s in report["readability"] if s["lang"] == "ko"]
    assert len(ko) == 6 and all(s["formula"] is None and s["name"] == "no formula" for s in ko)


def test_the_table_shows_scores_and_findings_by_file(project, update_golden):
    """One golden run with several rules tripped at once: the default output people read."""
    edit(project, "content/handout.yaml", "short: 7}", "short: 6}")
    edit(project, "content/en/safety.yaml", "Do not drive after a session.", "Do NOT DRIVE after a session.")
    edit(project, "content/en/conditions.yaml", "about 4 in 10 people (41%)", "only 41% of people")
    edit(project, "content/en/treatment.yaml", "It is still new.", "It is a miracle cure.")
    res = run("check")
    assert res.exit_code == 1 and "\x1b[" not in res.output  # colour only on a terminal
    check_golden("check-table", res.output, update_golden)


def test_json_when_validation_fails_says_content_checks_did_not_run(project):
    edit(project, "content/en/science.yaml", "title:", "titel:")
    code, report = findings()
    assert code == 1 and not report["validated"] and report["readability"] == []
    assert {f["rule"] for f in report["findings"]} == {"validate"}
    assert any("unknown key `titel`" in f["message"] for f in report["findings"])


def test_no_project_in_json(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, report = findings()
    assert code == 1 and "no brochure project here" in report["findings"][0]["message"]
