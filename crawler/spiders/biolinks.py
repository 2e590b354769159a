"""Bio links: pages linked from the user's profiles, followed a configurable number of hops.

Links to social profiles (other people's or the user's own) are recorded,
never crawled; pages of the user's configured websites are left to the web
spider. A page that is an empty JavaScript shell is fetched again through
Chromium (scrapy-playwright); nothing else is rendered.

A link's hop is kept in the store with it (0 on a profile, N on a page N
links away), so every run reads the same pages: a link found on a hop-1 page
is never taken for a profile link by the next run. A page the profile links
to directly (hop 1) is stored as one of the user's pages only when it passes
the ownership test (``parsers/ownership.py``: the user's configured site, their
link-in-bio page, or a ``rel="me"`` link back to one of their accounts, as
Mastodon verifies links). Any other page is a third party's (a news article,
a friend's site): the link keeps its title as context (status ``context``),
its text is never stored nor judged, and its links are never followed. Pages
further away (hop 2+, from the user's own pages) are context too: their links
are recorded, their text is never judged as the user's.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response
from selfaudit.crawler.items import AccountStatusItem, LinkItem
from selfaudit.crawler.parsers import biolinks as blp
from selfaudit.crawler.parsers import ownership
from selfaudit.crawler.parsers import web as wp
from selfaudit.crawler.playwright_guard import render_meta
from twisted.python.failure import Failure

from selfaudit.store import Store

__all__ = ["BiolinksSpider"]

_FOLLOW_ORIGINS = ("bio", "field", "facet", "page")


class BiolinksSpider(scrapy.Spider):
    """``scrapy crawl biolinks -a accounts='[["mastodon","me@host"]]' [-a skip='["https://my.blog/"]']``."""

    name = "biolinks"

    def __init__(self, accounts: str = "[]", skip: str = "[]", *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owners: list[tuple[str, str]] = [(str(p), str(h)) for p, h in json.loads(accounts)]
        self.skip_roots: list[str] = [str(u) for u in json.loads(skip)]
        self.done: set[str] = set()
        self.needs_render = False

    @staticmethod
    def crawlable_links(db: str, owners: list[tuple[str, str]], skip_roots: list[str], *, hops: int = 1,
                        allow_loopback: bool = False) -> list[dict[str, Any]]:
        """The owners' recorded links this spider would fetch (none: the crawl can skip it).

        Args:
            db: the store.
            owners: ``(platform, handle)`` of the accounts whose links are followed.
            skip_roots: the user's configured sites (the web spider reads them).
            hops: how many links away from a profile pages are read.
            allow_loopback: the run named a loopback server (the URL policy).
        """
        wanted = set(owners)
        with Store.open(db) as store:
            links = [link for link in store.links() if (link["platform"], link["account"]) in wanted
                     and link["origin"] in _FOLLOW_ORIGINS and int(link.get("hop") or 0) < hops]
        return [link for link in links if blp.classify_link(link["url"], allow_loopback=allow_loopback) == "crawl"
                and not any(wp.in_scope(link["url"], root) for root in skip_roots)]

    @property
    def hops(self) -> int:
        return self.settings.getint("SELFAUDIT_BIO_HOPS", 1)

    @property
    def allow_loopback(self) -> bool:
        return self.settings.getbool("SELFAUDIT_ALLOW_LOOPBACK")

    async def start(self) -> AsyncIterator[Any]:
        if self.hops < 1:
            return
        for link in self.crawlable_links(self.settings.get("SELFAUDIT_DB"), self.owners, self.skip_roots,
                                         hops=self.hops, allow_loopback=self.allow_loopback):
            hop = int(link.get("hop") or 0) + 1
            request = self._request(link["url"], owner=(link["platform"], link["account"]), hop=hop,
                                    origin=str(link["origin"]))
            if request is not None:
                yield request

    def _skipped(self, url: str) -> bool:
        return any(wp.in_scope(url, root) for root in self.skip_roots)

    def _request(self, url: str, *, owner: tuple[str, str], hop: int, origin: str = "page",
                 render: bool = False) -> scrapy.Request | None:
        canon = wp.canonical_url(url)
        if (blp.classify_link(canon, allow_loopback=self.allow_loopback) != "crawl" or self._skipped(canon)
                or (canon in self.done and not render)):
            return None
        self.done.add(canon)
        # the link it came from, to mark it crawled; a shortener may redirect (each hop passes the URL policy)
        meta: dict[str, Any] = {"owner": owner, "hop": hop, "link": (url, origin), "offsite_redirects": True}
        if render:
            meta.update(render_meta(playwright_include_page=False))
        return scrapy.Request(canon, callback=self.parse_page, errback=self.on_error, meta=meta, dont_filter=render)

    def parse_page(self, response: Response) -> Iterator[Any]:
        owner: tuple[str, str] = response.meta["owner"]
        hop: int = response.meta["hop"]
        ctype = response.headers.get("Content-Type", b"text/html").decode("latin-1").lower()
        if "html" not in ctype:
            return
        html = response.text
        rendered = bool(response.meta.get("playwright"))
        if not rendered and self.settings.getbool("SELFAUDIT_JAVASCRIPT") and wp.needs_javascript(html):
            if "scrapy_playwright" not in str(self.settings.getdict("DOWNLOAD_HANDLERS")):
                self.needs_render = True  # the crawl runs this spider again with a browser
                return
            self.crawler.stats.inc_value("selfaudit/rendered")
            link_url, link_origin = response.meta.get("link", (response.url, "page"))
            request = self._request(response.url, owner=owner, hop=hop, origin=link_origin, render=True)
            if request is not None:
                request.meta["link"] = (link_url, link_origin)
                yield request
                return
        link_url, link_origin = response.meta.get("link", (response.url, "page"))
        owned_by = ownership.ownership(response.url, html, owners=self.owners, sites=self.skip_roots) if hop == 1 else None
        if hop == 1 and owned_by is None:  # a third party's page: a link with its title, nothing more
            self.crawler.stats.inc_value("selfaudit/third_party_pages")
            yield LinkItem(platform=owner[0], account=owner[1], url=link_url, origin=link_origin, status="context",
                           label=ownership.page_title(html) or None, hop=hop - 1)
            return
        account = wp.site_root(response.url)
        tree = blp.parse_linktree(html, url=response.url, account=account)
        if tree is not None:
            page, links = tree
        else:
            page = wp.parse_page(html, url=response.url, account=account)
            links = [LinkItem(platform="web", account=account, url=u, label=label, origin="page")
                     for u, label in wp.page_links(html, url=response.url)]
        # links found on pages are the owner's, so no new account appears for every linked site; each keeps
        # the hop of the page it was found on, so the next run does not read one hop further
        links = [LinkItem(platform=owner[0], account=owner[1], url=li.url, label=li.label, origin="page", hop=hop)
                 for li in links]
        if hop == 1:  # the page the profile links to: the user's own (a link page, a personal site)
            page.extra["found_via"] = f"{owner[0]}:{owner[1]}"
            page.extra["rendered"] = rendered
            page.extra["hop"] = hop
            page.extra["owned_by"] = owned_by
            yield page
        else:  # someone else's page: context for the account, never judged as the user's post
            self.crawler.stats.inc_value("selfaudit/context_pages")
        yield LinkItem(platform=owner[0], account=owner[1], url=link_url, origin=link_origin, status="crawled",
                       hop=hop - 1)
        for link in links:
            yield link
            if hop < self.hops and (request := self._request(link.url, owner=owner, hop=hop + 1)) is not None:
                yield request

    def on_error(self, failure: Failure) -> Iterator[Any]:
        request = failure.request  # type: ignore[attr-defined]
        owner = request.meta.get("owner", ("web", "?"))
        response = getattr(failure.value, "response", None)
        what = f"HTTP {response.status}" if response is not None else failure.getErrorMessage()
        self.crawler.stats.inc_value("selfaudit/errors")
        yield AccountStatusItem(platform=owner[0], account=owner[1], error=f"bio link {request.url}: {what}")
