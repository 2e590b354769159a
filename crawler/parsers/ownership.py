"""Whose page is it? The ownership test for a page a profile links to (bio links, hop 1).

A link in a bio proves only that the user pointed at a page, not that the page
is theirs: a news article or a friend's site is someone else's words. Like
Mastodon's link verification, a page counts as the user's own only when

- ``site``: it is on a site the user named in the config (inside a configured
  website's scope, or on the domain of a Bluesky domain handle, which the user
  proved to control);
- ``link-in-bio``: it is the user's link-in-bio page for one of their handles
  (``linktr.ee/<name>`` and the like, or a Linktree-shaped page whose user name
  is the handle's);
- ``rel-me``: it links back to one of the user's accounts with ``rel="me"``, or,
  on a link-in-bio page, lists the account among its social links (the
  service's equivalent of ``rel="me"``).

Everything else is a third party's page: kept as a link with its title
(context), never stored or judged as the user's posts, never followed further.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html
from selfaudit.crawler.parsers.web import canonical_url, in_scope, next_data

from selfaudit.errors import HandleError
from selfaudit.handles import parse_handle

__all__ = ["LINK_IN_BIO_HOSTS", "account_of", "claimed_links", "ownership", "page_title"]

# Link-in-bio services whose page for a user is ``https://<host>/<name>``.
LINK_IN_BIO_HOSTS = frozenset({
    "linktr.ee", "lnk.bio", "bio.link", "beacons.ai", "campsite.bio", "linkin.bio", "solo.to", "taplink.cc",
    "allmylinks.com", "linkpop.com", "hoo.be", "milkshake.app", "linkfly.to", "biolinky.co",
})
_MASTODON_USERS_PATH = re.compile(r"^/users/([A-Za-z0-9_][A-Za-z0-9_.-]*)/?$")
_TITLE_MAX = 300


def _tree(html: str) -> Any:
    try:
        return lxml_html.fromstring(html) if html and html.strip() else None
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return None


def page_title(html: str) -> str:
    """The page's ``<title>`` (or first ``<h1>``), whitespace collapsed; '' when it has none."""
    root = _tree(html)
    if root is None:
        return ""
    for path in ("//title", "//h1"):
        found = root.xpath(path)
        if found:
            text = " ".join(found[0].text_content().split())
            if text:
                return text[:_TITLE_MAX]
    return ""


def claimed_links(html: str, *, url: str) -> list[str]:
    """The accounts a page says belong to its author: ``rel="me"`` links and a link-in-bio page's social links."""
    out: list[str] = []
    root = _tree(html)
    if root is not None:
        for el in root.iter("a", "link"):
            rels = str(el.get("rel") or "").lower().split()
            href = (el.get("href") or "").strip()
            if "me" in rels and href:
                out.append(urljoin(url, href))
    props = _linktree_props(html)
    for social in props.get("socialLinks") or (props.get("account") or {}).get("socialLinks") or []:
        target = social.get("url") if isinstance(social, dict) else None
        if isinstance(target, str) and target.startswith(("http://", "https://")):
            out.append(target)
    return [u for u in dict.fromkeys(out) if urlsplit(u).scheme in ("http", "https")]


def _linktree_props(html: str) -> dict[str, Any]:
    props = (((next_data(html) or {}).get("props") or {}).get("pageProps")) or {}
    return props if isinstance(props, dict) and isinstance(props.get("links"), list) else {}


def account_of(url: str) -> tuple[str, str] | None:
    """``(platform, handle)`` of the account a profile URL names, ``("web", root)`` for any other page.

    Mastodon's ``/users/<name>`` form is read as well as ``/@<name>``; plain
    ``http`` links are read as their ``https`` twin (only the identity matters).
    """
    for candidate in (url, re.sub(r"^http://", "https://", url, flags=re.IGNORECASE)):
        try:
            spec = parse_handle(candidate)
        except HandleError:
            continue
        if spec.platform != "web":
            return spec.platform, spec.handle.lower()
        parts = urlsplit(canonical_url(url))
        if match := _MASTODON_USERS_PATH.match(parts.path):
            return "mastodon", f"{match.group(1)}@{parts.netloc}".lower()
        return "web", canonical_url(url).rstrip("/")
    return None


def _names(owners: Iterable[tuple[str, str]]) -> set[str]:
    """The user names of the accounts: what a link-in-bio page for the handle is called."""
    names: set[str] = set()
    for platform, handle in owners:
        if platform == "mastodon":
            names.add(handle.split("@", 1)[0].lower())
        elif platform == "bluesky" and not handle.startswith("did:"):
            names.add(handle.split(".", 1)[0].lower())
        elif platform != "web":
            names.add(handle.lstrip("@").lower())
    return names


def _domains(owners: Iterable[tuple[str, str]]) -> set[str]:
    """Hosts the user proved to control: the domains of Bluesky domain handles."""
    return {h.lower() for p, h in owners if p == "bluesky" and not h.startswith("did:")}


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def ownership(url: str, html: str, *, owners: Iterable[tuple[str, str]], sites: Iterable[str]) -> str | None:
    """Why the page at ``url`` is the user's own (``site``, ``link-in-bio``, ``rel-me``), None when it is not.

    Args:
        url: the page's address (after redirects).
        html: the page (rendered, when it needed JavaScript).
        owners: ``(platform, handle)`` of the user's accounts (not websites).
        sites: the root URLs of the user's configured websites.
    """
    owners, sites = list(owners), list(sites)
    if any(in_scope(url, root) for root in sites) or _host(url) in _domains(owners):
        return "site"
    names = _names(owners)
    first = next((s for s in urlsplit(url).path.split("/") if s), "").lstrip("@").lower()
    props = _linktree_props(html)
    username = str(props.get("username") or (props.get("account") or {}).get("username") or "").lower()
    if names and ((_host(url) in LINK_IN_BIO_HOSTS and first in names) or (props and username in names)):
        return "link-in-bio"
    mine = {(p, h.lower()) for p, h in owners} | {("web", canonical_url(r).rstrip("/")) for r in sites}
    if any(account_of(link) in mine for link in claimed_links(html, url=url)):
        return "rel-me"
    return None
