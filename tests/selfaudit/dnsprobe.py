"""Run inside a fresh network namespace: a logging DNS stub, then Chromium renders; print the names looked up.

``unshare -rmn`` gives the probe its own loopback-only network and mount
namespace; ``/etc/resolv.conf`` is bound to one naming the stub, so any name
Chromium (or anything it starts) resolves by DNS reaches the stub and is
logged. Used by ``test_browser_network.py``; run by hand with
``python -m tests.selfaudit.dnsprobe SECONDS``.
"""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.loopback import serve

__all__ = ["main"]


def _qname(packet: bytes) -> str:
    labels, i = [], 12
    while i < len(packet) and packet[i]:
        n = packet[i]
        labels.append(packet[i + 1:i + 1 + n].decode("ascii", "replace"))
        i += n + 1
    return ".".join(labels)


def _stub(log: list[str]) -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 53))
    while True:
        packet, peer = sock.recvfrom(4096)
        log.append(_qname(packet))
        if len(packet) >= 12:  # NXDOMAIN, so nothing waits for a timeout
            sock.sendto(packet[:2] + b"\x81\x83" + packet[4:6] + b"\x00\x00\x00\x00\x00\x00" + packet[12:], peer)


class _Page(BaseHTTPRequestHandler):
    """A page whose link only a browser that runs its script sees."""

    def do_GET(self) -> None:  # noqa: N802
        body = (b"<!doctype html><title>t</title><main id=app></main><script>"
                b"document.getElementById('app').innerHTML='<a href=\"/x\">rendered</a>';</script>")
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def main(argv: list[str]) -> int:
    """Render a page the crawler's way and print a PDF the report's way; then wait; print the lookups as JSON."""
    linger = float(argv[0]) if argv else 5.0
    mode = argv[1] if len(argv) > 1 else "both"
    log: list[str] = []
    threading.Thread(target=_stub, args=(log,), daemon=True).start()
    from playwright.sync_api import sync_playwright
    from selfaudit.reports.pdf import html_to_pdf

    from selfaudit.browser import launch_options

    rendered = pdf = False
    if mode in ("both", "render"):
        with serve(_Page) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(**launch_options())  # type: ignore[arg-type]
            page = browser.new_page()
            page.goto(f"{base}/", wait_until="networkidle")
            rendered = "rendered" in page.content()
            time.sleep(linger)
            browser.close()
    if mode in ("both", "pdf"):
        pdf = html_to_pdf("<!doctype html><title>r</title><p>report</p>")[:4] == b"%PDF"
        time.sleep(min(linger, 2.0))
    print(json.dumps({"rendered": rendered, "pdf": pdf, "lookups": sorted(set(log))}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
