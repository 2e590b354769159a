"""The persona's website under ``/blog/``: HTML pages, RSS 2.0, Atom, WordPress REST, sitemap, robots.

Page URLs: ``/blog/<slug>/`` for the hand-written pages, ``/blog/YYYY/MM/<key>/``
for dated posts. ``/blog/private/`` exists but robots.txt disallows it.
"""

from __future__ import annotations

from email.utils import format_datetime
from html import escape
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from selfaudit.sandbox.ids import iso_z
from selfaudit.sandbox.persona import Item
from selfaudit.sandbox.richtext import mastodon_html
from selfaudit.sandbox.wire import Ctx, Request, Response, html_response, json_response

__all__ = ["route", "page_url", "pages", "SLUGS", "PHOTO_PATH"]

SLUGS = {"p-about": "about", "p-aurora": "why-aurora", "p-consult": "coaching", "p-trip": "journal-de-mission"}
_STATIC = ("p-about", "p-consult")
_FEED_SIZE = 20
PHOTO_PATH = "/blog/wp-content/uploads/2024/05/convoy.jpg"
"""The geotagged photo in the mission journal (``p-trip``), as WordPress serves uploads (#13)."""


def page_url(ctx: Ctx, item: Item) -> str:
    """Canonical URL of a blog item, the store's native_id for web pages."""
    slug = SLUGS.get(item.key)
    return f"{ctx.base}/blog/{slug}/" if slug else f"{ctx.base}/blog/{item.created_at:%Y/%m}/{item.key}/"


def pages(ctx: Ctx) -> list[Item]:
    """Visible blog items, newest first."""
    return [i for i in ctx.persona.account_items("web") if ctx.visible(i)]


def _layout(ctx: Ctx, title: str, body: str, *, lang: str = "en") -> str:
    feeds = (f'<link rel="alternate" type="application/rss+xml" title="RSS" href="{ctx.base}/blog/feed/">'
             f'<link rel="alternate" type="application/atom+xml" title="Atom" href="{ctx.base}/blog/feed/atom/">'
             f'<link rel="https://api.w.org/" href="{ctx.base}/blog/wp-json/">')
    nav = (f'<nav><a href="{ctx.base}/blog/">Home</a> <a href="{ctx.base}/blog/about/">About</a> '
           f'<a href="{ctx.base}/@talia" rel="me">Mastodon</a> <a href="{ctx.base}/links/talia/">Links</a></nav>')
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)} | Talia '
            f"writes</title>{feeds}</head><body>{nav}<main>{body}</main></body></html>")


def _article(ctx: Ctx, item: Item) -> str:
    html = mastodon_html(item.text, base=ctx.base, mention_url=lambda _n: None)
    if item.key == "p-consult":
        html = (f'<img src="{ctx.base}/blog/media/un-emblem.png" alt="United Nations emblem">' + html)
    if item.key == "p-trip":  # a real photo, and the blog theme's icon that the audit must not fetch
        html += (f'<figure><img src="{ctx.base}{PHOTO_PATH}" width="900" height="560" alt="Départ">'
                 f'<img src="{ctx.base}/blog/media/pin.png" width="16" height="16" alt=""></figure>')
    return html


def _page(ctx: Ctx, item: Item) -> Response:
    body = (f'<article><h1>{escape(item.title)}</h1><time datetime="{iso_z(item.created_at)}">'
            f"{item.created_at:%d %B %Y}</time>{_article(ctx, item)}</article>"
            f'<link rel="canonical" href="{page_url(ctx, item)}">')
    return html_response(_layout(ctx, item.title, body, lang=item.lang))


def _index(ctx: Ctx, page: int, extra_links: list[tuple[str, str]]) -> Response:
    items = [i for i in pages(ctx) if i.key not in _STATIC]
    chunk = items[(page - 1) * 10:page * 10]
    if not chunk and page > 1:
        return html_response(_layout(ctx, "Not found", "<h1>Page not found</h1>"), status=404)
    rows = "".join(f'<li><a href="{page_url(ctx, i)}">{escape(i.title)}</a> '
                   f"<time>{i.created_at:%Y-%m-%d}</time></li>" for i in chunk)
    rows += "".join(f'<li><a href="{url}">{escape(label)}</a></li>' for url, label in extra_links)
    older = f'<a rel="next" href="{ctx.base}/blog/page/{page + 1}/">Older posts</a>' if len(items) > page * 10 else ""
    return html_response(_layout(ctx, "Talia writes", f"<h1>Talia writes</h1><ul>{rows}</ul>{older}"))


def _rss(ctx: Ctx) -> Response:
    items = "".join(
        f"<item><title>{xml_escape(i.title)}</title><link>{page_url(ctx, i)}</link>"
        f'<guid isPermaLink="true">{page_url(ctx, i)}</guid><pubDate>{format_datetime(i.created_at, usegmt=True)}'
        f"</pubDate><dc:creator>Talia</dc:creator><description>{xml_escape(i.text[:140])}</description>"
        f"<content:encoded><![CDATA[{_article(ctx, i)}]]></content:encoded></item>"
        for i in pages(ctx)[:_FEED_SIZE])
    xml = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
           'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
           f'xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Talia writes</title><link>{ctx.base}/blog/'
           f'</link><atom:link href="{ctx.base}/blog/feed/" rel="self" type="application/rss+xml"/>'
           f"<description>Notes from Puerto Alba and Marenzi</description><language>en</language>{items}"
           "</channel></rss>")
    return Response(200, xml.encode(), [("Content-Type", "application/rss+xml; charset=UTF-8")])


