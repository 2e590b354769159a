"""Mastodon REST API, WebFinger and ActivityPub for the sandbox, in Mastodon 4.x wire format.

Entity shapes follow the Mastodon.py cassettes in ``shared/formats/samples``
(including the keys a token would add, so parsers see every field).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from html import escape
from typing import Any
from urllib.parse import quote

from selfaudit.sandbox.ids import iso_ms, snowflake
from selfaudit.sandbox.persona import Account, Item
from selfaudit.sandbox.richtext import mastodon_html, tokens
from selfaudit.sandbox.wire import Ctx, Request, Response, error_json, json_response

__all__ = ["route", "account_json", "status_json", "status_uri", "rate_headers", "statuses", "window",
           "find_account", "find_status", "was_deleted"]

_AP = "application/activity+json"
_NOT_FOUND = "Record not found"


def account_id(acc: Account) -> str:
    """Snowflake id of an account, from its creation time."""
    return snowflake(acc.created_at, acc.seq)


def accounts(ctx: Ctx) -> list[Account]:
    return [a for a in ctx.persona.accounts.values() if a.platform == "mastodon"]


def find_account(ctx: Ctx, *, username: str = "", acc_id: str = "") -> Account | None:
    for acc in accounts(ctx):
        if acc.handle == username or (acc_id and account_id(acc) == acc_id):
            return acc
    return None


def _id_key(rid: str) -> tuple[int, str]:
    """Mastodon ids are opaque strings: order by (length, text), never by int."""
    return (len(rid), rid)


def _index(ctx: Ctx) -> dict[str, Item]:
    """Every local status by id, deleted ones included (callers check ``ctx.visible``)."""
    return ctx.memo("m:index", lambda: {i.rid: i for a in accounts(ctx) for i in ctx.persona.account_items(a.key)})


def _ascending(ctx: Ctx, acc: Account) -> tuple[list[Item], list[tuple[int, str]]]:
    """Visible statuses of an account, oldest id first, with their sort keys (memoized)."""

    def build() -> tuple[list[Item], list[tuple[int, str]]]:
        items = sorted((i for i in ctx.persona.account_items(acc.key) if ctx.visible(i)), key=lambda i: _id_key(i.rid))
        return items, [_id_key(i.rid) for i in items]

    return ctx.memo(f"m:{acc.key}", build)


def statuses(ctx: Ctx, acc: Account) -> list[Item]:
    """Visible statuses of an account, newest id first."""
    return _ascending(ctx, acc)[0][::-1]


def window(ctx: Ctx, acc: Account, *, limit: int, max_id: str = "", since_id: str = "", min_id: str = "",
           keep: Callable[[Item], bool] | None = None) -> list[Item]:
    """One page, newest first, with Mastodon's max_id/since_id/min_id semantics (min_id pages forward)."""
    items, keys = _ascending(ctx, acc)
    lo = bisect_right(keys, _id_key(since_id)) if since_id else 0
    hi = bisect_left(keys, _id_key(max_id)) if max_id else len(items)
    page: list[Item] = []
    if min_id:
        for idx in range(max(lo, bisect_right(keys, _id_key(min_id))), hi):
            if keep is None or keep(items[idx]):
                page.append(items[idx])
                if len(page) == limit:
                    break
        return page[::-1]
    for idx in range(hi - 1, lo - 1, -1):
        if keep is None or keep(items[idx]):
            page.append(items[idx])
            if len(page) == limit:
                break
    return page


def status_uri(ctx: Ctx, item: Item) -> str:
    """The ActivityPub id, the store's native_id (boosts end in ``/activity``)."""
    acc = ctx.persona.accounts[item.account]
    uri = f"{ctx.base}/users/{acc.handle}/statuses/{item.rid}"
    return uri + "/activity" if item.kind == "repost" else uri


def _mention_url(ctx: Ctx, name: str) -> str | None:
    acc = find_account(ctx, username=name.split("@")[0])
    return f"{ctx.base}/@{acc.handle}" if acc else None


def account_json(ctx: Ctx, acc: Account) -> dict[str, Any]:
    """The Account entity (keys as in ``accounts/lookup``); memoized until the next deletion."""
    return ctx.memo(f"m:acc:{acc.key}", lambda: _account_json(ctx, acc))


