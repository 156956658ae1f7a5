"""Issue 22: an incremental build never vouches for the wrong PDF (fingerprint, stamps, races, kills)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pypdf
import pytest

from tests.conftest import run
from tests.hardening import cli, world_readable_project

ONE = ["--brand", "default", "--lang", "en", "--length", "flyer", "--paper", "letter"]
PDF = Path("dist/default/en/flyer-letter.pdf")


def build(*extra: str):
    res = run("build", *ONE, *extra)
    assert res.exit_code == 0, res.output
    return res.output


def text_of(path: Path) -> str:
    return "".join(p.extract_text() for p in pypdf.PdfReader(path).pages)


def test_a_file_named_by_set_is_in_the_fingerprint(project):
    from PIL import Image

    logo = project / "assets/logos/other.png"
    shutil.copy(project / "assets/logos/placeholder.png", logo)
    assert "wrote" in build("--set", "brand.logo=../logos/other.png")
    assert "up to date" in build("--set", "brand.logo=../logos/other.png")
    with Image.open(logo) as im:
        changed = im.convert("RGB")
    changed.paste((200, 0, 0), (0, 0, 40, 40))
    changed.save(logo)
    assert "wrote" in build("--set", "brand.logo=../logos/other.png")


def test_a_font_from_outside_the_project_is_fingerprinted_by_content(project, tmp_path):
    from brochure.media import fonts

    noto = fonts.find("Noto Sans", [])
    outside = tmp_path / "elsewhere" / "Outside Sans"
    outside.mkdir(parents=True)
    for style, path in noto.files.items():
        shutil.copy(path, outside / f"OutsideSans-{style}.ttf")
    (project / "assets/fonts").mkdir(exist_ok=True)
    (project / "assets/fonts/Outside Sans").symlink_to(outside, target_is_directory=True)
    args = ("--set", "brand.fonts.body=Outside Sans")
    assert "wrote" in build(*args)
    assert "up to date" in build(*args)
    with open(outside / "OutsideSans-Regular.ttf", "ab") as fh:  # a changed font file (trailing bytes are ignored)
        fh.write(b"\0\0\0\0")
    assert "wrote" in build(*args)


def test_the_stamp_names_the_bytes_this_build_wrote(project, monkeypatch):
    """Two builds with different inputs race; B's PDF lands between A's PDF and A's stamp (the widened window)."""
    from brochure.batch import output

    real = os.replace
    raced = []

    def replace(src, dst):
        real(src, dst)
        if str(dst).endswith(".pdf") and not raced:
            raced.append(dst)
            # build B runs to the end here, with other inputs, before A renames its stamp
            assert "wrote" in build("--set", "brand.name=Build B Clinic", "--force")

    monkeypatch.setattr(output.os, "replace", replace)
    build("--set", "brand.name=Build A Clinic", "--force")
    monkeypatch.setattr(output.os, "replace", real)
    assert raced
    for name in ("Build A Clinic", "Build B Clinic"):
        out = build("--set", f"brand.name={name}")
        assert name in text_of(project / PDF), (name, out)  # up to date only when the PDF is that build's


def test_identical_racing_builds_leave_a_true_stamp(project):
    procs = [cli("build", *ONE, "-q", "--force", cwd=project, popen=True) for _ in range(3)]
    for p in procs:
        assert p.wait(timeout=300) == 0, p.stderr.read()
    assert "up to date" in build()
    assert "Your Clinic Name" in text_of(project / PDF)


def test_different_racing_builds_never_leave_a_lying_stamp(project):
    names = ["Race One Clinic", "Race Two Clinic", "Race Three Clinic"]
    procs = [cli("build", *ONE, "-q", "--set", f"brand.name={n}", cwd=project, popen=True) for n in names]
    for p in procs:
        assert p.wait(timeout=300) == 0, p.stderr.read()
    for name in names:
        out = build("--set", f"brand.name={name}")
        assert name in text_of(project / PDF), (name, out)


def test_stale_temporaries_are_removed_on_the_next_run(project):
    folder = project / "dist/default/en"
    folder.mkdir(parents=True)
    dead = folder / ".flyer-letter.pdf.999999999.abc123.part"  # a writer that no longer exists
    old = folder / ".flyer-letter.pdf.xyz.part"  # the old naming, an hour old
    live = folder / f".trifold-letter.pdf.{os.getpid()}.def456.part"  # a writer still at work
    for f in (dead, old, live):
        f.write_bytes(b"%PDF-1.7 half")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    build("-q")
    assert not dead.exists() and not old.exists()
    assert live.exists()


def test_an_unwritable_stamp_folder_replaces_no_pdf():
    root = world_readable_project()
    assert cli("build", *ONE, "-q", cwd=root).returncode == 0
    before = (root / PDF).read_bytes()
    stamps = root / "dist/.stamps/default/en"
    stamps.chmod(0o555)
    try:
        res = cli("build", *ONE, "-q", "--set", "brand.name=Changed Clinic", cwd=root, as_="no-file-override")
    finally:
        stamps.chmod(0o755)
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    assert "not writable; nothing was replaced" in out and "Traceback" not in out
    assert (root / PDF).read_bytes() == before
    assert not list(root.rglob("*.part"))


@pytest.mark.parametrize("jobs", ["2"])
def test_workers_die_with_the_main_process(jobs):
    root = world_readable_project()
    proc = cli("build", "--length", "booklet", "-j", jobs, "-q", "--force", cwd=root, popen=True)
    pgid = proc.pid  # cli() starts it in its own session: every worker shares this group
    deadline = time.time() + 60
    while time.time() < deadline and len(_group(pgid)) < 3:  # the main process and its workers
        time.sleep(0.1)
    assert len(_group(pgid)) >= 3, "the workers never started"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 10
    while time.time() < deadline and _group(pgid):
        time.sleep(0.2)
    left = _group(pgid)
    for pid in left:  # clean up before failing
        os.kill(pid, signal.SIGKILL)
    assert not left, f"workers still running after the main process was killed: {left}"
    for pdf in root.rglob("*.pdf"):  # whatever was finished is a whole PDF
        assert len(pypdf.PdfReader(pdf).pages) % 4 == 0
    # the next run cleans what the killed workers left and builds
    assert cli("build", "--length", "booklet", "--paper", "letter", "-q", cwd=root, timeout=300).returncode == 0
    assert not list(root.rglob("*.part"))


def _group(pgid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=,stat=", "-g", str(pgid)], capture_output=True, text=True).stdout
    return [int(line.split()[0]) for line in out.splitlines() if line.split() and "Z" not in line.split()[1]]
