"""Websites and blogs: feeds, WordPress REST, sitemaps and the main text of pages."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup
from lxml import etree
from selfaudit.crawler.items import PostItem
from selfaudit.crawler.parsers.common import html_links, html_to_text, same_site, utc_iso

__all__ = [
    "COMMON_FEED_PATHS",
    "wp_api_root",
    "in_scope",
    "next_data",
    "site_root",
    "canonical_url",
    "discover_feeds",
    "needs_javascript",
    "page_images",
    "page_links",
    "parse_feed",
    "parse_page",
    "parse_sitemap",
    "parse_wp_posts",
]

PLATFORM = "web"
COMMON_FEED_PATHS = ("feed/", "feed.xml", "rss.xml", "atom.xml", "index.xml")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/json")
PAGE_IMAGES_MAX = 20
"""Most pictures kept per page: a gallery page is still one post (#13)."""
_ICON_SIDE = 48  # an <img> declared this small or smaller is an icon, an emoji or a tracking pixel
_NOT_PHOTOS = (".svg", ".svgz", ".ico")
_TRACKER_HOSTS = ("pixel.wp.com", "stats.wp.com", "www.facebook.com", "www.google-analytics.com",
                  "gravatar.com", "secure.gravatar.com", "feeds.feedburner.com", "pixel.quantserve.com")


def canonical_url(url: str) -> str:
    """Drop the fragment and default ports; lower-case scheme and host; keep query."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port in (None, 80 if parts.scheme == "http" else 443) else f"{host}:{port}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def discover_feeds(html: str, *, base: str) -> list[str]:
    """Feed URLs announced by ``<link rel="alternate">`` on the home page."""
    soup = BeautifulSoup(html, "lxml")
    out: list[str] = []
    for link in soup.find_all("link", href=True):
        rel = link.get("rel") or []
        rels = rel if isinstance(rel, list) else str(rel).split()
        if "alternate" in [r.lower() for r in rels] and (link.get("type") or "").lower() in _FEED_TYPES[:3]:
            url = urljoin(base, str(link["href"]))
            if url not in out and "comments" not in url:
                out.append(url)
    return out


def wp_api_root(html: str, *, base: str) -> str | None:
    """The WordPress REST root a page announces (``<link rel="https://api.w.org/">``), if any."""
    soup = BeautifulSoup(html, "lxml")
    for link in soup.find_all("link", href=True):
        rel = link.get("rel") or []
        rels = rel if isinstance(rel, list) else str(rel).split()
        if "https://api.w.org/" in rels:
            href = urljoin(base, str(link["href"]))
            return href if href.endswith("/") else href + "/"
    return None


def parse_feed(body: bytes, *, account: str, base: str) -> list[PostItem]:
    """RSS 2.0 / Atom entries (feedparser) to posts keyed by their canonical link.

    Every web item is kind ``page`` (a blog entry and a static page are the
    same thing to the audit), so a URL met in a feed and in the sitemap is one row.
    """
    import feedparser

    parsed = feedparser.parse(body)
    out: list[PostItem] = []
    for entry in parsed.entries:
        link = entry.get("link") or entry.get("id")
        if not link:
            continue
        url = canonical_url(urljoin(base, link))
        html = ""
        if entry.get("content"):
            html = entry["content"][0].get("value", "")
        html = html or entry.get("summary", "")
        # plain dict access: feedparser warns when "updated" is read on an entry without it
        updated = dict.get(entry, "updated")
        published = dict.get(entry, "published")
        created = published or updated
        title = entry.get("title") or ""
        text = html_to_text(html)
        out.append(PostItem(
            platform=PLATFORM, account=account, native_id=url, url=url, created_at=utc_iso(created),
            kind="page", text=f"{title}\n\n{text}".strip() if title else text, html=html or None,
            edited_at=utc_iso(updated) if published and updated != published else None,
            extra=_with_images({"title": title, "tags": [t.get("term") for t in entry.get("tags") or [] if t.get("term")],
                                "links": [u for u, _ in html_links(html, base=url)], "via": "feed"}, html, url),
        ))
    return out


def parse_wp_posts(data: list[dict[str, Any]], *, account: str) -> list[PostItem]:
    """WordPress ``/wp-json/wp/v2/posts`` JSON to ``page`` posts; ``date_gmt`` is UTC without a zone."""
    out: list[PostItem] = []
    for post in data:
        if not isinstance(post, dict) or not post.get("link"):
            continue
        title = html_to_text((post.get("title") or {}).get("rendered"))
        html = (post.get("content") or {}).get("rendered") or ""
        url = canonical_url(post["link"])
        created = utc_iso(post.get("date_gmt")) or utc_iso(post.get("date"))
        modified = utc_iso(post.get("modified_gmt"))
        out.append(PostItem(
            platform=PLATFORM, account=account, native_id=url, url=url, created_at=created, kind="page",
            text=f"{title}\n\n{html_to_text(html)}".strip(), html=html or None,
            edited_at=modified if modified and modified != created else None,
            extra=_with_images({"title": title, "wp_id": post.get("id"),
                                "links": [u for u, _ in html_links(html, base=url)], "via": "wordpress"}, html, url),
        ))
    return out


def parse_sitemap(body: bytes) -> tuple[list[str], list[str]]:
    """``(page urls, child sitemap urls)`` from a sitemap or sitemap index."""
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return [], []
    locs = [(el.getparent().tag if el.getparent() is not None else "", (el.text or "").strip())
            for el in root.iter("{*}loc")]
    pages = [u for parent, u in locs if u and not str(parent).endswith("sitemap")]
    children = [u for parent, u in locs if u and str(parent).endswith("sitemap")]
    return pages, children


_MAIN_SELECTORS = ("article", "main", "[role=main]", "#content", ".entry-content", ".post-content")


def parse_page(html: str, *, url: str, account: str) -> PostItem:
    """A web page to a ``page`` item with its main text.

    The main text is the first ``article``/``main`` region if present, else the
    body without navigation, header, footer and asides. Scripts are dropped,
    never run.
    """
    soup = BeautifulSoup(html, "lxml")
    title = (soup.title.get_text(" ").strip() if soup.title else "") or ""
    for bad in soup(["script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form"]):
        bad.decompose()
    region = None
    for sel in _MAIN_SELECTORS:
        region = soup.select_one(sel)
        if region and region.get_text(strip=True):
            break
        region = None
    region = region or soup.body or soup
    region_html = str(region)
    meta: dict[str, str] = {}
    for m in BeautifulSoup(html, "lxml").find_all("meta"):
        key = m.get("property") or m.get("name")
        if key in ("article:published_time", "article:modified_time", "date", "description", "og:title"):
            meta[str(key)] = str(m.get("content") or "")
    time_el = region.find("time", datetime=True) if hasattr(region, "find") else None
    created = utc_iso(meta.get("article:published_time") or meta.get("date")
                      or (str(time_el["datetime"]) if time_el else None))
    canon = canonical_url(url)
    text = html_to_text(region_html)
    return PostItem(
        platform=PLATFORM, account=account, native_id=canon, url=canon, created_at=created, kind="page",
        text=f"{title}\n\n{text}".strip() if title and title not in text[:200] else text, html=None,
        edited_at=utc_iso(meta.get("article:modified_time")),
        extra=_with_images({"title": title, "links": [u for u, _ in html_links(region_html, base=url)]},
                           region_html, url),
    )


def _side(value: Any) -> int | None:
    match = re.match(r"\s*(\d+)\s*(px)?\s*$", str(value or ""))
    return int(match.group(1)) if match else None


def _largest_source(srcset: str) -> str:
    """The widest candidate of a ``srcset`` (``url 640w, url 1280w``); '' when none is readable."""
    best, best_w = "", -1.0
    for part in srcset.split(","):
        bits = part.split()
        if not bits:
            continue
        size = bits[1] if len(bits) > 1 else "1x"
        try:
            width = float(size[:-1]) if size[-1:] in ("w", "x") else -1.0
        except ValueError:
            width = -1.0
        if width > best_w:
            best, best_w = bits[0], width
    return best


def page_images(html: str | None, *, base: str) -> list[str]:
    """The photos a post or page shows: absolute ``http(s)`` URLs of its ``<img>``, at most ``PAGE_IMAGES_MAX``.

    Pictures are fetched later by the media spider (#13), through the same URL
    policy as any page. Kept: ``src`` (or the lazy-loading ``data-src``), the
    widest ``srcset`` candidate when there is no ``src``. Left out: ``data:`` and
    other schemes, URLs with a user name, SVG and icons, an ``<img>`` declared
    48 px or smaller on either side (icons, emoji, tracking pixels) and known
    tracker and avatar hosts.
    """
    if not html:
        return []
    out: list[str] = []
    for img in BeautifulSoup(html, "lxml").find_all("img"):
        if any((side := _side(img.get(attr))) is not None and side <= _ICON_SIDE for attr in ("width", "height")):
            continue
        sources = [str(img.get(attr) or "").strip() for attr in ("src", "data-src", "data-lazy-src")]
        sources += [_largest_source(str(img.get(attr) or "")) for attr in ("srcset", "data-srcset")]
        raw = next((u for u in sources if u and not u.lower().startswith("data:")), "")
        if not raw:
            continue
        try:
            url = urljoin(base, raw)
            parts = urlsplit(url)
        except ValueError:
            continue
        host = (parts.hostname or "").lower()
        if (parts.scheme.lower() not in ("http", "https") or not host or "@" in parts.netloc
                or parts.path.lower().endswith(_NOT_PHOTOS) or host in _TRACKER_HOSTS):
            continue
        if url not in out:
            out.append(url)
            if len(out) >= PAGE_IMAGES_MAX:
                break
    return out


def _with_images(extra: dict[str, Any], html: str | None, base: str) -> dict[str, Any]:
    """``extra`` with ``media_urls`` when the content shows pictures (the key the media spider reads)."""
    if images := page_images(html, base=base):
        extra["media_urls"] = images
    return extra


def page_links(html: str, *, url: str) -> list[tuple[str, str]]:
    """All http(s) links of a page, absolute, with their labels."""
    return html_links(html, base=url)


def needs_javascript(html: str) -> bool:
    """Whether a page is an empty shell that only JavaScript fills.

    True when the visible text is tiny while scripts are present, or when a
    typical app root (``#root``, ``#app``, ``#__next``) is empty. Pages whose
    data ships inline (Next.js ``__NEXT_DATA__``) are readable without a browser.
    """
    soup = BeautifulSoup(html, "lxml")
    if soup.find("script", id="__NEXT_DATA__"):
        return False
    scripts = soup.find_all("script")
    for root_id in ("root", "app", "__next", "__nuxt", "svelte"):
        node = soup.find(id=root_id)
        if node is not None and not node.get_text(strip=True) and scripts:
            return True
    for bad in soup(["script", "style", "noscript", "template"]):
        bad.decompose()
    text = soup.get_text(" ", strip=True)
    return bool(scripts) and len(text) < 80


def next_data(html: str) -> dict[str, Any] | None:
    """The JSON of a Next.js ``__NEXT_DATA__`` script, if any."""
    match = re.search(r'<script[^>]*id="__NEXT_DATA__"[^>]*>(.*?)</script>', html, re.DOTALL)
    if not match:
        return None
    try:
        data = json.loads(match.group(1))
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def in_scope(url: str, root: str) -> bool:
    """Whether ``url`` is on the site ``root``: same host and port, under the root's path."""
    if not same_site(url, root):
        return False
    base = urlsplit(root).path or "/"
    base = base if base.endswith("/") else base.rsplit("/", 1)[0] + "/"
    return (urlsplit(url).path or "/").startswith(base)


def site_root(url: str) -> str:
    """``scheme://host[:port]/`` of a URL: the canonical web account key of a page met by a bio link."""
    parts = urlsplit(canonical_url(url))
    return urlunsplit((parts.scheme, parts.netloc, "/", "", ""))
