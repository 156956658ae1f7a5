"""Talking to a running `brochure serve` in tests: its state, and waiting until the state says something."""

from __future__ import annotations

import json
import time
import urllib.request


def state(server) -> dict:
    """The server's /state.json (what it built last, or the error it shows)."""
    host, port = server.address[:2]
    with urllib.request.urlopen(f"http://{host}:{port}/state.json", timeout=5) as r:
        return json.loads(r.read())


def wait_for(server, predicate, seconds: float = 15) -> dict:
    """Poll the state until `predicate` holds; fail with the last state seen."""
    deadline = time.time() + seconds
    s: dict = {}
    while time.time() < deadline:
        s = state(server)
        if predicate(s):
            return s
        time.sleep(0.1)
    raise AssertionError(f"state never matched: {s}")
