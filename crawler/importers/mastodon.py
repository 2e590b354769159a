"""Mastodon account archive (``archive-<date>-<hex>.tar.gz``): outbox, actor and likes to records.

Activities are mapped by the crawler's own ActivityPub parser so that a status
imported here and one crawled from the API share their key (the Note ``id``).
Direct messages are dropped; followers-only posts are kept and marked.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from selfaudit.crawler.importers.errors import CorruptArchiveError
from selfaudit.crawler.importers.records import Bundle, archived, link, load_json, post
from selfaudit.crawler.importers.source import ArchiveSource
from selfaudit.crawler.items import PostItem
from selfaudit.crawler.parsers.mastodon import parse_actor, parse_outbox_item

__all__ = ["PLATFORM", "find_root", "account_of", "visibility", "parse_outbox", "parse_likes", "parse_archive"]

PLATFORM = "mastodon"
_PUBLIC = {"https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"}


def find_root(names: list[str]) -> str | None:
    """The folder holding ``outbox.json`` and ``actor.json``, or None."""
    found = set(names)
    for name in names:
        if name == "outbox.json" or name.endswith("/outbox.json"):
            root = name[: -len("outbox.json")]
            if root + "actor.json" in found:
                return root
    return None


def account_of(actor: dict[str, Any]) -> str:
    """``user@host`` of an actor document (host of its id)."""
    user = actor.get("preferredUsername")
    host = urlsplit(str(actor.get("id") or "")).netloc.lower()
    if not user or not host:
        raise ValueError("actor.json has no preferredUsername or id")
    return f"{user}@{host}"


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value or [] if isinstance(v, str)]


def visibility(activity: dict[str, Any]) -> str:
    """public, unlisted, private (followers-only) or direct, from the addressing."""
    to, cc = _as_list(activity.get("to")), _as_list(activity.get("cc"))
    if _PUBLIC & set(to):
        return "public"
    if _PUBLIC & set(cc):
        return "unlisted"
    if any(x.endswith("/followers") for x in to + cc):
        return "private"
    return "direct"


def parse_outbox(outbox: dict[str, Any], *, account: str, actor_id: str | None) -> tuple[list[PostItem], int]:
    """Post items of ``outbox.json`` and the number of direct messages left out."""
    posts: list[PostItem] = []
    dropped = 0
    for activity in outbox.get("orderedItems") or []:
        if not isinstance(activity, dict):
            continue
        vis = visibility(activity)
        if vis == "direct":
            dropped += 1
            continue
        # the shared parser keeps only public items; the archive owner's followers-only posts count too
        shown = {**activity, "to": ["https://www.w3.org/ns/activitystreams#Public"]}
        item = parse_outbox_item(shown, account=account, actor_id=actor_id)
        if item is None or not item.native_id:
            continue
        archived(item).extra.update({"visibility": vis, "via": "archive"})
        obj = activity.get("object") if isinstance(activity.get("object"), dict) else {}
        if files := [a["url"] for a in obj.get("attachment") or [] if isinstance(a, dict) and isinstance(a.get("url"), str)]:
            item.extra["media"] = files  # paths inside the archive (media_attachments/...), #13
        posts.append(item)
    return posts, dropped


def parse_likes(likes: dict[str, Any], *, account: str) -> list[PostItem]:
    """``likes.json``: bare status URIs, keyed ``like:<uri>`` (no date, no text in the archive)."""
    return [post(platform=PLATFORM, account=account, native_id=f"like:{uri}", url=uri, created_at=None,
                 kind="like", original_url=uri, extra={"liked_uri": uri})
            for uri in likes.get("orderedItems") or [] if isinstance(uri, str) and uri]


def parse_archive(source: ArchiveSource, root: str, *, progress: Any = None) -> list[Bundle]:
    """All records of a Mastodon archive found under ``root``."""
    arch = str(source.path)
    names = set(source.names())
    actor = load_json(source.read(root + "actor.json"), archive=arch, name=root + "actor.json")
    outbox = load_json(source.read(root + "outbox.json"), archive=arch, name=root + "outbox.json")
    if not isinstance(actor, dict) or not isinstance(outbox, dict):
        raise CorruptArchiveError(f"{arch}: actor.json or outbox.json is not a JSON object")
    try:
        account = account_of(actor)
    except ValueError as exc:
        raise CorruptArchiveError(f"{arch}: {exc}") from exc
    posts, dropped = parse_outbox(outbox, account=account, actor_id=actor.get("id"))
    if progress:
        progress("reading outbox", 1, 2)
    if root + "likes.json" in names:
        likes = load_json(source.read(root + "likes.json"), archive=arch, name=root + "likes.json")
        posts += parse_likes(likes if isinstance(likes, dict) else {}, account=account)
    prof = archived(parse_actor(actor, account=account))
    prof.extra.pop("outbox", None)
    links = [link(platform=PLATFORM, account=account, url=u, origin="bio") for u in prof.links]
    notes = [f"{dropped} direct messages were left out"] if dropped else []
    if progress:
        progress("reading outbox", 2, 2)
    return [Bundle(PLATFORM, account, posts=posts, profiles=[prof], links=links, notes=notes)]
