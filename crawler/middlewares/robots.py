"""robots.txt for every request, including those queued while it is being fetched.

Scrapy 2.19.0's ``RobotsTxtMiddleware`` makes later requests to a host await
the Deferred of its robots.txt download; since scrapy/scrapy#6802 that wait is
``maybe_deferred_to_future(deferred)``, which consumes the Deferred's result,
so only the first waiting request gets the parser and the others get ``None``
and are let through unchecked. Once the download has finished the middleware
has stored the parser (or None after an error) for the host, so each waiter
reads it from there instead of from the Deferred. No upstream fix was found
in Scrapy's changelog or tracker at the time of writing (#14).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.robotstxt import RobotParser

__all__ = ["WaitingRobotsTxtMiddleware"]


class WaitingRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, giving every waiting request the host's parser."""

    async def robot_parser(self, request: Request) -> RobotParser | None:
        result = await super().robot_parser(request)
        stored = self._parsers.get(urlparse_cached(request).netloc)
        return result if isinstance(stored, Deferred) else stored
