"""``selfaudit review``: the report as a local page with decision buttons that write to the store.

Local and private by construction: the server binds 127.0.0.1 only, answers
only requests addressed to that host and port (no DNS rebinding), shows the page
only at the address it prints (which carries this run's secret, so another user
of the computer cannot read it), and records a decision only with the same
secret, sent by the page as a header; secrets are compared in constant time and
cross-origin requests are refused. The page has the
file report's strict Content-Security-Policy (plus ``connect-src 'self'`` for
the decisions). Nothing is written but the decisions: the page is rendered in
memory for each visit, and Ctrl-C leaves no file behind. No ``from __future__
import annotations``: typer evaluates the annotations of the command.
"""

import hmac
import json
import secrets
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qs

import typer

from selfaudit.errors import ReportError, SelfAuditError, StoreError
from selfaudit.store import Store

__all__ = ["MAX_BODY", "TOKEN_HEADER", "ReviewServer", "register"]

TOKEN_HEADER = "X-Selfaudit-Token"
MAX_BODY = 64 * 1024
"""The largest decision request accepted (bytes)."""
_NO_KEY = b"Open the address that `selfaudit review` printed (it carries this run's key).\n"
_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


@dataclass
class ReviewServer:
    """One review run: the store, the page's settings and the secret token.

    Args:
        db_path: the store's file.
        render: renders the review page from an open store and the token.
        port: 0 picks a free port.
    """

    db_path: Path
    render: Callable[[Store, str], str]
    port: int = 0
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _httpd: ThreadingHTTPServer | None = field(default=None, repr=False)

    def start(self) -> str:
        """Bring the store's schema up to date, bind 127.0.0.1 and return the page's URL.

        Nothing is served until :meth:`serve_forever`.
        """
        Store.open(self.db_path).close()
        server = self

        class Handler(_Handler):
            review = server

        self._httpd = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._httpd.daemon_threads = True
        self.port = int(self._httpd.server_address[1])
        return self.url

    @property
    def base(self) -> str:
        """``http://127.0.0.1:PORT/``, where nothing is shown without the key."""
        return f"http://127.0.0.1:{self.port}/"

    @property
    def url(self) -> str:
        """The page's address, with this run's secret as ``key``."""
        return f"{self.base}?key={self.token}"

    def serve_forever(self) -> None:
        """Serve until :meth:`shutdown` (or Ctrl-C in the calling thread)."""
        assert self._httpd is not None, "start() first"
        self._httpd.serve_forever(poll_interval=0.2)

    def shutdown(self) -> None:
        """Stop serving (from another thread) and release the port."""
        if self._httpd is not None:
            self._httpd.shutdown()

    def close(self) -> None:
        """Release the port and tidy the store: the last writable connection to close folds
        SQLite's ``-wal``/``-shm`` side files back (read-only page views leave them)."""
        if self._httpd is not None:
            self._httpd.server_close()
            self._httpd = None
            Store.open(self.db_path).close()

    def page(self) -> str:
        """The review page as it is now (decisions included)."""
        with Store.open(self.db_path, readonly=True) as store:
            return self.render(store, self.token)

    def record(self, ids: Sequence[str], action: str, note: str | None) -> list[dict[str, Any]]:
        """Record one decision on several findings (one writer at a time)."""
        from selfaudit.app.decide import decide

        with self._lock, Store.open(self.db_path) as store:
            return decide(store, ids, action, note=note)

    def token_ok(self, sent: str | None) -> bool:
        """Whether ``sent`` is this run's token (constant-time comparison)."""
        return sent is not None and hmac.compare_digest(sent.encode("utf-8", "replace"), self.token.encode("ascii"))


