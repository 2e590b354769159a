"""Blog, feeds, robots, sitemap, link-in-bio pages, and Bluesky/Mastodon identity endpoints."""

from __future__ import annotations

import json
import re

import feedparser

from tests.sandbox.conftest import sample


def test_robots_disallows_private_path(get) -> None:
    robots = get("/robots.txt").body.decode()
    assert "Disallow: /blog/private/" in robots
    assert get("/blog/private/").status == 200


def test_blog_links_both_feeds_and_they_parse(get, sandbox) -> None:
    home = get("/blog/").body.decode()
    assert 'rel="alternate" type="application/rss+xml"' in home and 'type="application/atom+xml"' in home
    for path in ("/blog/feed/", "/blog/feed/atom/"):
        feed = feedparser.parse(get(path).body)
        assert not feed.bozo, feed.bozo_exception
        assert len(feed.entries) == 20
        assert all(e.link.startswith(sandbox.base_url + "/blog/") for e in feed.entries)
        assert all(e.published_parsed for e in feed.entries)


def test_about_page_states_un_role_and_work_email(get) -> None:
    about = get("/blog/about/").body.decode()
    assert "United Nations" in about and "@un.org" in about


def test_sitemap_lists_every_page(get, sandbox) -> None:
    locs = re.findall(r"<loc>([^<]+)</loc>", get("/sitemap.xml").body.decode())
    pages = sandbox.persona.account_items("web")
    assert len(locs) == len(pages) + 1
    assert all(get(loc.removeprefix(sandbox.base_url)).status == 200 for loc in locs[:5])


def test_js_link_page_has_no_static_links_but_json_has(get, sandbox) -> None:
    html = get("/links/talia/").body.decode()
    assert "<a " not in html and "fetch(" in html
    links = get("/links/talia/links.json").json()["links"]
    urls = {link["url"] for link in links}
    assert f"{sandbox.base_url}/blog/why-aurora/" in urls and f"{sandbox.base_url}/@talia" in urls


def test_next_data_page_has_linktree_shape(get, sandbox) -> None:
    html = get("/lt/talia").body.decode()
    match = re.search(r'<script id="__NEXT_DATA__" type="application/json">(.*?)</script>', html, re.S)
    assert match
    data = json.loads(match.group(1))
    real = json.loads(sample("linktree_scraper__example_data.json").read_text(encoding="utf-8"))
    assert set(data) <= set(real) and set(data["props"]) == set(real["props"])
    props = data["props"]["pageProps"]
    assert set(props) <= set(real["props"]["pageProps"])
    assert set(props["links"][1]) == set(real["props"]["pageProps"]["links"][1])
    partisan = next(link["url"] for link in props["links"] if "aurora" in link["url"])
    page = get(partisan.removeprefix(sandbox.base_url)).body.decode()
    assert "Aurora" in page and "campaign" in page


def test_handle_resolution_and_pds_reads(get, sandbox) -> None:
    did = get("/xrpc/com.atproto.identity.resolveHandle?handle=talia.test").json()["did"]
    assert get("/.well-known/atproto-did").body.decode() == did
    assert get("/xrpc/com.atproto.identity.resolveHandle?handle=nobody.test").status == 400
    repo = get(f"/xrpc/com.atproto.repo.describeRepo?repo={did}").json()
    assert repo["handle"] == "talia.test" and "app.bsky.feed.like" in repo["collections"]
    profile = get(f"/xrpc/com.atproto.repo.getRecord?repo={did}&collection=app.bsky.actor.profile&rkey=self").json()
    assert profile["value"]["website"] == sandbox.base_url + "/blog/"
    likes = get(f"/xrpc/com.atproto.repo.listRecords?repo={did}&collection=app.bsky.feed.like&limit=100").json()
    subject = likes["records"][0]["value"]["subject"]["uri"]
    assert not subject.startswith(f"at://{did}/")
    other_did, coll, rkey = subject.removeprefix("at://").split("/")
    liked = get(f"/xrpc/com.atproto.repo.getRecord?repo={other_did}&collection={coll}&rkey={rkey}").json()
    assert liked["value"]["text"]
    posts = get("/xrpc/app.bsky.feed.getPosts?" + "&".join(f"uris={r['value']['subject']['uri']}"
                                                             for r in likes["records"][:25])).json()["posts"]
    assert len(posts) == 25 and all(p["author"]["did"] != did for p in posts)
    too_many = "&".join(f"uris={r['value']['subject']['uri']}" for r in likes["records"][:26])
    assert get("/xrpc/app.bsky.feed.getPosts?" + too_many).status == 400