def _account_json(ctx: Ctx, acc: Account) -> dict[str, Any]:
    items = statuses(ctx, acc)
    media = f"{ctx.base}/system/accounts/avatars/{account_id(acc)}/original/avatar.png"
    note = mastodon_html(acc.note, base=ctx.base, mention_url=lambda n: _mention_url(ctx, n))
    fields = []
    for name, value in acc.fields:
        value = value.format(base=ctx.base)
        html_value = (f'<a href="{escape(value)}" target="_blank" rel="nofollow noopener me" translate="no">'
                      f"{escape(value)}</a>" if value.startswith("http") else escape(value))
        verified = iso_ms(acc.created_at + timedelta(days=3)).replace("Z", "+00:00") if value.startswith(
            ctx.base + "/blog/") else None
        fields.append({"name": name, "value": html_value, "verified_at": verified})
    return {
        "id": account_id(acc), "username": acc.handle, "acct": acc.handle, "display_name": acc.name,
        "locked": False, "bot": False, "discoverable": True, "indexable": True, "group": False,
        "created_at": iso_ms(acc.created_at.replace(hour=0, minute=0, second=0, microsecond=0)),
        "note": note, "url": f"{ctx.base}/@{acc.handle}", "uri": f"{ctx.base}/users/{acc.handle}",
        "avatar": media, "avatar_static": media, "avatar_description": acc.avatar_alt,
        "header": f"{ctx.base}/headers/original/missing.png", "header_static": f"{ctx.base}/headers/original/missing.png",
        "header_description": "", "followers_count": 40 + acc.seq * 7, "following_count": 30 + acc.seq,
        "statuses_count": len(items), "last_status_at": items[0].created_at.date().isoformat() if items else None,
        "hide_collections": False, "show_media": True, "show_media_replies": True, "show_featured": True,
        "noindex": False, "feature_approval": {"automatic": [], "manual": [], "current_user": "missing"},
        "emojis": [], "roles": [], "fields": fields,
    }


def _media(ctx: Ctx, item: Item) -> list[dict[str, Any]]:
    if not item.alt:
        return []
    mid = str(int(item.rid) + 1)
    url = f"{ctx.base}/system/media_attachments/files/{mid}/original/photo.png"
    meta = {"original": {"width": 1200, "height": 800, "size": "1200x800", "aspect": 1.5},
            "small": {"width": 480, "height": 320, "size": "480x320", "aspect": 1.5}}
    return [{"id": mid, "type": "image", "url": url, "preview_url": url.replace("original", "small"),
             "remote_url": None, "preview_remote_url": None, "text_url": None, "meta": meta,
             "description": item.alt, "blurhash": "UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH"}]


def _poll(item: Item) -> dict[str, Any] | None:
    if not item.poll:
        return None
    votes = [int(hashlib.sha256(o.encode()).hexdigest(), 16) % 30 for o in item.poll]
    return {"id": str(int(item.rid) % 100000), "expires_at": iso_ms(item.created_at + timedelta(days=1)),
            "expired": True, "multiple": False, "votes_count": sum(votes), "voters_count": sum(votes),
            "options": [{"title": o, "votes_count": v} for o, v in zip(item.poll, votes, strict=True)],
            "emojis": [], "voted": False, "own_votes": []}


def _card(item: Item) -> dict[str, Any] | None:
    if not item.card:
        return None
    return {"url": item.card, "title": "United Nations", "description": "Official page.", "language": "en",
            "type": "link", "author_name": "", "author_url": "", "provider_name": "United Nations",
            "provider_url": "", "html": "", "width": 0, "height": 0, "image": None, "image_description": "",
            "embed_url": "", "blurhash": None, "published_at": None, "authors": []}


