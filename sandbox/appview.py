"""AppView-like hydrated reads: ``app.bsky.actor.getProfile``, ``feed.getAuthorFeed``, ``feed.getPosts``."""

from __future__ import annotations

from typing import Any

from selfaudit.sandbox import atproto
from selfaudit.sandbox.ids import iso_ms
from selfaudit.sandbox.persona import Account, Item
from selfaudit.sandbox.wire import Ctx, Request, Response, error_json, json_response

__all__ = ["route", "post_view"]

_CDN = "/img"


def _basic(ctx: Ctx, acc: Account) -> dict[str, Any]:
    return {"did": atproto.did_of(ctx, acc), "handle": acc.handle, "displayName": acc.name,
            "avatar": f"{ctx.base}{_CDN}/avatar/plain/{atproto.did_of(ctx, acc)}/avatar@jpeg",
            "associated": {"chat": {"allowIncoming": "following"}}, "labels": [],
            "createdAt": iso_ms(acc.created_at)}


def _profile(ctx: Ctx, acc: Account) -> dict[str, Any]:
    items = ctx.persona.account_items(acc.key)
    view = _basic(ctx, acc) | {
        "description": acc.note, "banner": f"{ctx.base}{_CDN}/banner/plain/{atproto.did_of(ctx, acc)}/b@jpeg",
        "followersCount": 120 + acc.seq, "followsCount": 80 + acc.seq,
        "postsCount": sum(1 for i in items if atproto.COLLECTIONS[i.kind] == "app.bsky.feed.post"),
        "indexedAt": iso_ms(acc.created_at), "viewer": {"muted": False, "blockedBy": False},
    }
    if acc.website:
        view["website"] = acc.website.format(base=ctx.base)
    return view


def _embed_view(ctx: Ctx, record: dict[str, Any], did: str) -> dict[str, Any] | None:
    embed = record.get("embed")
    if not embed:
        return None
    kind = embed["$type"]
    if kind == "app.bsky.embed.images":
        return {"$type": "app.bsky.embed.images#view", "images": [
            {"thumb": f"{ctx.base}{_CDN}/feed_thumbnail/plain/{did}/{im['image']['ref']['$link']}@jpeg",
             "fullsize": f"{ctx.base}{_CDN}/feed_fullsize/plain/{did}/{im['image']['ref']['$link']}@jpeg",
             "alt": im["alt"], "aspectRatio": im["aspectRatio"]} for im in embed["images"]]}
    if kind == "app.bsky.embed.external":
        return {"$type": "app.bsky.embed.external#view", "external": embed["external"]}
    if kind in ("app.bsky.embed.record", "app.bsky.embed.recordWithMedia"):
        inner = embed if kind == "app.bsky.embed.record" else embed["record"]
        target = _by_uri(ctx, inner["record"]["uri"])
        if target is None:
            view: dict[str, Any] = {"$type": "app.bsky.embed.record#viewNotFound",
                                    "uri": inner["record"]["uri"], "notFound": True}
        else:
            acc = ctx.persona.accounts[target.account]
            view = {"$type": "app.bsky.embed.record#viewRecord", "uri": inner["record"]["uri"],
                    "cid": inner["record"]["cid"], "author": _basic(ctx, acc),
                    "value": atproto.record_of(ctx, target), "labels": [], "likeCount": 0, "replyCount": 0,
                    "repostCount": 0, "quoteCount": 0, "indexedAt": iso_ms(target.created_at)}
        record_view = {"$type": "app.bsky.embed.record#view", "record": view}
        if kind == "app.bsky.embed.record":
            return record_view
        media = _embed_view(ctx, {"embed": embed["media"]}, did)
        return {"$type": "app.bsky.embed.recordWithMedia#view", "record": record_view, "media": media}
    return None


def post_view(ctx: Ctx, item: Item) -> dict[str, Any]:
    """``app.bsky.feed.defs#postView`` of a post item."""
    acc = ctx.persona.accounts[item.account]
    record = atproto.record_of(ctx, item)
    view: dict[str, Any] = {"uri": atproto.at_uri(ctx, item), "cid": atproto.cid_of(ctx, item),
                            "author": _basic(ctx, acc), "record": record, "replyCount": 0, "repostCount": 0,
                            "likeCount": 0, "quoteCount": 0, "indexedAt": iso_ms(item.created_at),
                            "viewer": {"threadMuted": False, "embeddingDisabled": False}, "labels": []}
    embed = _embed_view(ctx, record, atproto.did_of(ctx, acc))
    if embed:
        view["embed"] = embed
    return view


