"""AT Protocol for the sandbox: handle and DID resolution, PDS repo reads, AppView reads.

One host plays three roles: the PLC directory (``/plc/<did>``), the PDS
(``/xrpc/com.atproto.*``) and the AppView (``/xrpc/app.bsky.*``). Record order,
cursor and error shapes follow the reference PDS (``listRecords``: rkey
descending, a cursor whenever the page is non-empty).
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from typing import Any

from selfaudit.sandbox.ids import fake_cid, iso_ms
from selfaudit.sandbox.persona import Account, Item
from selfaudit.sandbox.richtext import bsky_facets
from selfaudit.sandbox.wire import TINY_PNG, Ctx, Request, Response, error_json, json_response

__all__ = ["route", "did_of", "did_doc", "record_of", "at_uri", "COLLECTIONS"]

COLLECTIONS = {"original": "app.bsky.feed.post", "reply": "app.bsky.feed.post", "quote": "app.bsky.feed.post",
               "repost": "app.bsky.feed.repost", "like": "app.bsky.feed.like"}
_PROFILE = "app.bsky.actor.profile"


def did_of(ctx: Ctx, acc: Account) -> str:
    """``did:plc`` from the persona, or ``did:web`` of the sandbox host."""
    return "did:web:" + ctx.host.replace(":", "%3A") if acc.did_web else acc.did


def _accounts(ctx: Ctx) -> list[Account]:
    return [a for a in ctx.persona.accounts.values() if a.platform == "bluesky"]


def _find(ctx: Ctx, ident: str) -> Account | None:
    ident = ident.removeprefix("at://")
    return next((a for a in _accounts(ctx) if ident.lower() == a.handle or ident == did_of(ctx, a)), None)


def at_uri(ctx: Ctx, item: Item) -> str:
    """``at://<did>/<collection>/<rkey>``, the store's native_id."""
    return f"at://{did_of(ctx, ctx.persona.accounts[item.account])}/{COLLECTIONS[item.kind]}/{item.rid}"


def did_doc(ctx: Ctx, acc: Account) -> dict[str, Any]:
    """DID document naming the handle and this host as the PDS."""
    did = did_of(ctx, acc)
    return {"@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1",
                         "https://w3id.org/security/suites/secp256k1-2019/v1"],
            "id": did, "alsoKnownAs": [f"at://{acc.handle}"],
            "verificationMethod": [{"id": did + "#atproto", "type": "Multikey", "controller": did,
                                    "publicKeyMultibase": "zQ3sh" + fake_cid(did)[5:49]}],
            "service": [{"id": "#atproto_pds", "type": "AtprotoPersonalDataServer", "serviceEndpoint": ctx.base}]}


def _blob(seed: str) -> dict[str, Any]:
    return {"$type": "blob", "ref": {"$link": "bafkrei" + fake_cid(seed)[7:]}, "mimeType": "image/jpeg",
            "size": 100000 + len(seed) * 977}


def _strong(ctx: Ctx, item: Item) -> dict[str, str]:
    return {"uri": at_uri(ctx, item), "cid": cid_of(ctx, item)}


def cid_of(ctx: Ctx, item: Item) -> str:
    """CID of a record (memoized: records are immutable)."""
    return ctx.memo(f"cid:{item.key}", lambda: fake_cid(json.dumps(record_of(ctx, item), sort_keys=True)))


def _did_by_handle(ctx: Ctx, handle: str) -> str | None:
    acc = _find(ctx, handle)
    return did_of(ctx, acc) if acc else None


def thread_root(ctx: Ctx, item: Item) -> Item:
    """The first post of the thread a reply belongs to."""
    root = item
    while root.reply_to:
        root = ctx.persona.items[root.reply_to]
    return root


