"""AT Protocol records (``listRecords`` / ``getRecord`` / ``getPosts`` JSON) to items.

Posts are keyed by their ``at://`` URI. Facets use UTF-8 byte offsets, so the
link/tag/mention text is cut from the encoded text, not from the str.
"""

from __future__ import annotations

import re
from typing import Any

from selfaudit.crawler.items import LinkItem, PostItem, ProfileItem
from selfaudit.crawler.parsers.common import find_email, utc_iso

from selfaudit.urlpolicy import refusal

__all__ = [
    "image_blobs",
    "fill_quoted",
    "fill_subject",
    "did_web_url",
    "handle_from_doc",
    "parse_feed_item",
    "parse_post_record",
    "parse_profile_record",
    "parse_subject_record",
    "pds_endpoint",
    "post_web_url",
    "profile_links",
    "split_at_uri",
]

PLATFORM = "bluesky"
POST = "app.bsky.feed.post"
REPOST = "app.bsky.feed.repost"
LIKE = "app.bsky.feed.like"
PROFILE = "app.bsky.actor.profile"


def pds_endpoint(doc: dict[str, Any], *, allow_loopback: bool = False) -> str | None:
    """The ``#atproto_pds`` service endpoint of a DID document, if the URL policy allows it.

    A DID document is written by whoever controls the identity (a liked post's
    author too), so its endpoint passes the same policy as any other URL.
    """
    for svc in doc.get("service") or []:
        if not isinstance(svc, dict):
            continue
        sid = str(svc.get("id", ""))
        if sid.endswith("#atproto_pds") and svc.get("type") == "AtprotoPersonalDataServer":
            endpoint = svc.get("serviceEndpoint")
            if isinstance(endpoint, str) and refusal(endpoint, allow_loopback=allow_loopback) is None:
                return endpoint.rstrip("/")
    return None


def did_web_url(did: str) -> str:
    """Where a ``did:web`` document lives: ``https://<host>/.well-known/did.json`` (http for loopback tests)."""
    host = did.removeprefix("did:web:").split(":")[0].replace("%3A", ":").replace("%3a", ":")
    scheme = "http" if host.split(":")[0] in ("127.0.0.1", "localhost", "[::1]") else "https"
    return f"{scheme}://{host}/.well-known/did.json"


def handle_from_doc(doc: dict[str, Any]) -> str | None:
    """The first ``at://`` handle in ``alsoKnownAs``."""
    for aka in doc.get("alsoKnownAs") or []:
        if isinstance(aka, str) and aka.startswith("at://"):
            return aka[5:]
    return None


def split_at_uri(uri: str) -> tuple[str, str, str]:
    """``at://did/collection/rkey`` to ``(did, collection, rkey)``."""
    parts = uri.removeprefix("at://").split("/")
    if len(parts) != 3:
        raise ValueError(f"not a record URI: {uri!r}")
    return parts[0], parts[1], parts[2]


def post_web_url(uri: str, *, handle: str | None = None) -> str:
    """The bsky.app permalink of a post URI."""
    did, _, rkey = split_at_uri(uri)
    return f"https://bsky.app/profile/{handle or did}/post/{rkey}"


def _facets(text: str, facets: list[dict[str, Any]] | None) -> dict[str, list[Any]]:
    raw = text.encode("utf-8")
    links: list[str] = []
    tags: list[str] = []
    mentions: list[str] = []
    for facet in facets or []:
        index = facet.get("index") or {}
        start, end = index.get("byteStart"), index.get("byteEnd")
        for feature in facet.get("features") or []:
            typ = feature.get("$type", "")
            if typ.endswith("#link") and feature.get("uri"):
                links.append(feature["uri"])
            elif typ.endswith("#tag") and feature.get("tag"):
                tags.append(feature["tag"])
            elif typ.endswith("#mention") and feature.get("did"):
                label = ""
                if isinstance(start, int) and isinstance(end, int):
                    label = raw[start:end].decode("utf-8", "replace")
                mentions.append({"did": feature["did"], "text": label})
    return {"links": links, "tags": tags, "mentions": mentions}