def status_json(ctx: Ctx, item: Item, *, wrapper: bool = True) -> dict[str, Any]:
    """The Status entity; a repost is a wrapper with the original's full Status in ``reblog``."""
    acc = ctx.persona.accounts[item.account]
    parent = ctx.persona.items.get(item.reply_to) if item.reply_to else None
    text = item.text
    if parent is not None and parent.account != item.account:
        handle = ctx.persona.accounts[parent.account].handle
        text = text if text.startswith(f"@{handle}") else f"@{handle} {text}"
    toks = tokens(text)
    mentions = [a for kind, v in toks if kind == "mention" and (a := find_account(ctx, username=v[1:]))]
    base: dict[str, Any] = {
        "id": item.rid, "created_at": iso_ms(item.created_at),
        "in_reply_to_id": parent.rid if parent else None,
        "in_reply_to_account_id": account_id(ctx.persona.accounts[parent.account]) if parent else None,
        "sensitive": bool(item.cw), "spoiler_text": item.cw, "visibility": "public",
        "language": None if item.kind == "repost" else item.lang, "uri": status_uri(ctx, item),
        "url": f"{ctx.base}/@{acc.handle}/{item.rid}", "replies_count": 0, "reblogs_count": 0,
        "favourites_count": 0, "quotes_count": 0,
        "edited_at": iso_ms(item.edited_at) if item.edited_at else None, "favourited": False,
        "reblogged": False, "muted": False, "bookmarked": False, "pinned": item.pinned,
        "content": "", "filtered": [], "reblog": None,
        "application": {"name": "Web", "website": None}, "account": account_json(ctx, acc),
        "media_attachments": _media(ctx, item),
        "mentions": [{"id": account_id(a), "username": a.handle, "url": f"{ctx.base}/@{a.handle}",
                      "acct": a.handle} for a in mentions],
        "tags": [{"name": v[1:].lower(), "url": f"{ctx.base}/tags/{v[1:].lower()}"} for k, v in toks if k == "tag"],
        "emojis": [], "tagged_collections": [], "quote": None, "card": _card(item), "poll": _poll(item),
        "quote_approval": {"automatic": ["public"], "manual": [], "current_user": "automatic"},
    }
    if item.kind == "repost" and wrapper:
        base["url"] = f"{ctx.base}/users/{acc.handle}/statuses/{item.rid}/activity"
        base["reblog"] = status_json(ctx, ctx.persona.items[item.subject], wrapper=False)
        base["application"] = None
        del base["pinned"]
    else:
        base["content"] = mastodon_html(text, base=ctx.base, mention_url=lambda n: _mention_url(ctx, n))
    return base


def _history(ctx: Ctx, rid: str) -> Response:
    """``GET /api/v1/statuses/:id/history``: StatusEdit list, oldest first (one entry when never edited)."""
    index = _index(ctx)
    item = index.get(rid)
    if item is None or not ctx.visible(item):
        return error_json(404, _NOT_FOUND)
    status = status_json(ctx, item)
    versions = [(item.created_at, item.previous_text or item.text)]
    if item.edited_at:
        versions.append((item.edited_at, item.text))
    edits = [{"content": mastodon_html(text, base=ctx.base, mention_url=lambda n: _mention_url(ctx, n)),
              "spoiler_text": item.cw, "sensitive": bool(item.cw), "created_at": iso_ms(when),
              "account": status["account"], "poll": None, "media_attachments": status["media_attachments"],
              "emojis": []} for when, text in versions]
    return json_response(edits, headers=rate_headers(ctx))


def rate_headers(ctx: Ctx) -> list[tuple[str, str]]:
    """``X-RateLimit-*`` with the ISO (microsecond) Reset Mastodon sends."""
    with ctx.lock:
        used = ctx.cache.get("rate_used", 0) + 1
        ctx.cache["rate_used"] = used
    now = datetime.now(UTC)
    reset = now.replace(second=0, microsecond=0) + timedelta(minutes=5 - now.minute % 5)
    return [("X-RateLimit-Limit", "300"), ("X-RateLimit-Remaining", str(max(0, 300 - used % 300))),
            ("X-RateLimit-Reset", reset.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))]