def _atom(ctx: Ctx) -> Response:
    recent = pages(ctx)[:_FEED_SIZE]
    updated = iso_z(recent[0].created_at) if recent else "2026-01-01T00:00:00Z"
    entries = "".join(
        f"<entry><id>{page_url(ctx, i)}</id><title>{xml_escape(i.title)}</title><updated>{iso_z(i.created_at)}"
        f'</updated><published>{iso_z(i.created_at)}</published><link rel="alternate" type="text/html" '
        f'href="{page_url(ctx, i)}"/><author><name>Talia</name></author>'
        f'<content type="html">{xml_escape(_article(ctx, i))}</content></entry>' for i in recent)
    xml = ('<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
           f"<id>{ctx.base}/blog/</id><title>Talia writes</title><updated>{updated}</updated>"
           f'<link rel="self" href="{ctx.base}/blog/feed/atom/"/><link rel="alternate" href="{ctx.base}/blog/"/>'
           f"{entries}</feed>")
    return Response(200, xml.encode(), [("Content-Type", "application/atom+xml; charset=UTF-8")])


def _wp_item(ctx: Ctx, item: Item, n: int) -> dict[str, Any]:
    date = item.created_at.strftime("%Y-%m-%dT%H:%M:%S")
    rendered = _article(ctx, item)
    return {"id": n, "date": date, "date_gmt": date, "guid": {"rendered": f"{ctx.base}/blog/?p={n}"},
            "modified": date, "modified_gmt": date, "slug": SLUGS.get(item.key, item.key),
            "status": "publish", "type": "page" if item.key in _STATIC else "post", "link": page_url(ctx, item),
            "title": {"rendered": escape(item.title)}, "content": {"rendered": rendered, "protected": False},
            "excerpt": {"rendered": f"<p>{escape(item.text[:120])}</p>", "protected": False}, "author": 1,
            "featured_media": 0, "comment_status": "closed", "ping_status": "closed", "sticky": False,
            "template": "", "format": "standard", "meta": [], "categories": [1], "tags": []}


def _wp(ctx: Ctx, req: Request, kind: str) -> Response:
    everything = ctx.persona.account_items("web")
    ids = {i.key: len(everything) - n for n, i in enumerate(everything)}
    items = [i for i in pages(ctx) if (i.key in _STATIC) == (kind == "pages")]
    try:
        per_page, page = int(req.arg("per_page", "10") or 10), int(req.arg("page", "1") or 1)
    except ValueError:
        per_page, page = 0, 0
    if not 1 <= per_page <= 100 or page < 1:
        return json_response({"code": "rest_invalid_param", "message": "Invalid parameter(s): per_page",
                              "data": {"status": 400, "params": {"per_page": "per_page must be between 1 (inclusive)"
                                                                 " and 100 (inclusive)"}}}, status=400)
    total_pages = max(1, -(-len(items) // per_page))
    if page > total_pages and items:
        return json_response({"code": "rest_post_invalid_page_number",
                              "message": "The page number requested is larger than the number of pages available.",
                              "data": {"status": 400}}, status=400)
    chunk = items[(page - 1) * per_page:page * per_page]
    headers = [("X-WP-Total", str(len(items))), ("X-WP-TotalPages", str(total_pages if items else 0))]
    return json_response([_wp_item(ctx, i, ids[i.key]) for i in chunk], headers=headers)


def _sitemap(ctx: Ctx, extra: list[str]) -> Response:
    urls = [f"{ctx.base}/blog/"] + [page_url(ctx, i) for i in pages(ctx)] + extra
    body = "".join(f"<url><loc>{xml_escape(u)}</loc></url>" for u in urls)
    xml = f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>'
    return Response(200, xml.encode(), [("Content-Type", "application/xml; charset=utf-8")])


def route(ctx: Ctx, req: Request, *, extra_links: list[tuple[str, str]] | None = None) -> Response | None:
    """Blog routes; ``extra_links`` are fault pages the index and sitemap should link to."""
    extra = extra_links or []
    path = req.path
    if path == "/robots.txt":
        text = f"User-agent: *\nDisallow: /blog/private/\n\nSitemap: {ctx.base}/sitemap.xml\n"
        return Response(200, text.encode(), [("Content-Type", "text/plain; charset=utf-8")])
    if path == "/sitemap.xml":
        return _sitemap(ctx, [u for u, _ in extra])
    if not path.startswith("/blog"):
        return None
    if path in ("/blog", "/blog/"):
        return _index(ctx, 1, extra)
    if path.startswith("/blog/page/"):
        num = path.split("/")[3]
        return _index(ctx, int(num), extra) if num.isdigit() and int(num) > 0 else None
    if path in ("/blog/feed/", "/blog/feed"):
        return _rss(ctx)
    if path in ("/blog/feed/atom/", "/blog/feed/atom"):
        return _atom(ctx)
    if path == PHOTO_PATH:
        from selfaudit.sandbox.pictures import blog_photo

        return Response(200, ctx.memo("w:photo", blog_photo), [("Content-Type", "image/jpeg")])
    if path.startswith("/blog/wp-json/wp/v2/"):
        kind = path.rstrip("/").rsplit("/", 1)[-1]
        return _wp(ctx, req, kind) if kind in ("posts", "pages") else json_response(
            {"code": "rest_no_route", "message": "No route was found matching the URL and request method.",
             "data": {"status": 404}}, status=404)
    if path == "/blog/private/":
        return html_response(_layout(ctx, "Drafts", "<h1>Drafts</h1><p>Not for search engines.</p>"))
    index = ctx.memo("w:index", lambda: {page_url(ctx, i).removeprefix(ctx.base): i
                                         for i in ctx.persona.account_items("web")})
    item = index.get(path if path.endswith("/") else path + "/")
    if item is None:
        return None
    if not ctx.visible(item):
        return html_response(_layout(ctx, "Gone", "<h1>This post was removed</h1>"), status=410)
    return _page(ctx, item)
