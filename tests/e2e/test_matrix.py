"""Building the matrix: incremental (and correct), shardable, parallel, quiet."""

from __future__ import annotations

from pathlib import Path

from brochure.batch import matrix
from brochure.inputs.project import Project
from brochure.inputs.targets import Selection, plan_targets
from tests.conftest import run

SMALL = ["--length", "flyer", "--paper", "letter", "--lang", "en"]


def stamps(project: Path) -> dict[str, int]:
    return {str(p.relative_to(project / "dist")): p.stat().st_mtime_ns for p in (project / "dist").rglob("*.pdf")}


def test_unchanged_inputs_are_skipped_and_each_input_change_rebuilds_what_it_affects(project):
    first = run("build", *SMALL, "-j", "1")
    assert first.exit_code == 0 and first.output.count("wrote ") == 2
    again = run("build", *SMALL, "-j", "1")
    assert again.output.count("wrote ") == 0 and again.output.count("up to date") == 2
    # a content edit rebuilds that language only (both brands use it)
    intro = project / "content/en/introduction.yaml"
    intro.write_text(intro.read_text().replace("title: ", "title: Now ", 1))
    assert run("build", *SMALL, "-j", "1").output.count("wrote ") == 2
    # a brand edit rebuilds that brand only
    brand = project / "assets/brands/harbor-light.yaml"
    brand.write_text(brand.read_text().replace("Portland, ME", "Bangor, ME"))
    res = run("build", *SMALL, "-j", "1")
    assert res.output.count("wrote ") == 1 and "harbor-light/en/flyer-letter.pdf" in res.output
    # a replaced logo file rebuilds its brand
    logo = project / "assets/logos/placeholder.png"
    logo.write_bytes((project / "assets/logos/harbor-light.png").read_bytes())
    res = run("build", *SMALL, "-j", "1")
    assert res.output.count("wrote ") == 1 and "default/en/flyer-letter.pdf" in res.output
    # a damaged output is noticed and rebuilt
    pdf = project / "dist/default/en/flyer-letter.pdf"
    pdf.write_bytes(pdf.read_bytes()[:1000])
    assert "default/en/flyer-letter.pdf" in run("build", *SMALL, "-j", "1").output
    # --force rebuilds everything
    assert run("build", *SMALL, "-j", "1", "--force").output.count("wrote ") == 2


def test_a_layout_edit_rebuilds_that_length(project):
    (project / "layouts").mkdir()
    assert run("build", *SMALL, "-j", "1").exit_code == 0
    flyer = Path(__file__).resolve().parents[2] / "src/brochure/layouts/flyer.yaml"
    (project / "layouts/flyer.yaml").write_text(flyer.read_text().replace("body: 12", "body: 11.5"))
    assert run("build", *SMALL, "-j", "1").output.count("wrote ") == 2


def test_shards_partition_the_matrix(project):
    proj = Project(project)
    targets = plan_targets(proj, Selection())
    slices = [matrix.shard(targets, i, 3) for i in (1, 2, 3)]
    assert sorted(t for s in slices for t in s) == sorted(targets)
    assert all(not set(a) & set(b) for a in slices for b in slices if a is not b)
    assert matrix.shard(targets, 2, 3) == matrix.shard(list(reversed(targets)), 2, 3)  # deterministic


def test_sharded_builds_together_equal_the_full_build(project):
    for i in (1, 2):
        assert run("build", "--lang", "en", "--length", "flyer", "--shard", f"{i}/2", "-q").exit_code == 0
    sharded = sorted(stamps(project))
    assert len(sharded) == 3  # default letter + a4, harbor-light letter
    full = run("build", "--lang", "en", "--length", "flyer")
    assert full.output.count("up to date") == 3


def test_parallel_workers_build_the_same_bytes_as_one(project, tmp_path):
    assert run("build", *SMALL[:2], "--lang", "en", "-j", "2", "--out", str(tmp_path / "a")).exit_code == 0
    assert run("build", *SMALL[:2], "--lang", "en", "-j", "1", "--out", str(tmp_path / "b")).exit_code == 0
    a = sorted((tmp_path / "a").rglob("*.pdf"))
    b = sorted((tmp_path / "b").rglob("*.pdf"))
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b] and len(a) == 3


def test_quiet_prints_nothing_and_summary_counts(project):
    assert run("build", *SMALL, "-q").output == ""
    res = run("build", *SMALL, "--force")
    assert "total" in res.output and "2 workers" in res.output or "1 worker" in res.output


def test_shard_must_be_well_formed(project):
    assert run("build", "--shard", "3/2").exit_code == 2
    assert run("build", "--shard", "x").exit_code == 2


OUTPUT_LIBRARIES = ["reportlab", "pillow", "pikepdf", "uharfbuzz", "fonttools", "python-bidi", "pyphen"]


def test_the_fingerprint_holds_the_version_of_every_library_that_changes_output():
    """pikepdf, uharfbuzz, fonttools, python-bidi and pyphen once were missing: an upgrade shipped stale PDFs."""
    names = [line.split("=", 1)[0] for line in matrix.package_versions()]
    for dist in OUTPUT_LIBRARIES:
        assert dist in names, dist
    assert all(not line.endswith("=none") for line in matrix.package_versions())  # every name is a real dist


def test_a_new_version_of_each_output_library_changes_the_fingerprint(monkeypatch):
    real = matrix.metadata.version
    matrix._tool_digest.cache_clear()
    before = matrix._tool_digest()
    try:
        for dist in OUTPUT_LIBRARIES:
            monkeypatch.setattr(matrix.metadata, "version", lambda d, dist=dist: "999" if d == dist else real(d))
            matrix._tool_digest.cache_clear()
            assert matrix._tool_digest() != before, dist
    finally:
        monkeypatch.undo()
        matrix._tool_digest.cache_clear()
    assert matrix._tool_digest() == before


def test_every_dependency_is_either_fingerprinted_or_known_not_to_touch_output():
    """A dependency added to pyproject.toml must be sorted into one list or the other."""
    import re
    import tomllib

    from tests.conftest import ROOT

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    names = {re.split(r"[\[<>=!~ ;]", d, maxsplit=1)[0].lower() for d in deps}
    known = {n.lower() for n in (*matrix.OUTPUT_PACKAGES, *matrix.NOT_OUTPUT_PACKAGES)}
    assert names - known == set()


def test_a_bug_in_one_worker_fails_that_target_and_the_others_still_build(project, monkeypatch):
    """Issue 20: an exception that is not a user problem, raised in a worker, is that target's failure only."""
    real = matrix.build_one

    def broken(proj, target, *args, **kwargs):
        if target.lang == "es":
            raise RuntimeError("simulated bug")
        return real(proj, target, *args, **kwargs)

    monkeypatch.setattr(matrix, "build_one", broken)  # workers are forked: they see the patch
    result = run("build", "--brand", "default", "--length", "flyer", "--paper", "letter", "-j", "2")
    assert result.exit_code == 1
    out = result.output
    assert "Traceback" not in out
    assert "internal error while building default/es/flyer-letter: this is a bug in brochure" in out
    assert "RuntimeError" in out and "brochure-error-" in out  # the traceback went to a log file, named here
    built = sorted(p.parent.name for p in (project / "dist/default").glob("*/flyer-letter.pdf"))
    assert "es" not in built and len(built) >= 7, built
    total = [line.split() for line in out.splitlines() if line.startswith("total")][-1]
    assert total[1:4] == [str(len(built)), "0", "1"], total  # written, skipped, failed
