"""`brochure serve`: a local page that shows the current pages and refreshes on every saved change.

One target is rebuilt whenever a file under content/, assets/, layouts/ (or
the base project's) changes. A build error shows on the page in the CLI's
words while the last good pages stay visible. Binds to 127.0.0.1 unless told
otherwise.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

from brochure.batch.target import Built, build_one
from brochure.errors import BrochureError, Problem
from brochure.inputs.project import Project
from brochure.inputs.targets import Target
from brochure.prepress.preflight import gate

PAGE = """<!doctype html><html lang=en><meta charset=utf-8><title>brochure serve</title>
<style>body{font-family:system-ui,sans-serif;margin:1.5rem;background:#e9ebee}
#err{white-space:pre-wrap;background:#fdecea;color:#7a1f0b;border-left:4px solid #b4451f;padding:.8rem;
font-family:ui-monospace,monospace}#pages{display:flex;flex-wrap:wrap;gap:14px}
#pages img{max-height:85vh;box-shadow:0 1px 5px #0005;background:#fff}</style>
<h1 id=status>building…</h1><div id=err hidden></div><div id=pages></div>
<script>
let shown = -1;
async function tick() {
  try {
    const s = await (await fetch('/state.json', {cache: 'no-store'})).json();
    const err = document.getElementById('err');
    err.textContent = s.error || ''; err.hidden = !s.error;
    document.getElementById('status').textContent = s.label;
    if (s.version !== shown && s.pages > 0) {
      shown = s.version;
      const box = document.getElementById('pages'); box.innerHTML = '';
      for (let i = 0; i < s.pages; i++) {
        const im = new Image(); im.src = `/page/${s.version}/${i}.png`; im.alt = `page ${i + 1}`;
        box.appendChild(im);
      }
      document.body.dataset.version = s.version;
    }
  } catch (e) {}
  setTimeout(tick, 400);
}
tick();
</script></html>
"""


@dataclass
class State:
    version: int = 0
    pages: list[bytes] = field(default_factory=list)
    error: str = ""
    label: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)


class Server:
    def __init__(
        self, project: Project, target: Target, host: str = "127.0.0.1", port: int = 8000, scale: float = 1.0
    ) -> None:
        self.project, self.target, self.scale = project, target, scale
        self.state = State()
        self.out = Path(tempfile.mkdtemp(prefix="brochure-serve-"))
        self.stop = threading.Event()
        self.httpd = ThreadingHTTPServer((host, port), self._handler())
        # (host, port[, flow, scope]) as the bound socket reports it: typeshed allows a bytes host, a socket gives str
        self.address: tuple[Any, ...] = self.httpd.server_address

    # ------------------------------------------------------------ building
    def rebuild(self) -> None:
        import pypdfium2 as pdfium

        t = self.target
        try:
            built = build_one(self.project, t, self.out, gate=gate)
        except BrochureError as exc:
            with self.state.lock:
                self.state.error = "\n".join(p.render() for p in sorted(exc.problems, key=Problem.sort_key))
            return
        except Exception as exc:  # a bug in brochure: say so on the page, log it, and keep watching
            self._bug(exc)
            return
        try:
            self.show_pages(built, t, pdfium)
        except Exception as exc:
            self._bug(exc)

    def _bug(self, exc: Exception) -> None:
        import traceback

        log = Path(tempfile.gettempdir()) / f"brochure-serve-error-{os.getpid()}.log"
        try:
            log.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
            where = f"; the details are in {log}"
        except OSError:
            where = ""
        with self.state.lock:
            self.state.error = (
                f"internal error: this is a bug in brochure, not in your files ({type(exc).__name__}: {exc}){where}. "
                "Still watching: save a file to try again."
            )

    def show_pages(self, built: Built, t: Target, pdfium: ModuleType) -> None:
        doc = pdfium.PdfDocument(str(built.path))
        pages = []
        try:
            for i in range(len(doc)):
                buf = io.BytesIO()
                doc[i].render(scale=self.scale).to_pil().save(buf, "PNG")
                pages.append(buf.getvalue())
        finally:
            doc.close()
        with self.state.lock:
            self.state.version += 1
            self.state.pages = pages
            self.state.error = ""
            title = self.project.load_handout(t.lang).text.title
            self.state.label = (
                f"{title} · {t.brand_id} · {t.lang} · {t.length} · {t.paper} (build {self.state.version})"
            )

    def watched(self) -> list[Path]:
        paths = []
        for root in self.project.roots:
            paths += [p for p in (root / "content", root / "assets", root / "layouts") if p.exists()]
            if (root / "brochure.yaml").exists():
                paths.append(root / "brochure.yaml")
        return paths

    def watch(self) -> None:
        """Rebuild on every change; nothing a rebuild raises ends the watching."""
        from watchfiles import watch

        for _ in watch(*self.watched(), stop_event=self.stop, debounce=150, step=50, rust_timeout=200):
            try:
                self.rebuild()
            except Exception as exc:  # rebuild catches its own; this is the last net
                self._bug(exc)

    def allowed_host(self, header: str | None) -> bool:
        """DNS rebinding: a page from another site that resolves its name to 127.0.0.1 sends its own Host."""
        host, port = self.address[0], self.address[1]
        names = {f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", f"{host}:{port}"}
        return header is not None and header.strip().lower() in names

    # ------------------------------------------------------------ serving
    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet: the terminal shows build problems only
                pass

            def send(self, code: int, body: bytes, kind: str) -> None:
                self.send_response(code)
                self.send_header("Content-Type", kind)
                self.send_header("Cache-Control", "no-store")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                if not server.allowed_host(self.headers.get("Host")):
                    return self.send(
                        421, b"misdirected request: this server answers only its own address", "text/plain"
                    )
                st = server.state
                if self.path in ("/", "/index.html"):
                    return self.send(200, PAGE.encode(), "text/html; charset=utf-8")
                if self.path == "/state.json":
                    with st.lock:
                        data = {"version": st.version, "pages": len(st.pages), "error": st.error, "label": st.label}
                    return self.send(200, json.dumps(data).encode(), "application/json")
                parts = self.path.strip("/").split("/")
                if len(parts) == 3 and parts[0] == "page" and parts[2].endswith(".png"):
                    with st.lock:
                        pages = st.pages
                    try:
                        return self.send(200, pages[int(parts[2][:-4])], "image/png")
                    except (ValueError, IndexError):
                        pass
                return self.send(404, b"not found", "text/plain")

        return Handler

    def start(self) -> None:
        """Build once, then serve and watch in background threads."""
        self.rebuild()
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        threading.Thread(target=self.watch, daemon=True).start()

    def close(self) -> None:
        """Stop serving and watching, and remove the temporary build folder."""
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        shutil.rmtree(self.out, ignore_errors=True)
