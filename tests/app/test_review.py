"""`selfaudit review`: decisions need the token, the right host and origin; Ctrl-C leaves nothing behind.

The page itself in real Chromium: ``tests/reports/test_review_browser.py``.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from selfaudit.app.review import TOKEN_HEADER, ReviewServer
from selfaudit.reports.build import render_review_page

from selfaudit.store import Store, finding_uid
from tests.app.test_decide import make_store


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return make_store(tmp_path)


@contextmanager
def running(data: Path) -> Iterator[ReviewServer]:
    """A review server over the store in ``data``, serving in a thread."""
    server = ReviewServer(data / "selfaudit.db", lambda store, token: render_review_page(store, token=token, name="Ana"))
    server.start()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.close()
        thread.join(timeout=5)


@pytest.fixture
def review(data: Path) -> Iterator[ReviewServer]:
    with running(data) as server:
        yield server


def decisions_in(data: Path) -> dict[str, Any]:
    with Store.open(data / "selfaudit.db", readonly=True) as store:
        return {d["concern"]: d for d in store.decisions().values()}


def _post(server: ReviewServer, body: dict[str, Any], headers: dict[str, str]) -> int:
    request = urllib.request.Request(server.base + "decide", data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def test_writes_without_the_token_or_from_elsewhere_are_refused(review: ReviewServer, data: Path) -> None:
    with Store.open(data / "selfaudit.db", readonly=True) as store:
        fid = finding_uid(store.findings()[0])
    body = {"ids": [fid], "action": "delete", "note": ""}
    token = {TOKEN_HEADER: review.token}
    assert _post(review, body, {}) == 403
    assert _post(review, body, {TOKEN_HEADER: review.token[:-1] + "x"}) == 403
    assert _post(review, body, {**token, "Origin": "http://evil.example"}) == 403
    assert _post(review, body, {**token, "Sec-Fetch-Site": "cross-site"}) == 403
    assert _post(review, body, {**token, "Host": "evil.example:80"}) == 403  # a rebound DNS name
    assert decisions_in(data) == {}
    assert _post(review, {**body, "action": "burn"}, token) == 400
    assert _post(review, {**body, "action": "keep"}, token) == 400  # no reason
    assert _post(review, body, token) == 200
    assert decisions_in(data)["partisan-politics"]["action"] == "delete"
    for page in (review.base, review.base + "?key=" + review.token[:-1] + "x"):  # another local user, no key
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(page, timeout=10)
        assert refused.value.code == 403
    with urllib.request.urlopen(review.url, timeout=30) as page:
        assert page.status == 200
    rebound = urllib.request.Request(review.url, headers={"Host": "evil.example"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(rebound, timeout=10)
    assert refused.value.code == 403


def test_ctrl_c_stops_the_server_and_leaves_nothing_behind(data: Path) -> None:
    before = sorted(p.name for p in data.iterdir())
    env = {**os.environ, "XDG_CONFIG_HOME": str(data / "cfg-none")}
    proc = subprocess.Popen([sys.executable, "-m", "selfaudit.app", "review", "--no-open", "--data", str(data),
                             "--config", "/dev/null"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert line.startswith("Review page: http://127.0.0.1:"), line + (proc.stderr.read() if proc.stderr else "")
        url = line.split()[2]
        assert url.startswith("http://127.0.0.1:") and "?key=" in url
        with urllib.request.urlopen(url, timeout=30) as page:
            assert b"data-review-token" in page.read()
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0 and "Review stopped" in out
    assert sorted(p.name for p in data.iterdir()) == before


def test_busy_port_and_missing_store_are_one_error_line(data: Path, tmp_path: Path) -> None:
    from selfaudit.app.cli import app
    from typer.testing import CliRunner

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = str(busy.getsockname()[1])
        result = CliRunner().invoke(app, ["review", "--no-open", "--port", port, "--data", str(data), "--config", "/dev/null"])
    assert result.exit_code == 1 and result.output.startswith("error: cannot serve the review page on 127.0.0.1:")
    result = CliRunner().invoke(app, ["review", "--no-open", "--data", str(tmp_path / "none"), "--config", "/dev/null"])
    assert result.exit_code == 1 and result.output.startswith("error: no store at")
