"""Hostile inputs of issue 20: long titles, regex-looking terms, odd YAML, odd options, internal errors.

Every case goes through the command line and must end in a located message
with a `fix:` (exit 1) or a usage error (exit 2): never a traceback, a hang
or a partial PDF.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run

MANIFEST = "content/handout.yaml"
LANGUAGE = "content/en/language.yaml"
LONG_TITLE = (
    "Ketamine-Assisted Therapy for Treatment-Resistant Depression: "
    "What Patients and Families Should Know Before Starting"
)


def set_line(project: Path, rel: str, pattern: str, line: str) -> None:
    """Replace the first line matching `pattern` (a regex, multi-line) with `line`."""
    path = project / rel
    text = path.read_text(encoding="utf-8")
    new, n = re.subn(pattern, lambda _: line, text, count=1, flags=re.M)
    assert n == 1, f"{pattern!r} not in {rel}"
    path.write_text(new, encoding="utf-8")


def assert_refused_clearly(res, code: int = 1) -> None:
    assert res.exit_code == code, res.output
    assert "Traceback" not in res.output
    if code == 1:
        # file:line:col (build), the same in check's table, or the option (`--set layout.x`)
        located = r"^\S+:\d+(:\d+)?: error: |^\S+:\d+(:\d+)? +error |^--[\w-]+( \S+)?: error: "
        assert re.search(located, res.output, re.M), res.output[:2000]
        assert "fix:" in res.output


def no_pdf(project: Path) -> bool:
    return not list(project.rglob("*.pdf"))


# 1. Titles: long or with a very long word, they wrap, shrink, or fail the fit check; never crash.
TITLES = {
    "realistic-115-characters": LONG_TITLE,
    "a-280-character-word": "a" * 280,
    "words-and-a-long-word": "Ketamine " + "b" * 200,
}


@pytest.mark.parametrize("length", ["flyer", "trifold", "booklet"])
@pytest.mark.parametrize("title", TITLES.values(), ids=TITLES.keys())
def test_a_long_title_fits_or_fails_the_fit_check(project, title, length):
    set_line(project, MANIFEST, r"^title: .*$", f"title: {title!r}")
    res = run("build", "--brand", "default", "--lang", "en", "--length", length, "--paper", "letter")
    assert "Traceback" not in res.output
    assert res.exit_code in (0, 1), res.output
    if res.exit_code == 1:  # the usual fit message, pointing at the title
        assert f"{MANIFEST}:" in res.output and "does not fit" in res.output, res.output
        assert "fix: shorten the title" in res.output
        assert no_pdf(project)


# 2. Term lists are literal text; the two pattern fields are checked before they run.
ODD_TERM = r"[a-z](+*?\{"
TERM_LISTS = {  # (where the term goes in the English language.yaml, replacement)
    "never_say": ("    - cure\n", f"    - '{ODD_TERM}'\n    - cure\n"),
    "crisis_terms": ("crisis_terms: [suicid,", f"crisis_terms: ['{ODD_TERM}', suicid,"),
    "must_say": ("        - [not FDA-approved", f"        - ['{ODD_TERM}', not FDA-approved"),
    "every_length": ("[talk to your care team,", f"['{ODD_TERM}', talk to your care team,"),
    "acronyms": ("acronyms: [FDA,", f"acronyms: ['{ODD_TERM}', FDA,"),
}


def replace_in(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(("old", "new"), TERM_LISTS.values(), ids=TERM_LISTS.keys())
def test_terms_with_regex_characters_are_matched_literally(project, old, new):
    replace_in(project, LANGUAGE, old, new)
    res = run("check")
    assert res.exit_code == 0, res.output  # as literal text the odd term is found nowhere, and breaks nothing
    assert "Traceback" not in res.output


def test_a_never_say_bracket_is_the_bracket_itself(project):
    replace_in(project, LANGUAGE, "    - cure\n", "    - '('\n    - '[a-z]'\n    - cure\n")
    res = run("check")
    assert_refused_clearly(res)
    assert '"(" must not appear' in res.output and '"[a-z]"' not in res.output


PATTERNS = {  # (field, pattern, words of the message)
    "unbalanced-bracket": ("defines", "(", "not a valid regular expression"),
    "unclosed-set": ("defines", "{term}[", "not a valid regular expression"),
    "term-in-a-set": ("defines", "[{term}]", "cannot hold `{term}`"),
    "term-in-a-look-behind": ("defines", "(?<={term})x", "cannot hold `{term}`"),
    "nested-plus": ("frequency", r"^(\w+\s?)+$", "nested quantifiers"),
    "nested-star": ("defines", r"(?:{term}\s*)*(a+)*$", "nested quantifiers"),
    "nested-in-alternation": ("frequency", r"((in|out)+\s)+\d", "nested quantifiers"),
    "nested-large-bound": ("frequency", r"(\w+\s?){1,50}$", "nested quantifiers"),
}


@pytest.mark.parametrize(("field", "pattern", "expected"), PATTERNS.values(), ids=PATTERNS.keys())
def test_a_bad_or_runaway_pattern_is_refused_at_validation(project, field, pattern, expected):
    import subprocess
    import sys

    if field == "frequency":
        set_line(project, LANGUAGE, r"^  frequency: .*$", f"  frequency: '{pattern}'")
    else:
        replace_in(project, LANGUAGE, "  defines:\n", f"  defines:\n    - '{pattern}'\n")
    # a process with a time limit: a runaway pattern must not hang `check`
    res = subprocess.run(
        [sys.executable, "-m", "brochure", "check"], cwd=project, capture_output=True, text=True, timeout=120
    )
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    assert "Traceback" not in out
    assert re.search(rf"^{re.escape(LANGUAGE)}:\d+:\d+ +error .*{re.escape(expected)}", out, re.M), out[:3000]
    assert "fix:" in out


# 3. YAML features that plain data does not need: each a located error with a fix.
def own_flyer(project: Path, old: str, new: str) -> None:
    """The project's own copy of the flyer layout, with one change."""
    from tests.conftest import ROOT

    (project / "layouts").mkdir(exist_ok=True)
    text = (ROOT / "src/brochure/layouts/flyer.yaml").read_text(encoding="utf-8")
    assert old in text
    (project / "layouts/flyer.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")


