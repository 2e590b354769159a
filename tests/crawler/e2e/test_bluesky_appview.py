"""Bluesky with an AppView: liked/reposted text from getPosts, and getAuthorFeed when the PDS fails."""

from __future__ import annotations

from pathlib import Path

from selfaudit.crawler.runner import run_crawl
from selfaudit.sandbox.server import Sandbox
from selfaudit.sandbox.wire import Request, Response, error_json

from selfaudit.config import BlueskyConfig, CrawlConfig, Settings
from selfaudit.handles import parse_handle
from selfaudit.store import Store


def _settings(sb: Sandbox, data: Path) -> Settings:
    return Settings(accounts=(parse_handle(f"bsky:talia.test@{sb.base_url}"),), data_dir=data,
                    crawl=CrawlConfig(fast=True, javascript=False, bio_link_hops=0),
                    bluesky=BlueskyConfig(plc_url=sb.base_url + "/plc", appview_url=sb.base_url))


def _truth(sb: Sandbox) -> dict[str, dict[str, object]]:
    return {i["native_id"]: i for i in sb.truth()["items"] if i["account"] == "talia.test"}


def test_getposts_fills_liked_and_reposted_text(sandbox: Sandbox, tmp_path: Path) -> None:
    settings = _settings(sandbox, tmp_path)
    outcome = run_crawl(settings, fast=True)
    assert outcome.status == "ok", [a.line() for a in outcome.accounts]
    methods = [target.split("?")[0] for _, target, _ in sandbox.log]
    assert "/xrpc/app.bsky.feed.getPosts" in methods
    truth = _truth(sandbox)
    with Store.open(settings.db_path) as store:
        stored = {p["native_id"]: p for p in store.iter_posts()}
    assert set(stored) == set(truth)
    endorsed = [t for t in truth.values() if t["kind"] in ("like", "repost")]
    assert endorsed
    for row in endorsed:
        got = stored[str(row["native_id"])]
        assert got["text"] == row["subject_text"] and got["original_author"], row


def test_author_feed_when_the_pds_fails(sandbox: Sandbox, tmp_path: Path) -> None:
    served = sandbox.handle

    def broken_pds(req: Request) -> Response:
        if req.path == "/xrpc/com.atproto.repo.listRecords":
            return error_json(404, "NotFound", "listRecords is down")
        return served(req)

    sandbox.handle = broken_pds  # type: ignore[method-assign]
    settings = _settings(sandbox, tmp_path)
    outcome = run_crawl(settings, fast=True)
    [line] = outcome.accounts
    assert line.errors and "listRecords" in line.errors[0]  # the failure is reported ...
    truth = _truth(sandbox)
    with Store.open(settings.db_path) as store:
        stored = {p["native_id"]: p for p in store.iter_posts()}
    own = {nid for nid, t in truth.items() if t["kind"] in ("original", "reply", "quote")}
    assert own and own <= set(stored)  # ... and the posts still came through the AppView
