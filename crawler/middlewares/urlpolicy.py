"""Every request of a crawl passes the URL policy, redirects included.

Scrapy sends a redirect's new request through the downloader middlewares
again, so this one check sees the first URL and every hop after it. A
redirect to another host is refused unless the request allows it
(``meta["offsite_redirects"]``: a bio link through a link shortener); the
account spiders stay on the hosts they were given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

from selfaudit.urlpolicy import refusal

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

__all__ = ["UrlPolicyMiddleware", "redirect_refusal"]


def redirect_refusal(first_url: str, url: str) -> str | None:
    """Why a redirect from ``first_url`` to ``url`` leaves the host it was sent to, or None."""
    before, after = urlsplit(first_url), urlsplit(url)
    if (before.hostname or "").lower() != (after.hostname or "").lower() or (before.port != after.port):
        return f"it redirects from {before.netloc} to another host, {after.netloc}"
    return None


class UrlPolicyMiddleware:
    """Refuse (``IgnoreRequest``) any request the URL policy does not allow."""

    def __init__(self, *, allow_loopback: bool = False, stats: object | None = None) -> None:
        self.allow_loopback = allow_loopback
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(allow_loopback=crawler.settings.getbool("SELFAUDIT_ALLOW_LOOPBACK"), stats=crawler.stats)

    def process_request(self, request: Request) -> None:
        why = refusal(request.url, allow_loopback=self.allow_loopback)
        redirects = request.meta.get("redirect_urls") or []
        if why is None and redirects and not request.meta.get("offsite_redirects"):
            why = redirect_refusal(str(redirects[0]), request.url)
        if why is not None:
            if self.stats is not None:
                self.stats.inc_value("selfaudit/refused_urls")  # type: ignore[attr-defined]
            raise IgnoreRequest(f"refused {request.url}: {why}")