def record_of(ctx: Ctx, item: Item) -> dict[str, Any]:
    """The record value as stored in the repo."""
    created = iso_ms(item.created_at)
    if item.kind in ("repost", "like"):
        return {"$type": COLLECTIONS[item.kind], "subject": _strong(ctx, ctx.persona.items[item.subject]),
                "createdAt": created}
    rec: dict[str, Any] = {"$type": "app.bsky.feed.post", "text": item.text, "createdAt": created,
                           "langs": [item.lang]}
    facets = bsky_facets(item.text, did_of=lambda h: _did_by_handle(ctx, h))
    if facets:
        rec["facets"] = facets
    if item.reply_to:
        parent, root = ctx.persona.items[item.reply_to], thread_root(ctx, item)
        rec["reply"] = {"root": _strong(ctx, root), "parent": _strong(ctx, parent)}
    media = None
    if item.alt:
        media = {"$type": "app.bsky.embed.images", "images": [
            {"alt": item.alt, "aspectRatio": {"width": 1200, "height": 800}, "image": _blob(item.key)}]}
    if item.kind == "quote":
        record = {"$type": "app.bsky.embed.record", "record": _strong(ctx, ctx.persona.items[item.subject])}
        rec["embed"] = ({"$type": "app.bsky.embed.recordWithMedia", "record": record, "media": media}
                        if media else record)
    elif media:
        rec["embed"] = media
    elif item.card:
        rec["embed"] = {"$type": "app.bsky.embed.external",
                        "external": {"uri": item.card, "title": "United Nations", "description": "Official page."}}
    return rec


def profile_record(ctx: Ctx, acc: Account) -> dict[str, Any]:
    """``app.bsky.actor.profile`` (rkey ``self``)."""
    rec: dict[str, Any] = {"$type": _PROFILE, "displayName": acc.name, "description": acc.note,
                           "avatar": _blob("avatar:" + acc.handle), "createdAt": iso_ms(acc.created_at)}
    if acc.website:
        rec["website"] = acc.website.format(base=ctx.base)
    return rec


def _ascending(ctx: Ctx, acc: Account, collection: str) -> tuple[list[Item], list[str]]:
    """Visible items of one collection in rkey order, with their rkeys for bisecting (memoized)."""

    def build() -> tuple[list[Item], list[str]]:
        items = sorted((i for i in ctx.persona.account_items(acc.key)
                        if COLLECTIONS.get(i.kind) == collection and ctx.visible(i)), key=lambda i: i.rid)
        return items, [i.rid for i in items]

    return ctx.memo(f"b:{acc.key}:{collection}", build)


def _records(ctx: Ctx, acc: Account, collection: str) -> list[Item]:
    return _ascending(ctx, acc, collection)[0][::-1]


def _limit(req: Request, default: int, most: int) -> int | Response:
    try:
        limit = int(req.arg("limit", str(default)) or default)
    except ValueError:
        return error_json(400, "InvalidRequest", "limit must be an integer")
    if not 1 <= limit <= most:
        return error_json(400, "InvalidRequest", f"limit must be between 1 and {most}")
    return limit


def _list_records(ctx: Ctx, req: Request) -> Response:
    acc = _find(ctx, req.arg("repo"))
    if acc is None:
        return error_json(400, "InvalidRequest", f"Could not find repo: {req.arg('repo')}")
    limit = _limit(req, 50, 100)
    if isinstance(limit, Response):
        return limit
    collection = req.arg("collection")
    if collection == _PROFILE:
        value = profile_record(ctx, acc)
        rows = [{"uri": f"at://{did_of(ctx, acc)}/{_PROFILE}/self", "cid": fake_cid(json.dumps(value)),
                 "value": value}]
        cursor = req.arg("cursor")
        rows = [] if cursor and cursor <= "self" else rows
        return json_response({"records": rows, "cursor": "self"} if rows else {"records": []})
    items, rids = _ascending(ctx, acc, collection)
    cursor = req.arg("cursor")
    if req.arg("reverse") == "true":
        start = bisect_right(rids, cursor) if cursor else 0
        page = items[start:start + limit]
    else:
        end = bisect_left(rids, cursor) if cursor else len(items)
        page = items[max(0, end - limit):end][::-1]
    data: dict[str, Any] = {"records": [{"uri": at_uri(ctx, i), "cid": cid_of(ctx, i), "value": record_of(ctx, i)}
                                        for i in page]}
    if page:
        data["cursor"] = page[-1].rid
    return json_response(data)


