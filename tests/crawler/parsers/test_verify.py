"""verify's pure parts: what is asked about a post, and how the answers read (gone, unknown, copies)."""

from __future__ import annotations

import json

import pytest
from selfaudit.crawler.parsers import verify as vp


def test_only_404_410_and_record_not_found_are_gone() -> None:
    assert vp.check_answer(404, b"", mode="http").status == "gone"
    assert vp.check_answer(410, b"", mode="http").status == "gone"
    assert vp.check_answer(200, b"", mode="http").status == "present"
    for code in (500, 502, 503, 429, 403, 401):
        assert vp.check_answer(code, b"", mode="http").status == "error"
    assert vp.check_answer(400, b'{"error":"RecordNotFound"}', mode="xrpc").status == "gone"
    assert vp.check_answer(400, b'{"error":"InvalidRequest"}', mode="xrpc").status == "error"
    assert vp.check_answer(400, b"not json", mode="xrpc").status == "error"
    assert vp.check_answer(400, b'{"error":"RecordNotFound"}', mode="http").status == "error"


def test_a_present_post_says_whether_it_was_edited() -> None:
    status = json.dumps({"id": "9", "content": "<p>Vote   for the Horizon Party</p>"}).encode()
    same = vp.check_answer(200, status, mode="http", platform="mastodon", kind="original",
                           stored_text="Vote for the Horizon Party")
    assert (same.status, same.edited) == ("present", False)
    record = json.dumps({"uri": "at://x", "value": {"text": "A calmer wording"}}).encode()
    changed = vp.check_answer(200, record, mode="xrpc", platform="bluesky", kind="original", stored_text="Vote!")
    assert changed.edited is True and "edited" in changed.detail
    assert vp.check_answer(200, b"<html>", mode="http", platform="web", kind="page", stored_text="x").edited is None
    assert vp.check_answer(200, record, mode="xrpc", platform="bluesky", kind="like", stored_text="x").edited is None


def test_targets() -> None:
    t = vp.target_for({"platform": "mastodon", "native_id": "https://m.example/users/a/statuses/99/activity"})
    assert t is not None and t.url == "https://m.example/api/v1/statuses/99"
    t = vp.target_for({"platform": "bluesky", "native_id": "at://did:plc:a/app.bsky.feed.like/3k"},
                      bluesky_service="https://public.api.bsky.app")
    assert t is not None and t.mode == "xrpc"
    assert t.url == ("https://public.api.bsky.app/xrpc/com.atproto.repo.getRecord?"
                     "repo=did%3Aplc%3Aa&collection=app.bsky.feed.like&rkey=3k")
    assert vp.target_for({"platform": "web", "native_id": "javascript:alert(1)", "url": "file:///etc/passwd"}) is None
    assert vp.target_for({"platform": "x", "native_id": "1", "url": "https://x.com/a/status/1"}) is None


def test_copy_lookups_ask_only_about_the_users_own_words() -> None:
    wb = "https://web.archive.org"
    toot = {"platform": "mastodon", "kind": "original", "native_id": "https://m.example/users/a/statuses/99",
            "url": "https://m.example/@a/99"}
    sources = [lk.source for lk in vp.copy_lookups(toot, wayback_url=wb)]
    assert sources == ["wayback", "boosts"]
    assert vp.copy_lookups(toot, wayback_url=wb)[1].url == "https://m.example/api/v1/statuses/99/reblogged_by"
    tweet = {"platform": "x", "kind": "original", "native_id": "5", "url": "https://twitter.com/ana/status/5"}
    urls = [lk.url for lk in vp.copy_lookups(tweet, wayback_url=wb + "/")]
    assert urls == ["https://web.archive.org/cdx/search/cdx?url=https%3A%2F%2Fx.com%2Fana%2Fstatus%2F5&output=json",
                    "https://web.archive.org/cdx/search/cdx?url=https%3A%2F%2Ftwitter.com%2Fana%2Fstatus%2F5&output=json"]
    skeet = {"platform": "bluesky", "kind": "reply", "native_id": "at://did:plc:a/app.bsky.feed.post/3k",
             "url": "https://bsky.app/profile/a.test/post/3k"}
    quotes = vp.copy_lookups(skeet, wayback_url=wb, bluesky_service="https://public.api.bsky.app")[-1]
    assert quotes.source == "quotes" and "app.bsky.feed.getQuotes?uri=at%3A%2F%2Fdid%3Aplc%3Aa" in quotes.url
    for kind in ("like", "repost"):  # someone else's post: never asked about
        assert vp.copy_lookups({**toot, "kind": kind}, wayback_url=wb) == []
        assert vp.copy_lookups({**skeet, "kind": kind}, wayback_url=wb, bluesky_service="https://b.example") == []


def test_cdx_captures() -> None:
    header = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]
    rows = [header,
            ["com,x)/a/status/5", "20240115093000", "https://x.com/a/status/5", "text/html", "200", "AAA", "10"],
            ["com,x)/a/status/5", "20240116093000", "https://x.com/a/status/5", "text/html", "200", "AAA", "10"],
            ["com,x)/a/status/5", "20250101000000", "https://x.com/a/status/5", "text/html", "404", "BBB", "10"],
            ["com,x)/a/status/5", "20250302171500", "https://x.com/a/status/5", "text/html", "-", "CCC", "10"]]
    copies = vp.parse_cdx(json.dumps(rows).encode(), wayback_url="https://web.archive.org/")
    assert copies == [vp.Copy("web.archive.org", "https://web.archive.org/web/20240115093000/https://x.com/a/status/5"),
                      vp.Copy("web.archive.org", "https://web.archive.org/web/20250302171500/https://x.com/a/status/5")]
    assert vp.parse_cdx(b"[]", wayback_url="https://w.example") == []
    assert vp.parse_cdx(b"", wayback_url="https://w.example") == []
    for bad in (b"<html>rate limited</html>", b'{"error": 1}', b'[["a", "b"]]'):
        with pytest.raises(ValueError):
            vp.parse_cdx(bad, wayback_url="https://w.example")


def test_boosters_and_quotes() -> None:
    accounts = [{"id": "1", "username": "ravi", "acct": "ravi@fedi.example", "url": "https://fedi.example/@ravi"},
                {"id": "2", "username": "local", "acct": "local", "url": "https://m.example/@local"}, "junk"]
    assert vp.parse_reblogged_by(json.dumps(accounts).encode(), status_url="https://m.example/@a/99") == [
        vp.Copy("@ravi@fedi.example", "https://fedi.example/@ravi"), vp.Copy("@local@m.example", "https://m.example/@local")]
    with pytest.raises(ValueError):
        vp.parse_reblogged_by(b'{"error":"Record not found"}', status_url="https://m.example/@a/99")
    answer = {"uri": "at://did:plc:a/app.bsky.feed.post/3k", "posts": [
        {"uri": "at://did:plc:q/app.bsky.feed.post/3q", "author": {"did": "did:plc:q", "handle": "sam.example"}}]}
    assert vp.parse_quotes(json.dumps(answer).encode()) == [
        vp.Copy("@sam.example", "https://bsky.app/profile/sam.example/post/3q")]
    with pytest.raises(ValueError):
        vp.parse_quotes(b"[]")
