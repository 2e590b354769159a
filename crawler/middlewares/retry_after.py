"""Honour HTTP 429: wait as long as the server asks, then try again.

The wait comes from ``Retry-After`` (seconds or an HTTP date), else from the
rate-limit reset headers (Mastodon ``X-RateLimit-Reset`` is an ISO timestamp,
AT Protocol ``RateLimit-Reset`` epoch seconds). It is capped so that a hostile
server cannot stall the crawl forever.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

__all__ = ["RetryAfterMiddleware", "retry_after_seconds"]


def _header(response_headers: dict[str, str], name: str) -> str | None:
    for key, value in response_headers.items():
        if key.lower() == name.lower():
            return value
    return None


def retry_after_seconds(headers: dict[str, str], *, now: float, default: float) -> float:
    """Seconds to wait from 429 response headers; ``default`` when none say.

    Args:
        headers: response headers as ``{name: value}`` (any case).
        now: the current epoch time.
        default: the wait when the server gives no hint.
    """
    value = _header(headers, "Retry-After")
    if value:
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - now)
        except (TypeError, ValueError):
            pass
    for name in ("RateLimit-Reset", "X-RateLimit-Reset"):
        value = _header(headers, name)
        if not value:
            continue
        value = value.strip()
        try:
            if value.replace(".", "", 1).isdigit():
                num = float(value)
                return max(0.0, num - now if num > 1e9 else num)
            stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
            if stamp.tzinfo is None:
                stamp = stamp.replace(tzinfo=UTC)
            return max(0.0, stamp.timestamp() - now)
        except ValueError:
            continue
    return default


class RetryAfterMiddleware:
    """Re-issue a request answered with 429 after the wait the server asked for."""

    def __init__(self, *, max_wait: float = 300.0, default_wait: float = 5.0, max_times: int = 5,
                 stats: object | None = None) -> None:
        self.max_wait = max_wait
        self.default_wait = default_wait
        self.max_times = max_times
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        max_wait = settings.getfloat("SELFAUDIT_MAX_RETRY_AFTER", 300.0)
        return cls(max_wait=max_wait, default_wait=min(5.0, max_wait), max_times=settings.getint("RETRY_TIMES", 4) + 1,
                   stats=crawler.stats)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status != 429:
            return response
        tries = int(request.meta.get("selfaudit_429", 0))
        if tries >= self.max_times:
            return response
        headers = {k.decode("latin-1"): v[0].decode("latin-1") for k, v in response.headers.items() if v}
        wait = min(self.max_wait, retry_after_seconds(headers, now=time.time(), default=self.default_wait))
        if self.stats is not None:
            self.stats.inc_value("selfaudit/429")  # type: ignore[attr-defined]
        await asyncio.sleep(wait)
        retry = request.replace(dont_filter=True)
        retry.meta["selfaudit_429"] = tries + 1
        return retry
