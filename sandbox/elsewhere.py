"""Pages the persona's bio links to that are not on her configured sites: whose are they?

``/press/aurora-rally/`` is a third party's page (a news article about a party
rally, linked from her Mastodon profile as "In the press"): the crawl keeps it
as a link with its title, never as her post. ``/cv/talia/`` is her own CV on
another part of the host, linked from the hub account, and it links back to
her Mastodon profile with ``rel="me"``: the crawl stores it as her page.
"""

from __future__ import annotations

from typing import Any

from selfaudit.sandbox.wire import Ctx, Request, Response, html_response

__all__ = ["route", "PRESS_PATH", "PRESS_PHOTO", "CV_PATH", "CV_PHOTO", "truth_rows"]

PRESS_PATH = "/press/aurora-rally/"
CV_PATH = "/cv/talia/"
CV_DATE = "2024-03-02T09:00:00Z"
PRESS_PHOTO = "/press/media/rally.jpg"
"""The article's photo: a third party's picture, never fetched (#13)."""
CV_PHOTO = "/cv/talia/river.jpg"
"""A plain picture on her own CV page: fetched and kept like her posts' pictures (#13)."""
PRESS_TITLE = "Thousands rally for Movimiento Aurora in Puerto Alba | Veloria Times"


def _press(ctx: Ctx) -> Response:
    return html_response(
        f"<!doctype html><html><head><meta charset=utf-8><title>{PRESS_TITLE}</title></head><body>"
        '<nav><a href="/press/">Veloria Times</a></nav><article><h1>Thousands rally for Movimiento Aurora</h1>'
        f'<img src="{PRESS_PHOTO}" width="800" height="500" alt="The rally">'
        "<p>Vote Aurora on Sunday: Lucía Ferrán told a packed square that Unión Nacional has failed Puerto Alba on "
        "housing and water. Volunteers knocked on doors all afternoon and collected donations for the campaign.</p>"
        f'<p>Local organisers, among them <a href="{ctx.base}/@talia">Talia Moreno-Haddad</a>, spoke of water '
        'shortages.</p><a href="/press/elections/">More election news</a></article></body></html>')


def _cv(ctx: Ctx) -> Response:
    return html_response(
        "<!doctype html><html><head><meta charset=utf-8><title>Talia Moreno-Haddad, CV</title>"
        f'<link rel="me" href="{ctx.base}/@talia"></head><body><main><h1>Talia Moreno-Haddad</h1>'
        f'<p>Updated <time datetime="{CV_DATE}">March 2024</time></p>'
        "<p>Urban water and sanitation. MSc Hydraulic Engineering, Universidad de Puerto Alba (2012). "
        "2012 to 2021: community water projects in Puerto Alba. Languages: Spanish, English, French, Arabic.</p>"
        f'<img src="{CV_PHOTO}" alt="The river at Puerto Alba">'
        f'<p>Elsewhere: <a rel="me" href="{ctx.base}/@talia">Mastodon</a> · '
        f'<a href="{ctx.base}/blog/">blog</a></p></main></body></html>')


def truth_rows(base: str) -> list[dict[str, Any]]:
    """The pages the crawl must store as the persona's own (the CV); the press article is not one.

    ``via: bio-link``: only a crawl that follows bio links (``bio_link_hops`` > 0) reads them.
    """
    return [{"key": CV_PATH, "platform": "web", "account": base + "/", "native_id": base + CV_PATH, "kind": "page",
             "created_at": CV_DATE, "lang": "en", "timing": "post-appointment", "concerns": [],
             "via": "bio-link"}]


def route(ctx: Ctx, req: Request) -> Response | None:
    """The press article and the CV; None for any other path."""
    if req.path == PRESS_PATH:
        return _press(ctx)
    if req.path == CV_PATH:
        return _cv(ctx)
    if req.path in (CV_PHOTO, PRESS_PHOTO):
        from selfaudit.sandbox.pictures import holiday_photo

        return Response(200, ctx.memo(f"e:{req.path}", lambda: holiday_photo(seed=3)), [("Content-Type", "image/jpeg")])
    return None