def image_blobs(embed: dict[str, Any]) -> list[str]:
    """CIDs of the image blobs of an images/gallery embed (``ref.$link``, or the legacy ``cid``)."""
    out = []
    for entry in embed.get("images") or embed.get("items") or []:
        blob = entry.get("image") if isinstance(entry, dict) else None
        if not isinstance(blob, dict) or not str(blob.get("mimeType") or "image/").startswith("image/"):
            continue
        ref = blob.get("ref")
        cid = ref.get("$link") if isinstance(ref, dict) else blob.get("cid")
        if isinstance(cid, str) and cid.isalnum() and len(cid) < 200:
            out.append(cid)
    return out


def _embed(embed: dict[str, Any] | None) -> tuple[list[str], dict[str, Any], str | None]:
    """``(alt texts, extra, quoted uri)`` from a post embed, tolerant of unknown types."""
    if not isinstance(embed, dict):
        return [], {}, None
    typ = embed.get("$type", "")
    alts: list[str] = []
    extra: dict[str, Any] = {}
    quoted: str | None = None
    if typ.startswith(("app.bsky.embed.images", "app.bsky.embed.gallery")):
        alts = [i.get("alt", "") for i in embed.get("images") or embed.get("items") or [] if i.get("alt")]
        if blobs := image_blobs(embed):
            extra["blobs"] = blobs  # fetched later through getBlob by the media spider (#13)
    elif typ.startswith("app.bsky.embed.video"):
        alts = [embed["alt"]] if embed.get("alt") else []
    elif typ.startswith("app.bsky.embed.external"):
        ext = embed.get("external") or {}
        extra["card"] = {"url": ext.get("uri"), "title": ext.get("title"), "description": ext.get("description")}
    elif typ.startswith("app.bsky.embed.recordWithMedia"):
        alts, extra, _ = _embed(embed.get("media"))
        quoted = ((embed.get("record") or {}).get("record") or {}).get("uri")
    elif typ.startswith("app.bsky.embed.record"):
        quoted = (embed.get("record") or {}).get("uri")
    return alts, extra, quoted


def parse_post_record(record: dict[str, Any], *, account: str, handle: str | None = None) -> PostItem:
    """A ``listRecords`` entry of ``app.bsky.feed.post`` to a post item."""
    uri: str = record["uri"]
    value: dict[str, Any] = record.get("value") or {}
    text = value.get("text") or ""
    facets = _facets(text, value.get("facets"))
    alts, extra, quoted = _embed(value.get("embed"))
    extra.update({k: v for k, v in facets.items() if v})
    extra["cid"] = record.get("cid")
    if value.get("labels"):
        extra["labels"] = [v.get("val") for v in (value["labels"].get("values") or [])]
    if value.get("tags"):
        extra["tags"] = [*extra.get("tags", []), *value["tags"]]
    reply = value.get("reply") or {}
    parent = (reply.get("parent") or {}).get("uri")
    did = split_at_uri(uri)[0]
    kind = "original"
    if parent:
        kind = "reply"
        extra["reply_root"] = (reply.get("root") or {}).get("uri")
        extra["self_thread"] = parent.startswith(f"at://{did}/")
    if quoted and kind == "original":
        kind = "quote"
    if quoted:
        extra["quoted_uri"] = quoted
    langs = value.get("langs") or []
    if langs:
        extra["langs"] = langs
    return PostItem(
        platform=PLATFORM, account=account, native_id=uri, url=post_web_url(uri, handle=handle),
        created_at=utc_iso(value.get("createdAt")), kind=kind, text=text, lang=langs[0] if langs else None,
        media_alt=alts, original_url=post_web_url(quoted) if quoted and quoted.count("/") == 4 else quoted,
        original_author=split_at_uri(quoted)[0] if quoted and quoted.count("/") == 4 else None,
        reply_to=parent, extra=extra,
    )


def parse_subject_record(record: dict[str, Any], *, account: str, kind: str) -> PostItem:
    """A ``repost`` or ``like`` record; text of the subject is filled in later."""
    uri: str = record["uri"]
    value = record.get("value") or {}
    subject = (value.get("subject") or {}).get("uri") or ""
    author = None
    url = None
    if subject.count("/") == 4 and subject.startswith("at://"):
        author = split_at_uri(subject)[0]
        url = post_web_url(subject)
    return PostItem(
        platform=PLATFORM, account=account, native_id=uri, url=url, created_at=utc_iso(value.get("createdAt")),
        kind=kind, original_author=author, original_url=url, extra={"subject_uri": subject, "cid": record.get("cid")},
    )


