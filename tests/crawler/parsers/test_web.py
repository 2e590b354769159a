"""Web parsing: feeds, WordPress REST JSON, sitemaps, main text, JavaScript shells, link-in-bio pages."""

from __future__ import annotations

import json
from pathlib import Path

from selfaudit.crawler.parsers import biolinks as blp
from selfaudit.crawler.parsers import web as wp
from selfaudit.crawler.parsers.common import html_to_text, utc_iso

RSS = b"""<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Blog</title><link>https://site.example/</link>
<item><title>First &amp; best</title><link>https://site.example/2024/first/</link>
<guid>https://site.example/?p=1</guid><pubDate>Tue, 03 Jun 2003 09:39:21 GMT</pubDate>
<content:encoded><![CDATA[<p>Hello <a href="/x">there</a></p><script>alert(1)</script>]]></content:encoded></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<id>urn:x</id><updated>2024-05-02T10:00:00+02:00</updated>
<entry><id>urn:1</id><title>Atom entry</title><link rel="alternate" href="https://site.example/a"/>
<published>2024-05-01T10:00:00+02:00</published><updated>2024-05-02T10:00:00+02:00</updated>
<content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry></feed>"""


def test_utc_iso_forms() -> None:
    assert utc_iso("2026-08-01T13:52:34.108Z") == "2026-08-01T13:52:34Z"
    assert utc_iso("2019-11-10T10:31:10.744+02:00") == "2019-11-10T08:31:10Z"
    assert utc_iso("2024-05-01T12:00:00.123456789Z") == "2024-05-01T12:00:00Z"
    assert utc_iso("Tue, 03 Jun 2003 09:39:21 GMT") == "2003-06-03T09:39:21Z"
    assert utc_iso("2024-05-01T12:00:00") == "2024-05-01T12:00:00Z"
    assert utc_iso("yesterday") is None and utc_iso(None) is None


def test_rss_entry() -> None:
    [item] = wp.parse_feed(RSS, account="https://site.example/", base="https://site.example/")
    assert item.native_id == "https://site.example/2024/first/"
    assert item.kind == "page" and item.created_at == "2003-06-03T09:39:21Z"
    assert item.text.startswith("First & best") and "Hello there" in item.text and "alert" not in item.text
    assert item.extra["links"] == ["https://site.example/x"]


def test_atom_entry_dates_in_utc() -> None:
    [item] = wp.parse_feed(ATOM, account="s", base="https://site.example/")
    assert (item.created_at, item.edited_at) == ("2024-05-01T08:00:00Z", "2024-05-02T08:00:00Z")


def test_wordpress_posts() -> None:
    data = [{"id": 5, "date": "2024-05-01T14:00:00", "date_gmt": "2024-05-01T12:00:00",
             "modified_gmt": "2024-05-01T12:00:00", "link": "https://site.example/hello/#top",
             "title": {"rendered": "Hello &amp; welcome"}, "content": {"rendered": "<p>Text</p>"}}]
    [item] = wp.parse_wp_posts(data, account="s")
    assert item.native_id == "https://site.example/hello/"
    assert item.created_at == "2024-05-01T12:00:00Z" and item.edited_at is None
    assert item.text == "Hello & welcome\n\nText" and item.extra["wp_id"] == 5


def test_sitemap_and_index() -> None:
    urlset = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url><loc>https://site.example/a</loc></url><url><loc>https://site.example/b</loc></url></urlset>"""
    index = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>https://site.example/s1.xml</loc></sitemap></sitemapindex>"""
    assert wp.parse_sitemap(urlset) == (["https://site.example/a", "https://site.example/b"], [])
    assert wp.parse_sitemap(index) == ([], ["https://site.example/s1.xml"])
    assert wp.parse_sitemap(b"<not xml") == ([], [])


def test_main_text_drops_chrome_and_scripts() -> None:
    html = """<html><head><title>About me</title><meta property="article:published_time" content="2021-09-05T10:00:00+00:00">
    <link rel="alternate" type="application/rss+xml" href="/feed/"></head><body><nav>Home | Blog</nav>
    <article><h1>About me</h1><p>I work at the UN.</p><script>document.write('x')</script></article>
    <footer>(c)</footer></body></html>"""
    page = wp.parse_page(html, url="https://Site.Example:443/about/#me", account="s")
    assert page.native_id == "https://site.example/about/"
    assert page.text == "About me\n\nI work at the UN."
    assert page.created_at == "2021-09-05T10:00:00Z" and page.kind == "page"
    assert wp.discover_feeds(html, base="https://site.example/") == ["https://site.example/feed/"]


def test_javascript_shell_detection() -> None:
    shell = '<html><body><div id="root"></div><script src="/app.js"></script></body></html>'
    static = "<html><body><p>" + "Plenty of real text here. " * 10 + "</p><script></script></body></html>"
    nextjs = '<html><body><div id="__next"></div><script id="__NEXT_DATA__" type="application/json">{}</script></body></html>'
    assert wp.needs_javascript(shell) is True
    assert wp.needs_javascript(static) is False
    assert wp.needs_javascript(nextjs) is False


def test_scope_stays_under_root_path() -> None:
    assert wp.in_scope("http://127.0.0.1:8000/blog/2024/x", "http://127.0.0.1:8000/blog/")
    assert not wp.in_scope("http://127.0.0.1:8000/api/v1/x", "http://127.0.0.1:8000/blog/")
    assert not wp.in_scope("https://other.example/blog/", "https://site.example/blog/")


def test_linktree_page(samples: Path) -> None:
    data = json.loads((samples / "linktree" / "example_data.json").read_text())
    html = f'<html><body><script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}</script></body></html>'
    parsed = blp.parse_linktree(html, url="https://linktr.ee/kaiserlol", account="https://linktr.ee/")
    assert parsed is not None
    page, links = parsed
    assert page.kind == "page" and page.native_id == "https://linktr.ee/kaiserlol"
    assert "My Bio" in page.text and "Blog" in page.text
    urls = [link.url for link in links]
    assert "https://blog.kaiser.lol/" in urls and "https://twitter.com/sometwitteruser" in urls
    assert not any(u.startswith("mailto:") for u in urls)
    assert blp.parse_linktree("<html></html>", url="https://x/", account="a") is None


def test_classify_links() -> None:
    assert blp.classify_link("https://twitter.com/someone") == "profile"
    assert blp.classify_link("https://mastodon.example/@someone") == "profile"
    assert blp.classify_link("https://bsky.app/profile/x.test") == "profile"
    assert blp.classify_link("https://blog.kaiser.lol/") == "crawl"
    assert blp.classify_link("mailto:a@b") == "skip"


def test_html_to_text_keeps_paragraphs() -> None:
    assert html_to_text("<p>a</p><p>b<br>c</p>") == "a\n\nb\nc"
