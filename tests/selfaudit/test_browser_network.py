"""Chromium does not phone home: no DNS lookup while it renders a page or prints the report (#14).

The render runs in its own network namespace (``unshare -rmn``: loopback
only) whose ``/etc/resolv.conf`` names a logging DNS stub, so every name
Chromium tries to resolve is seen. Before the resolver rules, Chromium 156
looked up ``update.googleapis.com`` within three seconds of a render.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from selfaudit.browser import CHROMIUM_ARGS, launch_options

REPO = Path(__file__).resolve().parents[2]


def test_the_flags_stop_background_services_and_their_hosts() -> None:
    args = set(CHROMIUM_ARGS)
    for flag in ("--disable-background-networking", "--disable-component-update", "--disable-domain-reliability",
                 "--safebrowsing-disable-auto-update", "--no-pings", "--dns-prefetch-disable", "--disable-sync"):
        assert flag in args
    [rules] = [a for a in CHROMIUM_ARGS if a.startswith("--host-resolver-rules=")]
    assert "MAP *.googleapis.com ~NOTFOUND" in rules and "MAP clients*.google.com ~NOTFOUND" in rules


def _namespaces_work() -> bool:
    if not shutil.which("unshare") or not shutil.which("ip"):
        return False
    probe = subprocess.run(["unshare", "-rmn", "true"], capture_output=True, check=False)
    return probe.returncode == 0


def test_a_render_and_a_pdf_make_no_dns_lookup(tmp_path: Path) -> None:
    launch_options()  # no Chromium: BrowserMissing, a failure with the fix to install it
    if not _namespaces_work():
        pytest.skip("this kernel refuses unprivileged network namespaces (unshare -rmn); the flags test still runs")
    resolv = tmp_path / "resolv.conf"
    resolv.write_text("nameserver 127.0.0.1\noptions attempts:1 timeout:1\n", encoding="utf-8")
    script = (f"ip link set lo up && mount --bind {resolv} /etc/resolv.conf && "
              f"exec {sys.executable} -m tests.selfaudit.dnsprobe 5 both")
    done = subprocess.run(["unshare", "-rmn", "sh", "-c", script], capture_output=True, text=True, cwd=REPO,
                          timeout=240, check=False, env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
                                                          "PYTHONPATH": str(REPO), "HOME": str(tmp_path)})
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr[-2000:]
    result = json.loads(lines[-1])
    assert result["rendered"] and result["pdf"]
    assert result["lookups"] == []
