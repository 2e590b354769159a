"""robots.txt is obeyed by requests queued while it is still being fetched (Scrapy 2.19.0 let them through)."""

from __future__ import annotations

from pathlib import Path

from selfaudit.crawler.runner import build_job

from selfaudit.config import CrawlConfig, Settings
from selfaudit.handles import parse_handle
from selfaudit.store import Store
from tests.crawler.loopsite import Site, html, run_child, serve


def test_requests_waiting_for_robots_txt_are_checked_too(tmp_path: Path) -> None:
    site = Site(routes={"/robots.txt": (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"),
                        **{f"/private/{n}": html(f"<p>private {n}</p>") for n in "abcd"},
                        "/public": html("<p>public</p>")},
                delays={"/robots.txt": 1.0})  # slow, so the other requests queue behind it
    with serve(site):
        spec = parse_handle(f"mastodon:@me@{site.base}")
        settings = Settings(accounts=(spec,), data_dir=tmp_path, crawl=CrawlConfig(fast=True, javascript=False))
        with Store.open(settings.db_path) as store:
            store.add_links([{"platform": "mastodon", "account": spec.handle, "url": f"{site.base}/private/{n}"}
                             for n in "abcd"] + [{"platform": "mastodon", "account": spec.handle,
                                                   "url": f"{site.base}/public"}])
        job = build_job(settings, fast=True, full=False, run_id=0, accounts=settings.accounts)
        job["jobs"] = []
        run_child(job, tmp_path)
    assert site.log.count("/robots.txt") == 1
    assert "/public" in site.log
    assert not [p for p in site.log if p.startswith("/private/")], site.log
