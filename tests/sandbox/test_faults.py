"""Each fault happens when asked, is deterministic, and a retrying client still gets everything."""

from __future__ import annotations

import json
import socket
import urllib.error
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from selfaudit.sandbox import FaultConfig, Sandbox, build_persona, parse_faults

from selfaudit.errors import ConfigError
from tests.sandbox.conftest import fetch

LOOKUP = "/api/v1/accounts/lookup?acct=talia"


@pytest.fixture(scope="module")
def persona():  # type: ignore[no-untyped-def]
    return build_persona(seed=7)


@contextmanager
def running(persona: Any, **faults: Any) -> Iterator[Sandbox]:
    with Sandbox(port=0, persona=persona, faults=FaultConfig(**faults)) as sb:
        yield sb


def test_500_fails_at_most_max_failures_then_succeeds(persona) -> None:
    with running(persona, error_rate=1.0, max_failures=2) as sb:
        codes = [fetch(sb.base_url, LOOKUP).status for _ in range(3)]
        assert codes == [500, 500, 200]
        assert [k for k, _ in sb.injected()] == ["500", "500"]


def test_timeout_stalls_past_the_client_timeout_then_succeeds(persona) -> None:
    with running(persona, timeout_rate=1.0, hang_s=2.0) as sb:
        with pytest.raises((TimeoutError, socket.timeout, urllib.error.URLError)):
            fetch(sb.base_url, LOOKUP, timeout=0.3)
        assert fetch(sb.base_url, LOOKUP).status == 200


def test_429_has_retry_after(persona) -> None:
    with running(persona, rate_limit_rate=1.0, retry_after=2) as sb:
        got = fetch(sb.base_url, LOOKUP)
        assert got.status == 429 and got.headers["Retry-After"] == "2"
        assert got.json() == {"error": "Too many requests"}
        assert fetch(sb.base_url, LOOKUP).status == 200


def test_slow_responses_are_recorded(persona) -> None:
    with running(persona, slow_rate=1.0, slow_s=0.05) as sb:
        assert fetch(sb.base_url, LOOKUP).status == 200
        assert ("slow", LOOKUP) in sb.injected()


def test_malformed_json_once(persona) -> None:
    with running(persona, malformed_rate=1.0) as sb:
        with pytest.raises(json.JSONDecodeError):
            fetch(sb.base_url, LOOKUP).json()
        assert fetch(sb.base_url, LOOKUP).json()["username"] == "talia"


def test_list_records_cursor_repeats_once(persona) -> None:
    path = "/xrpc/com.atproto.repo.listRecords?repo=talia.test&collection=app.bsky.feed.post&limit=10"
    with running(persona, repeat_cursor=True) as sb:
        first = fetch(sb.base_url, path).json()["cursor"]
        again = fetch(sb.base_url, f"{path}&cursor={first}").json()["cursor"]
        assert again == first
        after = fetch(sb.base_url, f"{path}&cursor={first}").json()["cursor"]
        assert after < first


def test_mastodon_next_link_repeats_once(persona) -> None:
    with running(persona, repeat_cursor=True) as sb:
        acc = fetch(sb.base_url, LOOKUP).json()["id"]
        first = fetch(sb.base_url, f"/api/v1/accounts/{acc}/statuses?limit=5").json()
        max_id = first[-1]["id"]
        page = fetch(sb.base_url, f"/api/v1/accounts/{acc}/statuses?limit=5&max_id={max_id}")
        assert f"max_id={max_id}>" in page.headers["Link"]
        page = fetch(sb.base_url, f"/api/v1/accounts/{acc}/statuses?limit=5&max_id={max_id}")
        assert f"max_id={max_id}>" not in page.headers["Link"]


def test_deleted_post_disappears_everywhere(persona) -> None:
    with running(persona) as sb:
        keys = sb.next_generation()
        assert len(keys) == 3
        items = [persona.items[k] for k in keys]
        by_platform = {i.platform: i for i in items}
        acc = fetch(sb.base_url, LOOKUP).json()["id"]
        masto = by_platform["mastodon"]
        assert fetch(sb.base_url, f"/api/v1/statuses/{masto.rid}").status == 404
        assert fetch(sb.base_url, f"/users/talia/statuses/{masto.rid}", accept="application/activity+json").status == 410
        listed = fetch(sb.base_url, f"/api/v1/accounts/{acc}/statuses?limit=40&max_id={int(masto.rid) + 1}").json()
        assert masto.rid not in {s["id"] for s in listed}
        bsky = by_platform["bluesky"]
        got = fetch(sb.base_url, f"/xrpc/com.atproto.repo.getRecord?repo=talia.test&collection=app.bsky.feed.post"
                                 f"&rkey={bsky.rid}")
        assert got.status == 400 and got.json()["error"] == "RecordNotFound"
        page = fetch(sb.base_url, "/xrpc/com.atproto.repo.listRecords?repo=talia.test&collection=app.bsky.feed.post"
                                  f"&limit=5&cursor={bsky.rid}z").json()
        assert bsky.rid not in {r["uri"].rsplit("/", 1)[1] for r in page["records"]}
        web = by_platform["web"]
        url = f"/blog/{web.created_at:%Y/%m}/{web.key}/"
        assert fetch(sb.base_url, url).status == 410
        wp = fetch(sb.base_url, "/blog/wp-json/wp/v2/posts?per_page=100").json()
        assert not any(p["link"].endswith(url) for p in wp)
        assert set(keys).isdisjoint({r["key"] for r in sb.truth()["items"]})