def _get_record(ctx: Ctx, req: Request) -> Response:
    acc = _find(ctx, req.arg("repo"))
    if acc is None:
        return error_json(400, "InvalidRequest", f"Could not find repo: {req.arg('repo')}")
    collection, rkey = req.arg("collection"), req.arg("rkey")
    uri = f"at://{did_of(ctx, acc)}/{collection}/{rkey}"
    if collection == _PROFILE and rkey == "self":
        value = profile_record(ctx, acc)
        return json_response({"uri": uri, "cid": fake_cid(json.dumps(value)), "value": value})
    items, rids = _ascending(ctx, acc, collection)
    pos = bisect_left(rids, rkey)
    item = items[pos] if pos < len(rids) and rids[pos] == rkey else None
    if item is None:
        return error_json(400, "RecordNotFound", f"Could not locate record: {uri}")
    return json_response({"uri": uri, "cid": cid_of(ctx, item), "value": record_of(ctx, item)})


def _describe(ctx: Ctx, req: Request) -> Response:
    acc = _find(ctx, req.arg("repo"))
    if acc is None:
        return error_json(400, "InvalidRequest", f"Could not find repo: {req.arg('repo')}")
    kinds = {COLLECTIONS[i.kind] for i in ctx.persona.account_items(acc.key)}
    return json_response({"handle": acc.handle, "did": did_of(ctx, acc), "didDoc": did_doc(ctx, acc),
                          "collections": sorted(kinds | {_PROFILE}), "handleIsCorrect": True})


def route(ctx: Ctx, req: Request) -> Response | None:
    """Identity and PDS routes; None when the path is not theirs (``app.bsky.*`` methods are ``appview.route``'s)."""
    path = req.path
    if path == "/.well-known/atproto-did":
        host = req.header("host").split(":")[0]
        acc = _find(ctx, host) or ctx.persona.accounts["talia_b"]
        return Response(200, did_of(ctx, acc).encode(), [("Content-Type", "text/plain; charset=utf-8")])
    if path == "/.well-known/did.json":
        acc = next((a for a in _accounts(ctx) if a.did_web), None)
        return json_response(did_doc(ctx, acc)) if acc else Response(404)
    if path.startswith("/plc/"):
        acc = _find(ctx, path.split("/")[2])
        if acc is None or acc.did_web:
            return json_response({"message": f"DID not registered: {path.split('/')[2]}"}, status=404)
        return json_response(did_doc(ctx, acc), content_type="application/did+ld+json; charset=utf-8")
    if not path.startswith("/xrpc/"):
        return None
    method = path[len("/xrpc/"):]
    if method == "com.atproto.identity.resolveHandle":
        acc = _find(ctx, req.arg("handle"))
        if acc is None:
            return error_json(400, "InvalidRequest", "Unable to resolve handle")
        return json_response({"did": did_of(ctx, acc)})
    if method == "com.atproto.repo.describeRepo":
        return _describe(ctx, req)
    if method == "com.atproto.repo.listRecords":
        return _list_records(ctx, req)
    if method == "com.atproto.repo.getRecord":
        return _get_record(ctx, req)
    if method == "com.atproto.sync.getBlob":
        return Response(200, TINY_PNG, [("Content-Type", "image/png")])
    if method.startswith("app.bsky."):
        return None
    return error_json(501, "MethodNotImplemented", "Method Not Implemented")


def find_account(ctx: Ctx, ident: str) -> Account | None:
    """A Bluesky account by handle or DID."""
    return _find(ctx, ident)


def records(ctx: Ctx, acc: Account, collection: str) -> list[Item]:
    """Visible items of one collection, rkey descending."""
    return _records(ctx, acc, collection)