class _Handler(BaseHTTPRequestHandler):
    review: ReviewServer
    server_version = "selfaudit-review"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        """Log nothing: requests carry the token and personal data."""

    def _send(self, status: int, body: bytes, content_type: str, *, csp: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in _HEADERS.items():
            self.send_header(name, value)
        if csp:
            self.send_header("Content-Security-Policy", csp)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, payload: dict[str, Any]) -> None:
        self._send(status, json.dumps(payload).encode("utf-8"), "application/json; charset=utf-8")

    def _own_host(self) -> bool:
        """The request is addressed to this server by its loopback name (not a rebound DNS name)."""
        port = self.review.port
        return self.headers.get("Host", "") in (f"127.0.0.1:{port}", f"localhost:{port}")

    def _same_origin(self) -> bool:
        origin = self.headers.get("Origin")
        if origin is not None and origin != f"http://127.0.0.1:{self.review.port}" and origin != f"http://localhost:{self.review.port}":
            return False
        return self.headers.get("Sec-Fetch-Site", "same-origin") in ("same-origin", "none")

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        if not self._own_host():
            self._json(403, {"error": "wrong host"})
            return
        path, _, query = self.path.partition("?")
        if path != "/":
            self._json(404, {"error": "not found"})
            return
        if not self.review.token_ok(parse_qs(query).get("key", [None])[-1]):
            self._send(403, _NO_KEY, "text/plain; charset=utf-8")
            return
        try:
            html = self.review.page()
        except SelfAuditError as exc:
            self._json(500, {"error": str(exc)})
            return
        except Exception as exc:  # a bug: answer, then let the server print it for a bug report
            self._json(500, {"error": f"could not build the page ({type(exc).__name__})"})
            raise
        from selfaudit.reports.html import page_csp

        self._send(200, html.encode("utf-8"), "text/html; charset=utf-8", csp=page_csp(review=True))

    do_HEAD = do_GET  # noqa: N815

    def do_POST(self) -> None:  # noqa: N802
        if not self._own_host() or not self._same_origin():
            self._json(403, {"error": "cross-origin requests are refused"})
            return
        if not self.review.token_ok(self.headers.get(TOKEN_HEADER)):
            self._json(403, {"error": "missing or wrong token; reload the page"})
            return
        if self.path != "/decide":
            self._json(404, {"error": "not found"})
            return
        if self.headers.get_content_type() != "application/json":
            self._json(415, {"error": "send JSON"})
            return
        try:
            length = int(self.headers.get("Content-Length") or "0")
        except ValueError:
            length = -1
        if not 0 < length <= MAX_BODY:
            self._json(413, {"error": "bad request size"})
            return
        try:
            body = json.loads(self.rfile.read(length))
            ids, action, note = body["ids"], body["action"], body.get("note")
            if not isinstance(ids, list) or not isinstance(action, str) or not isinstance(note, str | None):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            self._json(400, {"error": "expected {ids: [...], action, note}"})
            return
        try:
            made = self.review.record(ids, action, note)
        except SelfAuditError as exc:
            self._json(400, {"error": str(exc)})
            return
        from selfaudit.reports.decisions import DECIDED_LABELS

        self._json(200, {"saved": len(made), "action": action, "label": DECIDED_LABELS[action],
                         "ids": [d["finding_id"] for d in made]})

    def _refuse(self) -> None:
        self._json(405, {"error": "method not allowed"})

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse  # noqa: N815 - no CORS pre-flight is ever granted


def register(app: typer.Typer) -> None:
    """Add ``review`` to the selfaudit app."""
    from selfaudit.app.cli import ConfigOption, DataOption

    @app.command()
    def review(
        port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1 (0 picks a free one).", min=0, max=65535)] = 0,
        no_open: Annotated[bool, typer.Option("--no-open", help="Print the address but do not open a browser.")] = False,
        pack: Annotated[str | None, typer.Option("--pack", help="Policy pack id or path whose rules are quoted.",
                                                 show_default=False)] = None,
        config: ConfigOption = None,
        data: DataOption = None,
    ) -> None:
        """Serve the report on 127.0.0.1 with buttons to record your decisions, until Ctrl-C."""
        from selfaudit.app.cli import console, load
        from selfaudit.reports.build import render_review_page

        settings = load(config, data)
        if not settings.db_path.exists():
            raise StoreError(f"no store at {settings.db_path}; run `selfaudit audit` first")

        def render(store: Store, token: str) -> str:
            return render_review_page(store, token=token, pack=pack or settings.analysis.pack, name=settings.person.name,
                                      appointment_date=settings.person.appointment_date, named=settings.accounts)

        server = ReviewServer(settings.db_path, render, port=port)
        try:
            server.page()  # fail now, with one line, if the report cannot be made
            url = server.start()
        except OSError as exc:
            raise ReportError(f"cannot serve the review page on 127.0.0.1:{port} ({exc.strerror or exc})") from None
        console.print(f"Review page: {url}  (only this computer can open it; Ctrl-C stops it)", highlight=False,
                      markup=False)
        if not no_open:
            import webbrowser

            webbrowser.open(url)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            console.print("Review stopped; your decisions are in the store.")
        finally:
            server.close()