INTRO = "content/en/introduction.yaml"
YAML_CASES = {  # (how to break the project, file, message words, fix words)
    "merge-key": (
        lambda p: replace_in(p, INTRO, "title: ", "x: &base {a: 1}\ny:\n  <<: *base\ntitle: "),
        INTRO,
        "merge key",
        "write the keys out instead of `<<:`",
    ),
    "python-name-tag": (
        lambda p: replace_in(p, INTRO, "title: ", "title: !!python/name:os.system\nx_title: "),
        INTRO,
        "tag `!!python/name:os.system`",
        "quote it",
    ),
    "python-object-tag": (
        lambda p: replace_in(p, INTRO, "title: ", "title: !!python/object/apply:os.system [echo]\nx_title: "),
        INTRO,
        "tag `!!python/object/apply:os.system`",
        "quote it",
    ),
    "custom-tag": (lambda p: replace_in(p, INTRO, "title: ", "title: !foo "), INTRO, "tag `!foo`", "quote it"),
    "custom-tag-on-a-list": (
        lambda p: replace_in(p, INTRO, "key_points:", "key_points: !foo"),
        INTRO,
        "tag `!foo`",
        "quote it",
    ),
    "impossible-date": (
        lambda p: replace_in(p, MANIFEST, "updated: 2026-12-02", "updated: 2026-02-30"),
        MANIFEST,
        "not a real date",
        "use a real date YYYY-MM-DD",
    ),
    "nan-in-layout": (
        lambda p: own_flyer(p, "safe_zone: 0.3in", "safe_zone: .nan"),
        "layouts/flyer.yaml",
        "not a finite number",
        "use a finite number",
    ),
    "inf-in-layout": (
        lambda p: own_flyer(p, "  body: 12\n", "  body: .inf\n"),
        "layouts/flyer.yaml",
        "not a finite number",
        "use a finite number",
    ),
    "negative-inf-in-layout": (
        lambda p: own_flyer(p, "        x: 0\n", "        x: -.inf\n"),
        "layouts/flyer.yaml",
        "not a finite number",
        "use a finite number",
    ),
}


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize(("breaker", "rel", "expected", "fix"), YAML_CASES.values(), ids=YAML_CASES.keys())
def test_yaml_beyond_plain_data_is_a_located_error(project, breaker, rel, expected, fix, command):
    breaker(project)
    args = ["build", "--brand", "default", "--lang", "en", "--length", "flyer", "--paper", "letter"]
    res = run(*(args if command == "build" else ["check"]))
    assert_refused_clearly(res)
    assert re.search(rf"^{re.escape(rel)}:\d+:\d+:? +(error: )?.*{re.escape(expected)}", res.output, re.M), res.output
    assert fix in res.output
    assert no_pdf(project)


