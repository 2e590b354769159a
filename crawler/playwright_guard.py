"""What a rendered page may load: its own host's documents and scripts, nothing else.

A page rendered for its links must not send data elsewhere (hostile pages
try), so every request of every frame is judged against the page's top
frame: another host, a scheme other than http(s), an address the URL policy
refuses, or heavy media is aborted. Only the top frame's first navigation
(the URL Scrapy already checked, and redirects that stay on its host) may
start from ``about:blank``; an ``<iframe>`` whose frame is still
``about:blank`` is not a first navigation. Pop-ups (``window.open``) are
closed as they open, and the context aborts every request no page route
claimed (a pop-up's, a service worker's).
"""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import urlsplit

from selfaudit.urlpolicy import refusal

__all__ = ["RENDER_META", "abort_request", "guard_page", "render_meta", "should_abort"]

_HEAVY = frozenset({"image", "media", "font"})


def should_abort(url: str, *, page_url: str, resource_type: str, first_navigation: bool = False) -> bool:
    """Whether a browser request should be refused.

    Args:
        url: the request's URL.
        page_url: the URL of the page's top frame (``about:blank`` before it loaded).
        resource_type: Playwright's resource type (``document``, ``script``, ``image``...).
        first_navigation: the top frame's own first navigation (the URL Scrapy sent).
    """
    # loopback is judged by Scrapy's check of the first URL: here only the same host may follow it
    if refusal(url, allow_loopback=True) is not None:
        return True
    if resource_type in _HEAVY:
        return True
    if first_navigation:
        return False
    if not page_url.startswith(("http://", "https://")):
        return True
    return urlsplit(url).netloc.lower() != urlsplit(page_url).netloc.lower()


def _first_navigation(request: Any, frame: Any, top: Any) -> bool:
    """The top frame's first navigation, or a redirect of it that stays on the first URL's host."""
    if frame != top or not request.is_navigation_request() or top.url.startswith(("http://", "https://")):
        return False
    first = request
    while first.redirected_from is not None:
        first = first.redirected_from
    return urlsplit(first.url).netloc.lower() == urlsplit(request.url).netloc.lower()


def abort_request(request: Any) -> bool:
    """``PLAYWRIGHT_ABORT_REQUEST`` hook for scrapy-playwright."""
    try:
        frame = request.frame
        top = frame.page.main_frame
        first = _first_navigation(request, frame, top)
        page_url = top.url
    except Exception:  # a request without a frame or page (service worker): refuse
        return True
    return should_abort(request.url, page_url=page_url, resource_type=request.resource_type, first_navigation=first)


async def _abort_route(route: Any) -> None:
    await route.abort()


async def _close(page: Any) -> None:
    await page.close()


async def guard_page(page: Any, request: Any) -> None:
    """``playwright_page_init_callback``: close pop-ups, abort what no page route claims."""
    context = page.context
    if not getattr(context, "_selfaudit_guarded", False):
        context._selfaudit_guarded = True
        await context.route("**", _abort_route)  # page routes take precedence: this catches pop-ups
    page.on("popup", lambda popup: asyncio.ensure_future(_close(popup)))


# A page that builds itself with fetch() after load: wait for its network to settle, then for content
# (links, or some text), each bounded, so a slow data endpoint is waited for and a silent page is not.
SETTLE_MS = 15_000
CONTENT_MS = 10_000
_CONTENT_JS = ("() => { const b = document.body; if (!b) return false;"
               " return b.querySelectorAll('a[href]').length > 0 || b.innerText.trim().length >= 80; }")


async def settle(page: Any, settle_ms: int = SETTLE_MS, content_ms: int = CONTENT_MS) -> None:
    """Wait (bounded) until the page's network is idle and its content has appeared."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    try:
        await page.wait_for_load_state("networkidle", timeout=settle_ms)
    except PlaywrightTimeout:
        pass  # a page that polls for ever: read what is there after the bound
    try:
        await page.wait_for_function(_CONTENT_JS, timeout=content_ms)
    except PlaywrightTimeout:
        pass


RENDER_META: dict[str, Any] = {"playwright": True, "playwright_page_init_callback": "selfaudit.crawler.playwright_guard.guard_page"}


def render_meta(**extra: Any) -> dict[str, Any]:
    """Request meta that renders a page with Chromium behind this guard, read once it has settled."""
    from scrapy_playwright.page import PageMethod

    return {**RENDER_META, "playwright_page_methods": [PageMethod(settle)], **extra}
