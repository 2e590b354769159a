"""What every account spider shares: the handle, the store's memory, paging state.

A stream (Mastodon statuses, one Bluesky collection, a blog's post list) is
paged newest first. Its state in the store says where an interrupted pass
stopped; a new run resumes there and also reads the head of the stream down
to the first post it already knows. Without a saved position a run is a full
pass (until one pass has reached the end of the stream, or with ``--full``)
or an incremental one that stops at the first known post.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import scrapy
from scrapy.http import Response
from selfaudit.crawler.items import AccountStatusItem, CheckpointItem
from selfaudit.crawler.pipelines.store import stream_state_key
from twisted.python.failure import Failure

from selfaudit.handles import HandleSpec, parse_handle
from selfaudit.store import Store
from selfaudit.values import now_iso

__all__ = ["AccountSpider", "Builder", "PageJob", "StreamPlan"]


@dataclass(slots=True)
class StreamPlan:
    """How to page one stream in this run."""

    stream: str
    full: bool
    pass_started: str
    resume_cursor: str | None = None
    kinds: tuple[str, ...] = ()

    @property
    def resuming(self) -> bool:
        return self.resume_cursor is not None


Builder = Callable[["PageJob"], "scrapy.Request | None"]


@dataclass(slots=True)
class PageJob:
    """A page whose items need more fetches (liked posts' text, edit history) before they are emitted.

    ``waves`` are lists of request builders: the requests of one wave run in
    parallel, the next wave starts when they have all answered (an author's DID
    document before the author's records). ``after`` follows the items: the
    checkpoint and the next page request, so a checkpoint never precedes its items.
    """

    items: list[Any]
    waves: list[list[Builder]] = field(default_factory=list)
    after: list[Any] = field(default_factory=list)
    open: int = 0
    counted: bool = False


class AccountSpider(scrapy.Spider):
    """Base class: one account per spider instance."""

    platform = ""
    handle_spec: HandleSpec

    def __init__(self, handle: str = "", *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not handle:
            raise ValueError(f"{self.name}: pass the account with -a handle=...")
        self.handle_spec = parse_handle(handle)
        if self.platform and self.handle_spec.platform != self.platform:
            raise ValueError(f"{self.name} spider: {handle!r} is not a {self.platform} account")
        self.account = self.handle_spec.handle
        self.known: set[str] = set()
        self._states: dict[str, dict[str, Any]] = {}
        self.jobs_open = 0

    # ------------------------------------------------------------ settings
    @property
    def db_path(self) -> str:
        path = self.settings.get("SELFAUDIT_DB")
        if not path:
            from selfaudit.config import load_settings

            path = str(load_settings().db_path)
        return str(path)

    @property
    def allow_loopback(self) -> bool:
        """Whether the run named a loopback server, so the URL policy allows loopback targets."""
        return self.settings.getbool("SELFAUDIT_ALLOW_LOOPBACK")

    @property
    def force_full(self) -> bool:
        return self.settings.getbool("SELFAUDIT_FULL")

    def load_memory(self) -> None:
        """Read what the store already knows about this account (ids and paging states)."""
        with Store.open(self.db_path) as store:
            self.known = store.known_native_ids(self.platform, self.account)
            for key, value in store.cursors(self.platform, self.account, prefix="crawl:").items():
                self._states[key] = json.loads(value)

    # ------------------------------------------------------------- streams
    def plan(self, stream: str, *, kinds: tuple[str, ...] = ()) -> StreamPlan:
        """The paging plan of a stream: resume, full pass, or incremental."""
        state = self._states.get(stream_state_key(stream))
        if state and state.get("cursor"):
            return StreamPlan(stream, full=bool(state.get("full")), pass_started=state.get("pass_started") or now_iso(),
                              resume_cursor=str(state["cursor"]), kinds=kinds)
        # incremental (stop at the first known post) only once a pass has reached the end of this stream:
        # posts committed by a run that was killed before its first checkpoint must not end the next one
        complete = bool(state and state.get("complete"))
        return StreamPlan(stream, full=self.force_full or not complete, pass_started=now_iso(), kinds=kinds)

    def checkpoint(self, plan: StreamPlan, cursor: str | None, *, done: bool) -> CheckpointItem:
        return CheckpointItem(platform=self.platform, account=self.account, stream=plan.stream, cursor=cursor,
                              done=done, full=plan.full, pass_started=plan.pass_started, kinds=plan.kinds)

    def split_known(self, items: list[Any]) -> tuple[list[Any], bool]:
        """``(new items, whether a known one was met)`` for stop-at-known paging."""
        fresh = [i for i in items if i.native_id not in self.known]
        return fresh, len(fresh) < len(items)

    @staticmethod
    def json_of(response: Response) -> Any:
        """The response's JSON, parsed once by the malformed-JSON middleware where it could."""
        if "json_data" in response.meta:
            return response.meta["json_data"]
        return json.loads(response.text)

    # -------------------------------------------------------------- errors
    def account_error(self, message: str) -> AccountStatusItem:
        self.logger.warning("%s: %s", self.account, message)
        self.crawler.stats.inc_value("selfaudit/errors")
        return AccountStatusItem(platform=self.platform, account=self.account, error=message)

    def on_error(self, failure: Failure) -> Iterator[Any]:
        """Errback: an account-level error that does not stop the crawl."""
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        response = getattr(failure.value, "response", None)
        what = f"HTTP {response.status}" if response is not None else failure.getErrorMessage() or failure.type.__name__
        yield self.account_error(f"{what} on {url}")

    # ------------------------------------------------------------ page jobs
    def run_job(self, job: PageJob) -> Iterator[Any]:
        """Issue the job's next wave of fetches, or emit its items and what follows them."""
        while job.waves:
            requests = [r for build in job.waves.pop(0) if (r := build(job)) is not None]
            if requests:
                job.open = len(requests)
                if not job.counted:
                    job.counted = True
                    self.jobs_open += 1
                for request in requests:
                    request.meta["page_job"] = job
                    yield request
                return
        if job.counted:
            self.jobs_open -= 1
        yield from job.items
        yield from job.after

    def closed(self, reason: str) -> None:
        """A page whose fetches never all came back was not stored: say so (its cursor was not saved)."""
        if self.jobs_open:
            self.crawler.stats.set_value("selfaudit/unfinished_pages", self.jobs_open)

    def job_request(self, url: str, apply: Callable[[PageJob, Response | None], None], **kwargs: Any) -> scrapy.Request:
        """A request within a page job; ``apply`` folds its answer (None on failure) into the job."""
        return scrapy.Request(url, callback=self._job_done, errback=self._job_failed, dont_filter=True,
                              cb_kwargs={"apply": apply}, priority=10, **kwargs)

    def _job_done(self, response: Response, apply: Callable[[PageJob, Response | None], None]) -> Iterator[Any]:
        job: PageJob = response.meta["page_job"]
        apply(job, response)
        job.open -= 1
        if job.open == 0:
            yield from self.run_job(job)

    def _job_failed(self, failure: Failure) -> Iterator[Any]:
        request = failure.request  # type: ignore[attr-defined]
        job: PageJob = request.meta["page_job"]
        request.cb_kwargs["apply"](job, None)
        self.crawler.stats.inc_value("selfaudit/enrich_failed")
        job.open -= 1
        if job.open == 0:
            yield from self.run_job(job)
