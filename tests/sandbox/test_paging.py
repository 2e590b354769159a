"""Paging visits every item exactly once, the way each real API pages."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from selfaudit.sandbox import Sandbox


def _mastodon_id(get) -> str:  # type: ignore[no-untyped-def]
    return get("/api/v1/accounts/lookup?acct=talia").json()["id"]


def _next_link(link: str) -> str | None:
    match = re.search(r'<([^>]+)>; rel="next"', link or "")
    return match.group(1) if match else None


def _expected(sandbox: Sandbox, account: str, kinds: tuple[str, ...] | None = None) -> set[str]:
    return {i.rid for i in sandbox.persona.account_items(account) if kinds is None or i.kind in kinds}


def test_mastodon_link_header_visits_every_status_once(get, sandbox) -> None:
    url = f"/api/v1/accounts/{_mastodon_id(get)}/statuses?limit=40"
    seen: list[str] = []
    pages = 0
    while url and pages < 100:
        got = get(url)
        assert got.status == 200
        batch = got.json()
        assert len(batch) <= 40
        seen += [s["id"] for s in batch]
        nxt = _next_link(got.headers.get("Link", ""))
        url = urlsplit(nxt).path + "?" + urlsplit(nxt).query if nxt else ""
        pages += 1
    assert len(seen) == len(set(seen))
    assert set(seen) == _expected(sandbox, "talia")
    assert seen == sorted(seen, key=lambda s: (len(s), s), reverse=True)


def test_mastodon_limit_is_capped_at_40(get) -> None:
    assert len(get(f"/api/v1/accounts/{_mastodon_id(get)}/statuses?limit=200").json()) == 40


def test_mastodon_min_id_pages_forward(get, sandbox) -> None:
    acc = _mastodon_id(get)
    seen: list[str] = []
    min_id = "0"
    for _ in range(100):
        batch = get(f"/api/v1/accounts/{acc}/statuses?limit=40&min_id={min_id}").json()
        if not batch:
            break
        seen += [s["id"] for s in batch]
        min_id = batch[0]["id"]
    assert len(seen) == len(set(seen)) and set(seen) == _expected(sandbox, "talia")


def test_mastodon_filters(get, sandbox) -> None:
    acc = _mastodon_id(get)
    pinned = get(f"/api/v1/accounts/{acc}/statuses?pinned=true").json()
    assert [s["pinned"] for s in pinned] == [True]
    featured = get("/users/talia/collections/featured", accept="application/activity+json").json()
    assert [n["id"] for n in featured["orderedItems"]] == [s["uri"] for s in pinned]
    no_boosts = get(f"/api/v1/accounts/{acc}/statuses?limit=40&exclude_reblogs=true").json()
    assert all(s["reblog"] is None for s in no_boosts)
    no_replies = get(f"/api/v1/accounts/{acc}/statuses?limit=40&exclude_replies=true")
    assert all(s["in_reply_to_account_id"] in (None, acc) for s in no_replies.json())
    assert "exclude_replies=true" in _next_link(no_replies.headers["Link"])
    newest = get(f"/api/v1/accounts/{acc}/statuses?limit=5").json()
    since = get(f"/api/v1/accounts/{acc}/statuses?since_id={newest[2]['id']}").json()
    assert [s["id"] for s in since] == [s["id"] for s in newest[:2]]


def test_list_records_cursor_visits_every_record_once(get, sandbox) -> None:
    for collection, kinds in (("app.bsky.feed.post", ("original", "reply", "quote")),
                              ("app.bsky.feed.like", ("like",)), ("app.bsky.feed.repost", ("repost",))):
        for reverse in ("false", "true"):
            seen: list[str] = []
            cursor = ""
            for _ in range(100):
                page = get(f"/xrpc/com.atproto.repo.listRecords?repo=talia.test&collection={collection}"
                           f"&limit=17&reverse={reverse}&cursor={cursor}").json()
                if not page["records"]:
                    assert "cursor" not in page
                    break
                assert page["cursor"] == page["records"][-1]["uri"].rsplit("/", 1)[1]
                seen += [r["uri"].rsplit("/", 1)[1] for r in page["records"]]
                cursor = page["cursor"]
            assert len(seen) == len(set(seen))
            assert set(seen) == _expected(sandbox, "talia_b", kinds)
            assert seen == sorted(seen, reverse=reverse == "false")


def test_list_records_limit_over_100_is_an_error(get) -> None:
    got = get("/xrpc/com.atproto.repo.listRecords?repo=talia.test&collection=app.bsky.feed.post&limit=101")
    assert got.status == 400 and got.json()["error"] == "InvalidRequest"


def test_author_feed_visits_every_post_and_repost_once(get, sandbox) -> None:
    seen: list[str] = []
    cursor = ""
    for _ in range(100):
        page = get(f"/xrpc/app.bsky.feed.getAuthorFeed?actor=talia.test&limit=30&cursor={cursor}").json()
        for entry in page["feed"]:
            seen.append(entry["reason"]["uri"] if "reason" in entry else entry["post"]["uri"])
        if "cursor" not in page:
            break
        cursor = page["cursor"]
    rids = [u.rsplit("/", 1)[1] for u in seen]
    assert len(rids) == len(set(rids))
    assert set(rids) == _expected(sandbox, "talia_b", ("original", "reply", "quote", "repost"))


def test_wordpress_pages_visit_every_post_once(get) -> None:
    first = get("/blog/wp-json/wp/v2/posts?per_page=7")
    total, pages = int(first.headers["X-WP-Total"]), int(first.headers["X-WP-TotalPages"])
    seen = []
    for n in range(1, pages + 1):
        seen += [p["link"] for p in get(f"/blog/wp-json/wp/v2/posts?per_page=7&page={n}").json()]
    assert len(seen) == len(set(seen)) == total
    past = get(f"/blog/wp-json/wp/v2/posts?per_page=7&page={pages + 1}")
    assert past.status == 400 and past.json()["code"] == "rest_post_invalid_page_number"
    static = [p["link"] for p in get("/blog/wp-json/wp/v2/pages?per_page=100").json()]
    assert any(link.endswith("/blog/about/") for link in static)


@pytest.mark.parametrize("username", ["talia", "un_veloria_hub"])
def test_outbox_pages_visit_every_activity_once(get, sandbox, username) -> None:
    outbox = get(f"/users/{username}/outbox", accept="application/activity+json").json()
    assert outbox["type"] == "OrderedCollection"
    url = outbox["first"]
    seen: list[str] = []
    types: set[str] = set()
    for _ in range(100):
        page = get(urlsplit(url).path + "?" + urlsplit(url).query).json()
        assert page["type"] == "OrderedCollectionPage"
        seen += [a["id"] for a in page["orderedItems"]]
        types |= {a["type"] for a in page["orderedItems"]}
        if "next" not in page:
            break
        url = page["next"]
    assert len(seen) == len(set(seen)) == outbox["totalItems"]
    assert types == ({"Create", "Announce"} if username == "talia" else {"Create"})