def _by_uri(ctx: Ctx, uri: str) -> Item | None:
    parts = uri.removeprefix("at://").split("/")
    if len(parts) != 3:
        return None
    acc = atproto.find_account(ctx, parts[0])
    if acc is None:
        return None
    index = ctx.memo(f"b:index:{acc.key}", lambda: {(atproto.COLLECTIONS[i.kind], i.rid): i
                                                     for i in ctx.persona.account_items(acc.key)})
    item = index.get((parts[1], parts[2]))
    return item if item is not None and ctx.visible(item) else None


def _feed(ctx: Ctx, req: Request) -> Response:
    acc = atproto.find_account(ctx, req.arg("actor"))
    if acc is None:
        return error_json(400, "InvalidRequest", "Profile not found")
    try:
        limit = int(req.arg("limit", "50") or 50)
    except ValueError:
        limit = 0
    if not 1 <= limit <= 100:
        return error_json(400, "InvalidRequest", "limit must be between 1 and 100")
    filt = req.arg("filter", "posts_with_replies")
    items = [i for i in ctx.persona.account_items(acc.key) if i.kind != "like" and ctx.visible(i)]
    if filt in ("posts_no_replies", "posts_and_author_threads"):
        items = [i for i in items if not i.reply_to or (
            filt == "posts_and_author_threads" and ctx.persona.items[i.reply_to].account == acc.key)]
    elif filt == "posts_with_media":
        items = [i for i in items if i.alt and i.kind != "repost"]
    if cursor := req.arg("cursor"):
        items = [i for i in items if f"{iso_ms(i.created_at)}::{i.rid}" < cursor]
    page = items[:limit]
    feed = []
    for item in page:
        if item.kind == "repost":
            subject = ctx.persona.items[item.subject]
            feed.append({"post": post_view(ctx, subject),
                         "reason": {"$type": "app.bsky.feed.defs#reasonRepost", "by": _basic(ctx, acc),
                                    "uri": atproto.at_uri(ctx, item), "cid": atproto.cid_of(ctx, item),
                                    "indexedAt": iso_ms(item.created_at)}})
            continue
        entry: dict[str, Any] = {"post": post_view(ctx, item)}
        if item.reply_to:
            parent, root = ctx.persona.items[item.reply_to], atproto.thread_root(ctx, item)
            entry["reply"] = {"root": post_view(ctx, root) | {"$type": "app.bsky.feed.defs#postView"},
                              "parent": post_view(ctx, parent) | {"$type": "app.bsky.feed.defs#postView"}}
        feed.append(entry)
    data: dict[str, Any] = {"feed": feed}
    if len(page) == limit:
        data["cursor"] = f"{iso_ms(page[-1].created_at)}::{page[-1].rid}"
    return json_response(data)


def route(ctx: Ctx, req: Request) -> Response | None:
    """Dispatch one ``app.bsky.*`` XRPC method; None when the path is not one."""
    if not req.path.startswith("/xrpc/app.bsky."):
        return None
    method = req.path[len("/xrpc/"):]
    if method == "app.bsky.actor.getProfile":
        acc = atproto.find_account(ctx, req.arg("actor"))
        if acc is None:
            return error_json(400, "InvalidRequest", "Profile not found")
        return json_response(_profile(ctx, acc))
    if method == "app.bsky.feed.getAuthorFeed":
        return _feed(ctx, req)
    if method == "app.bsky.feed.getPosts":
        uris = req.query.get("uris", [])
        if len(uris) > 25:
            return error_json(400, "InvalidRequest", "uris must not have more than 25 elements")
        found = [i for u in uris if (i := _by_uri(ctx, u)) is not None and i.kind not in ("repost", "like")]
        return json_response({"posts": [post_view(ctx, i) for i in found]})
    return error_json(501, "MethodNotImplemented", "Method Not Implemented")
