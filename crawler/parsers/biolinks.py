"""Bio links: classify a link, and read link-in-bio pages (Linktree ``__NEXT_DATA__``)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from selfaudit.crawler.items import LinkItem, PostItem
from selfaudit.crawler.parsers.common import utc_iso
from selfaudit.crawler.parsers.web import canonical_url, next_data

from selfaudit.urlpolicy import refusal

__all__ = ["SOCIAL_HOSTS", "classify_link", "parse_linktree"]

PLATFORM = "web"

# Hosts whose pages are someone's social profile or timeline: recorded, never crawled.
SOCIAL_HOSTS = frozenset({
    "twitter.com", "x.com", "facebook.com", "fb.com", "instagram.com", "threads.net", "threads.com",
    "linkedin.com", "tiktok.com", "youtube.com", "youtu.be", "bsky.app", "mastodon.social", "github.com",
    "reddit.com", "t.me", "wa.me", "pinterest.com", "snapchat.com", "twitch.tv", "medium.com",
})
_PROFILE_PATH = re.compile(r"^/(@[\w.-]+(@[\w.-]+)?|users/[\w.-]+|profile/[\w.:-]+|tags/[^/]+|hashtag/[^/]+)/?$",
                           re.IGNORECASE)


def classify_link(url: str, *, allow_loopback: bool = False) -> str:
    """``crawl`` for an ordinary page, ``profile`` for a social profile or timeline, ``skip`` for the rest.

    A profile is a known social host or a fediverse-looking path (``/@name``,
    ``/users/name``, ``/profile/name``, ``/tags/name``) on any host. Links the
    URL policy refuses (not http(s), private or link-local addresses) are ``skip``.
    """
    parts = urlsplit(url)
    if refusal(url, allow_loopback=allow_loopback) is not None or not parts.hostname:
        return "skip"
    host = parts.hostname.lower().removeprefix("www.").removeprefix("m.")
    if host in SOCIAL_HOSTS or any(host.endswith("." + h) for h in SOCIAL_HOSTS):
        return "profile"
    if _PROFILE_PATH.match(parts.path or "/"):
        return "profile"
    return "crawl"


def parse_linktree(html: str, *, url: str, account: str) -> tuple[PostItem, list[LinkItem]] | None:
    """A Linktree-style page (Next.js ``__NEXT_DATA__`` with ``pageProps.links``) to a page and its links.

    Returns None when the page does not carry that payload.
    """
    data = next_data(html)
    props: dict[str, Any] = ((data or {}).get("props") or {}).get("pageProps") or {}
    if not isinstance(props.get("links"), list):
        return None
    account_data = props.get("account") or {}
    title = props.get("username") or account_data.get("username") or ""
    desc = props.get("description") or account_data.get("description") or ""
    lines = [f"@{title}" if title else "", desc]
    links: list[LinkItem] = []
    for link in sorted(props["links"], key=lambda x: x.get("position", 0) if isinstance(x, dict) else 0):
        if not isinstance(link, dict):
            continue
        label = link.get("title") or ""
        if label:
            lines.append(label)
        target = link.get("url") or ""
        if target.startswith(("http://", "https://")):
            links.append(LinkItem(platform=PLATFORM, account=account, url=target, label=label, origin="page"))
    for social in props.get("socialLinks") or account_data.get("socialLinks") or []:
        target = (social or {}).get("url") or ""
        if target.startswith(("http://", "https://")):
            links.append(LinkItem(platform=PLATFORM, account=account, url=target,
                                  label=(social or {}).get("type"), origin="page"))
    canon = canonical_url(url)
    page = PostItem(
        platform=PLATFORM, account=account, native_id=canon, url=canon,
        created_at=utc_iso(account_data.get("createdAt")) if isinstance(account_data.get("createdAt"), str) else None,
        kind="page", text="\n".join(x for x in lines if x),
        extra={"title": title, "links": [li.url for li in links], "via": "linktree"},
    )
    return page, links
