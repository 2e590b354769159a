"""verify: re-check flagged posts against a local server; only 404/410/RecordNotFound is gone."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from selfaudit.reports.build import build_report
from selfaudit.reports.verify import classify, target_for, verify_posts

from selfaudit.store import Store
from tests.reports.conftest import serve


class _Handler(BaseHTTPRequestHandler):
    hits: list[str] = []

    def log_message(self, *args: Any) -> None:  # keep test output quiet
        pass

    def _send(self, code: int, body: dict[str, Any] | None = None) -> None:
        data = json.dumps(body or {}).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.hits.append(self.path)
        url = urlsplit(self.path)
        if url.path.startswith("/api/v1/statuses/"):
            sid = url.path.rsplit("/", 1)[1]
            if sid == "4":
                time.sleep(1.5)  # longer than the client timeout below
            self._send({"1": 200, "2": 404, "3": 503, "4": 200, "5": 410}[sid], {"id": sid})
        elif url.path == "/xrpc/com.atproto.repo.getRecord":
            rkey = parse_qs(url.query)["rkey"][0]
            if rkey == "a":
                self._send(200, {"uri": "at://x", "value": {}})
            elif rkey == "b":
                self._send(400, {"error": "RecordNotFound", "message": "Could not locate record"})
            else:
                self._send(400, {"error": "InvalidRequest"})
        elif url.path == "/page-ok":
            self._send(200)
        elif url.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/page-gone")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._send(410 if url.path == "/page-gone" else 404)


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.hits = []
    with serve(_Handler) as url:
        yield url


def _post(platform: str, account: str, native_id: str, url: str | None, text: str) -> dict[str, Any]:
    return {"platform": platform, "account": account, "native_id": native_id, "url": url,
            "created_at": "2023-05-01T12:00:00Z", "kind": "original", "text": text}


def _store(path: Path, base: str) -> Store:
    store = Store.open(path)
    masto = [_post("mastodon", "ana@host", f"{base}/users/ana/statuses/{i}", f"{base}/@ana/{i}", f"toot {i}") for i in range(1, 6)]
    sky = [_post("bluesky", "ana.test", f"at://did:plc:ana/app.bsky.feed.post/{k}", None, f"skeet {k}") for k in "abc"]
    web = [_post("web", f"{base}/", f"{base}{p}", f"{base}{p}", f"page {p}") for p in ("/page-ok", "/moved")]
    x = [_post("x", "ana", "12345", "https://x.com/ana/status/12345", "tweet")]
    store.upsert_posts(masto + sky + web + x)
    store.upsert_account("bluesky", "ana.test", service_url=base)
    found = {"concern": "partisan-politics", "severity": "medium", "score": 0.7, "timing": "post-appointment",
             "explanation": {"reason": "r", "triggers": []}, "action": "delete"}
    store.replace_post_findings("un-secretariat", {p["id"]: (p["content_hash"], [found]) for p in store.iter_posts()})
    return store


def test_classify_is_strict_about_gone() -> None:
    assert classify(404, b"", mode="http").status == "gone"
    assert classify(410, b"", mode="http").status == "gone"
    assert classify(200, b"", mode="http").status == "present"
    for code in (500, 502, 503, 429, 403, 401):
        assert classify(code, b"", mode="http").status == "error"
    assert classify(400, b'{"error":"RecordNotFound"}', mode="xrpc").status == "gone"
    assert classify(400, b'{"error":"InvalidRequest"}', mode="xrpc").status == "error"
    assert classify(400, b"not json", mode="xrpc").status == "error"
    assert classify(400, b'{"error":"RecordNotFound"}', mode="http").status == "error"


def test_targets() -> None:
    t = target_for({"platform": "mastodon", "native_id": "https://m.example/users/a/statuses/99/activity"})
    assert t is not None and t.url == "https://m.example/api/v1/statuses/99"
    t = target_for({"platform": "bluesky", "native_id": "at://did:plc:a/app.bsky.feed.like/3k"},
                   bluesky_service="https://public.api.bsky.app")
    assert t is not None and t.mode == "xrpc"
    assert t.url == ("https://public.api.bsky.app/xrpc/com.atproto.repo.getRecord?"
                     "repo=did%3Aplc%3Aa&collection=app.bsky.feed.like&rkey=3k")
    assert target_for({"platform": "web", "native_id": "javascript:alert(1)", "url": "file:///etc/passwd"}) is None
    assert target_for({"platform": "x", "native_id": "1", "url": "https://x.com/a/status/1"}) is None


def test_verify_records_gone_and_errors(tmp_path: Path, server: str) -> None:
    with _store(tmp_path / "s.db", server) as store:
        summary = verify_posts(store, timeout=0.5, delay=0.0, sleep=lambda s: None)
        by_text = {}
        for v in store.verifications():
            post = store.post(v["post_id"])
            assert post is not None
            by_text[post["text"]] = (v["status"], v["http_status"])
        assert by_text == {
            "toot 1": ("present", 200), "toot 2": ("gone", 404), "toot 3": ("error", 503),
            "toot 4": ("error", None), "toot 5": ("gone", 410),
            "skeet a": ("present", 200), "skeet b": ("gone", 400), "skeet c": ("error", 400),
            "page /page-ok": ("present", 200), "page /moved": ("gone", 410),
        }
        assert (summary.checked, summary.gone, summary.present, summary.errors, summary.skipped) == (10, 4, 3, 3, 1)
        assert not any("x.com" in h for h in _Handler.hits)
        gone_at = {p["text"]: p["gone_at"] for p in store.iter_posts()}
        assert gone_at["toot 2"] and not gone_at["toot 3"] and not gone_at["toot 4"]
        run = store.runs(kind="verify")[0]
        assert run["status"] == "partial" and run["finished_at"]

        # a second run skips posts already gone and keeps the history
        _Handler.hits.clear()
        second = verify_posts(store, timeout=0.5, delay=0.0, sleep=lambda s: None)
        assert second.checked == 6 and second.skipped == 1
        assert "/api/v1/statuses/2" not in _Handler.hits

        result = build_report(store, html_path=tmp_path / "r.html", appointment_date="2021-01-01",
                              generated_at="2026-11-21T00:00:00Z")
    assert (result.cleaned, result.total) == (4, 11)
    html = result.html_path.read_text(encoding="utf-8")
    assert "<strong>4 of 11</strong> flagged posts cleaned up" in html
    assert html.count("<tr><td>") >= 2  # two verify runs in the history


def test_verify_politeness_delay_per_host(tmp_path: Path, server: str) -> None:
    pauses: list[float] = []
    with _store(tmp_path / "s.db", server) as store:
        posts = [p for p in store.flagged_posts() if p["platform"] == "web"]
        verify_posts(store, posts=posts, timeout=2, delay=5.0, sleep=pauses.append)
    assert len(pauses) == 1 and 0 < pauses[0] <= 5.0