def test_a_nan_override_is_a_located_error(project):
    res = run("build", "--brand", "default", "--lang", "en", "--length", "flyer", "--paper", "letter",
              "--set", "layout.safe_zone=.nan", "--set", "layout.type.body=.inf")  # fmt: skip
    assert_refused_clearly(res)
    # --set values are read by the file rules (issue 22), so the message is the one a file gets
    assert "--set layout.safe_zone: error: `.nan` is not a finite number" in res.output
    assert "fix: use a finite number" in res.output
    assert "--set layout.type.body: error: `.inf` is not a finite number" in res.output


# 4. Command-line options: a usage error (2) or an error naming the option (1); never a traceback or a hang.
LONG = "x" * 300
ONE = ["--length", "flyer", "--paper", "letter", "-q"]
OPTION_CASES = {  # (arguments, exit code, words the message must contain)
    "shard-zero-of-zero": (["build", "--shard", "0/0"], 2, "'--shard'"),
    "shard-junk": (["build", "--shard", "junk"], 2, "'--shard'"),
    "shard-past-the-end": (["build", "--shard", "3/2"], 2, "'--shard'"),
    "jobs-zero": (["build", "-j", "0"], 2, "'-j' / '--jobs'"),
    "project-is-a-file": (["build", "--project", "content/handout.yaml"], 2, "'--project'"),
    "project-missing": (["check", "--project", "nowhere"], 2, "'--project'"),
    "brand-is-a-device": (["build", "--brand", "/dev/zero", *ONE], 1, "--brand: error: `/dev/zero` is not a regular"),
    "brand-is-a-folder": (["build", "--brand", "/tmp", *ONE], 1, "--brand: error: `/tmp` is a folder"),
    "brand-300-characters": (["build", "--brand", LONG, *ONE], 1, "--brand: error: unknown brand `xxx"),
    "brand-file-300-characters": (["build", "--brand", LONG + ".yaml", *ONE], 1, "--brand: error: `xxx"),
    "lang-300-characters": (["build", "--lang", LONG, *ONE], 2, "'--lang'"),
    "lang-a-path": (["build", "--lang", "../en", *ONE], 2, "'--lang'"),
    "out-300-characters": (["build", "--out", LONG, *ONE], 2, "'--out'"),
    "preflight-a-folder": (["preflight", "content"], 2, "is a directory"),
    "preflight-a-device": (["preflight", "/dev/zero"], 2, "not a regular file"),
    "serve-lang-300-characters": (["serve", "--lang", LONG], 2, "'--lang'"),
    "translated-code-300-characters": (["translated", LONG], 2, "CODE"),
    "review-lang-300-characters": (["review", "--lang", LONG, "--by", "x", "--on", "2026-01-01"], 2, "'--lang'"),
}


@pytest.mark.parametrize(("args", "code", "expected"), OPTION_CASES.values(), ids=OPTION_CASES.keys())
def test_a_bad_option_is_a_usage_or_located_error(project, args, code, expected):
    res = run(*args)
    assert_refused_clearly(res, code)
    assert expected in res.output, res.output
    assert no_pdf(project)


# 5. A bug in brochure: one line saying so and where to report it; the traceback goes to a log file.
def _raise(*args, **kwargs):
    raise KeyError("an internal slip")


BUGS = {  # (function to break, command)
    "check": ("brochure.checks.runner.run", ["check"]),
    "build": ("brochure.batch.matrix.run", ["build", *ONE]),
    "layouts": ("brochure.inputs.project.Project.layouts", ["layouts"]),
    "yaml-reader": ("brochure.inputs.yamlread._walk", ["check"]),
}


