"""Retries for 5xx and timeouts, waiting longer before each attempt.

Scrapy's own RetryMiddleware re-queues at once, which hammers a struggling
server; this one sleeps ``base * 2**attempt`` seconds (capped) first.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Self

from scrapy.downloadermiddlewares.retry import RetryMiddleware

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import BaseSettings

__all__ = ["BackoffRetryMiddleware", "backoff_delay"]


def backoff_delay(attempt: int, *, base: float, cap: float) -> float:
    """Seconds to wait before retry number ``attempt`` (1-based)."""
    return min(cap, base * (2 ** max(0, attempt - 1)))


class BackoffRetryMiddleware(RetryMiddleware):
    """RetryMiddleware with exponential back-off before each retry."""

    def __init__(self, settings: BaseSettings, *, base: float = 1.0, cap: float = 60.0) -> None:
        super().__init__(settings)
        self.base = base
        self.cap = cap

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        obj = cls(crawler.settings, base=crawler.settings.getfloat("SELFAUDIT_BACKOFF_BASE", 1.0),
                  cap=crawler.settings.getfloat("SELFAUDIT_BACKOFF_CAP", 60.0))
        obj.crawler = crawler
        return obj

    async def _wait(self, request: Request, retry: Request | None) -> Request | None:
        if retry is not None:
            attempt = int(retry.meta.get("retry_times", 1))
            await asyncio.sleep(backoff_delay(attempt, base=self.base, cap=self.cap))
        return retry

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry = self._retry(request, f"HTTP {response.status}")
        return await self._wait(request, retry) or response

    async def process_exception(self, request: Request, exception: Exception) -> Request | Response | None:  # type: ignore[override]
        if isinstance(exception, self.exceptions_to_retry) and not request.meta.get("dont_retry", False):
            return await self._wait(request, self._retry(request, exception))
        return None
