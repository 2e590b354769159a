"""Mastodon REST API and ActivityPub JSON to items.

Posts are keyed by the Status ``uri`` (the ActivityPub id), which is the same
in the API, the outbox and the account archive.
"""

from __future__ import annotations

from typing import Any

from selfaudit.crawler.items import LinkItem, PostItem, ProfileItem
from selfaudit.crawler.parsers.common import find_email, html_links, html_to_text, utc_iso

__all__ = [
    "account_links",
    "media_urls",
    "fill_announce",
    "parse_account",
    "parse_actor",
    "parse_outbox_item",
    "parse_status",
    "parse_statuses",
    "webfinger_self",
]

PLATFORM = "mastodon"


def parse_account(data: dict[str, Any], *, account: str) -> ProfileItem:
    """Profile from an Account entity (``accounts/lookup``)."""
    fields = [
        {"name": f.get("name", ""), "value": html_to_text(f.get("value")),
         "value_html": f.get("value", ""), "verified_at": utc_iso(f.get("verified_at"))}
        for f in data.get("fields") or []
    ]
    return ProfileItem(
        platform=PLATFORM, account=account,
        display_name=data.get("display_name") or data.get("username"),
        bio=html_to_text(data.get("note")), bio_html=data.get("note") or None,
        links=[url for url, _, _ in account_links_raw(data)],
        email=find_email(*(f.get("value") for f in data.get("fields") or []), data.get("note")),
        avatar_alt=data.get("avatar_description") or None,
        created_at=utc_iso(data.get("created_at")),
        extra={"fields": fields, "id": data.get("id"), "url": data.get("url"), "uri": data.get("uri"),
               "bot": bool(data.get("bot")), "locked": bool(data.get("locked")),
               "statuses_count": data.get("statuses_count"), "moved": bool(data.get("moved")),
               "suspended": bool(data.get("suspended"))},
    )


