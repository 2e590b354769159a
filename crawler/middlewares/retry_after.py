"""Honour HTTP 429: wait as long as the server asks, then try again.

The wait comes from ``Retry-After`` (seconds or an HTTP date), else from the
rate-limit reset headers (Mastodon ``X-RateLimit-Reset`` is an ISO timestamp,
AT Protocol ``RateLimit-Reset`` epoch seconds). Each wait is capped, and so is
the total wait per host: once a host has used its budget, its requests fail at
once with a clear message (the account's status says so) and the crawl goes
on with the other accounts, so a hostile server cannot stall it for long.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Self
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

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
                 max_total: float = 600.0, stats: object | None = None,
                 sleep: Callable[[float], Awaitable[object]] = asyncio.sleep) -> None:
        self.max_wait = max_wait
        self.default_wait = default_wait
        self.max_times = max_times
        self.max_total = max_total
        self.stats = stats
        self.sleep = sleep
        self.waited: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        max_wait = settings.getfloat("SELFAUDIT_MAX_RETRY_AFTER", 300.0)
        return cls(max_wait=max_wait, default_wait=min(5.0, max_wait), max_times=settings.getint("RETRY_TIMES", 4) + 1,
                   max_total=settings.getfloat("SELFAUDIT_MAX_WAIT_PER_HOST", 600.0), stats=crawler.stats)

    def _gave_up(self, host: str) -> IgnoreRequest:
        return IgnoreRequest(f"gave up on {host}: it kept answering 429 (rate limited) after "
                             f"{self.waited.get(host, 0.0):.0f} s of waiting in all; the next crawl tries again")

    def process_request(self, request: Request) -> None:
        host = urlsplit(request.url).netloc
        if self.waited.get(host, 0.0) >= self.max_total:
            raise self._gave_up(host)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status != 429:
            return response
        tries = int(request.meta.get("selfaudit_429", 0))
        if tries >= self.max_times:
            return response
        host = urlsplit(request.url).netloc
        budget = self.max_total - self.waited.get(host, 0.0)
        if budget <= 0:
            raise self._gave_up(host)
        headers = {k.decode("latin-1"): v[0].decode("latin-1") for k, v in response.headers.items() if v}
        asked = min(self.max_wait, retry_after_seconds(headers, now=time.time(), default=self.default_wait))
        if self.stats is not None:
            self.stats.inc_value("selfaudit/429")  # type: ignore[attr-defined]
        if asked > budget:  # waiting would exceed the host's budget: stop now rather than after it
            self.waited[host] = self.max_total
            if self.stats is not None:
                self.stats.inc_value("selfaudit/rate_limit_gave_up")  # type: ignore[attr-defined]
            raise self._gave_up(host)
        self.waited[host] = self.waited.get(host, 0.0) + asked
        await self.sleep(asked)
        retry = request.replace(dont_filter=True)
        retry.meta["selfaudit_429"] = tries + 1
        return retry
