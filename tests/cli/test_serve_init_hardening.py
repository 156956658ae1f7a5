"""Issue 22: `serve` survives its own bugs, answers only its own address, cleans up; `init` is all or nothing."""

from __future__ import annotations

import os
import re
import signal
import time
import urllib.error
import urllib.request

import pytest

from brochure.cli import serve as serve_mod
from brochure.cli.serve import Server
from brochure.inputs.project import Project
from brochure.inputs.targets import Target
from tests.conftest import ROOT, run
from tests.hardening import cli, world_readable_project
from tests.serveutil import wait_for


def get(server, path: str, host: str | None = None):
    h, port = server.address[:2]
    req = urllib.request.Request(f"http://{h}:{port}{path}")
    if host is not None:
        req.add_header("Host", host)
    with urllib.request.urlopen(req, timeout=5) as r:
        return r.status, r.read()




@pytest.fixture
def server(project):
    srv = Server(Project(project), Target("default", "en", "flyer", "letter"), port=0, scale=0.2)
    srv.start()
    time.sleep(0.5)
    yield srv
    srv.close()


def test_a_crash_shows_on_the_page_and_watching_goes_on(server, project, monkeypatch):
    real = serve_mod.build_one

    def broken(*args, **kwargs):
        raise RuntimeError("boom in a layout engine")

    monkeypatch.setattr(serve_mod, "build_one", broken)
    path = project / "content/handout.yaml"
    text = path.read_text()
    path.write_text(text.replace("title: Ketamine-Assisted Therapy", "title: Ketamine Care", 1))
    s = wait_for(server, lambda s: s["error"], seconds=30)
    assert "internal error" in s["error"] and "RuntimeError: boom" in s["error"] and "Still watching" in s["error"]
    assert s["pages"] == 1  # the last good pages stay
    monkeypatch.setattr(serve_mod, "build_one", real)
    path.write_text(text.replace("title: Ketamine-Assisted Therapy", "title: Ketamine Again", 1))
    s = wait_for(server, lambda s: s["version"] >= 2 and not s["error"], seconds=30)
    assert "Ketamine Again" in s["label"]


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:{port}", "127.0.0.1:1", "localhost.evil.example:{port}"]
)
def test_a_foreign_host_header_is_refused(server, host):
    with pytest.raises(urllib.error.HTTPError) as err:
        get(server, "/state.json", host.format(port=server.address[1]))
    assert err.value.code == 421


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}"])
def test_its_own_address_is_served(server, host):
    status, body = get(server, "/state.json", host.format(port=server.address[1]))
    assert status == 200 and b'"pages": 1' in body


def test_close_removes_the_temporary_folder(project):
    srv = Server(Project(project), Target("default", "en", "flyer", "letter"), port=0, scale=0.2)
    srv.start()
    assert any(srv.out.iterdir())
    srv.close()
    assert not srv.out.exists()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_the_command_removes_its_temporary_folder_on_exit(tmp_path, sig):
    root = world_readable_project()
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = cli("serve", "--length", "flyer", "--port", "0", cwd=root, popen=True, env={"TMPDIR": str(tmp)})
    deadline = time.time() + 120
    line = ""
    while time.time() < deadline and "serving" not in line:
        line = proc.stdout.readline()
    assert "serving http://127.0.0.1:" in line, proc.stderr.read()
    assert list(tmp.glob("brochure-serve-*"))
    proc.send_signal(sig)
    proc.wait(timeout=30)
    assert not list(tmp.glob("brochure-serve-*"))


# ------------------------------------------------------------ init
def test_a_name_with_a_colon_builds(tmp_path):
    dest = tmp_path / "maple"
    res = run("init", str(dest), "--name", "Maple Street: Pediatrics", "--project", str(ROOT))
    assert res.exit_code == 0, res.output
    os.chdir(dest)
    res = run("build", "--lang", "en", "--length", "flyer", "--paper", "letter", "-q")
    assert res.exit_code == 0, res.output
    import pypdf

    (pdf,) = dest.rglob("flyer-letter.pdf")
    assert "Maple Street: Pediatrics" in pypdf.PdfReader(pdf).pages[0].extract_text()


@pytest.mark.parametrize("name", ['He said "hi" #1', "- dash: [x] {y}", "'quoted' & *star", "yes"])
def test_any_name_is_written_as_that_text(tmp_path, name):
    from brochure.inputs.yamlread import load

    dest = tmp_path / "c"
    assert run("init", str(dest), "--name", name, "--project", str(ROOT)).exit_code == 0
    (brand,) = (dest / "assets/brands").glob("*.yaml")
    assert load(brand).data["name"] == name


def test_init_inside_an_initd_project_is_a_clear_error(tmp_path):
    first = tmp_path / "clinic"
    assert run("init", str(first), "--name", "Clinic", "--project", str(ROOT)).exit_code == 0
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    os.chdir(first)
    res = run("init", "second", "--name", "Second")
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert re.search(r"^brochure\.yaml: error: \. is itself a clinic project", res.output, re.M), res.output
    assert re.search(r"^second: error: the folder is inside the brochure project", res.output, re.M), res.output
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_init_is_all_or_nothing(tmp_path, monkeypatch):
    from brochure.cli import init as init_mod

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(init_mod.schema, "write", full)
    res = run("init", str(tmp_path / "clinic"), "--name", "Clinic", "--project", str(ROOT))
    assert res.exit_code == 1, res.output
    assert "No space left on device" in res.output and "nothing was left behind" in res.output
    assert list(tmp_path.iterdir()) == []


def test_every_command_documents_its_bound():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Limits", 1)[1].split("\n## ", 1)[0]
    for command in ("build", "check", "preflight", "serve", "init", "new-language", "preview", "review"):
        assert re.search(rf"`{command}`", section), command
    for bound in ("1,000,000", "4 MB", "20,000", "2,000 pages", "64 MB", "-j"):
        assert bound in section, bound


@pytest.mark.parametrize("name", ["x" * 301, "two\nlines", "   "])
def test_a_name_past_the_bound_is_refused_before_anything_is_made(tmp_path, name):
    res = run("init", str(tmp_path / "c"), "--name", name, "--project", str(ROOT))
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert re.search(r"^--name: error: the clinic name must be 1 to 300 visible characters", res.output, re.M)
    assert list(tmp_path.iterdir()) == []
