"""`selfaudit review` in real Chromium: decisions with the token are recorded; anything else is refused."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from selfaudit.app.review import TOKEN_HEADER, ReviewServer
from selfaudit.reports.build import render_review_page

from selfaudit.store import Store, finding_uid
from tests.app.test_decide import make_store
from tests.reports.conftest import artifacts, browser  # noqa: F401 - fixtures

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return make_store(tmp_path)


@pytest.fixture
def review(data: Path) -> Iterator[ReviewServer]:
    server = ReviewServer(data / "selfaudit.db", lambda store, token: render_review_page(store, token=token, name="Ana"))
    server.start()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.close()
    thread.join(timeout=5)


def _decisions(data: Path) -> dict[str, Any]:
    with Store.open(data / "selfaudit.db", readonly=True) as store:
        return {d["concern"]: d for d in store.decisions().values()}


def test_review_page_records_decisions_with_the_token(browser: Any, review: ReviewServer, data: Path,  # noqa: F811
                                                      artifacts: Path) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(review.url)
    assert response is not None and response.status == 200
    assert "connect-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"

    vote = page.locator("article.post", has_text="Vote for the Horizon Party")
    vote.locator("button.act-delete").click()
    expect(vote.locator("output.msg")).to_have_text("Saved.")
    expect(vote.locator(".decision-status")).to_contain_text("To delete")
    assert _decisions(data)["partisan-politics"]["action"] == "delete"

    convoy = page.locator("article.post", has_text="Convoy leaves")
    convoy.locator("button.act-keep").click()
    expect(convoy.locator("output.msg")).to_contain_text("write why it is fine")
    assert "security-risk" not in _decisions(data)
    convoy.locator("input.note").fill("Old news: that convoy ran in 2019")
    convoy.locator("button.act-keep").click()
    expect(convoy.locator("output.msg")).to_have_text("Saved.")
    expect(page.locator("#dealt")).to_have_text("2")
    assert _decisions(data)["security-risk"]["note"] == "Old news: that convoy ran in 2019"

    # The page's own script, without the token, is refused.
    status = page.evaluate("""() => fetch('/decide', {method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({ids: [], action: 'delete'})}).then(r => r.status)""")
    assert status == 403

    page.reload()
    expect(page.locator("article.post", has_text="Vote for the Horizon Party").locator(".decision-status")).to_contain_text(
        "To delete")
    expect(page.locator("#dealt")).to_have_text("2")
    assert errors == ["Failed to load resource: the server responded with a status of 403 (Forbidden)"]
    page.locator("#posts").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "review-page.png"))
    context.close()


def _post(server: ReviewServer, body: dict[str, Any], headers: dict[str, str]) -> int:
    request = urllib.request.Request(server.url + "decide", data=json.dumps(body).encode(), method="POST",
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
    assert _decisions(data) == {}
    assert _post(review, {**body, "action": "burn"}, token) == 400
    assert _post(review, {**body, "action": "keep"}, token) == 400  # no reason
    assert _post(review, body, token) == 200
    assert _decisions(data)["partisan-politics"]["action"] == "delete"
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
        with urllib.request.urlopen(url, timeout=30) as page:
            assert b"data-review-token" in page.read()
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0 and "Review stopped" in out
    assert sorted(p.name for p in data.iterdir()) == before
