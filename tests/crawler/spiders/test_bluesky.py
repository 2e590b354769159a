"""The Bluesky spider against the sandbox's real formats: the PDS repo, liked posts from the AppView, the fallback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import scrapy
from scrapy.http import TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from selfaudit.crawler.items import AccountStatusItem, CheckpointItem, PostItem, ProfileItem
from selfaudit.crawler.spiders.bluesky import BlueskySpider
from selfaudit.sandbox import Sandbox, build_persona
from twisted.python.failure import Failure

from tests.crawler.spiders.drive import drive, fetch


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(port=0, persona=build_persona(seed=7)) as sb:
        yield sb


def _spider(sandbox: Sandbox, tmp_path: Path, handle: str, *, appview: bool = True) -> BlueskySpider:
    settings = {"SELFAUDIT_DB": str(tmp_path / "s.db"), "TELNETCONSOLE_ENABLED": False,
                "SELFAUDIT_PLC_URL": f"{sandbox.base_url}/plc", "SELFAUDIT_APPVIEW_URL": sandbox.base_url if appview else "",
                "SELFAUDIT_ALLOW_LOOPBACK": True}
    crawler = get_crawler(BlueskySpider, settings)
    spider = BlueskySpider.from_crawler(crawler, handle=f"bsky:{handle}@{sandbox.base_url}")
    crawler.spider = spider
    return spider


def _expected(sandbox: Sandbox, account: str, kinds: set[str] | None = None) -> set[str]:
    return {i["native_id"] for i in sandbox.truth()["items"]
            if i["platform"] == "bluesky" and i["account"] == account and (kinds is None or i["kind"] in kinds)}


def test_the_repo_gives_profile_posts_and_a_checkpoint_per_stream(sandbox: Sandbox, tmp_path: Path) -> None:
    run = drive(_spider(sandbox, tmp_path, "quietobserver.test"))
    [profile] = run.of(ProfileItem)
    assert profile.account == "quietobserver.test" and profile.extra["handle"] == "quietobserver.test"
    assert {p.native_id for p in run.of(PostItem)} == _expected(sandbox, "quietobserver.test")
    done = {c.stream for c in run.of(CheckpointItem) if c.done}
    assert done == {"posts", "reposts", "likes"}
    assert not run.of(AccountStatusItem)
    assert any("com.atproto.identity.resolveHandle" in url for url in run.fetched)


def test_likes_and_reposts_carry_the_text_of_the_post_they_point_at(sandbox: Sandbox, tmp_path: Path) -> None:
    run = drive(_spider(sandbox, tmp_path, "talia.test"), limit=400)
    posts = run.of(PostItem)
    assert {p.native_id for p in posts} == _expected(sandbox, "talia.test")
    pointing = [p for p in posts if p.kind in ("like", "repost")]
    assert len(pointing) == 72
    assert all(p.text or p.extra.get("subject_missing") for p in pointing)
    assert sum(bool(p.text) for p in pointing) > len(pointing) // 2
    assert any("app.bsky.feed.getPosts" in url for url in run.fetched)


def test_a_repo_that_cannot_be_listed_falls_back_to_the_appview_feed(sandbox: Sandbox, tmp_path: Path) -> None:
    spider = _spider(sandbox, tmp_path, "quietobserver.test")
    resolve = scrapy.Request(spider.xrpc(sandbox.base_url, "com.atproto.identity.resolveHandle", handle="quietobserver.test"))
    spider.did = json.loads(fetch(resolve).text)["did"]
    url = spider.xrpc(sandbox.base_url, "com.atproto.repo.listRecords", repo=spider.did, collection="app.bsky.feed.post")
    failure = Failure(HttpError(TextResponse(url, status=502, body=b""), "Ignoring non-200 response"))
    failure.request = scrapy.Request(url)  # type: ignore[attr-defined]
    run = drive(spider, spider.on_list_error(failure))
    [error] = run.of(AccountStatusItem)
    assert error.error == f"HTTP 502 on {url}"
    assert run.fetched and all("app.bsky.feed.getAuthorFeed" in u for u in run.fetched)
    feed = {p.native_id for p in run.of(PostItem)}
    assert feed and feed <= _expected(sandbox, "quietobserver.test")
    assert list(spider.on_list_error(failure)) == list(spider.on_error(failure)), "the fallback is tried once"