def _page(ctx: Ctx, req: Request, acc: Account) -> Response:
    try:
        limit = min(max(int(req.arg("limit", "20") or 20), 1), 40)
    except ValueError:
        return error_json(400, "limit must be an integer")
    own = account_id(acc)
    pinned, no_boosts = req.arg("pinned") == "true", req.arg("exclude_reblogs") == "true"
    no_replies, media = req.arg("exclude_replies") == "true", req.arg("only_media") == "true"

    def keep(i: Item) -> bool:
        if (pinned and not i.pinned) or (no_boosts and i.kind == "repost") or (media and not i.alt):
            return False
        return not (no_replies and i.reply_to and ctx.persona.items[i.reply_to].account != acc.key)

    filtered = pinned or no_boosts or no_replies or media
    page = window(ctx, acc, limit=limit, max_id=req.arg("max_id"), since_id=req.arg("since_id"),
                  min_id=req.arg("min_id"), keep=keep if filtered else None)
    data = [status_json(ctx, i) for i in page]
    headers = rate_headers(ctx)
    links = []
    kept = "".join(f"&{k}={quote(v[0])}" for k, v in req.query.items()
                   if k not in ("limit", "max_id", "min_id", "since_id"))
    url = f"{ctx.base}/api/v1/accounts/{own}/statuses?limit={limit}{kept}"
    if page and len(page) == limit:
        links.append(f'<{url}&max_id={page[-1].rid}>; rel="next"')
    if page:
        links.append(f'<{url}&min_id={page[0].rid}>; rel="prev"')
    if links:
        headers.append(("Link", ", ".join(links)))
    return json_response(data, headers=headers)


def _webfinger(ctx: Ctx, req: Request) -> Response:
    resource = req.arg("resource")
    user = resource.removeprefix("acct:").split("@")[0] if resource.startswith("acct:") else (
        resource.rstrip("/").rsplit("/", 1)[-1].lstrip("@"))
    acc = find_account(ctx, username=user)
    if acc is None:
        return Response(404)
    actor = f"{ctx.base}/users/{acc.handle}"
    data = {"subject": f"acct:{acc.handle}@{ctx.host}", "aliases": [f"{ctx.base}/@{acc.handle}", actor],
            "links": [{"rel": "http://webfinger.net/rel/profile-page", "type": "text/html",
                       "href": f"{ctx.base}/@{acc.handle}"},
                      {"rel": "self", "type": _AP, "href": actor},
                      {"rel": "http://ostatus.org/schema/1.0/subscribe",
                       "template": f"{ctx.base}/authorize_interaction?uri={{uri}}"}]}
    return json_response(data, content_type="application/jrd+json; charset=utf-8")


def route(ctx: Ctx, req: Request) -> Response | None:
    """Mastodon API routes; None when the path is not theirs (ActivityPub pages are ``activitypub.route``'s)."""
    path = req.path
    if path == "/.well-known/webfinger":
        return _webfinger(ctx, req)
    if path == "/api/v1/accounts/lookup":
        acct = req.arg("acct").lstrip("@")
        user, _, host = acct.partition("@")
        acc = find_account(ctx, username=user) if host in ("", ctx.host) else None
        if acc is None:
            return error_json(404, _NOT_FOUND)
        return json_response(account_json(ctx, acc), headers=rate_headers(ctx))
    if path.startswith("/api/v1/accounts/"):
        parts = path.split("/")
        acc = find_account(ctx, acc_id=parts[4])
        if acc is None:
            return error_json(404, _NOT_FOUND)
        if len(parts) == 5:
            return json_response(account_json(ctx, acc), headers=rate_headers(ctx))
        if len(parts) == 6 and parts[5] == "statuses":
            return _page(ctx, req, acc)
        return error_json(404, _NOT_FOUND)
    if path.startswith("/api/v1/statuses/") and path.endswith("/history"):
        return _history(ctx, path.split("/")[4])
    if path.startswith("/api/v1/statuses/"):
        index = _index(ctx)
        item = index.get(path.split("/")[4])
        if item is None or not ctx.visible(item):
            return error_json(404, _NOT_FOUND)
        return json_response(status_json(ctx, item), headers=rate_headers(ctx))
    return None


def find_status(ctx: Ctx, username: str, rid: str) -> Item | None:
    """A visible status of a local account by its id."""
    acc = find_account(ctx, username=username)
    index = _index(ctx)
    item = index.get(rid)
    if acc is None or item is None or item.account != acc.key or not ctx.visible(item):
        return None
    return item



def was_deleted(ctx: Ctx, rid: str) -> bool:
    """True when a status existed and the deletion fault removed it (ActivityPub answers 410)."""
    index = _index(ctx)
    item = index.get(rid)
    return item is not None and not ctx.visible(item)
