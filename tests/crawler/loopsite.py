"""A tiny scripted website on 127.0.0.1 for crawl tests, and a way to run the crawl child on a job.

Routes map a path to ``(status, headers, body)`` or to a function of the
request path returning one; an optional per-path delay makes a slow endpoint.
Every request's path (and User-Agent) is logged, so tests can assert what was
fetched and in which order.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

from tests.loopback import serve as serve_handler

__all__ = ["Site", "html", "run_child", "serve"]

REPO = Path(__file__).resolve().parents[2]
Answer = tuple[int, dict[str, str], bytes]


def html(body: str, *, title: str = "Page") -> Answer:
    """A 200 HTML answer."""
    text = f"<!doctype html><html><head><meta charset=utf-8><title>{title}</title></head><body>{body}</body></html>"
    return 200, {"Content-Type": "text/html; charset=utf-8"}, text.encode()


@dataclass
class Site:
    """The routes, the delays and the log of one test site."""

    routes: dict[str, Answer | Callable[[str], Answer]] = field(default_factory=dict)
    delays: dict[str, float] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)
    base: str = ""

    def answer(self, path: str) -> Answer:
        route = self.routes.get(path) or self.routes.get(path.split("?", 1)[0])
        if route is None:
            return 404, {"Content-Type": "text/plain"}, b"not found"
        return route(path) if callable(route) else route


@contextmanager
def serve(site: Site) -> Iterator[Site]:
    """Serve ``site`` on 127.0.0.1 (a free port) for the ``with`` block."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            site.log.append(self.path)
            site.agents.append(self.headers.get("User-Agent", ""))
            delay = site.delays.get(self.path.split("?", 1)[0], 0.0)
            if delay:
                time.sleep(delay)
            status, headers, body = site.answer(self.path)
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    with serve_handler(Handler) as base:
        site.base = base
        yield site


def run_child(job: dict[str, Any], tmp: Path, *, timeout: float = 120.0) -> list[dict[str, Any]]:
    """Run ``python -m selfaudit.crawler.child`` on ``job``; returns the per-spider results it reported."""
    path = tmp / f"job-{time.monotonic_ns()}.json"
    path.write_text(json.dumps(job), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "selfaudit.crawler.child", str(path)], capture_output=True, text=True,
                          timeout=timeout, cwd=REPO, check=False)
    for line in proc.stdout.splitlines():
        event = json.loads(line)
        if event.get("event") == "done":
            return list(event["results"])
    raise AssertionError(f"the crawl child reported nothing (exit {proc.returncode}): {proc.stderr[-2000:]}")
