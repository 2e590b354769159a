"""The one write path into the store, for the crawl and for archives alike.

Both routes build the same item dataclasses (``crawler/items.py``): the Scrapy
store pipeline buffers crawled items and the importer parses archives into
them. Both hand them to :func:`write_items`, which turns each item into the
store's row mapping in one way and writes them with the store's one write
method (``Store.save_gathered``), so a post crawled and the same post imported
become the same row (``source`` aside, which says where it came from).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from typing import Any

from selfaudit.crawler.items import LinkItem, PostItem, ProfileItem
from selfaudit.crawler.parsers.web import canonical_url

from selfaudit.store import Store, UpsertResult

__all__ = ["row", "write_items"]

_FIELDS: dict[type, tuple[str, ...]] = {cls: tuple(f.name for f in fields(cls)) for cls in (PostItem, ProfileItem, LinkItem)}


def row(item: PostItem | ProfileItem | LinkItem) -> dict[str, Any]:
    """An item as the store's row mapping: a shallow dict (``asdict`` deep-copies, seconds on a big crawl)."""
    return {name: getattr(item, name) for name in _FIELDS[type(item)]}


def write_items(store: Store, *, posts: Iterable[PostItem] = (), profiles: Iterable[ProfileItem] = (),
                links: Iterable[LinkItem] = ()) -> UpsertResult:
    """Write items in one transaction (joining the caller's, if one is open).

    Args:
        store: an open, writable store.
        posts: posts, reposts, likes and pages (any iterable; consumed once).
        profiles: profile snapshots.
        links: links found on profiles and pages.

    Returns:
        What the posts changed (inserted, updated, unchanged).
    """
    link_rows = [row(link) for link in links]
    with store.transaction():
        result = store.save_gathered(posts=(row(p) for p in posts), profiles=(row(p) for p in profiles),
                                     links=link_rows)
        # a link whose page is a third party's: a page stored from it by an older run is not the user's
        if context := [canonical_url(r["url"]) for r in link_rows if r["status"] == "context"]:
            store.forget_linked_pages(context)
    return result
