"""Retry API answers that should be JSON but do not parse (a truncated body).

A response is expected to be JSON when its Content-Type says so (a cut body
keeps its headers) or its request carries ``meta["json"] = True``. The parsed
value is left in ``meta["json_data"]`` so that callbacks do not parse it twice.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Self

from scrapy.downloadermiddlewares.retry import get_retry_request

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

__all__ = ["MalformedJsonMiddleware"]


class MalformedJsonMiddleware:
    """Re-issue a 200 response whose JSON body is broken, a bounded number of times."""

    def __init__(self, *, max_times: int = 4, crawler: Crawler | None = None) -> None:
        self.max_times = max_times
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(max_times=crawler.settings.getint("RETRY_TIMES", 4), crawler=crawler)

    def process_response(self, request: Request, response: Response) -> Request | Response:
        ctype = response.headers.get("Content-Type", b"").lower()
        if response.status != 200 or not (request.meta.get("json") or b"json" in ctype):
            return response
        try:
            data: Any = json.loads(response.body)
        except ValueError:
            spider: Spider | None = self.crawler.spider if self.crawler else None
            if spider is None:
                return response
            retry = get_retry_request(request, spider=spider, reason="malformed JSON", max_retry_times=self.max_times)
            return retry or response
        request.meta["json_data"] = data
        return response