@pytest.mark.parametrize(("target", "args"), BUGS.values(), ids=BUGS.keys())
def test_an_internal_error_is_one_line_and_a_log_file(project, tmp_path, monkeypatch, target, args):
    import tempfile

    from brochure.inputs import yamlread

    yamlread._CACHE.clear()  # the reader caches by file; make it read again
    monkeypatch.setattr(target, _raise)
    logs = tmp_path / "logs"
    logs.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(logs))
    res = run(*args)
    assert res.exit_code == 3, res.output
    assert "Traceback" not in res.output
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and "this is a bug in brochure" in lines[0] and "please report it to" in lines[0], lines
    (log,) = logs.glob("brochure-error-*.log")
    assert str(log) in lines[0]
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "KeyError: 'an internal slip'" in text and "_raise" in text
    assert no_pdf(project)


def test_problems_a_command_forgot_to_catch_are_still_problems(project, monkeypatch):
    from brochure.errors import BrochureError, Location, Problem

    def fail(*args, **kwargs):
        raise BrochureError([Problem("something the user can fix", Location("x.yaml", 3, 1), fix="fix it")])

    monkeypatch.setattr("brochure.inputs.project.Project.layouts", fail)
    res = run("layouts")
    assert_refused_clearly(res)
    assert "x.yaml:3:1: error: something the user can fix" in res.output


def _composite_pointing_past_the_end(src: Path, dest: Path, glyph: str) -> None:
    """A copy of `src` whose composite `glyph` names a component past the last glyph: its tables all read
    (verify passes), and ReportLab's subsetter meets the bad id only when it embeds the glyph."""
    import struct

    from fontTools.ttLib import TTFont

    data = bytearray(src.read_bytes())
    with TTFont(src, lazy=True) as font:
        gid = font.getGlyphID(glyph)
        short = font["head"].indexToLocFormat == 0
        loca = font.reader["loca"]
        at = struct.unpack_from(">H", loca, 2 * gid)[0] * 2 if short else struct.unpack_from(">I", loca, 4 * gid)[0]
        glyf = font.reader.tables["glyf"].offset
        assert struct.unpack_from(">h", data, glyf + at)[0] < 0, f"{glyph} is not a composite glyph"
        struct.pack_into(">H", data, glyf + at + 12, font["maxp"].numGlyphs + 100)  # header 10, flags 2, then id
    dest.write_bytes(bytes(data))


def test_a_font_damaged_inside_a_glyph_is_a_located_error_naming_the_file(tmp_path):
    """Found by the long fuzz (tests/fuzz): the build failed as an internal error (IndexError in ReportLab's
    subsetter) at save time. In a child process, as every damaged-font case: ReportLab keeps a font it has
    parsed, by name, for the rest of the process."""
    from brochure.media import fonts
    from tests.conftest import ROOT, copy_project
    from tests.hardening import cli

    project = copy_project(tmp_path / "proj")
    folder = project / "assets/fonts/Broken Sans"
    folder.mkdir(parents=True)
    for style, src in fonts.find("Noto Sans", [ROOT]).files.items():
        if style == "Regular":
            _composite_pointing_past_the_end(src, folder / "BrokenSans-Regular.ttf", "eacute")
        else:
            (folder / f"BrokenSans-{style}.ttf").write_bytes(src.read_bytes())
    brand = project / "assets/brands/default.yaml"
    text = brand.read_text(encoding="utf-8").replace("body: Noto Sans", "body: Broken Sans")
    brand.write_text(text.replace("123 Main Street", "123 Rue du Café"), encoding="utf-8")  # é in regular type
    done = cli("build", "--brand", "default", "--lang", "en", "--length", "flyer", "--paper", "letter", cwd=project)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    assert re.search(
        r"^assets/brands/default\.yaml:\d+:\d+: error: BrokenSans-Regular\.ttf is damaged", done.stderr, re.M
    )
    assert "fix: download the font again" in done.stderr
    assert no_pdf(project / "dist") if (project / "dist").exists() else True