def account_links_raw(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """``(url, label, origin)`` of the links in the bio and in the profile fields."""
    out: list[tuple[str, str, str]] = []
    for url, label in html_links(data.get("note")):
        if not label.startswith(("#", "@")):  # hashtags and mentions are not the user's own links
            out.append((url, label, "bio"))
    for f in data.get("fields") or []:
        for url, _ in html_links(f.get("value")):
            out.append((url, f.get("name") or "", "field"))
    seen: set[str] = set()
    return [x for x in out if not (x[0] in seen or seen.add(x[0]))]


def account_links(data: dict[str, Any], *, account: str) -> list[LinkItem]:
    """Link items for the bio and field links of an Account."""
    return [LinkItem(platform=PLATFORM, account=account, url=u, label=label, origin=origin)
            for u, label, origin in account_links_raw(data)]


def _media_alt(attachments: list[dict[str, Any]] | None) -> list[str]:
    return [a["description"] for a in attachments or [] if a.get("description")]


def media_urls(attachments: Any) -> list[str]:
    """The full-size URLs of a status's image attachments (fetched later by the media spider, #13)."""
    out = []
    for a in attachments if isinstance(attachments, list) else []:
        url = a.get("url") if isinstance(a, dict) else None
        if isinstance(a, dict) and a.get("type") == "image" and isinstance(url, str) and url.startswith(("https://", "http://")):
            out.append(url)
    return out


def _poll(poll: dict[str, Any] | None) -> dict[str, Any] | None:
    if not poll:
        return None
    return {"options": [o.get("title", "") for o in poll.get("options") or []],
            "expires_at": utc_iso(poll.get("expires_at")), "multiple": bool(poll.get("multiple"))}


def parse_status(data: dict[str, Any], *, account: str, own_id: str | None = None) -> PostItem:
    """One Status to a post item.

    A boost (``reblog`` set) becomes kind ``repost`` carrying the original's
    text and author; a reply to another account is ``reply`` (a self-thread
    stays ``original``); a status with ``quote`` is ``quote``.
    """
    reblog = data.get("reblog")
    body = reblog or data
    extra: dict[str, Any] = {"id": data.get("id"), "visibility": data.get("visibility")}
    if body.get("spoiler_text"):
        extra["spoiler_text"] = body["spoiler_text"]
    if body.get("sensitive"):
        extra["sensitive"] = True
    if poll := _poll(body.get("poll")):
        extra["poll"] = poll
    tags = [t.get("name") for t in body.get("tags") or [] if t.get("name")]
    if tags:
        extra["tags"] = tags
    mentions = [m.get("acct") for m in body.get("mentions") or [] if m.get("acct")]
    if mentions:
        extra["mentions"] = mentions
    links = [u for u, _ in html_links(body.get("content"))]
    if links:
        extra["links"] = links
    if card := body.get("card"):
        extra["card"] = {k: card.get(k) for k in ("url", "title", "description")}
    if data.get("pinned"):
        extra["pinned"] = True
    if media := media_urls(body.get("media_attachments")):
        extra["media_urls"] = media
    kind = "original"
    original_author = original_url = reply_to = None
    quote = data.get("quote")
    if reblog:
        kind = "repost"
        original_author = (reblog.get("account") or {}).get("acct")
        original_url = reblog.get("url") or reblog.get("uri")
        extra["original_uri"] = reblog.get("uri")
    elif data.get("in_reply_to_id"):
        kind = "reply"
        reply_to = data.get("in_reply_to_id")
        extra["self_thread"] = own_id is not None and data.get("in_reply_to_account_id") == own_id
    elif isinstance(quote, dict) and (quoted := quote.get("quoted_status") or quote.get("status")):
        kind = "quote"
        original_author = (quoted.get("account") or {}).get("acct")
        original_url = quoted.get("url") or quoted.get("uri")
        extra["quoted_text"] = html_to_text(quoted.get("content"))
    return PostItem(
        platform=PLATFORM, account=account, native_id=data["uri"], url=data.get("url") or data["uri"],
        created_at=utc_iso(data.get("created_at")), kind=kind,
        text=html_to_text(body.get("content")), html=body.get("content") or None,
        lang=body.get("language"), media_alt=_media_alt(body.get("media_attachments")),
        original_author=original_author, original_url=original_url, reply_to=reply_to,
        edited_at=utc_iso(body.get("edited_at")) if not reblog else None, extra=extra,
    )


def parse_statuses(data: list[dict[str, Any]], *, account: str, own_id: str | None = None) -> list[PostItem]:
    """A page of statuses; direct and private ones are skipped (never public)."""
    return [parse_status(s, account=account, own_id=own_id) for s in data
            if s.get("visibility") in (None, "public", "unlisted") and s.get("uri")]


def webfinger_self(data: dict[str, Any]) -> str | None:
    """The ActivityPub actor URL from a WebFinger document."""
    for link in data.get("links") or []:
        typ = link.get("type") or ""
        if link.get("rel") == "self" and ("activity+json" in typ or "activitystreams" in typ):
            return link.get("href")
    return None


def parse_actor(data: dict[str, Any], *, account: str) -> ProfileItem:
    """Profile from an ActivityPub actor (used when the REST API is closed)."""
    fields = [{"name": a.get("name", ""), "value": html_to_text(a.get("value")), "value_html": a.get("value", "")}
              for a in data.get("attachment") or [] if a.get("type") == "PropertyValue"]
    links = [u for u, _ in html_links(data.get("summary"))]
    for a in data.get("attachment") or []:
        links += [u for u, _ in html_links(a.get("value")) if u not in links]
    icon = data.get("icon") if isinstance(data.get("icon"), dict) else {}
    return ProfileItem(
        platform=PLATFORM, account=account, display_name=data.get("name") or data.get("preferredUsername"),
        bio=html_to_text(data.get("summary")), bio_html=data.get("summary") or None, links=links,
        email=find_email(*(a.get("value") for a in data.get("attachment") or []), data.get("summary")),
        avatar_alt=(icon or {}).get("name") or None, created_at=utc_iso(data.get("published")),
        extra={"fields": fields, "uri": data.get("id"), "url": data.get("url"), "outbox": data.get("outbox"),
               "bot": data.get("type") in ("Application", "Service")},
    )


_PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


def _is_public(activity: dict[str, Any]) -> bool:
    to, cc = activity.get("to") or [], activity.get("cc") or []
    to = [to] if isinstance(to, str) else to
    cc = [cc] if isinstance(cc, str) else cc
    return any(x in (_PUBLIC, "as:Public", "Public") for x in [*to, *cc])


def fill_announce(item: PostItem, note: dict[str, Any] | None) -> PostItem:
    """Copy the boosted Note's text, language, alt text and author into an ``Announce`` repost."""
    if not isinstance(note, dict):
        item.extra["subject_missing"] = True
        return item
    item.text = html_to_text(note.get("content"))
    item.html = note.get("content") or None
    content_map = note.get("contentMap") or {}
    item.lang = next(iter(content_map), None) if isinstance(content_map, dict) else None
    item.media_alt = [a["name"] for a in note.get("attachment") or [] if isinstance(a, dict) and a.get("name")]
    author = note.get("attributedTo")
    item.original_author = author if isinstance(author, str) else None
    item.original_url = note.get("url") or note.get("id") or item.original_url
    if note.get("summary"):
        item.extra["spoiler_text"] = note["summary"]
    return item


def parse_outbox_item(activity: dict[str, Any], *, account: str, actor_id: str | None = None) -> PostItem | None:
    """A ``Create`` or ``Announce`` activity from an outbox page; None for anything else or non-public."""
    typ = activity.get("type")
    if not _is_public(activity):
        return None
    if typ == "Announce":
        obj = activity.get("object")
        uri = obj if isinstance(obj, str) else (obj or {}).get("id")
        return PostItem(platform=PLATFORM, account=account, native_id=activity.get("id") or "",
                        url=activity.get("id"), created_at=utc_iso(activity.get("published")), kind="repost",
                        original_url=uri, extra={"original_uri": uri, "via": "activitypub"})
    if typ != "Create" or not isinstance(activity.get("object"), dict):
        return None
    note = activity["object"]
    tags = [t.get("name", "").lstrip("#") for t in note.get("tag") or [] if t.get("type") == "Hashtag"]
    extra: dict[str, Any] = {"via": "activitypub"}
    if note.get("summary"):
        extra["spoiler_text"] = note["summary"]
    if tags:
        extra["tags"] = tags
    if note.get("oneOf") or note.get("anyOf"):
        opts = note.get("oneOf") or note.get("anyOf")
        extra["poll"] = {"options": [o.get("name", "") for o in opts], "multiple": bool(note.get("anyOf"))}
    reply_to = note.get("inReplyTo")
    kind = "reply" if reply_to else "original"
    if reply_to and actor_id:
        extra["self_thread"] = str(reply_to).startswith(actor_id.rstrip("/") + "/")
    content_map = note.get("contentMap") or {}
    lang = next(iter(content_map), None) if isinstance(content_map, dict) else None
    return PostItem(
        platform=PLATFORM, account=account, native_id=note.get("id") or "", url=note.get("url") or note.get("id"),
        created_at=utc_iso(note.get("published")), kind=kind, text=html_to_text(note.get("content")),
        html=note.get("content"), lang=lang,
        media_alt=[a["name"] for a in note.get("attachment") or [] if isinstance(a, dict) and a.get("name")],
        reply_to=reply_to if kind == "reply" else None, edited_at=utc_iso(note.get("updated")), extra=extra,
    )
