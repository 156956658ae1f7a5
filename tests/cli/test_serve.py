"""brochure serve: edit a file, the page changes; a broken file shows the error and keeps the pages."""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.request

import pytest

from brochure.cli.serve import Server
from brochure.inputs.project import Project
from brochure.inputs.targets import Target
from tests.serveutil import state, wait_for


@pytest.fixture
def server(project):
    srv = Server(Project(project), Target("default", "en", "flyer", "letter"), port=0, scale=0.3)
    srv.start()
    time.sleep(0.5)  # let the watcher arm
    yield srv
    srv.close()


def test_binds_to_loopback_and_serves_the_pages(server):
    assert server.address[0] == "127.0.0.1"
    s = state(server)
    assert s["version"] == 1 and s["pages"] == 1 and not s["error"]
    host, port = server.address[:2]
    with urllib.request.urlopen(f"http://{host}:{port}/page/1/0.png", timeout=5) as r:
        assert r.read(8) == b"\x89PNG\r\n\x1a\n"


def test_a_saved_change_rebuilds_and_an_error_keeps_the_last_good_pages(server, project):
    path = project / "content/handout.yaml"
    text = path.read_text()
    path.write_text(text.replace("title: Ketamine-Assisted Therapy", "title: Ketamine Care", 1))
    s = wait_for(server, lambda s: s["version"] >= 2)
    assert "Ketamine Care" in s["label"]
    path.write_text(text.replace("title: Ketamine-Assisted Therapy", "title: [broken", 1))
    s = wait_for(server, lambda s: s["error"])
    assert "content/handout.yaml:" in s["error"] and "YAML syntax error" in s["error"] and "fix:" in s["error"]
    assert s["pages"] == 1 and s["version"] >= 2  # the last good render stays
    path.write_text(text)
    wait_for(server, lambda s: not s["error"] and s["version"] >= 3)


BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(BROWSER is None, reason="no headless browser installed (Debian package `chromium`)")
def test_end_to_end_in_headless_chromium(server, project, tmp_path):
    host, port = server.address[:2]

    def dom() -> str:
        cmd = [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=4000",
            "--dump-dom",
            f"http://{host}:{port}/",
        ]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout

    first = dom()
    assert "Ketamine-Assisted Therapy" in first and 'alt="page 1"' in first
    path = project / "content/handout.yaml"
    path.write_text(path.read_text().replace("title: Ketamine-Assisted Therapy", "title: Ketamine Care", 1))
    wait_for(server, lambda s: "Ketamine Care" in s["label"])
    assert "Ketamine Care" in dom()
