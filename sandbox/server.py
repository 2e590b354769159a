"""The sandbox HTTP server: one stdlib ThreadingHTTPServer on 127.0.0.1 serving every platform.

Usable as a context manager in tests::

    with Sandbox(port=0, persona=build_persona(seed=7)) as sb:
        urllib.request.urlopen(sb.base_url + "/api/v1/accounts/lookup?acct=talia")
"""

from __future__ import annotations

import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from selfaudit.sandbox import activitypub, appview, atproto, copies, elsewhere, linkpages, mastodon, web
from selfaudit.sandbox.faults import FaultConfig, FaultState
from selfaudit.sandbox.persona import Persona, build_persona
from selfaudit.sandbox.truth import handle_specs, native_id, truth
from selfaudit.sandbox.wire import Ctx, Request, Response, json_response

__all__ = ["Sandbox"]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # several spiders connect at once; the default 5 drops connections
    sandbox: Sandbox


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "selfaudit-sandbox/1"

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self._serve(head=False)

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib naming
        self._serve(head=True)

    def do_POST(self) -> None:  # noqa: N802 - stdlib naming
        """Only the control endpoints take POST (``/_sandbox/delete?id=...``); the body is ignored."""
        length = int(self.headers.get("Content-Length") or 0)
        if 0 < length <= 65536:
            self.rfile.read(length)
        if not self.path.startswith("/_sandbox/"):
            self.send_response(405)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self._serve(head=False)

    def _serve(self, *, head: bool) -> None:
        sb = self.server.sandbox
        req = Request("GET" if head else self.command, self.path,
                      {k.lower(): v for k, v in self.headers.items()})
        resp = sb.handle(req)
        if resp.hang:
            sb.stop_event.wait(resp.hang)
            self.close_connection = True
            return
        self.send_response(resp.status)
        for key, value in resp.headers:
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(resp.body)))
        self.end_headers()
        if not head:
            self.wfile.write(resp.body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Quiet: the sandbox keeps its own request log."""


class Sandbox:
    """A running sandbox: persona, faults and the server thread.

    Args:
        port: TCP port on 127.0.0.1; 0 picks a free one.
        persona: what to serve; defaults to ``build_persona()``.
        faults: fault switches; defaults to none.
    """

    def __init__(self, *, port: int = 0, persona: Persona | None = None, faults: FaultConfig | None = None) -> None:
        self.persona = persona or build_persona()
        self.faults = FaultState(faults or FaultConfig())
        self.stop_event = threading.Event()
        self.log: deque[tuple[str, str, int]] = deque(maxlen=20000)
        self._server = _Server(("127.0.0.1", port), _Handler)
        self._server.sandbox = self
        self.port = self._server.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.ctx = Ctx(persona=self.persona, base=self.base_url)
        self._thread: threading.Thread | None = None

    def start(self) -> Sandbox:
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="selfaudit-sandbox", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wake stalled handlers and close the socket."""
        self.stop_event.set()
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._server.server_close()

    def serve_forever(self) -> None:
        """Serve in the calling thread until ``stop()`` or KeyboardInterrupt."""
        try:
            self._server.serve_forever(poll_interval=0.2)
        finally:
            self.stop_event.set()
            self._server.server_close()

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def handle_specs(self) -> list[str]:
        """Handle specs of the persona's accounts and sites, one per account, for ``selfaudit crawl``."""
        return handle_specs(self.persona, self.base_url)

    def truth(self) -> dict[str, Any]:
        """Expected findings for this persona as served (deleted items excluded)."""
        return truth(self.persona, self.base_url, deleted=self.ctx.deleted, faults=self.faults.config)

    def delete_post(self, ident: str) -> None:
        """Delete an item (by key or native_id): then 404/410 on direct fetch, missing from lists."""
        key = ident if ident in self.persona.items else next(
            (k for k, i in self.persona.items.items() if native_id(self.persona, i, self.base_url) == ident), None)
        if key is None:
            raise KeyError(ident)
        with self.ctx.lock:
            self.ctx.deleted.add(key)
            self.ctx.cache.clear()

    def next_generation(self) -> list[str]:
        """Switch to the 'second crawl' state: the persona's deletable items disappear; returns their keys."""
        for key in self.persona.deletable:
            self.delete_post(key)
        return list(self.persona.deletable)

    def injected(self) -> list[tuple[str, str]]:
        """Faults injected so far, as ``(kind, request)``."""
        return list(self.faults.injected)

    def handle(self, req: Request) -> Response:
        """Route one request through faults and the platform modules."""
        if req.path.startswith("/_sandbox/"):
            resp = self._control(req)
        else:
            resp = self.faults.before(req) or self._route(req)
            if delay := self.faults.slow(req):
                self.stop_event.wait(delay)
            resp = self.faults.after(req, resp)
        self.log.append((req.method, req.target, resp.status))
        return resp

    def _route(self, req: Request) -> Response:
        cfg = self.faults.config
        extra = [(self.base_url + p, "Archive page") for p in
                 (linkpages.HOSTILE_PAGES if cfg.hostile else ()) + (linkpages.LEGACY_PAGES if cfg.non_utf8 else ())]
        for resp in (copies.route(self.ctx, req), mastodon.route(self.ctx, req), activitypub.route(self.ctx, req),
                     atproto.route(self.ctx, req), appview.route(self.ctx, req),
                     linkpages.route(self.ctx, req, hostile=cfg.hostile, legacy=cfg.non_utf8),
                     web.route(self.ctx, req, extra_links=extra), elsewhere.route(self.ctx, req)):
            if resp is not None:
                return resp
        if req.path == "/":
            links = "".join(f"<li>{spec}</li>" for spec in self.handle_specs())
            return Response(200, f"<!doctype html><h1>selfaudit sandbox</h1><ul>{links}</ul>".encode(),
                            [("Content-Type", "text/html; charset=utf-8")])
        return Response(404, b"Not Found", [("Content-Type", "text/plain; charset=utf-8")])

    def _control(self, req: Request) -> Response:
        if req.path == "/_sandbox/truth.json":
            return json_response(self.truth())
        if req.path == "/_sandbox/specs":
            return Response(200, "\n".join(self.handle_specs()).encode(), [("Content-Type", "text/plain")])
        if req.path == "/_sandbox/delete" and req.method == "POST":
            try:
                self.delete_post(req.arg("id"))
            except KeyError:
                return Response(404, b"no such item", [("Content-Type", "text/plain")])
            return Response(204)
        return Response(404, b"Not Found", [("Content-Type", "text/plain")])


def wait_ready(sb: Sandbox, *, timeout: float = 3.0) -> float:
    """Seconds until the sandbox answered ``/``; used by the CLI and the benchmark."""
    import urllib.request

    start = time.perf_counter()
    deadline = start + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(sb.base_url + "/_sandbox/specs", timeout=1):
                return time.perf_counter() - start
        except OSError:
            time.sleep(0.02)
    raise TimeoutError("sandbox did not answer")
