"""Pictures of the posts already crawled (Mastodon ``media_attachments``, Bluesky blobs, the images of the
user's own web pages), fetched once each (#13).

Only the user's own posts name pictures to fetch: the posts of the crawled
accounts and configured sites, and the pages a profile links to that passed
the ownership test (``extra.owned_by``, found via one of these accounts). A
third party's page is never stored as a post, so its images are never fetched.

Runs after the account spiders in the same crawl child, with the same
settings: the URL policy, robots.txt, AutoThrottle and per-host concurrency
apply to every picture as to any page. A picture whose URL is already kept in
the store is never fetched again; at most ``SELFAUDIT_MEDIA_MAX`` are fetched
per run, and ``DOWNLOAD_MAXSIZE`` bounds each. A picture that cannot be
fetched is counted (``selfaudit/media_errors``), never an account error.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response
from selfaudit.crawler.items import MediaItem
from twisted.python.failure import Failure

from selfaudit.store import Store

__all__ = ["MediaSpider", "MEDIA_MAX", "wanted_media"]

MEDIA_MAX = 2000
"""Most pictures fetched in one crawl run (``SELFAUDIT_MEDIA_MAX``)."""


def wanted_media(db: str, owners: list[tuple[str, str]], *, limit: int = MEDIA_MAX) -> list[tuple[str, str, str, str]]:
    """``(platform, account, native_id, url)`` of the owners' post pictures not kept yet, oldest posts last.

    Args:
        db: the store.
        owners: ``(platform, handle)`` of the crawled accounts and configured sites.
        limit: the most returned.
    """
    wanted = set(owners)
    vouched = {f"{platform}:{handle}" for platform, handle in owners}
    out: list[tuple[str, str, str, str]] = []
    with Store.open(db) as store:
        for post in store.iter_posts():
            extra = post.get("extra") or {}
            owned_page = post["platform"] == "web" and bool(extra.get("owned_by")) and extra.get("found_via") in vouched
            if (post["platform"], post["account"]) not in wanted and not owned_page:
                continue
            for url in extra.get("media_urls") or []:
                if isinstance(url, str) and url.startswith(("https://", "http://")) and not store.has_media_origin(url):
                    out.append((post["platform"], post["account"], post["native_id"], url))
                    if len(out) >= limit:
                        return out
    return out


class MediaSpider(scrapy.Spider):
    """``scrapy crawl media -a accounts='[["mastodon","me@host"]]'``."""

    name = "media"
    wanted_media = staticmethod(wanted_media)

    def __init__(self, accounts: str = "[]", *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owners: list[tuple[str, str]] = [(str(p), str(h)) for p, h in json.loads(accounts)]

    async def start(self) -> AsyncIterator[Any]:
        limit = self.settings.getint("SELFAUDIT_MEDIA_MAX", MEDIA_MAX)
        for platform, account, native_id, url in wanted_media(self.settings.get("SELFAUDIT_DB"), self.owners,
                                                              limit=limit):
            yield scrapy.Request(url, callback=self.parse_media, errback=self.on_error,
                                 meta={"post": (platform, account, native_id)})

    def parse_media(self, response: Response) -> Iterator[MediaItem]:
        platform, account, native_id = response.meta["post"]
        ctype = response.headers.get("Content-Type", b"").decode("latin-1").lower()
        if not ctype.startswith("image/") or not response.body:
            self.crawler.stats.inc_value("selfaudit/media_skipped")
            return
        self.crawler.stats.inc_value("selfaudit/media_fetched")
        yield MediaItem(platform=platform, account=account, native_id=native_id, origin=response.request.url,
                        data=response.body)

    def on_error(self, failure: Failure) -> None:
        self.crawler.stats.inc_value("selfaudit/media_errors")
