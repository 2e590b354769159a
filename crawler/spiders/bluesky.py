"""Bluesky: the profile, posts, reposts and likes of one account from its PDS.

Handle -> DID (``/.well-known/atproto-did``, then ``resolveHandle``) -> DID
document (PLC directory or did:web) -> PDS -> ``listRecords`` per collection.
The text of liked and reposted posts comes from the AppView's ``getPosts``
when one is configured, else from ``getRecord`` on the author's own PDS, so
the spider works against any PDS without an AppView.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response
from selfaudit.crawler.parsers import bluesky as bp
from selfaudit.crawler.spiders.base import AccountSpider, Builder, PageJob, StreamPlan
from twisted.python.failure import Failure

__all__ = ["BlueskySpider"]

Fill = Callable[[Any, "dict[str, Any] | None"], Any]
PAGE = 100
INCREMENTAL_PAGE = 25
BATCH = 25
_STREAMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "posts": (bp.POST, ("original", "reply", "quote")),
    "reposts": (bp.REPOST, ("repost",)),
    "likes": (bp.LIKE, ("like",)),
}


class BlueskySpider(AccountSpider):
    """``scrapy crawl bluesky -a handle=bsky:alice.example.com``."""

    name = "bluesky"
    platform = "bluesky"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.did: str | None = self.account if self.account.startswith("did:") else None
        self.pds: str | None = self.handle_spec.service_url
        self.handle: str | None = None if self.did else self.account
        self.pds_of: dict[str, str | None] = {}
        self.fell_back = False

    @property
    def plc(self) -> str:
        return self.settings.get("SELFAUDIT_PLC_URL") or "https://plc.directory"

    @property
    def appview(self) -> str:
        return self.settings.get("SELFAUDIT_APPVIEW_URL") or ""

    def xrpc(self, base: str, method: str, **params: Any) -> str:
        query = urlencode([(k, x) for k, v in params.items() for x in (v if isinstance(v, list) else [v])
                           if x is not None])
        return f"{base.rstrip('/')}/xrpc/{method}?{query}"

    # ----------------------------------------------------------- identity
    async def start(self) -> AsyncIterator[Any]:
        self.load_memory()
        if self.did:
            yield self._did_doc_request(self.did, self.parse_own_doc)
        elif self.pds:
            yield scrapy.Request(self.xrpc(self.pds, "com.atproto.identity.resolveHandle", handle=self.handle),
                                 callback=self.parse_resolved, errback=self.on_error)
        else:
            yield scrapy.Request(f"https://{self.handle}/.well-known/atproto-did", callback=self.parse_well_known,
                                 errback=self.on_well_known_error)

    def parse_well_known(self, response: Response) -> Iterator[Any]:
        did = response.text.strip()
        if not did.startswith("did:"):
            yield from self.on_well_known_error(None)
            return
        self.did = did
        yield self._did_doc_request(did, self.parse_own_doc)

    def on_well_known_error(self, failure: Failure | None) -> Iterator[Any]:
        resolver = self.appview or "https://bsky.social"
        yield scrapy.Request(self.xrpc(resolver, "com.atproto.identity.resolveHandle", handle=self.handle),
                             callback=self.parse_resolved, errback=self.on_error)

    def parse_resolved(self, response: Response) -> Iterator[Any]:
        self.did = self.json_of(response)["did"]
        if self.pds:
            yield from self.start_repo()
        else:
            yield self._did_doc_request(self.did, self.parse_own_doc)

    def _did_doc_request(self, did: str, callback: Callable[..., Any], **kwargs: Any) -> scrapy.Request:
        if did.startswith("did:web:"):
            url = bp.did_web_url(did)
        else:
            url = f"{self.plc.rstrip('/')}/{did}"
        return scrapy.Request(url, callback=callback, errback=kwargs.pop("errback", self.on_error), **kwargs)

    def parse_own_doc(self, response: Response) -> Iterator[Any]:
        doc = self.json_of(response)
        self.handle = bp.handle_from_doc(doc) or self.handle
        self.pds = self.pds or bp.pds_endpoint(doc, allow_loopback=self.allow_loopback)
        if not self.pds:
            yield self.account_error("the DID document names no #atproto_pds service the URL policy allows")
            return
        yield from self.start_repo()

    # --------------------------------------------------------------- repo
    def start_repo(self) -> Iterator[Any]:
        assert self.did and self.pds
        self.pds_of[self.did] = self.pds
        yield scrapy.Request(
            self.xrpc(self.pds, "com.atproto.repo.getRecord", repo=self.did, collection=bp.PROFILE, rkey="self"),
            callback=self.parse_profile, errback=self.on_profile_error, meta={"handle_httpstatus_list": [400, 404]})
        for stream, (_, kinds) in _STREAMS.items():
            plan = self.plan(stream, kinds=kinds)
            if plan.resuming:
                yield self._list(plan, "head", None)
            yield self._list(plan, "tail", plan.resume_cursor)

    def parse_profile(self, response: Response) -> Iterator[Any]:
        value = self.json_of(response).get("value") if response.status == 200 else None
        profile = bp.parse_profile_record(value, account=self.account, did=self.did or "")
        profile.extra["handle"] = self.handle
        yield profile
        yield from bp.profile_links(profile)

    def on_profile_error(self, failure: Failure) -> Iterator[Any]:
        yield from self.on_error(failure)

    def _list(self, plan: StreamPlan, role: str, cursor: str | None) -> scrapy.Request:
        collection = _STREAMS[plan.stream][0]
        # a full pass reads big pages; an incremental one expects a few new records at the head
        limit = PAGE if plan.full and role == "tail" else INCREMENTAL_PAGE
        url = self.xrpc(self.pds or "", "com.atproto.repo.listRecords", repo=self.did, collection=collection,
                        limit=limit, cursor=cursor)
        return scrapy.Request(url, callback=self.parse_records, errback=self.on_list_error, dont_filter=True,
                              cb_kwargs={"plan": plan, "role": role, "sent": cursor})

    def parse_records(self, response: Response, plan: StreamPlan, role: str, sent: str | None = None) -> Iterator[Any]:
        data = self.json_of(response)
        records = [r for r in data.get("records") or [] if isinstance(r, dict) and r.get("uri")]
        if plan.stream == "posts":
            items = [bp.parse_post_record(r, account=self.account, handle=self.handle) for r in records]
            for item in items:  # the pictures' getBlob URLs on the user's own PDS (#13)
                if (blobs := item.extra.pop("blobs", None)) and self.pds and self.did:
                    item.extra["media_urls"] = [self.xrpc(self.pds, "com.atproto.sync.getBlob", did=self.did, cid=c)
                                                for c in blobs]
        else:
            kind = "repost" if plan.stream == "reposts" else "like"
            items = [bp.parse_subject_record(r, account=self.account, kind=kind) for r in records]
        met = False
        if role == "head" or not plan.full:
            items, met = self.split_known(items)
        cursor = data.get("cursor")
        if cursor is not None and cursor == sent and records:
            # a repeated cursor would loop forever; the PDS cursor is the last record key
            self.crawler.stats.inc_value("selfaudit/repeated_cursor")
            last = bp.split_at_uri(records[-1]["uri"])[2]
            cursor = last if last != sent else None
        at_end = not records or not cursor or met
        job = PageJob(items=items)
        if plan.stream != "posts" and items:
            job.waves = self._subject_waves(items)
        elif quotes := [i for i in items if i.extra.get("quoted_uri", "").startswith("at://")]:
            job.waves = self._subject_waves(quotes, key="quoted_uri", fill=bp.fill_quoted)
        if role == "tail":
            job.after.append(self.checkpoint(plan, cursor, done=at_end))
        if not at_end:
            job.after.append(self._list(plan, role, cursor))
        yield from self.run_job(job)

    def on_list_error(self, failure: Failure) -> Iterator[Any]:
        yield from self.on_error(failure)
        if self.appview and not self.fell_back and self.did:
            self.fell_back = True
            yield self._feed_request(None)

    # ---------------------------------------------------- liked/reposted text
    def _subject_waves(self, items: list[Any], *, key: str = "subject_uri", fill: Fill = bp.fill_subject,
                       ) -> list[list[Builder]]:
        """Fetch the posts that items point at (liked, reposted, quoted) and ``fill`` the items from them."""
        if self.appview:
            return [[self._getposts_builder(items[i:i + BATCH], key, fill) for i in range(0, len(items), BATCH)]]
        authors = {bp.split_at_uri(i.extra[key])[0] for i in items if i.extra.get(key, "").count("/") == 4}
        return [[self._author_doc_builder(did) for did in sorted(authors - set(self.pds_of))],
                [self._getrecord_builder(item, key, fill) for item in items]]

    def _getposts_builder(self, batch: list[Any], key: str, fill: Fill) -> Builder:
        uris = [i.extra[key] for i in batch if i.extra.get(key, "").startswith("at://")]

        def apply(job: PageJob, response: Response | None) -> None:
            posts = {p.get("uri"): p for p in (self.json_of(response).get("posts") or [])} if response else {}
            for item in batch:
                post = posts.get(item.extra.get(key))
                fill(item, {"value": post.get("record"), "author": post.get("author")} if post else None)

        def build(job: PageJob) -> scrapy.Request | None:
            if not uris:
                return None
            return self.job_request(self.xrpc(self.appview, "app.bsky.feed.getPosts", uris=uris), apply)
        return build

    def _getrecord_builder(self, item: Any, key: str, fill: Fill) -> Builder:
        subject = item.extra.get(key) or ""

        def apply(job: PageJob, response: Response | None) -> None:
            fill(item, self.json_of(response) if response is not None else None)

        def build(job: PageJob) -> scrapy.Request | None:
            try:
                did, collection, rkey = bp.split_at_uri(subject)
            except ValueError:
                fill(item, None)
                return None
            pds = self.pds_of.get(did)
            if not pds:
                fill(item, None)
                return None
            return self.job_request(self.xrpc(pds, "com.atproto.repo.getRecord", repo=did, collection=collection,
                                              rkey=rkey), apply)
        return build

    def _author_doc_builder(self, did: str) -> Builder:
        def apply(job: PageJob, response: Response | None) -> None:
            self.pds_of[did] = (bp.pds_endpoint(self.json_of(response), allow_loopback=self.allow_loopback)
                                if response is not None else None)

        def build(job: PageJob) -> scrapy.Request | None:
            if did in self.pds_of:
                return None
            url = bp.did_web_url(did) if did.startswith("did:web:") else f"{self.plc.rstrip('/')}/{did}"
            return self.job_request(url, apply)
        return build

    # ------------------------------------------------------ AppView fallback
    def _feed_request(self, cursor: str | None) -> scrapy.Request:
        url = self.xrpc(self.appview, "app.bsky.feed.getAuthorFeed", actor=self.did, limit=PAGE, cursor=cursor,
                        filter="posts_with_replies")
        return scrapy.Request(url, callback=self.parse_feed, errback=self.on_error, dont_filter=True)

    def parse_feed(self, response: Response) -> Iterator[Any]:
        data = self.json_of(response)
        entries = data.get("feed") or []
        for entry in entries:
            if isinstance(entry, dict) and (item := bp.parse_feed_item(entry, account=self.account, did=self.did or "")):
                yield item
        if entries and data.get("cursor"):
            yield self._feed_request(data["cursor"])
