"""`selfaudit sandbox` prints the handle specs, serves, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import signal
import subprocess
import sys
import urllib.request

import typer
from selfaudit.app.sandbox import register
from typer.testing import CliRunner

from selfaudit.handles import parse_handle


def test_command_has_help() -> None:
    app = typer.Typer()
    app.callback()(lambda: None)
    register(app)
    result = CliRunner().invoke(app, ["sandbox", "--help"])
    assert result.exit_code == 0
    for option in ("--port", "--seed", "--scale", "--faults"):
        assert option in result.output


def test_serves_prints_specs_and_stops_on_sigint() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "selfaudit.sandbox", "--port", "0", "--faults", "hostile"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        specs = []
        assert proc.stdout is not None
        for _ in range(20):
            line = proc.stdout.readline().strip()
            if line.startswith("#"):
                break
            specs.append(line)
        assert len(specs) == 7
        parsed = [parse_handle(s) for s in specs]
        assert [p.platform for p in parsed].count("mastodon") == 2
        assert [p.platform for p in parsed].count("bluesky") == 2
        base = parsed[0].service_url
        assert base and base.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(base + "/_sandbox/truth.json", timeout=5) as resp:
            assert resp.status == 200
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
        assert proc.returncode == 0, err
        assert "stopped" in out and "Traceback" not in err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=5)
