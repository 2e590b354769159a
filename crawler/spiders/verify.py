"""``verify``: re-check the user's posts online and look for copies, through the crawl's politeness.

It runs in the crawl child with the same settings as every spider (User-Agent,
robots.txt, delays and AutoThrottle, retries with back-off, the Retry-After
budget, the URL policy and its DNS check), so it is not a second HTTP client.
Its input is a list of plans (``crawler/parsers/verify.py``) built by the
application layer; its answers go to the store through its own pipeline.
An error answer is passed to the callback (``handle_httpstatus_list``) so a 404
can say "gone" while redirects are still followed, each hop through the URL policy.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy.http import Response
from selfaudit.crawler.items import CopiesItem, VerifyItem
from selfaudit.crawler.parsers import verify as vp
from twisted.python.failure import Failure

__all__ = ["VerifySpider"]

_ERROR_CODES = [c for c in range(400, 600)]
_PARSERS = {"boosts": "reblogged_by", "quotes": "quotes", "wayback": "cdx"}


class VerifySpider(scrapy.Spider):
    """``scrapy crawl verify -a plans=PLANS.json -a wayback=https://web.archive.org``."""

    name = "verify"
    custom_settings = {"ITEM_PIPELINES": {"selfaudit.crawler.pipelines.verify.VerifyPipeline": 800}}

    def __init__(self, plans: str = "", wayback: str = "https://web.archive.org", *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not plans:
            raise ValueError("verify: pass the plans file with -a plans=...")
        self.plans: list[dict[str, Any]] = json.loads(Path(plans).read_text(encoding="utf-8"))
        self.wayback = wayback

    async def start(self) -> AsyncIterator[Any]:
        for plan in self.plans:
            target = plan.get("target")
            if target:
                yield scrapy.Request(target["url"], headers=target.get("headers") or {}, callback=self.parse_check,
                                     errback=self.check_failed, dont_filter=True,
                                     meta={"plan": plan, "handle_httpstatus_list": _ERROR_CODES})
            for lookup in plan.get("lookups") or []:
                yield scrapy.Request(lookup["url"], headers={"Accept": "application/json"}, callback=self.parse_copies,
                                     errback=self.copies_failed, dont_filter=True,
                                     meta={"plan": plan, "lookup": lookup, "handle_httpstatus_list": _ERROR_CODES})

    def parse_check(self, response: Response) -> Iterator[Any]:
        plan = response.meta["plan"]
        check = vp.check_answer(response.status, response.body, mode=plan["target"]["mode"],
                                platform=plan.get("platform", ""), kind=plan.get("kind", ""),
                                stored_text=plan.get("text", ""))
        yield VerifyItem(post_id=int(plan["post_id"]), status=check.status, http_status=check.http_status,
                         detail=check.detail or None, edited=check.edited)

    def check_failed(self, failure: Failure) -> Iterator[Any]:
        plan = failure.request.meta["plan"]  # type: ignore[attr-defined]
        self.crawler.stats.inc_value("selfaudit/verify_unknown")
        yield VerifyItem(post_id=int(plan["post_id"]), status="error", detail=_why(failure))

    def parse_copies(self, response: Response) -> Iterator[Any]:
        plan, lookup = response.meta["plan"], response.meta["lookup"]
        if response.status != 200:
            yield self._unchecked(plan, lookup, f"HTTP {response.status}")
            return
        try:
            if lookup["source"] == "wayback":
                copies = vp.parse_cdx(response.body, wayback_url=self.wayback)
            elif lookup["source"] == "boosts":
                copies = vp.parse_reblogged_by(response.body, status_url=lookup["about"])
            else:
                copies = vp.parse_quotes(response.body)
        except ValueError as exc:
            yield self._unchecked(plan, lookup, f"unreadable answer: {exc}")
            return
        yield CopiesItem(post_id=int(plan["post_id"]), source=lookup["source"], about=lookup["about"], checked=True,
                         copies=[{"where": c.where, "url": c.url} for c in copies])

    def copies_failed(self, failure: Failure) -> Iterator[Any]:
        request = failure.request  # type: ignore[attr-defined]
        yield self._unchecked(request.meta["plan"], request.meta["lookup"], _why(failure))

    def _unchecked(self, plan: dict[str, Any], lookup: dict[str, Any], why: str) -> CopiesItem:
        self.crawler.stats.inc_value("selfaudit/verify_copies_unchecked")
        return CopiesItem(post_id=int(plan["post_id"]), source=lookup["source"], about=lookup["about"], checked=False,
                          detail=f"could not check: {why}"[:300])


def _why(failure: Failure) -> str:
    """A short reason for a failed request: a timeout, a refusal, robots.txt, no connection."""
    message = failure.getErrorMessage() or failure.type.__name__
    if "robots.txt" in message.lower():
        return "robots.txt does not allow it"
    if "timeout" in failure.type.__name__.lower() or "timed out" in message.lower():
        return "timed out"
    return message[:200]