def test_facets_use_utf8_byte_offsets(get, sandbox) -> None:
    records = []
    cursor = ""
    while True:
        page = get("/xrpc/com.atproto.repo.listRecords?repo=talia.test&collection=app.bsky.feed.post"
                   f"&limit=100&cursor={cursor}").json()
        if not page["records"]:
            break
        records += [r["value"] for r in page["records"]]
        cursor = page["cursor"]
    faceted = [r for r in records if r.get("facets")]
    kinds = {f["features"][0]["$type"].rsplit("#", 1)[1] for r in faceted for f in r["facets"]}
    assert kinds == {"link", "tag", "mention"}
    for rec in faceted:
        raw = rec["text"].encode("utf-8")
        for facet in rec["facets"]:
            piece = raw[facet["index"]["byteStart"]:facet["index"]["byteEnd"]].decode("utf-8")
            feature = facet["features"][0]
            expected = {"link": feature.get("uri"), "tag": "#" + str(feature.get("tag")),
                        "mention": None}[feature["$type"].rsplit("#", 1)[1]]
            assert piece == expected or (expected is None and piece.startswith("@"))
    assert any(len(r["text"]) != len(r["text"].encode()) for r in faceted)


def test_mastodon_entities_cover_the_features(get) -> None:
    acc = get("/api/v1/accounts/lookup?acct=talia").json()
    statuses = []
    max_id = ""
    while True:
        batch = get(f"/api/v1/accounts/{acc['id']}/statuses?limit=40&max_id={max_id}").json()
        if not batch:
            break
        statuses += batch
        max_id = batch[-1]["id"]
    assert any(s["poll"] for s in statuses)
    assert any(s["spoiler_text"] for s in statuses)
    assert any(s["edited_at"] for s in statuses)
    assert any(m["description"] for s in statuses for m in s["media_attachments"])
    assert any(s["in_reply_to_account_id"] == acc["id"] for s in statuses)
    assert any(s["in_reply_to_account_id"] not in (None, acc["id"]) for s in statuses)
    assert any(s["card"] for s in statuses)
    assert any(s["reblog"] and s["reblog"]["account"]["id"] != acc["id"] for s in statuses)
    assert {f["name"] for f in acc["fields"]} == {"Blog", "Links", "Contact", "In the press"}
    assert any(f["verified_at"] for f in acc["fields"])
    webfinger = get(f"/.well-known/webfinger?resource=acct:talia@{acc['url'].split('/')[2]}").json()
    assert any(link["rel"] == "self" and link["type"] == "application/activity+json" for link in webfinger["links"])


def test_edit_history_lists_versions_oldest_first(get) -> None:
    acc = get("/api/v1/accounts/lookup?acct=talia").json()
    edited = []
    max_id = ""
    while not edited:
        batch = get(f"/api/v1/accounts/{acc['id']}/statuses?limit=40&max_id={max_id}").json()
        assert batch
        edited = [s for s in batch if s["edited_at"]]
        max_id = batch[-1]["id"]
    history = get(f"/api/v1/statuses/{edited[0]['id']}/history").json()
    assert len(history) == 2 and history[-1]["content"] == edited[0]["content"]
    assert history[0]["content"] != history[1]["content"] and history[0]["created_at"] < history[1]["created_at"]


def test_did_web_account_reads_by_did(get, sandbox) -> None:
    did = get("/xrpc/com.atproto.identity.resolveHandle?handle=quietobserver.test").json()["did"]
    assert did.startswith("did:web:127.0.0.1%3A")
    assert get("/.well-known/did.json").json()["id"] == did
    from urllib.parse import quote

    page = get(f"/xrpc/com.atproto.repo.listRecords?repo={quote(did)}&collection=app.bsky.feed.post&limit=100").json()
    assert page["records"] and all(r["uri"].startswith(f"at://{did}/") for r in page["records"])
