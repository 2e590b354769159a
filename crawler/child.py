"""The crawl child process: one reactor, the account spiders, then the bio-link spider.

Run by :mod:`selfaudit.crawler.runner` as ``python -m selfaudit.crawler.child JOBFILE``; never
imported by the CLI process, so a second crawl never meets a used reactor.
Progress and the final per-spider stats go to stdout as JSON lines, because
Scrapy's exit code does not say whether anything failed.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

__all__ = ["main"]

SPIDERS = {"mastodon": "selfaudit.crawler.spiders.mastodon.MastodonSpider", "bluesky": "selfaudit.crawler.spiders.bluesky.BlueskySpider",
           "web": "selfaudit.crawler.spiders.web.WebSpider", "biolinks": "selfaudit.crawler.spiders.biolinks.BiolinksSpider",
           "verify": "selfaudit.crawler.spiders.verify.VerifySpider",
           "media": "selfaudit.crawler.spiders.media.MediaSpider"}


def _emit(event: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(event, default=str) + "\n")
    sys.stdout.flush()


class _Progress:
    """Counts items per account and reports at most every 0.2 s per account."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.last: dict[str, float] = {}

    def item(self, item: Any) -> None:
        from selfaudit.crawler.items import PostItem

        if not isinstance(item, PostItem):
            return
        key = f"{item.platform}:{item.account}"
        self.counts[key] = self.counts.get(key, 0) + 1
        now = time.monotonic()
        if now - self.last.get(key, 0.0) >= 0.2:
            self.last[key] = now
            _emit({"event": "progress", "account": key, "items": self.counts[key]})


def main(argv: list[str] | None = None) -> int:
    """Run the crawl described by a job file; returns 0 when the reactor ran to the end."""
    args = sys.argv[1:] if argv is None else argv
    job = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    from scrapy.utils.reactor import install_reactor

    install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
    from scrapy import signals
    from scrapy.crawler import Crawler, CrawlerRunner
    from scrapy.settings import Settings
    from scrapy.utils.log import configure_logging
    from scrapy.utils.misc import load_object
    from twisted.internet import defer, reactor

    settings = Settings()
    settings.setmodule("selfaudit.crawler.settings", priority="project")
    settings.setdict(job["settings"], priority="cmdline")
    configure_logging(settings)
    from selfaudit.crawler.resolver import PolicyResolver

    PolicyResolver.install(settings, reactor)  # CrawlerRunner leaves DNS_RESOLVER unread
    runner = CrawlerRunner(settings)
    progress = _Progress()
    results: list[dict[str, Any]] = []

    can_render = "scrapy_playwright" in json.dumps(job["settings"].get("DOWNLOAD_HANDLERS", {}))
    plain_handlers = {"file": None, "data": None, "s3": None, "ftp": None}

    def crawl(spider: str, *, render: bool, **kwargs: Any) -> tuple[Any, defer.Deferred[Any]]:
        own = settings.copy()
        if not render:  # no browser driver unless a page proved it needs one
            own.set("DOWNLOAD_HANDLERS", plain_handlers, priority="cmdline")
        crawler = Crawler(load_object(SPIDERS[spider]), own)
        crawler.signals.connect(lambda item, **_: progress.item(item), signal=signals.item_scraped)
        label = kwargs.get("handle") or spider

        def done(result: Any) -> None:
            stats = crawler.stats.get_stats() if crawler.stats else {}
            failure = result.getErrorMessage() if hasattr(result, "getErrorMessage") else None
            results.append({"spider": spider, "handle": label, "failure": failure, "rendered": render,
                            "stats": {k: v for k, v in stats.items() if isinstance(v, (int, float, str))}})
        d = runner.crawl(crawler, **kwargs)
        d.addBoth(done)
        return crawler, d

    def needs_render(crawler: Any) -> bool:
        return can_render and bool(getattr(crawler.spider, "needs_render", False))

    @defer.inlineCallbacks
    def run() -> Any:
        try:
            # an account job names its handle; another spider (verify) gives its own arguments
            first = [(j, *crawl(j["spider"], render=False, **(j.get("args") or {"handle": j["handle"]})))
                     for j in job["jobs"]]
            yield defer.DeferredList([d for _, _, d in first])
            again = [j for j, crawler, _ in first if needs_render(crawler)]
            if again:  # only the sites whose root is an empty JavaScript shell
                yield defer.DeferredList([crawl(j["spider"], render=True, handle=j["handle"])[1] for j in again])
            bio = job.get("biolinks")
            if bio and load_object(SPIDERS["biolinks"]).crawlable_links(
                    job["settings"]["SELFAUDIT_DB"], [tuple(o) for o in bio["accounts"]], bio["skip"],
                    hops=int(job["settings"].get("SELFAUDIT_BIO_HOPS", 1)),
                    allow_loopback=bool(job["settings"].get("SELFAUDIT_ALLOW_LOOPBACK"))):
                kwargs = {"accounts": json.dumps(job["biolinks"]["accounts"]), "skip": json.dumps(job["biolinks"]["skip"])}
                crawler, d = crawl("biolinks", render=False, **kwargs)
                yield d
                if needs_render(crawler):
                    yield crawl("biolinks", render=True, **kwargs)[1]
            if (media := job.get("media")) and load_object(SPIDERS["media"]).wanted_media(
                    job["settings"]["SELFAUDIT_DB"], [tuple(o) for o in media["accounts"]], limit=1):
                yield crawl("media", render=False, accounts=json.dumps(media["accounts"]))[1]  # pictures (#13)
        finally:
            reactor.stop()  # type: ignore[attr-defined]

    reactor.callWhenRunning(run)  # type: ignore[attr-defined]
    reactor.run()  # type: ignore[attr-defined]
    for key, count in progress.counts.items():
        _emit({"event": "progress", "account": key, "items": count})
    _emit({"event": "done", "results": results})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
