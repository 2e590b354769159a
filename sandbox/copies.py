"""Copies of the persona's posts that outlive a deletion: a web archive, boosts and quotes.

- ``/cdx/search/cdx?url=...&output=json``: the Wayback Machine's CDX API, with
  captures of some flagged posts (and of one tweet, under its x.com and twitter.com
  forms); ``/web/<timestamp>/<url>`` serves the archived copy. A capture stays
  when the post is deleted: that is the point.
- ``/api/v1/statuses/:id/reblogged_by``: accounts on other servers that boosted
  some flagged Mastodon posts.
- ``/xrpc/app.bsky.feed.getQuotes``: posts by others quoting some flagged Bluesky posts.

Which posts have copies is a seeded hash of the item key, so the same persona
always has the same copies (:func:`has_captures`, :func:`boosters`, :func:`quoters`).
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import urlsplit

from selfaudit.sandbox.persona import Item
from selfaudit.sandbox.wire import Ctx, Request, Response, error_json, html_response, json_response

__all__ = ["CAPTURED_TWEETS", "boosters", "has_captures", "quoters", "route"]

CAPTURED_TWEETS = frozenset({"1400000000000000002"})
"""Tweets of the persona's X archive that the sandbox's web archive holds."""
_CDX_HEADER = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]
_BOOSTERS = (("ravi", "fedi.example"), ("noor", "social.example"), ("ines", "mastodon.example"))
_QUOTERS = (("sam.bsky.example", "did:plc:samquoter0000000000000a"), ("lea.bsky.example", "did:plc:leaquoter000000000000b"))


def _unit(ctx: Ctx, salt: str, key: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{ctx.persona.seed}:{salt}:{key}".encode()).digest()[:4], "big")


def _own(ctx: Ctx, item: Item) -> bool:
    acc = ctx.persona.accounts.get(item.account)
    return (acc is None or acc.persona) and item.kind in ("original", "reply", "quote", "page")


def has_captures(ctx: Ctx, item: Item) -> bool:
    """Whether the web archive holds captures of this item: half of the flagged own posts."""
    return bool(item.concerns) and _own(ctx, item) and _unit(ctx, "capture", item.key) % 2 == 0


def boosters(ctx: Ctx, item: Item) -> list[tuple[str, str]]:
    """``(user, server)`` of the accounts that boosted a flagged Mastodon post (a third of them)."""
    if item.platform != "mastodon" or not item.concerns or not _own(ctx, item):
        return []
    n = _unit(ctx, "boost", item.key)
    return list(_BOOSTERS[: 1 + n % 2]) if n % 3 == 0 else []


def quoters(ctx: Ctx, item: Item) -> list[tuple[str, str]]:
    """``(handle, did)`` of the accounts that quoted a flagged Bluesky post (a third of them)."""
    if item.platform != "bluesky" or not item.concerns or not _own(ctx, item):
        return []
    n = _unit(ctx, "quote", item.key)
    return list(_QUOTERS[: 1 + n % 2]) if n % 3 == 0 else []


def _last_segment(url: str) -> str:
    parts = [p for p in urlsplit(url if "://" in url else "http://" + url).path.split("/") if p]
    return parts[-1] if parts else ""


def _by_segment(ctx: Ctx) -> dict[str, Item]:
    """Own items by the last segment of their public URL (status id, record key, page slug)."""
    def build() -> dict[str, Item]:
        out: dict[str, Item] = {}
        for item in ctx.persona.items.values():
            if _own(ctx, item):
                slug = item.rid or item.key
                if item.platform == "web":
                    from selfaudit.sandbox.web import page_url

                    slug = _last_segment(page_url(ctx, item))
                out.setdefault(slug, item)
        return out
    return ctx.memo("copies:index", build)


def _captures(ctx: Ctx, url: str) -> list[list[str]]:
    segment = _last_segment(url)
    host = (urlsplit(url if "://" in url else "http://" + url).hostname or "").lower()
    if host.removeprefix("www.") in ("x.com", "twitter.com"):
        captured = segment in CAPTURED_TWEETS
        key = segment
    else:
        item = _by_segment(ctx).get(segment)
        captured = item is not None and has_captures(ctx, item)
        key = item.key if item is not None else ""
    if not captured:
        return []
    stamps = ["20240115093000", "20250302171500"][: 1 + _unit(ctx, "stamps", key) % 2]
    digest = hashlib.sha1(key.encode()).hexdigest()[:32].upper()
    return [[f"urlkey:{segment}", stamp, url, "text/html", "200", f"{digest}{i}", "2048"] for i, stamp in enumerate(stamps)]


def _cdx(ctx: Ctx, req: Request) -> Response:
    url = req.arg("url")
    if not url:
        return Response(400, b"missing url", [("Content-Type", "text/plain")])
    rows = _captures(ctx, url)
    if req.arg("output") != "json":
        return Response(200, "".join(" ".join(r) + "\n" for r in rows).encode(), [("Content-Type", "text/plain")])
    return json_response([_CDX_HEADER, *rows] if rows else [])


def _archived(ctx: Ctx, path: str) -> Response:
    stamp, _, original = path.removeprefix("/web/").partition("/")
    if not stamp.isdigit() or not _captures(ctx, original):
        return html_response("<h1>Not in the archive</h1>", status=404)
    item = _by_segment(ctx).get(_last_segment(original))
    text = item.text if item is not None else "(an archived tweet)"
    from html import escape

    return html_response(f"<!doctype html><title>Archived {escape(stamp)}</title>"
                         f"<p>Captured {escape(stamp)}: {escape(original)}</p><blockquote>{escape(text)}</blockquote>")


def _reblogged_by(ctx: Ctx, rid: str) -> Response:
    from selfaudit.sandbox import mastodon

    item = next((i for i in _by_segment(ctx).values() if i.rid == rid and i.platform == "mastodon"), None)
    if item is None or not ctx.visible(item):
        return error_json(404, "Record not found")
    return json_response([{"id": f"9{n}", "username": user, "acct": f"{user}@{server}", "display_name": user.title(),
                           "url": f"https://{server}/@{user}"} for n, (user, server) in enumerate(boosters(ctx, item))],
                         headers=mastodon.rate_headers(ctx))


def _get_quotes(ctx: Ctx, req: Request) -> Response:
    uri = req.arg("uri")
    rkey = uri.rsplit("/", 1)[-1]
    item = next((i for i in _by_segment(ctx).values() if i.rid == rkey and i.platform == "bluesky"), None)
    posts: list[dict[str, Any]] = []
    if item is not None:
        for n, (handle, did) in enumerate(quoters(ctx, item)):
            qkey = f"3q{_unit(ctx, 'qkey', item.key + handle):x}{n}"
            posts.append({"uri": f"at://{did}/app.bsky.feed.post/{qkey}", "cid": f"bafyq{qkey}",
                          "author": {"did": did, "handle": handle, "displayName": handle.split(".")[0].title()},
                          "record": {"$type": "app.bsky.feed.post", "text": f"Look at this: \u201c{item.text[:80]}\u201d",
                                     "createdAt": "2025-03-02T17:15:00.000Z",
                                     "embed": {"$type": "app.bsky.embed.record", "record": {"uri": uri}}},
                          "indexedAt": "2025-03-02T17:15:00.000Z"})
    return json_response({"uri": uri, "posts": posts})


def route(ctx: Ctx, req: Request) -> Response | None:
    """The web archive, ``reblogged_by`` and ``getQuotes``; None when the path is not theirs."""
    path = req.path
    if path == "/cdx/search/cdx":
        return _cdx(ctx, req)
    if path.startswith("/web/"):
        return _archived(ctx, path)
    if path.startswith("/api/v1/statuses/") and path.endswith("/reblogged_by"):
        return _reblogged_by(ctx, path.split("/")[4])
    if path == "/xrpc/app.bsky.feed.getQuotes":
        return _get_quotes(ctx, req)
    return None
