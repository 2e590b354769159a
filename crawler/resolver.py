"""DNS answers pass the URL policy too: a public name must not lead into a private network.

A host name that resolves to a private, link-local or loopback address (DNS
rebinding, a hostile bio link's own domain) is refused as if the address had
been written in the URL. The crawl child installs it on its reactor itself
(:meth:`PolicyResolver.install`): Scrapy's ``CrawlerRunner`` does not read
``DNS_RESOLVER``, only ``CrawlerProcess`` does.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Self

from scrapy.resolver import CachingThreadedResolver
from twisted.internet.error import DNSLookupError

from selfaudit.urlpolicy import address_refusal

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings
    from twisted.internet.base import ReactorBase
    from twisted.internet.defer import Deferred

__all__ = ["PolicyResolver"]

logger = logging.getLogger(__name__)


class PolicyResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, refusing answers the URL policy forbids."""

    allow_loopback = False

    @classmethod
    def from_crawler(cls, crawler: Crawler, reactor: ReactorBase) -> Self:
        resolver = super().from_crawler(crawler, reactor)
        resolver.allow_loopback = crawler.settings.getbool("SELFAUDIT_ALLOW_LOOPBACK")
        return resolver

    @classmethod
    def install(cls, settings: BaseSettings, reactor: ReactorBase) -> Self:
        """Build one from Scrapy settings and make it the reactor's resolver."""
        cache = settings.getint("DNSCACHE_SIZE") if settings.getbool("DNSCACHE_ENABLED") else 0
        resolver = cls(reactor, cache, settings.getfloat("DNS_TIMEOUT"))
        resolver.allow_loopback = settings.getbool("SELFAUDIT_ALLOW_LOOPBACK")
        resolver.install_on_reactor()
        return resolver

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Deferred[str]:  # noqa: N802 - Twisted's name
        return super().getHostByName(name, timeout).addCallback(self._check, name)

    def _check(self, address: Any, name: str) -> Any:
        why = address_refusal(str(address), allow_loopback=self.allow_loopback)
        if why is not None:
            logger.warning("refusing %s: it resolves to %s (%s)", name, address, why)
            raise DNSLookupError(f"{name} resolves to {address}, refused: {why}")
        return address
