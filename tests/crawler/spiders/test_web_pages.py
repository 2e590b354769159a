"""A site's own pages that no feed lists (About / Now / Contact) are read, within its scope and page limit."""

from __future__ import annotations

from pathlib import Path

from selfaudit.crawler.parsers.sitepages import own_pages
from selfaudit.crawler.runner import build_job

from selfaudit.config import CrawlConfig, Settings
from selfaudit.handles import parse_handle
from selfaudit.store import Store
from tests.crawler.loopsite import Site, html, run_child, serve

NAV = ('<nav><a href="/site/">Home</a><a href="/site/projects/">Projects</a><a href="/site/tag/travel/">Travel</a>'
       '<a href="/site/page/2/">Older</a><a href="/site/contact/">Contact</a><a href="/site/about/">About</a>'
       '<a href="/site/now/">Now</a><a href="/elsewhere/">Off the site</a><a href="/site/feed.xml">RSS</a></nav>')


def _feed(base: str) -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Site</title><link>{base}/site/</link>'
            f"<item><title>Hello</title><link>{base}/site/2024/hello/</link><guid>{base}/site/2024/hello/</guid>"
            "<pubDate>Mon, 01 Jul 2024 10:00:00 GMT</pubDate><description>Hello world</description></item>"
            "</channel></rss>").encode()


def _crawl(tmp: Path, *, page_limit: int) -> tuple[Site, dict[str, str]]:
    site = Site()
    with serve(site):
        site.routes.update({
            "/site/": html(NAV + '<link rel="alternate" type="application/rss+xml" href="/site/feed.xml">'
                           "<p>Welcome to my corner of the web, where I write about travel and work.</p>"),
            "/site/feed.xml": (200, {"Content-Type": "application/rss+xml"}, _feed(site.base)),
            "/site/about/": html("<main><p>I work at the United Nations Development Programme.</p></main>"),
            "/site/now/": html("<main><p>Now: learning Portuguese.</p></main>"),
            "/site/contact/": html("<main><p>Write to me.</p></main>"),
            "/site/projects/": html("<main><p>Projects.</p></main>"),
            "/site/tag/travel/": html("<p>listing</p>"), "/site/page/2/": html("<p>listing</p>"),
        })
        settings = Settings(accounts=(parse_handle(site.base + "/site/"),), data_dir=tmp,
                            crawl=CrawlConfig(fast=True, javascript=False, bio_link_hops=0, page_limit=page_limit))
        run_child(build_job(settings, fast=True, full=False, run_id=0, accounts=settings.accounts), tmp)
    with Store.open(settings.db_path) as store:
        return site, {p["url"].removeprefix(site.base): p["text"] for p in store.iter_posts()}


def test_about_now_contact_are_read_even_with_a_feed(tmp_path: Path) -> None:
    site, posts = _crawl(tmp_path, page_limit=200)
    assert "United Nations Development Programme" in posts["/site/about/"]
    assert {"/site/now/", "/site/contact/", "/site/projects/", "/site/2024/hello/"} <= set(posts)
    assert not {"/site/tag/travel/", "/site/page/2/", "/elsewhere/"} & set(site.log)


def test_the_page_limit_keeps_about_now_contact_first(tmp_path: Path) -> None:
    site, posts = _crawl(tmp_path, page_limit=3)
    assert {"/site/about/", "/site/now/", "/site/contact/"} <= set(posts)
    assert "/site/projects/" not in site.log


def test_own_pages_stay_on_the_site_and_skip_listings() -> None:
    root = "https://me.example/blog/"
    links = [root, "https://me.example/blog/projects/", "https://me.example/blog/about/",
             "https://me.example/blog/category/x/", "https://me.example/blog/feed/", "https://me.example/shop/",
             "https://other.example/blog/about/", "https://me.example/blog/cv.pdf", "https://me.example/blog/?p=3",
             "https://me.example/blog/a-propos/"]
    assert own_pages(links, root=root) == ["https://me.example/blog/about/", "https://me.example/blog/a-propos/",
                                           "https://me.example/blog/projects/"]
