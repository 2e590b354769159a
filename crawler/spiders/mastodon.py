"""Mastodon: profile and every public status of one account, newest to first.

The REST API is read without a token; a server that answers 401 is read
through ActivityPub (WebFinger, actor, outbox) instead.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import scrapy
from scrapy.http import Response
from selfaudit.crawler.parsers import mastodon as mp
from selfaudit.crawler.parsers.common import html_to_text, parse_link_header
from selfaudit.crawler.spiders.base import AccountSpider, PageJob, StreamPlan

__all__ = ["MastodonSpider"]

_AP = "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\""
_STATUS_KINDS = ("original", "reply", "repost", "quote")
PAGE = 40
INCREMENTAL_PAGE = 20


class MastodonSpider(AccountSpider):
    """``scrapy crawl mastodon -a handle=@user@host``."""

    name = "mastodon"
    platform = "mastodon"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.base = (self.handle_spec.service_url or f"https://{self.handle_spec.host}").rstrip("/")
        self.own_id: str | None = None
        self.pinned: set[str] = set()

    async def start(self) -> AsyncIterator[Any]:
        self.load_memory()
        query = urlencode({"acct": self.handle_spec.user})
        yield scrapy.Request(f"{self.base}/api/v1/accounts/lookup?{query}", callback=self.parse_lookup,
                             errback=self.on_error, meta={"handle_httpstatus_list": [401, 403, 404]})

    # ------------------------------------------------------------------ API
    def parse_lookup(self, response: Response) -> Iterator[Any]:
        if response.status in (401, 403):
            yield from self.start_activitypub()
            return
        if response.status == 404:
            yield self.account_error(f"no such account on {self.base}")
            return
        data = self.json_of(response)
        self.own_id = str(data["id"])
        yield mp.parse_account(data, account=self.account)
        yield from mp.account_links(data, account=self.account)
        yield scrapy.Request(self._statuses_url(pinned=True), callback=self.parse_pinned, errback=self.on_pinned_error)

    def _statuses_url(self, *, max_id: str | None = None, pinned: bool = False, limit: int = PAGE) -> str:
        params: dict[str, str] = {"limit": str(limit)}
        if pinned:
            params["pinned"] = "true"
        if max_id:
            params["max_id"] = max_id
        return f"{self.base}/api/v1/accounts/{self.own_id}/statuses?{urlencode(params)}"

    def parse_pinned(self, response: Response) -> Iterator[Any]:
        self.pinned = {str(s.get("uri")) for s in self.json_of(response) if isinstance(s, dict)}
        yield from self.start_statuses()

    def on_pinned_error(self, failure: Any) -> Iterator[Any]:
        yield from self.start_statuses()

    def start_statuses(self) -> Iterator[Any]:
        plan = self.plan("statuses", kinds=_STATUS_KINDS)
        if plan.resuming:
            yield self._page(plan, "head", None)
        yield self._page(plan, "tail", plan.resume_cursor)

    def _page(self, plan: StreamPlan, role: str, max_id: str | None) -> scrapy.Request:
        limit = PAGE if plan.full and role == "tail" else INCREMENTAL_PAGE  # incremental: expect few new ones
        return scrapy.Request(self._statuses_url(max_id=max_id, limit=limit), callback=self.parse_statuses,
                              errback=self.on_error,
                              cb_kwargs={"plan": plan, "role": role, "sent": max_id}, dont_filter=True)

    def parse_statuses(self, response: Response, plan: StreamPlan, role: str, sent: str | None = None) -> Iterator[Any]:
        data = self.json_of(response)
        items = mp.parse_statuses(data, account=self.account, own_id=self.own_id)
        for item in items:
            if item.native_id in self.pinned:
                item.extra["pinned"] = True
        nxt = parse_link_header(response.headers.get("Link", b"").decode("latin-1")).get("next")
        max_id = (parse_qs(urlsplit(nxt).query).get("max_id") or [None])[0] if nxt else None
        if max_id is not None and max_id == sent and data:
            # a server that repeats the cursor would loop forever; the page's oldest id is the real one
            self.crawler.stats.inc_value("selfaudit/repeated_cursor")
            max_id = str(data[-1].get("id")) if str(data[-1].get("id")) != sent else None
        met = False
        if role == "head" or not plan.full:
            items, met = self.split_known(items)
        at_end = not data or max_id is None or met
        job = PageJob(items=items)
        fresh = {i.native_id for i in items}
        job.waves = [[self._history_builder(s) for s in data
                      if isinstance(s, dict) and s.get("edited_at") and not s.get("reblog") and s.get("uri") in fresh]]
        if role == "tail":
            job.after.append(self.checkpoint(plan, max_id, done=at_end))
        if not at_end:
            job.after.append(self._page(plan, role, max_id))
        yield from self.run_job(job)

    def _history_builder(self, status: dict[str, Any]) -> Any:
        def build(job: PageJob) -> scrapy.Request:
            def apply(job: PageJob, response: Response | None) -> None:
                if response is None:
                    return
                versions = [html_to_text(v.get("content")) for v in self.json_of(response) if isinstance(v, dict)]
                for item in job.items:
                    if item.native_id == status["uri"]:
                        item.extra["edit_history"] = versions
            return self.job_request(f"{self.base}/api/v1/statuses/{status['id']}/history", apply)
        return build

    # ---------------------------------------------------------- ActivityPub
    def start_activitypub(self) -> Iterator[Any]:
        resource = urlencode({"resource": f"acct:{self.account}"})
        yield scrapy.Request(f"{self.base}/.well-known/webfinger?{resource}", callback=self.parse_webfinger,
                             errback=self.on_error)

    def parse_webfinger(self, response: Response) -> Iterator[Any]:
        actor = mp.webfinger_self(self.json_of(response))
        if not actor:
            yield self.account_error("the API is closed and WebFinger names no ActivityPub actor")
            return
        yield scrapy.Request(actor, headers={"Accept": _AP}, callback=self.parse_actor, errback=self.on_error)

    def parse_actor(self, response: Response) -> Iterator[Any]:
        data = self.json_of(response)
        self.actor_id = data.get("id")
        profile = mp.parse_actor(data, account=self.account)
        yield profile
        for url in profile.links:
            yield mp.LinkItem(platform=self.platform, account=self.account, url=url, origin="bio")
        outbox = data.get("outbox")
        if isinstance(outbox, str):
            yield scrapy.Request(outbox, headers={"Accept": _AP}, callback=self.parse_outbox, errback=self.on_error)
        else:
            yield self.account_error("the actor has no outbox")

    def parse_outbox(self, response: Response) -> Iterator[Any]:
        data = self.json_of(response)
        plan = self.plan("outbox", kinds=_STATUS_KINDS)
        first = data.get("first")
        first_url = first if isinstance(first, str) else (first or {}).get("id")
        if plan.resuming:
            yield self._outbox_page(plan, "head", first_url)
            yield self._outbox_page(plan, "tail", plan.resume_cursor)
        elif isinstance(first, dict) and first.get("orderedItems") is not None:
            yield from self._outbox_items(first, plan, "tail", response.url)
        elif first_url:
            yield self._outbox_page(plan, "tail", first_url)

    def _outbox_page(self, plan: StreamPlan, role: str, url: str | None) -> scrapy.Request:
        return scrapy.Request(url or "", headers={"Accept": _AP}, callback=self.parse_outbox_page,
                              errback=self.on_error, cb_kwargs={"plan": plan, "role": role}, dont_filter=True)

    def parse_outbox_page(self, response: Response, plan: StreamPlan, role: str) -> Iterator[Any]:
        yield from self._outbox_items(self.json_of(response), plan, role, response.url)

    def _outbox_items(self, data: dict[str, Any], plan: StreamPlan, role: str, url: str) -> Iterator[Any]:
        activities = data.get("orderedItems") or []
        items = [i for a in activities if isinstance(a, dict)
                 and (i := mp.parse_outbox_item(a, account=self.account, actor_id=getattr(self, "actor_id", None)))]
        met = False
        if role == "head" or not plan.full:
            items, met = self.split_known(items)
        nxt = data.get("next")
        nxt = nxt if isinstance(nxt, str) else (nxt or {}).get("id")
        at_end = not activities or not nxt or nxt == url or met
        job = PageJob(items=items, waves=[[self._announce_builder(i) for i in items if i.kind == "repost"]])
        if role == "tail":
            job.after.append(self.checkpoint(plan, nxt, done=at_end))
        if not at_end:
            job.after.append(self._outbox_page(plan, role, nxt))
        yield from self.run_job(job)

    def _announce_builder(self, item: Any) -> Any:
        def apply(job: PageJob, response: Response | None) -> None:
            mp.fill_announce(item, self.json_of(response) if response is not None else None)

        def build(job: PageJob) -> scrapy.Request | None:
            uri = item.extra.get("original_uri")
            return self.job_request(uri, apply, headers={"Accept": _AP}) if uri else None
        return build