def fill_subject(item: PostItem, subject: dict[str, Any] | None, *, author_handle: str | None = None) -> PostItem:
    """Copy the text, alt text and language of a liked/reposted post into the item."""
    if not subject:
        item.extra["subject_missing"] = True
        return item
    value = subject.get("value") or subject.get("record") or {}
    item.text = value.get("text") or ""
    alts, extra, _ = _embed(value.get("embed"))
    item.media_alt = alts
    langs = value.get("langs") or []
    item.lang = langs[0] if langs else None
    facets = _facets(item.text, value.get("facets"))
    item.extra.update({k: v for k, v in {**facets, **extra}.items() if v})
    item.extra["subject_created_at"] = utc_iso(value.get("createdAt"))
    author = subject.get("author") or {}
    if author_handle or author.get("handle"):
        item.original_author = author_handle or author.get("handle")
        item.url = item.original_url = post_web_url(item.extra["subject_uri"], handle=item.original_author)
    return item


def fill_quoted(item: PostItem, subject: dict[str, Any] | None) -> PostItem:
    """Keep the quoted post's text beside a quote post (``extra.quoted_text``), for judging the endorsement."""
    value = (subject or {}).get("value") or (subject or {}).get("record")
    if isinstance(value, dict):
        item.extra["quoted_text"] = value.get("text") or ""
        author = (subject or {}).get("author") or {}
        if author.get("handle"):
            item.original_author = author["handle"]
    else:
        item.extra["quoted_missing"] = True
    return item


def parse_profile_record(value: dict[str, Any] | None, *, account: str, did: str) -> ProfileItem:
    """The ``app.bsky.actor.profile/self`` record to a profile item."""
    value = value or {}
    desc = value.get("description") or ""
    links = [u for u in _desc_links(desc)]
    if isinstance(value.get("website"), str) and value["website"] not in links:
        links.insert(0, value["website"])
    return ProfileItem(
        platform=PLATFORM, account=account, display_name=value.get("displayName") or None, bio=desc,
        links=links, email=find_email(desc), created_at=utc_iso(value.get("createdAt")),
        extra={"did": did, "pronouns": value.get("pronouns"), "pinned_post": (value.get("pinnedPost") or {}).get("uri")},
    )


def _desc_links(desc: str) -> list[str]:
    out: list[str] = []
    for m in re.finditer(r"(https?://[^\s<>\"')]+|(?<![\w@/.])(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/[^\s<>\"')]*)?)", desc):
        url = m.group(0).rstrip(".,;:!?")
        if not url.startswith("http"):
            url = "https://" + url
        if url not in out:
            out.append(url)
    return out


def profile_links(profile: ProfileItem) -> list[LinkItem]:
    """Link items for a Bluesky profile (website field and links in the description)."""
    return [LinkItem(platform=PLATFORM, account=profile.account, url=u, origin="bio") for u in profile.links]


def parse_feed_item(entry: dict[str, Any], *, account: str, did: str) -> PostItem | None:
    """An ``app.bsky.feed.getAuthorFeed`` entry (the AppView fallback)."""
    post = entry.get("post") or {}
    reason = entry.get("reason") or {}
    if not post.get("uri"):
        return None
    author = post.get("author") or {}
    if reason.get("$type", "").endswith("#reasonRepost"):
        item = PostItem(platform=PLATFORM, account=account,
                        native_id=f"{post['uri']}#repost-by-{did}", url=None,
                        created_at=utc_iso(reason.get("indexedAt")), kind="repost",
                        extra={"subject_uri": post["uri"], "via": "getAuthorFeed"})
        return fill_subject(item, {"value": post.get("record"), "author": author})
    if author.get("did") != did:
        return None
    item = parse_post_record({"uri": post["uri"], "cid": post.get("cid"), "value": post.get("record")},
                             account=account, handle=author.get("handle"))
    item.extra["via"] = "getAuthorFeed"
    return item
