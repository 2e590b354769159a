"""Websites, blogs and link-in-bio pages: the root as a profile, then every entry as a page.

Entries come from the WordPress REST API (posts and pages, with its paging
headers), the feeds and the sitemap; each is kind ``page``, keyed by its
canonical URL, so it is stored once however it was found. Everything stays
under the configured root (same host, same path prefix) and stops at the page
limit. The pages the home page's navigation links to (About, Now, Contact
first) are read as well, since no feed lists them. Only the root is ever rendered with Chromium, and only when it is an
empty JavaScript shell.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.http import Response
from selfaudit.crawler.items import LinkItem, ProfileItem
from selfaudit.crawler.parsers import biolinks as blp
from selfaudit.crawler.parsers import sitepages
from selfaudit.crawler.parsers import web as wp
from selfaudit.crawler.parsers.common import find_email
from selfaudit.crawler.playwright_guard import render_meta
from selfaudit.crawler.spiders.base import AccountSpider, StreamPlan
from twisted.python.failure import Failure

__all__ = ["WebSpider"]

PER_PAGE = 100


class WebSpider(AccountSpider):
    """``scrapy crawl web -a handle=https://site.example/``."""

    name = "web"
    platform = "web"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.root = self.handle_spec.url or self.account
        self.seen: set[str] = set()
        self.queued: set[str] = set()
        self.pending_pages: list[str] = []
        self.feeds: list[str] = []
        self.home_links: list[str] = []
        self.wp_api = ""
        self.outstanding = 0
        self.fetched = 0
        self.open_enum = 0
        self.site: StreamPlan | None = None
        self.complete = True
        self.needs_render = False

    @property
    def page_limit(self) -> int:
        return self.settings.getint("SELFAUDIT_PAGE_LIMIT", 200)

    @property
    def can_render(self) -> bool:
        return self.settings.getbool("SELFAUDIT_JAVASCRIPT") and "scrapy_playwright" in str(
            self.settings.getdict("DOWNLOAD_HANDLERS"))

    async def start(self) -> AsyncIterator[Any]:
        self.load_memory()
        self.site = self.plan("site", kinds=("page",))
        if self.site.full:  # save pass_started so that a resumed full pass can still mark gone pages
            yield self.checkpoint(self.site, "started", done=False)
        self.open_enum = 1
        if self.handle_spec.kind == "feed":
            yield scrapy.Request(self.root, callback=self.parse_feed, errback=self.on_enum_error)
        else:
            yield scrapy.Request(self.root, callback=self.parse_home, errback=self.on_enum_error)

    # ---------------------------------------------------------- the root
    def parse_home(self, response: Response) -> Iterator[Any]:
        html = response.text
        shell = not response.meta.get("playwright") and wp.needs_javascript(html)
        if shell and self.can_render:
            self.crawler.stats.inc_value("selfaudit/rendered")
            yield response.request.replace(dont_filter=True, meta=render_meta())
            return
        if shell and self.settings.getbool("SELFAUDIT_JAVASCRIPT"):
            self.needs_render = True  # the crawl runs this site again with a browser; no half profile now
        else:
            yield from self._profile(html, response)
        self.feeds = [f for f in wp.discover_feeds(html, base=response.url) if wp.in_scope(f, self.root)]
        self.home_links = [u for u, _ in wp.page_links(html, url=response.url) if wp.in_scope(u, self.root)]
        origin = f"{urlsplit(self.root).scheme}://{urlsplit(self.root).netloc}/"
        api = wp.wp_api_root(html, base=response.url)
        if api is None and self.root != origin and not self.feeds:
            # a single page (a link-in-bio page), not a site: nothing more to enumerate
            yield from self._enum_done()
            return
        self.wp_api = api or urljoin(self.root, "wp-json/")
        self.open_enum += 2
        yield self._wp_request("posts", 1)
        yield self._wp_request("pages", 1)
        for sitemap in dict.fromkeys([urljoin(self.root, "sitemap.xml"), urljoin(origin, "sitemap.xml")]):
            self.open_enum += 1
            yield scrapy.Request(sitemap, callback=self.parse_sitemap, errback=self.on_enum_error, dont_filter=True)
        yield from self._enum_done()

    def _profile(self, html: str, response: Response) -> Iterator[Any]:
        tree = blp.parse_linktree(html, url=response.url, account=self.account)
        if tree is not None:
            page, links = tree
            title = page.extra.get("title") or ""
            profile = ProfileItem(platform="web", account=self.account, display_name=title or None,
                                  bio=page.text, links=[li.url for li in links], email=find_email(html, page.text),
                                  extra={"via": "linktree"})
        else:
            page = wp.parse_page(html, url=response.url, account=self.account)
            urls = [(u, label) for u, label in wp.page_links(html, url=response.url)]
            links = [LinkItem(platform="web", account=self.account, url=u, label=label, origin="bio")
                     for u, label in urls if not wp.in_scope(u, self.root) or blp.classify_link(u) == "profile"]
            profile = ProfileItem(platform="web", account=self.account, display_name=page.extra.get("title") or None,
                                  bio=page.text, links=[u for u, _ in urls], created_at=page.created_at,
                                  email=find_email(html, page.text),
                                  extra={"rendered": bool(response.meta.get("playwright"))})
        yield profile
        for link in links:
            yield LinkItem(platform="web", account=self.account, url=link.url, label=link.label, origin="bio")

    # ---------------------------------------------------------- enumeration
    def _wp_request(self, kind: str, page: int) -> scrapy.Request:
        # an incremental run usually finds a few new entries: small pages, stop at the first known one
        size = PER_PAGE if self.site is not None and self.site.full else 10
        url = urljoin(self.wp_api, f"wp/v2/{kind}?per_page={size}&page={page}")
        return scrapy.Request(url, callback=self.parse_wp, errback=self.on_enum_error, dont_filter=True,
                              cb_kwargs={"kind": kind, "page": page}, meta={"handle_httpstatus_list": [400, 401, 403, 404]})

    def parse_wp(self, response: Response, kind: str, page: int) -> Iterator[Any]:
        data = self.json_of(response) if response.status == 200 else None
        if isinstance(data, list):
            fresh = [i for i in wp.parse_wp_posts(data, account=self.account) if wp.in_scope(i.native_id, self.root)]
            new, met = self.split_known(fresh)
            yield from self._fresh(fresh if self.site and self.site.full else new)
            total = int(response.headers.get("X-WP-TotalPages", b"0") or 0)
            if data and page < total and not (met and kind == "posts" and not (self.site and self.site.full)):
                self.open_enum += 1
                yield self._wp_request(kind, page + 1)
        yield from self._enum_done()

    def parse_feed(self, response: Response) -> Iterator[Any]:
        items = [i for i in wp.parse_feed(response.body, account=self.account, base=response.url)
                 if self.handle_spec.kind == "feed" or wp.in_scope(i.native_id, self.root)]
        yield from self._fresh(items)
        yield from self._enum_done()

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        pages, children = wp.parse_sitemap(response.body)
        for child in children:
            if wp.same_site(child, self.root):
                self.open_enum += 1
                yield scrapy.Request(child, callback=self.parse_sitemap, errback=self.on_enum_error)
        self._queue([p for p in pages if wp.in_scope(p, self.root)])
        yield from self._enum_done()

    def on_enum_error(self, failure: Failure) -> Iterator[Any]:
        response = getattr(failure.value, "response", None)
        if response is None or response.status >= 500:
            self.complete = False
            yield from self.on_error(failure)
        yield from self._enum_done()

    def _enum_done(self) -> Iterator[Any]:
        """Called once per finished enumeration request; after the last one, feeds then pages."""
        self.open_enum -= 1
        if self.open_enum > 0:
            return
        if self.feeds:  # feeds only add what the API and sitemap missed; read them last
            feeds, self.feeds = self.feeds, []
            self.open_enum += len(feeds)
            for feed in feeds:
                yield scrapy.Request(feed, callback=self.parse_feed, errback=self.on_enum_error, dont_filter=True)
            return
        # the site's own pages its navigation links to (About / Now / Contact first), even when a feed,
        # the API or the sitemap listed the entries: an About page is often in none of them (#14)
        self._queue(sitepages.own_pages(self.home_links, root=self.root))
        self.pending_pages.sort(key=sitepages.page_priority)
        yield from self._next_pages()

    # --------------------------------------------------------------- pages
    def _fresh(self, items: list[Any]) -> list[Any]:
        out = []
        for item in items:
            if item.native_id not in self.seen:
                self.seen.add(item.native_id)
                out.append(item)
        return out

    def _queue(self, urls: list[str]) -> None:
        root = wp.canonical_url(self.root)
        for url in urls:
            canon = wp.canonical_url(url)
            if canon in self.seen or canon in self.queued or canon == root:
                continue
            if canon in self.known and not (self.site and self.site.full):
                continue
            self.queued.add(canon)
            self.pending_pages.append(canon)

    def _next_pages(self) -> Iterator[Any]:
        for url in self.pending_pages:
            if url in self.seen:
                continue
            if self.fetched >= self.page_limit:
                self.complete = False
                break
            self.fetched += 1
            self.outstanding += 1
            yield scrapy.Request(url, callback=self.parse_page, errback=self.on_page_error)
        self.pending_pages = []
        if self.outstanding == 0:
            yield from self._finish()

    def parse_page(self, response: Response) -> Iterator[Any]:
        self.outstanding -= 1
        if "html" in response.headers.get("Content-Type", b"text/html").decode("latin-1").lower():
            yield from self._fresh([wp.parse_page(response.text, url=response.url, account=self.account)])
        if self.outstanding == 0:
            yield from self._finish()

    def on_page_error(self, failure: Failure) -> Iterator[Any]:
        self.outstanding -= 1
        response = getattr(failure.value, "response", None)
        if response is None or response.status not in (404, 410):
            self.complete = False
            yield from self.on_error(failure)
        if self.outstanding == 0:
            yield from self._finish()

    def _finish(self) -> Iterator[Any]:
        if self.site is not None:
            plan, self.site = self.site, None
            plan.full = plan.full and self.complete
            yield self.checkpoint(plan, None, done=True)
