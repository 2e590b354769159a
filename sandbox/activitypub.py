"""ActivityPub actor, outbox and Note objects, shaped like Mastodon's (see the fedify sample)."""

from __future__ import annotations

from html import escape
from typing import Any

from selfaudit.sandbox import mastodon
from selfaudit.sandbox.ids import iso_z
from selfaudit.sandbox.persona import Account, Item
from selfaudit.sandbox.wire import Ctx, Request, Response, html_response, json_response

__all__ = ["route", "actor_json", "note_json", "tag_page"]

_AS = "https://www.w3.org/ns/activitystreams"
_PUBLIC = _AS + "#Public"
_CT = "application/activity+json; charset=utf-8"
_PAGE = 20
_CONTEXT: list[Any] = [
    _AS, "https://w3id.org/security/v1",
    {"manuallyApprovesFollowers": "as:manuallyApprovesFollowers", "toot": "http://joinmastodon.org/ns#",
     "featured": {"@id": "toot:featured", "@type": "@id"},
     "featuredTags": {"@id": "toot:featuredTags", "@type": "@id"},
     "alsoKnownAs": {"@id": "as:alsoKnownAs", "@type": "@id"},
     "movedTo": {"@id": "as:movedTo", "@type": "@id"}, "schema": "http://schema.org#",
     "PropertyValue": "schema:PropertyValue", "value": "schema:value", "discoverable": "toot:discoverable",
     "suspended": "toot:suspended", "indexable": "toot:indexable"},
]
_KEY = ("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsandboxsandboxsandboxsand\n"
        "boxsandboxsandboxsandboxsandboxsandboxsandboxsandboxsandboxIDAQAB\n-----END PUBLIC KEY-----\n")


def actor_json(ctx: Ctx, acc: Account) -> dict[str, Any]:
    """A Mastodon-style ``Person`` document."""
    entity = mastodon.account_json(ctx, acc)
    actor = f"{ctx.base}/users/{acc.handle}"
    return {
        "@context": _CONTEXT, "id": actor, "type": "Person", "following": actor + "/following",
        "followers": actor + "/followers", "inbox": actor + "/inbox", "outbox": actor + "/outbox",
        "featured": actor + "/collections/featured", "featuredTags": actor + "/collections/tags",
        "preferredUsername": acc.handle, "name": acc.name, "summary": entity["note"],
        "url": f"{ctx.base}/@{acc.handle}", "manuallyApprovesFollowers": False, "discoverable": True,
        "indexable": True, "published": iso_z(acc.created_at.replace(hour=0, minute=0, second=0)),
        "devices": actor + "/collections/devices",
        "publicKey": {"id": actor + "#main-key", "owner": actor, "publicKeyPem": _KEY},
        "tag": [],
        "attachment": [{"type": "PropertyValue", "name": f["name"], "value": f["value"]} for f in entity["fields"]],
        "endpoints": {"sharedInbox": f"{ctx.base}/inbox"},
        "icon": {"type": "Image", "mediaType": "image/png", "url": entity["avatar"]},
    }


def note_json(ctx: Ctx, item: Item) -> dict[str, Any]:
    """The ``Note`` of a status, as embedded in a ``Create``."""
    status = mastodon.status_json(ctx, item)
    acc = ctx.persona.accounts[item.account]
    actor = f"{ctx.base}/users/{acc.handle}"
    parent = ctx.persona.items.get(item.reply_to) if item.reply_to else None
    note: dict[str, Any] = {
        "id": status["uri"], "type": "Note", "summary": item.cw or None,
        "inReplyTo": mastodon.status_uri(ctx, parent) if parent else None, "published": iso_z(item.created_at),
        "url": status["url"], "attributedTo": actor, "to": [_PUBLIC], "cc": [actor + "/followers"],
        "sensitive": bool(item.cw), "atomUri": status["uri"], "conversation": None,
        "content": status["content"], "contentMap": {item.lang: status["content"]},
        "attachment": [{"type": "Document", "mediaType": "image/png", "url": m["url"], "name": m["description"],
                        "blurhash": m["blurhash"], "width": 1200, "height": 800}
                       for m in status["media_attachments"]],
        "tag": [{"type": "Hashtag", "href": t["url"], "name": "#" + t["name"]} for t in status["tags"]]
        + [{"type": "Mention", "href": f"{ctx.base}/users/{m['username']}", "name": "@" + m["acct"]}
           for m in status["mentions"]],
        "replies": {"id": status["uri"] + "/replies", "type": "Collection"},
    }
    if item.edited_at:
        note["updated"] = iso_z(item.edited_at)
    if item.poll:
        note["type"] = "Question"
        note["oneOf"] = [{"type": "Note", "name": o["title"], "replies": {"type": "Collection",
                                                                          "totalItems": o["votes_count"]}}
                         for o in status["poll"]["options"]]
    return note


def _activity(ctx: Ctx, item: Item) -> dict[str, Any]:
    acc = ctx.persona.accounts[item.account]
    actor = f"{ctx.base}/users/{acc.handle}"
    if item.kind == "repost":
        subject = ctx.persona.items[item.subject]
        return {"id": mastodon.status_uri(ctx, item), "type": "Announce", "actor": actor,
                "published": iso_z(item.created_at), "to": [_PUBLIC], "cc": [actor + "/followers"],
                "object": mastodon.status_uri(ctx, subject)}
    note = note_json(ctx, item)
    return {"id": note["id"] + "/activity", "type": "Create", "actor": actor, "published": note["published"],
            "to": note["to"], "cc": note["cc"], "object": note}