def test_non_utf8_pages_only_when_asked(persona) -> None:
    with running(persona) as sb:
        assert fetch(sb.base_url, "/blog/legacy/").status == 404
    with running(persona, non_utf8=True) as sb:
        got = fetch(sb.base_url, "/blog/legacy/")
        assert got.status == 200 and "charset" not in got.headers["Content-Type"]
        with pytest.raises(UnicodeDecodeError):
            got.body.decode("utf-8")
        assert "Été" in got.body.decode("latin-1")
        wrong = fetch(sb.base_url, "/blog/legacy-mislabelled/")
        assert "utf-8" in wrong.headers["Content-Type"]
        with pytest.raises(UnicodeDecodeError):
            wrong.body.decode("utf-8")
        assert b"/blog/legacy/" in fetch(sb.base_url, "/blog/").body


def test_hostile_pages_only_when_asked(persona) -> None:
    with running(persona) as sb:
        assert fetch(sb.base_url, "/blog/hostile/").status == 404
    with running(persona, hostile=True) as sb:
        page = fetch(sb.base_url, "/blog/hostile/").body.decode()
        assert "<script>" in page and "onerror=" in page and 'href="javascript:' in page
        assert len(fetch(sb.base_url, "/blog/huge/").body) >= 5 * 1024 * 1024
        assert b"/blog/hostile/" in fetch(sb.base_url, "/sitemap.xml").body


def test_failures_are_deterministic_by_seed(persona) -> None:
    paths = [f"/xrpc/com.atproto.repo.listRecords?repo=talia.test&collection=app.bsky.feed.post&limit={n}"
             for n in range(1, 41)]

    def failing(seed: int) -> set[str]:
        with running(persona, error_rate=0.5, seed=seed) as sb:
            return {p for p in paths if fetch(sb.base_url, p).status == 500}

    first = failing(1)
    assert 0 < len(first) < len(paths)
    assert failing(1) == first
    assert failing(2) != first


def test_retrying_client_gets_everything_under_flaky_profile(persona) -> None:
    faults = parse_faults("500,429,malformed,repeat-cursor,max_failures=2,error_rate=0.3", seed=3)
    with Sandbox(port=0, persona=persona, faults=faults) as sb:
        seen: set[str] = set()
        cursor, attempts = "", 0
        while attempts < 500:
            attempts += 1
            got = fetch(sb.base_url, "/xrpc/com.atproto.repo.listRecords?repo=talia.test"
                                     f"&collection=app.bsky.feed.post&limit=20&cursor={cursor}")
            try:
                page = got.json() if got.status == 200 else None
            except json.JSONDecodeError:
                page = None
            if page is None:
                continue
            if not page["records"]:
                break
            seen |= {r["uri"] for r in page["records"]}
            cursor = page["cursor"]
        expected = {i.rid for i in persona.account_items("talia_b") if i.kind in ("original", "reply", "quote")}
        assert {u.rsplit("/", 1)[1] for u in seen} == expected
        kinds = {k for k, _ in sb.injected()}
        assert {"500", "repeat-cursor"} <= kinds


def test_parse_faults() -> None:
    assert parse_faults("none") == FaultConfig()
    assert parse_faults("all", seed=4).hostile and parse_faults("all", seed=4).seed == 4
    cfg = parse_faults("500,timeout,hang_s=0.5,max_failures=3,non-utf8")
    assert cfg.error_rate > 0 and cfg.timeout_rate > 0 and cfg.hang_s == 0.5 and cfg.max_failures == 3
    assert cfg.non_utf8 and not cfg.hostile
    with pytest.raises(ConfigError):
        parse_faults("explode")
    with pytest.raises(ConfigError):
        parse_faults("hang_s=soon")
