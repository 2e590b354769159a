"""Where Chromium is, and how to start it here: shared by the crawler and the PDF report.

Playwright's own browser download is not possible on every machine (no
network but package registries), so Debian's ``chromium`` is preferred and
Playwright's managed browser is the fallback. The flags keep Chromium from
phoning home (background networking, component updates, safe browsing,
domain reliability, pings, DNS prefetch, sync), and its own service hosts
resolve to nothing, since the flags alone do not stop every lookup.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from selfaudit.errors import SelfAuditError

__all__ = ["CHROMIUM_ARGS", "GOOGLE_SERVICE_HOSTS", "BrowserMissing", "chromium_executable", "launch_options"]

# Chromium's own background services (updates, safe browsing, variations, sign-in, optimisation hints)
GOOGLE_SERVICE_HOSTS: tuple[str, ...] = (
    "*.googleapis.com", "clients*.google.com", "accounts.google.com", "*.gvt1.com", "*.gvt2.com",
)

CHROMIUM_ARGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--safebrowsing-disable-auto-update",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-breakpad",
    "--no-pings",
    "--no-default-browser-check",
    "--metrics-recording-only",
    "--dns-prefetch-disable",
    # Chromium 156 still asks update.googleapis.com (component updater) within seconds of a render despite
    # the flags above (measured with a logging DNS stub, tests/selfaudit/test_browser_network.py): its own
    # service hosts resolve to nothing. Rendered pages never load another host's resources anyway.
    "--host-resolver-rules=" + ", ".join(f"MAP {host} ~NOTFOUND" for host in GOOGLE_SERVICE_HOSTS),
)

_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


class BrowserMissing(SelfAuditError):
    """No Chromium is installed for rendering pages or PDFs."""


def chromium_executable() -> str | None:
    """The Chromium to use: ``$SELFAUDIT_CHROMIUM``, Debian's, or None for Playwright's own."""
    configured = os.environ.get("SELFAUDIT_CHROMIUM")
    if configured:
        return configured
    for candidate in _CANDIDATES:
        if Path(candidate).exists():
            return candidate
    found = shutil.which("chromium")
    return found


def launch_options(*, timeout_ms: int = 30_000) -> dict[str, object]:
    """Keyword arguments for Playwright's ``chromium.launch``.

    Raises:
        BrowserMissing: when neither Debian's nor Playwright's Chromium exists.
    """
    exe = chromium_executable()
    options: dict[str, object] = {"headless": True, "args": list(CHROMIUM_ARGS), "timeout": timeout_ms}
    if exe:
        options["executable_path"] = exe
        return options
    cache = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH", Path.home() / ".cache" / "ms-playwright"))
    if not any(cache.glob("chromium*")):
        raise BrowserMissing(
            "no Chromium found: install it with `sudo apt-get install chromium` (Debian/Ubuntu) or `playwright install chromium`"
        )
    return options