def _outbox(ctx: Ctx, req: Request, acc: Account) -> Response:
    outbox = f"{ctx.base}/users/{acc.handle}/outbox"
    if req.arg("page") != "true":
        data = {"@context": _AS, "id": outbox, "type": "OrderedCollection",
                "totalItems": len(mastodon.statuses(ctx, acc)),
                "first": outbox + "?page=true", "last": outbox + "?min_id=0&page=true"}
        return json_response(data, content_type=_CT)

    page = mastodon.window(ctx, acc, limit=_PAGE, max_id=req.arg("max_id"), min_id=req.arg("min_id"))
    query = "&".join(f"{k}={v[0]}" for k, v in req.query.items())
    data: dict[str, Any] = {"@context": _CONTEXT, "id": f"{outbox}?{query}", "type": "OrderedCollectionPage",
                            "partOf": outbox, "orderedItems": [_activity(ctx, i) for i in page]}
    if len(page) == _PAGE:
        data["next"] = f"{outbox}?max_id={page[-1].rid}&page=true"
    if page:
        data["prev"] = f"{outbox}?min_id={page[0].rid}&page=true"
    return json_response(data, content_type=_CT)


def _profile_html(ctx: Ctx, acc: Account) -> Response:
    entity = mastodon.account_json(ctx, acc)
    fields = "".join(f"<dt>{escape(f['name'])}</dt><dd>{f['value']}</dd>" for f in entity["fields"])
    rows = "".join(f'<li><a href="{ctx.base}/@{acc.handle}/{i.rid}">{escape(i.text[:80]) or "boost"}</a></li>'
                   for i in mastodon.statuses(ctx, acc)[:20])
    body = (f"<!doctype html><html><head><meta charset=utf-8><title>{escape(acc.name)} (@{acc.handle}@{ctx.host})"
            f'</title><link rel="alternate" type="application/activity+json" href="{entity["uri"]}"></head>'
            f"<body><h1>{escape(acc.name)}</h1>{entity['note']}<dl>{fields}</dl><ul>{rows}</ul></body></html>")
    return html_response(body)


def tag_page(ctx: Ctx, tag: str) -> Response:
    """``/tags/<name>``: the public hashtag page (HTML), linked from every hashtag in content."""
    needle = f"#{tag.lower()}"
    rows = "".join(f'<li><a href="{ctx.base}/@{ctx.persona.accounts[i.account].handle}/{i.rid}">{escape(i.text[:80])}</a></li>'
                   for acc in mastodon.accounts(ctx) for i in mastodon.statuses(ctx, acc)
                   if needle in i.text.lower())
    return html_response(f"<!doctype html><html><head><meta charset=utf-8><title>#{escape(tag)}</title></head>"
                         f"<body><h1>#{escape(tag)}</h1><ul>{rows}</ul></body></html>")


def route(ctx: Ctx, req: Request) -> Response | None:
    """``/users/<u>[/outbox|/statuses/<id>[/activity]]``, the ``/@<u>`` and ``/tags/<t>`` HTML pages; else None."""
    if req.path.startswith("/tags/"):
        return tag_page(ctx, req.path.split("/")[2])
    if not (req.path.startswith("/users/") or req.path.startswith("/@")):
        return None
    parts = [p for p in req.path.split("/") if p]
    if parts and parts[0].startswith("@"):
        acc = mastodon.find_account(ctx, username=parts[0][1:])
        if acc is None:
            return html_response("<h1>Not found</h1>", status=404)
        if len(parts) == 1:
            return _profile_html(ctx, acc)
        item = mastodon.find_status(ctx, acc.handle, parts[1])
        if item is None:
            return html_response("<h1>Not found</h1>", status=404)
        return html_response(f"<!doctype html><html><body>{mastodon.status_json(ctx, item)['content']}</body></html>")
    acc = mastodon.find_account(ctx, username=parts[1]) if len(parts) > 1 else None
    if acc is None:
        return json_response({"error": "Record not found"}, status=404)
    if len(parts) == 2:
        if "json" not in req.header("accept"):
            return Response(302, headers=[("Location", f"{ctx.base}/@{acc.handle}")])
        return json_response(actor_json(ctx, acc), content_type=_CT)
    if parts[2] == "outbox":
        return _outbox(ctx, req, acc)
    if parts[2:] == ["collections", "featured"]:
        pinned = [note_json(ctx, i) for i in mastodon.statuses(ctx, acc) if i.pinned]
        return json_response({"@context": _CONTEXT, "id": f"{ctx.base}/users/{acc.handle}/collections/featured",
                              "type": "OrderedCollection", "totalItems": len(pinned), "orderedItems": pinned},
                             content_type=_CT)
    if parts[2] == "statuses" and len(parts) >= 4:
        item = mastodon.find_status(ctx, acc.handle, parts[3])
        if item is None:
            gone = mastodon.was_deleted(ctx, parts[3])
            return json_response({"error": "Gone" if gone else "Record not found"}, status=410 if gone else 404)
        if len(parts) == 5 or item.kind == "repost":
            return json_response(_activity(ctx, item) | {"@context": _CONTEXT}, content_type=_CT)
        return json_response(note_json(ctx, item) | {"@context": _CONTEXT}, content_type=_CT)
    return json_response({"error": "Record not found"}, status=404)
